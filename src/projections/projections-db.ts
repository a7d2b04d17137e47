import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The read-model database: rebuildable from the log, so NORMAL sync is enough (a lost tail is replayed). */
export function openProjectionsDb(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // 64 MB of page cache (SQLite's default is 2 MB): rows are keyed by trajectory ids (random UUIDs), so a rebuild of a
  // large log reads and inserts all over tables of 100 MB and more; with 2 MB nearly every one of them went to the file.
  db.pragma('cache_size = -65536');
  db.exec(`CREATE TABLE IF NOT EXISTS ie_checkpoints (
    name TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL)`);
  db.exec('CREATE TABLE IF NOT EXISTS ie_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  return db;
}

/** The ie_meta key recording the identity of the event store the read models were built from (EventStore.identity). */
export const STORE_IDENTITY_KEY = 'event_store_identity';

export const PROJECTIONS_DB = Symbol('PROJECTIONS_DB');
