import { Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { AnyMachineSnapshot } from 'xstate';
import { NewEvent, StoredEvent } from '../../events/envelope';
import { EventStore, ExpectedVersion } from '../../events/event-store';
import { KeyStore } from '../../privacy/key-store';
import { KINDS } from '../kinds';
import { CorruptStream, NotFound } from './errors';
import { fold, foldOnto, soortOf } from './fold';
import { TrajectState, TrajectoryKind } from './kind';
import { upcast } from './upcast';

/** What a writer just appended onto `after`, and the machine's snapshot after it. */
export interface Appended {
  after: TrajectState;
  eventIds: string[];
  snapshot: AnyMachineSnapshot;
  /** The store's `storedEvents` of that append, when it gave them: the events as a read would return them. */
  storedEvents?: () => StoredEvent[];
}

const isFoldOf = (a: Appended, cached: TrajectState, newer: StoredEvent[]): boolean =>
  a.after === cached && newer.length === a.eventIds.length && newer.every((e, i) => e.eventId === a.eventIds[i] && upcast(e) === e);

const withEvents = (kind: TrajectoryKind, state: TrajectState, newer: StoredEvent[], snapshot: AnyMachineSnapshot): TrajectState => {
  const events = [...state.events, ...newer];
  return { id: state.id, soort: kind.soort, snapshot, context: snapshot.context, version: events.length, events };
};

const existing = (id: string, events: StoredEvent[]): StoredEvent[] => {
  if (events.length === 0) throw new NotFound(`Traject ${id} bestaat niet`);
  return events;
};

export const streamIdOf = (id: string): string => `traject-${id}`;
const STREAM_PREFIX = 'traject-';
/** A trajectory's id from its stream's id (a rebuild asks it per event and projection: a prefix test, not a RegExp). */
export const idOfStream = (streamId: string): string => (streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : streamId);

/** How many events the cache of folded trajectories may hold in all (a trajectory weighs its number of events). */
export const DEFAULT_CACHED_EVENTS = 200_000;

interface Cached {
  kind: TrajectoryKind;
  state: TrajectState;
}

/**
 * Loads trajectories from their streams and appends to them: the one place the write side touches the store.
 *
 * Folded states are kept in a bounded cache (least recently used out). A cached state is never served as it is:
 * every load asks the store for the events after the cached version — one indexed read that is empty when nothing
 * changed, also when another process or instance wrote; no read at all when the store knows the stream is still at
 * that version (`knownVersion`: only this process wrote to the store since) — and folds only those. So a command is always decided on
 * the stream as it is now (and the expected-version check on append still decides any race). Destroying a
 * trajectory's keys (erasure) drops its cached, decrypted state.
 */
@Injectable()
export class TrajectRepository implements OnModuleDestroy {
  private readonly cache = new Map<string, Cached>();
  private cachedEvents = 0;
  /** The cache's bound, in events. */
  maxCachedEvents = DEFAULT_CACHED_EVENTS;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: EventStore,
    @Optional() keys?: KeyStore,
  ) {
    this.unsubscribe = keys?.onDestroy((trajectId) => this.forget(trajectId)) ?? (() => undefined);
  }

  async events(id: string): Promise<StoredEvent[]> {
    return existing(id, await this.store.readStream(streamIdOf(id)));
  }

  kindOf(events: StoredEvent[]): TrajectoryKind {
    const soort = soortOf(events);
    if (!soort || !KINDS[soort]) throw new CorruptStream(events[0].streamId, 1, events[0].type, 'first event is not a registration');
    return KINDS[soort];
  }

  /**
   * The trajectory as its stream is now: the cached fold plus the events written since, or a full read.
   *
   * `appended`: what the caller just appended onto state `after`, and the machine's snapshot after those events (the
   * command handler stepped them through the machine to gate them). When the events written since the cached state
   * are exactly those (same ids, in order, none needing an upcaster) and the cached state is still `after`, that
   * snapshot is their fold and they are not folded again; anything else (another writer came in between, the cache
   * moved on) folds what was read, as always.
   */
  async load(id: string, appended?: Appended): Promise<{ kind: TrajectoryKind; state: TrajectState }> {
    const written = appended && this.ownWrite(id, appended);
    if (written) return written;
    const cached = this.cache.get(id);
    if (cached) {
      // Nothing to read when the store knows the stream is still at the cached version (only this process wrote since).
      const unchanged = this.store.knownVersion(streamIdOf(id)) === cached.state.version;
      const newer = unchanged ? [] : await this.store.readStreamLazily(streamIdOf(id), cached.state.version);
      // Still cached after asking the store: an erasure it learned of (another instance's) dropped it.
      if (this.cache.get(id) === cached && (newer.length === 0 || newer[0].version === cached.state.version + 1)) {
        const state = appended && isFoldOf(appended, cached.state, newer)
          ? withEvents(cached.kind, cached.state, newer, appended.snapshot)
          : foldOnto(cached.kind, cached.state, newer);
        this.remember(id, cached.kind, state);
        return { kind: cached.kind, state };
      }
    }
    // Lazily: the fold reads each event's type and data, and the metadata is parsed only if someone asks for it.
    const events = existing(id, await this.store.readStreamLazily(streamIdOf(id)));
    const kind = this.kindOf(events);
    // A registration just appended onto the empty stream: the gate's snapshot is the fold of exactly these events.
    const state = appended && appended.after.version === 0 && isFoldOf(appended, appended.after, events)
      ? withEvents(kind, appended.after, events, appended.snapshot)
      : fold(kind, id, events);
    this.remember(id, kind, state);
    return { kind, state };
  }

  /**
   * The state after the caller's own append without reading it back: when the store gave the events as stored, they
   * are exactly the events after `after` (the cache still holds `after`, or it was a registration), and the store knows
   * the stream is at their last version (nothing written since, here or by another connection). Else undefined: read.
   */
  private ownWrite(id: string, appended: Appended): { kind: TrajectoryKind; state: TrajectState } | undefined {
    if (!appended.storedEvents) return undefined;
    const { after } = appended;
    // Asked first: the store may learn here of another instance's erasure, which drops the cached state.
    const known = this.store.knownVersion(streamIdOf(id));
    const cached = this.cache.get(id);
    if (after.version === 0 ? cached !== undefined : cached?.state !== after) return undefined;
    const events = appended.storedEvents();
    if (known !== after.version + events.length || !isFoldOf(appended, after, events)) return undefined;
    if (events.some((e, i) => e.version !== after.version + 1 + i)) return undefined;
    const kind = cached?.kind ?? this.kindOf(events);
    const state = withEvents(kind, after, events, appended.snapshot);
    this.remember(id, kind, state);
    return { kind, state };
  }

  append(id: string, events: NewEvent[], expected: ExpectedVersion) {
    return this.store.append(streamIdOf(id), events, expected);
  }

  /** Drops a trajectory's cached state (its personal data was erased). */
  forget(id: string): void {
    const cached = this.cache.get(id);
    if (!cached) return;
    this.cache.delete(id);
    this.cachedEvents -= cached.state.version;
  }

  get cacheSize(): { trajectories: number; events: number } {
    return { trajectories: this.cache.size, events: this.cachedEvents };
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  private remember(id: string, kind: TrajectoryKind, state: TrajectState): void {
    const previous = this.cache.get(id);
    // Two loads racing: the newer fold stays.
    if (previous && previous.state.version > state.version) return;
    this.forget(id);
    if (state.version > this.maxCachedEvents) return;
    this.cache.set(id, { kind, state });
    this.cachedEvents += state.version;
    // Only when over the bound: a Map keeps the slots of deleted entries until it is rebuilt, and every load moves its
    // entry to the end, so walking from the start on each load skipped ever more of them.
    if (this.cachedEvents <= this.maxCachedEvents) return;
    for (const [oldest, entry] of this.cache) {
      if (this.cachedEvents <= this.maxCachedEvents) break;
      this.cache.delete(oldest);
      this.cachedEvents -= entry.state.version;
    }
  }
}
