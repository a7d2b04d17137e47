import { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { TrajectRepository } from '../src/trajectories/core/traject-repository';
import { authHeaders } from './support/auth';

const PROBLEM_JSON = /^application\/problem\+json/;
const ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

describe('security headers', () => {
  let app: INestApplication;
  beforeAll(async () => (app = await createApp()));
  afterAll(() => app.close());

  it('every answer carries helmet’s headers, an error too', async () => {
    for (const res of [await request(app.getHttpServer()).get('/health'), await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}`)]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringMatching(/max-age=\d+/),
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('Swagger UI still works under the CSP: it loads only its own scripts, nothing inline', async () => {
    const html = await request(app.getHttpServer()).get('/api/v1/docs').expect(200);
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const scripts = [...html.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(inline.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)![1];
      expect(src).not.toMatch(/^(https?:)?\/\//);
      await request(app.getHttpServer()).get(new URL(src, 'http://x/api/v1/docs/').pathname).expect(200);
    }
  });
});

describe('rate limit', () => {
  let app: INestApplication;
  beforeAll(async () => (app = await createApp({ config: { rateLimitPerMinute: 3, rateLimitAnonymousPerMinute: 2 } })));
  afterAll(() => app.close());

  it('per user over all endpoints: the 4th call in a minute is a 429 problem with Retry-After; another user goes on', async () => {
    const kim = await authHeaders('klantmanager', 'kim-429');
    await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}`).set(kim).expect(404).expect('X-RateLimit-Limit', '3');
    await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}/gebeurtenissen`).set(kim).expect(404);
    await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}/tijdlijn`).set(kim).expect(404);
    const res = await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}`).set(kim).expect(429).expect('Content-Type', PROBLEM_JSON);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(res.body).toMatchObject({ status: 429, title: 'Te veel verzoeken' });
    // The same person with another token is the same user.
    await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}`).set(await authHeaders('teamleider', 'kim-429')).expect(429);
    await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}`).set(await authHeaders('klantmanager', 'tess-429')).expect(404);
  });

  it('per address without a valid token, and never on /health and /ready', async () => {
    await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}`).expect(401);
    await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}`).set('Authorization', 'Bearer kapot').expect(401);
    const res = await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}`).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 5; i++) {
      await request(app.getHttpServer()).get('/health').expect(200);
      await request(app.getHttpServer()).get('/ready').expect(200);
    }
  });
});

describe('errors show no internals', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const failing = {
      load: () => Promise.reject(new Error('SQLITE_CORRUPT: database disk image is malformed in SELECT * FROM ie_events WHERE stream_id = ?')),
      events: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'version')")),
    };
    app = await createApp({ overrideProviders: [{ provide: TrajectRepository, useValue: failing }] });
  });
  afterAll(() => app.close());

  it.each(['', '/gebeurtenissen'])('a failing read of /trajecten/{id}%s is a 500 without stack trace or SQL', async (suffix) => {
    const res = await request(app.getHttpServer()).get(`/api/v1/trajecten/${ID}${suffix}`).set(await authHeaders('klantmanager')).expect(500);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.text).not.toMatch(/SQLITE|SELECT|ie_events|TypeError|Cannot read|\bat \S+ \(|\.ts:\d+/);
    expect(res.body).toEqual(expect.objectContaining({ status: 500, title: 'Interne fout' }));
  });

  it('a body over 100 kB is a 413 before anything else', async () => {
    const res = await request(app.getHttpServer()).post('/api/v1/trajecten').set(await authHeaders('klantmanager'))
      .send({ persoon: { naam: 'x'.repeat(200_000) } }).expect(413);
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
  });
});

describe('auth configuration at start-up', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ie-auth-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const paths = () => ({ sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite') });

  it('in development without a secret, makes one (0600) in the data folder and accepts tokens signed with it', async () => {
    const app = await createApp({ config: { ...paths(), authJwtSecret: undefined } });
    try {
      const file = join(dir, 'dev-jwt-secret');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const token = await new SignJWT({ rollen: ['compliance'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('carla')
        .setExpirationTime('5m').sign(new TextEncoder().encode(readFileSync(file, 'utf8').trim()));
      await request(app.getHttpServer()).get('/api/v1/audit/integriteit').set('Authorization', `Bearer ${token}`).expect(200);
      await request(app.getHttpServer()).get('/api/v1/audit/integriteit').set(await authHeaders('compliance')).expect(401);
    } finally {
      await app.close();
    }
    // The next start uses the same secret.
    const again = readFileSync(join(dir, 'dev-jwt-secret'), 'utf8');
    const app2 = await createApp({ config: { ...paths(), authJwtSecret: undefined } });
    await app2.close();
    expect(readFileSync(join(dir, 'dev-jwt-secret'), 'utf8')).toBe(again);
  });

  it('in production, refuses to start without auth configuration', async () => {
    const production = { ...paths(), nodeEnv: 'production', keystoreMasterKey: 'ab'.repeat(32), authJwtSecret: undefined };
    await expect(createApp({ config: production })).rejects.toThrow(/AUTH_JWKS_URL.*AUTH_JWT_SECRET/);
    await expect(createApp({ config: { ...production, authJwksUrl: 'https://idp.test/certs' } })).rejects.toThrow(/AUTH_ISSUER en AUTH_AUDIENCE/);
  });
});
