import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subscription } from 'rxjs';
import { NewEvent, StoredEvent } from '../envelope';
import { SqliteEventStore } from './sqlite-event-store';

const event = (n: number): NewEvent => ({
  eventId: randomUUID(), type: 'Gemeten', data: { n },
  metadata: { actor: { id: 't', rol: 't' }, correlationId: 'c', causationId: null, datum: '2026-01-01', recordedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
});

/** Subscriptions woken by the same commit share its rows (one query, not one per subscription); none misses an event. */
describe('SqliteEventStore subscriptions: one read per commit, shared', () => {
  let dir: string;
  let store: SqliteEventStore;
  let other: SqliteEventStore;
  let subs: Subscription[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ie-tail-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL', pollIntervalMs: 30 });
    other = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL', pollIntervalMs: 30 });
  });
  afterEach(async () => {
    for (const s of subs) s.unsubscribe();
    subs = [];
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const subscribe = (n: number) => {
    const seen = Array.from({ length: n }, () => [] as StoredEvent[]);
    subs = seen.map((list) => store.subscribe(0).subscribe((e) => list.push(e)));
    return seen;
  };
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(done()).toBe(true);
  };

  it('eight subscriptions woken by one commit ask SQLite a few times, not eight times twice', async () => {
    // Only the commit wakes them here: a poll tick falling inside the wait (a loaded machine) would add a read.
    await store.close();
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'NORMAL', pollIntervalMs: 60_000 });
    const seen = subscribe(8);
    await new Promise((r) => setTimeout(r, 50)); // caught up (nothing yet), waiting
    const readAll = (store as unknown as { stmts: { readAll: { all: (...a: unknown[]) => unknown } } }).stmts.readAll;
    const spy = jest.spyOn(readAll, 'all');
    await store.append('s-1', [event(1), event(2)], 'no-stream');
    await until(() => seen.every((l) => l.length === 2));
    // Without sharing: each subscription reads the two rows, then reads again and finds nothing (16).
    expect(spy.mock.calls.length).toBeLessThanOrEqual(4);
    // Parsed once, the same (immutable, in tests frozen) event for every subscriber.
    expect(seen[0][0]).toBe(seen[1][0]);
    expect(Object.isFrozen(seen[0][0].data)).toBe(true);
    spy.mockRestore();
  });

  it('a commit by another connection after a shared empty read still reaches every subscription', async () => {
    const seen = subscribe(4);
    await new Promise((r) => setTimeout(r, 50));
    await other.append('s-2', [event(1)], 'no-stream');
    await store.append('s-3', [event(2)], 'no-stream');
    await other.append('s-2', [event(3)], 1);
    await until(() => seen.every((l) => l.length === 3));
    for (const l of seen) expect(l.map((e) => e.data.n)).toEqual([1, 2, 3]);
  });
});
