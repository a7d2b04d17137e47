import { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { TEST_JWT_SECRET, createApp } from '../src/app.factory';
import { EventStore } from '../src/events/event-store';
import { FixedClock } from '../src/events/clock';
import { authHeaders } from './support/auth';

/**
 * One test per finding of issue 12 (points 3, 4, 6) and issue 11 (persoon, 415): each failed on main before the fix.
 * Every rejection is problem+json and appends nothing.
 */
const PROBLEM_JSON = /^application\/problem\+json/;
const PERSOON = { naam: 'Lina Haddad', geboortedatum: '1990-04-01', geslacht: 'vrouw' };
const REGISTRATIE = { soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2026-01-15', persoon: PERSOON };

/** 20,000 nested arrays in 40 kB (under the body limit): overflowed the validators' recursion on main (500). */
const diep = (n = 20000) => `${'['.repeat(n)}${']'.repeat(n)}`;

describe('input that answered 500 or was silently accepted', () => {
  let app: INestApplication;
  let store: EventStore;
  let kim: Record<string, string>;
  let id: string;
  const server = () => request(app.getHttpServer());
  const head = () => store.headPosition();

  beforeAll(async () => {
    app = await createApp({ clock: new FixedClock(new Date('2026-11-29T10:00:00Z')) });
    store = app.get(EventStore);
    kim = await authHeaders('klantmanager', 'kim');
    id = (await server().post('/api/v1/trajecten').set(kim).send(REGISTRATIE).expect(201)).body.id;
  }, 30_000);
  afterAll(() => app.close());

  /** Sends, expects `status` as problem+json, and that nothing was appended. */
  async function refused(req: request.Test, status: number): Promise<request.Response> {
    const before = await head();
    const res = await req;
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(PROBLEM_JSON) });
    expect(await head()).toBe(before);
    return res;
  }

  it('POST /trajecten without persoon is a 400 naming persoon (was a TypeError, 500)', async () => {
    const { persoon: _, ...zonder } = REGISTRATIE;
    const res = await refused(server().post('/api/v1/trajecten').set(kim).send(zonder), 400);
    expect(JSON.stringify(res.body.errors)).toContain('persoon');
  });

  it('persoon as an array or [] is a 400 (was stored as {"0": …}, skipping the age rule)', async () => {
    await refused(server().post('/api/v1/trajecten').set(kim).send({ ...REGISTRATIE, persoon: [{ ...PERSOON, geboortedatum: '2021-01-01' }] }), 400);
    await refused(server().post('/api/v1/trajecten').set(kim).send({ ...REGISTRATIE, persoon: [] }), 400);
    await refused(server().post('/api/v1/trajecten').set(kim).send({ ...REGISTRATIE, persoon: 'Lina' }), 400);
  });

  it('deeply nested JSON is a 400 on register, on an action and on the erasure (was a stack overflow, 500)', async () => {
    const body = (extra: string) => `{"soort":"inburgering","extra":${extra}}`;
    await refused(server().post('/api/v1/trajecten').set(kim).set('Content-Type', 'application/json').send(body(diep())), 400);
    await refused(server().post(`/api/v1/trajecten/${id}/acties/start-brede-intake`).set(kim).set('Content-Type', 'application/json').send(`{"datum":"2026-02-01","x":${diep()}}`), 400);
    await refused(server().delete(`/api/v1/trajecten/${id}/persoonsgegevens`).set(await authHeaders('beheerder', 'bram'))
      .set('Content-Type', 'application/json').send(`{"reden":"x","x":${diep()}}`), 400);
  });

  it('pagina=1e18 is a 400 (was a SQLite datatype error, 500)', async () => {
    await refused(server().get('/api/v1/trajecten?pagina=1e18').set(kim), 400);
    await refused(server().get('/api/v1/audit/bewaartermijnen?pagina=1000000000000').set(await authHeaders('beheerder', 'bram')), 400);
  });

  it('uren: 1e308 is a 400 (twice it made the view’s total Infinity, shown as null)', async () => {
    await refused(server().post(`/api/v1/trajecten/${id}/acties/registreer-uren`).set(kim).send({ datum: '2026-02-01', soort: 'nt2', uren: 1e308 }), 400);
  });

  it('datum 0000-01-01, and any datum before the registration, is a 400 on an action', async () => {
    await refused(server().post(`/api/v1/trajecten/${id}/acties/start-brede-intake`).set(kim).send({ datum: '0000-01-01' }), 400);
    const res = await refused(server().post(`/api/v1/trajecten/${id}/acties/start-brede-intake`).set(kim).send({ datum: '2025-12-31' }), 400);
    expect(res.body.detail).toMatch(/vóór de registratie/);
    await refused(server().post('/api/v1/trajecten').set(kim).send({ ...REGISTRATIE, persoon: { ...PERSOON, geboortedatum: '0000-01-01' } }), 400);
  });

  it('__proto__ and constructor keys are a 400, not silently dropped', async () => {
    const raw = (json: string) => server().post('/api/v1/trajecten').set(kim).set('Content-Type', 'application/json').send(json);
    await refused(raw(JSON.stringify(REGISTRATIE).replace('{', '{"__proto__":{"isAdmin":true},')), 400);
    await refused(raw(JSON.stringify(REGISTRATIE).replace('"persoon":{', '"persoon":{"constructor":{"prototype":{}},')), 400);
  });

  it('a text/plain or form-encoded body is a 415 problem (the form was parsed and accepted)', async () => {
    await refused(server().post('/api/v1/trajecten').set(kim).set('Content-Type', 'text/plain').send(JSON.stringify(REGISTRATIE)), 415);
    await refused(server().post('/api/v1/trajecten').set(kim).type('form')
      .send('soort=inburgering&doelgroep=gezinsmigrant&persoon[naam]=X&persoon[geboortedatum]=1990-01-01&persoon[geslacht]=man'), 415);
    await refused(server().post(`/api/v1/trajecten/${id}/acties/start-brede-intake`).set(kim).type('form').send('datum=2026-02-01'), 415);
    // A JSON body with a charset, and a request without a body, still pass.
    await server().post('/api/v1/trajecten').set(kim).set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(REGISTRATIE)).expect(201);
  });
});

describe('limits before work', () => {
  let app: INestApplication;
  const server = () => request(app.getHttpServer());
  beforeAll(async () => (app = await createApp({ config: { rateLimitPerMinute: 2, rateLimitAnonymousPerMinute: 2, sseMaxConnectionsPerUser: 2, sseMaxConnections: 3 } })), 30_000);
  afterAll(() => app.close());

  it('a rate-limited client’s malformed or oversized body is a 429, never parsed (was 400/413)', async () => {
    const kim = await authHeaders('klantmanager', 'kim-limit');
    await server().get('/api/v1/trajecten').set(kim).expect(200);
    await server().get('/api/v1/trajecten').set(kim).expect(200);
    const malformed = await server().post('/api/v1/trajecten').set(kim).set('Content-Type', 'application/json').send('{"kapot');
    expect(malformed.status).toBe(429);
    const large = await server().post('/api/v1/trajecten').set(kim).set('Content-Type', 'application/json').send(`{"x":"${'a'.repeat(200_000)}"}`);
    expect(large.status).toBe(429);
  });

  it('a 429 carries the X-RateLimit-* headers (and Retry-After), as every answer does', async () => {
    const tess = await authHeaders('klantmanager', 'tess-limit');
    await server().get('/api/v1/trajecten').set(tess).expect(200).expect('X-RateLimit-Remaining', '1');
    await server().get('/api/v1/trajecten').set(tess).expect(200).expect('X-RateLimit-Remaining', '0');
    const res = await server().get('/api/v1/trajecten').set(tess).expect(429).expect('Content-Type', PROBLEM_JSON);
    expect(res.headers).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': expect.stringMatching(/^\d+$/) });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('SSE connection cap', () => {
  let app: INestApplication;
  beforeAll(async () => (app = await createApp({ config: { sseMaxConnectionsPerUser: 2, sseMaxConnections: 3 } })), 30_000);
  afterAll(async () => {
    (app.getHttpServer() as http.Server).closeAllConnections();
    await app.close();
  });

  it('SSE connections are capped per user (429) and in total (503); a closed one frees its place', async () => {
    const server = app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const open = async (sub: string) => {
      const headers = await authHeaders('teamleider', sub);
      return new Promise<{ status: number; req: http.ClientRequest; body: () => string }>((resolve) => {
        const req = http.get(`http://127.0.0.1:${port}/api/v1/dashboards/updates`, { headers }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('error', () => undefined);
          if (res.statusCode !== 200) res.on('end', () => resolve({ status: res.statusCode!, req, body: () => text }));
          else resolve({ status: 200, req, body: () => text });
        });
        req.on('error', () => undefined);
      });
    };
    const a1 = await open('sse-a');
    const a2 = await open('sse-a');
    expect([a1.status, a2.status]).toEqual([200, 200]);
    const a3 = await open('sse-a');
    expect(a3.status).toBe(429);
    expect(a3.body()).toMatch(/per gebruiker/);
    const b1 = await open('sse-b');
    expect(b1.status).toBe(200);
    const c1 = await open('sse-c');
    expect(c1.status).toBe(503);
    a1.req.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const c2 = await open('sse-c2');
    expect(c2.status).toBe(200);
    for (const c of [a2, b1, c2]) c.req.destroy();
  });
});

describe('token lifetime', () => {
  let app: INestApplication;
  beforeAll(async () => (app = await createApp({ config: { authMaxTokenLifetimeSeconds: 8 * 3600 } })), 30_000);
  afterAll(() => app.close());
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (iat: number, exp: number) =>
    new SignJWT({ rollen: ['klantmanager'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('kim').setIssuedAt(iat).setExpirationTime(exp)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));

  it('refuses iat a year ahead, exp in 9999, and exp − iat over the maximum; accepts a normal token', async () => {
    const get = async (token: string) => request(app.getHttpServer()).get('/api/v1/trajecten').set('Authorization', `Bearer ${token}`);
    expect((await get(await sign(now() + 365 * 86400, now() + 366 * 86400))).status).toBe(401);
    expect((await get(await sign(now(), 253402300799))).status).toBe(401);
    expect((await get(await sign(now() - 3600, now() + 8 * 3600))).status).toBe(401);
    const res = await get(await sign(now() + 365 * 86400, now() + 366 * 86400));
    expect(res.body.detail).toMatch(/toekomst/);
    expect((await get(await sign(now(), now() + 3600))).status).toBe(200);
  });
});

describe('development secret next to SQLITE_PATH (issue 8)', () => {
  it('npm run token with a new SQLITE_PATH signs with that store’s secret: the server on the same path accepts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ie-token-'));
    const sqlitePath = join(dir, 'nieuw', 'events.sqlite');
    try {
      const token = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'scripts', 'token.ts'), '--rol', 'klantmanager', '--sub', 'kim'], {
        env: { PATH: process.env.PATH ?? '', SQLITE_PATH: sqlitePath }, cwd: join(__dirname, '..'), encoding: 'utf8',
      }).trim();
      const app = await createApp({ config: { sqlitePath, projectionsPath: join(dir, 'nieuw', 'projections.sqlite'), authJwtSecret: undefined } });
      try {
        await request(app.getHttpServer()).get('/api/v1/trajecten').set('Authorization', `Bearer ${token}`).expect(200);
      } finally {
        await app.close();
      }
      // Another store's server does not know that secret.
      const other = await createApp({ config: { authJwtSecret: undefined } });
      try {
        await request(other.getHttpServer()).get('/api/v1/trajecten').set('Authorization', `Bearer ${token}`).expect(401);
      } finally {
        await other.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
