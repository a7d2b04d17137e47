import { INestApplication } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { FixedClock } from '../../src/events/clock';
import { EventStore } from '../../src/events/event-store';
import { ProjectionRunner } from '../../src/projections/runner';
import { Scheduler, Vuring } from '../../src/sagas/scheduler';
import { CommandHandler } from '../../src/trajectories/core/command-handler';
import { beginVanDag, plusDagen } from '../../src/trajectories/core/kalender';
import { validatePayload } from '../../src/trajectories/core/validate-payload';
import { RegistreerTrajectDto } from '../../src/trajectories/registratie.commands';
import { Stap } from './leven';
import { planCaseload } from './plan';
import { Dobbelsteen } from './random';
import { Voortgang } from '../../src/voortgang';

export const DEMO_START = '2022-01-01';
const NAMESPACE = '0d6c2a61-9a57-5b4e-a2f3-5c1e7d8b9f04';

export interface DemoResultaat {
  stappen: Stap[];
  vuringen: Vuring[];
  geweigerd: string[];
  gebeurtenissen: number;
}

/**
 * Records the caseload of `seed` up to `tot` in the app's store, day by day: at 08:00 the read models are brought up
 * to date and the scheduler fires what is due, from 10:00 the case workers record that day's facts. The app's clock
 * must be `clock` and its scheduler must not run by itself.
 *
 * A bulk load: while it runs, the projection runner's live feeds are paused (they read, parse and decrypt the new
 * events once per projection after every command) and the demo applies the events itself, with `runner.applyAll` (the
 * live feed's checkpoints, one transaction per page for all of them), read once for all projections: the schedule every day before the
 * scheduler looks at it, the other read models on the first of every month and at the end, in pages. The live feeds
 * resume at the end, from the checkpoints, so the app is as it would be after running live.
 */
export async function vulDemo(app: INestApplication, clock: FixedClock, seed: number, tot: string, voortgang?: Voortgang): Promise<DemoResultaat> {
  const store = app.get(EventStore);
  const runner = app.get(ProjectionRunner);
  const commands = app.get(CommandHandler);
  const scheduler = app.get(Scheduler);

  const stappen = planCaseload(new Dobbelsteen(seed), tot);
  const perDag = new Map<string, Stap[]>();
  for (const s of stappen) perDag.set(s.datum, [...(perDag.get(s.datum) ?? []), s]);

  const vuringen: Vuring[] = [];
  const geweigerd: string[] = [];
  let n = 0;
  const schedule = runner.projections.filter((p) => p.name === 'schedule');
  // These projections from the lowest of their checkpoints; apply skips what a projection already has.
  const bijwerken = async (projections = runner.projections) => {
    for (;;) {
      const page = await store.readAll({ after: Math.min(...projections.map((p) => runner.checkpoint(p.name))), limit: 5000 });
      if (page.length === 0) return;
      runner.applyAll(projections, page);
    }
  };
  runner.stop();
  try {
    let dagen = 0;
    for (let dag = DEMO_START; dag <= tot; dag = plusDagen(dag, 1)) {
      voortgang?.bij(++dagen);
      clock.set(new Date(beginVanDag(dag).getTime() + 8 * 3_600_000));
      await bijwerken(dag.endsWith('-01') ? runner.projections : schedule);
      vuringen.push(...(await scheduler.tick()).filter((v) => v.uitkomst === 'gevuurd'));
      clock.set(new Date(beginVanDag(dag).getTime() + 10 * 3_600_000));
      for (const stap of perDag.get(dag) ?? []) {
        const id = (k: string) => uuidv5(`${seed}/${++n}/${k}`, NAMESPACE);
        // Deterministic ids for the demo's own events too (a command makes at most three, and at most five deadline
        // facts follow), so a seed gives one store.
        const ctx = { actor: { id: stap.consulent, rol: 'klantmanager' }, correlationId: id('c'), eventIds: Array.from({ length: 8 }, (_, i) => id(String(i))) };
        try {
          if (stap.actie === 'registreer') await commands.register(stap.traject, validatePayload(RegistreerTrajectDto, stap.body), ctx);
          else await commands.execute(stap.traject, stap.actie, stap.body, ctx);
        } catch (err) {
          geweigerd.push(`${dag} ${stap.actie} ${stap.traject}: ${(err as Error).message}`);
        }
      }
    }
    await bijwerken();
  } finally {
    runner.start();
  }
  voortgang?.einde();
  const gebeurtenissen = await store.headPosition();
  while (runner.projections.some((p) => runner.checkpoint(p.name) < gebeurtenissen)) await new Promise((r) => setTimeout(r, 50));
  return { stappen, vuringen, geweigerd, gebeurtenissen };
}
