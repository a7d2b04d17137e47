/**
 * One-thread rebuild of a recorded demo log, this checkout against another one in the same process, alternating:
 * `BENCH_BASELINE_ROOT=/tmp/base BENCH_DEMO_SQLITE_PATH=/tmp/demo.sqlite npm run bench:projections:baseline`
 * (the baseline: e.g. `git archive 7323aa9 | tar -x -C /tmp/base` with a node_modules link; the demo log as recorded by
 * `npm run bench:projections` with BENCH_DEMO_SQLITE_PATH). Each round rebuilds every projection BENCH_RUNS times
 * (default 10) with each checkout's own code (`herbouw`, one thread, the same store file and keys), and reports the
 * rate and the CPU time per event of this thread (process.cpuUsage): on a machine other tenants load, the CPU time
 * moves far less than the wall-clock rate. Medians per round; written to bench/results/projections-baseline-<date>.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeResults } from './results';

const BASELINE = process.env.BENCH_BASELINE_ROOT ? resolve(process.env.BENCH_BASELINE_ROOT) : null;
const DEMO = process.env.BENCH_DEMO_SQLITE_PATH;
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A checkout's rebuild, loaded from its own src (two module trees in one process: nothing is shared but node_modules). */
function rebuilder(root: string) {
  const r = (p: string) => require(join(root, 'src', p));
  const { loadConfig } = r('config');
  const { SqliteEventStore } = r('events/sqlite/sqlite-event-store');
  const { createEncryptingStore, createKeyStore } = r('privacy/privacy-providers');
  const { herbouw } = r('projections/herbouw');
  const { openProjectionsDb } = r('projections/projections-db');
  const { AppModule } = r('app.module');
  const { projectionsOfApp } = r('projections/projection-catalog');
  const { zoeksleutel } = r('projections/zoeksleutels');
  const { ProjectionRunner } = r('projections/runner');
  const config = { ...loadConfig({}), sqlitePath: DEMO };
  const store = createEncryptingStore(new SqliteEventStore({ path: DEMO }), createKeyStore(config), config);
  const projections = projectionsOfApp(AppModule, { sleutels: { bsnSleutel: zoeksleutel(randomBytes(32)) }, config: { duo: config.duo } });
  return async (path: string): Promise<{ eventsPerSecond: number; cpuMicrosPerEvent: number }> => {
    const db = openProjectionsDb(path);
    try {
      const c0 = process.cpuUsage();
      const res = await herbouw(new ProjectionRunner(store, db, projections), store, projections);
      const c = process.cpuUsage(c0);
      return { eventsPerSecond: res.eventsPerSecond, cpuMicrosPerEvent: Math.round(((c.user + c.system) / res.events) * 10) / 10 };
    } finally {
      db.close();
      rmSync(path, { force: true });
    }
  };
}

async function main(): Promise<void> {
  if (!BASELINE || !DEMO) throw new Error('BENCH_BASELINE_ROOT and BENCH_DEMO_SQLITE_PATH are required');
  const dir = mkdtempSync(join(tmpdir(), 'ie-projections-baseline-'));
  const checkouts = [{ label: `baseline ${BASELINE}`, run: rebuilder(BASELINE) }, { label: 'this checkout', run: rebuilder(resolve(__dirname, '..')) }];
  const rounds: Record<string, unknown>[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const { label, run } of checkouts) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await run(join(dir, `p-${round}-${i}.sqlite`)));
        const row = {
          round, checkout: label, 'events/s (median)': median(runs.map((x) => x.eventsPerSecond)),
          'CPU µs/event (median)': median(runs.map((x) => x.cpuMicrosPerEvent)), 'CPU µs/event (min)': Math.min(...runs.map((x) => x.cpuMicrosPerEvent)),
          load: loadavg()[0].toFixed(2),
        };
        console.log(JSON.stringify(row));
        rounds.push(row);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.table(rounds);
  writeResults('projections-baseline', { command: 'npm run bench:projections:baseline', baseline: BASELINE, runs: RUNS, rounds });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
