import { JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { AuthSettings } from './auth-settings';
import { TokenGeweigerd, TokenVerifier, SleutelsOnbereikbaar } from './token-verifier';

/** The verified-token cache: it saves jose's work, never a check (exp, the key that signed, the key set's freshness). */

const SECRET = new TextEncoder().encode('a-secret-of-at-least-32-characters-long!');
const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const TIMING = { cacheMs: 60_000, cooldownMs: 0, maxStaleMs: 60_000, timeoutMs: 2000 };

const settings = (extra: Partial<AuthSettings> = {}): AuthSettings => ({
  rollenClaim: 'rollen', bron: 'AUTH_JWT_SECRET', maxLifetimeSeconds: 3600, jwksTiming: TIMING, ...extra,
});

/** A clock the test moves. */
function clock() {
  let t = T0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const hs256 = (expiresInS: number, sub = 'kim') =>
  new SignJWT({ rollen: ['klantmanager'] }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub)
    .setIssuedAt(T0 / 1000).setExpirationTime(T0 / 1000 + expiresInS).sign(SECRET);

describe('TokenVerifier: the verified-token cache (HS256)', () => {
  it('verifies a token with jose once, then answers from the cache', async () => {
    const c = clock();
    const verifier = new TokenVerifier(settings({ secret: SECRET }), undefined, c.now);
    const token = await hs256(600);
    const first = await verifier.verify(token);
    const second = await verifier.verify(token);
    expect(second).toEqual({ sub: 'kim', name: undefined, rollen: ['klantmanager'] });
    expect(second).toBe(first);
    expect(verifier.verifications).toBe(1);
    expect(Object.isFrozen(first) && Object.isFrozen(first.rollen)).toBe(true);
  });

  it('never accepts a cached token at or after its exp', async () => {
    const c = clock();
    const verifier = new TokenVerifier(settings({ secret: SECRET }), undefined, c.now);
    const token = await hs256(60);
    await verifier.verify(token);
    // Past exp, within jose's clock tolerance: the cache does not answer; jose (with its 30 s tolerance) does.
    c.advance(60_000);
    await verifier.verify(token);
    expect(verifier.verifications).toBe(2);
    // Past exp and the tolerance: refused, though it was verified (and cached) before.
    c.advance(31_000);
    await expect(verifier.verify(token)).rejects.toThrow(new TokenGeweigerd('Het token is verlopen'));
  });

  it('never remembers a refusal, and a changed signature is another token', async () => {
    const c = clock();
    const verifier = new TokenVerifier(settings({ secret: SECRET }), undefined, c.now);
    const token = await hs256(600);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verifier.verify(tampered)).rejects.toBeInstanceOf(TokenGeweigerd);
    await verifier.verify(token);
    await expect(verifier.verify(tampered)).rejects.toBeInstanceOf(TokenGeweigerd);
    // A verifier with another secret (a restart with a new AUTH_JWT_SECRET) trusts nothing of the old one.
    const other = new TokenVerifier(settings({ secret: new TextEncoder().encode('another-secret-of-at-least-32-characters') }), undefined, c.now);
    await expect(other.verify(token)).rejects.toBeInstanceOf(TokenGeweigerd);
  });
});

describe('TokenVerifier: the verified-token cache (JWKS)', () => {
  let server: Server;
  let keys: JWK[] = [];
  let up = true;
  let url: URL;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      if (!up) return void res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  async function key(kid: string) {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    const sign = (expiresInS = 600) => new SignJWT({ rollen: ['teamleider'] }).setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('tl').setIssuedAt(T0 / 1000).setExpirationTime(T0 / 1000 + expiresInS).sign(privateKey);
    return { jwk, sign };
  }

  it('a token is no longer trusted once the key that signed it left the key set (a refetch: SIGHUP, rotation)', async () => {
    const c = clock();
    const verifier = new TokenVerifier(settings({ jwksUrl: url, bron: 'AUTH_JWKS_URL' }), undefined, c.now);
    const a = await key('a');
    const b = await key('b');
    keys = [a.jwk, b.jwk];
    up = true;
    const token = await a.sign();
    // (A token verified while the set is being fetched is not remembered: which set verified it? Fetch first.)
    await verifier.jwks!.refresh();
    await verifier.verify(token);
    await verifier.verify(token);
    expect(verifier.verifications).toBe(1);
    // Key a revoked at the provider, the operator sends SIGHUP (AuthModule: jwks.refresh()).
    keys = [b.jwk];
    await verifier.jwks!.refresh();
    await expect(verifier.verify(token)).rejects.toThrow(new TokenGeweigerd('Het token is getekend met een onbekende sleutel'));
    await expect(verifier.verify(await b.sign())).resolves.toMatchObject({ sub: 'tl' });
  });

  it('when the key set goes stale the cache steps aside: the refetch decides (revoked: 401; unreachable past the stale time: 503)', async () => {
    const c = clock();
    const verifier = new TokenVerifier(settings({ jwksUrl: url, bron: 'AUTH_JWKS_URL' }), undefined, c.now);
    const a = await key('a');
    keys = [a.jwk];
    up = true;
    const token = await a.sign(3600);
    await verifier.jwks!.refresh();
    await verifier.verify(token);
    await verifier.verify(token);
    expect(verifier.verifications).toBe(1);
    // The provider is down: within the stale time the last good set (and so the token) still serves, through jose.
    up = false;
    c.advance(TIMING.cacheMs);
    await verifier.verify(token);
    expect(verifier.verifications).toBe(2);
    c.advance(TIMING.maxStaleMs);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(SleutelsOnbereikbaar);
    // Back, without key a: refused although it was verified (and cached) before.
    up = true;
    keys = [(await key('c')).jwk];
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(TokenGeweigerd);
  });
});
