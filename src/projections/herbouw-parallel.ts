import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { AppConfig } from '../config';
import type { DuoConfig } from '../duo/duo-config';
import { EventStore, StreamShare } from '../events/event-store';
import { TRAJECT_STREAM_PREFIXES } from '../privacy/encrypting-event-store';
import { keystorePathOf, resolveMasterKey } from '../privacy/master-key';
import { Voortgang } from '../voortgang';
import { Herbouwd, herbouw, uitgesteldeCheckpoints } from './herbouw';
import { Projection } from './projection';
import { ProjectionRunner } from './runner';

/** Where a worker reads the log: the SQLite event store and its key store (the worker decrypts as the app does). */
export interface Bron {
  sqlitePath: string;
  keystorePath: string;
  masterKey: Uint8Array;
  erasureFieldGroups?: string;
}

/** The configured SQLite event store as a worker's source. */
export const bronVan = (config: AppConfig): Bron => ({
  sqlitePath: config.sqlitePath, keystorePath: keystorePathOf(config), masterKey: resolveMasterKey(config), erasureFieldGroups: config.erasureFieldGroups,
});

/** One rebuild for the worker: the projections by name, built as the app builds them (its BSN index secret, DUO's config). */
export interface WerkerOpdracht {
  bron: Bron;
  namen: string[];
  bsnIndexGeheim: Uint8Array;
  duo: DuoConfig;
  /** The side file the worker builds in; the main thread adds its rows. */
  pad: string;
  pageSize?: number;
  /** The worker's share of the trajectories, and the head both threads read up to. */
  deel: StreamShare;
  tot: number;
}

export type WerkerAntwoord = { ok: true; herbouwd: Herbouwd } | { ok: false; fout: string };

/**
 * The worker's entry, as this file is loaded: `.js` from the compiled build, `.ts` under ts-node or ts-jest, where the
 * worker (a fresh Node context) registers ts-node itself first.
 */
const WERKER_START = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) require('ts-node').register({ transpileOnly: true });
require(workerData.entry);
`;

/**
 * A worker thread that rebuilds projections beside the main thread. Started once (it loads the application's code,
 * seconds under ts-node), then used for any number of rebuilds: `herbouwParallel`. Unreferenced: it never keeps
 * the process alive; `stop()` ends it.
 */
export class HerbouwWerker {
  private wachtend?: { resolve(a: WerkerAntwoord): void; reject(e: unknown): void };

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: WerkerAntwoord) => {
      const w = this.wachtend;
      this.wachtend = undefined;
      w?.resolve(m);
    });
    worker.on('error', (err) => {
      const w = this.wachtend;
      this.wachtend = undefined;
      w?.reject(err);
    });
  }

  /** Starts the worker; resolves once it has loaded its code (the seconds this takes are not part of a rebuild). */
  static start(): Promise<HerbouwWerker> {
    const entry = __filename.replace(/herbouw-parallel\.(ts|js)$/, 'herbouw-werker.$1');
    // A young generation of 64 MB semi-spaces (V8's default is 16): a rebuild holds a page of thousands of events while
    // its handlers run, which a small one would copy and promote to the old generation, over and over (GC was a sixth
    // of a rebuild's time). `npm run projections` and the benchmark give the main thread the same (--max-semi-space-size).
    const worker = new Worker(WERKER_START, { eval: true, workerData: { entry }, resourceLimits: { maxYoungGenerationSizeMb: 3 * 64 } });
    return new Promise((resolve, reject) => {
      const exit = (code: number) => reject(new Error(`De herbouwwerker stopte bij het starten (${code})`));
      const klaar = (m: unknown) => {
        worker.off('error', reject);
        worker.off('exit', exit);
        if (m !== 'klaar') return reject(new Error(`De herbouwwerker meldde ${JSON.stringify(m)}`));
        worker.unref();
        resolve(new HerbouwWerker(worker));
      };
      worker.once('error', reject);
      worker.once('exit', exit);
      worker.once('message', klaar);
    });
  }

  herbouw(opdracht: WerkerOpdracht): Promise<Herbouwd> {
    if (this.wachtend) return Promise.reject(new Error('De herbouwwerker is bezig'));
    // Referenced while it works: the process waits for its answer.
    this.worker.ref();
    return new Promise<WerkerAntwoord>((resolve, reject) => {
      this.wachtend = { resolve, reject };
      this.worker.postMessage(opdracht);
    }).finally(() => this.worker.unref()).then((a) => {
      if (!a.ok) throw new Error(`Herbouw in de werker mislukt: ${a.fout}`);
      return a.herbouwd;
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

export interface ParallelOpdracht {
  /** One worker, or several: the trajectories are then split over this thread and every worker (`verdeling`). */
  werker: HerbouwWerker | HerbouwWerker[];
  bron: Bron;
  bsnIndexGeheim: Uint8Array;
  duo: DuoConfig;
  pageSize?: number;
  voortgang?: Voortgang;
  /**
   * The last characters of the trajectory ids each worker rebuilds: one string per worker (one worker: a string will do).
   * Default: `verdeling` (one worker: half of the 16 hex digits).
   */
  werkerEindigtOp?: string | string[];
}

const HEX = '0123456789abcdef';

/**
 * The log split by trajectory over this thread and the workers: a trajectory's streams (`traject-<id>`, `privacy-<id>`)
 * go to a worker when its id (a UUID: a random last hex digit) ends in one of that worker's characters, else here, with
 * every other stream (access log, DUO's notifications). Every stream of a trajectory lands on one side, so the
 * projections that keep trajectories apart (`byTrajectory`) can be rebuilt on every side and their rows added up.
 * A character given to two workers goes to the first.
 */
export function delen(werkerEindigtOp: string | string[] = verdeling(1)): { hier: StreamShare; werkers: StreamShare[] } {
  const genomen = new Set<string>();
  const werkers = (typeof werkerEindigtOp === 'string' ? [werkerEindigtOp] : werkerEindigtOp).map((eindigtOp) => {
    const endings = [...new Set(eindigtOp.toLowerCase())].filter((c) => HEX.includes(c) && !genomen.has(c));
    endings.forEach((c) => genomen.add(c));
    return { prefixes: TRAJECT_STREAM_PREFIXES, endings: endings.join(''), others: false };
  });
  // Upper-case digits are not written (ids are lower-case UUIDs), but the side without others takes none of them.
  const hier = [...new Set([...HEX, ...HEX.toUpperCase()])].filter((c) => !genomen.has(c)).join('');
  return { hier: { prefixes: TRAJECT_STREAM_PREFIXES, endings: hier, others: true }, werkers };
}

/** The hex digits a share of `delen` takes, as trajectory ids are written (lower case): for reports. */
export const cijfersVan = (share: StreamShare): string => [...share.endings].filter((c) => HEX.includes(c)).join('');

/**
 * The 16 hex digits in `werkers + 1` runs as even as they divide, one per worker, the first (and with it every
 * stream that is not a trajectory's) for this thread: one worker takes 89abcdef, two take 56789a and bcdef.
 */
export function verdeling(werkers: number): string[] {
  const delen = werkers + 1;
  const grens = (i: number) => Math.round((i * HEX.length) / delen);
  return Array.from({ length: werkers }, (_, w) => HEX.slice(grens(w + 1), grens(w + 2)));
}

/** Workers for a rebuild on this machine: one per core besides this thread's, at least one, at most 15 (16 digits). */
export const werkersVoorDezeMachine = (): number => Math.max(1, Math.min(15, availableParallelism() - 1));

/**
 * `herbouw` on several threads, split by trajectory (`delen`): this thread rebuilds every chosen projection from its
 * share of the streams (and, whole, those that do not keep trajectories apart) straight into the read-model file; each
 * worker, reading the log itself, rebuilds the projections that keep trajectories apart from its own share into a side
 * file, whose rows are then added to the read-model file in one transaction per worker; then the indexes are made and
 * the WAL is checkpointed once. Every thread reads up to the same head; each event is read, parsed and decrypted by one
 * thread only, so the work is shared out evenly whatever the projections. The result is the same tables and checkpoints
 * as `herbouw` (the integration test compares them, with one worker and with two). Only for the SQLite event store.
 */
export async function herbouwParallel(
  runner: ProjectionRunner, store: EventStore, projections: Projection[], opdracht: ParallelOpdracht,
): Promise<Herbouwd> {
  const daar = projections.filter((p) => p.byTrajectory);
  if (daar.length === 0) return herbouw(runner, store, projections, { pageSize: opdracht.pageSize, voortgang: opdracht.voortgang });
  const start = performance.now();
  const tot = await store.headPosition();
  const werkers = Array.isArray(opdracht.werker) ? opdracht.werker : [opdracht.werker];
  const deel = delen(opdracht.werkerEindigtOp ?? verdeling(werkers.length));
  if (deel.werkers.length !== werkers.length) throw new Error(`${werkers.length} werkers, maar ${deel.werkers.length} delen (werkerEindigtOp)`);
  const db = runner.database;
  const paden = werkers.map(() => `${db.name}.herbouw-${randomUUID()}`);
  const weg = () => paden.forEach((pad) => ['', '-wal', '-shm', '-journal'].forEach((s) => rmSync(`${pad}${s}`, { force: true })));
  let overname = 0;
  // One WAL checkpoint at the very end: this thread's rebuild leaves it to us, so the pages it wrote and those the
  // workers' rows and the indexes then change are copied into the file once, not twice.
  const walNaAfloop = uitgesteldeCheckpoints(db);
  try {
    const elders = werkers.map((werker, i) => werker.herbouw({
      bron: opdracht.bron, namen: daar.map((p) => p.name), bsnIndexGeheim: opdracht.bsnIndexGeheim, duo: opdracht.duo, pad: paden[i],
      pageSize: opdracht.pageSize, deel: deel.werkers[i], tot,
    }));
    // Awaited together: a failure here still waits for every worker before their side files are removed.
    const [lokaal, ...daarna] = await Promise.allSettled([
      herbouw(runner, store, projections, { pageSize: opdracht.pageSize, voortgang: opdracht.voortgang, deel: deel.hier, tot, zonderIndexen: true }),
      ...elders,
    ]);
    if (lokaal.status === 'rejected') throw lokaal.reason;
    const gedaan = daarna.map((w) => {
      if (w.status === 'rejected') throw w.reason;
      return w.value;
    });
    const t0 = performance.now();
    for (const pad of paden) runner.voegToe(daar, pad);
    for (const p of projections) runner.createIndexes(p);
    overname = performance.now() - t0;
    // The WAL's pages copied into the file belong to the rebuild's time (the `finally` below then has nothing to do).
    walNaAfloop();
    const checkpoint = performance.now() - t0 - overname;
    const seconds = (performance.now() - start) / 1000;
    // Split, every event was read by one thread; with projections that do not keep trajectories apart, all here.
    const werkerEvents = gedaan.reduce((n, w) => n + w.events, 0);
    const events = daar.length === projections.length ? lokaal.value.events + werkerEvents : lokaal.value.events;
    const werkerTijd = new Map<string, number>();
    for (const w of gedaan) for (const p of w.projecties) werkerTijd.set(p.name, (werkerTijd.get(p.name) ?? 0) + p.seconds);
    return {
      events,
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(events / seconds),
      // Per projection: its time in every thread added up (the work it takes), with a share of the copy, the indexes and
      // the checkpoint.
      projecties: lokaal.value.projecties.map((r) => {
        const s = r.seconds + (werkerTijd.get(r.name) ?? 0) + (overname + checkpoint) / 1000 / projections.length;
        return { name: r.name, seconds: Math.round(s * 100) / 100, eventsPerSecond: Math.round(events / s) };
      }),
      parallel: {
        hier: projections.map((p) => p.name), werker: daar.map((p) => p.name), werkerTypen: gedaan[0].typen, werkerEvents,
        // The slowest worker's time (they run side by side).
        werkerSeconds: Math.max(...gedaan.map((w) => w.seconds)), hierSeconds: lokaal.value.seconds, overnameSeconds: Math.round(overname) / 1000,
        checkpointSeconds: Math.round(checkpoint) / 1000,
        eindigtOp: { hier: cijfersVan(deel.hier), werker: deel.werkers.map((w) => w.endings).join('') },
        werkers: gedaan.map((w, i) => ({ eindigtOp: deel.werkers[i].endings, events: w.events, seconds: w.seconds })),
      },
    };
  } catch (err) {
    // A split projection holds one share at most (its checkpoint would claim the other's events too): emptied, back at 0,
    // for the live runner to rebuild. One rebuilt whole here keeps the pages applied, as after `herbouw`.
    for (const p of projections) {
      if (daar.includes(p)) runner.reset(p);
      else runner.createIndexes(p);
    }
    throw err;
  } finally {
    walNaAfloop();
    weg();
  }
}
