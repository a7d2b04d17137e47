import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Observable, Subject } from 'rxjs';
import { NewEvent, StoredEvent } from '../envelope';
import { ConcurrencyConflict } from '../errors';
import { AppendResult, EventStore, ExpectedVersion, LazyReadOptions, ReadAllOptions, StreamShare, normalizeExpected, withStoredEvents } from '../event-store';
import { LazyEvent } from '../lazy-event';
import { oncePerTurn } from '../once-per-turn';
import { FREEZE_SHARED, deepFreeze } from '../shared-events';
import { GENESIS_HASH, chain } from '../hash-chain';
import { EVENTS_SCHEMA, IDENTITY_KEY } from './schema';

export type SynchronousLevel = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

export interface SqliteEventStoreOptions {
  path: string;
  /** See README "Durability": FULL syncs the WAL on every commit, so an acknowledged append survives a power cut. */
  synchronous?: SynchronousLevel;
  /** How often a subscription looks for events written by another process. */
  pollIntervalMs?: number;
  /** How long after a commit in this process a subscription reads it (commits meanwhile are read with it). */
  notifyDelayMs?: number;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: number | 'any';
  resolve(result: AppendResult): void;
  reject(err: unknown): void;
}

type AppendOutcome = AppendResult & { written: boolean; storedEvents?: () => StoredEvent[] };
/** A row as inserted: its position, version and the texts stored (decoded only when `storedEvents` is asked for). */
type InsertedRow = [position: number, version: number, eventId: string, type: string, data: string, metadata: string];
/** The last event of a stream: its version, position and hash (what the next append chains onto). */
interface Head { version: number; position: number; hash: string }
/** How many streams' heads `heads` keeps; beyond it, it starts again empty (a head not known is read, as always). */
const KNOWN_HEADS_MAX = 50_000;
type Outcome = AppendOutcome | { error: unknown };

/**
 * An event from a row of READ_COLUMNS. (Decoding lazily, with getters, was tried and dropped: an object with its own
 * accessors becomes a slow dictionary in V8, slower and far larger than parsing at once.)
 */
const decode = (position: number, streamId: string, version: number, eventId: string, type: string, data: string, metadata: string): StoredEvent => ({
  eventId,
  type,
  data: JSON.parse(data),
  metadata: JSON.parse(metadata),
  streamId,
  version,
  position,
});
const fromRaw = ([position, streamId, version, eventId, type, data, metadata]: RawRow): StoredEvent =>
  decode(position, streamId, version, eventId, type, data, metadata);


/** A row of READ_COLUMNS as an array (better-sqlite3's raw mode: no object per row). */
type RawRow = [position: number, streamId: string, version: number, eventId: string, type: string, data: string, metadata: string];
const READ_COLUMNS = 'position, stream_id, version, event_id, type, data, metadata';
/**
 * A row of a lazy read: READ_COLUMNS but the metadata, read by position when first asked for (see `metadataAt`).
 * Fetching the metadata's JSON (hashes, ids: twice the data's length) took as long as fetching the rest of the row, and a
 * rebuild's projections read the metadata of about one event in twenty (a business date now and then).
 */
type LazyRow = [position: number, streamId: string, version: number, eventId: string, type: string, data: string];
const LAZY_COLUMNS = 'position, stream_id, version, event_id, type, data';
/** A row of one stream's read: READ_COLUMNS but the stream's id, which the caller names. */
type StreamRow = [position: number, version: number, eventId: string, type: string, data: string, metadata: string];
/** A row of one stream's lazy read: a StreamRow but the metadata (see `readStreamLazily`). */
type LazyStreamRow = [position: number, version: number, eventId: string, type: string, data: string];

/** An insert failed after its append's checks passed: the batch's transaction is rolled back and run with savepoints. */
class WriteRefused extends Error {
  constructor(readonly cause: unknown) {
    super('insert refused after the checks passed');
  }
}

export class SqliteEventStore extends EventStore {
  readonly db: Database.Database;
  private readonly appended = new Subject<void>();
  private readonly pollIntervalMs: number;
  private readonly notifyDelayMs: number;
  private readonly stmts;
  private readonly storeIdentity: string;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private batches = 0;
  /**
   * The rows a subscription read last (after `after`), shared with the other subscriptions that read the same range in
   * the same turn of the event loop: every projection subscribes on its own, and each commit woke them all to run the
   * same query (~4% of the server's CPU under load). Cleared at the next turn, so a later read always asks SQLite
   * (and sees what another process committed meanwhile). The events are parsed once and the same objects go to every
   * subscriber: events are immutable facts, nobody may change one (under NODE_ENV=test they are frozen, so a
   * subscriber that tries fails its tests).
   */
  private tail?: { after: number; events: StoredEvent[] };
  /**
   * The heads of the streams this connection committed to (or read the head of inside a commit), valid while no other
   * connection committed to the file: `PRAGMA data_version` is checked at the start of every commit and every
   * `knownVersion`, and any change empties it. An append then reads no head row (nor parses its metadata for the hash),
   * and the repository's version check of a cached trajectory reads nothing when nothing was written since.
   */
  private heads = new Map<string, Head>();
  /** The heads written or read in the transaction running now; they join `heads` only once it committed. */
  private batchHeads = new Map<string, Head>();
  private dataVersion = -1;
  private readonly appendInSavepoint: (p: PendingAppend) => AppendOutcome;
  private readonly commitBatch: Database.Transaction<(batch: PendingAppend[]) => Outcome[]>;
  /** The batch without a savepoint per append (see `appendDirect`); `commitBatch` is the fallback. */
  private readonly commitBatchDirect: Database.Transaction<(batch: PendingAppend[]) => Outcome[]>;

  constructor(options: SqliteEventStoreOptions) {
    super();
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(EVENTS_SCHEMA);
    // OR IGNORE: the first process to create the file writes it; every later open (any process) keeps that one.
    this.db.prepare('INSERT OR IGNORE INTO ie_meta (key, value) VALUES (?, ?)').run(IDENTITY_KEY, randomUUID());
    this.storeIdentity = (this.db.prepare('SELECT value FROM ie_meta WHERE key = ?').get(IDENTITY_KEY) as { value: string }).value;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.notifyDelayMs = options.notifyDelayMs ?? 5;
    this.stmts = {
      head: this.db.prepare<[string], { version: number; position: number; metadata: string }>(
        'SELECT version, position, metadata FROM ie_events WHERE stream_id = ? ORDER BY version DESC LIMIT 1',
      ),
      hasEvent: this.db.prepare<[string, string], { n: number }>(
        'SELECT 1 AS n FROM ie_events WHERE stream_id = ? AND event_id = ?',
      ),
      insert: this.db.prepare(
        `INSERT INTO ie_events (stream_id, version, event_id, type, data, metadata, recorded_at)
         VALUES (@streamId, @version, @eventId, @type, @data, @metadata, @recordedAt)`,
      ),
      // Without stream_id: every row's is the one asked for (one string for all instead of one per row).
      readStream: this.db.prepare<[string, number], StreamRow>(
        'SELECT position, version, event_id, type, data, metadata FROM ie_events WHERE stream_id = ? AND version > ? ORDER BY version',
      ).raw(true),
      readStreamLazily: this.db.prepare<[string, number], LazyStreamRow>(
        'SELECT position, version, event_id, type, data FROM ie_events WHERE stream_id = ? AND version > ? ORDER BY version',
      ).raw(true),
      readAll: this.db.prepare<[number, number], RawRow>(`SELECT ${READ_COLUMNS} FROM ie_events WHERE position > ? ORDER BY position LIMIT ?`).raw(true),
      headPosition: this.db.prepare<[], { p: number | null }>('SELECT MAX(position) AS p FROM ie_events'),
      metadataAt: this.db.prepare<[number], string>('SELECT metadata FROM ie_events WHERE position = ?').pluck(),
      metadataOf: this.db.prepare<[string], [position: number, metadata: string]>(
        'SELECT position, metadata FROM ie_events WHERE position IN (SELECT value FROM json_each(?))',
      ).raw(true),
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
    };
    this.appendInSavepoint = this.db.transaction((p: PendingAppend) => this.appendOne(p));
    this.commitBatch = this.db.transaction((batch: PendingAppend[]) => {
      this.beginBatch();
      return batch.map((p) => this.appendOrFail(p));
    });
    this.commitBatchDirect = this.db.transaction((batch: PendingAppend[]) => {
      this.beginBatch();
      return batch.map((p) => this.appendDirect(p));
    });
  }

  /**
   * Group commit: an append joins the queue and is answered after the transaction holding it has committed. Every
   * append queued while the event loop was busy (parsing requests, or waiting in the previous commit's fsync) shares
   * the next transaction and its one sync. Each append is checked on its own: a conflict fails that append alone
   * (nothing of it written), the others in the batch still commit (see `appendDirect`).
   */
  append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, expected: normalizeExpected(expected), resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After the I/O phase: every request parsed in this turn of the loop has queued its append by then.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued in one IMMEDIATE transaction, then answers each append (never before the commit). */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      if (!this.db.open) throw new Error('The event store is closed');
      // IMMEDIATE takes the write lock at BEGIN, so two processes never both read the same head.
      try {
        outcomes = this.commitBatchDirect.immediate(batch);
      } catch (err) {
        if (!(err instanceof WriteRefused)) throw err;
        // An insert failed after its checks passed (an event id the stream holds already, or not seen in practice):
        // the whole transaction rolled back, and the batch runs again with a savepoint per append and every check, so
        // that append is answered alone (idempotent, or a conflict).
        outcomes = this.commitBatch.immediate(batch);
      }
    } catch (err) {
      // The transaction as a whole failed (busy, disk full, I/O): nothing of the batch was committed.
      for (const p of batch) p.reject(err);
      return;
    }
    this.batches++;
    if (this.heads.size + this.batchHeads.size > KNOWN_HEADS_MAX) this.heads.clear();
    for (const [streamId, head] of this.batchHeads) this.heads.set(streamId, head);
    this.batchHeads.clear();
    let written = false;
    outcomes.forEach((o, i) => {
      if ('error' in o) return batch[i].reject(o.error);
      written ||= o.written;
      const result = { nextVersion: o.nextVersion, position: o.position };
      batch[i].resolve(o.written && o.storedEvents ? withStoredEvents(result, o.storedEvents) : result);
    });
    if (written) {
      // Rows read before this commit are not what a read now would return.
      this.tail = undefined;
      this.appended.next();
    }
  }

  /** Inside the batch's transaction, before its first append: what another connection committed voids the known heads. */
  private beginBatch(): void {
    this.batchHeads.clear();
    this.checkOtherWriters();
  }

  private checkOtherWriters(): void {
    const version = this.stmts.dataVersion.get()!;
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.heads.clear();
    }
  }

  /**
   * The stream's version when this connection knows it for certain without reading (it committed or read its head, and
   * no other connection committed to the file since), else undefined.
   */
  override knownVersion(streamId: string): number | undefined {
    if (!this.db.open) return undefined;
    // Once per turn of the event loop: asking SQLite starts a read transaction (locks on the WAL index), which cost as
    // much as the read it spares (~3% of the server's CPU under command load, measured). The loads of one turn (the
    // requests parsed together) share the answer; a commit by another connection is seen from the next turn on.
    this.checkOtherWritersThisTurn();
    return this.heads.get(streamId)?.version;
  }
  private readonly checkOtherWritersThisTurn = oncePerTurn(() => this.checkOtherWriters());

  /** The stream's head inside the batch's transaction: written earlier in this batch, known, or read. */
  private headOf(streamId: string): Head | undefined {
    const known = this.batchHeads.get(streamId) ?? this.heads.get(streamId);
    if (known) return known;
    const row = this.stmts.head.get(streamId);
    if (!row) return undefined;
    const head = { version: row.version, position: row.position, hash: JSON.parse(row.metadata).hash ?? GENESIS_HASH };
    this.batchHeads.set(streamId, head);
    return head;
  }

  /** One append inside the batch's transaction; better-sqlite3 runs a nested transaction as a savepoint. */
  private appendOne(p: PendingAppend, beforeInsert?: () => void): AppendOutcome {
    const { streamId, events, expected } = p;
    const head = this.headOf(streamId);
    const current = head?.version ?? 0;
    // Which of the events the stream holds already (a retried append: idempotent). In the direct batch (`beforeInsert`)
    // only asked when the expected version is not the head's: an append that matches the head but repeats an event id
    // meets UNIQUE (stream_id, event_id) on insert, and the batch runs again with savepoints, where this is asked. A
    // lookup per event was ~2% of the server's CPU under command load, for ids that are new (random UUIDs) in practice.
    const check = !beforeInsert || (expected !== 'any' && expected !== current);
    const known = check ? events.filter((e) => this.stmts.hasEvent.get(streamId, e.eventId)).length : 0;
    if (events.length > 0 && known === events.length) {
      return { nextVersion: current, position: head?.position ?? 0, written: false };
    }
    if (known > 0 || (expected !== 'any' && expected !== current)) {
      throw new ConcurrencyConflict(streamId, expected, current);
    }
    const prevHash = head?.hash ?? GENESIS_HASH;
    let position = head?.position ?? 0;
    const chained = chain(streamId, current + 1, prevHash, events);
    beforeInsert?.();
    const rows: InsertedRow[] = [];
    chained.forEach((event, i) => {
      const version = current + 1 + i;
      const data = JSON.stringify(event.data);
      const metadata = JSON.stringify(event.metadata);
      const info = this.stmts.insert.run({ streamId, version, eventId: event.eventId, type: event.type, data, metadata, recordedAt: event.metadata.recordedAt });
      position = Number(info.lastInsertRowid);
      rows.push([position, version, event.eventId, event.type, data, metadata]);
    });
    if (chained.length > 0) this.batchHeads.set(streamId, { version: current + chained.length, position, hash: chained[chained.length - 1].metadata.hash! });
    // What readStream would decode from these rows, from the very texts inserted.
    const storedEvents = () => rows.map(([pos, version, eventId, type, data, metadata]) => decode(pos, streamId, version, eventId, type, data, metadata));
    return { nextVersion: current + events.length, position, written: events.length > 0, storedEvents };
  }

  /**
   * One append inside the batch's transaction without a savepoint of its own: a savepoint and its release per append
   * were ~3% of the server's CPU under command load. Within the IMMEDIATE transaction nobody else writes, so the
   * checks before the first insert (the expected version; the event ids already in the stream, when the expected
   * version is not the head's) decide a conflict before anything is written, and the conflict fails this append alone.
   * An insert that fails anyway (a repeated event id meeting UNIQUE (stream_id, event_id)) throws WriteRefused: the
   * transaction rolls back and `flush` runs the batch again with savepoints and every check (`appendOrFail`).
   */
  private appendDirect(p: PendingAppend): Outcome {
    let inserting = false;
    try {
      return this.appendOne(p, () => (inserting = true));
    } catch (err) {
      if (err instanceof ConcurrencyConflict && !inserting) return { error: err };
      throw inserting ? new WriteRefused(err) : err;
    }
  }

  private appendOrFail(p: PendingAppend): Outcome {
    try {
      return this.appendInSavepoint(p);
    } catch (err) {
      if (err instanceof ConcurrencyConflict) return { error: err };
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
        return { error: new ConcurrencyConflict(p.streamId, p.expected, this.stmts.head.get(p.streamId)?.version ?? 0) };
      }
      // Anything else (I/O, disk full) fails the whole batch: rethrown, the transaction rolls back.
      throw err;
    }
  }

  /** Appends committed so far, and the transactions that carried them (their ratio is the batching achieved). */
  get stats(): { batches: number } {
    return { batches: this.batches };
  }

  async readStream(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    // The stream's id is the one asked for, not read per row.
    return this.stmts.readStream
      .all(streamId, afterVersion)
      .map(([position, version, eventId, type, data, metadata]) => decode(position, streamId, version, eventId, type, data, metadata));
  }

  /**
   * The same events as readStream, as LazyEvents: a fold reads each event's type and data, never its metadata. So the
   * metadata (hashes, ids: seven times the data's length in a stream of hours registered) is not fetched with the rows:
   * the first event whose metadata someone reads (the dossier's history) fetches that of every event of this read, in
   * one query (events are immutable: the rows at these positions never change).
   */
  async readStreamLazily(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    const rows = this.stmts.readStreamLazily.all(streamId, afterVersion);
    if (rows.length === 0) return [];
    const metadata = this.metadataOfRead(rows);
    return rows.map(([position, version, eventId, type, data]) => new LazyEvent(position, streamId, version, eventId, type, data, metadata));
  }

  /** The metadata of a read's rows, all fetched in one statement (`metadataAt.many`) when the first is asked for. */
  private metadataOfRead(rows: LazyStreamRow[]): (position: number) => string {
    let byPosition: Map<number, string> | undefined;
    return (position) => {
      byPosition ??= this.metadataAt.many(rows.map(([p]) => p));
      return byPosition.get(position) ?? this.metadataAt(position);
    };
  }

  async readAll({ after = 0, limit = 1000 }: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.stmts.readAll.all(after, limit).map(fromRaw);
  }

  async readAllLazily({ after = 0, limit = 1000, types, until, share }: LazyReadOptions = {}): Promise<StoredEvent[]> {
    const params: unknown[] = [after, until ?? Number.MAX_SAFE_INTEGER];
    if (types) params.push(JSON.stringify(types));
    params.push(limit);
    return (this.lazyStatement(!!types, share).all(...params) as LazyRow[])
      .map(([position, streamId, version, eventId, type, data]) => new LazyEvent(position, streamId, version, eventId, type, data, this.metadataAt));
  }

  /**
   * A lazy event's metadata, read by position when first asked for (events are immutable: the row at a position never
   * changes). Each lookup begins a read of its own (5–14 µs in WAL mode), but a rebuild asks for about one event in
   * twenty, so it costs less than fetching every event's metadata (~1.8 µs each). No transaction is held open for these
   * lookups on purpose: this connection also commits the appends, and an append must never be acknowledged inside a
   * transaction that has not been committed yet.
   */
  private readonly metadataAt = Object.assign((position: number): string => this.stmts.metadataAt.get(position)!, {
    /** Several positions in one statement (one read instead of one per event: LazyEvent's `leesMetadataVooraf`). */
    many: (positions: number[]): Map<number, string> => new Map(this.stmts.metadataOf.all(JSON.stringify(positions))),
  });

  /** Prepared once per kind of read (a rebuild reads many pages with the same one). */
  private readonly lazyStatements = new Map<string, Database.Statement>();

  /**
   * The read of a range of positions, of some types, of a share of the streams: every test runs in SQLite, on the row it
   * reads anyway, so rows of other types or of the other threads' share never reach JavaScript. NOT INDEXED: along the
   * positions (the primary key), not through ie_events_type, which would sort every later event of those types for each
   * page (a rebuild keeps most types). The prefixes and endings are the caller's constants, written into the SQL as
   * quoted literals (one statement per share).
   */
  private lazyStatement(typed: boolean, share: StreamShare | undefined): Database.Statement {
    const key = JSON.stringify([typed, share ?? null]);
    let st = this.lazyStatements.get(key);
    if (!st) {
      const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
      let where = 'position > ? AND position <= ?';
      if (typed) where += ' AND type IN (SELECT value FROM json_each(?))';
      if (share) {
        const owned = share.prefixes.length ? share.prefixes.map((p) => `substr(stream_id, 1, ${p.length}) = ${lit(p)}`).join(' OR ') : '0';
        const endings = [...new Set(share.endings)].map(lit).join(', ') || 'NULL';
        where += ` AND CASE WHEN ${owned} THEN substr(stream_id, -1) IN (${endings}) ELSE ${share.others ? 1 : 0} END`;
      }
      st = this.db.prepare(`SELECT ${LAZY_COLUMNS} FROM ie_events NOT INDEXED WHERE ${where} ORDER BY position LIMIT ?`).raw(true);
      this.lazyStatements.set(key, st);
    }
    return st;
  }

  async headPosition(): Promise<number> {
    return this.stmts.headPosition.get()?.p ?? 0;
  }

  subscribe(after = 0): Observable<StoredEvent> {
    return new Observable<StoredEvent>((subscriber) => {
      let last = after;
      let draining = false;
      let again = false;
      const drain = async () => {
        if (draining) return void (again = true);
        draining = true;
        try {
          do {
            again = false;
            for (;;) {
              const batch = this.sharedRead(last);
              if (batch.length === 0 || subscriber.closed) break;
              for (const event of batch) {
                if (subscriber.closed) return;
                last = event.position;
                subscriber.next(event);
              }
              // Let the rest of the process breathe during a long catch-up.
              await new Promise((r) => setImmediate(r));
            }
          } while (again && !subscriber.closed);
        } catch (err) {
          subscriber.error(err);
        } finally {
          draining = false;
        }
      };
      // A commit is read a little later, not inside it: its appends are answered first, and commits in quick
      // succession (group commit under load) are read together.
      let nudged: NodeJS.Timeout | undefined;
      const live = this.appended.subscribe(() => {
        nudged ??= setTimeout(() => {
          nudged = undefined;
          void drain();
        }, this.notifyDelayMs);
      });
      // Another process may write to the same file: look now and then as well.
      const timer = setInterval(() => void drain(), this.pollIntervalMs);
      timer.unref();
      setImmediate(() => void drain());
      return () => {
        live.unsubscribe();
        clearInterval(timer);
        if (nudged) clearTimeout(nudged);
      };
    });
  }

  /** The events after `after` for a subscription (500 at most), shared within one turn of the event loop (see `tail`). */
  private sharedRead(after: number): StoredEvent[] {
    if (this.tail?.after === after) return this.tail.events;
    const events = this.stmts.readAll.all(after, 500).map(FREEZE_SHARED ? (row) => deepFreeze(fromRaw(row)) : fromRaw);
    if (!this.tail) setImmediate(() => (this.tail = undefined));
    this.tail = { after, events };
    return events;
  }

  async identity(): Promise<string> {
    return this.storeIdentity;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    // Appends already queued are committed (and answered) before the file closes.
    if (this.db.open) this.flush();
    this.appended.complete();
    if (this.db.open) this.db.close();
  }
}
