/**
 * Where one thread's share of a parallel rebuild spends its CPU: `npm run bench:projections:cost`.
 *
 * The parallel rebuild (`npm run bench:projections`) takes as long as its slowest thread, plus a tail in this thread
 * (adding the workers' rows, the indexes, the WAL checkpoint). This benchmark takes the split of the log the parallel
 * rebuild uses (`delen(verdeling(BENCH_WERKERS))`) and, for each share alone, in this thread, measures the CPU per event
 * (`process.cpuUsage`: GC helper threads included, as they compete for the same cores) of four runs over that share:
 * - `fetch`: the rows read (`readAllLazily` with the rebuild's types and share), nothing decoded;
 * - `scan`: also every event's data parsed (its personal fields are decrypted only where a projection reads them);
 * - `rebuild`: the share rebuilt as in the parallel rebuild (herbouw with `deel`), indexes and checkpoint included;
 * - `no-writes`: the same rebuild with every change the projections make computed but not executed (their reads and
 *   checkpoints still run). It bounds what any work on the write side (statements, commits, checkpoint) can gain.
 *   It is a measurement only and not quite the real work: a row that a later page changes again is not found there, so
 *   the handler takes its path for a new row (about one row in ten on the 1M log).
 * The modes alternate per round (BENCH_COST_RUNS rounds, default 3; medians). From each mode's medians it prints the rate
 * that many threads could reach on as many free cores with no tail at all: the log's events / the largest share's CPU
 * seconds, and, for a perfectly even split, events / (all shares' CPU seconds / threads). Both are upper bounds.
 *
 * The log: the 1M log kept by `npm run bench:projections` at BENCH_LARGE_SQLITE_PATH (with its key store and master
 * key beside it), or the demo log kept at BENCH_DEMO_SQLITE_PATH (key store at KEYSTORE_PATH) with BENCH_COST_LOG=demo.
 * Results: bench/results/projections-cost-<date>.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { keptLargeLog } from './large-log';
import { writeResults } from './results';
import { AppConfig, loadConfig } from '../src/config';
import { EventStore, StreamShare } from '../src/events/event-store';
import { SqliteEventStore } from '../src/events/sqlite/sqlite-event-store';
import { createEncryptingStore, createKeyStore } from '../src/privacy/privacy-providers';
import { AppModule } from '../src/app.module';
import { herbouw, typenVan } from '../src/projections/herbouw';
import { cijfersVan, delen, verdeling, werkersVoorDezeMachine } from '../src/projections/herbouw-parallel';
import { projectionsOfApp } from '../src/projections/projection-catalog';
import { openProjectionsDb } from '../src/projections/projections-db';
import { ProjectionRunner, UPDATE_CHECKPOINT } from '../src/projections/runner';
import { zoeksleutel } from '../src/projections/zoeksleutels';

const RUNS = Number(process.env.BENCH_COST_RUNS ?? 3);
const WERKERS = Number(process.env.BENCH_WERKERS ?? werkersVoorDezeMachine());
const LOG = process.env.BENCH_COST_LOG ?? 'large';
const PROJECTIONS = projectionsOfApp(AppModule, { sleutels: { bsnSleutel: zoeksleutel(randomBytes(32)) }, config: { duo: loadConfig().duo } });
const TYPEN = typenVan(PROJECTIONS);
const MODES = ['fetch', 'scan', 'rebuild', 'no-writes'] as const;
type Mode = (typeof MODES)[number];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rond = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;

/** Every page of the share, as the rebuild reads it; `decode` also parses each event's data. */
async function lees(store: EventStore, share: StreamShare, head: number, decode: boolean): Promise<number> {
  let events = 0;
  let keys = 0;
  for (let page = await store.readAllLazily({ limit: 20_000, types: TYPEN, share, until: head }); page.length;
    page = await store.readAllLazily({ after: page[page.length - 1].position, limit: 20_000, types: TYPEN, share, until: head })) {
    events += page.length;
    if (decode) for (const e of page) keys += Object.keys(e.data).length;
  }
  if (decode && events > 0 && keys === 0) throw new Error('scan decoded nothing');
  return events;
}

/**
 * Runs `fn` with the runner's changes computed but not executed: every statement a projection's change names becomes a
 * no-op, while the checkpoints' UPDATE and the handlers' reads (through `reader`, not `stmt`) still run. Patched on the
 * prototype for the length of `fn` only (the runner has no such mode, on purpose: it is a measurement).
 */
async function zonderSchrijven<T>(fn: () => Promise<T>): Promise<T> {
  const proto = ProjectionRunner.prototype as unknown as { handles(p: unknown): { stmt(sql: string): unknown } };
  const handles = proto.handles;
  const niets = { run: () => undefined };
  proto.handles = function (this: unknown, p: unknown) {
    const h = handles.call(this, p);
    return { ...h, stmt: (sql: string) => (sql === UPDATE_CHECKPOINT ? h.stmt(sql) : niets) };
  };
  try {
    return await fn();
  } finally {
    proto.handles = handles;
  }
}

/** One mode over one share: the events read and the CPU microseconds per event. */
async function meet(mode: Mode, store: EventStore, share: StreamShare, head: number, dir: string): Promise<{ events: number; cpuPerEvent: number }> {
  const c0 = process.cpuUsage();
  let events: number;
  let cpu: NodeJS.CpuUsage;
  if (mode === 'fetch' || mode === 'scan') {
    events = await lees(store, share, head, mode === 'scan');
    cpu = process.cpuUsage(c0);
  } else {
    const path = join(dir, `cost-${mode}.sqlite`);
    const db = openProjectionsDb(path);
    try {
      const run = () => herbouw(new ProjectionRunner(store, db, PROJECTIONS), store, PROJECTIONS, { deel: share, tot: head });
      events = (mode === 'no-writes' ? await zonderSchrijven(run) : await run()).events;
      cpu = process.cpuUsage(c0);
      // The measurement means what it says only if the one wrote no row and the other did.
      const rijen = PROJECTIONS.flatMap((p) => p.tables).reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);
      if ((mode === 'no-writes') !== (rijen === 0)) throw new Error(`${mode}: ${rijen} rows written`);
    } finally {
      db.close();
      for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
    }
  }
  return { events, cpuPerEvent: rond((cpu.user + cpu.system) / events, 2) };
}

function openLog(): { store: EventStore; label: string } {
  if (LOG === 'demo') {
    const sqlitePath = process.env.BENCH_DEMO_SQLITE_PATH;
    if (!sqlitePath) throw new Error('BENCH_COST_LOG=demo needs BENCH_DEMO_SQLITE_PATH (and KEYSTORE_PATH): a demo log kept by npm run bench:projections');
    const config = { ...loadConfig({}), sqlitePath, keystorePath: process.env.KEYSTORE_PATH } as AppConfig;
    return { store: createEncryptingStore(new SqliteEventStore({ path: sqlitePath }), createKeyStore(config), config), label: 'demo' };
  }
  const path = process.env.BENCH_LARGE_SQLITE_PATH;
  const kept = path ? keptLargeLog(path) : undefined;
  if (!kept) throw new Error('Needs the large log kept by npm run bench:projections: set BENCH_LARGE_SQLITE_PATH (a run of bench:projections with it set writes it there)');
  return { store: kept.store, label: `${kept.events / 1e6}M` };
}

async function main(): Promise<void> {
  const startLoad = loadavg().map((l) => rond(l, 2));
  const { store, label } = openLog();
  const dir = mkdtempSync(join(tmpdir(), 'ie-rebuild-cost-'));
  const { hier, werkers } = delen(verdeling(WERKERS));
  const shares = [{ naam: 'this thread', share: hier }, ...werkers.map((share, i) => ({ naam: `worker ${i + 1}`, share }))];
  const head = await store.headPosition();
  const metingen = new Map<string, { events: number; cpu: number[] }>();
  try {
    // A round of the rebuild first (not counted): V8 compiles the handlers while they run.
    await meet('rebuild', store, shares[shares.length - 1].share, Math.min(head, 50_000), dir);
    for (let r = 0; r < RUNS; r++) {
      for (const mode of MODES) {
        for (const { naam, share } of shares) {
          const m = await meet(mode, store, share, head, dir);
          const key = `${mode}|${naam}`;
          const seen = metingen.get(key) ?? { events: m.events, cpu: [] };
          seen.cpu.push(m.cpuPerEvent);
          metingen.set(key, seen);
          console.log(`round ${r + 1}, ${mode}, ${naam} (trajectories ending in ${cijfersVan(share)}${share.others ? ' and every other stream' : ''}): ${m.events.toLocaleString('en')} events, ${m.cpuPerEvent} µs CPU an event`);
        }
      }
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const threads = shares.length;
  const rows = MODES.map((mode) => {
    const perShare = shares.map(({ naam }) => ({ naam, ...metingen.get(`${mode}|${naam}`)! }));
    const events = perShare.reduce((n, s) => n + s.events, 0);
    const seconds = perShare.map((s) => (s.events * median(s.cpu)) / 1e6);
    return {
      mode,
      ...Object.fromEntries(perShare.map((s) => [`${s.naam} µs/event (median)`, median(s.cpu)])),
      'at most, events/s (slowest share, no tail)': rond(events / Math.max(...seconds)),
      'at most, events/s (even split, no tail)': rond(events / (seconds.reduce((a, b) => a + b, 0) / threads)),
    };
  });
  const events = shares.reduce((n, { naam }) => n + metingen.get(`rebuild|${naam}`)!.events, 0);
  console.table(rows);
  console.log(`${label} log, ${events.toLocaleString('en')} events read by the rebuild, ${threads} threads on ${cpus().length} cores. `
    + `100,000 events/s on ${threads} free cores, with no tail and an even split, allows at most ${threads * 10} µs of CPU an event in each thread.`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(', ')}; at the start: ${startLoad}`);
  const out = writeResults('projections-cost', {
    command: 'npm run bench:projections:cost', log: label, werkers: WERKERS, runs: RUNS,
    loadAverage: { start: startLoad, end: loadavg().map((l) => rond(l, 2)) },
    shares: shares.map(({ naam, share }) => ({ naam, ...share })), summary: rows,
    metingen: Object.fromEntries(metingen),
  });
  console.log(`written to ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
