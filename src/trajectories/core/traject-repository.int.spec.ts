import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../events/clock';
import { StoredEvent } from '../../events/envelope';
import { LazyEvent } from '../../events/lazy-event';
import { EncryptingEventStore } from '../../privacy/encrypting-event-store';
import { KeyStore } from '../../privacy/key-store';
import { TempEncryptingStore, encryptingStoreInTempDir } from '../../privacy/testing/encrypting-store-in-temp-dir';
import { CommandHandler } from './command-handler';
import { fold } from './fold';
import { TrajectRepository } from './traject-repository';
import * as foldModule from './fold';

/**
 * After an append the command handler hands the repository the snapshot its gate stepped to; the cached state must
 * then be exactly what a fresh fold of the stream gives, and another writer in between must be folded, not skipped.
 */
describe('TrajectRepository after an append (real SQLite, encrypting store)', () => {
  let temp: TempEncryptingStore;
  let keys: KeyStore;
  let store: EncryptingEventStore;
  const clock = new FixedClock(new Date('2026-03-10T10:00:00Z'));
  const ctx = { actor: { id: 'test', rol: 'klantmanager' }, correlationId: randomUUID() };

  beforeEach(() => {
    temp = encryptingStoreInTempDir('ie-repo-');
    ({ keys, store } = temp);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await temp.remove();
  });

  const registreer = (handler: CommandHandler, id: string) =>
    handler.register(id, {
      soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2026-01-10', datumKoppeling: '2026-01-06',
      persoon: { naam: 'Noor Jansen', geboortedatum: '1990-01-01', geslacht: 'vrouw' },
    } as never, ctx);

  /**
   * The events as a reader sees them, field by field: a load reads its stream lazily (LazyEvent: data and metadata are
   * getters, parsed when first read), a fresh read eagerly; both must read the same.
   */
  const gelezen = (events: StoredEvent[]) =>
    events.map(({ position, streamId, version, eventId, type, data, metadata }) => ({ position, streamId, version, eventId, type, data: { ...data }, metadata }));

  /** Every way the repository reads a stream (a load reads lazily, `events` eagerly): the spy counts both. */
  const spyOnReads = () => {
    const eager = jest.spyOn(store, 'readStream');
    const lazy = jest.spyOn(store, 'readStreamLazily');
    return { calls: () => eager.mock.calls.length + lazy.mock.calls.length, restore: () => (eager.mockRestore(), lazy.mockRestore()) };
  };

  /** The state is what a fresh fold of the stream gives: value, context and the events as read. */
  const expectSameAsFresh = (state: Awaited<ReturnType<typeof vers>>, fresh: Awaited<ReturnType<typeof vers>>) => {
    expect(state.snapshot.value).toStrictEqual(fresh.snapshot.value);
    expect(state.context).toStrictEqual(fresh.context);
    expect(gelezen(state.events)).toStrictEqual(gelezen(fresh.events));
  };

  const vers = async (id: string) => {
    const events = await store.readStream(`traject-${id}`);
    const { kind } = await new TrajectRepository(store, keys).load(id);
    return fold(kind, id, events);
  };

  it('the state after a command equals a fresh fold of the stream, without folding the appended events again', async () => {
    const repository = new TrajectRepository(store, keys);
    const handler = new CommandHandler(repository, clock);
    const id = randomUUID();
    await registreer(handler, id);
    await handler.execute(id, 'start-brede-intake', { datum: '2026-02-01' }, ctx);
    const foldOnto = jest.spyOn(foldModule, 'foldOnto');
    const reads = spyOnReads();
    // Screening: facts plus deadline facts (TermijnVervallen/TermijnGesteld) in one append; bevindingen are encrypted.
    const { state } = await handler.execute(id, 'registreer-screening', { datum: '2026-02-03', bevindingen: 'talent voor techniek' }, ctx);
    // Nothing read: the cached state was known current, and the append gave its events as stored.
    expect(reads.calls()).toBe(0);
    reads.restore();
    const fresh = await vers(id);
    expect(state.version).toBe(fresh.version);
    expectSameAsFresh(state, fresh);
    // Only the cache-hit load before deciding folded (nothing new); the events just written were not folded again.
    expect(foldOnto.mock.calls.every(([, , events]) => events.length === 0)).toBe(true);
  });

  it('the state after a registration equals a fresh fold of its stream, without folding its events again', async () => {
    const repository = new TrajectRepository(store, keys);
    const handler = new CommandHandler(repository, clock);
    const id = randomUUID();
    const foldSpy = jest.spyOn(foldModule, 'fold');
    const reads = spyOnReads();
    const state = await registreer(handler, id);
    expect(foldSpy).not.toHaveBeenCalled();
    expect(reads.calls()).toBe(0);
    foldSpy.mockRestore();
    reads.restore();
    const fresh = await vers(id);
    expect(state.version).toBe(fresh.version);
    expectSameAsFresh(state, fresh);
    // And it is what the next command decides on (the cache), without reading the stream from the start again.
    const { state: next } = await handler.execute(id, 'start-brede-intake', { datum: '2026-02-01' }, ctx);
    expect(next.version).toBe(fresh.version + 1);
  });

  it('a cold load reads the stream lazily and folds it without parsing any metadata', async () => {
    const handler = new CommandHandler(new TrajectRepository(store, keys), clock);
    const id = randomUUID();
    await registreer(handler, id);
    await handler.execute(id, 'start-brede-intake', { datum: '2026-02-01' }, ctx);
    await handler.execute(id, 'registreer-uren', { datum: '2026-02-02', soort: 'nt2', uren: 3 }, ctx);
    const metadata = jest.spyOn(LazyEvent.prototype, 'metadata', 'get');
    const { state } = await new TrajectRepository(store, keys).load(id);
    expect(state.events.length).toBeGreaterThan(3);
    expect(state.events.every((e) => e instanceof LazyEvent)).toBe(true);
    expect(metadata).not.toHaveBeenCalled();
    metadata.mockRestore();
    expectSameAsFresh(state, await vers(id));
  });

  it('another writer between the load and the append: what it wrote is folded, never skipped', async () => {
    const repository = new TrajectRepository(store, keys);
    const handler = new CommandHandler(repository, clock);
    const other = new CommandHandler(new TrajectRepository(store, keys), clock);
    const id = randomUUID();
    await registreer(handler, id);
    await handler.execute(id, 'start-brede-intake', { datum: '2026-02-01' }, ctx);
    // The other instance records hours; this one's cache still holds the state before them.
    await other.execute(id, 'registreer-uren', { datum: '2026-02-02', soort: 'nt2', uren: 3 }, ctx);
    const { state } = await handler.execute(id, 'registreer-uren', { datum: '2026-02-02', soort: 'nt2', uren: 2 }, ctx);
    const fresh = await vers(id);
    expectSameAsFresh(state, fresh);
    expect((state.context as { uren: { nt2: number } }).uren.nt2).toBe(5);
    expect(state.version).toBe(fresh.version);
  });
});
