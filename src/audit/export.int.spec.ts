import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { measureExport } from '../../test/support/export-measure';
import { LargeLog, writeLargeLog } from '../../test/support/large-log';

/**
 * A streamed export of a large log keeps the heap flat and honours backpressure. 250,000 events by default, so the
 * suite stays quick; `EXPORT_TEST_EVENTS=1000000 npx jest src/audit/export` runs it at a million (about a minute
 * under ts-jest), and `npm run bench:export` measures a million events outside Jest (bench/results/export-*.json).
 */
const TOTAL = Number(process.env.EXPORT_TEST_EVENTS ?? 250_000);
const MAX_HEAP_GROWTH_MB = 150;
/** The kernel's socket buffers hold a few thousand events; without backpressure the server would be ~TOTAL/2 ahead. */
const MAX_LEAD = 50_000;

// A GC before measuring, so the baseline is not inflated by the garbage of writing the log.
setFlagsFromString('--expose-gc');
(global as { gc?: () => void }).gc ??= runInNewContext('gc');

describe(`streamed export of ${TOTAL.toLocaleString('en')} events`, () => {
  let dir: string;
  let log: LargeLog;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ie-export-'));
    log = writeLargeLog(dir, TOTAL);
  }, 120_000);
  afterAll(async () => {
    await log?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['ndjson', 'csv'] as const)('as %s: every event, heap growth under 150 MB, nothing read while the client does not read', async (format) => {
    const m = await measureExport(log.store, format);
    // Printed so a CI log shows the figures.
    console.log(`export ${format}: ${JSON.stringify(m)}`);
    expect(m.events).toBe(TOTAL);
    expect(m.readTotal).toBe(TOTAL);
    expect(m.heapGrowthMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
    // Backpressure: the server's reading stays just ahead of what the client took in, and stops while it pauses.
    expect(m.leadAtPause).toBeLessThan(MAX_LEAD);
    expect(m.readWhilePaused).toBeLessThanOrEqual(2000);
  }, 120_000);
});
