import { Observable, Subscription } from 'rxjs';
import { v4 as uuid } from 'uuid';
import { NewEvent, StoredEvent } from '../../src/events/envelope';
import { ConcurrencyConflict } from '../../src/events/errors';
import { GENESIS_HASH, eventHash } from '../../src/events/hash-chain';

/** A fresh stream id, so tests never see each other's streams (the ESDB leg shares one server). */
export const streamId = (prefix = 'contract'): string => `${prefix}-${uuid()}`;

let counter = 0;
export function newEvent(type = 'TestGebeurtenis', data: Record<string, unknown> = {}): NewEvent {
  counter++;
  return {
    eventId: uuid(),
    type,
    data: { n: counter, nested: { list: [1, 'twee', null], flag: true }, ...data },
    metadata: {
      actor: { id: 'tester', rol: 'klantmanager' },
      correlationId: uuid(),
      causationId: null,
      datum: '2025-03-14',
      recordedAt: new Date('2025-03-14T09:30:00.000Z').toISOString(),
      schemaVersion: 1,
    },
  };
}
export const newEvents = (n: number, type?: string): NewEvent[] => Array.from({ length: n }, () => newEvent(type));

/** The envelope as given, i.e. a stored event without what the store adds. */
export function asGiven(e: StoredEvent): NewEvent {
  const { hash: _h, prevHash: _p, ...metadata } = e.metadata;
  return { eventId: e.eventId, type: e.type, data: e.data, metadata: metadata as NewEvent['metadata'] };
}

/** Resolves with the ConcurrencyConflict the promise rejects with; fails the test on anything else. */
export async function conflictOf(promise: Promise<unknown>): Promise<ConcurrencyConflict> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ConcurrencyConflict);
    return err as ConcurrencyConflict;
  }
  throw new Error('expected a ConcurrencyConflict, but the append succeeded');
}

/** Checks every link of a stream's hash chain by recomputing it. */
export function expectValidChain(events: StoredEvent[]): void {
  let prev = GENESIS_HASH;
  for (const e of events) {
    expect(e.metadata.prevHash).toBe(prev);
    expect(e.metadata.hash).toBe(eventHash(e.streamId, e.version, asGiven(e), prev));
    prev = e.metadata.hash!;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records what a subscription delivers and lets a test wait for a number of events. */
export class Recorder {
  readonly events: StoredEvent[] = [];
  error: unknown;
  private readonly subscription: Subscription;

  constructor(source: Observable<StoredEvent>, private readonly keep: (e: StoredEvent) => boolean = () => true) {
    this.subscription = source.subscribe({
      next: (e) => this.keep(e) && this.events.push(e),
      error: (err) => (this.error = err),
    });
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<StoredEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (this.error) throw this.error;
      if (Date.now() > deadline) throw new Error(`waited for ${count} events, got ${this.events.length}`);
      await sleep(10);
    }
    return this.events;
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}
