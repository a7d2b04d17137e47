import { StoredEvent } from '../events/envelope';

/** One SQL statement a projection wants run; named (@x) or positional (?) parameters. */
export interface Change {
  sql: string;
  params?: Record<string, unknown> | unknown[];
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
  handle(event: StoredEvent): Change[];
}
