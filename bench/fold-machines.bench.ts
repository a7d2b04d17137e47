/**
 * Today's inburgering machine against main c2c65f4's (the test fixture in src/trajectories/inburgering/testing/c2c65f4),
 * folding the same 200 events in memory, alternating one fold of each per iteration so that the shared machine's noise
 * falls on both alike: `npx ts-node --transpile-only bench/fold-machines.bench.ts` (under the bench lock). The events are
 * bench:fold's trajectory (registration, intake, PIP, then `registreer-uren`), recorded through the command handler on
 * an in-memory store. Prints each machine's median fold, the median of the per-iteration ratios, and XState's floor for
 * the trajectory's state shape (bench:fold).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { FixedClock } from '../src/events/clock';
import { SqliteEventStore } from '../src/events/sqlite/sqlite-event-store';
import { CommandHandler } from '../src/trajectories/core/command-handler';
import { fold } from '../src/trajectories/core/fold';
import { TrajectRepository } from '../src/trajectories/core/traject-repository';
import { recordTrajectory } from './traject-200';
import { inburgeringKind } from '../src/trajectories/inburgering/kind';
import { kindC2c65f4 } from '../src/trajectories/inburgering/testing/c2c65f4/vergelijk';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const store = new SqliteEventStore({ path: ':memory:', synchronous: 'OFF' });
  const handler = new CommandHandler(new TrajectRepository(store), new FixedClock(new Date('2026-11-29T10:00:00Z')));
  const id = randomUUID();
  await recordTrajectory(handler, id);
  const events = await store.readStream(`traject-${id}`);
  await store.close();
  const nu: number[] = [];
  const toen: number[] = [];
  const ratio: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    fold(inburgeringKind, id, events);
    const t1 = performance.now();
    fold(kindC2c65f4, id, events);
    const t2 = performance.now();
    nu.push(t1 - t0);
    toen.push(t2 - t1);
    ratio.push((t1 - t0) / (t2 - t1));
  }
  console.log(`Fold of ${events.length} events in memory, ${ITERATIONS} alternating iterations (median ms)`);
  console.log(`| machine of main c2c65f4 | ${median(toen).toFixed(3)} |`);
  console.log(`| today's machine | ${median(nu).toFixed(3)} |`);
  console.log(`| today / c2c65f4, median of per-iteration ratios | ${median(ratio).toFixed(2)} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
