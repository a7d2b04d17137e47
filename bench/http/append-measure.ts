/**
 * The store alone, synchronous FULL: appends/s of N concurrent writers (one single-event append each, awaited, in
 * their own streams) against one writer, in the same run. With group commit the concurrent writers share commits
 * and fsyncs; without it each append is its own transaction. Modules come from `root` (another checkout: before/after).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function measureAppends(root: string, writers: number[] = [1, 16, 64], appends = 640) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SqliteEventStore } = require(join(root, 'src/events/sqlite/sqlite-event-store'));
  const out: Record<string, number> = {};
  for (const w of writers) {
    const dir = mkdtempSync(join(tmpdir(), 'ie-bench-appends-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'FULL' });
    const event = () => ({
      eventId: randomUUID(), type: 'Gemeten', data: { n: 1 },
      metadata: { actor: { id: 'bench', rol: 'bench' }, correlationId: 'c', causationId: null, datum: '2026-01-01', recordedAt: new Date().toISOString(), schemaVersion: 1 },
    });
    const t0 = performance.now();
    await Promise.all(Array.from({ length: w }, async (_, s) => {
      for (let i = 0; i < appends / w; i++) await store.append(`meting-${s}`, [event()], 'any');
    }));
    out[`${w} writers`] = appends / ((performance.now() - t0) / 1000);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
