import Database from 'better-sqlite3';
import { Observable, Subject, Subscription, bufferTime, filter } from 'rxjs';
import { StoredEvent } from '../events/envelope';
import { EventStore } from '../events/event-store';
import { Projection, ProjectionReader } from './projection';

export interface ProjectionUpdate {
  projection: string;
  position: number;
}

const BATCH_MS = 20;
const BATCH_MAX = 1000;

/**
 * Feeds each projection from its checkpoint. A batch of events and the new checkpoint are written in one
 * SQLite transaction: after a crash the projection resumes exactly where its last commit left it.
 */
export class ProjectionRunner {
  private readonly updates = new Subject<ProjectionUpdate>();
  private readonly subscriptions: Subscription[] = [];
  private readonly failures = new Map<string, unknown>();
  readonly updates$: Observable<ProjectionUpdate> = this.updates.asObservable();

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    readonly projections: Projection[],
  ) {
    for (const p of projections) this.prepare(p);
  }

  /** Creates the tables; a projection whose version changed is emptied so it is rebuilt from 0. */
  private prepare(p: Projection): void {
    this.db.exec(p.schema);
    const row = this.db.prepare('SELECT version FROM ie_checkpoints WHERE name = ?').get(p.name) as { version: number } | undefined;
    if (!row || row.version !== p.version) this.reset(p);
  }

  reset(p: Projection): void {
    this.db.transaction(() => {
      for (const table of p.tables) this.db.prepare(`DELETE FROM ${table}`).run();
      this.db.prepare(`INSERT INTO ie_checkpoints (name, position, version, updated_at) VALUES (?, 0, ?, ?)
        ON CONFLICT(name) DO UPDATE SET position = 0, version = excluded.version, updated_at = excluded.updated_at`)
        .run(p.name, p.version, new Date().toISOString());
    })();
  }

  checkpoint(name: string): number {
    const row = this.db.prepare('SELECT position FROM ie_checkpoints WHERE name = ?').get(name) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  /**
   * Applies a batch and moves the checkpoint, atomically. Events at or before the checkpoint are skipped; the
   * checkpoint is read inside the IMMEDIATE transaction, so two processes on one file never apply a batch twice.
   */
  apply(p: Projection, events: StoredEvent[]): void {
    const statements = new Map<string, Database.Statement>();
    const stmt = (sql: string) => {
      let st = statements.get(sql);
      if (!st) statements.set(sql, (st = this.db.prepare(sql)));
      return st;
    };
    const args = (params?: Record<string, unknown> | unknown[]) => (params === undefined ? [] : Array.isArray(params) ? params : [params]);
    const reader: ProjectionReader = {
      get: (sql, params) => stmt(sql).get(...args(params)) as any,
      all: (sql, params) => stmt(sql).all(...args(params)) as any,
    };
    const last = this.db.transaction(() => {
      const from = this.checkpoint(p.name);
      const fresh = events.filter((e) => e.position > from);
      if (fresh.length === 0) return null;
      for (const event of fresh) for (const change of p.handle(event, reader)) stmt(change.sql).run(...args(change.params));
      const position = fresh[fresh.length - 1].position;
      stmt('UPDATE ie_checkpoints SET position = ?, updated_at = ? WHERE name = ?').run(position, new Date().toISOString(), p.name);
      return position;
    }).immediate();
    if (last !== null) this.updates.next({ projection: p.name, position: last });
  }

  /** Subscribes every projection from its checkpoint: catch up, then live. */
  start(): void {
    for (const p of this.projections) {
      const sub = this.store
        .subscribe(this.checkpoint(p.name))
        .pipe(bufferTime(BATCH_MS, null, BATCH_MAX), filter((batch) => batch.length > 0))
        .subscribe({
          next: (batch) => {
            try {
              this.apply(p, batch);
            } catch (err) {
              // Stop this projection rather than skip an event; /ready reports it.
              this.failures.set(p.name, err);
              sub.unsubscribe();
            }
          },
          error: (err) => this.failures.set(p.name, err),
        });
      this.subscriptions.push(sub);
    }
  }

  stop(): void {
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
  }

  /** Rebuilds from position 0 by reading the log directly (no subscription); returns the events applied. */
  async rebuild(p: Projection, pageSize = 5000): Promise<number> {
    this.reset(p);
    let after = 0;
    let count = 0;
    for (;;) {
      const page = await this.store.readAll({ after, limit: pageSize });
      if (page.length === 0) return count;
      this.apply(p, page);
      after = page[page.length - 1].position;
      count += page.length;
    }
  }

  /** Whether each projection has reached the head of the log (for /ready). */
  async status(): Promise<{ name: string; position: number; head: number; failed?: string }[]> {
    const head = await this.store.headPosition();
    return this.projections.map((p) => ({
      name: p.name,
      position: this.checkpoint(p.name),
      head,
      ...(this.failures.has(p.name) ? { failed: String((this.failures.get(p.name) as Error)?.message ?? this.failures.get(p.name)) } : {}),
    }));
  }
}

