import { INestApplication } from '@nestjs/common';
import { AnyMachineSnapshot } from 'xstate';
import { DEMO_START, vulDemo } from '../scripts/demo/vul';
import { createApp } from '../src/app.factory';
import { FixedClock } from '../src/events/clock';
import { StoredEvent } from '../src/events/envelope';
import { EventStore } from '../src/events/event-store';
import { AMBITIE_TRAJECTEN, ambitiesProjection } from '../src/projections/ambities.projection';
import { AmbitieFeiten } from '../src/projections/ambities/feiten';
import { ProjectionReader } from '../src/projections/projection';
import { openProjectionsDb } from '../src/projections/projections-db';
import { ProjectionRunner } from '../src/projections/runner';
import { statusOp, termijnRijenVan, termijnenProjection } from '../src/projections/termijnen.projection';
import { deadlineScheduleProjection, deadlinesVan } from '../src/sagas/deadline-schedule.projection';
import { TermijnStatus, termijnStatus } from '../src/trajectories';
import { asDomainEvent, initialSnapshot, step } from '../src/trajectories/core/fold';
import { beginVanDag, plusDagen } from '../src/trajectories/core/kalender';
import { idOfStream } from '../src/trajectories/core/traject-repository';
import { InburgeringContext } from '../src/trajectories/inburgering/context';
import { inburgeringKind } from '../src/trajectories/inburgering/kind';

/**
 * The case view, the termijnen dashboard, the schedule and the ambities agree on every deadline of the demo caseload
 * (four years, seed 2021), day by day. How, in CI time: the demo is recorded once; then its log is replayed day by
 * day (by the day each fact was recorded) into fresh read models, each trajectory folded alongside. After every day,
 * for each trajectory that changed, each recorded deadline is asked of all four on the days where its answer can
 * change: that day, and its last day on time and the day after (a recorded deadline's status depends on the day
 * only through its last day, so these change points stand for every day in between).
 */

const TOT = '2025-12-31';

/** What the schedule says on `dag`: running rows by their due date, ended rows by how they ended. */
function scheduleStatus(r: { status: string; due_date: string | null }, dag: string): TermijnStatus | 'beeindigd' {
  if (r.status === 'gepland') return dag >= r.due_date! ? 'verstreken' : 'lopend';
  if (r.status === 'opgeschort') return 'lopend';
  return r.status === 'gevuurd' ? 'verstreken' : 'beeindigd';
}

describe('the four read sides agree on every deadline of the demo caseload', () => {
  let app: INestApplication;
  const clock = new FixedClock(beginVanDag(DEMO_START));
  // The demo store is regenerated for the test: no fsync per command.
  beforeAll(async () => (app = await createApp({ clock, config: { sqliteSynchronous: 'OFF' } })));
  afterAll(() => app.close());

  it('view, dashboard, schedule and ambities, day by day over 2022–2025', async () => {
    const { geweigerd } = await vulDemo(app, clock, 2021, TOT);
    expect(geweigerd).toEqual([]);

    const store = app.get(EventStore);
    const events: StoredEvent[] = [];
    for (let after = 0; ;) {
      const page = await store.readAll({ after, limit: 5000 });
      if (page.length === 0) break;
      events.push(...page);
      after = page[page.length - 1].position;
    }
    const db = openProjectionsDb(':memory:');
    const projections = [deadlineScheduleProjection, termijnenProjection, ambitiesProjection];
    const runner = new ProjectionRunner(store, db, projections);
    const read: ProjectionReader = {
      get: (sql, p = []) => db.prepare(sql).get(...(Array.isArray(p) ? p : [p])) as any,
      all: (sql, p = []) => db.prepare(sql).all(...(Array.isArray(p) ? p : [p])) as any,
    };

    const snapshots = new Map<string, AnyMachineSnapshot>();
    const verschillen: string[] = [];
    let vergeleken = 0;
    const perDag = new Map<string, StoredEvent[]>();
    for (const e of events) {
      const dag = e.metadata.recordedAt.slice(0, 10);
      if (!perDag.has(dag)) perDag.set(dag, []);
      perDag.get(dag)!.push(e);
    }

    for (const [dag, batch] of perDag) {
      for (const p of projections) runner.apply(p, batch);
      const geraakt = new Set<string>();
      for (const e of batch) {
        if (!e.streamId.startsWith('traject-')) continue;
        const id = idOfStream(e.streamId);
        if (e.type === 'InburgeraarGeregistreerd' && (e.data as { soort?: string }).soort === 'ondertussen') continue;
        const voor = snapshots.get(id) ?? (e.type === 'InburgeraarGeregistreerd' ? initialSnapshot(inburgeringKind) : undefined);
        if (!voor) continue;
        snapshots.set(id, step(inburgeringKind, voor, asDomainEvent(e)));
        geraakt.add(id);
      }
      for (const id of geraakt) {
        const snapshot = snapshots.get(id)!;
        const context = snapshot.context as InburgeringContext;
        const state = { id, soort: 'inburgering' as const, snapshot, context, version: 0, events: [] };
        const dashboard = new Map(termijnRijenVan(read, id).map((r) => [r.soort, r]));
        const schedule = new Map(deadlinesVan(read, id).map((r) => [r.soort, r]));
        const ambities = (JSON.parse(read.get<{ feiten: string }>(`SELECT feiten FROM ${AMBITIE_TRAJECTEN} WHERE traject = ?`, [id])!.feiten) as AmbitieFeiten).termijnen;
        for (const [soort, t] of Object.entries(context.termijnen)) {
          const dagen = new Set([dag, ...(t!.laatsteDag ? [t!.laatsteDag, plusDagen(t!.laatsteDag, 1)] : [])]);
          for (const d of dagen) {
            vergeleken++;
            const view = (inburgeringKind.view(state, d).termijnen as Record<string, { status: TermijnStatus }>)[soort].status;
            const rij = dashboard.get(soort as never);
            const plan = schedule.get(soort as never);
            const amb = ambities[soort as keyof typeof ambities];
            const antwoorden = {
              dashboard: rij ? statusOp(rij, d) : null,
              ambities: amb ? termijnStatus({ ...amb, soort: soort as never, grondslag: '', verstrijktOp: null }, d) : null,
              schedule: plan ? scheduleStatus(plan, d) : null,
            };
            const eens = antwoorden.dashboard === view && antwoorden.ambities === view
              && (antwoorden.schedule === view || (antwoorden.schedule === 'beeindigd' && view !== 'lopend'))
              && rij?.datum === amb?.datum && (plan?.status === 'opgeschort' || plan?.datum === rij?.datum);
            if (!eens && verschillen.length < 20) verschillen.push(`${dag} ${id} ${soort} op ${d}: view ${view}, ${JSON.stringify({ antwoorden, rij, plan, amb })}`);
          }
        }
      }
    }
    expect(verschillen).toEqual([]);
    // Four years of the caseload: thousands of deadline answers compared.
    expect(perDag.size).toBeGreaterThan(1000);
    expect(vergeleken).toBeGreaterThan(10_000);
    db.close();
  }, 1_800_000);
});
