import { Observable } from 'rxjs';
import { NewEvent, StoredEvent } from './envelope';

/**
 * Versions at the port: a stream's version is the number of events in it (0 = no stream).
 * `no-stream` is the same as 0; `any` skips the check.
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendResult {
  /** The stream's version after the append (unchanged when every event was already stored). */
  nextVersion: number;
  /** Global position of the last event of the stream after the append. */
  position: number;
}

/** Beside the results (not in them: a result is the contract's plain value): see `storedEventsOf`. */
const storedEventsByResult = new WeakMap<AppendResult, () => StoredEvent[]>();

/**
 * The events an append wrote, exactly as a read of the stream would return them now (versions, positions, hashes),
 * made when asked; given by an adapter that has them at hand (SQLite), so that a writer need not read back what it
 * just wrote. Undefined when nothing was written or the adapter does not say.
 */
export const storedEventsOf = (result: AppendResult): (() => StoredEvent[]) | undefined => storedEventsByResult.get(result);

/** An adapter's side of `storedEventsOf`: `result`, with the events it wrote. */
export function withStoredEvents<R extends AppendResult>(result: R, stored: () => StoredEvent[]): R {
  storedEventsByResult.set(result, stored);
  return result;
}

export interface ReadAllOptions {
  /** Events with a position strictly greater than this (0 = from the start). */
  after?: number;
  limit?: number;
}

export interface LazyReadOptions extends ReadAllOptions {
  /** Only events of these types (a rebuild of projections that all declare their types); omitted: every event. */
  types?: readonly string[];
  /** Only events at or before this position (a parallel rebuild: every thread stops at the same head). */
  until?: number;
  /** Only this share of the streams (a parallel rebuild splits the log by trajectory, see StreamShare). */
  share?: StreamShare;
}

/**
 * A share of the log's streams, for rebuilding on several threads: the streams whose id starts with one of `prefixes`
 * (the streams of one trajectory: `traject-<id>`, `privacy-<id>`) and ends in one of the characters of `endings` (the
 * last character of the id: every stream of one trajectory lands in the same share); with `others`, also every stream
 * starting with none of the prefixes. Shares with disjoint `endings`, one of them with `others`, split the log.
 */
export interface StreamShare {
  prefixes: readonly string[];
  endings: string;
  others: boolean;
}

/** Whether a stream is in `share` (the same test the SQLite store runs in SQL). */
export function inShare(share: StreamShare, streamId: string): boolean {
  return share.prefixes.some((p) => streamId.startsWith(p)) ? share.endings.includes(streamId[streamId.length - 1]) : share.others;
}

/** The one port every adapter implements; the contract suite in test/contract holds them to it. */
export abstract class EventStore {
  /**
   * Appends all events or none. Throws ConcurrencyConflict when the stream is not at `expected`.
   * An append whose event ids are all already in the stream succeeds without writing (idempotent retry).
   */
  abstract append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /** Events of one stream with a version greater than `afterVersion`, in order. Unknown stream: []. */
  abstract readStream(streamId: string, afterVersion?: number): Promise<StoredEvent[]>;
  /**
   * `readStream` for a fold (the repository's load): the events may parse (and decrypt) their data and metadata only
   * when a reader reads them (LazyEvent). A fold reads every event's type and data and almost never its metadata (a
   * third of the read's time, parsed). Never spread such an event without naming its data and metadata. Adapters
   * without a cheaper way read everything (the default).
   */
  readStreamLazily(streamId: string, afterVersion?: number): Promise<StoredEvent[]> {
    return this.readStream(streamId, afterVersion);
  }
  /**
   * The stream's version when the adapter knows it for certain without reading it (e.g. it wrote the last event itself
   * and nobody else has written to the store since), else undefined: the caller reads. Never a guess.
   */
  knownVersion(_streamId: string): number | undefined {
    return undefined;
  }
  /** Events of the global log after a position, in order, at most `limit`. */
  abstract readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /**
   * `readAll` for a rebuild: the events may parse (and decrypt) their data and metadata only when a reader reads them
   * (LazyEvent), and with `types` only those types are returned. Never spread such an event without naming its data
   * and metadata. Adapters without a cheaper way read everything (the default).
   */
  async readAllLazily({ types, until, share, ...options }: LazyReadOptions = {}): Promise<StoredEvent[]> {
    if (!types && until === undefined && !share) return this.readAll(options);
    // Filtered here, the page is shorter than `limit` and may even be empty before the end: read on until it is not.
    const wanted = types && new Set(types);
    for (let after = options.after ?? 0; ;) {
      const page = await this.readAll({ ...options, after });
      const inRange = until === undefined ? page : page.filter((e) => e.position <= until);
      const kept = inRange.filter((e) => (!wanted || wanted.has(e.type)) && (!share || inShare(share, e.streamId)));
      if (kept.length > 0 || inRange.length < page.length || page.length === 0) return kept;
      after = page[page.length - 1].position;
    }
  }
  /** Every event after `after`: first the stored ones, then live ones, in order, without gaps or duplicates. */
  abstract subscribe(after?: number): Observable<StoredEvent>;
  /** The position of the last event in the log (0 when empty). */
  abstract headPosition(): Promise<number>;
  /**
   * A UUID naming this store (this log), fixed when the store is created and the same for every connection to it.
   * Read models record it, so that they are never applied to another store's log (see ProjectionRunner.bind).
   */
  abstract identity(): Promise<string>;
  /** Throws when the store cannot be reached. */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}

export const normalizeExpected = (expected: ExpectedVersion): number | 'any' =>
  expected === 'no-stream' ? 0 : expected;
