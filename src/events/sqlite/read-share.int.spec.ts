import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent, StoredEvent } from '../envelope';
import { EventStore, LazyReadOptions, ReadAllOptions, StreamShare } from '../event-store';
import { SqliteEventStore } from './sqlite-event-store';

const event = (type: string, n: number): NewEvent => ({
  eventId: randomUUID(), type, data: { n },
  metadata: { actor: { id: 't', rol: 't' }, correlationId: 'c', causationId: null, datum: '2026-01-01', recordedAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
});

/** The port's default readAllLazily (filtering in JavaScript) over the same file: what the SQL filter must equal. */
class InJavaScript extends EventStore {
  constructor(private readonly inner: SqliteEventStore) {
    super();
  }
  readAll(o?: ReadAllOptions): Promise<StoredEvent[]> {
    return this.inner.readAll(o);
  }
  append = () => Promise.reject(new Error('read only'));
  readStream = () => Promise.reject(new Error('read only'));
  subscribe = () => { throw new Error('read only'); };
  headPosition = () => this.inner.headPosition();
  identity = () => this.inner.identity();
  ping = () => this.inner.ping();
  close = () => Promise.resolve();
}

/** A parallel rebuild reads a share of the streams up to a head (herbouw-parallel.ts): filtered in SQLite, as the port defines it. */
describe('SqliteEventStore.readAllLazily with a share of the streams and an end position', () => {
  let dir: string;
  let store: SqliteEventStore;
  const ids = Array.from({ length: 12 }, (_, i) => `${randomUUID().slice(0, -1)}${'05af9b3c7e1d2468'[i]}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ie-share-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    let n = 0;
    for (let round = 0; round < 3; round++) {
      for (const id of ids) {
        await store.append(`traject-${id}`, [event('A', n++), event('B', n++)], 'any');
        if (round === 1) await store.append(`privacy-${id}`, [event('Gewist', n++)], 'any');
      }
      await store.append(`inzage-${round}`, [event('Ingezien', n++)], 'any');
      await store.append("duo-notificaties'", [event('B', n++)], 'any');
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const shares: StreamShare[] = [
    { prefixes: ['traject-', 'privacy-'], endings: '01234567', others: true },
    { prefixes: ['traject-', 'privacy-'], endings: '89abcdef', others: false },
    { prefixes: ['traject-'], endings: "0f'", others: false },
    { prefixes: [], endings: '', others: true },
  ];
  const all = async (s: EventStore, o: LazyReadOptions) => {
    const out: StoredEvent[] = [];
    for (let page = await s.readAllLazily({ ...o, limit: 7 }); page.length; page = await s.readAllLazily({ ...o, after: page[page.length - 1].position, limit: 7 })) out.push(...page);
    return out.map((e) => [e.position, e.streamId, e.type, e.data.n]);
  };

  it('reads exactly the events the port’s definition (inShare) keeps, with and without types and an end', async () => {
    const js = new InJavaScript(store);
    const head = await store.headPosition();
    for (const share of shares) {
      for (const o of [{ share }, { share, until: Math.floor(head / 2) }, { share, types: ['B', 'Gewist'] }, { share, types: ['A'], until: head - 3 }]) {
        const sql = await all(store, o);
        expect(sql).toEqual(await all(js, o));
        expect(sql.every(([p]) => p as number <= (o.until ?? head))).toBe(true);
      }
    }
  });

  it('two complementary shares split the log: every event once', async () => {
    const [hier, werker] = await Promise.all(shares.slice(0, 2).map((share) => all(store, { share })));
    expect(hier.length).toBeGreaterThan(0);
    expect(werker.length).toBeGreaterThan(0);
    expect([...hier, ...werker].sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual(await all(store, {}));
  });
});
