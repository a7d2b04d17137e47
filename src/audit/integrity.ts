import { StoredEvent } from '../events/envelope';
import { EventStore } from '../events/event-store';
import { GENESIS_HASH, eventHash } from '../events/hash-chain';

export type BreukReden = 'gat' | 'prevHash wijkt af' | 'hash wijkt af' | 'hash ontbreekt';

export interface Breuk {
  /** The first event in the stream that does not fit its chain. */
  versie: number;
  revisie: number;
  eventId: string;
  positie: number;
  type: string;
  reden: BreukReden;
  detail: string;
}

export interface StreamIntegriteit {
  stream: string;
  ok: boolean;
  gebeurtenissen: number;
  /** The hash of the last event checked: what a later check (or a copy elsewhere) can compare with. */
  laatsteHash: string | null;
  eersteBreuk?: Breuk;
}

export interface IntegriteitsRapport {
  ok: boolean;
  gecontroleerdOp: string;
  /** The log was read up to and including this position. */
  totPositie: number;
  streams: number;
  gebeurtenissen: number;
  gebroken: StreamIntegriteit[];
  resultaten: StreamIntegriteit[];
}

interface Lopend {
  stream: string;
  version: number;
  hash: string;
  count: number;
  breuk?: Breuk;
}

/**
 * Checks one event against the stream's chain so far: the version follows on (no event deleted or inserted),
 * `prevHash` is the previous event's hash, and `hash` is the SHA-256 over the event as stored (eventHash).
 * Returns the reason it breaks, or null.
 */
export function check(e: StoredEvent, expectedVersion: number, prevHash: string): { reden: BreukReden; detail: string } | null {
  if (e.version !== expectedVersion) {
    return { reden: 'gat', detail: `versie ${e.version} volgt op ${expectedVersion - 1}: er ontbreekt of er is een gebeurtenis tussengevoegd` };
  }
  if (!e.metadata.hash) return { reden: 'hash ontbreekt', detail: 'de gebeurtenis heeft geen hash' };
  if (e.metadata.prevHash !== prevHash) {
    return { reden: 'prevHash wijkt af', detail: 'prevHash is niet de hash van de vorige gebeurtenis in de stream' };
  }
  const recomputed = eventHash(e.streamId, e.version, e, prevHash);
  if (recomputed !== e.metadata.hash) {
    return { reden: 'hash wijkt af', detail: 'de inhoud past niet bij de opgeslagen hash: de gebeurtenis is gewijzigd' };
  }
  return null;
}

/**
 * Verifies every stream's hash chain by reading the whole log once, in pages, from the store as it is stored
 * (the RAW adapter: over ciphertext, so erased trajectories verify too). Memory grows with the number of streams,
 * not events. A deleted last event of a stream cannot be seen from the chain alone (nothing follows it); compare
 * `laatsteHash` with an earlier report for that.
 */
export async function verifyAll(store: EventStore, now = new Date(), pageSize = 2000): Promise<IntegriteitsRapport> {
  const head = await store.headPosition();
  const streams = new Map<string, Lopend>();
  let after = 0;
  let total = 0;
  outer: for (;;) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) break;
    for (const e of page) {
      if (e.position > head) break outer;
      after = e.position;
      total++;
      let s = streams.get(e.streamId);
      if (!s) streams.set(e.streamId, (s = { stream: e.streamId, version: 0, hash: GENESIS_HASH, count: 0 }));
      s.count++;
      if (s.breuk) continue;
      const fout = check(e, s.version + 1, s.hash);
      if (fout) {
        s.breuk = { versie: e.version, revisie: e.version - 1, eventId: e.eventId, positie: e.position, type: e.type, ...fout };
        continue;
      }
      s.version = e.version;
      s.hash = e.metadata.hash!;
    }
    if (page.length < pageSize) break;
  }
  const resultaten: StreamIntegriteit[] = [...streams.values()]
    .map((s) => ({
      stream: s.stream,
      ok: !s.breuk,
      gebeurtenissen: s.count,
      laatsteHash: s.version > 0 ? s.hash : null,
      ...(s.breuk ? { eersteBreuk: s.breuk } : {}),
    }))
    .sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  const gebroken = resultaten.filter((r) => !r.ok);
  return {
    ok: gebroken.length === 0,
    gecontroleerdOp: now.toISOString(),
    totPositie: after,
    streams: resultaten.length,
    gebeurtenissen: total,
    gebroken,
    resultaten,
  };
}
