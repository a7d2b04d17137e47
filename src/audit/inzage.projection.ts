import { Projection } from '../projections/projection';
import { INZAGE_PREFIX } from './inzage.service';

/**
 * The audit index of the access log: one row per entry of the `inzage-*` streams, searchable by trajectory, reader
 * and time. The entries themselves stay in the event store (durable, hash-chained); this table is rebuildable.
 */
export const inzageProjection: Projection = {
  name: 'inzage',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS ie_p_inzage_log (
      position    INTEGER PRIMARY KEY,
      stream_id   TEXT NOT NULL,
      type        TEXT NOT NULL,
      traject_id  TEXT,
      actor_id    TEXT NOT NULL,
      actor_rol   TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      entry       TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ie_p_inzage_log_traject ON ie_p_inzage_log(traject_id, position);
    CREATE INDEX IF NOT EXISTS ie_p_inzage_log_actor ON ie_p_inzage_log(actor_id, position);
    CREATE INDEX IF NOT EXISTS ie_p_inzage_log_tijd ON ie_p_inzage_log(recorded_at);
  `,
  tables: ['ie_p_inzage_log'],
  byTrajectory: true,
  handle(e) {
    if (!e.streamId.startsWith(INZAGE_PREFIX)) return [];
    return [{
      sql: `INSERT OR IGNORE INTO ie_p_inzage_log (position, stream_id, type, traject_id, actor_id, actor_rol, recorded_at, entry)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      params: [
        e.position, e.streamId, e.type, (e.data.trajectId as string | null | undefined) ?? null,
        e.metadata.actor?.id ?? 'onbekend', e.metadata.actor?.rol ?? 'onbekend', e.metadata.recordedAt, JSON.stringify(e.data),
      ],
    }];
  },
};
