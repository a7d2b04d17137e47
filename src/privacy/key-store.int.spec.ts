import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KeyStore } from './key-store';

/** The active key held in memory, and new keys committed in batches: never a key another process destroyed, never an unwritten key. */
describe('KeyStore: the active key in memory, new keys committed together', () => {
  let dir: string;
  const master = randomBytes(32);
  let stores: KeyStore[] = [];
  const open = () => {
    const s = new KeyStore(join(dir, 'keys.sqlite'), master);
    stores.push(s);
    return s;
  };
  /** What is on disk, seen through a connection of its own (another process). */
  const rowsOf = (trajectId: string) => {
    const db = new Database(join(dir, 'keys.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT groep, generatie, wrapped IS NOT NULL AS levend FROM ie_keys WHERE traject_id = ? ORDER BY groep, generatie').all(trajectId);
    } finally {
      db.close();
    }
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ie-keys-'))));
  afterEach(() => {
    for (const s of stores) s.close();
    stores = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('a key made for an append is on disk once its `durable` settles, made together with the others of the same turn', async () => {
    const keys = open();
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const made = ids.map((id) => keys.activeKeyDeferred(id, 'persoon'));
    expect(made.every((k) => k.durable)).toBe(true);
    expect(rowsOf(ids[0])).toEqual([]);
    // The same key again before its commit (another event of the same append): the same pending key.
    expect(keys.activeKeyDeferred(ids[0], 'persoon')).toBe(made[0]);
    await Promise.all(made.map((k) => k.durable));
    for (const id of ids) expect(rowsOf(id)).toEqual([{ groep: 'persoon', generatie: 1, levend: 1 }]);
    // From then on held in memory, without `durable`.
    const again = keys.activeKeyDeferred(ids[0], 'persoon');
    expect(again.kid).toBe(made[0].kid);
    expect(again.durable).toBeUndefined();
    expect(open().key(made[0].kid)).toEqual(made[0].key);
  });

  it('activeKey (synchronous callers) never hands out a key that is not on disk yet', () => {
    const keys = open();
    const id = randomUUID();
    const pending = keys.activeKeyDeferred(id, 'persoon');
    const sync = keys.activeKey(id, 'persoon');
    expect(sync.kid).toBe(pending.kid);
    expect(rowsOf(id)).toEqual([{ groep: 'persoon', generatie: 1, levend: 1 }]);
  });

  it('a key destroyed by another process (another connection) is not used again by this one', async () => {
    const here = open();
    const there = open();
    const id = randomUUID();
    const first = here.activeKeyDeferred(id, 'persoon');
    await first.durable;
    expect(here.activeKeyDeferred(id, 'persoon').kid).toBe(`${id}/persoon/1`);
    there.destroy(id, ['persoon']);
    const next = here.activeKeyDeferred(id, 'persoon');
    expect(next.kid).toBe(`${id}/persoon/2`);
    await next.durable;
    expect(rowsOf(id)).toEqual([{ groep: 'persoon', generatie: 1, levend: 0 }, { groep: 'persoon', generatie: 2, levend: 1 }]);
  });

  it('a key another process destroyed stops decrypting here, and this process\'s listeners are told, once it follows', async () => {
    const here = open();
    const there = open();
    const [id, other] = [randomUUID(), randomUUID()];
    const made = here.activeKeyDeferred(id, 'persoon');
    await Promise.all([made.durable, here.activeKeyDeferred(other, 'persoon').durable]);
    expect(here.key(made.kid)).toEqual(made.key);
    const told: string[] = [];
    here.onDestroy((t) => told.push(t));

    there.destroy(id, ['persoon']);
    expect(here.key(made.kid)).toEqual(made.key); // held in memory until it looks
    here.followOtherWriters();
    expect(here.key(made.kid)).toBeNull();
    expect(told).toEqual([id]);
    // Nothing new since: looking again tells nobody.
    here.followOtherWriters();
    expect(told).toEqual([id]);
    // A store opened after the destruction does not act on it again.
    const later = open();
    const toldLater: string[] = [];
    later.onDestroy((t) => toldLater.push(t));
    there.destroy(other, ['persoon']);
    later.followOtherWriters();
    expect(toldLater).toEqual([other]);
  });

  it('destroying a key still waiting for its commit destroys it (it is committed first)', () => {
    const keys = open();
    const id = randomUUID();
    keys.activeKeyDeferred(id, 'persoon');
    expect(keys.destroy(id, ['persoon'])).toEqual(['persoon']);
    expect(rowsOf(id)).toEqual([{ groep: 'persoon', generatie: 1, levend: 0 }]);
    expect(keys.activeKey(id, 'persoon').kid).toBe(`${id}/persoon/2`);
  });

  describe('a rebuild page\'s keys read ahead (voorPagina)', () => {
    /** Keys made by one process; read by another (a rebuild), so its cache starts empty. */
    const made = () => {
      const writer = open();
      const ids = [randomUUID(), randomUUID()];
      const kids = ids.flatMap((id) => ['persoon', 'vrije-tekst'].map((g) => writer.activeKey(id, g)));
      writer.close();
      return { ids, kids };
    };

    it('gives the same keys as one query per key, and a trajectory left out is still found', () => {
      const { ids, kids } = made();
      const reader = open();
      reader.voorPagina(new Map([['persoon', [ids[0]]], ['vrije-tekst', [ids[0]]]]));
      for (const k of kids) expect(reader.key(k.kid)).toEqual(k.key);
      expect(reader.key(`${ids[0]}/persoon/9`)).toBeNull();
    });

    it('never hands out a key destroyed after it was read ahead', () => {
      const { ids, kids } = made();
      const reader = open();
      reader.voorPagina(new Map([['persoon', ids], ['vrije-tekst', ids]]));
      // The first key reads both persoon keys ahead (kids 0 and 2); the other stays wrapped, not yet in the cache.
      expect(reader.key(kids[0].kid)).toEqual(kids[0].key);
      reader.destroy(ids[1], ['persoon']);
      expect(reader.key(kids[2].kid)).toBeNull();
      expect(reader.key(kids[3].kid)).toEqual(kids[3].key);
    });

    it('per field group: reads ahead only the group asked for, and never hands out a key of it destroyed after', () => {
      const { ids, kids } = made();
      const reader = open();
      const queries: string[] = [];
      // Count the statements run: a read-ahead is one for the group, the rest come from it.
      for (const [name, stmt] of Object.entries((reader as unknown as { stmts: Record<string, Database.Statement> }).stmts)) {
        const all = stmt.all.bind(stmt);
        const get = stmt.get.bind(stmt);
        stmt.all = ((...args: unknown[]) => (queries.push(name), all(...args))) as never;
        stmt.get = ((...args: unknown[]) => (queries.push(name), get(...args))) as never;
      }
      // kids: [ids[0] persoon, ids[0] vrije-tekst, ids[1] persoon, ids[1] vrije-tekst]
      reader.voorPagina(new Map([['persoon', ids], ['vrije-tekst', [ids[1]]]]));
      expect(reader.key(kids[0].kid)).toEqual(kids[0].key);
      expect(reader.key(kids[2].kid)).toEqual(kids[2].key);
      // Only the persoon keys were read: the group nobody asked for is not.
      expect(queries).toEqual(['ofTrajectenInGroup']);
      expect(reader.key(kids[3].kid)).toEqual(kids[3].key);
      expect(queries).toEqual(['ofTrajectenInGroup', 'ofTrajectenInGroup']);
      // A trajectory the page did not name for the group: one query of its own.
      expect(reader.key(kids[1].kid)).toEqual(kids[1].key);
      expect(queries.at(-1)).toBe('get');

      const again = open();
      again.voorPagina(new Map([['persoon', ids], ['vrije-tekst', ids]]));
      expect(again.key(kids[0].kid)).toEqual(kids[0].key);
      expect(again.key(kids[1].kid)).toEqual(kids[1].key);
      // Both groups read ahead, wrapped; the destroyed key among them is dropped with them.
      again.destroy(ids[1], ['vrije-tekst']);
      expect(again.key(kids[3].kid)).toBeNull();
      expect(again.key(kids[2].kid)).toEqual(kids[2].key);
    });
  });

  it('a key cached long ago (in the older half of the cache) is still served, and never once it is destroyed', () => {
    const writer = open();
    const ids = Array.from({ length: 5_200 }, () => randomUUID());
    const made = ids.map((id) => writer.activeKeyDeferred(id, 'persoon'));
    writer.close();
    const reader = open();
    const first = made[0];
    expect(reader.key(first.kid)).toEqual(first.key);
    // More keys than half the cache: the first one's half becomes the older one.
    reader.voorPagina(new Map([['persoon', ids.slice(1)]]));
    for (const k of made.slice(1)) expect(reader.key(k.kid)).toEqual(k.key);
    expect(reader.key(first.kid)).toEqual(first.key);
    for (const k of made.slice(1)) reader.key(k.kid);
    reader.destroy(ids[0], ['persoon']);
    expect(reader.key(first.kid)).toBeNull();
  });
});
