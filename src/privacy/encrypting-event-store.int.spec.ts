import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, take, tap, toArray } from 'rxjs';
import { verifyAll } from '../audit/integrity';
import { SqliteEventStore } from '../events/sqlite/sqlite-event-store';
import { newEvent } from '../events/testing/new-event';
import { EncryptingEventStore, isEncrypted } from './encrypting-event-store';
import { DEFAULT_FIELD_GROUPS, parseFieldGroups, parseGroupList } from './field-groups';
import { KeyStore, KeyStoreMismatch } from './key-store';

const persoon = { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw', bsn: '999990019' };

describe('EncryptingEventStore (crypto-shredding)', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: KeyStore;
  let store: EncryptingEventStore;
  const master = randomBytes(32);
  const id = randomUUID();
  const stream = `traject-${id}`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ie-privacy-'));
    raw = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    keys = new KeyStore(join(dir, 'keys.sqlite'), master);
    store = new EncryptingEventStore(raw, keys, DEFAULT_FIELD_GROUPS);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const registreer = () => store.append(stream, [
    newEvent('InburgeraarGeregistreerd', { soort: 'inburgering', doelgroep: 'asielstatushouder', persoon, datum: '2025-01-15' }),
    newEvent('BredeIntakeAfgerond', { datum: '2025-02-10', bevindingen: { opleiding: 'havo', werkervaring: 'zorg', gezondheid: 'diabetes', kinderenVve: 'twee' } }),
    newEvent('TrajectBeeindigd', { datum: '2025-03-01', reden: 'verhuisd', toelichting: 'naar Tilburg, bij zus' }),
  ], 'no-stream');

  it('stores the personal fields as ciphertext and reads them back in clear', async () => {
    await registreer();
    const stored = await raw.readStream(stream);
    const text = JSON.stringify(stored);
    for (const secret of ['Amal', '999990019', 'diabetes', 'Tilburg']) expect(text).not.toContain(secret);
    expect(isEncrypted(stored[0].data.persoon)).toBe(true);
    expect((stored[0].data.persoon as any).$versleuteld).toMatchObject({ alg: 'A256GCM', kid: `${id}/persoon/1` });
    // Codes the machine and views compute with stay in clear.
    expect(stored[2].data.reden).toBe('verhuisd');
    expect(stored[0].data.doelgroep).toBe('asielstatushouder');

    const read = await store.readStream(stream);
    expect(read[0].data.persoon).toEqual(persoon);
    expect(read[1].data.bevindingen).toMatchObject({ gezondheid: 'diabetes' });
    expect(read[2].data.toelichting).toBe('naar Tilburg, bij zus');
    expect((await store.readAll()).map((e) => e.data)).toEqual(read.map((e) => e.data));
  });

  it('after the key is destroyed, marks the fields erased everywhere while the hash chain still verifies', async () => {
    await registreer();
    const live = store.subscribe(0).pipe(take(3), toArray());
    expect((await firstValueFrom(live))[0].data.persoon).toEqual(persoon);

    expect(keys.destroy(id, ['persoon', 'vrije-tekst'])).toEqual(['persoon', 'vrije-tekst']);
    const read = await store.readStream(stream);
    expect(read[0].data.persoon).toEqual({ $gewist: true, veldgroep: 'persoon' });
    expect(read[1].data.bevindingen).toEqual({ $gewist: true, veldgroep: 'vrije-tekst' });
    expect(read[2].data).toMatchObject({ reden: 'verhuisd', toelichting: { $gewist: true } });
    const everywhere = JSON.stringify([read, await store.readAll(), await firstValueFrom(store.subscribe(0).pipe(take(3), toArray()))]);
    for (const secret of ['Amal', '999990019', 'diabetes', 'Tilburg']) expect(everywhere).not.toContain(secret);

    const rapport = await verifyAll(raw);
    expect(rapport.ok).toBe(true);
    expect(rapport.gebeurtenissen).toBe(3);
  });

  it('opens an event once for all the subscriptions that read it in the same turn, and freezes it as shared', async () => {
    await registreer();
    const [a, b] = await Promise.all([0, 1].map(() => firstValueFrom(store.subscribe(0).pipe(take(3), toArray()))));
    expect(a[0].data.persoon).toEqual(persoon);
    a.forEach((e, i) => expect(b[i]).toBe(e));
    expect(Object.isFrozen(a[0].data.persoon)).toBe(true);
  });

  it('a key destroyed while subscriptions share one read: the subscriptions that open the events after it see them erased', async () => {
    await registreer();
    let destroyed = false;
    // Both subscriptions catch up in the same turn, so they share the rows read (the SQLite store's tail); the first
    // destroys the keys as it receives the first event, before the second has opened anything.
    const a = store.subscribe(0).pipe(
      take(3),
      tap(() => {
        if (!destroyed) keys.destroy(id, ['persoon', 'vrije-tekst']);
        destroyed = true;
      }),
      toArray(),
    );
    const b = store.subscribe(0).pipe(take(3), toArray());
    const [seenByA, seenByB] = await Promise.all([firstValueFrom(a), firstValueFrom(b)]);
    expect(seenByA[0].data.persoon).toEqual(persoon);
    expect(seenByB[0].data.persoon).toEqual({ $gewist: true, veldgroep: 'persoon' });
    for (const secret of ['Amal', '999990019', 'diabetes', 'Tilburg']) expect(JSON.stringify(seenByB)).not.toContain(secret);
  });

  it('reads lazily for a rebuild (readAllLazily) exactly what readAll reads, opened or erased, and filters by type', async () => {
    await registreer();
    await store.append('inzage-x', [newEvent('Ingezien', { trajectId: id })], 'no-stream');
    // As plain objects: JSON turns the lazy events' getters (data, metadata, each encrypted field) into values.
    const plain = (events: unknown[]) => JSON.parse(JSON.stringify(events.map((e: any) => ({ ...e, data: e.data, metadata: e.metadata }))))
      .map(({ position, streamId, version, eventId, type, data, metadata }: any) => ({ position, streamId, version, eventId, type, data, metadata }));
    expect(plain(await store.readAllLazily({ limit: 10 }))).toEqual(plain(await store.readAll({ limit: 10 })));
    const lazy = await store.readAllLazily({ limit: 10 });
    // A field is decrypted when read: the person reads in clear, and so does the date beside it.
    expect(lazy[0].data.persoon).toEqual(persoon);
    expect(lazy[1].data.bevindingen).toMatchObject({ gezondheid: 'diabetes' });
    expect({ ...lazy[2].data }).toEqual({ datum: '2025-03-01', reden: 'verhuisd', toelichting: 'naar Tilburg, bij zus' });

    keys.destroy(id, ['persoon']);
    const erased = await store.readAllLazily({ limit: 10 });
    expect(erased[0].data.persoon).toEqual({ $gewist: true, veldgroep: 'persoon' });
    expect(plain(erased)).toEqual(plain(await store.readAll({ limit: 10 })));

    const typen = await store.readAllLazily({ limit: 10, types: ['TrajectBeeindigd', 'Ingezien'] });
    expect(typen.map((e) => e.type)).toEqual(['TrajectBeeindigd', 'Ingezien']);
    expect(typen[1].data).toEqual({ trajectId: id });
    expect(await store.readAllLazily({ after: typen[1].position, limit: 10, types: ['TrajectBeeindigd'] })).toEqual([]);
  });

  it('an inner store without lazy reads: readAllLazily decrypts its events at once, with the page\'s keys read ahead per group', async () => {
    await registreer();
    await store.append('inzage-x', [newEvent('Ingezien', { trajectId: id })], 'no-stream');
    // The EventStore default (as EventStoreDB has it): readAllLazily is readAll, plain objects.
    const eager = new EncryptingEventStore(Object.assign(Object.create(raw), { readAllLazily: (o: object) => raw.readAll(o) }), keys, DEFAULT_FIELD_GROUPS);
    const named = jest.spyOn(keys, 'voorPagina');
    const page = await eager.readAllLazily({ limit: 10 });
    expect(page).toEqual(await store.readAll({ limit: 10 }));
    expect(page[0].data.persoon).toEqual(persoon);
    // Persoon: the registration's; vrije-tekst: the intake's and the ending's; the inzage stream holds none.
    expect(named).toHaveBeenCalledWith(new Map([['persoon', [id]], ['vrije-tekst', [id]]]));
  });

  it('reads a stream lazily for a fold (readStreamLazily) exactly what readStream reads, opened or erased', async () => {
    await registreer();
    const s = stream;
    // As plain objects: JSON turns the lazy events' getters (data, metadata, each encrypted field) into values.
    const plain = (events: unknown[]) => JSON.parse(JSON.stringify(events.map((e: any) => ({ ...e, data: e.data, metadata: e.metadata }))))
      .map(({ position, streamId, version, eventId, type, data, metadata }: any) => ({ position, streamId, version, eventId, type, data, metadata }));
    expect(plain(await store.readStreamLazily(s))).toEqual(plain(await store.readStream(s)));
    expect(plain(await store.readStreamLazily(s, 1))).toEqual(plain(await store.readStream(s, 1)));
    const lazy = await store.readStreamLazily(s);
    expect(lazy[0].data.persoon).toEqual(persoon);
    expect(lazy[1].data.bevindingen).toMatchObject({ gezondheid: 'diabetes' });

    keys.destroy(id, ['persoon']);
    const erased = await store.readStreamLazily(s);
    expect(erased[0].data.persoon).toEqual({ $gewist: true, veldgroep: 'persoon' });
    expect(plain(erased)).toEqual(plain(await store.readStream(s)));
  });

  it('erases per group: the other group stays readable', async () => {
    await registreer();
    keys.destroy(id, ['vrije-tekst']);
    const read = await store.readStream(stream);
    expect(read[0].data.persoon).toEqual(persoon);
    expect(read[1].data.bevindingen).toEqual({ $gewist: true, veldgroep: 'vrije-tekst' });
  });

  it('encrypts data written after an erasure under a new key generation', async () => {
    await registreer();
    keys.destroy(id, ['vrije-tekst']);
    await store.append(stream, [newEvent('PipGewijzigd', { datum: '2025-04-01', wijziging: 'meer uren', reden: 'nieuw werk' })], 3);
    const stored = await raw.readStream(stream, 3);
    expect((stored[0].data.reden as any).$versleuteld.kid).toBe(`${id}/vrije-tekst/2`);
    const [read] = await store.readStream(stream, 3);
    expect(read.data).toMatchObject({ wijziging: 'meer uren', reden: 'nieuw werk' });
  });

  it('leaves streams without personal data untouched', async () => {
    const other = `inzage-${id}`;
    await store.append(other, [newEvent('TrajectIngezien', { persoon: 'niet versleuteld' })], 'any');
    expect((await raw.readStream(other))[0].data.persoon).toBe('niet versleuteld');
  });

  it('binds a ciphertext to its event: moved elsewhere it reads as unreadable, and verification names the event', async () => {
    await registreer();
    const stored = await raw.readStream(stream);
    // Copy the persoon ciphertext into the toelichting field of event 3, directly in the file.
    const data = { ...stored[2].data, toelichting: stored[0].data.persoon };
    raw.db.prepare('UPDATE ie_events SET data = ? WHERE position = ?').run(JSON.stringify(data), stored[2].position);
    const read = await store.readStream(stream);
    expect(read[2].data.toelichting).toEqual({ $onleesbaar: true, veldgroep: 'persoon' });
    const rapport = await verifyAll(raw);
    expect(rapport.gebroken).toEqual([expect.objectContaining({ stream, eersteBreuk: expect.objectContaining({ versie: 3, reden: 'hash wijkt af' }) })]);
  });

  it('refuses a key store opened with another master key', async () => {
    await registreer();
    keys.close();
    expect(() => new KeyStore(join(dir, 'keys.sqlite'), randomBytes(32))).toThrow(KeyStoreMismatch);
    keys = new KeyStore(join(dir, 'keys.sqlite'), master);
    store = new EncryptingEventStore(raw, keys, DEFAULT_FIELD_GROUPS);
    expect((await store.readStream(stream))[0].data.persoon).toEqual(persoon);
  });

  it('does not keep the destroyed (wrapped) key anywhere in the key store files', async () => {
    await registreer();
    const { readFileSync, existsSync } = await import('node:fs');
    const Database = (await import('better-sqlite3')).default;
    const file = join(dir, 'keys.sqlite');
    const peek = new Database(file, { readonly: true });
    const wrapped = (peek.prepare('SELECT wrapped FROM ie_keys').all() as { wrapped: Buffer }[]).map((r) => r.wrapped);
    peek.close();
    expect(wrapped).toHaveLength(2);
    const contents = () => Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    expect(wrapped.every((w) => contents().includes(w))).toBe(true);
    keys.destroy(id, ['persoon', 'vrije-tekst']);
    expect(wrapped.some((w) => contents().includes(w))).toBe(false);
    expect(keys.keys(id).every((k) => k.destroyedAt)).toBe(true);
  });
});

describe('field groups configuration', () => {
  it('parses ERASURE_FIELD_GROUPS and refuses what would leave data in clear by mistake', () => {
    expect(parseFieldGroups(undefined)).toBe(DEFAULT_FIELD_GROUPS);
    expect(parseFieldGroups('{"identiteit":["InburgeraarGeregistreerd.persoon.bsn"]}')).toEqual({ identiteit: ['InburgeraarGeregistreerd.persoon.bsn'] });
    expect(() => parseFieldGroups('nee')).toThrow(/JSON/);
    expect(() => parseFieldGroups('{"a":["persoon"]}')).toThrow(/Gebeurtenis.veld/);
    expect(() => parseFieldGroups('{"a":["X.y"],"b":["X.y"]}')).toThrow(/staat in a en in b/);
    expect(parseGroupList(undefined, DEFAULT_FIELD_GROUPS, 'X')).toEqual(['persoon', 'vrije-tekst']);
    expect(parseGroupList('vrije-tekst', DEFAULT_FIELD_GROUPS, 'X')).toEqual(['vrije-tekst']);
    expect(() => parseGroupList('adres', DEFAULT_FIELD_GROUPS, 'X')).toThrow(/onbekende veldgroep/);
  });
});
