import { INestApplication, Module } from '@nestjs/common';
import Database from 'better-sqlite3';
import request from 'supertest';
import { v4 as uuid } from 'uuid';
import { AppModule } from '../src/app.module';
import { createApp } from '../src/app.factory';
import { FixedClock } from '../src/events/clock';
import { EventStore } from '../src/events/event-store';
import { Projection, provideProjection } from '../src/projections/projection';
import { projectionsOfApp } from '../src/projections/projection-catalog';
import { PROJECTIONS_DB } from '../src/projections/projections-db';
import { ProjectionRunner } from '../src/projections/runner';
import { eventually } from './support/eventually';

const PROBLEM_JSON = /application\/problem\+json/;

/** A slice of its own, registering a projection whose handler has a bug, exactly as a real slice registers one. */
const kapot: Projection = {
  name: 'kapot', version: 1, schema: 'CREATE TABLE IF NOT EXISTS ie_p_kapot_x (x TEXT)', tables: ['ie_p_kapot_x'],
  handle: (e) => {
    if (e.streamId.startsWith('kapot-')) throw new RangeError('een fout in de projectie');
    return [];
  },
};
@Module({ providers: [provideProjection(kapot)] })
class KapotModule {}

const event = () => ({
  eventId: uuid(), type: 'Iets', data: {},
  metadata: { actor: { id: 't', rol: 't' }, correlationId: 'c', causationId: null, datum: '2025-03-01', recordedAt: '2025-03-01T09:00:00Z', schemaVersion: 1 },
});

describe('/ready names what does not work', () => {
  describe('projections registered by their slices', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createApp({ clock: new FixedClock(new Date('2025-03-01T09:00:00Z')), imports: [KapotModule] });
    });
    afterAll(() => app.close());

    it('the runner feeds every projection a module registers; the tools see the same ones without starting the app', () => {
      const running = app.get(ProjectionRunner).projections.map((p) => p.name).sort();
      expect(running).toEqual(['ambities', 'bewaartermijnen', 'duo-notificaties', 'duo-outbox', 'inzage', 'kapot', 'schedule', 'termijnen', 'trajecten']);
      expect(projectionsOfApp(AppModule).map((p) => p.name).sort()).toEqual(running.filter((n) => n !== 'kapot'));
    });

    it('a projection stopped by a bug in its handler: 503, named with the event it failed on, the others live', async () => {
      await eventually(() => request(app.getHttpServer()).get('/ready').expect(200));
      const { position } = await app.get(EventStore).append(`kapot-${uuid()}`, [event()], 'no-stream');
      const res = await eventually(async () => {
        const r = await request(app.getHttpServer()).get('/ready').expect(503);
        expect(r.body.checks.projecties.detail).toMatch(/^kapot: failed/);
        return r;
      });
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      const { projecties } = res.body.checks;
      expect(projecties).toMatchObject({ ready: false, detail: expect.stringMatching(new RegExp(`^kapot: failed: projection kapot failed at position ${position} \\(Iets in kapot-.*\\): RangeError: een fout in de projectie$`)) });
      const states = Object.fromEntries(projecties.info.projecties.map((s: { name: string; state: string }) => [s.name, s.state]));
      expect(states).toMatchObject({ kapot: 'failed', trajecten: 'live', schedule: 'live', inzage: 'live' });
      expect(res.body.checks.eventStore).toEqual({ ready: true });
    });
  });

  describe('the deadline scheduler', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createApp({ clock: new FixedClock(new Date('2025-03-01T09:00:00Z')), config: { schedulerEnabled: true } });
    });
    afterAll(() => app.close());

    it('shows its last run and next wake-up', async () => {
      const res = await eventually(async () => {
        const r = await request(app.getHttpServer()).get('/ready').expect(200);
        expect(r.body.checks.scheduler.info.lastRun).toBeDefined();
        return r;
      });
      expect(res.body.checks.scheduler).toMatchObject({
        ready: true,
        detail: expect.stringMatching(/^last run .+, next wake-up .+/),
        info: { enabled: true, lastRun: { fired: 0, failed: 0 }, nextWakeUp: expect.any(String) },
      });
      expect(Date.parse(res.body.checks.scheduler.info.nextWakeUp)).toBeGreaterThan(Date.now());
    });

    it('a run that fails as a whole: 503 naming the error and the next attempt, until a run succeeds', async () => {
      const db = app.get<Database.Database>(PROJECTIONS_DB);
      db.exec('ALTER TABLE ie_p_schedule_deadlines RENAME TO ie_p_schedule_deadlines_weg');
      try {
        // A new event wakes the scheduler; its tick cannot read the schedule.
        await app.get(EventStore).append(`iets-${uuid()}`, [event()], 'no-stream');
        // The schedule projection may fail on the missing table first; wait for the scheduler's own run to fail.
        const res = await eventually(() =>
          request(app.getHttpServer()).get('/ready').expect(503).expect((r) => expect(r.body.checks.scheduler.ready).toBe(false)),
        );
        expect(res.body.checks.scheduler).toMatchObject({
          ready: false,
          detail: expect.stringMatching(/^last run failed at .+: no such table: ie_p_schedule_deadlines; next attempt /),
          info: { lastError: { tick: true, message: expect.stringMatching(/no such table/) } },
        });
      } finally {
        db.exec('ALTER TABLE ie_p_schedule_deadlines_weg RENAME TO ie_p_schedule_deadlines');
      }
      // Retried after RETRY_MS by itself.
      await eventually(() => request(app.getHttpServer()).get('/ready').expect(200), 10_000);
    });
  });
});
