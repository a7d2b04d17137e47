import { FactoryProvider, InjectionToken, ValueProvider } from '@nestjs/common';
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
  /**
   * During a rebuild from position 0 (herbouw: the tables emptied, the app stopped, every write through this runner):
   * the keys of the rows `Rijen` wrote to `table` so far (or the projection itself, by a key of its choosing: termijnen
   * adds the trajectory of each deadline row it writes). No other row exists, so a key not in it is read without a
   * query, and a statement changing only such rows is not needed. Undefined otherwise (live, another process may write
   * the same file).
   */
  written?(table: string): Set<string> | undefined;
}

/**
 * A read model: its own tables (prefix `ie_p_<name>_`) and a pure handler from an event to the changes in them.
 * The runner applies the changes and the checkpoint in one transaction, so each event takes effect exactly once.
 * Bump `version` when the handler or schema changes: the runner then drops the tables, creates them anew from
 * `schema` (so a changed column list takes effect) and rebuilds the projection from position 0.
 * Register it in the Nest module of the slice that owns it: `providers: [provideProjection(myProjection)]`.
 */
export interface Projection {
  name: string;
  version: number;
  /** CREATE TABLE / INDEX IF NOT EXISTS statements. */
  schema: string;
  /** Every table `schema` creates, and no other: a version bump or a rebuild drops exactly these (checked at start). */
  tables: string[];
  /**
   * The event types `handle` can do anything with. The runner passes it no other event (its checkpoint still moves
   * past them), so a rebuild does not read their data for it. Omitted: every event. Must list every type for which
   * `handle` may return a change, or read models would differ between a declared and an undeclared run.
   */
  types?: readonly string[];
  /**
   * True when the projection keeps trajectories apart: what it writes for a trajectory follows from that trajectory's
   * own streams (`traject-<id>`, `privacy-<id>`) alone, and what it writes for any other stream from the other streams
   * alone, never mixing the two nor reading one trajectory's rows for another. A parallel rebuild may then split the log
   * by trajectory over several threads and add up their rows (herbouw-parallel.ts). Omitted: rebuilt whole in one thread.
   */
  byTrajectory?: boolean;
  /** Pure over its inputs: the event and what its own tables hold now (read inside the same transaction). */
  handle(event: StoredEvent, read: ProjectionReader): Change[];
  /**
   * Optional: the changes for a whole batch of events (in log order, only the declared `types`), the same as `handle`
   * on each in turn would make. The runner then uses it for every batch, live and in a rebuild: a projection keeping
   * one row per trajectory reads and writes that row once per batch (see rijen.ts). Such a projection's `handle` is
   * its batch of one (`perBatch`), so there is one code path.
   */
  handleBatch?(events: StoredEvent[], read: ProjectionReader): Change[];
}

/** `handle` and `handleBatch` from one batch function: `handle(e)` is the batch `[e]`. */
export const perBatch = (handleBatch: (events: StoredEvent[], read: ProjectionReader) => Change[]): Pick<Projection, 'handle' | 'handleBatch'> => ({
  handle: (event, read) => handleBatch([event], read),
  handleBatch,
});

/** The prefix of the Nest token under which a slice registers a projection (`projection:<name>`). */
export const PROJECTION_TOKEN_PREFIX = 'projection:';

export const projectionToken = (name: string): string => `${PROJECTION_TOKEN_PREFIX}${name}`;

/**
 * Registers a projection with the runner, from the module of the slice that owns it:
 * `@Module({ providers: [provideProjection(inzageProjection)] })`. The runner finds every such provider in the
 * application (Nest's DiscoveryService), so no central list imports the slices. One token per projection name:
 * two different projections under one name are refused at start-up.
 */
export const provideProjection = (projection: Projection): ValueProvider<Projection> => ({
  provide: projectionToken(projection.name),
  useValue: projection,
});

/**
 * Registers a projection that needs something from the application to be built (e.g. the keyed hash of the BSN
 * index): `provideProjectionFactory('trajecten', (s: ProjectieSleutels) => trajectenProjection(s), [PROJECTIE_SLEUTELS])`.
 * Tools reading the catalog with the app stopped pass those dependencies to `projectionsOf`.
 */
export function provideProjectionFactory<D extends unknown[]>(
  name: string,
  factory: (...deps: D) => Projection,
  inject: InjectionToken[],
): FactoryProvider<Projection> {
  return { provide: projectionToken(name), useFactory: factory as (...args: unknown[]) => Projection, inject };
}
