/**
 * A real application process for the deadline crash test (test/deadlines.e2e-spec.ts), run with
 * `node -r ts-node/register/transpile-only test/support/deadline-process.ts <mode>`.
 * Environment: EVENTS and PROJECTIONS (SQLite files), NOW (the fixed clock), SCHEDULER (`true` to let it run).
 * Modes, each printing one line the test waits for:
 * - `seed`: registers an asielstatushouder whose screening deadline has passed, waits until the schedule lists
 *   it as due, prints `DUE <id>` and waits to be killed (its scheduler is off: killed before the firing).
 * - `fire`: stops the projections, fires the due deadlines by hand, prints `FIRED <n>` and waits to be killed
 *   (killed after the firing, before the schedule saw it).
 * - `run`: starts normally; once nothing due is left unfired, prints `DONE` and shuts down cleanly.
 */
import { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../src/app.factory';
import { FixedClock } from '../../src/events/clock';
import { EventStore } from '../../src/events/event-store';
import { PROJECTIONS_DB } from '../../src/projections/projections-db';
import { ProjectionRunner } from '../../src/projections/runner';
import { dueDeadlines } from '../../src/sagas/deadline-schedule.projection';
import { Scheduler } from '../../src/sagas/scheduler';
import { CommandHandler } from '../../src/trajectories/core/command-handler';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function caughtUp(app: INestApplication): Promise<void> {
  const runner = app.get(ProjectionRunner);
  const head = await app.get(EventStore).headPosition();
  while (runner.projections.some((p) => runner.checkpoint(p.name) < head)) await sleep(20);
}

async function main(mode: string): Promise<void> {
  const clock = new FixedClock(new Date(process.env.NOW!));
  const app = await createApp({
    clock,
    config: { sqlitePath: process.env.EVENTS!, projectionsPath: process.env.PROJECTIONS!, schedulerEnabled: process.env.SCHEDULER === 'true' },
  });
  const db = app.get<Database.Database>(PROJECTIONS_DB);
  const reader = { get: (sql: string, p: unknown[] = []) => db.prepare(sql).get(...p) as any, all: (sql: string, p: unknown[] = []) => db.prepare(sql).all(...p) as any };
  const hang = () => setInterval(() => undefined, 1000);

  if (mode === 'seed') {
    const id = randomUUID();
    await app.get(CommandHandler).register(id, {
      soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2025-01-15', datumKoppeling: '2025-01-10', datumMeldingDuo: '2025-01-15',
      persoon: { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw' },
    }, { actor: { id: 'kim', rol: 'klantmanager' }, correlationId: randomUUID() });
    await caughtUp(app);
    console.log(`DUE ${id} ${dueDeadlines(reader, clock.today()).length}`);
    hang();
  } else if (mode === 'fire') {
    await caughtUp(app);
    app.get(ProjectionRunner).stop();
    const fired = (await app.get(Scheduler).tick()).filter((r) => r.uitkomst === 'gevuurd');
    console.log(`FIRED ${fired.length}`);
    hang();
  } else {
    for (;;) {
      await caughtUp(app);
      if (dueDeadlines(reader, clock.today()).length === 0) break;
      await sleep(20);
    }
    console.log('DONE');
    await app.close();
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
