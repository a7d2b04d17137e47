/** All storage tables share the `ie_` prefix. The global position is the primary key; UNIQUE(stream_id, version) is the concurrency check. */
export const EVENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS ie_events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  event_id    TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_id, version),
  UNIQUE (stream_id, event_id)
);
CREATE INDEX IF NOT EXISTS ie_events_type ON ie_events(type, position);
CREATE TABLE IF NOT EXISTS ie_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/** The ie_meta key of the store's identity: a UUID written once, when the file is created (or first opened by this version). */
export const IDENTITY_KEY = 'identity';
