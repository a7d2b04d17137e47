/**
 * Projection rebuild rate: `npm run bench:projections`.
 * 1. A demo-sized log: the 's-Hertogenbosch demo caseload 2022–2025 (scripts/demo, seed 2021) recorded through the
 *    command path into a temp SQLite store; every projection rebuilt from 0 into a fresh read-model file, RUNS times
 *    (median reported).
 * 2. A 1,000,000-event log (PROJECTION_BENCH_EVENTS): the demo's trajectories copied under new ids (so every copy is
 *    a life the machine accepted), encrypted as the app stores them, written straight into SQLite; rebuilt LARGE_RUNS times.
 * The rebuild is `npm run projections -- rebuild --parallel` (src/projections/herbouw-parallel.ts): the log is split by
 * trajectory (the last hex digit of its id, filtered in SQLite); this thread rebuilds every projection from its share
 * (and every other stream), worker threads (one per core besides this thread's, or BENCH_WERKERS), started once before
 * the runs (their start, loading the application's code, is printed and not in the rate, like this process's own start),
 * rebuild them from the other shares into side files whose rows are then added to the read-model file. Events are
 * decoded lazily: parsed and decrypted only when some projection reads them. The bare scan beside it reads every event through the same decrypting store and decodes
 * every one.
 * The rate is always events in the log / wall seconds of the whole rebuild (copy, indexes and the WAL checkpoint included).
 * BENCH_DEMO_SQLITE_PATH and BENCH_LARGE_SQLITE_PATH keep the two logs for later runs (the large one with its key store
 * and master key beside it: `<path>-keys.sqlite`, `<path>.master-key`).
 * The table is printed and written to bench/results/projections-<date>.json.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { keptLargeLog, largeBron, masterKeyFile } from './large-log';
import { writeResults } from './results';
import { performance } from 'node:perf_hooks';
import { DEMO_START, vulDemo } from '../scripts/demo/vul';
import { createApp } from '../src/app.factory';
import { AppConfig, loadConfig } from '../src/config';
import { FixedClock } from '../src/events/clock';
import { StoredEvent } from '../src/events/envelope';
import { EventStore } from '../src/events/event-store';
import { SqliteEventStore } from '../src/events/sqlite/sqlite-event-store';
import { EncryptingEventStore } from '../src/privacy/encrypting-event-store';
import { DEFAULT_FIELD_GROUPS } from '../src/privacy/field-groups';
import { KeyStore } from '../src/privacy/key-store';
import { createEncryptingStore, createKeyStore } from '../src/privacy/privacy-providers';
import { Herbouwd, herbouw } from '../src/projections/herbouw';
import { Bron, HerbouwWerker, bronVan, herbouwParallel, werkersVoorDezeMachine } from '../src/projections/herbouw-parallel';
import { zoeksleutel } from '../src/projections/zoeksleutels';
import { openProjectionsDb } from '../src/projections/projections-db';
import { AppModule } from '../src/app.module';
import { projectionsOfApp } from '../src/projections/projection-catalog';
import { voortgang } from '../src/voortgang';
import { ProjectionRunner } from '../src/projections/runner';
import { beginVanDag } from '../src/trajectories/core/kalender';

/** The BSN index's secret, handed to the worker too, so that both threads build the same projections. */
const BSN_INDEX_GEHEIM = randomBytes(32);
const DUO = loadConfig().duo;
const PROJECTIONS = projectionsOfApp(AppModule, { sleutels: { bsnSleutel: zoeksleutel(BSN_INDEX_GEHEIM) }, config: { duo: DUO } });
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LARGE_RUNS = Number(process.env.BENCH_LARGE_RUNS ?? 3);
/**
 * Rounds on the demo log before those measured (scan, parallel and one-thread rebuild; printed, not in the medians): V8
 * compiles the handlers while they run, and the worker's first rebuild of a 0.3 s log ran at half the rate of its later ones.
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const LARGE = Number(process.env.PROJECTION_BENCH_EVENTS ?? 1_000_000);
const START_LOAD = loadavg().map((l) => Math.round(l * 100) / 100);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The baseline: the same log read once through the same (decrypting) store, pages of 5,000, every event decoded
 * (its data and metadata read, so parsed and decrypted: the store decodes lazily), nothing applied.
 */
async function scan(store: EventStore): Promise<number> {
  const t0 = performance.now();
  let events = 0;
  let bytes = 0;
  for (let page = await store.readAll({ limit: 5000 }); page.length; page = await store.readAll({ after: page[page.length - 1].position, limit: 5000 })) {
    events += page.length;
    for (const e of page) bytes += Object.keys(e.data).length + e.metadata.datum.length;
  }
  if (bytes === 0 && events > 0) throw new Error('scan decoded nothing');
  return Math.round(events / ((performance.now() - t0) / 1000));
}

type Run = Herbouwd & { scanEventsPerSecond: number; oneThreadEventsPerSecond?: number };
/** Also rebuild in this thread alone (herbouw), beside the parallel rebuild: BENCH_ONE_THREAD=0 skips it. */
const ONE_THREAD = process.env.BENCH_ONE_THREAD !== '0';
/** Worker threads beside this one: one per core besides this thread's (src/projections/herbouw-parallel.ts), or BENCH_WERKERS. */
const WERKERS = Number(process.env.BENCH_WERKERS ?? werkersVoorDezeMachine());

/** Rebuilds every projection `runs` times, each into a fresh read-model file, each beside a bare scan of the same log. */
async function rebuilds(store: EventStore, bron: Bron, werker: HerbouwWerker[], dir: string, runs: number, label: string): Promise<Run[]> {
  const out: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const scanEventsPerSecond = await scan(store);
    const path = join(dir, `projections-${label}-${i}.sqlite`);
    const db = openProjectionsDb(path);
    try {
      const r = await herbouwParallel(new ProjectionRunner(store, db, PROJECTIONS), store, PROJECTIONS, {
        werker, bron, bsnIndexGeheim: BSN_INDEX_GEHEIM, duo: DUO, voortgang: voortgang(`${label} run ${i + 1}`, { eenheid: 'gebeurtenissen' }),
      });
      out.push({ ...r, scanEventsPerSecond });
    } finally {
      db.close();
      rmSync(path, { force: true });
    }
    if (ONE_THREAD) {
      const pad = join(dir, `projections-${label}-${i}-een.sqlite`);
      const een = openProjectionsDb(pad);
      try {
        out[i].oneThreadEventsPerSecond = (await herbouw(new ProjectionRunner(store, een, PROJECTIONS), store, PROJECTIONS)).eventsPerSecond;
      } finally {
        een.close();
        rmSync(pad, { force: true });
      }
    }
    const p = out[i].parallel;
    console.log(`${label} run ${i + 1}: ${out[i].events.toLocaleString('en')} events in ${out[i].seconds} s, ${out[i].eventsPerSecond.toLocaleString('en')} events/s; bare scan ${scanEventsPerSecond.toLocaleString('en')} events/s`
      + (out[i].oneThreadEventsPerSecond ? `; in one thread ${out[i].oneThreadEventsPerSecond!.toLocaleString('en')} events/s` : '')
      + (p ? `\n  this thread: trajectories ending in ${p.eindigtOp.hier} and every other stream (${(out[i].events - p.werkerEvents).toLocaleString('en')} events, ${p.hierSeconds} s); ${p.werkers.map((w, n) => `worker${p.werkers.length > 1 ? ` ${n + 1}` : ''}: trajectories ending in ${w.eindigtOp} (${w.events.toLocaleString('en')} events, ${w.seconds} s)`).join('; ')}; adding the workers' rows + indexes ${p.overnameSeconds} s, checkpoint of the WAL ${p.checkpointSeconds} s` : ''));
  }
  return out;
}

/** The summary row: medians over the runs, overall and per projection. */
const samenvatting = (label: string, runs: Run[]) => ({
  log: label,
  events: runs[0].events,
  runs: runs.length,
  'seconds (median)': median(runs.map((r) => r.seconds)),
  'events/s (median)': median(runs.map((r) => r.eventsPerSecond)),
  'bare scan events/s (median)': median(runs.map((r) => r.scanEventsPerSecond)),
  'rebuild / scan (median)': median(runs.map((r) => Math.round((r.eventsPerSecond / r.scanEventsPerSecond) * 100) / 100)),
  ...(ONE_THREAD ? {
    'one thread events/s (median)': median(runs.map((r) => r.oneThreadEventsPerSecond!)),
    'one thread / scan (median)': median(runs.map((r) => Math.round((r.oneThreadEventsPerSecond! / r.scanEventsPerSecond) * 100) / 100)),
  } : {}),
  ...Object.fromEntries(PROJECTIONS.map((p, i) => [`${p.name} events/s`, median(runs.map((r) => r.projecties[i].eventsPerSecond))])),
});

/**
 * Copies of the demo's trajectory streams under new ids until `total` events, written as the app would store them:
 * into `dir`, or at BENCH_LARGE_SQLITE_PATH (`keep`), kept with its key store and master key for the next runs.
 */
async function writeLargeLog(demo: StoredEvent[], dir: string, total: number, keep?: string): Promise<{ store: EncryptingEventStore; bron: Bron }> {
  const bron = largeBron(keep ?? join(dir, 'large.sqlite'), randomBytes(32));
  // Written before the log, so a kept log is never without its key (an interrupted write leaves a log of another size, refused).
  if (keep) writeFileSync(masterKeyFile(keep), Buffer.from(bron.masterKey).toString('hex'), { mode: 0o600 });
  const raw = new SqliteEventStore({ path: bron.sqlitePath, synchronous: 'OFF' });
  const keys = new KeyStore(bron.keystorePath, Buffer.from(bron.masterKey));
  // A scratch log, made again if lost: no fsync per new trajectory key (the key store syncs FULL, one key per copy and group).
  (keys as unknown as { db: { pragma(s: string): unknown } }).db.pragma('synchronous = OFF');
  const store = new EncryptingEventStore(raw, keys, DEFAULT_FIELD_GROUPS);
  const insert = raw.db.prepare('INSERT INTO ie_events (stream_id, version, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const trajecten = demo.filter((e) => e.streamId.startsWith('traject-'));
  let written = 0;
  const write = raw.db.transaction((copy: number) => {
    const ids = new Map<string, string>();
    for (const e of trajecten) {
      if (written >= total) return;
      let traject = ids.get(e.streamId);
      if (!traject) ids.set(e.streamId, (traject = randomUUID()));
      const streamId = `traject-${traject}`;
      const event = store.encrypt(traject, streamId, {
        eventId: randomUUID(), type: e.type, data: e.data,
        metadata: { ...e.metadata, correlationId: `${e.metadata.correlationId}-${copy}`, prevHash: 'f'.repeat(64), hash: 'e'.repeat(64) },
      });
      insert.run(streamId, e.version, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), e.metadata.recordedAt);
      written++;
    }
  });
  const v = voortgang('Groot log schrijven', { totaal: total, eenheid: 'gebeurtenissen' });
  for (let copy = 0; written < total; copy++) {
    write(copy);
    v.bij(written);
  }
  v.einde();
  return { store, bron };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ie-projections-bench-'));
  try {
    // 1. The demo log, through the command path, or kept at BENCH_DEMO_SQLITE_PATH (recorded there once when the file does
    //    not exist yet; its key store next to it, or at KEYSTORE_PATH).
    const bewaard = process.env.BENCH_DEMO_SQLITE_PATH;
    const bestaand = bewaard && existsSync(bewaard) ? bewaard : undefined;
    const config: AppConfig = {
      ...loadConfig({}), logLevel: 'silent', schedulerEnabled: false, sqlitePath: bewaard ?? join(dir, 'demo.sqlite'), projectionsPath: join(dir, 'demo-projections.sqlite'),
      ...(bewaard ? { keystorePath: process.env.KEYSTORE_PATH } : {}),
    } as AppConfig;
    const clock = new FixedClock(beginVanDag(DEMO_START));
    let t0 = performance.now();
    if (!bestaand) {
      const app = await createApp({ clock, config });
      const { geweigerd } = await vulDemo(app, clock, 2021, '2025-12-31');
      await app.close();
      if (geweigerd.length) throw new Error(`demo refused ${geweigerd.length} commands`);
    }
    const demoStore = createEncryptingStore(new SqliteEventStore({ path: config.sqlitePath }), createKeyStore(config), config);
    const demo: StoredEvent[] = [];
    for (let page = await demoStore.readAll({ limit: 5000 }); page.length; page = await demoStore.readAll({ after: page[page.length - 1].position, limit: 5000 })) demo.push(...page);
    console.log(`demo log: ${demo.length.toLocaleString('en')} events recorded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const demoBron = bronVan(config);
    t0 = performance.now();
    const werker = await Promise.all(Array.from({ length: WERKERS }, () => HerbouwWerker.start()));
    const werkerStart = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`${WERKERS === 1 ? 'worker thread' : `${WERKERS} worker threads`} started in ${werkerStart} s (once; loading the application's code, not part of the rates)`);
    if (WARMUP > 0) await rebuilds(demoStore, demoBron, werker, dir, WARMUP, 'warm-up');
    const demoRuns = await rebuilds(demoStore, demoBron, werker, dir, RUNS, 'demo');
    await demoStore.close();

    // 2. The large log (PROJECTION_BENCH_EVENTS=0 skips it).
    if (LARGE === 0) {
      const rows = [samenvatting('demo', demoRuns)];
      console.table(rows);
      console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(', ')} (${cpus().length} cores); at the start: ${START_LOAD}`);
      writeResults('projections', { loadAverage: { start: START_LOAD, end: loadavg().map((l) => Math.round(l * 100) / 100) }, command: 'npm run bench:projections', werkers: WERKERS, werkerStart, warmup: WARMUP, projections: PROJECTIONS.map((p) => p.name), summary: rows, demo: demoRuns });
      await Promise.all(werker.map((w) => w.stop()));
      return;
    }
    t0 = performance.now();
    const keep = process.env.BENCH_LARGE_SQLITE_PATH;
    const kept = keep ? keptLargeLog(keep, LARGE) : undefined;
    const { store: large, bron: largeBron } = kept ?? await writeLargeLog(demo, dir, LARGE, keep);
    const writeSeconds = Math.round((performance.now() - t0) / 100) / 10;
    console.log(kept ? `large log: ${LARGE.toLocaleString('en')} events kept at ${keep}` : `large log: ${LARGE.toLocaleString('en')} events written in ${writeSeconds} s${keep ? ` (kept at ${keep})` : ''}`);
    const largeRuns = await rebuilds(large, largeBron, werker, dir, LARGE_RUNS, 'large');
    await large.close();
    await Promise.all(werker.map((w) => w.stop()));

    const rows = [samenvatting('demo', demoRuns), samenvatting(`${LARGE / 1e6}M`, largeRuns)];
    console.table(rows);
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(', ')} (${cpus().length} cores); at the start: ${START_LOAD}`);
      writeResults('projections', { loadAverage: { start: START_LOAD, end: loadavg().map((l) => Math.round(l * 100) / 100) },
      command: 'npm run bench:projections', werkers: WERKERS, werkerStart, warmup: WARMUP,
      projections: PROJECTIONS.map((p) => p.name), summary: rows, demo: demoRuns, large: { writeSeconds, kept: !!kept, runs: largeRuns },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
