import { Logger, LoggerService } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { Observable, Subject, Subscription, bufferTime, concat, defer, filter, mergeWith, retry, switchMap, tap, throwError, timer } from 'rxjs';
import { StoredEvent } from '../events/envelope';
import { EventStore } from '../events/event-store';
import { Change, Projection, ProjectionReader } from './projection';
import { STORE_IDENTITY_KEY } from './projections-db';
import { sqlArgs as args, sqlOver } from './reader';

export interface ProjectionUpdate {
  projection: string;
  position: number;
}

/**
 * `starting`: binding to the store or (re)subscribing; `live`: applying events; `retrying`: waiting after a transient
 * failure before resubscribing from the checkpoint; `failed`: stopped by a permanent failure (a handler bug) until a
 * fixed version is started; `stopped`: not started, or stopped.
 */
export type ProjectionState = 'starting' | 'live' | 'retrying' | 'failed' | 'stopped';

export interface ProjectionStatus {
  name: string;
  position: number;
  /** The head of the log; undefined when the store did not answer. */
  head: number | undefined;
  state: ProjectionState;
  /** The permanent failure that stopped it. */
  failed?: string;
  /** Transient failures in a row (reset by the next applied batch), the last of them, and when it tries again. */
  retries?: number;
  lastError?: string;
  nextAttemptAt?: string;
}

export interface RunnerOptions {
  /** Back-off after a transient failure: `initialMs` doubling per failure in a row, at most `maxMs`. */
  retry?: { initialMs?: number; maxMs?: number };
  logger?: LoggerService;
}

/**
 * A live projection applies what arrived in the last BATCH_MS in one transaction: under command load (group commits
 * of a few events each) that is one commit per projection per 50 ms rather than one per tiny batch, still far below
 * what a person watching a dashboard or the deadline scheduler notices. A catch-up applies up to BATCH_MAX at once.
 */
const BATCH_MS = 50;
const BATCH_MAX = 5000;
const RETRY_INITIAL_MS = 250;
const RETRY_MAX_MS = 30_000;
/** From this many failures in a row, a transient failure is logged as an error: it may not be transient after all. */
const RETRIES_BEFORE_ERROR = 5;

export const UPDATE_CHECKPOINT = 'UPDATE ie_checkpoints SET position = ?, updated_at = ? WHERE name = ?';

interface Handles {
  stmt(sql: string): Database.Statement;
  reader: ProjectionReader;
  types?: ReadonlySet<string>;
}

/** A projection's own failure (its handler or its SQL): retrying cannot help, so the projection stops. */
export class ProjectionFailed extends Error {
  constructor(readonly projection: string, readonly event: StoredEvent | undefined, readonly cause: unknown) {
    super(`projection ${projection} failed${event ? ` at position ${event.position} (${event.type} in ${event.streamId})` : ''}: ${messageOf(cause)}`);
    this.name = 'ProjectionFailed';
  }
}

/** The store ended a subscription (e.g. EventStoreDB restarting): resubscribe from the checkpoint. */
export class SubscriptionEnded extends Error {
  constructor() {
    super('the event store ended the subscription');
    this.name = 'SubscriptionEnded';
  }
}

/** The projection was reset (rebuilt) under a live subscription: resubscribe from its new checkpoint at once. */
class Resubscribe extends Error {}

/** SQLite errors that pass by themselves: another connection holds the lock, or the disk is (momentarily) full or failing. */
const TRANSIENT_SQLITE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/;
export const isTransientDbError = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_SQLITE.test(code);
};

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  const name = ['Error', 'SqliteError', 'ProjectionFailed'].includes(err.name) ? '' : `${err.name}: `;
  return `${name}${typeof code === 'string' ? `${code}: ` : ''}${err.message}`;
}

interface Health {
  state: ProjectionState;
  failed?: string;
  retries: number;
  lastError?: string;
  nextAttemptAt?: Date;
}

/**
 * Feeds each projection from its checkpoint. A batch of events and the new checkpoint are written in one SQLite
 * transaction: after a crash the projection resumes exactly where its last commit left it.
 *
 * It never stops silently and never skips: a transient failure (the store ends or breaks the subscription, the
 * read-model database is busy) is retried with back-off from the checkpoint; a permanent one (the projection's own
 * handler or SQL fails) stops that projection, is logged as an error and shows in `status()` (and so in /ready).
 * Before subscribing, `bind()` checks that the read models belong to this event store; if not, they are rebuilt.
 */
export class ProjectionRunner {
  private readonly updates = new Subject<ProjectionUpdate>();
  private readonly subscriptions: Subscription[] = [];
  private readonly health = new Map<string, Health>();
  /** Bumped by every reset: a live subscription of an older epoch resubscribes instead of applying. */
  private readonly epochs = new Map<string, number>();
  /** The name of each projection reset, so that its live feed, even an idle one, resubscribes from 0. */
  private readonly resets = new Subject<string>();
  private binding?: Promise<void>;
  /** Prepared statements per projection (dropped with its tables on a reset). */
  private readonly prepared = new Map<string, Handles>();
  /** Per projection rebuilt from 0 (`reset` with `rebuild`, until `rebuilt`): per table, the keys of the rows written (ProjectionReader.written). */
  private readonly rebuilding = new Map<string, Map<string, Set<string>>>();
  private checkpointStmt?: Database.Statement;
  private readonly logger: LoggerService;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  readonly updates$: Observable<ProjectionUpdate> = this.updates.asObservable();
  readonly projections: Projection[];

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    projections: Projection[],
    options: RunnerOptions = {},
  ) {
    this.logger = options.logger ?? new Logger(ProjectionRunner.name);
    this.retryInitialMs = options.retry?.initialMs ?? RETRY_INITIAL_MS;
    this.retryMaxMs = options.retry?.maxMs ?? RETRY_MAX_MS;
    this.projections = [];
    this.register(projections);
  }

  /**
   * Adds projections before the runner starts (the application registers those it discovers once every provider,
   * factory-built ones included, exists). A name registered twice is refused.
   */
  register(projections: Projection[]): void {
    const names = [...this.projections, ...projections].map((p) => p.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length) throw new Error(`Projection registered twice: ${[...new Set(twice)].join(', ')}`);
    for (const p of projections) {
      this.health.set(p.name, { state: 'stopped', retries: 0 });
      this.prepare(p);
      this.projections.push(p);
    }
  }

  /**
   * Creates the tables. A projection whose version changed (or that is new) is reset: its tables are dropped and
   * created anew, so a changed column list takes effect, and it is rebuilt from 0.
   */
  private prepare(p: Projection): void {
    checkDeclaredTables(p);
    const row = this.db.prepare('SELECT version FROM ie_checkpoints WHERE name = ?').get(p.name) as { version: number } | undefined;
    if (!row || row.version !== p.version) {
      if (row) this.logger.warn(`Projection ${p.name}: version ${row.version} → ${p.version}, its tables are recreated and rebuilt from position 0`);
      this.reset(p);
    } else {
      this.db.exec(p.schema);
    }
  }

  /**
   * Drops the projection's tables, creates them from its schema and puts its checkpoint at 0, in one transaction.
   * `indexesLater`: the schema's (non-unique) indexes are left out, for a rebuild that creates them once at the end
   * (`createIndexes`) instead of updating them row by row; handlers find their rows by primary key, so nothing needs
   * them meanwhile. `rebuild`: a rebuild from 0 follows, with the app stopped (herbouw), so this runner alone writes the
   * tables until `rebuilt(p)`: its reader then tells which rows exist without a query (ProjectionReader.written).
   */
  reset(p: Projection, { indexesLater = false, rebuild = false } = {}): void {
    this.db.transaction(() => {
      for (const table of p.tables) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      this.db.exec(indexesLater ? schemaParts(p).tables : p.schema);
      this.db.prepare(`INSERT INTO ie_checkpoints (name, position, version, updated_at) VALUES (?, 0, ?, ?)
        ON CONFLICT(name) DO UPDATE SET position = 0, version = excluded.version, updated_at = excluded.updated_at`)
        .run(p.name, p.version, new Date().toISOString());
    }).immediate();
    this.prepared.delete(p.name);
    if (rebuild) this.rebuilding.set(p.name, new Map());
    else this.rebuilding.delete(p.name);
    this.epochs.set(p.name, this.epoch(p) + 1);
    this.resets.next(p.name);
  }

  /** The end of the rebuild `reset(p, { rebuild: true })` began: rows are read from the file again. */
  rebuilt(p: Projection): void {
    this.rebuilding.delete(p.name);
  }

  /** The indexes of `p`'s schema (IF NOT EXISTS: those present stay): after a rebuild that reset it with `indexesLater`. */
  createIndexes(p: Projection): void {
    this.db.exec(schemaParts(p).indexes);
  }

  /**
   * Moves `p`'s checkpoint forward to `position` (never back): after a rebuild that read only the types its
   * projections declare, the events after the last one read are of other types, and so applied too.
   */
  advanceCheckpoint(p: Projection, position: number): void {
    this.db.prepare('UPDATE ie_checkpoints SET position = ?, updated_at = ? WHERE name = ? AND position < ?')
      .run(position, new Date().toISOString(), p.name, position);
  }

  /**
   * Adds the rows of `projections` as rebuilt in the side file at `pad` (same schema, no indexes) to those here: a
   * parallel rebuild that split the log by trajectory (herbouw-parallel.ts), so the two sets of rows never share a key.
   * Row ids set by the projection are copied along (e.g. the search keys' order of registration stays the log's). The
   * checkpoints stay at the lower of the two (both threads read up to the same head). Indexes: `createIndexes` after.
   */
  voegToe(projections: Projection[], pad: string): void {
    this.db.prepare('ATTACH DATABASE ? AS herbouw').run(pad);
    try {
      this.db.transaction(() => {
        for (const p of projections) {
          for (const table of p.tables) {
            const kolommen = (this.db.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string; type: string; pk: number }[]);
            // An INTEGER PRIMARY KEY is the rowid itself; a WITHOUT ROWID table has none.
            const rowidAlias = kolommen.filter((k) => k.pk > 0).length === 1 && kolommen.some((k) => k.pk === 1 && k.type.toUpperCase() === 'INTEGER');
            const withoutRowid = /WITHOUT\s+ROWID/i.test((this.db.prepare(`SELECT sql FROM main.sqlite_master WHERE name = ?`).get(table) as { sql: string }).sql);
            // Row ids a projection sets itself (e.g. the search keys' registration position) never collide and are kept;
            // implicit ones (1, 2, … in each file) would, and nobody reads them: those are given anew.
            const eigenRowids = !rowidAlias && !withoutRowid
              && !(this.db.prepare(`SELECT EXISTS (SELECT 1 FROM herbouw.${table} h JOIN main.${table} m ON m.rowid = h.rowid) AS x`).get() as { x: number }).x;
            const namen = [...(eigenRowids ? ['rowid'] : []), ...kolommen.map((k) => k.name)].join(', ');
            // In the order of the key the rows are found by (or of the row ids kept): each B-tree then grows at a few
            // places instead of at random ones (trajectory ids are random UUIDs), so far fewer pages are touched.
            const sleutel = eigenRowids ? ['rowid'] : kolommen.filter((k) => k.pk > 0).sort((a, b) => a.pk - b.pk).map((k) => k.name);
            this.db.exec(`INSERT INTO main.${table} (${namen}) SELECT ${namen} FROM herbouw.${table}${sleutel.length ? ` ORDER BY ${sleutel.join(', ')}` : ''}`);
          }
          const { position } = this.db.prepare('SELECT position FROM herbouw.ie_checkpoints WHERE name = ?').get(p.name) as { position: number };
          this.db.prepare('UPDATE main.ie_checkpoints SET position = ?, updated_at = ? WHERE name = ? AND position > ?').run(position, new Date().toISOString(), p.name, position);
        }
      }).immediate();
    } finally {
      this.db.exec('DETACH DATABASE herbouw');
    }
    for (const p of projections) this.updates.next({ projection: p.name, position: this.checkpoint(p.name) });
  }

  /** The read-model database (a parallel rebuild copies a side file into it). */
  get database(): Database.Database {
    return this.db;
  }

  private epoch(p: Projection): number {
    return this.epochs.get(p.name) ?? 0;
  }

  checkpoint(name: string): number {
    this.checkpointStmt ??= this.db.prepare('SELECT position FROM ie_checkpoints WHERE name = ?');
    const row = this.checkpointStmt.get(name) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  /**
   * Binds the read models to the store. They were built from another log when the file records another store's
   * identity, when it records none but has applied events (a file from before identities), or when a checkpoint
   * lies beyond the head of the log (e.g. the store was replaced or restored): then every projection is reset, with
   * a warning, and rebuilt as it resubscribes. Never skipping events matters more than the time a rebuild takes.
   */
  bind(): Promise<void> {
    this.binding ??= this.bindOnce().finally(() => (this.binding = undefined));
    return this.binding;
  }

  /** Why the read models do not belong to the store (undefined: they do), and the identities involved. */
  async mismatch(): Promise<{ reason?: string; identity: string; recorded?: string }> {
    const identity = await this.store.identity();
    const head = await this.store.headPosition();
    const recorded = (this.db.prepare('SELECT value FROM ie_meta WHERE key = ?').get(STORE_IDENTITY_KEY) as { value: string } | undefined)?.value;
    const applied = this.projections.filter((p) => this.checkpoint(p.name) > 0);
    const ahead = applied.filter((p) => this.checkpoint(p.name) > head);
    const reason =
      recorded !== undefined && recorded !== identity ? `they were built from event store ${recorded}, this is ${identity}`
      : recorded === undefined && applied.length > 0 ? 'the file records no event store (it predates store identities)'
      : ahead.length > 0 ? `${ahead.map((p) => `${p.name} at ${this.checkpoint(p.name)}`).join(', ')} lie beyond the head of the log (${head})`
      : undefined;
    return { reason, identity, recorded };
  }

  private async bindOnce(): Promise<void> {
    const { reason, identity, recorded } = await this.mismatch();
    if (reason) {
      this.logger.warn(`The read models do not belong to this event store: ${reason}. Every projection is rebuilt from position 0.`);
      for (const p of this.projections) this.reset(p);
    }
    if (recorded !== identity) {
      this.db.prepare('INSERT INTO ie_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(STORE_IDENTITY_KEY, identity);
    }
  }

  /**
   * Applies a batch and moves the checkpoint, atomically. Events at or before the checkpoint are skipped; the
   * checkpoint is read inside the IMMEDIATE transaction, so two processes on one file never apply a batch twice.
   * A failure of the projection itself is thrown as ProjectionFailed; a busy or locked database as SQLite's error.
   */
  apply(p: Projection, events: StoredEvent[]): void {
    this.applyAll([p], events);
  }

  /**
   * Applies one batch to several projections in one transaction (a rebuild's page: one commit instead of one per
   * projection); each projection's checkpoint moves with its changes. `timed` receives each projection's share of the time;
   * `eventsOf`, when given, the part of the batch each projection gets (a parallel rebuild's share of the trajectories).
   */
  applyAll(projections: Projection[], events: StoredEvent[], timed?: (p: Projection, ms: number) => void, eventsOf?: (p: Projection) => StoredEvent[]): void {
    const moved = this.db.transaction(() => projections.map((p) => {
      const t0 = timed ? performance.now() : 0;
      const position = this.applyInTransaction(p, eventsOf ? eventsOf(p) : events);
      timed?.(p, performance.now() - t0);
      return position;
    })).immediate();
    moved.forEach((position, i) => {
      if (position !== null) this.updates.next({ projection: projections[i].name, position });
    });
  }

  /** The body of apply: the events after the checkpoint through the handler (only the types it declares), then the checkpoint. */
  private applyInTransaction(p: Projection, events: StoredEvent[]): number | null {
    const { stmt, reader, types } = this.handles(p);
    const from = this.checkpoint(p.name);
    if (events.length === 0 || events[events.length - 1].position <= from) return null;
    const fresh = events.filter((e) => e.position > from && (!types || types.has(e.type)));
    if (p.handleBatch) {
      try {
        const changes = fresh.length ? p.handleBatch(fresh, reader) : [];
        for (const change of changes) stmt(change.sql).run(...args(change.params));
      } catch (err) {
        throw isTransientDbError(err) ? err : new ProjectionFailed(p.name, fresh.length === 1 ? fresh[0] : undefined, err);
      }
    } else {
      for (const event of fresh) {
        try {
          for (const change of p.handle(event, reader)) stmt(change.sql).run(...args(change.params));
        } catch (err) {
          throw isTransientDbError(err) ? err : new ProjectionFailed(p.name, event, err);
        }
      }
    }
    const position = events[events.length - 1].position;
    stmt(UPDATE_CHECKPOINT).run(position, new Date().toISOString(), p.name);
    return position;
  }

  /** Per projection, kept across batches: its prepared statements (by SQL text), its reader and its declared types. */
  private handles(p: Projection): Handles {
    let h = this.prepared.get(p.name);
    if (!h) {
      const { stmt, reader } = sqlOver(this.db);
      const written = (table: string) => {
        const tables = this.rebuilding.get(p.name);
        if (!tables) return undefined;
        let keys = tables.get(table);
        if (!keys) tables.set(table, (keys = new Set()));
        return keys;
      };
      h = { stmt, reader: { ...reader, written }, types: p.types ? new Set(p.types) : undefined };
      this.prepared.set(p.name, h);
    }
    return h;
  }

  /** Subscribes every projection from its checkpoint (catch up, then live), after binding to the store. */
  start(): void {
    if (this.subscriptions.length) return;
    for (const p of this.projections) {
      this.setHealth(p, { state: 'starting', failed: undefined });
      this.subscriptions.push(this.feed(p).subscribe({
        error: (err) => {
          this.setHealth(p, { state: 'failed', failed: messageOf(err), nextAttemptAt: undefined });
          this.logger.error(`Projection ${p.name} stopped: ${messageOf(err)}. It resumes from its checkpoint (${this.checkpoint(p.name)}) once a fixed version is started.`, (err as ProjectionFailed).cause instanceof Error ? ((err as ProjectionFailed).cause as Error).stack : undefined);
        },
      }));
    }
  }

  /**
   * One projection's feed. Every (re)subscription binds to the store and starts from the checkpoint then committed;
   * the store ending the subscription counts as a transient failure, like an error of the store or a busy database.
   */
  private feed(p: Projection): Observable<StoredEvent[]> {
    let epoch = 0;
    const subscription = defer(async () => {
      await this.bind();
      epoch = this.epoch(p);
      this.setHealth(p, { state: 'live' });
      return this.checkpoint(p.name);
    }).pipe(
      switchMap((after) => this.store.subscribe(after)),
      bufferTime(BATCH_MS, null, BATCH_MAX),
      filter((batch) => batch.length > 0),
    );
    const resetMeanwhile = this.resets.pipe(
      filter((name) => name === p.name),
      switchMap(() => throwError(() => new Resubscribe())),
    );
    // Completion comes after the last batch is flushed, so what the store delivered before ending is applied.
    return concat(subscription, defer(() => throwError(() => new SubscriptionEnded()))).pipe(
      mergeWith(resetMeanwhile),
      tap((batch) => {
        if (this.epoch(p) !== epoch) throw new Resubscribe();
        try {
          this.apply(p, batch);
        } catch (err) {
          throw err instanceof ProjectionFailed || isTransientDbError(err) ? err : new ProjectionFailed(p.name, undefined, err);
        }
        if (this.health.get(p.name)!.retries) this.logger.log(`Projection ${p.name} resumed at position ${this.checkpoint(p.name)}`);
        this.setHealth(p, { state: 'live', retries: 0, nextAttemptAt: undefined });
      }),
      retry({ delay: (err) => this.retryAfter(p, err) }),
    );
  }

  /** When to resubscribe after `err`; a ProjectionFailed is passed on, ending the feed. */
  private retryAfter(p: Projection, err: unknown): Observable<0> {
    if (err instanceof ProjectionFailed) return throwError(() => err);
    if (err instanceof Resubscribe) return timer(0);
    const retries = this.health.get(p.name)!.retries + 1;
    const ms = Math.min(this.retryInitialMs * 2 ** (retries - 1), this.retryMaxMs);
    this.setHealth(p, { state: 'retrying', retries, lastError: messageOf(err), nextAttemptAt: new Date(Date.now() + ms) });
    const message = `Projection ${p.name} at position ${this.checkpoint(p.name)}: ${messageOf(err)}; resubscribing in ${ms} ms (failure ${retries} in a row)`;
    if (retries >= RETRIES_BEFORE_ERROR) this.logger.error(message);
    else this.logger.warn(message);
    return timer(ms);
  }

  private setHealth(p: Projection, change: Partial<Health>): void {
    this.health.set(p.name, { ...this.health.get(p.name)!, ...change });
  }

  stop(): void {
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
    for (const p of this.projections) {
      if (this.health.get(p.name)!.state !== 'failed') this.setHealth(p, { state: 'stopped', nextAttemptAt: undefined });
    }
  }

  /** Rebuilds from position 0 by reading the log directly (no subscription); returns the events applied. */
  async rebuild(p: Projection, pageSize = 5000): Promise<number> {
    this.reset(p);
    let epoch = this.epoch(p);
    let after = 0;
    let count = 0;
    for (;;) {
      const page = await this.store.readAll({ after, limit: pageSize });
      if (page.length === 0) return count;
      if (this.epoch(p) !== epoch) {
        // Reset again meanwhile (bind found another store): the pages read so far no longer count.
        [epoch, after, count] = [this.epoch(p), 0, 0];
        continue;
      }
      this.apply(p, page);
      after = page[page.length - 1].position;
      count += page.length;
    }
  }

  /** Each projection's checkpoint against the head of the log, and its health (for /ready and the CLI). */
  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition().catch(() => undefined);
    return this.projections.map((p) => {
      const h = this.health.get(p.name)!;
      return {
        name: p.name,
        position: this.checkpoint(p.name),
        head,
        state: h.state,
        ...(h.failed ? { failed: h.failed } : {}),
        ...(h.retries ? { retries: h.retries } : {}),
        ...(h.lastError ? { lastError: h.lastError } : {}),
        ...(h.nextAttemptAt ? { nextAttemptAt: h.nextAttemptAt.toISOString() } : {}),
      };
    });
  }
}

/** A schema split into its non-unique CREATE INDEX statements and everything else (tables, unique indexes, drops). */
function schemaParts(p: Projection): { tables: string; indexes: string } {
  const statements = p.schema.split(';').map((s) => s.trim()).filter(Boolean);
  const isIndex = (s: string) => /^CREATE\s+INDEX\b/i.test(s);
  return {
    tables: statements.filter((s) => !isIndex(s)).map((s) => `${s};`).join('\n'),
    indexes: statements.filter(isIndex).map((s) => `${s};`).join('\n'),
  };
}

/** `tables` must name exactly the tables `schema` creates, or a version bump would leave one with its old columns. */
function checkDeclaredTables(p: Projection): void {
  const scratch = new Database(':memory:');
  try {
    scratch.exec(p.schema);
    const created = (scratch.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const declared = [...p.tables].sort();
    if (created.join() !== declared.join()) {
      throw new Error(`Projection ${p.name}: its schema creates [${created.join(', ')}] but its tables are [${declared.join(', ')}]`);
    }
  } finally {
    scratch.close();
  }
}
