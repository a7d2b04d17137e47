import { map } from 'rxjs';
import { page } from '../../src/audit/event-log';
import { StoredEvent, NewEvent } from '../../src/events/envelope';
import { AppendResult, EventStore, ExpectedVersion, ReadAllOptions } from '../../src/events/event-store';
import { leesCursor } from '../../src/http/paginering';
import { StoreUnderTest } from './event-store.contract';
import { newEvents, streamId } from './helpers';

/**
 * The audit log's paging over a store, with positions as the store gives them (issue 12.7): each page's `volgende`
 * cursor continues right after the last event read, with no event lost or repeated, also when a page stops at the
 * scan limit. On EventStoreDB positions are byte offsets, and reading from a position that is not an event's fails.
 */
export function describeAuditPagingContract(name: string, factory: () => Promise<StoreUnderTest>): void {
  describe(`audit paging: ${name}`, () => {
    let sut: StoreUnderTest;
    beforeAll(async () => (sut = await factory()));
    afterAll(() => sut.cleanup());

    /** Follows the cursors from `from` until null: the events of each page. */
    async function allPages(type: string, from: number, size: number, maxScan?: number) {
      const pages: string[][] = [];
      let na = from;
      for (let guard = 0; guard < 100; guard++) {
        const p = await page(sut.store, { types: [type], na }, size, maxScan);
        pages.push(p.gebeurtenissen.map((e) => e.eventId));
        if (p.volgende === null) return pages;
        na = leesCursor(p.volgende, 'na');
      }
      throw new Error('no end');
    }

    it('pages a selection by cursor: every event once, in log order, also across scan-limited pages', async () => {
      const type = `AuditPagina${Date.now()}`;
      const from = await sut.store.headPosition();
      const [a, b, c] = [streamId('audit'), streamId('audit'), streamId('audit')];
      const written: NewEvent[] = [];
      const write = async (s: string, events: NewEvent[], expected: ExpectedVersion) => {
        await sut.store.append(s, events, expected);
        written.push(...events.filter((e) => e.type === type));
      };
      await write(a, newEvents(2, type), 'no-stream');
      await write(b, newEvents(3, 'Ruis'), 'no-stream');
      await write(b, newEvents(3, type), 3); // one append of three
      await write(c, newEvents(1, type), 'no-stream');
      await write(a, newEvents(4, 'Ruis'), 2);
      await write(c, newEvents(1, type), 1);
      const ids = written.map((e) => e.eventId);

      const bySize2 = await allPages(type, from, 2);
      expect(bySize2.flat()).toEqual(ids);
      expect(bySize2.map((p) => p.length)).toEqual([2, 2, 2, 1]);
      // A scan limit below the noise: pages may come back short or empty, with a cursor to go on from.
      const limited = await allPages(type, from, 2, 3);
      expect(limited.flat()).toEqual(ids);
      expect(limited.some((p) => p.length < 2)).toBe(true);
    });
  });
}

/**
 * A store whose positions are sparse like EventStoreDB's byte offsets (p → p·1000 + 64) and that refuses to read
 * from a position that is not an event's or 0, as EventStoreDB refuses a position inside a record: position
 * arithmetic (P − 1) fails here as it would there.
 */
export class ByteOffsetPositions extends EventStore {
  constructor(private readonly inner: EventStore) {
    super();
  }

  private static out = (p: number) => (p === 0 ? 0 : p * 1000 + 64);
  private static in(p: number): number {
    if (p === 0) return 0;
    if ((p - 64) % 1000 !== 0 || p < 1064) throw new Error(`position ${p} is not the start of a record`);
    return (p - 64) / 1000;
  }
  private static event = (e: StoredEvent): StoredEvent => ({ ...e, position: ByteOffsetPositions.out(e.position) });

  identity(): Promise<string> {
    return this.inner.identity();
  }

  async append(s: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const r = await this.inner.append(s, events, expected);
    return { ...r, position: ByteOffsetPositions.out(r.position) };
  }
  async readStream(s: string, afterVersion?: number) {
    return (await this.inner.readStream(s, afterVersion)).map(ByteOffsetPositions.event);
  }
  async readAll({ after = 0, limit }: ReadAllOptions = {}) {
    return (await this.inner.readAll({ after: ByteOffsetPositions.in(after), limit })).map(ByteOffsetPositions.event);
  }
  subscribe(after = 0) {
    return this.inner.subscribe(ByteOffsetPositions.in(after)).pipe(map(ByteOffsetPositions.event));
  }
  async headPosition() {
    return ByteOffsetPositions.out(await this.inner.headPosition());
  }
  ping() {
    return this.inner.ping();
  }
  close() {
    return this.inner.close();
  }
}
