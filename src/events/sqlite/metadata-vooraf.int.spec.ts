import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '../envelope';
import { LazyEvent, leesMetadataVooraf } from '../lazy-event';
import { SqliteEventStore } from './sqlite-event-store';

const event = (n: number): NewEvent => ({
  eventId: randomUUID(), type: 'A', data: { n },
  metadata: { actor: { id: `a${n}`, rol: 't' }, correlationId: `c${n}`, causationId: null, datum: `2026-01-${String(n + 1).padStart(2, '0')}`, recordedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
});

/** A rebuild's projection reads the metadata of many events of a page: in one statement, the same as one by one. */
describe('leesMetadataVooraf over SqliteEventStore.readAllLazily', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ie-meta-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    for (let n = 0; n < 20; n++) await store.append(`s-${n % 3}`, [event(n)], 'any');
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the metadata of the events given in one statement, exactly what each reads by itself', async () => {
    const eager = await store.readAll({ limit: 100 });
    const page = await store.readAllLazily({ limit: 100 });
    expect(page.every((e) => e instanceof LazyEvent)).toBe(true);
    const gekozen = page.filter((e) => e.position % 2 === 0);
    const prepare = jest.spyOn((store as any).db, 'prepare');
    const metadataAt = jest.spyOn((store as any).stmts.metadataAt, 'get');
    const metadataOf = jest.spyOn((store as any).stmts.metadataOf, 'all');
    leesMetadataVooraf(gekozen);
    expect(metadataOf).toHaveBeenCalledTimes(1);
    for (const e of gekozen) expect(e.metadata).toEqual(eager.find((x) => x.position === e.position)!.metadata);
    expect(metadataAt).not.toHaveBeenCalled();
    // The others are still read one by one, when asked for.
    for (const e of page.filter((x) => x.position % 2 === 1)) expect(e.metadata).toEqual(eager.find((x) => x.position === e.position)!.metadata);
    expect(metadataAt).toHaveBeenCalledTimes(page.length - gekozen.length);
    expect(prepare).not.toHaveBeenCalled();
    // Events whose metadata was read already, and eager events, are left alone.
    leesMetadataVooraf([...gekozen, ...eager]);
    expect(metadataOf).toHaveBeenCalledTimes(1);
  });
});
