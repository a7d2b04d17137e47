import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '../config';
import { resolveAuthSettings } from './auth-settings';
import { rollenUit } from './gebruiker';

describe('rollenUit', () => {
  it('reads an array or a space/comma-separated string, keeps only known roles, once each', () => {
    expect(rollenUit({ rollen: ['teamleider', 'klantmanager', 'teamleider', 'admin'] }, 'rollen')).toEqual(['teamleider', 'klantmanager']);
    expect(rollenUit({ rollen: 'compliance beheerder,klantmanager' }, 'rollen')).toEqual(['compliance', 'beheerder', 'klantmanager']);
    expect(rollenUit({ rollen: 7 }, 'rollen')).toEqual([]);
    expect(rollenUit({}, 'rollen')).toEqual([]);
  });

  it('follows a dotted path, but prefers a claim literally so named', () => {
    expect(rollenUit({ realm_access: { roles: ['offline_access', 'compliance'] } }, 'realm_access.roles')).toEqual(['compliance']);
    expect(rollenUit({ 'https://gemeente.nl/rollen': ['beheerder'] }, 'https://gemeente.nl/rollen')).toEqual(['beheerder']);
  });
});

describe('resolveAuthSettings', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ie-auth-unit-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  // The settings' own checks, past the configuration schema (which refuses most of these at start already).
  const config = (over: Partial<AppConfig>) => ({ ...loadConfig({ SQLITE_PATH: join(dir, 'events.sqlite') }), ...over });

  it('takes AUTH_JWT_SECRET, refusing a short one', () => {
    expect(resolveAuthSettings(config({ authJwtSecret: 'x'.repeat(32) })).bron).toBe('AUTH_JWT_SECRET');
    expect(() => resolveAuthSettings(config({ authJwtSecret: 'geheim' }))).toThrow(/te kort/);
  });

  it('takes a JWKS with issuer and audience; production demands both', () => {
    const jwks = { authJwksUrl: 'https://idp.test/certs' };
    expect(resolveAuthSettings(config(jwks))).toMatchObject({ bron: 'AUTH_JWKS_URL' });
    expect(resolveAuthSettings(config(jwks)).secret).toBeUndefined();
    expect(() => resolveAuthSettings(config({ ...jwks, nodeEnv: 'production' }))).toThrow(/AUTH_ISSUER en AUTH_AUDIENCE/);
    expect(resolveAuthSettings(config({ ...jwks, nodeEnv: 'production', authIssuer: 'https://idp.test', authAudience: 'ie' })))
      .toMatchObject({ issuer: 'https://idp.test', audience: 'ie' });
    expect(() => resolveAuthSettings(config({ authJwksUrl: 'ftp://idp.test/certs' }))).toThrow(/https/);
    expect(() => resolveAuthSettings(config({ authJwksUrl: 'geen url' }))).toThrow(/geen geldige URL/);
  });

  it('refuses production without any auth configuration', () => {
    expect(() => resolveAuthSettings(config({ nodeEnv: 'production' }))).toThrow(/niet geconfigureerd/);
  });

  it('makes a development secret once (mode 0600) and says how to get a token', () => {
    const log: string[] = [];
    const first = resolveAuthSettings(config({}), (m) => log.push(m));
    const file = join(dir, 'dev-jwt-secret');
    expect(first).toMatchObject({ bron: 'ontwikkelgeheim', devSecretFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    expect(log.join('\n')).toMatch(/gemaakt[\s\S]*npm run token -- --rol klantmanager --sub kim/);
    const second = resolveAuthSettings(config({}));
    expect(Buffer.from(second.secret!).equals(Buffer.from(first.secret!))).toBe(true);
  });
});
