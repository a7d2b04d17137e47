import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
} from '@eventstore/db-client';
import type { ReadPosition, RecordedEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { Observable } from 'rxjs';
import { EventMetadata, NewEvent, StoredEvent } from '../envelope';
import { ConcurrencyConflict, EventStoreUnavailable } from '../errors';
import { AppendResult, EventStore, ExpectedVersion, ReadAllOptions, normalizeExpected } from '../event-store';
import { GENESIS_HASH, chain } from '../hash-chain';

/**
 * The port over EventStoreDB (`@eventstore/db-client` 6.2, server ≥ 22.6 so stream reads carry `$all` positions).
 * Translation, and nothing else: version = revision + 1 (0 = NO_STREAM); position = the event's commit position
 * (one per event for ordinary appends, so strictly increasing); system events (`$` types or streams) stay hidden.
 * Every ESDB error becomes ConcurrencyConflict or EventStoreUnavailable.
 */
export class EventStoreDbEventStore extends EventStore {
  private readonly client: EventStoreDBClient;

  constructor(connectionString: string) {
    super();
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const wanted = normalizeExpected(expected);
    // The append always pins the revision it read, even for 'any': otherwise a concurrent writer could slip in
    // between the read and the write and break the hash chain. 'any' just retries on a lost race.
    for (let attempt = 0; ; attempt++) {
      const stored = await this.readStream(streamId);
      const current = stored.length;
      const head = stored[current - 1];
      const ids = new Set(stored.map((e) => e.eventId.toLowerCase()));
      const known = events.filter((e) => ids.has(e.eventId.toLowerCase())).length;
      if (events.length > 0 && known === events.length) {
        return { nextVersion: current, position: head?.position ?? 0 }; // idempotent retry: nothing to write
      }
      if (known > 0 || (wanted !== 'any' && wanted !== current)) throw new ConcurrencyConflict(streamId, wanted, current);
      if (events.length === 0) return { nextVersion: current, position: head?.position ?? 0 };

      const chained = chain(streamId, current + 1, head?.metadata.hash ?? GENESIS_HASH, events);
      try {
        await this.client.appendToStream(
          streamId,
          chained.map((e) => jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: e.metadata })),
          { expectedRevision: current === 0 ? NO_STREAM : BigInt(current - 1) },
        );
      } catch (err) {
        // Lost a race: read again. The loop then answers an idempotent retry, a conflict, or ('any') tries again.
        if (err instanceof WrongExpectedVersionError && attempt < MAX_ANY_RETRIES) continue;
        if (err instanceof WrongExpectedVersionError) {
          const actual = err.actualVersion === NO_STREAM ? 0 : Number(err.actualVersion) + 1;
          throw new ConcurrencyConflict(streamId, wanted, actual);
        }
        throw unavailable(err);
      }
      const nextVersion = current + events.length;
      const [last] = await this.readStream(streamId, nextVersion - 1);
      return { nextVersion, position: last?.position ?? 0 };
    }
  }

  async readStream(streamId: string, afterVersion = 0): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: BigInt(afterVersion) })) {
        const event = toStored(resolved.event);
        if (event) out.push(event);
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw unavailable(err);
    }
    return out;
  }

  async readAll({ after = 0, limit = 1000 }: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    const pageSize = Math.min(Math.max(limit + 1, 128), 1024);
    let cursor = after;
    for (;;) {
      let seen = 0;
      try {
        // Reading from a position includes the event at it: `cursor` drops that one.
        const read = this.client.readAll({ fromPosition: readPosition(cursor), maxCount: pageSize });
        for await (const resolved of read) {
          seen++;
          const position = positionOf(resolved.event);
          if (position === undefined || position <= cursor) continue;
          cursor = position;
          const event = toStored(resolved.event);
          if (event) out.push(event);
          if (out.length >= limit) return await read.cancel().then(() => out);
        }
      } catch (err) {
        throw unavailable(err);
      }
      if (seen < pageSize) return out;
    }
  }

  subscribe(after = 0): Observable<StoredEvent> {
    return new Observable<StoredEvent>((subscriber) => {
      let last = after;
      // A catch-up subscription: the server reads the stored events, then switches to live ones without a gap.
      const subscription = this.client.subscribeToAll({ fromPosition: readPosition(after), filter: excludeSystemEvents() });
      subscription.on('data', (resolved) => {
        try {
          const event = toStored(resolved.event);
          if (!event || event.position <= last) return;
          last = event.position;
          subscriber.next(event);
        } catch (err) {
          subscriber.error(err);
        }
      });
      subscription.on('error', (err) => subscriber.error(unavailable(err)));
      subscription.on('end', () => subscriber.error(new EventStoreUnavailable('EventStoreDB subscription ended')));
      return () => void subscription.unsubscribe().catch(() => undefined);
    });
  }

  async headPosition(): Promise<number> {
    let cursor: number | undefined;
    const pageSize = 256;
    for (;;) {
      let seen = 0;
      const from = cursor === undefined ? END : readPosition(cursor);
      try {
        const read = this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: pageSize });
        for await (const resolved of read) {
          seen++;
          const position = positionOf(resolved.event);
          if (position === undefined || (cursor !== undefined && position >= cursor)) continue;
          cursor = position;
          const event = toStored(resolved.event);
          if (event) return await read.cancel().then(() => event.position);
        }
      } catch (err) {
        throw unavailable(err);
      }
      if (seen < pageSize) return 0;
    }
  }

  /**
   * The UUID in IDENTITY_STREAM's first event. The first caller against a new server writes it, with expected
   * revision NO_STREAM, so of two racing instances one wins and both read back the winner's. Not cached: a server
   * replaced under the same connection string answers with its own identity.
   */
  async identity(): Promise<string> {
    const recorded = await this.readIdentity();
    if (recorded) return recorded;
    try {
      await this.client.appendToStream(
        IDENTITY_STREAM,
        jsonEvent({ type: IDENTITY_EVENT, data: { identiteit: randomUUID(), vastgelegdOp: new Date().toISOString() } }),
        { expectedRevision: NO_STREAM },
      );
    } catch (err) {
      if (!(err instanceof WrongExpectedVersionError)) throw unavailable(err);
    }
    const written = await this.readIdentity();
    if (!written) throw new EventStoreUnavailable(`EventStoreDB: no identity in ${IDENTITY_STREAM} after writing it`);
    return written;
  }

  private async readIdentity(): Promise<string | undefined> {
    try {
      for await (const resolved of this.client.readStream(IDENTITY_STREAM, { fromRevision: START, maxCount: 1 })) {
        const id = (resolved.event?.data as { identiteit?: unknown } | undefined)?.identiteit;
        if (typeof id === 'string') return id;
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return undefined;
      throw unavailable(err);
    }
    return undefined;
  }

  async ping(): Promise<void> {
    try {
      for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, deadline: 5000 })) {
        break;
      }
    } catch (err) {
      throw unavailable(err);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

const MAX_ANY_RETRIES = 100;

/**
 * The stream holding the store's identity. Not a `$` stream (writing those needs admin rights); the adapter hides it
 * like a system stream, so it never shows in readAll, subscribe, headPosition or a projection.
 */
export const IDENTITY_STREAM = 'ie-event-store-identiteit';
const IDENTITY_EVENT = 'EventStoreIdentiteitVastgelegd';

const readPosition = (after: number): ReadPosition =>
  after <= 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };

const isSystem = (e: RecordedEvent): boolean => e.type.startsWith('$') || e.streamId.startsWith('$') || e.streamId === IDENTITY_STREAM;

function positionOf(e: RecordedEvent | undefined): number | undefined {
  if (!e?.position) return undefined;
  const position = Number(e.position.commit);
  if (!Number.isSafeInteger(position)) {
    throw new EventStoreUnavailable(`EventStoreDB gave no usable $all position for ${e.streamId}@${e.revision} (server < 22.6?)`);
  }
  return position;
}

function toStored(e: RecordedEvent | undefined): StoredEvent | undefined {
  if (!e || isSystem(e)) return undefined;
  const position = positionOf(e);
  if (position === undefined) throw new EventStoreUnavailable(`EventStoreDB gave no $all position for ${e.streamId}`);
  return {
    eventId: e.id,
    type: e.type,
    data: e.data as Record<string, unknown>,
    metadata: e.metadata as EventMetadata,
    streamId: e.streamId,
    version: Number(e.revision) + 1,
    position,
  };
}

/** No ESDB error crosses the port: keep its words, not its type. */
function unavailable(err: unknown): Error {
  if (err instanceof ConcurrencyConflict || err instanceof EventStoreUnavailable) return err;
  const e = err as { name?: string; message?: string };
  return new EventStoreUnavailable(`EventStoreDB: ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`);
}
