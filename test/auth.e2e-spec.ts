import { INestApplication } from '@nestjs/common';
import { SignJWT, UnsecuredJWT, base64url, exportJWK, generateKeyPair } from 'jose';
import { createSecretKey } from 'node:crypto';
import request from 'supertest';
import { TEST_JWT_SECRET, createApp } from '../src/app.factory';
import { EventStore } from '../src/events/event-store';
import { authHeaders, tokenFor } from './support/auth';
import { OidcProvider as Idp } from './support/oidc-provider';

/**
 * The auth suite (issue 12): the bypass attempts of the attack run, each expected to fail, against the HS256 setup and
 * against a real OpenID Provider (oidc-provider on loopback, test/support/oidc-provider.mjs) with its JWKS, including
 * an identity-provider outage (last good key set, bounded), key rotation and revocation.
 */
const secret = new TextEncoder().encode(TEST_JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const CASELOAD = '/api/v1/dashboards/caseload'; // teamleider only
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('auth bypass attempts (HS256 configuration)', () => {
  let app: INestApplication;
  let id: string;
  const server = () => request(app.getHttpServer());
  const get = (token: string, path = CASELOAD) => server().get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    app = await createApp();
    id = (await server().post('/api/v1/trajecten').set(await authHeaders('klantmanager', 'kim')).send({
      soort: 'inburgering', doelgroep: 'gezinsmigrant', persoon: { naam: 'Auth Test', geboortedatum: '1990-01-01', geslacht: 'man' },
    }).expect(201)).body.id;
  }, 30_000);
  afterAll(() => app.close());

  it('a valid teamleider token is the baseline: 200', async () => {
    await get(await tokenFor('teamleider')).expect(200);
  });

  it('alg none (with or without a signature) is refused', async () => {
    const unsigned = new UnsecuredJWT({ rollen: ['teamleider'] }).setSubject('mallory').setIssuedAt().setExpirationTime('1h').encode();
    await get(unsigned).expect(401);
    const valid = (await tokenFor('teamleider')).split('.');
    const noneHeader = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    await get(`${noneHeader}.${valid[1]}.${valid[2]}`).expect(401);
    await get(`${noneHeader}.${valid[1]}.`).expect(401);
  });

  it('a token signed with another key, or with a tampered payload, is refused', async () => {
    const other = new TextEncoder().encode('een-ander-geheim-van-minstens-32-tekens!!');
    await get(await new SignJWT({ rollen: ['teamleider'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuedAt().setExpirationTime('1h').sign(other)).expect(401);
    const [h, , s] = (await tokenFor('klantmanager')).split('.');
    const payload = base64url.encode(JSON.stringify({ sub: 'mallory', rollen: ['teamleider', 'beheerder'], exp: now() + 3600 }));
    await get(`${h}.${payload}.${s}`).expect(401);
  });

  it('RS256/ES256 tokens are refused without a JWKS; HS384/HS512 too', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await get(await new SignJWT({ rollen: ['teamleider'] }).setProtectedHeader({ alg: 'RS256' }).setSubject('m').setIssuedAt().setExpirationTime('1h').sign(privateKey)).expect(401);
    await get(await new SignJWT({ rollen: ['teamleider'] }).setProtectedHeader({ alg: 'HS512' }).setSubject('m').setIssuedAt().setExpirationTime('1h').sign(secret)).expect(401);
  });

  it('expired, not yet valid, issued in the future, or living too long: refused', async () => {
    const sign = (f: (j: SignJWT) => SignJWT) => f(new SignJWT({ rollen: ['teamleider'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('kim')).sign(secret);
    await get(await sign((j) => j.setIssuedAt(now() - 7200).setExpirationTime(now() - 3600))).expect(401);
    await get(await sign((j) => j.setIssuedAt().setNotBefore(now() + 3600).setExpirationTime(now() + 7200))).expect(401);
    await get(await sign((j) => j.setIssuedAt(now() + 365 * 86400).setExpirationTime(now() + 366 * 86400))).expect(401);
    await get(await sign((j) => j.setIssuedAt().setExpirationTime(253402300799))).expect(401);
  });

  it('missing claims: no sub, no exp, an empty sub, no known role', async () => {
    const sign = (claims: Record<string, unknown>, f: (j: SignJWT) => SignJWT) => f(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' })).sign(secret);
    await get(await sign({ rollen: ['teamleider'] }, (j) => j.setIssuedAt().setExpirationTime('1h'))).expect(401);
    await get(await sign({ rollen: ['teamleider'] }, (j) => j.setSubject('kim').setIssuedAt())).expect(401);
    await get(await sign({ rollen: ['teamleider'], sub: '' }, (j) => j.setIssuedAt().setExpirationTime('1h'))).expect(401);
    await get(await sign({ rollen: ['admin', 'root'] }, (j) => j.setSubject('kim').setIssuedAt().setExpirationTime('1h'))).expect(403);
    await get(await sign({ rol: 'teamleider', roles: ['teamleider'] }, (j) => j.setSubject('kim').setIssuedAt().setExpirationTime('1h'))).expect(403);
  });

  it('roles claimed in the body, headers or query give nothing; the actor is never taken from the body', async () => {
    const kim = await authHeaders('klantmanager', 'kim');
    const store = app.get(EventStore);
    const before = await store.headPosition();
    for (const h of [{ 'X-Rol': 'beheerder' }, { 'X-Roles': 'beheerder' }, { 'X-Forwarded-User': 'admin' }, { 'X-Rollen': 'beheerder,teamleider' }]) {
      await server().get(CASELOAD).set({ ...kim, ...h }).expect(403);
      await server().delete(`/api/v1/trajecten/${id}/persoonsgegevens`).set({ ...kim, ...h }).send({ reden: 'x' }).expect(403);
    }
    await server().delete(`/api/v1/trajecten/${id}/persoonsgegevens`).set(kim).send({ reden: 'x', rollen: ['beheerder'] }).expect(403);
    await server().get(`${CASELOAD}?rollen=teamleider`).set(kim).expect(403);
    const actorInBody = await server().post(`/api/v1/trajecten/${id}/acties/start-brede-intake`).set(kim)
      .send({ datum: '2026-01-02', actor: { id: 'admin', rol: 'beheerder' } });
    expect(actorInBody.status).toBe(400);
    expect(await store.headPosition()).toBe(before);
  });

  it('a token anywhere but the Authorization header does not count', async () => {
    const token = await tokenFor('teamleider');
    await server().get(`${CASELOAD}?access_token=${token}`).expect(401);
    await server().get(CASELOAD).set('Cookie', `token=${token}`).expect(401);
    await server().get(CASELOAD).set('Authorization', `Basic ${token}`).expect(401);
    await server().get(CASELOAD).set('Authorization', `Bearer ${token} ${token}`).expect(401);
  });
});


describe('a real OpenID Provider on loopback (JWKS)', () => {
  let idp: Idp;
  let app: INestApplication;
  const server = () => request(app.getHttpServer());
  const get = (token: string) => server().get(CASELOAD).set('Authorization', `Bearer ${token}`);
  const CACHE_S = 1;
  const STALE_S = 2;

  beforeAll(async () => {
    idp = await Idp.start();
    app = await createApp({
      config: {
        authJwtSecret: undefined, authJwksUrl: `${idp.issuer}/jwks`, authIssuer: idp.issuer, authAudience: idp.audience, authRollenClaim: 'rollen',
        authJwksCacheSeconds: CACHE_S, authJwksCooldownSeconds: 0, authJwksMaxStaleSeconds: STALE_S,
      },
    });
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    idp?.stop();
  });

  it('accepts the provider’s RS256 token; refuses HS256 signed with its public key (HS/RS confusion) and a foreign jku', async () => {
    const token = await idp.token();
    await get(token).expect(200);
    const jwks = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: Record<string, string>[] };
    const [header, payload] = token.split('.');
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    // The public key as an HMAC secret: the classic confusion attack.
    for (const asSecret of [JSON.stringify(jwks.keys[0]), jwks.keys[0].n]) {
      const forged = await new SignJWT({ ...claims, rollen: ['teamleider', 'beheerder'] }).setProtectedHeader({ alg: 'HS256', kid })
        .sign(createSecretKey(Buffer.from(asSecret)));
      await get(forged).expect(401);
    }
    // A key of our own, announced through jku/jwk headers: jose never fetches those.
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = await exportJWK(publicKey);
    const own = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'mallory', jku: 'http://127.0.0.1:1/jwks', jwk }).sign(privateKey);
    await get(own).expect(401);
  });

  it('an outage: the last good keys serve for at most AUTH_JWKS_MAX_STALE_SECONDS (warning in /ready), then 503; back when the provider is', async () => {
    const token = await idp.token();
    await get(token).expect(200);
    await idp.control('jwks-down');
    await wait(CACHE_S * 1000 + 300);
    await get(token).expect(200); // jose's remote set would have answered 503 from here on
    const ready = await server().get('/ready').expect(200);
    expect(ready.body.checks.identiteitsprovider.detail).toMatch(/waarschuwing: JWKS niet op te halen/);
    await wait(STALE_S * 1000 + 300);
    const down = await get(token);
    expect(down.status).toBe(503);
    const notReady = await server().get('/ready').expect(503);
    expect(notReady.body.detail).toMatch(/identiteitsprovider/);
    await idp.control('jwks-up');
    await get(token).expect(200);
    await server().get('/ready').expect(200);
  }, 30_000);

  it('rotation: a token signed with a new key is accepted at once; a removed (revoked) key is refused from the next fetch on', async () => {
    const old = await idp.token();
    await get(old).expect(200);
    await idp.control('rotate?keep=true');
    const rotated = await idp.token();
    await get(rotated).expect(200); // unknown kid: refetched at once (cooldown 0 here)
    await get(old).expect(200); // still in the set
    await idp.control('rotate?keep=false');
    const newest = await idp.token();
    await get(newest).expect(200); // the refetch for the unknown kid drops the revoked keys too
    await get(old).expect(401);
    await get(rotated).expect(401);
  }, 30_000);
});
