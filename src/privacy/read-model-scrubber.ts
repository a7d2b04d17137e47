import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import { Subscription } from 'rxjs';
import { PROJECTIONS_DB } from '../projections/projections-db';
import { ProjectionRunner } from '../projections/runner';

/**
 * After an erasure the read models blank what they kept (e.g. the list's name), but SQLite would leave the old
 * values in freed pages and in the WAL until a clean shutdown. This scrubs the read models' file as the key store
 * does: freed content is zeroed (secure_delete), and once every projection has applied the erasure the WAL is
 * checkpointed into the file and truncated to zero bytes.
 */
@Injectable()
export class ReadModelScrubber implements OnModuleDestroy {
  private readonly logger = new Logger('ReadModelScrubber');
  private readonly pending = new Set<number>();
  private readonly subscription: Subscription;

  constructor(
    @Inject(PROJECTIONS_DB) private readonly db: Database.Database,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
  ) {
    // Per connection: the runner writes through this same connection.
    if (this.db.open) this.db.pragma('secure_delete = ON');
    this.subscription = this.runner.updates$.subscribe(() => this.scrubIfApplied());
  }

  /** Scrub once every projection has passed the erasure recorded at `position`. */
  after(position: number): void {
    this.pending.add(position);
    this.scrubIfApplied();
  }

  private scrubIfApplied(): void {
    if (this.pending.size === 0 || !this.db.open) return;
    const applied = Math.min(...this.runner.projections.map((p) => this.runner.checkpoint(p.name)));
    const done = [...this.pending].filter((p) => p <= applied);
    if (done.length === 0) return;
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy) return; // A reader held the WAL: the next update tries again.
      for (const p of done) this.pending.delete(p);
    } catch (err) {
      this.logger.warn({ err }, 'WAL van de leesmodellen niet te legen na een wissing; volgende poging bij de volgende update');
    }
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
