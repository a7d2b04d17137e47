import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { firstValueFrom, take, toArray } from 'rxjs';
import { StoredEvent } from '../events/envelope';
import { SqliteEventStore } from '../events/sqlite/sqlite-event-store';
import { newEvent } from '../events/testing/new-event';
import { EncryptedField, EncryptingEventStore } from '../privacy/encrypting-event-store';
import { DEFAULT_FIELD_GROUPS, erasedIdentifier, readModelRef } from '../privacy/field-groups';
import { KeyStore } from '../privacy/key-store';
import { alleFeiten, ambitiesProjection } from './ambities.projection';
import { AmbitieFeiten } from './ambities/feiten';
import { herbouw } from './herbouw';
import { openProjectionsDb } from './projections-db';
import { ProjectionRunner } from './runner';
import { registratie } from './testing/feed';

const event = (type: string, data: Record<string, unknown>) => newEvent(type, data, data.datum as string);
const gestart = (activiteitId: string, datum: string) =>
  event('ParticipatieactiviteitGestart', { datum, activiteitId, soort: 'stage', categorie: 'arbeid', aanbieder: 'Bakkerij' });
const afgerond = (activiteitId: string, datum: string) => event('ParticipatieactiviteitAfgerond', { datum, activiteitId, resultaat: 'goed' });

/**
 * The ambities pair an activity's start and end by the envelope's `ref` of the encrypted activiteitId: a rebuild opens
 * no activity id, and the rebuild (lazy), a read (eager) and the live feed (subscribe) give the same rows.
 */
describe('ambities: activities paired by the encrypted id\'s ref (real SQLite, encrypting store)', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: KeyStore;
  let store: EncryptingEventStore;
  const dbs: Database.Database[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ie-ambities-'));
    raw = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    keys = new KeyStore(join(dir, 'keys.sqlite'), randomBytes(32));
    store = new EncryptingEventStore(raw, keys, DEFAULT_FIELD_GROUPS);
  });
  afterEach(async () => {
    for (const db of dbs.splice(0)) db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const projectionsDb = (name: string) => {
    const db = openProjectionsDb(join(dir, `${name}.sqlite`));
    dbs.push(db);
    return db;
  };
  const feiten = (db: Database.Database): AmbitieFeiten[] => alleFeiten({
    all: <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
    get: <T>(sql: string, params: unknown[] = []) => db.prepare(sql).get(...params) as T | undefined,
  } as never);
  const refOf = async (streamId: string, version: number) => {
    const e = (await raw.readStream(streamId)).find((x) => x.version === version)!;
    return (e.data.activiteitId as EncryptedField).$versleuteld.ref!;
  };
  /** Each way the projection is fed: a rebuild (lazy), a read of the log (eager), the live subscription. */
  const viaElkePad = async (naHerbouw: () => void = () => undefined) => {
    const rebuilt = projectionsDb('herbouw');
    await herbouw(new ProjectionRunner(store, rebuilt, [ambitiesProjection]), store, [ambitiesProjection]);
    naHerbouw();
    const read = projectionsDb('gelezen');
    new ProjectionRunner(store, read, [ambitiesProjection]).apply(ambitiesProjection, await store.readAll());
    const live = projectionsDb('live');
    const n = (await raw.readAll()).length;
    const subscribed: StoredEvent[] = await firstValueFrom(store.subscribe(0).pipe(take(n), toArray()));
    new ProjectionRunner(store, live, [ambitiesProjection]).apply(ambitiesProjection, subscribed);
    return { rebuilt: feiten(rebuilt), read: feiten(read), live: feiten(live) };
  };

  it('pairs by the ref without opening the id in a rebuild; eager and live reads give the same rows', async () => {
    const id = randomUUID();
    const stream = `traject-${id}`;
    await store.append(stream, [
      event('InburgeraarGeregistreerd', registratie({ datum: '2025-01-15' })),
      gestart('stage-bakkerij', '2025-02-01'),
      gestart('taalcafe', '2025-02-03'),
      afgerond('stage-bakkerij', '2025-03-01'),
    ], 'no-stream');
    const [start, tweede] = [await refOf(stream, 2), await refOf(stream, 3)];
    const asked = jest.spyOn(keys, 'key');
    let rebuildCalls: string[] = [];
    const { rebuilt, read, live } = await viaElkePad(() => void (rebuildCalls = asked.mock.calls.map(([kid]) => kid)));
    expect(rebuilt[0].activiteiten).toEqual([
      { van: '2025-02-01', tot: '2025-03-01', id: start },
      { van: '2025-02-03', tot: null, id: tweede },
    ]);
    // The rebuild asked for no key of the activity ids' group: nothing was decrypted to pair them (the persoon's, for sex).
    expect(rebuildCalls).toEqual([`${id}/persoon/1`]);
    expect(read).toEqual(rebuilt);
    expect(live).toEqual(rebuilt);
    // Nothing of the id itself in the read model.
    expect(JSON.stringify(rebuilt)).not.toContain('bakkerij');
  });

  it('a start recorded before ids were encrypted pairs with an encrypted end, by the value (as the machine pairs them)', async () => {
    const id = randomUUID();
    const stream = `traject-${id}`;
    await store.append(stream, [event('InburgeraarGeregistreerd', registratie({ datum: '2025-01-15' }))], 'no-stream');
    // Written past the encryption: the id in clear, as every id was before it was in a field group.
    await raw.append(stream, [gestart('w1', '2025-02-01')], 1);
    await store.append(stream, [afgerond('w1', '2025-03-01')], 2);
    const { rebuilt, read, live } = await viaElkePad();
    expect(rebuilt[0].activiteiten).toEqual([{ van: '2025-02-01', tot: '2025-03-01', id: readModelRef('w1') }]);
    expect(read).toEqual(rebuilt);
    expect(live).toEqual(rebuilt);
  });

  it('after an erasure, an end naming the erased id it was shown ($gewist:<ref>, under the next key) pairs with its start', async () => {
    const id = randomUUID();
    const stream = `traject-${id}`;
    await store.append(stream, [event('InburgeraarGeregistreerd', registratie({ datum: '2025-01-15' })), gestart('w1', '2025-02-01')], 'no-stream');
    const start = await refOf(stream, 2);
    keys.destroy(id, ['vrije-tekst']);
    // The machine shows the running activity as `$gewist:<ref>`; a case worker ends it by that id.
    expect((await store.readStream(stream))[1].data.activiteitId).toBe(erasedIdentifier(start));
    await store.append(stream, [afgerond(erasedIdentifier(start), '2025-03-01')], 2);
    const { rebuilt, read, live } = await viaElkePad();
    expect(rebuilt[0].activiteiten).toEqual([{ van: '2025-02-01', tot: '2025-03-01', id: start }]);
    expect(read).toEqual(rebuilt);
    expect(live).toEqual(rebuilt);
  });
});
