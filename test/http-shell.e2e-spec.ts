import SwaggerParser from '@apidevtools/swagger-parser';
import { Body, Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsISO8601, IsString, ValidateNested } from 'class-validator';
import { throwError } from 'rxjs';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { Publiek } from '../src/auth/rollen.decorator';
import { FixedClock } from '../src/events/clock';
import { ConcurrencyConflict } from '../src/events/errors';
import { EventStore } from '../src/events/event-store';
import { ReadinessService } from '../src/health/readiness.service';
import { CommandRejected, CorruptStream, NotFound, StaleRevision } from '../src/trajectories/core/errors';

const PROBLEM_JSON = /^application\/problem\+json/;
const { version } = require('../package.json') as { version: string };

class PersoonDto {
  @IsString() naam: string;
}
class ProbeDto {
  @IsISO8601({ strict: true }) datum: string;
  @ValidateNested() @Type(() => PersoonDto) persoon: PersoonDto;
}

/** A controller only this test mounts, to throw every error of the vocabulary through the real filter (open: no token needed). */
@Publiek()
@Controller('probe')
class ProbeController {
  @Post('echo') echo(@Body() body: ProbeDto) {
    return body;
  }
  @Get('not-found') notFound() {
    throw new NotFound('Traject traject-x bestaat niet');
  }
  @Get('stale') stale() {
    throw new StaleRevision(2, 5);
  }
  @Get('conflict') conflict() {
    throw new ConcurrencyConflict('traject-x', 3, 4);
  }
  @Get('rejected') rejected() {
    throw new CommandRejected('Niet in deze fase', 'intake', { intake: 'screening' }, ['pipVastgesteld']);
  }
  @Get('corrupt') corrupt() {
    throw new CorruptStream('traject-x', 2, 'Onbekend', 'SELECT * FROM ie_events');
  }
  @Get('boom') boom() {
    throw new Error('SQLITE_ERROR: near "FROM": syntax error');
  }
}
@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('HTTP shell', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createApp({ clock: new FixedClock(new Date('2025-03-01T09:00:00Z')), imports: [ProbeModule] });
  });
  afterAll(() => app.close());

  describe('operations', () => {
    it('GET /health answers 200 when the event store answers', async () => {
      const res = await http().get('/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', eventStore: 'ok' });
      expect(res.headers['api-version']).toBe(version);
    });

    it('GET /ready answers 200 when every check is ready', async () => {
      const res = await http().get('/ready').expect(200);
      expect(res.body).toMatchObject({ status: 'ready', checks: { eventStore: { ready: true } } });
    });

    it('GET /ready answers 503 problem+json while a registered check is not ready', async () => {
      const remove = app.get(ReadinessService).register('projectie:test', () => ({ ready: false, detail: 'positie 3 van 7' }));
      try {
        const res = await http().get('/ready').expect(503).expect('Content-Type', PROBLEM_JSON);
        expect(res.body).toMatchObject({ status: 503, checks: { 'projectie:test': { ready: false, detail: 'positie 3 van 7' } } });
      } finally {
        remove();
      }
      await http().get('/ready').expect(200);
    });

    it('GET /health and /ready live outside /api/v1', async () => {
      await http().get('/api/v1/health').expect(404);
    });

    it('echoes an incoming X-Request-Id, and makes one up otherwise', async () => {
      const given = await http().get('/health').set('X-Request-Id', 'abc-123').expect(200);
      expect(given.headers['x-request-id']).toBe('abc-123');
      const made = await http().get('/health').expect(200);
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('errors are problem+json', () => {
    it('an unknown path is a 404 problem with API-Version', async () => {
      const res = await http().get('/api/v1/bestaat-niet').expect(404).expect('Content-Type', PROBLEM_JSON);
      expect(res.headers['api-version']).toBe(version);
      expect(res.body).toMatchObject({ status: 404, title: 'Niet gevonden', instance: '/api/v1/bestaat-niet' });
      expect(typeof res.body.type).toBe('string');
      expect(typeof res.body.detail).toBe('string');
    });

    it('a malformed JSON body is a 400 problem', async () => {
      const res = await http()
        .post('/api/v1/probe/echo')
        .set('Content-Type', 'application/json')
        .send('{"datum": ')
        .expect(400)
        .expect('Content-Type', PROBLEM_JSON);
      expect(res.headers['api-version']).toBe(version);
      expect(res.headers['x-request-id']).toBeDefined();
      expect(res.body).toMatchObject({ status: 400, title: 'Ongeldige invoer' });
    });

    it('a body over the limit is a 413 problem', async () => {
      const res = await http()
        .post('/api/v1/probe/echo')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ datum: 'x'.repeat(200_000) }))
        .expect(413)
        .expect('Content-Type', PROBLEM_JSON);
      expect(res.body.status).toBe(413);
    });

    it('an invalid body lists every field, nested ones by path, and refuses unknown fields', async () => {
      const res = await http()
        .post('/api/v1/probe/echo')
        .send({ datum: 'gisteren', persoon: { naam: 7 }, extra: true })
        .expect(400)
        .expect('Content-Type', PROBLEM_JSON);
      const velden = res.body.errors.map((e: { veld: string }) => e.veld).sort();
      expect(velden).toEqual(['datum', 'extra', 'persoon.naam']);
      for (const e of res.body.errors) expect(e.fouten.length).toBeGreaterThan(0);
    });

    it('a valid body passes, transformed to its DTO', async () => {
      const body = { datum: '2025-02-28', persoon: { naam: 'A. Jansen' } };
      const res = await http().post('/api/v1/probe/echo').send(body).expect(201);
      expect(res.body).toEqual(body);
      expect(res.headers['api-version']).toBe(version);
    });

    it.each([
      ['not-found', 404, {}],
      ['stale', 412, { revisie: 5 }],
      ['conflict', 409, { revisie: 3 }],
      ['rejected', 422, { fase: 'intake', trajectStatus: { intake: 'screening' }, toegestaneActies: ['pipVastgesteld'] }],
    ])('GET /probe/%s maps to %i', async (path, status, extensions) => {
      const res = await http().get(`/api/v1/probe/${path}`).expect(status).expect('Content-Type', PROBLEM_JSON);
      expect(res.body).toMatchObject({ status, ...extensions });
      expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance']));
    });

    it.each(['corrupt', 'boom'])('GET /probe/%s is a 500 that shows no internals', async (path) => {
      const res = await http().get(`/api/v1/probe/${path}`).expect(500).expect('Content-Type', PROBLEM_JSON);
      expect(res.headers['api-version']).toBe(version);
      expect(res.text).not.toMatch(/SELECT|SQLITE|stack|at .*\.ts/);
      expect(res.body).toMatchObject({ status: 500, title: 'Interne fout' });
    });
  });

  describe('OpenAPI', () => {
    it('serves a valid OpenAPI 3 document at /api/v1/openapi.json', async () => {
      const res = await http().get('/api/v1/openapi.json').expect(200).expect('Content-Type', /json/);
      expect(res.headers['api-version']).toBe(version);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.info).toMatchObject({ title: 'inburgering-engine', version });
      expect(res.body.paths).toHaveProperty(['/health']);
      expect(res.body.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
      expect(res.body.paths).toHaveProperty(['/probe/echo']);
      await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
    });

    it('serves Swagger UI at /api/v1/docs', async () => {
      await http().get('/api/v1/docs').expect(200).expect('Content-Type', /html/);
    });
  });
});

describe('HTTP shell with an unreachable event store', () => {
  let app: INestApplication;
  const down = new Error('SQLITE_CANTOPEN: unable to open database file /secret/path');

  beforeAll(async () => {
    const store = {
      ping: () => Promise.reject(down), close: () => Promise.resolve(),
      // The projections subscribe at start-up and ask for the head: both fail as a real unreachable store would.
      subscribe: () => throwError(() => down), headPosition: () => Promise.reject(down),
    } as unknown as EventStore;
    app = await createApp({ overrideProviders: [{ provide: EventStore, useValue: store }] });
  });
  afterAll(() => app.close());

  it('GET /health answers 503 problem+json without the cause', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(503).expect('Content-Type', PROBLEM_JSON);
    expect(res.body).toMatchObject({ status: 503, eventStore: 'onbereikbaar' });
    expect(res.text).not.toContain('secret');
  });

  it('GET /ready answers 503 problem+json', async () => {
    const res = await request(app.getHttpServer()).get('/ready').expect(503).expect('Content-Type', PROBLEM_JSON);
    expect(res.body.checks.eventStore).toEqual({ ready: false, detail: 'niet bereikbaar' });
  });
});
