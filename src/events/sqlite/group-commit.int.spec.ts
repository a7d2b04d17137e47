import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { NewEvent } from '../envelope';
import { ConcurrencyConflict } from '../errors';
import { SqliteEventStore } from './sqlite-event-store';

const event = (type = 'Iets'): NewEvent => ({
  eventId: randomUUID(),
  type,
  data: { n: 1 },
  metadata: { actor: { id: 't', rol: 'test' }, correlationId: 'c', causationId: null, datum: '2026-01-01', recordedAt: new Date().toISOString(), schemaVersion: 1 },
});

describe('SqliteEventStore group commit', () => {
  let dir: string;
  let store: SqliteEventStore;
  let other: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ie-group-commit-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    other = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits appends to different streams made in the same turn in one transaction', async () => {
    const before = store.stats.batches;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(`s-${i}`, [event(), event()], 'no-stream')));
    expect(store.stats.batches - before).toBe(1);
    expect(results.map((r) => r.nextVersion)).toEqual(Array(20).fill(2));
    // Positions are the log's order: each append's two events are consecutive, no two appends share one.
    expect(new Set(results.map((r) => r.position)).size).toBe(20);
    for (let i = 0; i < 20; i++) expect(await other.readStream(`s-${i}`)).toHaveLength(2);
  });

  it('checks each append against its own expected version: of concurrent appends to one stream, one wins', async () => {
    await store.append('s', [event()], 'no-stream');
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => store.append('s', [event(), event()], 1)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected).toHaveLength(4);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(ConcurrencyConflict);
      expect(r.reason.actual).toBe(3);
    }
    expect((await other.readStream('s')).map((e) => e.version)).toEqual([1, 2, 3]);
  });

  it('appends in sequence within one batch when each expects the version the previous one made', async () => {
    const outcomes = await Promise.all([store.append('s', [event()], 'no-stream'), store.append('s', [event()], 1), store.append('s', [event()], 2)]);
    expect(outcomes.map((o) => o.nextVersion)).toEqual([1, 2, 3]);
  });

  it('fails a conflicting append alone: the others in its batch commit, it writes nothing', async () => {
    await store.append('b', [event()], 'no-stream');
    const before = store.stats.batches;
    const [a, b, c] = await Promise.allSettled([
      store.append('a', [event()], 'no-stream'),
      store.append('b', [event('Fout1'), event('Fout2')], 'no-stream'),
      store.append('c', [event()], 'no-stream'),
    ]);
    expect(store.stats.batches - before).toBe(1);
    expect(a.status).toBe('fulfilled');
    expect(c.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
    expect((await other.readStream('b')).map((e) => e.type)).toEqual(['Iets']);
    expect(await other.readStream('a')).toHaveLength(1);
    expect(await other.readStream('c')).toHaveLength(1);
  });

  it('fails an append whose insert is refused after its checks passed alone: nothing of it is written, the others commit', async () => {
    // Appends run without a savepoint each; an insert that fails anyway rolls the batch back and it runs again with them.
    store.db.exec(`CREATE TRIGGER weiger BEFORE INSERT ON ie_events WHEN NEW.type = 'Weiger' BEGIN SELECT RAISE(ABORT, 'geweigerd'); END`);
    const before = store.stats.batches;
    const [a, b, c] = await Promise.allSettled([
      store.append('a', [event()], 'no-stream'),
      store.append('b', [event('Eerst'), event('Weiger')], 'no-stream'),
      store.append('c', [event()], 'no-stream'),
    ]);
    expect(store.stats.batches - before).toBe(1);
    expect([a.status, b.status, c.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
    expect(await other.readStream('b')).toEqual([]);
    expect(await other.readStream('a')).toHaveLength(1);
    expect((await other.readStream('c'))[0].metadata.prevHash).toBeDefined();
  });

  it('re-appends events already stored, at the version they made, without writing them again; the others in the batch commit', async () => {
    const stored = [event(), event()];
    await store.append('i', stored, 'no-stream');
    const [again, partly, other_] = await Promise.allSettled([
      store.append('i', stored, 2),
      store.append('i', [stored[1], event()], 2),
      store.append('j', [event()], 'no-stream'),
    ]);
    expect(again).toEqual({ status: 'fulfilled', value: { nextVersion: 2, position: 2 } });
    expect(partly.status).toBe('rejected');
    expect((partly as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
    expect(other_.status).toBe('fulfilled');
    expect((await other.readStream('i')).map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId));
    expect(await other.readStream('j')).toHaveLength(1);
  });

  it('re-appends events already stored with the head\'s version or any version expected: not written again, answered alone', async () => {
    // Such an append is not looked up before its insert (UNIQUE (stream_id, event_id) refuses it), so its batch runs
    // again with every check: the answer is the one a lookup would have given.
    const stored = [event(), event()];
    await store.append('k', stored, 'no-stream');
    const [again, any, partly, other_] = await Promise.allSettled([
      store.append('k', stored, 2),
      store.append('k', stored, 'any'),
      store.append('k', [event(), stored[0]], 'any'),
      store.append('l', [event()], 'no-stream'),
    ]);
    expect(again).toEqual({ status: 'fulfilled', value: { nextVersion: 2, position: 2 } });
    expect(any).toEqual({ status: 'fulfilled', value: { nextVersion: 2, position: 2 } });
    expect(partly.status).toBe('rejected');
    expect((partly as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
    expect(other_.status).toBe('fulfilled');
    expect((await other.readStream('k')).map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId));
    expect(await other.readStream('l')).toHaveLength(1);
  });

  it('knows a stream\'s version it wrote only until another connection commits, and chains on from the file then', async () => {
    expect(store.knownVersion('k')).toBeUndefined();
    await store.append('k', [event(), event()], 'no-stream');
    expect(store.knownVersion('k')).toBe(2);
    await other.append('k', [event()], 2);
    // Any commit of another connection (to any stream) voids what this one knew.
    expect(store.knownVersion('k')).toBeUndefined();
    await store.append('k', [event()], 3);
    expect(store.knownVersion('k')).toBe(4);
    const events = await other.readStream('k');
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4]);
    for (let i = 1; i < events.length; i++) expect(events[i].metadata.prevHash).toBe(events[i - 1].metadata.hash);
    // Another connection's commit to another stream: the next append of this one reads the head again, and conflicts on it.
    await other.append('k', [event()], 4);
    await other.append('elders', [event()], 'no-stream');
    await expect(store.append('k', [event()], 4)).rejects.toBeInstanceOf(ConcurrencyConflict);
  });

  it('forgets what a batch that did not commit wrote', async () => {
    await store.append('r', [event()], 'no-stream');
    other.db.exec('BEGIN IMMEDIATE');
    store.db.pragma('busy_timeout = 0');
    // (Not `rejects.toThrow()`: under jest, better-sqlite3's errors may come from another test file's realm.)
    const [busy] = await Promise.allSettled([store.append('r', [event()], 1)]);
    expect(busy.status).toBe('rejected');
    other.db.exec('ROLLBACK');
    expect(store.knownVersion('r')).toBe(1);
    store.db.exec(`CREATE TRIGGER weiger BEFORE INSERT ON ie_events WHEN NEW.type = 'Weiger' BEGIN SELECT RAISE(ABORT, 'geweigerd'); END`);
    await Promise.allSettled([store.append('r', [event()], 1), store.append('r', [event('Weiger')], 2)]);
    expect(store.knownVersion('r')).toBe(2);
    expect((await other.readStream('r')).map((e) => e.version)).toEqual([1, 2]);
  });

  it('answers an append only once it is committed: another connection already sees it', async () => {
    const appends = Array.from({ length: 10 }, (_, i) =>
      store.append(`v-${i}`, [event()], 'no-stream').then(async () => (await other.readStream(`v-${i}`)).length));
    expect(await Promise.all(appends)).toEqual(Array(10).fill(1));
  });

  it('keeps the hash chain across appends to one stream in one batch', async () => {
    await Promise.all([store.append('h', [event()], 'no-stream'), store.append('h', [event(), event()], 1)]);
    const events = await other.readStream('h');
    for (let i = 1; i < events.length; i++) expect(events[i].metadata.prevHash).toBe(events[i - 1].metadata.hash);
  });

  it('commits what is queued before closing', async () => {
    const pending = store.append('z', [event()], 'no-stream');
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextVersion: 1 });
    expect(await other.readStream('z')).toHaveLength(1);
  });

  it('fails every append of a batch whose transaction cannot start, and commits nothing of it', async () => {
    other.db.exec('BEGIN IMMEDIATE');
    store.db.pragma('busy_timeout = 0');
    const outcomes = await Promise.allSettled([store.append('x', [event()], 'no-stream'), store.append('y', [event()], 'no-stream')]);
    other.db.exec('ROLLBACK');
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await other.readStream('x')).toEqual([]);
  });
});
