/**
 * Today's fold beside earlier ones, in one process, alternating one of each per iteration so that the shared machine's
 * noise falls on all alike: `npx ts-node --transpile-only bench/fold-machines.bench.ts` (under the bench lock).
 *
 * The events are bench:fold's 200-event trajectory (registration, intake, PIP, then `registreer-uren`), recorded through
 * the command handler on a real SQLite file behind the encrypting store. Folded in memory through today's fold.ts:
 *   - today's inburgering machine (uitvoering one state, its parts derived from the context);
 *   - main c2c65f4's (uitvoering as parallel regions moved by eventless transitions; testing/c2c65f4, which the
 *     equivalence spec needs anyway).
 * With BENCH_BASELINE_ROOT=<another checkout> (e.g. `git archive 9a78640 | tar -x -C /tmp/main` with node_modules
 * linked: uitvoering as four parallel regions moved by facts), that checkout's own fold and cold load (read + decrypt +
 * fold, a fresh repository) alternate with today's, on the same stream: any earlier machine without a copy of it here. Prints each median (ms) and the median of the per-iteration ratios.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FixedClock } from '../src/events/clock';
import { SqliteEventStore } from '../src/events/sqlite/sqlite-event-store';
import { EncryptingEventStore } from '../src/privacy/encrypting-event-store';
import { DEFAULT_FIELD_GROUPS } from '../src/privacy/field-groups';
import { KeyStore } from '../src/privacy/key-store';
import { CommandHandler } from '../src/trajectories/core/command-handler';
import { fold } from '../src/trajectories/core/fold';
import { TrajectRepository } from '../src/trajectories/core/traject-repository';
import { inburgeringKind } from '../src/trajectories/inburgering/kind';
import { kindC2c65f4 } from '../src/trajectories/inburgering/testing/c2c65f4/vergelijk';
import { recordTrajectory } from './traject-200';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3000);
const BASELINE = process.env.BENCH_BASELINE_ROOT ? resolve(process.env.BENCH_BASELINE_ROOT) : null;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Each case timed once per iteration, in turn; medians, and the median of each case's per-iteration ratio to the first. */
async function alternate(cases: Record<string, () => unknown>, iterations: number) {
  const names = Object.keys(cases);
  const times: number[][] = names.map(() => []);
  const ratios: number[][] = names.map(() => []);
  for (let i = 0; i < iterations; i++) {
    const t: number[] = [];
    for (const name of names) {
      const t0 = performance.now();
      await cases[name]();
      t.push(performance.now() - t0);
    }
    t.forEach((x, j) => (times[j].push(x), ratios[j].push(x / t[0])));
  }
  return names.map((name, j) => ({ name, medianMs: median(times[j]), ratio: median(ratios[j]) }));
}

const table = (title: string, rows: { name: string; medianMs: number; ratio: number }[], against: string) =>
  [title, '', `| | median ms | × ${against} |`, '|---|---|---|', ...rows.map((r) => `| ${r.name} | ${r.medianMs.toFixed(3)} | ${r.ratio.toFixed(2)} |`)].join('\n');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ie-bench-fold-machines-'));
  const keys = new KeyStore(join(dir, 'keys.sqlite'), randomBytes(32));
  const store = new EncryptingEventStore(new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'FULL' }), keys, DEFAULT_FIELD_GROUPS);
  try {
    const handler = new CommandHandler(new TrajectRepository(store, keys), new FixedClock(new Date('2026-11-29T10:00:00Z')));
    const id = randomUUID();
    await recordTrajectory(handler, id);
    const events = await store.readStream(`traject-${id}`);
    const machines = await alternate({
      "today's machine": () => fold(inburgeringKind, id, events),
      'machine of main c2c65f4 (eventless regions)': () => fold(kindC2c65f4, id, events),
    }, ITERATIONS);
    console.log(table(`Fold of ${events.length} events in memory through today's fold.ts, ${ITERATIONS} alternating iterations`, machines, "today's"));
    if (BASELINE) {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const base = {
        fold: require(join(BASELINE, 'src/trajectories/core/fold')).fold,
        TrajectRepository: require(join(BASELINE, 'src/trajectories/core/traject-repository')).TrajectRepository,
      };
      /* eslint-enable @typescript-eslint/no-require-imports */
      const { kind: baseKind } = await new base.TrajectRepository(store, keys).load(id);
      const checkouts = await alternate({
        'fold alone, today': () => fold(inburgeringKind, id, events),
        [`fold alone, ${BASELINE}`]: () => base.fold(baseKind, id, events),
      }, ITERATIONS);
      const cold = await alternate({
        'cold load (read + decrypt + fold), today': () => new TrajectRepository(store, keys).load(id),
        [`cold load, ${BASELINE}`]: () => new base.TrajectRepository(store, keys).load(id),
      }, Math.ceil(ITERATIONS / 3));
      console.log(`\n${table(`The same stream through this checkout and ${BASELINE}, alternating`, [...checkouts, ...cold], "today's (per pair)")}`);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
