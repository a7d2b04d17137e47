/**
 * Streamed export of a large event log: `npm run bench:export` (1,000,000 events; EXPORT_EVENTS to change).
 * Writes the log straight into a temp SQLite file, then downloads /export as NDJSON and as CSV over HTTP while
 * sampling the heap. Run with --expose-gc (the npm script does) so the baseline is measured after a GC.
 * The result table is printed and written to bench/results/export-<date>.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults } from './results';
import { performance } from 'node:perf_hooks';
import { measureExport } from '../test/support/export-measure';
import { voortgang } from '../src/voortgang';
import { writeLargeLog } from '../test/support/large-log';

const TOTAL = Number(process.env.EXPORT_EVENTS ?? 1_000_000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ie-export-bench-'));
  try {
    const t0 = performance.now();
    const log = writeLargeLog(dir, TOTAL, undefined, voortgang('Log schrijven', { totaal: TOTAL, eenheid: 'gebeurtenissen' }));
    const writeSeconds = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`${TOTAL.toLocaleString('en')} events written in ${writeSeconds} s`);
    const results = [];
    for (const format of ['ndjson', 'csv'] as const) {
      const m = await measureExport(log.store, format);
      console.log(JSON.stringify(m));
      results.push(m);
    }
    await log.close();
    console.table(results.map((r) => ({
      format: r.format, events: r.events, MB: r.megabytes, s: r.seconds, 'events/s': r.eventsPerSecond,
      'heap base MB': r.heapBaselineMb, 'heap max MB': r.heapMaxMb, 'heap growth MB': r.heapGrowthMb, 'rss max MB': r.rssMaxMb,
      'lead at pause': r.leadAtPause, 'read while paused': r.readWhilePaused,
    })));
    writeResults('export', { events: TOTAL, writeSeconds, results });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
