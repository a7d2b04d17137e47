import { StoredEvent } from '../events/envelope';

/** One SQL statement a projection wants run; named (@x) or positional (?) parameters. */
export interface Change {
  sql: string;
  params?: Record<string, unknown> | unknown[];
}

/** Read access to the projection's own tables, inside the transaction that applies the event. */
export interface ProjectionReader {
  get<T = Record<string, unknown>>(sql: string, params?: unknown[] | Record<string, unknown>): T | undefined;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[] | Record<string, unknown>): T[];
}

/**
 * A read model: its own tables (prefix `ie_p_<name>_`) and a pure handler from an event to the changes in them.
 * The runner applies the changes and the checkpoint in one transaction, so each event takes effect exactly once.
 * Bump `version` when the handler or schema changes: the runner then rebuilds it from position 0.
 */
export interface Projection {
  name: string;
  version: number;
  /** CREATE TABLE / INDEX IF NOT EXISTS statements. */
  schema: string;
  /** The tables a rebuild empties. */
  tables: string[];
  /** Pure over its inputs: the event and what its own tables hold now (read inside the same transaction). */
  handle(event: StoredEvent, read: ProjectionReader): Change[];
}
