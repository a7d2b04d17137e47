import { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EventStoreUnavailable } from '../src/events/errors';
import { EventStore } from '../src/events/event-store';
import { SqliteEventStore } from '../src/events/sqlite/sqlite-event-store';
import { authHeaders } from './support/auth';
import { TrajectClient } from './support/traject-client';
import { eventually } from './support/eventually';

const BSN = '111222333';
const registratie = (naam: string) => ({
  soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2025-01-15', datumKoppeling: '2025-01-10', datumMeldingDuo: '2025-01-15',
  persoon: { naam, geboortedatum: '1994-05-02', geslacht: 'vrouw', bsn: BSN }, consulent: 'kim',
});

// Whole cases over HTTP, and waiting for projections: more than Jest's default 5 s on a slow machine.
jest.setTimeout(30_000);


describe('audit over HTTP: access log, event log, exports, integrity', () => {
  let app: INestApplication;
  let client: TrajectClient;
  let dir: string;
  let compliance: Record<string, string>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ie-audit-e2e-'));
    ({ app, client } = await TrajectClient.start('2026-11-29T10:00:00Z', {
      config: { sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite') },
    }));
    compliance = await authHeaders('compliance', 'carla');
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the access log', () => {
    let id: string;
    beforeAll(async () => {
      id = (await client.registreer(registratie('Noor Inzage'))).body.id;
    });

    it('records every read of a case with trace ids, actor, endpoint and a pseudonym, and a compliance token finds it', async () => {
      const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const view = await client.get(`/api/v1/trajecten/${id}`).set('traceparent', incoming);
      expect(view.status).toBe(200);
      const [, traceId, spanId, flags] = view.headers.traceparent.split('-');
      expect(traceId).toBe('0af7651916cd43dd8448eb211c80319c');
      expect(spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(spanId).not.toBe('b7ad6b7169203331');
      expect(flags).toBe('01');
      const events = await client.get(`/api/v1/trajecten/${id}/gebeurtenissen`);
      expect(events.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect((await client.get(`/api/v1/trajecten/${id}/tijdlijn`)).status).toBe(200);

      const res = await http().get(`/api/v1/audit/inzage?traject=${id}`).set(compliance);
      expect(res.status).toBe(200);
      expect(res.body.volgende).toBeNull();
      expect(res.body.inzages.map((i: { endpoint: string }) => i.endpoint)).toEqual([
        'GET /api/v1/trajecten/:id', 'GET /api/v1/trajecten/:id/gebeurtenissen', 'GET /api/v1/trajecten/:id/tijdlijn',
      ]);
      const [first] = res.body.inzages;
      expect(first).toMatchObject({
        type: 'TrajectIngezien', stream: `inzage-${id}`, trajectId: id,
        actor: { sub: 'kim', rol: 'klantmanager' },
        trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: spanId, parent_span_id: 'b7ad6b7169203331',
        processing_activity_id: 'inburgering-zaakbehandeling', data_subject_id_type: 'traject-pseudoniem', status_code: 'OK',
        recordedAt: '2026-11-29T10:00:00.000Z',
      });
      expect(first.data_subject_id).toMatch(/^[0-9a-f]{64}$/);
      expect(new Set(res.body.inzages.map((i: { data_subject_id: string }) => i.data_subject_id)).size).toBe(1);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(BSN);
      expect(text).not.toContain('Noor');
    });

    it('refuses the access log to a klantmanager', async () => {
      const res = await client.get(`/api/v1/audit/inzage?traject=${id}`);
      expect(res.status).toBe(403);
    });

    it('does not log a read that found nothing', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await client.get(`/api/v1/trajecten/${unknown}`)).status).toBe(404);
      const res = await http().get(`/api/v1/audit/inzage?traject=${unknown}`).set(compliance);
      expect(res.body.inzages).toEqual([]);
    });

    it('filters by actor and period and pages with the volgende cursor, from the index once it caught up', async () => {
      const teamleider = await authHeaders('teamleider', 'tess');
      expect((await http().get(`/api/v1/trajecten/${id}`).set(teamleider)).status).toBe(200);
      const byTess = await http().get(`/api/v1/audit/inzage?actor=tess`).set(compliance);
      expect(byTess.body.inzages).toEqual([expect.objectContaining({ actor: { sub: 'tess', rol: 'teamleider' }, trajectId: id })]);
      expect((await http().get('/api/v1/audit/inzage?actor=tess&tot=2026-11-28').set(compliance)).body.inzages).toEqual([]);
      expect((await http().get('/api/v1/audit/inzage?actor=tess&van=2026-11-29&tot=2026-11-29').set(compliance)).body.inzages).toHaveLength(1);

      await eventually(async () => {
        const pages: number[][] = [];
        let cursor: string | number | null = 0;
        while (cursor !== null) {
          const res: request.Response = await http().get(`/api/v1/audit/inzage?traject=${id}&paginaGrootte=2&vanPositie=${cursor}`).set(compliance);
          expect(res.status).toBe(200);
          pages.push(res.body.inzages.map((i: { positie: number }) => i.positie));
          cursor = res.body.volgende;
        }
        expect(pages.map((p) => p.length)).toEqual([2, 2]);
        const all = (await http().get(`/api/v1/audit/inzage?traject=${id}`).set(compliance)).body.inzages;
        expect(pages.flat()).toEqual(all.map((i: { positie: number }) => i.positie));
      });
    });

    it('answers 400 for malformed filters', async () => {
      expect((await http().get('/api/v1/audit/inzage?traject=nee').set(compliance)).status).toBe(400);
      expect((await http().get('/api/v1/audit/inzage?van=gisteren').set(compliance)).status).toBe(400);
      expect((await http().get('/api/v1/audit/inzage?van=2026-02-01&tot=2026-01-01').set(compliance)).status).toBe(400);
      expect((await http().get('/api/v1/audit/inzage?paginaGrootte=5000').set(compliance)).status).toBe(400);
    });
  });

  describe('the event log', () => {
    let id: string;
    beforeAll(async () => {
      id = (await client.registreer(registratie('Sara Log'))).body.id;
      await client.actie(id, 'start-brede-intake', { datum: '2025-02-01' });
      await client.actie(id, 'registreer-screening', { datum: '2025-02-02', bevindingen: 'spreekt Arabisch en Frans' });
    });

    it('filters by trajectory, type and actor, in log order, and pages by position', async () => {
      const all = await http().get(`/api/v1/audit/gebeurtenissen?traject=${id}`).set(compliance);
      expect(all.status).toBe(200);
      const types = all.body.gebeurtenissen.map((e: { type: string }) => e.type);
      // With the deadline facts the decider records in the same appends (screening, aow; the screening met).
      expect(types).toEqual(['InburgeraarGeregistreerd', 'TermijnGesteld', 'TermijnGesteld', 'BredeIntakeGestart', 'ScreeningUitgevoerd', 'TermijnVervallen']);
      expect(all.body.gebeurtenissen[0]).toMatchObject({
        stream: `traject-${id}`, revisie: 0, actor: { id: 'kim', rol: 'klantmanager' }, hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        data: { persoon: { naam: 'Sara Log' } },
      });
      expect(all.body.volgende).toBeNull();

      const screening = await http().get(`/api/v1/audit/gebeurtenissen?type=ScreeningUitgevoerd,BredeIntakeGestart&traject=${id}`).set(compliance);
      expect(screening.body.gebeurtenissen.map((e: { type: string }) => e.type)).toEqual(['BredeIntakeGestart', 'ScreeningUitgevoerd']);
      expect(screening.body.gebeurtenissen[1].data.bevindingen).toBe('spreekt Arabisch en Frans');

      const page1 = await http().get('/api/v1/audit/gebeurtenissen?paginaGrootte=2').set(compliance);
      expect(page1.body.gebeurtenissen).toHaveLength(2);
      const page2 = await http().get(`/api/v1/audit/gebeurtenissen?paginaGrootte=2&vanPositie=${page1.body.volgende}`).set(compliance);
      // `volgende` is an opaque cursor; passed back as vanPositie (as clients did) or as cursor it continues after page 1.
      const page2b = await http().get(`/api/v1/audit/gebeurtenissen?paginaGrootte=2&cursor=${page1.body.volgende}`).set(compliance);
      expect(page2b.body.gebeurtenissen).toEqual(page2.body.gebeurtenissen);
      expect(page2.body.gebeurtenissen[0].positie).toBeGreaterThan(page1.body.gebeurtenissen[1].positie);

      const byKim = await http().get('/api/v1/audit/gebeurtenissen?actor=kim&type=InburgeraarGeregistreerd&paginaGrootte=1000').set(compliance);
      expect(byKim.body.gebeurtenissen.length).toBeGreaterThanOrEqual(2);
      expect(byKim.body.gebeurtenissen.every((e: { actor: { id: string } }) => e.actor.id === 'kim')).toBe(true);
      expect((await http().get('/api/v1/audit/gebeurtenissen?tot=2026-01-01').set(compliance)).body.gebeurtenissen).toEqual([]);
    });

    it('streams the whole selection as NDJSON and as CSV, and logs each export', async () => {
      const ndjson = await http().get(`/api/v1/audit/gebeurtenissen?traject=${id}`).set(compliance).set('Accept', 'application/x-ndjson');
      expect(ndjson.status).toBe(200);
      expect(ndjson.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = ndjson.text.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((e) => e.type)).toEqual(['InburgeraarGeregistreerd', 'TermijnGesteld', 'TermijnGesteld', 'BredeIntakeGestart', 'ScreeningUitgevoerd', 'TermijnVervallen']);

      const csv = await http().get(`/api/v1/audit/gebeurtenissen?traject=${id}&formaat=csv`).set(compliance);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const rows = csv.text.trim().split('\r\n');
      expect(rows[0]).toBe('positie,stream,revisie,eventId,type,datum,recordedAt,actorId,actorRol,correlationId,causationId,schemaVersion,hash,prevHash,data');
      // Header, three facts and three deadline facts.
      expect(rows).toHaveLength(7);
      expect(rows[1]).toContain(',InburgeraarGeregistreerd,');
      expect(rows[1]).toContain('""naam"":""Sara Log""');

      const log = await http().get(`/api/v1/audit/inzage?traject=${id}`).set(compliance);
      const exports = log.body.inzages.filter((i: { type: string }) => i.type === 'GebeurtenissenGeexporteerd');
      expect(exports.map((e: { formaat: string }) => e.formaat)).toEqual(['json', 'json', 'ndjson', 'csv']);
      expect(exports[2]).toMatchObject({
        stream: 'inzage-export', actor: { sub: 'carla', rol: 'compliance' }, selectie: { traject: id }, trajectId: id,
        endpoint: 'GET /api/v1/audit/gebeurtenissen',
      });
    });

    it('is for compliance only', async () => {
      expect((await client.get('/api/v1/audit/gebeurtenissen')).status).toBe(403);
      expect((await http().get('/api/v1/audit/gebeurtenissen').set(await authHeaders('beheerder'))).status).toBe(403);
      expect((await http().get('/api/v1/audit/integriteit').set(await authHeaders('teamleider'))).status).toBe(403);
    });
  });

  describe('integrity', () => {
    it('verifies every stream, then locates an edited and a deleted event in the SQLite file', async () => {
      const ok = await http().get('/api/v1/audit/integriteit').set(compliance);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ ok: true, gebroken: [] });
      expect(ok.body.streams).toBeGreaterThan(3);
      expect(ok.body.resultaten.every((r: { ok: boolean }) => r.ok)).toBe(true);

      const edited = (await client.registreer(registratie('Eva Bewerkt'))).body.id;
      await client.actie(edited, 'start-brede-intake', { datum: '2025-02-01' });
      await client.actie(edited, 'registreer-inschrijving-brp', { datum: '2025-02-03' });
      const deleted = (await client.registreer(registratie('Dirk Verwijderd'))).body.id;
      await client.actie(deleted, 'start-brede-intake', { datum: '2025-02-01' });
      await client.actie(deleted, 'registreer-inschrijving-brp', { datum: '2025-02-03' });

      const db = new Database(join(dir, 'events.sqlite'));
      // Version 2 is the first deadline fact recorded with the registration (TermijnGesteld).
      const row = db.prepare('SELECT position, data FROM ie_events WHERE stream_id = ? AND version = 2').get(`traject-${edited}`) as { position: number; data: string };
      db.prepare('UPDATE ie_events SET data = ? WHERE position = ?').run(JSON.stringify({ ...JSON.parse(row.data), datum: '2025-01-31' }), row.position);
      db.prepare('DELETE FROM ie_events WHERE stream_id = ? AND version = 2').run(`traject-${deleted}`);
      db.close();

      const res = await http().get('/api/v1/audit/integriteit').set(compliance);
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      const byStream = Object.fromEntries(res.body.gebroken.map((g: { stream: string }) => [g.stream, g]));
      expect(Object.keys(byStream).sort()).toEqual([`traject-${deleted}`, `traject-${edited}`].sort());
      expect(byStream[`traject-${edited}`].eersteBreuk).toMatchObject({ versie: 2, revisie: 1, type: 'TermijnGesteld', reden: 'hash wijkt af', positie: row.position });
      expect(byStream[`traject-${deleted}`].eersteBreuk).toMatchObject({ versie: 3, revisie: 2, reden: 'gat' });
    });
  });
});

describe('a streamed export that fails before its first byte', () => {
  it('is a 503 problem, not an empty file or a hanging connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ie-audit-export-fail-'));
    const inner = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    let headFails = false;
    // The export's cut (the head position) cannot be read once the app runs.
    const store = new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop === 'headPosition' && headFails) return () => Promise.reject(new EventStoreUnavailable('schijf weg'));
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as EventStore;
    const { app } = await TrajectClient.start('2026-11-29T10:00:00Z', {
      config: { sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite') },
      overrideProviders: [{ provide: EventStore, useValue: store }],
    });
    try {
      headFails = true;
      const res = await request(app.getHttpServer()).get('/api/v1/audit/gebeurtenissen?formaat=ndjson')
        .set(await authHeaders('compliance', 'carla')).timeout(10_000);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.headers['api-version']).toBeDefined();
      expect(res.body).toMatchObject({ status: 503, instance: '/api/v1/audit/gebeurtenissen' });
    } finally {
      headFails = false;
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the access log is durable first', () => {
  it('fails the read when the access log cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ie-audit-fail-'));
    const inner = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    // Everything works, except writing to the access log.
    const store = new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop === 'append') {
          return (stream: string, ...rest: unknown[]) =>
            stream.startsWith('inzage-') ? Promise.reject(new EventStoreUnavailable('schijf vol')) : (target.append as any)(stream, ...rest);
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as EventStore;
    const { app, client } = await TrajectClient.start('2026-11-29T10:00:00Z', {
      config: { sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite') },
      overrideProviders: [{ provide: EventStore, useValue: store }],
    });
    try {
      const id = (await client.registreer(registratie('Geen Log'))).body.id;
      const res = await client.get(`/api/v1/trajecten/${id}`);
      expect(res.status).toBe(503);
      expect(res.text).not.toContain('Geen Log');
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
