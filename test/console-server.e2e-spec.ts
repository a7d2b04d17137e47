import { INestApplication } from '@nestjs/common';
import Fastify from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { mountConsole } from '../src/console/serve-console';

/** The console's server side: its sign-in configuration, the development sign-in, and serving the built files. */
describe('console: development sign-in', () => {
  let app: INestApplication;
  // No AUTH_JWT_SECRET and no JWKS: the server runs on the development secret in its data folder.
  beforeAll(async () => (app = await createApp({ config: { authJwtSecret: undefined } })));
  afterAll(() => app.close());

  it('says the development sign-in is on, with the client id and no secret', async () => {
    const { body } = await request(app.getHttpServer()).get('/api/v1/console/configuratie').expect(200);
    expect(body).toEqual({ issuer: null, clientId: 'inburgering-console', scope: 'openid profile', resource: null, ontwikkelLogin: true });
  });

  it('mints a one-hour token the API accepts, with the roles asked for', async () => {
    const res = await request(app.getHttpServer()).post('/api/v1/console/ontwikkel-token')
      .send({ sub: 'tess', naam: 'Tess', rollen: ['teamleider', 'compliance'] }).expect(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const ik = await request(app.getHttpServer()).get('/api/v1/console/ik').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
    expect(ik.body).toEqual({ sub: 'tess', naam: 'Tess', rollen: ['teamleider', 'compliance'] });
    await request(app.getHttpServer()).get('/api/v1/dashboards/caseload').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
  });

  it('validates the request: known roles only, a plain sub, nothing else', async () => {
    const post = (body: unknown) => request(app.getHttpServer()).post('/api/v1/console/ontwikkel-token').send(body as object);
    await post({ sub: 'tess', rollen: ['admin'] }).expect(400);
    await post({ sub: 'tess', rollen: [] }).expect(400);
    await post({ sub: 'te ss', rollen: ['teamleider'] }).expect(400);
    await post({ sub: 'tess', rollen: ['teamleider'], exp: 9999999999 }).expect(400);
  });
});

describe('console: no development sign-in outside development with the development secret', () => {
  it.each([
    ['with AUTH_JWT_SECRET', {}],
    ['in production', { nodeEnv: 'production', keystoreMasterKey: 'a'.repeat(64) }],
  ])('refuses it %s (404) and says so in the configuration', async (_, config) => {
    const app = await createApp({ config: { ...config, authIssuer: 'https://login.gemeente.test/realms/x' } });
    try {
      const { body } = await request(app.getHttpServer()).get('/api/v1/console/configuratie').expect(200);
      expect(body).toMatchObject({ issuer: 'https://login.gemeente.test/realms/x', ontwikkelLogin: false });
      const res = await request(app.getHttpServer()).post('/api/v1/console/ontwikkel-token').send({ sub: 'x', rollen: ['beheerder'] }).expect(404);
      expect(res.body.access_token).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('console: serving the built files under /console', () => {
  let app: INestApplication;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'ie-console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
    app = await createApp({ config: { authIssuer: 'https://login.gemeente.test/realms/x' } });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  // mountConsole on a bare Fastify instance, with a folder of its own (createApp mounts the real console/dist).
  it('serves index.html for every page path, with a strict CSP allowing only the identity provider besides itself', async () => {
    const fastify = Fastify();
    mountConsole(fastify, { issuer: 'https://login.gemeente.test/realms/x', dist });
    await fastify.ready();
    const server = fastify.server;
    for (const path of ['/console/', '/console/ambities', '/console/trajecten/1234']) {
      const res = await request(server).get(path).expect(200);
      expect(res.text).toContain('<title>console</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self';.*connect-src 'self' https:\/\/login\.gemeente\.test;/);
    }
    await request(server).get('/console').expect(301).expect('Location', '/console/');
    const asset = await request(server).get('/console/assets/app-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    await request(server).get('/console/assets/bestaat-niet.js').expect(404);
    await fastify.close();
  });

  it('the real app answers /console with the console, or says it is not built', async () => {
    const res = await request(app.getHttpServer()).get('/console/ambities');
    expect([200, 503]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(/html/);
    expect(res.text).toMatch(/<html lang="nl"|niet gebouwd/);
  });
});
