import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import { StoredEvent } from '../events/envelope';
import { EventStore } from '../events/event-store';
import { PROJECTIONS_DB } from '../projections/projections-db';
import { ProjectionRunner } from '../projections/runner';
import { maakCursor } from '../http/paginering';
import { EventFilter } from './event-log';
import { INZAGE_PREFIX } from './inzage.service';
import { inzageProjection } from './inzage.projection';

export interface InzageItem {
  positie: number;
  type: string;
  stream: string;
  recordedAt: string;
  actor: { id: string; rol: string };
  [field: string]: unknown;
}

export interface InzagePage {
  inzages: InzageItem[];
  paginaGrootte: number;
  /** Cursor of the next page: the store's own position of the last entry read, never one computed. */
  volgende: string | null;
}

const TAIL_MAX = 20_000;

/**
 * Queries the access log from its index (projection `inzage`), and reads whatever the index has not reached yet
 * straight from the event store: a read logged a moment ago is always found.
 */
@Injectable()
export class InzageQuery {
  constructor(
    @Inject(PROJECTIONS_DB) private readonly db: Database.Database,
    private readonly runner: ProjectionRunner,
    private readonly store: EventStore,
  ) {}

  async page(f: Omit<EventFilter, 'types'>, size: number): Promise<InzagePage> {
    const head = await this.store.headPosition();
    const checkpoint = this.runner.checkpoint(inzageProjection.name);
    const where = ['position >= ?', 'position <= ?'];
    const params: unknown[] = [f.vanPositie ?? 0, checkpoint];
    if (f.na !== undefined) where.push('position > ?'), params.push(f.na);
    if (f.traject) where.push('traject_id = ?'), params.push(f.traject);
    if (f.actor) where.push('actor_id = ?'), params.push(f.actor);
    if (f.van) where.push('recorded_at >= ?'), params.push(f.van);
    if (f.tot) where.push('recorded_at < ?'), params.push(f.tot);
    const rows = this.db
      .prepare(`SELECT position, stream_id, type, actor_id, actor_rol, recorded_at, entry FROM ie_p_inzage_log
                WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`)
      .all(...params, size + 1) as { position: number; stream_id: string; type: string; actor_id: string; actor_rol: string; recorded_at: string; entry: string }[];
    const items: InzageItem[] = rows.map((r) => ({
      positie: r.position, type: r.type, stream: r.stream_id, recordedAt: r.recorded_at,
      actor: { id: r.actor_id, rol: r.actor_rol }, ...JSON.parse(r.entry),
    }));
    let volgende: string | null = null;
    if (items.length <= size && checkpoint < head) {
      const tail = await this.tail(f, Math.max(checkpoint, f.na ?? (f.vanPositie ?? 1) - 1), head, size + 1 - items.length);
      items.push(...tail.items);
      if (tail.stoppedAt !== null) volgende = maakCursor({ na: tail.stoppedAt });
    }
    if (items.length > size) volgende = maakCursor({ na: items[size - 1].positie });
    return { inzages: items.slice(0, size), paginaGrootte: size, volgende };
  }

  /** Entries after the index's checkpoint, read from the store. */
  private async tail(f: Omit<EventFilter, 'types'>, after: number, head: number, want: number) {
    const items: InzageItem[] = [];
    const take = (e: StoredEvent) => {
      if (!e.streamId.startsWith(INZAGE_PREFIX) || e.position <= after || e.position > head) return;
      if (f.vanPositie !== undefined && e.position < f.vanPositie) return;
      if (f.na !== undefined && e.position <= f.na) return;
      if (f.traject && e.data.trajectId !== f.traject) return;
      if (f.actor && e.metadata.actor?.id !== f.actor) return;
      if (f.van && !(e.metadata.recordedAt >= f.van)) return;
      if (f.tot && !(e.metadata.recordedAt < f.tot)) return;
      items.push({
        positie: e.position, type: e.type, stream: e.streamId, recordedAt: e.metadata.recordedAt,
        actor: { id: e.metadata.actor?.id, rol: e.metadata.actor?.rol }, ...e.data,
      });
    };
    if (f.traject) {
      const events = [...(await this.store.readStream(`${INZAGE_PREFIX}${f.traject}`)), ...(await this.store.readStream('inzage-export'))];
      events.sort((a, b) => a.position - b.position).forEach(take);
      return { items: items.slice(0, want), stoppedAt: null };
    }
    let cursor = after;
    let read = 0;
    while (cursor < head && items.length < want) {
      const page = await this.store.readAll({ after: cursor, limit: 1000 });
      if (page.length === 0) break;
      for (const e of page) {
        if (items.length >= want) break;
        take(e);
        cursor = e.position;
      }
      read += page.length;
      if (read >= TAIL_MAX && cursor < head && items.length < want) return { items, stoppedAt: cursor };
    }
    return { items: items.slice(0, want), stoppedAt: null };
  }
}
