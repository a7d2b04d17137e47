import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { withoutPersonalData } from './field-groups';
import { keystorePathOf, parseMasterKey, resolveMasterKey } from './master-key';

describe('master key', () => {
  it('reads 32 bytes as hex or base64 and refuses anything else', () => {
    const hex = 'ab'.repeat(32);
    expect(parseMasterKey(hex)).toEqual(Buffer.from(hex, 'hex'));
    expect(parseMasterKey(Buffer.alloc(32, 7).toString('base64'))).toEqual(Buffer.alloc(32, 7));
    expect(() => parseMasterKey('te-kort')).toThrow(/32 bytes/);
  });

  it('is required in production', () => {
    expect(() => resolveMasterKey({ ...loadConfig({}), nodeEnv: 'production' })).toThrow(/KEYSTORE_MASTER_KEY ontbreekt/);
    expect(resolveMasterKey({ ...loadConfig({}), nodeEnv: 'production', keystoreMasterKey: 'cd'.repeat(32) })).toHaveLength(32);
  });

  it('is made once in the data folder in development, and kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ie-master-'));
    try {
      const config = { ...loadConfig({}), sqlitePath: join(dir, 'events.sqlite') };
      expect(keystorePathOf(config)).toBe(join(dir, 'keys.sqlite'));
      const logged: string[] = [];
      const first = resolveMasterKey(config, (m) => logged.push(m));
      expect(logged).toHaveLength(1);
      expect(resolveMasterKey(config, (m) => logged.push(m))).toEqual(first);
      expect(logged).toHaveLength(1);
      expect(readFileSync(join(dir, 'keystore-master.key'), 'utf8').trim()).toBe(first.toString('hex'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('withoutPersonalData', () => {
  it('replaces the personal fields of an event and leaves everything else', () => {
    const data = { soort: 'inburgering', datum: '2025-01-15', persoon: { naam: 'X', bsn: '111222333' } };
    expect(withoutPersonalData('InburgeraarGeregistreerd', data)).toEqual({
      soort: 'inburgering', datum: '2025-01-15', persoon: { $gewist: true, veldgroep: 'persoon' },
    });
    expect(data.persoon.naam).toBe('X');
    expect(withoutPersonalData('TrajectBeeindigd', { datum: 'd', reden: 'verhuisd' })).toEqual({ datum: 'd', reden: 'verhuisd' });
    expect(withoutPersonalData('TrajectBeeindigd', { datum: 'd', reden: 'verhuisd', toelichting: 'x' }))
      .toEqual({ datum: 'd', reden: 'verhuisd', toelichting: { $gewist: true, veldgroep: 'vrije-tekst' } });
    expect(withoutPersonalData('UrenGeregistreerd', { uren: 3 })).toEqual({ uren: 3 });
  });
});
