import { INestApplication } from '@nestjs/common';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { TEST_JWT_SECRET, createApp, routesOf } from '../src/app.factory';
import { ALLE_ACTIES } from '../src/trajectories/kinds';
import { authHeaders, tokenFor } from './support/auth';
import { TrajectClient } from './support/traject-client';

const PROBLEM_JSON = /^application\/problem\+json/;
const REGISTRATIE = {
  soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2025-01-15', datumKoppeling: '2025-01-10', datumMeldingDuo: '2025-01-15',
  persoon: { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw' },
};

type Rol = 'klantmanager' | 'teamleider' | 'compliance' | 'beheerder';
const ROLLEN: Rol[] = ['klantmanager', 'teamleider', 'compliance', 'beheerder'];
const KM: Rol = 'klantmanager';
const TL: Rol = 'teamleider';
const CO: Rol = 'compliance';
const BE: Rol = 'beheerder';
const OPEN = 'open' as const;

/**
 * Who may call what: the README's role matrix ("Who may do what") must say the same (checked below). Paths as Nest
 * registers them. Every route the application registers must be here, so a new endpoint cannot slip through
 * untested; a route listed that is not registered (yet) is not tried.
 */
const MATRIX: Record<string, Rol[] | typeof OPEN> = {
  'GET /health': OPEN,
  'GET /ready': OPEN,
  'GET /api/v1/openapi.json': OPEN,
  'GET /api/v1/docs': OPEN,
  'POST /api/v1/trajecten': [KM, TL],
  'GET /api/v1/trajecten': [KM, TL],
  'GET /api/v1/trajecten/:id': [KM, TL, CO],
  'POST /api/v1/trajecten/:id/acties/:actie': [KM, TL],
  'GET /api/v1/trajecten/:id/gebeurtenissen': [KM, TL, CO],
  'GET /api/v1/trajecten/:id/tijdlijn': [KM, TL, CO],
  'GET /api/v1/dashboards/termijnen': [KM, TL],
  'GET /api/v1/dashboards/caseload': [TL],
  'GET /api/v1/dashboards/ambities': [TL],
  'GET /api/v1/dashboards/indicatoren': [TL],
  'GET /api/v1/dashboards/updates': [TL],
  'GET /api/v1/audit/gebeurtenissen': [CO],
  'GET /api/v1/audit/inzage': [CO],
  'GET /api/v1/audit/integriteit': [CO],
  'GET /api/v1/audit/bewaartermijnen': [BE],
  'DELETE /api/v1/trajecten/:id/persoonsgegevens': [BE],
  'GET /api/v1/console/configuratie': OPEN,
  'GET /api/v1/console/ik': [KM, TL, CO, BE],
  // Open, but only in development with the development secret; everywhere else (these tests too) a 404.
  'POST /api/v1/console/ontwikkel-token': OPEN,
  // DUO's Notificatie API: open to the JWT guard; DUO authenticates by mutual TLS (proxy) or DUO_NOTIFICATIE_TOKEN.
  'POST /api/v1/duo/notificaties': OPEN,
  'GET /api/v1/trajecten/:id/duo': [KM, TL, CO],
  'GET /api/v1/dashboards/duo': [KM, TL],
  'GET /api/v1/duo/notificaties/:berichtId': [KM, TL],
};

/** Swagger UI's own files count as the docs. */
const matrixKey = (method: string, path: string) => `${method} ${path.startsWith('/api/v1/docs') ? '/api/v1/docs' : path}`;

interface Route {
  method: string;
  path: string;
}

/**
 * Every route the application's Fastify instance registered: the controllers' handlers and the OpenAPI/Swagger UI
 * routes (createApp records them). Not the HEAD twins Fastify adds to every GET, nor the web console's pages under
 * /console (a web app of static files, not the API).
 */
function registeredRoutes(app: INestApplication): Route[] {
  return routesOf(app).filter((r) => r.method !== 'HEAD' && r.path !== '/console' && !r.path.startsWith('/console/'));
}

/** The status line only: streams (SSE, exports) are cut off once the headers are in. */
function statusOf(base: string, method: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = method === 'GET' || method === 'HEAD' ? undefined : '{}';
    const req = http.request(`${base}${path}`, { method, headers: { ...headers, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } : {}) } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The README's role matrix: `| \`METHOD /path\`, … | ✓ | – | … |` rows under "Who may do what". */
function readmeMatrix(): Record<string, Rol[] | typeof OPEN | string[]> {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Who may do what'));
  if (!section) throw new Error('README.md has no section "Who may do what"');
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  const columns = lines[0].split('|').map((c) => c.trim()).slice(2, -1);
  const result: Record<string, Rol[] | typeof OPEN | string[]> = {};
  for (const line of lines.slice(2)) {
    const cells = line.split('|').map((c) => c.trim()).slice(1, -1);
    const allowed = columns.filter((_, i) => cells[i + 1] === '✓');
    const open = allowed.includes('other role') && allowed.includes('without a token');
    for (const [, endpoint] of cells[0].matchAll(/`([A-Z]+ [^`]+)`/g)) {
      result[endpoint.replace(/\{(\w+)\}/g, ':$1')] = open ? OPEN : allowed;
    }
  }
  return result;
}

describe('the role matrix: every endpoint with every role and without a token', () => {
  let app: INestApplication;
  let base: string;
  let id: string;
  let routes: Route[];
  const identities: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    let client: TrajectClient;
    ({ app, client } = await TrajectClient.start());
    id = (await client.registreer(REGISTRATIE)).body.id;
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    routes = registeredRoutes(app);
    for (const rol of ROLLEN) identities[rol] = await authHeaders(rol, `matrix-${rol}`);
    identities['burger'] = await authHeaders('burger', 'matrix-burger');
    identities['zonder rollen'] = { Authorization: `Bearer ${await tokenFor('x', 'matrix-leeg', { rollen: [] })}` };
    identities['zonder token'] = {};
  });
  afterAll(() => app.close());

  const fill = (path: string) =>
    path.replace(/:(\w+)/g, (_, name: string) => (name === 'id' ? id : name === 'actie' ? ALLE_ACTIES[0] : 'onbekend'));

  it('knows every registered route (add a new one to MATRIX and to the README)', () => {
    expect(routes.length).toBeGreaterThan(10);
    const unknown = routes.map((r) => matrixKey(r.method, r.path)).filter((k) => !(k in MATRIX));
    expect(unknown).toEqual([]);
  });

  it('every route answers 401 without a token, 403 to a role it does not allow, and neither to a role it allows', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const expected = MATRIX[matrixKey(route.method, route.path)];
      for (const [who, headers] of Object.entries(identities)) {
        const status = await statusOf(base, route.method, fill(route.path), headers);
        const allowed = expected === OPEN || (ROLLEN as string[]).includes(who) && expected.includes(who as Rol);
        const want = allowed ? 'not 401/403' : who === 'zonder token' ? '401' : '403';
        const ok = allowed ? status !== 401 && status !== 403 && status !== 429 && status < 500 : status === Number(want);
        if (!ok) failures.push(`${route.method} ${route.path} as ${who}: ${status}, expected ${want}`);
      }
    }
    expect(failures).toEqual([]);
    // Every route × seven identities over real HTTP: more than jest's 5 s default on a loaded machine.
  }, 60_000);

  it('the README role matrix says the same as this test', () => {
    expect(readmeMatrix()).toEqual(MATRIX);
  });

  it('every operation in the OpenAPI document is a registered route', async () => {
    const doc = (await request(app.getHttpServer()).get('/api/v1/openapi.json').expect(200)).body;
    const keys = new Set(routes.map((r) => matrixKey(r.method, r.path)));
    const server = (doc.servers?.[0]?.url ?? '') as string;
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      const base = ((item.servers as { url: string }[] | undefined)?.[0]?.url ?? server).replace(/\/$/, '');
      for (const method of Object.keys(item).filter((k) => k !== 'servers')) {
        // One operation per action in the document (…/acties/stel-pip-vast) is an instance of the one route …/acties/:actie.
        const route = `${base}${path}`.replace(/\{(\w+)\}/g, ':$1').replace(/\/acties\/[a-z0-9-]+$/, '/acties/:actie');
        expect(keys).toContain(`${method.toUpperCase()} ${route}`);
      }
    }
  });

  it('401 and 403 are problem+json; a 401 asks for a bearer token', async () => {
    const anonymous = await request(app.getHttpServer()).get(`/api/v1/trajecten/${id}`).expect(401).expect('Content-Type', PROBLEM_JSON);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer realm="inburgering-engine"$/);
    expect(anonymous.body).toMatchObject({ status: 401, title: 'Niet geauthenticeerd' });
    const beheerder = await request(app.getHttpServer()).get(`/api/v1/trajecten/${id}`).set(identities.beheerder).expect(403);
    expect(beheerder.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(beheerder.body).toMatchObject({ status: 403, title: 'Geen toegang' });
  });

  it('/health, /ready, the OpenAPI document and Swagger UI need no token', async () => {
    const server = app.getHttpServer();
    await request(server).get('/health').expect(200);
    await request(server).get('/ready').expect(200);
    await request(server).get('/api/v1/openapi.json').expect(200);
    await request(server).get('/api/v1/docs').expect(200);
    // An invalid token on an open endpoint does not matter either.
    await request(server).get('/health').set('Authorization', 'Bearer nonsense').expect(200);
  });
});

describe('the actor of an event is the token, never the body', () => {
  let app: INestApplication;
  let client: TrajectClient;
  beforeAll(async () => ({ app, client } = await TrajectClient.start()));
  afterAll(() => app.close());

  it('records the token’s sub and role, and refuses an actor in the body as an unknown field', async () => {
    const metActor = await client.registreer({ ...REGISTRATIE, actor: { id: 'iemand-anders', rol: 'beheerder' } }, 400);
    expect(metActor.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ veld: 'actor' })]));

    const id = (await client.registreer(REGISTRATIE)).body.id;
    const action = await client.post(`/api/v1/trajecten/${id}/acties/start-brede-intake`)
      .send({ datum: '2025-02-01', actor: { id: 'iemand-anders', rol: 'beheerder' } });
    expect(action.status).toBe(400);

    // A user with several roles acts in the first one the endpoint allows: compliance may read, not act.
    const beide = { Authorization: `Bearer ${await tokenFor('compliance', 'sam', { rollen: ['compliance', 'teamleider'] })}` };
    await request(app.getHttpServer()).post(`/api/v1/trajecten/${id}/acties/start-brede-intake`).set(beide).send({ datum: '2025-02-01' }).expect(200);

    const events = await client.gebeurtenissen(id);
    // The deadline facts the decider adds carry the actor of the command that caused them.
    expect(events.filter((e: any) => !e.type.startsWith('Termijn')).map((e: any) => e.actor)).toEqual([{ id: 'kim', rol: 'klantmanager' }, { id: 'sam', rol: 'teamleider' }]);
    expect(events.filter((e: any) => e.type.startsWith('Termijn')).every((e: any) => e.actor.id === 'kim')).toBe(true);
  });
});

describe('tokens that are refused with 401', () => {
  const ISSUER = 'https://idp.gemeente.test/realms/inburgering';
  const AUDIENCE = 'inburgering-engine';
  let app: INestApplication;
  let path: string;

  beforeAll(async () => {
    app = await createApp({ config: { authIssuer: ISSUER, authAudience: AUDIENCE } });
    const registered = await request(app.getHttpServer()).post('/api/v1/trajecten')
      .set('Authorization', `Bearer ${await sign({})}`).send(REGISTRATIE).expect(201);
    path = `/api/v1/trajecten/${registered.body.id}`;
  });
  afterAll(() => app.close());

  async function sign(
    over: { iss?: string; aud?: string; exp?: number | string; secret?: string; claims?: Record<string, unknown>; sub?: string | null } = {},
  ): Promise<string> {
    let jwt = new SignJWT({ name: 'Kim', rollen: ['klantmanager'], ...over.claims }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
    if (over.sub !== null) jwt = jwt.setSubject(over.sub ?? 'kim');
    jwt = jwt.setIssuer(over.iss ?? ISSUER).setAudience(over.aud ?? AUDIENCE).setExpirationTime(over.exp ?? '1h');
    return jwt.sign(new TextEncoder().encode(over.secret ?? TEST_JWT_SECRET));
  }

  const get = (token: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);

  it('accepts the right issuer, audience, signature and a future expiry', async () => {
    await get(await sign()).expect(200);
  });

  it.each([
    ['a bad signature', { secret: 'een-ander-geheim-van-minstens-32-tekens-lang' }, /handtekening/],
    ['the wrong issuer', { iss: 'https://evil.test' }, /uitgever/],
    ['the wrong audience', { aud: 'een-andere-api' }, /niet voor deze API/],
    ['a past expiry', { exp: Math.floor(Date.now() / 1000) - 120 }, /verlopen/],
    ['no subject', { sub: null }, /sub/],
  ])('refuses %s', async (_, over, detail) => {
    const res = await get(await sign(over as Parameters<typeof sign>[0])).expect(401).expect('Content-Type', PROBLEM_JSON);
    expect(res.body.detail).toMatch(detail);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="inburgering-engine", error="invalid_token"/);
  });

  it('refuses a token without expiry, an unsigned token, garbage and another scheme', async () => {
    const noExp = await new SignJWT({ rollen: ['klantmanager'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('kim')
      .setIssuer(ISSUER).setAudience(AUDIENCE).sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await get(noExp).expect(401);
    const [, payload] = (await sign()).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    await get(none).expect(401);
    await get('niet.een.token').expect(401);
    await request(app.getHttpServer()).get(path).set('Authorization', 'Basic a2ltOmdlaGVpbQ==').expect(401);
  });
});

describe('tokens from an OIDC issuer (JWKS)', () => {
  const ISSUER = 'https://idp.gemeente.test';
  const AUDIENCE = 'inburgering-engine';
  let app: INestApplication;
  let jwks: http.Server;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let jwksUrl: string;

  beforeAll(async () => {
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'sleutel-1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_, res) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`;
    app = await createApp({
      config: { authJwtSecret: undefined, authJwksUrl: jwksUrl, authIssuer: ISSUER, authAudience: AUDIENCE, authRollenClaim: 'realm_access.roles' },
    });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((r) => jwks.close(r));
  });

  const rs256 = async (key = keys.privateKey) =>
    new SignJWT({ realm_access: { roles: ['offline_access', 'compliance'] } })
      .setProtectedHeader({ alg: 'RS256', kid: 'sleutel-1' }).setSubject('carla').setIssuer(ISSUER).setAudience(AUDIENCE)
      .setIssuedAt().setExpirationTime('5m').sign(key);

  it('accepts the issuer’s RS256 token with roles in a nested claim', async () => {
    await request(app.getHttpServer()).get('/api/v1/audit/integriteit').set('Authorization', `Bearer ${await rs256()}`).expect(200);
  });

  it('refuses a token signed with another key, and an HS256 token when no secret is configured', async () => {
    const other = await generateKeyPair('RS256');
    await request(app.getHttpServer()).get('/api/v1/audit/integriteit').set('Authorization', `Bearer ${await rs256(other.privateKey)}`).expect(401);
    await request(app.getHttpServer()).get('/api/v1/audit/integriteit').set(await authHeaders('compliance')).expect(401);
  });

  it('answers 503, not 401, while the issuer’s keys cannot be fetched', async () => {
    const blind = await createApp({ config: { authJwtSecret: undefined, authJwksUrl: 'http://127.0.0.1:9/certs', authIssuer: ISSUER, authAudience: AUDIENCE } });
    try {
      const res = await request(blind.getHttpServer()).get('/api/v1/audit/integriteit').set('Authorization', `Bearer ${await rs256()}`);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    } finally {
      await blind.close();
    }
  });
});
