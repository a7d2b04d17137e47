import { bsnHash, duoConfig } from './duo-config';
import { wachttijd } from './duo-sender';

const OINS = { DUO_OIN_GEMEENTE: '00000001001172773000', DUO_OIN_DUO: '00000001800866472000' };

describe('DUO configuration', () => {
  it('is off without DUO_BASE_URL', () => {
    expect(duoConfig({}).baseUrl).toBeUndefined();
  });

  it('takes http:// only outside production, and needs both OINs when on', () => {
    expect(duoConfig({ DUO_BASE_URL: 'http://127.0.0.1:8443/v1/', ...OINS }).baseUrl).toBe('http://127.0.0.1:8443/v1');
    expect(() => duoConfig({ NODE_ENV: 'production', DUO_BSN_SLEUTEL: 'k', DUO_BASE_URL: 'http://duo.example/v1', ...OINS })).toThrow(/https/);
    expect(duoConfig({ NODE_ENV: 'production', DUO_BSN_SLEUTEL: 'k', DUO_BASE_URL: 'https://duo.example:1234/v1', ...OINS }).baseUrl).toBe('https://duo.example:1234/v1');
    expect(() => duoConfig({ DUO_BASE_URL: 'https://duo.example/v1', DUO_OIN_GEMEENTE: '123' })).toThrow(/OIN/);
  });

  it('requires a BSN index key in production; the index is a keyed hash', () => {
    expect(() => duoConfig({ NODE_ENV: 'production' })).toThrow(/DUO_BSN_SLEUTEL/);
    expect(duoConfig({ NODE_ENV: 'production', KEYSTORE_MASTER_KEY: 'm' }).bsnSleutel).not.toBe(duoConfig({ NODE_ENV: 'production', KEYSTORE_MASTER_KEY: 'n' }).bsnSleutel);
    expect(bsnHash('a', '111222333')).not.toBe(bsnHash('b', '111222333'));
    expect(bsnHash('a', '111222333')).not.toContain('111222333');
  });

  it('backs off by doubling, capped', () => {
    expect([1, 2, 3, 4, 10].map((n) => wachttijd(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});
