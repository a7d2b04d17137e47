import { LoggerService } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Observable, concat, take, throwError } from 'rxjs';
import { v4 as uuid } from 'uuid';
import { eventually } from '../../test/support/eventually';
import { NewEvent, StoredEvent } from '../events/envelope';
import { EventStoreUnavailable } from '../events/errors';
import { EventStore } from '../events/event-store';
import { SqliteEventStore } from '../events/sqlite/sqlite-event-store';
import { Projection } from './projection';
import { openProjectionsDb } from './projections-db';
import { projectionsReadiness } from './projections.module';
import { ProjectionRunner } from './runner';

jest.setTimeout(30_000);

/** A projection keeping one row per event: what it holds is exactly what it was fed. */
const TABLE = 'ie_p_telling_gebeurtenissen';
const telling: Projection = {
  name: 'telling',
  version: 1,
  schema: `CREATE TABLE IF NOT EXISTS ${TABLE} (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL)`,
  tables: [TABLE],
  handle: (e) => [{ sql: `INSERT INTO ${TABLE} (position, stream_id) VALUES (?, ?)`, params: [e.position, e.streamId] }],
};

const event = (type = 'Geteld'): NewEvent => ({
  eventId: uuid(), type, data: {},
  metadata: { actor: { id: 't', rol: 't' }, correlationId: 'c', causationId: null, datum: '2026-01-01', recordedAt: '2026-01-01T00:00:00Z', schemaVersion: 1 },
});

/** Logs kept per level, so a test can see what was logged as an error. */
class Logs implements LoggerService {
  readonly lines: Record<'log' | 'warn' | 'error', string[]> = { log: [], warn: [], error: [] };
  log = (m: string) => void this.lines.log.push(m);
  warn = (m: string) => void this.lines.warn.push(m);
  error = (m: string) => void this.lines.error.push(m);
}

describe('ProjectionRunner', () => {
  let dir: string;
  const open: { close(): unknown }[] = [];
  const store = (name = 'events') => {
    const s = new SqliteEventStore({ path: join(dir, `${name}.sqlite`), pollIntervalMs: 20 });
    open.push({ close: () => s.close() });
    return s;
  };
  const projectionsDb = () => {
    const db = openProjectionsDb(join(dir, 'projections.sqlite'));
    open.push({ close: () => db.open && db.close() });
    return db;
  };
  const runners: ProjectionRunner[] = [];
  const runner = (s: SqliteEventStore | StoreWrapper, db: Database.Database, projections: Projection[], logger = new Logs()) => {
    const r = new ProjectionRunner(s, db, projections, { retry: { initialMs: 10, maxMs: 50 }, logger });
    runners.push(r);
    return r;
  };
  const append = async (s: SqliteEventStore, n: number, stream = `telling-${uuid()}`) => {
    for (let i = 0; i < n; i++) await s.append(stream, [event()], 'any');
    return stream;
  };
  const rows = (db: Database.Database) => db.prepare(`SELECT * FROM ${TABLE} ORDER BY position`).all() as { position: number; stream_id: string }[];
  /** Waits until every projection is live at the head of the log. */
  const caughtUp = (r: ProjectionRunner) => eventually(async () => {
    for (const s of await r.status()) expect(s).toMatchObject({ state: 'live', position: s.head });
  });

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ie-runner-'))));
  afterEach(async () => {
    for (const r of runners.splice(0)) r.stop();
    for (const o of open.splice(0).reverse()) await o.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('a version bump', () => {
    it('recreates the tables when their columns changed, and rebuilds from position 0', async () => {
      const s = store();
      const db = projectionsDb();
      const stream = await append(s, 3);
      const v1 = runner(s, db, [telling]);
      v1.start();
      await caughtUp(v1);
      v1.stop();

      const v2: Projection = {
        ...telling,
        version: 2,
        schema: `CREATE TABLE IF NOT EXISTS ${TABLE} (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, type TEXT NOT NULL)`,
        handle: (e) => [{ sql: `INSERT INTO ${TABLE} (position, stream_id, type) VALUES (?, ?, ?)`, params: [e.position, e.streamId, e.type] }],
      };
      const logs = new Logs();
      const bumped = runner(s, db, [v2], logs);
      bumped.start();
      await caughtUp(bumped);
      expect(rows(db)).toEqual([1, 2, 3].map((position) => ({ position, stream_id: stream, type: 'Geteld' })));
      expect(logs.lines.warn.join('\n')).toMatch(/telling: version 1 → 2/);
    });

    it('refuses a projection whose schema creates a table it does not declare (a bump would leave it as it was)', () => {
      const db = projectionsDb();
      const undeclared: Projection = { ...telling, schema: `${telling.schema}; CREATE TABLE IF NOT EXISTS ie_p_telling_extra (x TEXT)` };
      expect(() => runner(store(), db, [undeclared])).toThrow(/creates \[ie_p_telling_extra, ie_p_telling_gebeurtenissen\] but its tables are \[ie_p_telling_gebeurtenissen\]/);
    });
  });

  describe('a subscription that ends', () => {
    /** The store, except that its first subscription delivers two events and then completes or fails. */
    const flaky = (inner: SqliteEventStore, end: 'complete' | 'error') => {
      const calls: number[] = [];
      const wrapper = new StoreWrapper(inner, (after) => {
        calls.push(after);
        const events = inner.subscribe(after);
        if (calls.length > 1) return events;
        return end === 'complete' ? events.pipe(take(2)) : concat(events.pipe(take(2)), throwError(() => new EventStoreUnavailable('EventStoreDB: UnavailableError: restarting')));
      });
      return { wrapper, calls };
    };

    it.each(['complete', 'error'] as const)('(%s) resubscribes from the checkpoint and loses nothing, then stays live', async (end) => {
      const s = store();
      const db = projectionsDb();
      await append(s, 5);
      const { wrapper, calls } = flaky(s, end);
      const logs = new Logs();
      const r = runner(wrapper, db, [telling], logs);
      r.start();
      await caughtUp(r);
      expect(rows(db).map((row) => row.position)).toEqual([1, 2, 3, 4, 5]);
      expect(calls.length).toBeGreaterThanOrEqual(2);
      expect(calls[0]).toBe(0);
      // Completing flushes the two events first; an error drops what was buffered: either way from the checkpoint.
      expect(calls[1]).toBe(end === 'complete' ? 2 : 0);
      expect(logs.lines.warn.join('\n')).toMatch(end === 'complete' ? /ended the subscription; resubscribing/ : /restarting; resubscribing/);
      await append(s, 2);
      await caughtUp(r);
      expect(rows(db).map((row) => row.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });
  });

  describe('read models bound to their event store', () => {
    const built = async (s: SqliteEventStore, db: Database.Database) => {
      const r = runner(s, db, [telling]);
      r.start();
      await caughtUp(r);
      r.stop();
    };

    it('a new, shorter store beside an old projections file (checkpoint beyond its head): rebuilt, with a warning', async () => {
      const db = projectionsDb();
      const oud = store('oud');
      await append(oud, 5);
      await built(oud, db);
      const nieuw = store('nieuw');
      const stream = await append(nieuw, 2);
      const logs = new Logs();
      const r = runner(nieuw, db, [telling], logs);
      r.start();
      await caughtUp(r);
      expect(rows(db)).toEqual([{ position: 1, stream_id: stream }, { position: 2, stream_id: stream }]);
      expect(logs.lines.warn.join('\n')).toMatch(/do not belong to this event store: they were built from event store .+, this is .+ Every projection is rebuilt/);
    });

    it('a new, longer store: rebuilt from 0, not continued after the old checkpoint', async () => {
      const db = projectionsDb();
      const oud = store('oud');
      await append(oud, 3);
      await built(oud, db);
      const nieuw = store('nieuw');
      const stream = await append(nieuw, 6);
      const r = runner(nieuw, db, [telling]);
      r.start();
      await caughtUp(r);
      expect(rows(db)).toEqual([1, 2, 3, 4, 5, 6].map((position) => ({ position, stream_id: stream })));
    });

    it('the same store again: nothing rebuilt', async () => {
      const db = projectionsDb();
      const s = store();
      await append(s, 3);
      await built(s, db);
      db.prepare(`UPDATE ${TABLE} SET stream_id = 'gemarkeerd'`).run();
      await append(s, 1);
      const r = runner(store(), db, [telling]);
      r.start();
      await caughtUp(r);
      expect(rows(db).map((row) => row.stream_id).slice(0, 3)).toEqual(['gemarkeerd', 'gemarkeerd', 'gemarkeerd']);
    });

    it('a store restored from an older backup (same identity, checkpoint beyond the head): rebuilt', async () => {
      const db = projectionsDb();
      const s = store();
      const stream = await append(s, 4);
      await built(s, db);
      s.db.prepare('DELETE FROM ie_events WHERE position > 2').run();
      const r = runner(s, db, [telling]);
      r.start();
      await caughtUp(r);
      expect(rows(db)).toEqual([{ position: 1, stream_id: stream }, { position: 2, stream_id: stream }]);
    });

    it('a projections file from before store identities, with applied events: rebuilt once', async () => {
      const db = projectionsDb();
      const s = store();
      await append(s, 2);
      await built(s, db);
      db.prepare('DELETE FROM ie_meta').run();
      db.prepare(`UPDATE ${TABLE} SET stream_id = 'van-voor-identiteiten'`).run();
      const r = runner(s, db, [telling]);
      r.start();
      await caughtUp(r);
      expect(rows(db).map((row) => row.stream_id)).not.toContain('van-voor-identiteiten');
      expect(db.prepare('SELECT value FROM ie_meta').get()).toEqual({ value: await s.identity() });
    });
  });

  it('retries a transient SQLITE_BUSY on the read-model database and then catches up', async () => {
    const s = store();
    const db = projectionsDb();
    db.pragma('busy_timeout = 0'); // fail at once instead of waiting 5 s for the lock
    const r = runner(s, db, [telling]);
    await r.bind();
    const locker = new Database(join(dir, 'projections.sqlite'));
    open.push({ close: () => locker.close() });
    locker.exec('BEGIN IMMEDIATE');
    await append(s, 3);
    r.start();
    const retrying = await eventually(async () => {
      const [status] = await r.status();
      expect(status).toMatchObject({ state: 'retrying', lastError: expect.stringMatching(/SQLITE_BUSY|database is locked/) });
      return status;
    });
    expect(retrying.retries).toBeGreaterThanOrEqual(1);
    locker.exec('COMMIT');
    await caughtUp(r);
    expect(rows(db).map((row) => row.position)).toEqual([1, 2, 3]);
    expect((await r.status())[0]).not.toHaveProperty('retries');
  });

  it('stops only a projection whose handler fails, logs it as an error and names it in /ready', async () => {
    const s = store();
    const db = projectionsDb();
    const kapot: Projection = {
      name: 'kapot', version: 1, schema: 'CREATE TABLE IF NOT EXISTS ie_p_kapot_x (x TEXT)', tables: ['ie_p_kapot_x'],
      handle: (e) => { if (e.type === 'Boem') throw new TypeError('Cannot read properties of undefined'); return []; },
    };
    const logs = new Logs();
    const r = runner(s, db, [telling, kapot], logs);
    r.start();
    await append(s, 2);
    await s.append(`boem-${uuid()}`, [event('Boem')], 'no-stream');
    await append(s, 1);
    await eventually(async () => expect((await r.status())[1]).toMatchObject({ state: 'failed' }));
    const [ok, failed] = await r.status();
    expect(ok).toMatchObject({ state: 'live', position: 4, head: 4 });
    // The batch holding position 3 was rolled back as a whole: the checkpoint stays before it.
    expect(failed.position).toBeLessThan(3);
    expect(failed).toMatchObject({ failed: expect.stringMatching(/projection kapot failed at position 3 \(Boem in boem-.*\): TypeError: Cannot read properties of undefined/) });
    expect(logs.lines.error.join('\n')).toMatch(/Projection kapot stopped: .*position 3/);
    const ready = projectionsReadiness(await r.status());
    expect(ready).toMatchObject({ ready: false, detail: expect.stringMatching(/^kapot: failed: projection kapot failed at position 3/) });
    expect(ready.detail).not.toMatch(/telling/);
  });
});

/** An EventStore passing everything to `inner` except `subscribe`. */
class StoreWrapper extends EventStore {
  constructor(private readonly inner: EventStore, private readonly subscribeWith: (after: number) => Observable<StoredEvent>) {
    super();
  }
  append(...args: Parameters<EventStore['append']>) { return this.inner.append(...args); }
  readStream(...args: Parameters<EventStore['readStream']>) { return this.inner.readStream(...args); }
  readAll(...args: Parameters<EventStore['readAll']>) { return this.inner.readAll(...args); }
  subscribe(after = 0) { return this.subscribeWith(after); }
  headPosition() { return this.inner.headPosition(); }
  identity() { return this.inner.identity(); }
  ping() { return this.inner.ping(); }
  async close() { /* the inner store is closed by its owner */ }
}
