import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { AppConfig } from '../config';
import type { DuoConfig } from '../duo/duo-config';
import { EventStore } from '../events/event-store';
import { keystorePathOf, resolveMasterKey } from '../privacy/master-key';
import { Voortgang } from '../voortgang';
import { Herbouwd, herbouw } from './herbouw';
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
  /** The side file the worker builds in; the main thread copies its rows. */
  pad: string;
  pageSize?: number;
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
    const worker = new Worker(WERKER_START, { eval: true, workerData: { entry } });
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
  werker: HerbouwWerker;
  bron: Bron;
  bsnIndexGeheim: Uint8Array;
  duo: DuoConfig;
  pageSize?: number;
  voortgang?: Voortgang;
  /** Seconds per projection from an earlier rebuild, to share the work out evenly (see `verdeel`). */
  gewichten?: ReadonlyMap<string, number>;
}

/**
 * Which projections stay in this thread (`hier`) and which go to the worker (`daar`). Only a projection that declares
 * its event types can go: the worker then reads only those types; those taking every event stay here. With `gewichten`
 * (each projection's time in an earlier rebuild, e.g. the last one's `projecties`), the typed ones are dealt out
 * heaviest first to whichever side has the least work so far (this side starting with its own); without, all typed
 * ones go to the worker. One side empty: all in this thread.
 */
export function verdeel(projections: Projection[], gewichten?: ReadonlyMap<string, number>): { hier: Projection[]; daar: Projection[] } {
  const vast = projections.filter((p) => !p.types);
  const vrij = projections.filter((p) => p.types);
  let hier = vast;
  let daar = vrij;
  if (gewichten && vrij.every((p) => gewichten.has(p.name))) {
    const gewicht = (p: Projection) => gewichten.get(p.name) ?? 0;
    let links = vast.reduce((t, p) => t + gewicht(p), 0);
    let rechts = 0;
    [hier, daar] = [[...vast], []];
    for (const p of [...vrij].sort((a, b) => gewicht(b) - gewicht(a))) {
      if (rechts <= links) {
        daar.push(p);
        rechts += gewicht(p);
      } else {
        hier.push(p);
        links += gewicht(p);
      }
    }
  }
  // In the caller's order, so that the per-projection figures line up.
  const order = (ps: Projection[]) => projections.filter((p) => ps.includes(p));
  return hier.length && daar.length ? { hier: order(hier), daar: order(daar) } : { hier: projections, daar: [] };
}

/**
 * `herbouw` on two threads: this one rebuilds its share straight into the read-model file; the worker rebuilds the
 * other share (reading the log itself) into a side file next to it, whose rows are then copied into the read-model
 * file in one transaction, with their checkpoints; the indexes are made after the copy. The result is the same
 * tables and checkpoints as `herbouw` (the integration test compares them). Only for the SQLite event store.
 */
export async function herbouwParallel(
  runner: ProjectionRunner, store: EventStore, projections: Projection[], opdracht: ParallelOpdracht,
): Promise<Herbouwd> {
  const { hier, daar } = verdeel(projections, opdracht.gewichten);
  if (daar.length === 0) return herbouw(runner, store, projections, { pageSize: opdracht.pageSize, voortgang: opdracht.voortgang });
  const start = performance.now();
  const db = runner.database;
  const pad = `${db.name}.herbouw-${randomUUID()}`;
  const weg = () => ['', '-wal', '-shm', '-journal'].forEach((s) => rmSync(`${pad}${s}`, { force: true }));
  try {
    // Emptied here first: until the copy, they read as empty (checkpoint 0), never as half old.
    for (const p of daar) runner.reset(p, { indexesLater: true });
    const elders = opdracht.werker.herbouw({
      bron: opdracht.bron, namen: daar.map((p) => p.name), bsnIndexGeheim: opdracht.bsnIndexGeheim, duo: opdracht.duo, pad, pageSize: opdracht.pageSize,
    });
    // Awaited together: a failure here still waits for the worker before its side file is removed.
    const [lokaal, werker] = await Promise.allSettled([herbouw(runner, store, hier, { pageSize: opdracht.pageSize, voortgang: opdracht.voortgang }), elders]);
    if (lokaal.status === 'rejected') throw lokaal.reason;
    if (werker.status === 'rejected') throw werker.reason;
    const t0 = performance.now();
    runner.neemOver(daar, pad);
    const overname = performance.now() - t0;
    const seconds = (performance.now() - start) / 1000;
    const events = lokaal.value.events;
    const perProjectie = new Map([...lokaal.value.projecties, ...werker.value.projecties].map((p) => [p.name, p]));
    return {
      events,
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(events / seconds),
      projecties: projections.map((p) => {
        const r = perProjectie.get(p.name)!;
        if (!daar.includes(p)) return r;
        // The worker's rates are of the events it read; here, like this thread's, of the log's events. Its time
        // (unrounded: events read / rate) gets a share of the copy and the indexes.
        const s = (r.eventsPerSecond > 0 && Number.isFinite(r.eventsPerSecond) ? werker.value.events / r.eventsPerSecond : 0) + overname / 1000 / daar.length;
        return { name: p.name, seconds: Math.round(s * 100) / 100, eventsPerSecond: Math.round(events / s) };
      }),
      parallel: { hier: hier.map((p) => p.name), werker: daar.map((p) => p.name), werkerTypen: werker.value.typen, werkerEvents: werker.value.events, werkerSeconds: werker.value.seconds, overnameSeconds: Math.round(overname) / 1000 },
    };
  } finally {
    weg();
  }
}
