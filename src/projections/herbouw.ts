import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { EventStore, StreamShare, inShare } from '../events/event-store';
import { Projection } from './projection';
import { ProjectionRunner } from './runner';
import { Voortgang } from '../voortgang';

export interface Herbouwd {
  /** Events read from the log (with `typen`, only those of the declared types). */
  events: number;
  seconds: number;
  /** events / seconds: the whole log through every chosen projection. */
  eventsPerSecond: number;
  /** Per projection: the time spent applying its batches (the log is read once for all). */
  projecties: { name: string; seconds: number; eventsPerSecond: number }[];
  /** The event types read, when every chosen projection declares its types; undefined: every event was read. */
  typen?: string[];
  /** A parallel rebuild (herbouw-parallel.ts): which projections the worker rebuilt, what it read, and the copy's time. */
  parallel?: {
    hier: string[]; werker: string[]; werkerTypen?: string[]; werkerEvents: number; werkerSeconds: number; hierSeconds: number; overnameSeconds: number;
    /** The WAL's one checkpoint at the end (the pages of both threads' rows and of the indexes copied into the file). */
    checkpointSeconds: number;
    /** The last hex digits of the trajectory ids each thread rebuilt (`werker`: all workers' together). */
    eindigtOp: { hier: string; werker: string };
    /** Per worker (a rebuild may use several): its share, the events it read and its time. */
    werkers: { eindigtOp: string; events: number; seconds: number }[];
  };
}

export interface HerbouwOpties {
  pageSize?: number;
  voortgang?: Voortgang;
  /** Leave the indexes out (a parallel rebuild adds the worker's rows first; the indexes are made after). */
  zonderIndexen?: boolean;
  /**
   * This thread's share of the trajectories (a parallel rebuild, herbouw-parallel.ts): the projections that keep
   * trajectories apart (`byTrajectory`) see only the events of the streams in it; the others see every event.
   */
  deel?: StreamShare;
  /** Read up to this position only, and end every checkpoint there (default: the head at the start). */
  tot?: number;
}

/** Larger pages mean fewer reads and writes per read-model row (each page touches most running trajectories once). */
const PAGE = 20_000;
const rond = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;

/** The event types any of `projections` handles, or undefined when one of them takes every event. */
export function typenVan(projections: Projection[]): string[] | undefined {
  if (projections.some((p) => !p.types)) return undefined;
  return [...new Set(projections.flatMap((p) => p.types!))].sort();
}

/**
 * Rebuilds projections from position 0 in one pass over the log: each is emptied, then every page of events is
 * applied to all of them in one transaction (their checkpoints included). When every projection declares its types,
 * only those are read (filtered by the store), and the checkpoints end at the head of the log as it was at the start.
 * Events are decoded lazily (EventStore.readAllLazily): what no projection reads is neither parsed nor decrypted.
 * The tables get their indexes once, at the end, instead of row by row.
 * Run it with the application stopped: a live runner writing the same projections meanwhile would move their
 * checkpoints past pages this pass has not applied yet.
 */
export async function herbouw(
  runner: ProjectionRunner, store: EventStore, projections: Projection[], opties: HerbouwOpties = {},
): Promise<Herbouwd> {
  const { pageSize = PAGE, voortgang, zonderIndexen = false, deel, tot } = opties;
  const start = performance.now();
  const head = tot ?? await store.headPosition();
  const typen = typenVan(projections);
  const tijd = new Map(projections.map((p) => [p.name, 0]));
  // With a share: filtered in SQL when every projection keeps trajectories apart, else here for those that do.
  const gedeeld = deel ? new Set(projections.filter((p) => p.byTrajectory)) : new Set<Projection>();
  const inSql = deel && gedeeld.size === projections.length ? deel : undefined;
  const inJs = deel && !inSql && gedeeld.size > 0 ? deel : undefined;
  for (const p of projections) runner.reset(p, { indexesLater: true, rebuild: true });
  const walNaAfloop = uitgesteldeCheckpoints(runner.database);
  let after = 0;
  let events = 0;
  try {
    for (;;) {
      const page = await store.readAllLazily({ after, limit: pageSize, types: typen, share: inSql, ...(deel || tot !== undefined ? { until: head } : {}) });
      if (page.length === 0) break;
      const deelPage = inJs && page.filter((e) => inShare(inJs, e.streamId));
      runner.applyAll(projections, page, (p, ms) => tijd.set(p.name, tijd.get(p.name)! + ms), deelPage ? (p) => (gedeeld.has(p) ? deelPage : page) : undefined);
      after = page[page.length - 1].position;
      events += page.length;
      // Positions are not counts on every store (EventStoreDB's are byte offsets): the fraction is of the head position.
      voortgang?.bij(events, head > 0 ? after / head : undefined);
    }
    // Every event up to the head was read, or is of a type none of them handles, or of another thread's share.
    for (const p of projections) runner.advanceCheckpoint(p, head);
  } finally {
    walNaAfloop();
    for (const p of projections) runner.rebuilt(p);
    // Also after a failure: the pages applied stay, and the live runner continues from there with its indexes.
    for (const p of zonderIndexen ? [] : projections) {
      const t0 = performance.now();
      runner.createIndexes(p);
      tijd.set(p.name, tijd.get(p.name)! + performance.now() - t0);
    }
  }
  voortgang?.einde();
  const seconds = (performance.now() - start) / 1000;
  return {
    events, seconds: rond(seconds, 2), eventsPerSecond: rond(events / seconds),
    projecties: projections.map((p) => {
      const s = tijd.get(p.name)! / 1000;
      return { name: p.name, seconds: rond(s, 2), eventsPerSecond: rond(events / s) };
    }),
    ...(typen ? { typen } : {}),
  };
}

/**
 * SQLite's automatic WAL checkpoint off for the length of a rebuild, one checkpoint at the end (the returned function,
 * which also restores the setting). Every page of a rebuild commits thousands of rows all over the read-model tables:
 * with the default (a checkpoint once the WAL holds 1,000 pages) nearly every commit of a large log also copied its pages
 * into the file and synced it (47 syncs and a fifth more writes for 300,000 events, counted with strace). The commits
 * themselves are as durable as before (WAL, synchronous NORMAL); only their copy into the main file waits, and the WAL
 * grows meanwhile (about the size of the rebuilt tables). The end's checkpoint empties it (TRUNCATE).
 */
export function uitgesteldeCheckpoints(db: Database.Database): () => void {
  const was = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  // Deferred already by a caller (a parallel rebuild, until the worker's rows and the indexes are in): its checkpoint.
  if (was === 0) return () => undefined;
  db.pragma('wal_autocheckpoint = 0');
  let gedaan = false;
  // Once: a caller that times the checkpoint runs it itself, and its `finally` calls it again.
  return () => {
    if (gedaan) return;
    gedaan = true;
    db.pragma(`wal_autocheckpoint = ${was}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  };
}

/** The projections named, or all of them; throws on an unknown name. */
export function kies(all: Projection[], names: string[]): Projection[] {
  if (names.length === 0) return all;
  const unknown = names.filter((n) => !all.some((p) => p.name === n));
  if (unknown.length) throw new Error(`Onbekende projectie: ${unknown.join(', ')}. Bekend zijn: ${all.map((p) => p.name).join(', ')}`);
  return all.filter((p) => names.includes(p.name));
}
