/**
 * SQLite event store throughput, for synchronous=FULL and synchronous=NORMAL: `npm run bench:store`.
 * Each run uses a fresh file in the OS temp folder; the table shows the median of RUNS runs, and the JSON in
 * bench/results/ keeps every run. Numbers are for comparison on one machine, not promises.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults } from './results';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { NewEvent } from '../src/events/envelope';
import { SqliteEventStore, SynchronousLevel } from '../src/events/sqlite/sqlite-event-store';
import { toonVoortgang, voortgang } from '../src/voortgang';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LEVELS: SynchronousLevel[] = ['FULL', 'NORMAL'];
const SINGLE_APPENDS = 500;
const BATCHES = [
  { size: 10, appends: 100 },
  { size: 100, appends: 20 },
];
const STREAM_LENGTH = 50;
const STREAM_READS = 2000;
const LOG_SIZE = 20_000;
const PAGE = 1000;

const event = (i: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'InburgeringsplichtVastgesteld',
  data: { i, bsn: '999999990', naam: 'Test Persoon', route: 'B1', gemeente: '0363' },
  metadata: {
    actor: { id: 'bench', rol: 'klantmanager' },
    correlationId: randomUUID(),
    causationId: null,
    datum: '2025-03-14',
    recordedAt: new Date().toISOString(),
    schemaVersion: 1,
  },
});

type Metric = 'single append (events/s)' | `batch of ${number} (events/s)` | `read ${number}-event stream (reads/s)` | 'readAll (events/s)';

async function time(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

async function oneRun(synchronous: SynchronousLevel): Promise<Record<Metric, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'ie-bench-'));
  const store = new SqliteEventStore({ path: join(dir, 'bench.sqlite'), synchronous });
  const result = {} as Record<Metric, number>;
  try {
    // One event per append (one transaction, one commit each), spread over 50 streams with exact expected versions.
    const versions = new Map<string, number>();
    const streams = Array.from({ length: 50 }, (_, i) => `traject-single-${i}`);
    let seconds = await time(async () => {
      for (let i = 0; i < SINGLE_APPENDS; i++) {
        const s = streams[i % streams.length];
        const v = versions.get(s) ?? 0;
        await store.append(s, [event(i)], v);
        versions.set(s, v + 1);
      }
    });
    result['single append (events/s)'] = SINGLE_APPENDS / seconds;

    for (const { size, appends } of BATCHES) {
      seconds = await time(async () => {
        for (let i = 0; i < appends; i++) {
          await store.append(`traject-batch${size}-${i}`, Array.from({ length: size }, (_, j) => event(j)), 'no-stream');
        }
      });
      result[`batch of ${size} (events/s)`] = (size * appends) / seconds;
    }

    await store.append('traject-read', Array.from({ length: STREAM_LENGTH }, (_, j) => event(j)), 'no-stream');
    seconds = await time(async () => {
      for (let i = 0; i < STREAM_READS; i++) await store.readStream('traject-read');
    });
    result[`read ${STREAM_LENGTH}-event stream (reads/s)`] = STREAM_READS / seconds;

    // Fill the log up to LOG_SIZE (not timed), then read it all in pages, as a projection rebuild does.
    const head = await store.headPosition();
    for (let n = head, k = 0; n < LOG_SIZE; n += 500, k++) {
      await store.append(`traject-fill-${k}`, Array.from({ length: Math.min(500, LOG_SIZE - n) }, (_, j) => event(j)), 'no-stream');
    }
    let read = 0;
    seconds = await time(async () => {
      for (let after = 0; ; ) {
        const page = await store.readAll({ after, limit: PAGE });
        if (page.length === 0) break;
        read += page.length;
        after = page[page.length - 1].position;
      }
    });
    result['readAll (events/s)'] = read / seconds;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const runs: Record<string, Record<Metric, number>[]> = {};
  const v = voortgang('bench:store', { totaal: LEVELS.length * RUNS, eenheid: 'runs', interval: 0 });
  for (const level of LEVELS) {
    runs[level] = [];
    for (let r = 0; r < RUNS; r++) {
      runs[level].push(await oneRun(level));
      // On a terminal one progress line (runs done, rate, time left); in CI and logs a line per run as before.
      if (toonVoortgang(process.stderr)) v.bij(LEVELS.indexOf(level) * RUNS + r + 1);
      else process.stderr.write(`synchronous=${level} run ${r + 1}/${RUNS} done\n`);
    }
  }
  v.einde();
  const metrics = Object.keys(runs[LEVELS[0]][0]) as Metric[];
  const medians = Object.fromEntries(
    LEVELS.map((level) => [level, Object.fromEntries(metrics.map((m) => [m, Math.round(median(runs[level].map((r) => r[m])))]))]),
  );

  const width = Math.max(...metrics.map((m) => m.length));
  const cell = (n: number) => n.toLocaleString('en-US').padStart(12);
  console.log(`\nSQLite event store, median of ${RUNS} runs (${tmpdir()}, Node ${process.version}, ${cpus()[0]?.model ?? 'cpu?'})`);
  console.log(`${'metric'.padEnd(width)} | ${LEVELS.map((l) => l.padStart(12)).join(' | ')}`);
  console.log(`${'-'.repeat(width)}-|-${LEVELS.map(() => '-'.repeat(12)).join('-|-')}`);
  for (const m of metrics) console.log(`${m.padEnd(width)} | ${LEVELS.map((l) => cell(medians[l][m])).join(' | ')}`);

  const parameters = { RUNS, SINGLE_APPENDS, BATCHES, STREAM_LENGTH, STREAM_READS, LOG_SIZE, PAGE };
  const out = writeResults('store', { parameters, medians, runs });
  console.log(`\nwrote ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
