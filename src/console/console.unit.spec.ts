import { loadConfig } from '../config';
import { AuthSettings, resolveAuthSettings } from '../auth/auth-settings';
import { consoleSettings } from './console-settings';
import { consoleCsp } from './serve-console';

const dev: AuthSettings = {
  ...resolveAuthSettings(loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32) })),
  bron: 'ontwikkelgeheim', secret: new Uint8Array(32), devSecretFile: '/tmp/x/dev-jwt-secret',
};

describe('consoleSettings', () => {
  it('offers the development sign-in only on the development secret file, never in production', () => {
    expect(consoleSettings(loadConfig({}), dev).ontwikkelLogin).toBe(true);
    expect(consoleSettings({ ...loadConfig({}), nodeEnv: 'production' }, dev).ontwikkelLogin).toBe(false);
    expect(consoleSettings(loadConfig({}), { ...dev, bron: 'AUTH_JWT_SECRET', devSecretFile: undefined }).ontwikkelLogin).toBe(false);
    // An in-memory store gets a random secret per module: a token minted with another copy would not verify.
    expect(consoleSettings(loadConfig({}), { ...dev, devSecretFile: undefined }).ontwikkelLogin).toBe(false);
  });

  it('takes the issuer from AUTH_ISSUER and the client from CONSOLE_OIDC_*', () => {
    const s = consoleSettings(loadConfig({
      AUTH_ISSUER: 'https://idp.test/realms/g', CONSOLE_OIDC_CLIENT_ID: 'console', CONSOLE_OIDC_SCOPE: 'openid', CONSOLE_OIDC_RESOURCE: 'https://api.test',
    }), dev);
    expect(s).toMatchObject({ issuer: 'https://idp.test/realms/g', clientId: 'console', scope: 'openid', resource: 'https://api.test' });
    expect(consoleSettings(loadConfig({}), dev)).toMatchObject({ issuer: null, clientId: 'inburgering-console', scope: 'openid profile', resource: null });
  });
});

describe('consoleCsp', () => {
  it('lets the page connect to itself and the issuer’s origin only, with no inline script', () => {
    const csp = consoleCsp('https://login.gemeente.nl/realms/inburgering');
    expect(csp).toContain("connect-src 'self' https://login.gemeente.nl;");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(consoleCsp(undefined)).toContain("connect-src 'self';");
    expect(consoleCsp('geen url')).toContain("connect-src 'self';");
  });
});
