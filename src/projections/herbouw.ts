import { performance } from 'node:perf_hooks';
import { EventStore } from '../events/event-store';
import { Projection } from './projection';
import { ProjectionRunner } from './runner';
import { Voortgang } from '../voortgang';

export interface Herbouwd {
  /** Events read from the log. */
  events: number;
  seconds: number;
  /** events / seconds: the whole log through every chosen projection. */
  eventsPerSecond: number;
  /** Per projection: the time spent applying its batches (the log is read once for all). */
  projecties: { name: string; seconds: number; eventsPerSecond: number }[];
}

const PAGE = 5000;
const rond = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * Rebuilds projections from position 0 in one pass over the log: each is emptied, then every page of events is
 * applied to all of them in one transaction (their checkpoints included).
 * Run it with the application stopped: a live runner writing the same projections meanwhile would move their
 * checkpoints past pages this pass has not applied yet.
 */
export async function herbouw(
  runner: ProjectionRunner, store: EventStore, projections: Projection[], pageSize = PAGE, voortgang?: Voortgang,
): Promise<Herbouwd> {
  const start = performance.now();
  const head = voortgang ? await store.headPosition() : 0;
  const tijd = new Map(projections.map((p) => [p.name, 0]));
  for (const p of projections) runner.reset(p);
  let after = 0;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) break;
    runner.applyAll(projections, page, (p, ms) => tijd.set(p.name, tijd.get(p.name)! + ms));
    after = page[page.length - 1].position;
    events += page.length;
    // Positions are not counts on every store (EventStoreDB's are byte offsets): the fraction is of the head position.
    voortgang?.bij(events, head > 0 ? after / head : undefined);
  }
  voortgang?.einde();
  const seconds = (performance.now() - start) / 1000;
  return {
    events, seconds: rond(seconds, 2), eventsPerSecond: rond(events / seconds),
    projecties: projections.map((p) => {
      const s = tijd.get(p.name)! / 1000;
      return { name: p.name, seconds: rond(s, 2), eventsPerSecond: rond(events / s) };
    }),
  };
}

/** The projections named, or all of them; throws on an unknown name. */
export function kies(all: Projection[], names: string[]): Projection[] {
  if (names.length === 0) return all;
  const unknown = names.filter((n) => !all.some((p) => p.name === n));
  if (unknown.length) throw new Error(`Onbekende projectie: ${unknown.join(', ')}. Bekend zijn: ${all.map((p) => p.name).join(', ')}`);
  return all.filter((p) => names.includes(p.name));
}
