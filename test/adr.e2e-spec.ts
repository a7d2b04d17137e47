import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { API_VERSION } from '../src/http/api-version';
import { authHeaders } from './support/auth';
import { TrajectClient } from './support/traject-client';

// Building the app (and generating and compiling a client) takes longer than Jest's default 5 s on a busy machine.
jest.setTimeout(60_000);

/**
 * What the NL API Design Rules ask of the live API that the document cannot show (the document itself is linted by
 * `npm run lint:openapi`): API-Version on every answer, CORS on the OpenAPI document, the security headers, no
 * trailing slash, and no caching of answers carrying personal data.
 */
describe('NL API Design Rules, live', () => {
  let app: INestApplication;
  let client: TrajectClient;
  let id: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    ({ app, client } = await TrajectClient.start());
    const res = await client.registreer({
      soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2025-01-15', datumMeldingDuo: '2025-01-15',
      persoon: { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw' },
    });
    id = res.body.id;
  });
  afterAll(() => app.close());

  it('every answer carries API-Version: successes, errors, the document, probes, preflights and 404s', async () => {
    const answers = await Promise.all([
      http().get('/health'),
      http().get('/api/v1/openapi.json'),
      http().options('/api/v1/openapi.json').set('Origin', 'https://portaal.example').set('Access-Control-Request-Method', 'GET'),
      client.get(`/api/v1/trajecten/${id}`),
      client.get('/api/v1/trajecten'),
      client.post(`/api/v1/trajecten/${id}/acties/start-brede-intake`).send({ datum: 'gisteren' }),
      http().get('/api/v1/trajecten'),
      http().get('/api/v1/bestaat-niet'),
      client.get('/api/v1/trajecten/'),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 204, 200, 200, 400, 401, 404, 404]);
    for (const r of answers) expect(r.headers['api-version']).toBe(API_VERSION);
  });

  it('the OpenAPI document may be read from any origin, preflight included', async () => {
    const get = await http().get('/api/v1/openapi.json').set('Origin', 'https://portaal.example').expect(200);
    expect(get.headers['access-control-allow-origin']).toBe('*');
    const preflight = await http().options('/api/v1/openapi.json')
      .set('Origin', 'https://portaal.example').set('Access-Control-Request-Method', 'GET').expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toMatch(/GET/);
  });

  it('sends the security headers', async () => {
    const res = await client.get(`/api/v1/trajecten/${id}`).expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'strict-transport-security': expect.stringMatching(/max-age=\d+/),
      'content-security-policy': expect.stringMatching(/frame-ancestors 'self'/),
      'x-frame-options': 'SAMEORIGIN',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('a path with a trailing slash is another resource: 404 problem+json', async () => {
    for (const path of ['/api/v1/trajecten/', `/api/v1/trajecten/${id}/`, '/api/v1/dashboards/termijnen/', '/health/']) {
      const res = await client.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await http().get('/api/v1/docs/').expect(200); // Swagger UI's own pages keep their slash
  });

  it('answers with personal data are not stored by caches; the public document may be', async () => {
    const teamleider = await authHeaders('teamleider', 'tess');
    const compliance = await authHeaders('compliance', 'sam');
    const personal = [
      await client.get(`/api/v1/trajecten/${id}`),
      await client.get('/api/v1/trajecten?naam=haddad'),
      await client.get(`/api/v1/trajecten/${id}/tijdlijn`),
      await http().get('/api/v1/dashboards/termijnen').set(teamleider),
      await http().get('/api/v1/audit/inzage').set(compliance),
      await http().get(`/api/v1/trajecten/${id}`), // 401: no data, but no caching of it either
    ];
    expect(personal.map((r) => [r.status, r.headers['cache-control']])).toEqual([200, 200, 200, 200, 200, 401].map((s) => [s, 'no-store']));
    const doc = await http().get('/api/v1/openapi.json');
    expect(doc.headers['cache-control']).not.toBe('no-store');
  });
});
