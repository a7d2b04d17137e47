import { StoredEvent } from '../../src/events/envelope';
import { EventStore } from '../../src/events/event-store';
import { GENESIS_HASH } from '../../src/events/hash-chain';
import { Recorder, asGiven, conflictOf, expectValidChain, newEvent, newEvents, sleep, streamId } from './helpers';

export interface StoreUnderTest {
  store: EventStore;
  /** A second, independent store over the same storage (another connection / file handle), when the adapter has one. */
  openAnother?: () => Promise<EventStore>;
  cleanup(): Promise<void>;
}

/** One suite, every adapter: what the port promises (src/events/event-store.ts), checked the same way for each. */
export function describeEventStoreContract(name: string, factory: () => Promise<StoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, () => {
    let sut: StoreUnderTest;
    let store: EventStore;
    beforeEach(async () => {
      sut = await factory();
      store = sut.store;
    });
    afterEach(() => sut.cleanup());

    describe('append and read back', () => {
      it('stores every envelope field and assigns versions and positions', async () => {
        const s = streamId();
        const events = newEvents(3);
        const result = await store.append(s, events, 'no-stream');
        const stored = await store.readStream(s);
        expect(stored.map(asGiven)).toEqual(events);
        expect(stored.map((e) => [e.streamId, e.version])).toEqual([[s, 1], [s, 2], [s, 3]]);
        expect(stored[0].position).toBeGreaterThan(0);
        expect(stored[1].position).toBeGreaterThan(stored[0].position);
        expect(stored[2].position).toBeGreaterThan(stored[1].position);
        expect(result).toEqual({ nextVersion: 3, position: stored[2].position });
        expect(await store.headPosition()).toBe(stored[2].position);
      });

      it('gives readAll the same events as readStream', async () => {
        const s = streamId();
        const head = await store.headPosition();
        await store.append(s, newEvents(2), 'no-stream');
        const all = (await store.readAll({ after: head })).filter((e) => e.streamId === s);
        expect(all).toEqual(await store.readStream(s));
      });

      it('gives readStreamLazily the same events as readStream, read field by field', async () => {
        const s = streamId();
        await store.append(s, newEvents(3), 'no-stream');
        // Named field by field: a lazy event's data and metadata may be getters (never spread one without naming them).
        const read = (events: StoredEvent[]) =>
          events.map(({ position, streamId: sid, version, eventId, type, data, metadata }) => ({ position, streamId: sid, version, eventId, type, data, metadata }));
        expect(read(await store.readStreamLazily(s))).toEqual(read(await store.readStream(s)));
        expect(read(await store.readStreamLazily(s, 1))).toEqual(read(await store.readStream(s, 1)));
        expect(await store.readStreamLazily(streamId('nooit'))).toEqual([]);
        // Metadata first read after the stream (and another) grew: still each event's own.
        const early = await store.readStreamLazily(s, 1);
        await store.append(s, newEvents(2), 3);
        await store.append(streamId(), newEvents(1), 'no-stream');
        expect(read(early)).toEqual(read((await store.readStream(s, 1)).slice(0, 2)));
      });

      it('reads an unknown stream as []', async () => {
        expect(await store.readStream(streamId('nooit'))).toEqual([]);
        expect(await store.readStream(streamId('nooit'), 3)).toEqual([]);
      });

      it('reads a stream after a version', async () => {
        const s = streamId();
        await store.append(s, newEvents(5), 'no-stream');
        expect((await store.readStream(s, 2)).map((e) => e.version)).toEqual([3, 4, 5]);
        expect(await store.readStream(s, 5)).toEqual([]);
        expect((await store.readStream(s, 0)).length).toBe(5);
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('expected version', () => {
      it('no-stream (or 0) on a new stream succeeds', async () => {
        expect((await store.append(streamId(), [newEvent()], 'no-stream')).nextVersion).toBe(1);
        expect((await store.append(streamId(), [newEvent()], 0)).nextVersion).toBe(1);
      });

      it('no-stream on an existing stream conflicts, naming the actual version', async () => {
        const s = streamId();
        await store.append(s, newEvents(2), 'no-stream');
        const conflict = await conflictOf(store.append(s, [newEvent()], 'no-stream'));
        expect(conflict).toMatchObject({ streamId: s, actual: 2 });
      });

      it('the exact current version succeeds; a stale or future one conflicts', async () => {
        const s = streamId();
        await store.append(s, [newEvent()], 'no-stream');
        expect(await store.append(s, [newEvent()], 1)).toMatchObject({ nextVersion: 2 });
        expect(await conflictOf(store.append(s, [newEvent()], 1))).toMatchObject({ actual: 2 });
        expect(await conflictOf(store.append(s, [newEvent()], 7))).toMatchObject({ actual: 2 });
        expect(await conflictOf(store.append(streamId(), [newEvent()], 3))).toMatchObject({ actual: 0 });
        expect((await store.readStream(s)).length).toBe(2);
      });

      it("'any' succeeds on a new and on an existing stream", async () => {
        const s = streamId();
        expect((await store.append(s, [newEvent()], 'any')).nextVersion).toBe(1);
        expect((await store.append(s, newEvents(2), 'any')).nextVersion).toBe(3);
        expectValidChain(await store.readStream(s));
      });
    });

    describe('atomicity', () => {
      it('a rejected multi-event append writes none of its events', async () => {
        const s = streamId();
        await store.append(s, newEvents(2), 'no-stream');
        const head = await store.headPosition();
        await conflictOf(store.append(s, newEvents(3), 1));
        expect((await store.readStream(s)).length).toBe(2);
        expect(await store.headPosition()).toBe(head);
      });

      it('a multi-event append lands as one contiguous run', async () => {
        const s = streamId();
        const events = newEvents(10);
        await store.append(s, events, 'no-stream');
        expect((await store.readStream(s)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      });
    });

    describe('the global log', () => {
      it('orders events across streams by strictly increasing position, in append order', async () => {
        const head = await store.headPosition();
        const [a, b] = [streamId('a'), streamId('b')];
        const appended: string[] = [];
        for (let i = 0; i < 4; i++) {
          for (const s of [a, b]) {
            const events = newEvents(i % 2 ? 2 : 1);
            await store.append(s, events, 'any');
            appended.push(...events.map((e) => e.eventId));
          }
        }
        const all = (await store.readAll({ after: head })).filter((e) => e.streamId === a || e.streamId === b);
        expect(all.map((e) => e.eventId)).toEqual(appended);
        all.slice(1).forEach((e, i) => expect(e.position).toBeGreaterThan(all[i].position));
      });

      it('reads from a position, strictly after it, at most `limit` events', async () => {
        const s = streamId();
        await store.append(s, newEvents(6), 'no-stream');
        const stored = await store.readStream(s);
        const page = await store.readAll({ after: stored[1].position, limit: 3 });
        expect(page.map((e) => e.eventId)).toEqual(stored.slice(2, 5).map((e) => e.eventId));
        const rest = await store.readAll({ after: page[2].position, limit: 100 });
        expect(rest.filter((e) => e.streamId === s).map((e) => e.version)).toEqual([6]);
        expect(await store.readAll({ after: stored[5].position })).toEqual([]);
      });
    });

    describe('subscribe', () => {
      it('catches up, then delivers live events, without gaps or duplicates; unsubscribing stops it', async () => {
        const s = streamId();
        const head = await store.headPosition();
        await store.append(s, newEvents(3), 'no-stream');
        const rec = new Recorder(store.subscribe(head), (e) => e.streamId === s);
        await rec.waitFor(3);
        await store.append(s, newEvents(2), 3);
        await store.append(s, [newEvent()], 5);
        await rec.waitFor(6);
        expect(rec.events).toEqual(await store.readStream(s));
        rec.stop();
        await store.append(s, [newEvent()], 6);
        await sleep(300);
        expect(rec.events.length).toBe(6);
      });

      it('starts strictly after the given position', async () => {
        const s = streamId();
        await store.append(s, newEvents(4), 'no-stream');
        const stored = await store.readStream(s);
        const rec = new Recorder(store.subscribe(stored[1].position), (e) => e.streamId === s);
        await rec.waitFor(2);
        await sleep(100);
        rec.stop();
        expect(rec.events.map((e) => e.version)).toEqual([3, 4]);
      });

      it('loses nothing written while it is catching up', async () => {
        const s = streamId();
        const head = await store.headPosition();
        await store.append(s, newEvents(50), 'no-stream');
        const rec = new Recorder(store.subscribe(head), (e) => e.streamId === s);
        for (let v = 50; v < 80; v += 3) await store.append(s, newEvents(3), v);
        await rec.waitFor(80);
        await sleep(100);
        rec.stop();
        expect(rec.events.map((e) => e.version)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
      });

      it('serves several subscribers independently', async () => {
        const s = streamId();
        const head = await store.headPosition();
        const [one, two] = [new Recorder(store.subscribe(head), (e) => e.streamId === s), new Recorder(store.subscribe(head), (e) => e.streamId === s)];
        await store.append(s, newEvents(3), 'no-stream');
        await Promise.all([one.waitFor(3), two.waitFor(3)]);
        one.stop();
        two.stop();
        expect(one.events).toEqual(two.events);
      });
    });

    describe('idempotency by event id', () => {
      it('re-appending the same events writes them once, whatever the expected version', async () => {
        const s = streamId();
        const events = newEvents(2);
        const first = await store.append(s, events, 'no-stream');
        for (const expected of ['no-stream', 0, 2, 'any'] as const) {
          expect(await store.append(s, events, expected)).toEqual(first);
        }
        expect(await store.append(s, [events[1]], 'any')).toEqual(first);
        expect((await store.readStream(s)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      });

      it("a single event appended twice with 'any' is stored once", async () => {
        const s = streamId();
        const event = newEvent();
        await store.append(s, [event], 'any');
        await store.append(s, [event], 'any');
        expect((await store.readStream(s)).length).toBe(1);
      });

      it('a partial overlap conflicts and writes nothing', async () => {
        const s = streamId();
        const events = newEvents(2);
        await store.append(s, events, 'no-stream');
        const fresh = newEvent();
        await conflictOf(store.append(s, [events[1], fresh], 2));
        await conflictOf(store.append(s, [fresh, events[0]], 'any'));
        expect((await store.readStream(s)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      });
    });

    describe('concurrent writers', () => {
      it('exactly one of many appends with the same expected version wins, per version', async () => {
        const s = streamId();
        for (let round = 0; round < 5; round++) {
          const version = 2 * round;
          const results = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(s, newEvents(2), version)));
          const won = results.filter((r) => r.status === 'fulfilled');
          const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
          expect(won.length).toBe(1);
          lost.forEach((r) => expect(r.reason).toMatchObject({ name: 'ConcurrencyConflict' }));
          expect((await store.readStream(s)).length).toBe(version + 2);
        }
        expectValidChain(await store.readStream(s));
      });

      it('two store instances on the same storage: exactly one wins', async () => {
        if (!sut.openAnother) return;
        const other = await sut.openAnother();
        const s = streamId();
        await store.append(s, [newEvent()], 'no-stream');
        for (let version = 1; version < 6; version++) {
          const attempts = [store, other, store, other].map((st) => st.append(s, [newEvent()], version));
          const results = await Promise.allSettled(attempts);
          expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
        }
        expect(await other.readStream(s)).toEqual(await store.readStream(s));
        expectValidChain(await store.readStream(s));
      });

      it("concurrent 'any' appends all land, with contiguous versions and an intact chain", async () => {
        const s = streamId();
        await Promise.all(Array.from({ length: 10 }, () => store.append(s, newEvents(2), 'any')));
        const stored = await store.readStream(s);
        expect(stored.map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expectValidChain(stored);
      });
    });

    describe('identity', () => {
      const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

      it('is a UUID, the same on every call and for every connection to the same storage', async () => {
        const id = await store.identity();
        expect(id).toMatch(UUID);
        expect(await store.identity()).toBe(id);
        if (sut.openAnother) expect(await (await sut.openAnother()).identity()).toBe(id);
      });

      it('agrees between instances asking at the same moment', async () => {
        const others = sut.openAnother ? await Promise.all([sut.openAnother(), sut.openAnother()]) : [];
        const ids = await Promise.all([store, ...others].map((s) => s.identity()));
        expect(new Set(ids).size).toBe(1);
      });

      it('is no event of the log: not read, not subscribed to, not the head', async () => {
        const head = await store.headPosition();
        const s = streamId();
        await store.identity();
        await store.append(s, newEvents(1), 'no-stream');
        const [appended] = await store.readStream(s);
        expect(await store.headPosition()).toBe(appended.position);
        expect((await store.readAll({ after: head })).map((e) => e.streamId)).toEqual([s]);
        const recorder = new Recorder(store.subscribe(head));
        try {
          expect((await recorder.waitFor(1)).map((e) => e.streamId)).toEqual([s]);
        } finally {
          recorder.stop();
        }
      });
    });

    describe('hash chain', () => {
      it('sets hash and prevHash on every event, chained from GENESIS_HASH across appends', async () => {
        const s = streamId();
        await store.append(s, newEvents(2), 'no-stream');
        await store.append(s, [newEvent()], 2);
        await store.append(s, newEvents(3), 'any');
        const stored = await store.readStream(s);
        expect(stored[0].metadata.prevHash).toBe(GENESIS_HASH);
        stored.forEach((e) => expect(e.metadata.hash).toMatch(/^[0-9a-f]{64}$/));
        expectValidChain(stored);
      });

      it('each stream has its own chain', async () => {
        const [a, b] = [streamId(), streamId()];
        const event = newEvents(1);
        await store.append(a, event, 'no-stream');
        await store.append(b, [{ ...event[0], eventId: newEvent().eventId }], 'no-stream');
        const [[ea], [eb]] = [await store.readStream(a), await store.readStream(b)];
        expect(ea.metadata.prevHash).toBe(GENESIS_HASH);
        expect(eb.metadata.prevHash).toBe(GENESIS_HASH);
        expect(ea.metadata.hash).not.toBe(eb.metadata.hash);
      });
    });
  });
}
