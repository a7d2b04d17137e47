import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { oncePerTurn } from '../events/once-per-turn';

/**
 * Data keys for crypto-shredding, one per (trajectory, field group, generation), in their own SQLite file apart
 * from the events. Each key is stored wrapped (AES-256-GCM) under the master key, which never touches the disk
 * in production. Destroying a key overwrites it (secure_delete) and truncates the WAL: what was encrypted under it
 * can then never be read again, while the events themselves (and their hash chain) stay untouched.
 *
 * A key id (`kid`) is `<trajectId>/<group>/<generation>`. After a key is destroyed, new personal data in the same
 * trajectory and group gets a fresh key (the next generation); the erased data stays erased.
 */
export interface DataKey {
  kid: string;
  key: Buffer;
}

/** A data key to encrypt with now; `durable` when it was just made: it is on disk once that settles (write nothing under it before). */
export interface ActiveKey extends DataKey {
  durable?: Promise<void>;
}

interface PendingKey {
  trajectId: string;
  group: string;
  generation: number;
  wrapped: Buffer;
  createdAt: string;
  done: { resolve(): void; reject(err: unknown): void };
}

export interface KeyInfo {
  trajectId: string;
  group: string;
  generation: number;
  createdAt: string;
  destroyedAt: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ie_keys (
  traject_id   TEXT    NOT NULL,
  groep        TEXT    NOT NULL,
  generatie    INTEGER NOT NULL,
  wrapped      BLOB,
  created_at   TEXT    NOT NULL,
  destroyed_at TEXT,
  PRIMARY KEY (traject_id, groep, generatie)
);
CREATE TABLE IF NOT EXISTS ie_keystore_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
-- Every destruction in order, so that another process on this file learns which trajectories it must forget.
CREATE TABLE IF NOT EXISTS ie_key_destructions (seq INTEGER PRIMARY KEY AUTOINCREMENT, traject_id TEXT NOT NULL, groep TEXT NOT NULL);
`;

const CACHE_MAX = 10_000;
const CHECK_PLAINTEXT = Buffer.from('inburgering-engine keystore v1');

export const kidOf = (trajectId: string, group: string, generation: number): string => `${trajectId}/${group}/${generation}`;

export function parseKid(kid: string): { trajectId: string; group: string; generation: number } | null {
  const m = /^(.+)\/([a-z][a-z0-9-]*)\/(\d+)$/.exec(kid);
  return m ? { trajectId: m[1], group: m[2], generation: Number(m[3]) } : null;
}

export class KeyStoreMismatch extends Error {
  constructor() {
    super('KEYSTORE_MASTER_KEY past niet bij deze sleutelopslag: met een andere hoofdsleutel zijn de gegevens onleesbaar');
    this.name = 'KeyStoreMismatch';
  }
}

export class KeyStore {
  private readonly db: Database.Database;
  /**
   * Unwrapped keys by kid; `null` = known destroyed or absent. Bounded in two generations: `cache` fills up to half of
   * CACHE_MAX, then becomes `older` (the one before is dropped) and a new one starts; a key found in `older` moves up.
   * Recently used keys stay, as with an LRU, but a hit is one `get`, not a delete and a set, and no eviction walks
   * the map (deleting the first key of a large Map again and again made key() a tenth of a rebuild's decrypting).
   */
  private cache = new Map<string, Buffer | null>();
  private older = new Map<string, Buffer | null>();
  private readonly stmts;
  private readonly destroyListeners = new Set<(trajectId: string) => void>();
  /**
   * The live key of each (trajectory, group) this process encrypted with, so an append reads nothing here. Valid while
   * no other connection committed to the file (`PRAGMA data_version`, checked on every use): another process that
   * destroyed a key, or made one, empties it. This process's own destroy updates it directly. Bounded like `cache`.
   */
  private readonly active = new Map<string, ActiveKey>();
  private dataVersion = -1;
  /** The last destruction (`ie_key_destructions.seq`) this process has acted on. */
  private destructionsSeen: number;
  /** Keys made by `activeKeyDeferred` and not yet committed: written together in one transaction (one fsync). */
  private pending: PendingKey[] = [];
  /** The same keys by `<trajectId>/<group>`: found even when `active` was emptied before their commit. */
  private readonly pendingById = new Map<string, ActiveKey>();
  private flushScheduled = false;
  /**
   * A rebuild's page ahead (`voorPagina`): per field group, the trajectories whose keys of that group its events may
   * need. At the first key of a group asked for and not cached, the keys of that group of all of them are read in one
   * query (`vooruit`, still wrapped; each unwrapped only when asked for) instead of one query per key; a group nobody
   * asks for is never read. Until the next page, or until any key is forgotten.
   */
  private vooruitIds: Map<string, string[]> | undefined;
  private vooruit: Map<string, Buffer | null> | undefined;
  private readonly insertPending: Database.Transaction<(keys: PendingKey[]) => void>;

  /**
   * `synchronous` is FULL unless the events themselves are written without durability (`OFF`, as the demo does to
   * fill a store that can always be made again): a key must be at least as durable as the events encrypted under it,
   * and with `OFF` nothing is.
   */
  constructor(path: string, private readonly masterKey: Buffer, options: { synchronous?: 'OFF' | 'FULL' | 'EXTRA' } = {}) {
    if (masterKey.length !== 32) throw new Error('De hoofdsleutel van de sleutelopslag moet 32 bytes zijn');
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    // Freed pages are zeroed, so a destroyed key does not linger in the file.
    this.db.pragma('secure_delete = ON');
    // Up to 32 MB of page cache (SQLite's default is 2 MB, used only as pages are read): a rebuild of a large log asks for
    // the keys of every trajectory, ids in random order, so with 2 MB nearly every lookup read its page from the file again
    // (the 1M-event log's key file is 19 MB).
    this.db.pragma('cache_size = -32768');
    this.db.exec(SCHEMA);
    this.stmts = {
      latest: this.db.prepare<[string, string], { generatie: number; wrapped: Buffer | null }>(
        'SELECT generatie, wrapped FROM ie_keys WHERE traject_id = ? AND groep = ? ORDER BY generatie DESC LIMIT 1'),
      get: this.db.prepare<[string, string, number], { wrapped: Buffer | null }>(
        'SELECT wrapped FROM ie_keys WHERE traject_id = ? AND groep = ? AND generatie = ?'),
      insert: this.db.prepare('INSERT INTO ie_keys (traject_id, groep, generatie, wrapped, created_at) VALUES (?, ?, ?, ?, ?)'),
      destroy: this.db.prepare(
        'UPDATE ie_keys SET wrapped = NULL, destroyed_at = ? WHERE traject_id = ? AND groep = ? AND wrapped IS NOT NULL'),
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
      logDestruction: this.db.prepare('INSERT INTO ie_key_destructions (traject_id, groep) VALUES (?, ?)'),
      destructionsAfter: this.db.prepare<[number], { seq: number; traject_id: string; groep: string }>(
        'SELECT seq, traject_id, groep FROM ie_key_destructions WHERE seq > ? ORDER BY seq'),
      lastDestruction: this.db.prepare<[], number | null>('SELECT max(seq) FROM ie_key_destructions').pluck(),
      // The kid made in SQL, rows as arrays: half of a read-ahead's cost was making each row's object and strings in JS.
      ofTrajectenInGroup: this.db.prepare<[string, string], [string, Buffer | null]>(
        `SELECT traject_id || '/' || groep || '/' || generatie, wrapped FROM ie_keys WHERE traject_id IN (SELECT value FROM json_each(?)) AND groep = ?`).raw(),
      list: this.db.prepare<[string], { traject_id: string; groep: string; generatie: number; created_at: string; destroyed_at: string | null }>(
        'SELECT traject_id, groep, generatie, created_at, destroyed_at FROM ie_keys WHERE traject_id = ? ORDER BY groep, generatie'),
    };
    this.checkMasterKey();
    this.destructionsSeen = this.stmts.lastDestruction.get() ?? 0;
    this.dataVersion = this.stmts.dataVersion.get()!;
    this.insertPending = this.db.transaction((keys: PendingKey[]) => {
      for (const k of keys) this.stmts.insert.run(k.trajectId, k.group, k.generation, k.wrapped, k.createdAt);
    });
  }

  /** A store opened with another master key would make every field look erased: refuse instead. */
  private checkMasterKey(): void {
    const row = this.db.prepare('SELECT value FROM ie_keystore_meta WHERE name = ?').get('check') as { value: Buffer } | undefined;
    if (!row) {
      this.db.prepare('INSERT INTO ie_keystore_meta (name, value) VALUES (?, ?)').run('check', this.wrap(CHECK_PLAINTEXT, 'check'));
      return;
    }
    let plain: Buffer;
    try {
      plain = this.unwrap(row.value, 'check');
    } catch {
      throw new KeyStoreMismatch();
    }
    if (!plain.equals(CHECK_PLAINTEXT)) throw new KeyStoreMismatch();
  }

  /** The key new data of this trajectory and group is encrypted with; made (durably, before this returns) when there is none alive. */
  activeKey(trajectId: string, group: string): DataKey {
    const active = this.activeKeyDeferred(trajectId, group);
    // A key another caller made is still waiting for its commit: commit it now, so this caller may use it at once.
    if (active.durable) this.flushPending();
    return { kid: active.kid, key: active.key };
  }

  /**
   * As `activeKey`, but a key that has to be made is committed with the other keys made in this turn of the event
   * loop, in one transaction: the caller awaits `durable` before it writes anything encrypted under it (the event
   * store's append: a registration's new key rides with the others instead of an fsync of its own on the event loop).
   * If that commit fails, `durable` rejects and the key is forgotten (the next call makes another).
   */
  activeKeyDeferred(trajectId: string, group: string): ActiveKey {
    this.followOtherWriters();
    const id = `${trajectId}/${group}`;
    const known = this.active.get(id) ?? this.pendingById.get(id);
    if (known) return known;
    const latest = this.stmts.latest.get(trajectId, group);
    if (latest?.wrapped) {
      const kid = kidOf(trajectId, group, latest.generatie);
      const key = this.cached(kid) ?? this.remember(kid, this.unwrap(latest.wrapped, kid))!;
      return this.rememberActive(id, { kid, key });
    }
    const generation = (latest?.generatie ?? 0) + 1;
    const kid = kidOf(trajectId, group, generation);
    const key = randomBytes(32);
    let done!: PendingKey['done'];
    const durable = new Promise<void>((resolve, reject) => (done = { resolve, reject }));
    // Awaited by the caller; a failed commit must not also be an unhandled rejection when nobody else waits.
    durable.catch(() => undefined);
    this.pending.push({ trajectId, group, generation, wrapped: this.wrap(key, kid), createdAt: new Date().toISOString(), done });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flushPending());
    }
    this.remember(kid, key);
    const active: ActiveKey = { kid, key, durable };
    void durable.then(() => delete active.durable, () => undefined);
    this.pendingById.set(id, active);
    return this.rememberActive(id, active);
  }

  /** Commits the keys made since the last commit, in one transaction; answers their `durable` only after it. */
  private flushPending(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    this.pendingById.clear();
    if (batch.length === 0) return;
    try {
      if (!this.db.open) throw new Error('De sleutelopslag is gesloten');
      this.insertPending.immediate(batch);
    } catch (err) {
      for (const k of batch) {
        const kid = kidOf(k.trajectId, k.group, k.generation);
        this.cache.delete(kid);
        this.older.delete(kid);
        this.active.delete(`${k.trajectId}/${k.group}`);
        k.done.reject(err);
      }
      return;
    }
    for (const k of batch) k.done.resolve();
  }

  private rememberActive(id: string, key: ActiveKey): ActiveKey {
    if (this.active.size >= CACHE_MAX) this.active.delete(this.active.keys().next().value as string);
    this.active.set(id, key);
    return key;
  }

  /** The key with this id, or null when it was destroyed (or never existed). */
  key(kid: string): Buffer | null {
    const known = this.cached(kid);
    if (known !== undefined) return known;
    if (this.vooruitIds) this.leesVooruit(kid);
    const vooruit = this.vooruit?.get(kid);
    if (vooruit !== undefined) return this.remember(kid, vooruit && this.unwrap(vooruit, kid));
    const parsed = parseKid(kid);
    const row = parsed && this.stmts.get.get(parsed.trajectId, parsed.group, parsed.generation);
    return this.remember(kid, row?.wrapped ? this.unwrap(row.wrapped, kid) : null);
  }

  /**
   * The trajectories whose keys the next reads (a rebuild's page of events) may ask for, per field group: a group's
   * keys are read together, at the first key of that group not cached, in one query. A
   * rebuild of a log with more trajectories than `cache` holds asks for about one key per trajectory and group, and a
   * query per key was a tenth of its time (23 µs each, measured on the 1M log).
   */
  voorPagina(trajectIdsPerGroup: Map<string, string[]>): void {
    // A copy: groups are taken off it as they are read.
    const perGroup = new Map([...trajectIdsPerGroup].filter(([, ids]) => ids.length > 0));
    this.vooruitIds = perGroup.size ? perGroup : undefined;
    this.vooruit = undefined;
  }

  /** Reads ahead the keys of the group of `kid` that the page named. */
  private leesVooruit(kid: string): void {
    const pending = this.vooruitIds!;
    const group = parseKid(kid)?.group;
    const ids = group === undefined ? undefined : pending.get(group);
    if (group === undefined || !ids) return;
    pending.delete(group);
    if (pending.size === 0) this.vooruitIds = undefined;
    const rows = this.stmts.ofTrajectenInGroup.all(JSON.stringify(ids), group);
    const vooruit = (this.vooruit ??= new Map());
    for (const [k, wrapped] of rows) vooruit.set(k, wrapped);
  }

  /** Destroys every live key of these groups for the trajectory; returns the groups that had one. */
  destroy(trajectId: string, groups: string[], at = new Date()): string[] {
    // A key handed out but not yet committed is destroyed too: commit it first.
    this.flushPending();
    const destroyed = this.db.transaction(() =>
      groups.filter((g) => {
        if (this.stmts.destroy.run(at.toISOString(), trajectId, g).changes === 0) return false;
        this.stmts.logDestruction.run(trajectId, g);
        return true;
      }))();
    this.forgetKeys(trajectId, groups);
    // Move the overwritten pages into the main file and empty the WAL, so no copy of the key stays behind.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return destroyed;
  }

  /**
   * Acts on what another process committed to this file since the last call: a destroyed key is forgotten here too
   * (with whatever its listeners decrypted under it), and the live keys are looked up again. One `PRAGMA data_version`
   * when nothing changed. Readers ask through `followOtherWritersThisTurn`, so a trajectory erased by another instance
   * reads as erased here from the next turn of the event loop on.
   */
  followOtherWriters(): void {
    const version = this.stmts.dataVersion.get()!;
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    this.active.clear();
    const byTraject = new Map<string, string[]>();
    for (const d of this.stmts.destructionsAfter.all(this.destructionsSeen)) {
      this.destructionsSeen = d.seq;
      byTraject.set(d.traject_id, [...(byTraject.get(d.traject_id) ?? []), d.groep]);
    }
    for (const [trajectId, groups] of byTraject) this.forgetKeys(trajectId, groups);
  }

  /**
   * `followOtherWriters` at most once per turn of the event loop: readers ask on every read, and the pragma begins a
   * read transaction of its own (~3 % of a command's CPU). Another instance's erasure is followed from the next turn on.
   */
  readonly followOtherWritersThisTurn = oncePerTurn(() => this.followOtherWriters());

  /** Forgets the keys of these groups, and tells whoever holds data decrypted under them (the trajectories' state cache) to drop it. */
  private forgetKeys(trajectId: string, groups: string[]): void {
    // What was read ahead may hold the destroyed key: read again when asked.
    this.vooruit = undefined;
    for (const cache of [this.cache, this.older]) {
      for (const kid of [...cache.keys()]) {
        const parsed = parseKid(kid);
        if (parsed && parsed.trajectId === trajectId && groups.includes(parsed.group)) cache.set(kid, null);
      }
    }
    for (const g of groups) this.active.delete(`${trajectId}/${g}`);
    for (const listener of this.destroyListeners) listener(trajectId);
  }

  /** Calls `listener` with the trajectory id after its keys were destroyed; returns the unsubscribe. */
  onDestroy(listener: (trajectId: string) => void): () => void {
    this.destroyListeners.add(listener);
    return () => this.destroyListeners.delete(listener);
  }

  keys(trajectId: string): KeyInfo[] {
    return this.stmts.list.all(trajectId).map((r) => ({
      trajectId: r.traject_id, group: r.groep, generation: r.generatie, createdAt: r.created_at, destroyedAt: r.destroyed_at,
    }));
  }

  /** A secret for another purpose (e.g. pseudonyms), derived from the master key: never the master key itself. */
  deriveSecret(info: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.masterKey, Buffer.alloc(0), info, 32));
  }

  close(): void {
    // Keys already handed out are committed (and their writers answered) before the file closes.
    if (this.db.open) this.flushPending();
    if (this.db.open) this.db.close();
  }

  /** The cached key (null: known destroyed or absent), or undefined when not cached; a key found in `older` moves up. */
  private cached(kid: string): Buffer | null | undefined {
    const key = this.cache.get(kid);
    if (key !== undefined) return key;
    const old = this.older.get(kid);
    return old === undefined ? undefined : this.remember(kid, old);
  }

  private remember(kid: string, key: Buffer | null): Buffer | null {
    if (this.cache.size >= CACHE_MAX / 2) {
      this.older = this.cache;
      this.cache = new Map();
    }
    this.cache.set(kid, key);
    return key;
  }

  private wrap(key: Buffer, kid: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(kid));
    const data = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]);
  }

  private unwrap(wrapped: Buffer, kid: string): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(kid));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    // GCM gives every byte from update; final only checks the tag (throws when it does not match) and gives none.
    const key = decipher.update(wrapped.subarray(28));
    decipher.final();
    return key;
  }
}

/** HMAC-SHA256, hex: a stable pseudonym that cannot be reversed without the secret. */
export const pseudonym = (secret: Buffer, value: string): string => createHmac('sha256', secret).update(value).digest('hex');
