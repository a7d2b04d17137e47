import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Observable, map } from 'rxjs';
import { NewEvent, StoredEvent } from '../events/envelope';
import { AppendResult, EventStore, ExpectedVersion, LazyReadOptions, ReadAllOptions, storedEventsOf, withStoredEvents } from '../events/event-store';
import { DataOpener, LazyEvent } from '../events/lazy-event';
import { FREEZE_SHARED, deepFreeze } from '../events/shared-events';
import { FieldGroups, FieldPath, IDENTIFIER_FIELDS, erasedIdentifier, pathsByType } from './field-groups';
import { ActiveKey, KeyStore, parseKid } from './key-store';

/** How an encrypted field is stored in an event's data. */
export interface EncryptedField {
  /** `ref`: for an identifier (IDENTIFIER_FIELDS), an HMAC of the value under the same key, so erased values still pair. */
  $versleuteld: { alg: 'A256GCM'; kid: string; iv: string; tag: string; data: string; ref?: string };
}

/** The key of an envelope, as it appears in an event's JSON: data without it holds no envelope. */
const ENVELOPE_KEY = '"$versleuteld"';

/** What a reader sees in place of a field whose key was destroyed. */
export interface ErasedField {
  $gewist: true;
  veldgroep: string;
}

export const ALG = 'A256GCM';

export const isEncrypted = (v: unknown): v is EncryptedField =>
  !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as EncryptedField).$versleuteld === 'object';

export const isErased = (v: unknown): v is ErasedField => !!v && typeof v === 'object' && (v as ErasedField).$gewist === true;

/** `value` sealed with AES-256-GCM under `key` (id `kid`), bound to its place by `aad`. */
export function sealField(kid: string, key: Buffer, aad: Buffer, value: unknown): EncryptedField {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { $versleuteld: { alg: ALG, kid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: ciphertext.toString('base64') } };
}

/**
 * The value in an envelope; once its key was destroyed `{"$gewist": true, veldgroep}` (an identifier's pairing `ref`
 * survives, see erasedIdentifier); `$onleesbaar` when the ciphertext was altered (the integrity check names the event;
 * readers see the field as unreadable, not a crash). `groep`: the group named when the key id names none.
 */
export function openField(keys: Pick<KeyStore, 'key'>, field: EncryptedField, aad: Buffer, groep: string): unknown {
  const { kid, iv, tag, data, ref } = field.$versleuteld;
  // The group is named only for a field that cannot be opened: the kid is parsed then, not for every field.
  const group = () => parseKid(kid)?.group ?? groep;
  const key = keys.key(kid);
  if (!key) return typeof ref === 'string' ? erasedIdentifier(ref) : ({ $gewist: true, veldgroep: group() } satisfies ErasedField);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    // GCM gives every byte from update; final only checks the tag (throws when altered) and gives none: no concat.
    const plain = decipher.update(Buffer.from(data, 'base64'));
    decipher.final();
    return JSON.parse(plain.toString('utf8'));
  } catch {
    return { $onleesbaar: true, veldgroep: group() };
  }
}

/**
 * The pairing `ref` of each identifier field (IDENTIFIER_FIELDS) of the data objects this store handed out opened, by
 * the object that holds the field: see `identifierRef`. Kept beside the data, never in it (a reader sees the same data
 * as ever, and a spread or JSON of it carries no ref).
 */
const identifierRefs = new WeakMap<object, Record<string, string>>();

function rememberRef(container: object, field: string, envelope: EncryptedField): void {
  const { ref } = envelope.$versleuteld;
  if (typeof ref !== 'string') return;
  let refs = identifierRefs.get(container);
  if (!refs) identifierRefs.set(container, (refs = {}));
  refs[field] = ref;
}

/**
 * The envelope's `ref` of an identifier field in data this store opened (lazily or not; whether or not its key still
 * exists), without decrypting it: the same for the same value under the same key, so a read model pairs an activity's
 * start and end by it (ambities) instead of decrypting both. Undefined when the field was not encrypted (a store
 * without encryption, an event written before identifiers were) or the data did not come through this store.
 */
export const identifierRef = (container: object, field: string): string | undefined => identifierRefs.get(container)?.[field];

/** The streams of one trajectory: `traject-<id>` and `privacy-<id>` (a parallel rebuild splits the log along them). */
export const TRAJECT_STREAM_PREFIXES: readonly string[] = ['traject-', 'privacy-'];

/**
 * The trajectory a stream's personal data belongs to (its key id), or null for streams without personal data. The
 * privacy stream of a trajectory (`privacy-<id>`, the erasures' records) shares the trajectory's keys.
 */
export function trajectOfStream(streamId: string): string | null {
  for (const prefix of TRAJECT_STREAM_PREFIXES) if (streamId.startsWith(prefix)) return streamId.slice(prefix.length);
  return null;
}

/** Binds a ciphertext to its place: it cannot be moved to another event or field unnoticed. */
const aadOf = (streamId: string, eventId: string, path: string[]) => Buffer.from(`${streamId}\n${eventId}\n${path.join('.')}`);

/**
 * The EventStore every reader and writer uses (EventsModule wraps the real adapter in it). On append it encrypts the
 * personal fields of trajectory events (see field-groups.ts) with AES-256-GCM under the trajectory's key for that
 * group; the inner adapter then chains the hashes over the ciphertext, so the chain verifies whether or not the
 * key still exists. On read it decrypts; a field whose key was destroyed reads as `{"$gewist": true, veldgroep}`.
 * Verification of the hash chain reads the inner store (RAW_EVENT_STORE), never this one.
 */
export class EncryptingEventStore extends EventStore {
  private readonly paths: Map<string, FieldPath[]>;
  /** Per event type with personal fields, their groups (each once): the keys a rebuild's page may need. */
  private readonly groupsOfType: Map<string, string[]>;

  constructor(
    readonly inner: EventStore,
    private readonly keys: KeyStore,
    groups: FieldGroups,
    private readonly keyIdOf: (streamId: string) => string | null = trajectOfStream,
  ) {
    super();
    this.paths = pathsByType(groups);
    this.groupsOfType = new Map([...this.paths].map(([type, paths]) => [type, [...new Set(paths.map((p) => p.group))]]));
    this.stopForgetting = keys.onDestroy(() => (this.openedForSubscribers = new WeakMap()));
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const owner = this.keyIdOf(streamId);
    if (owner === null) return this.inner.append(streamId, events, expected);
    const newKeys: Promise<void>[] = [];
    const encrypted = events.map((e) => this.encrypt(owner, streamId, e, newKeys));
    const append = () => this.inner.append(streamId, encrypted, expected).then((result) => this.inPlaintext(result, events, encrypted));
    if (newKeys.length === 0) return append();
    // A key made for these events is committed (with the other keys made meanwhile, one fsync) before any event
    // encrypted under it can be: an acknowledged event is never left without its key.
    return Promise.all(newKeys).then(append);
  }

  /** The inner store's `storedEvents` as a read through this store gives them: each encrypted field as it was given (its JSON). */
  private inPlaintext(result: AppendResult, events: NewEvent[], encrypted: NewEvent[]): AppendResult {
    const stored = storedEventsOf(result);
    if (!stored || encrypted.every((e, i) => e === events[i])) return result;
    return withStoredEvents({ ...result }, () =>
      stored().map((e, i) => (encrypted[i] === events[i] ? e : { ...e, data: JSON.parse(JSON.stringify(events[i].data)) })));
  }

  /** Also learns of other instances' erasures first: a caller that reads nothing must not keep what they erased. */
  override knownVersion(streamId: string): number | undefined {
    this.keys.followOtherWritersThisTurn();
    return this.inner.knownVersion(streamId);
  }

  async readStream(streamId: string, afterVersion?: number): Promise<StoredEvent[]> {
    this.keys.followOtherWritersThisTurn();
    return (await this.inner.readStream(streamId, afterVersion)).map((e) => this.decrypt(e));
  }

  /**
   * The inner store's lazy events of one stream (a fold's read), decrypted when their data is first read: a fold reads
   * every event's data, but the envelopes are found by a search of each row's JSON instead of a walk of every parsed
   * object, and the metadata is never parsed for it.
   */
  async readStreamLazily(streamId: string, afterVersion?: number): Promise<StoredEvent[]> {
    this.keys.followOtherWritersThisTurn();
    // One stream: whether it holds personal data is asked once, not per event (a page of readAllLazily mixes streams).
    return this.openLazily(await this.inner.readStreamLazily(streamId, afterVersion), this.keyIdOf(streamId) !== null);
  }

  async readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    this.keys.followOtherWritersThisTurn();
    return (await this.inner.readAll(options)).map((e) => this.decrypt(e));
  }

  /** The inner store's lazy events, decrypted when their data is first read (what no projection reads is never decrypted). */
  async readAllLazily(options?: LazyReadOptions): Promise<StoredEvent[]> {
    this.keys.followOtherWritersThisTurn();
    const page = await this.inner.readAllLazily(options);
    // One pass (a stream's owner found once per event): lazy events of streams with personal data get the decrypting
    // opener, and the keys the page may need are named per group (the groups of the fields its event types hold), each
    // group's read together when the first of them is asked for (KeyStore.voorPagina): a group nobody opens is never read.
    const owners = new Map<string, Set<string>>();
    let eager = false;
    for (const e of page) {
      const owner = this.keyIdOf(e.streamId);
      if (owner === null) continue;
      if (e instanceof LazyEvent) e.openWith(this.opener, ENVELOPE_KEY);
      else eager = true;
      const groups = this.groupsOfType.get(e.type);
      if (!groups) continue;
      for (const g of groups) {
        let ids = owners.get(g);
        if (!ids) owners.set(g, (ids = new Set()));
        ids.add(owner);
      }
    }
    this.keys.voorPagina(new Map([...owners].map(([g, ids]) => [g, [...ids]])));
    // An adapter without lazy reads: its events decrypted now, with the page's keys named.
    if (eager) for (let i = 0; i < page.length; i++) if (!(page[i] instanceof LazyEvent)) page[i] = this.decrypt(page[i]);
    return page;
  }

  /**
   * One stream's events (`personal`: the stream holds personal data): lazy ones get the decrypting opener, an adapter's
   * eager ones are decrypted now. (readAllLazily, whose page mixes streams, does the same per event.)
   */
  private openLazily(page: StoredEvent[], personal: boolean): StoredEvent[] {
    for (let i = 0; i < page.length; i++) {
      const e = page[i];
      if (!(e instanceof LazyEvent)) page[i] = this.decrypt(e);
      else if (personal) e.openWith(this.opener, ENVELOPE_KEY);
    }
    return page;
  }

  /**
   * A lazy event's data: each encrypted top-level field becomes a getter that decrypts it when first read (a rebuild's
   * projections read the dates and codes of such events, rarely the free text or the person); deeper envelopes are
   * opened at once. What a reader sees is the same as `decrypt` gives; the getters are enumerable, so JSON.stringify,
   * spreads and Object.entries see the opened values.
   */
  private readonly opener: DataOpener = (e, data) => {
    // One pass (the data's JSON named an envelope, so there mostly is one): no walk of the whole object first.
    const out: Record<string, unknown> = {};
    let found = false;
    for (const k in data) {
      const v = data[k];
      if (!isEncrypted(v)) {
        if (v !== null && typeof v === 'object' && containsEnvelope(v)) {
          found = true;
          out[k] = this.openData(e.streamId, e.eventId, { [k]: v })[k];
        } else out[k] = v;
        continue;
      }
      found = true;
      rememberRef(out, k, v);
      let opened: { value: unknown } | undefined;
      Object.defineProperty(out, k, {
        enumerable: true,
        configurable: true,
        get: () => (opened ??= { value: openField(this.keys, v, aadOf(e.streamId, e.eventId, [k]), 'onbekend') }).value,
        set: (value: unknown) => void (opened = { value }),
      });
    }
    return found ? out : data;
  };

  subscribe(after?: number): Observable<StoredEvent> {
    return this.inner.subscribe(after).pipe(map((e) => this.decryptShared(e)));
  }

  /**
   * Every projection subscribes on its own, and the SQLite adapter hands all of them the same event objects read in
   * one turn of the event loop (its `tail`): each such event is opened once for all of them, not once per projection
   * (~3% of the server's CPU under command load, measured). Keyed by the inner object, which a later read (after any
   * commit, or in a later turn) makes anew. A key destroyed in between starts a new map (see the constructor): what was
   * opened before the erasure is never handed to a subscriber after it.
   */
  private openedForSubscribers = new WeakMap<StoredEvent, StoredEvent>();
  private readonly stopForgetting: () => void;

  private decryptShared(event: StoredEvent): StoredEvent {
    const known = this.openedForSubscribers.get(event);
    if (known) return known;
    // Opening anew: first learn of erasures by other instances (they too start a new map).
    this.keys.followOtherWritersThisTurn();
    const opened = this.decrypt(event);
    // Shared like the inner events, so frozen like them in tests: a subscriber that changes one fails loudly.
    if (FREEZE_SHARED && opened !== event) deepFreeze(opened);
    this.openedForSubscribers.set(event, opened);
    return opened;
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  identity(): Promise<string> {
    return this.inner.identity();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  async close(): Promise<void> {
    this.stopForgetting();
    await this.inner.close();
    this.keys.close();
  }

  /** The event with each configured personal field replaced by its ciphertext envelope. */
  encrypt(owner: string, streamId: string, event: NewEvent, newKeys?: Promise<void>[]): NewEvent {
    const paths = this.paths.get(event.type);
    if (!paths) return event;
    let data: Record<string, unknown> | undefined;
    for (const { group, path } of paths) {
      const value = getPath(event.data, path);
      if (value === undefined || value === null || isEncrypted(value)) continue;
      data ??= structuredClone(event.data);
      // Without `newKeys` to wait on, a new key is committed before this returns (activeKey).
      const active: ActiveKey = newKeys ? this.keys.activeKeyDeferred(owner, group) : this.keys.activeKey(owner, group);
      if (active.durable) newKeys!.push(active.durable);
      const { kid, key } = active;
      const envelope = sealField(kid, key, aadOf(streamId, event.eventId, path), value);
      if (IDENTIFIER_FIELDS.has(path[path.length - 1])) {
        envelope.$versleuteld.ref = createHmac('sha256', key).update(JSON.stringify(value)).digest('hex').slice(0, 16);
      }
      setPath(data, path, envelope);
    }
    return data ? { ...event, data } : event;
  }

  /** The event with every ciphertext envelope (wherever it is, whatever today's configuration) opened or marked erased. */
  decrypt<E extends StoredEvent>(event: E): E {
    if (this.keyIdOf(event.streamId) === null) return event;
    const data = this.openData(event.streamId, event.eventId, event.data);
    return data !== event.data ? { ...event, data } : event;
  }

  /** `data` with every envelope opened; the same object when it holds none. */
  private openData(streamId: string, eventId: string, data: Record<string, unknown>): Record<string, unknown> {
    if (!containsEnvelope(data)) return data;
    const open = (value: unknown, path: string[]): unknown => {
      if (isEncrypted(value)) return openField(this.keys, value, aadOf(streamId, eventId, path), 'onbekend');
      if (Array.isArray(value)) {
        const out = value.map((v, i) => open(v, [...path, String(i)]));
        value.forEach((v, i) => isEncrypted(v) && rememberRef(out, String(i), v));
        return out;
      }
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          out[k] = open(v, [...path, k]);
          if (isEncrypted(v)) rememberRef(out, k, v);
        }
        return out;
      }
      return value;
    };
    return open(data, []) as Record<string, unknown>;
  }

}

function containsEnvelope(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  if (isEncrypted(value)) return true;
  return Object.values(value).some(containsEnvelope);
}

function getPath(data: unknown, path: string[]): unknown {
  let v = data;
  for (const k of path) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function setPath(data: Record<string, unknown>, path: string[], value: unknown): void {
  let v = data;
  for (const k of path.slice(0, -1)) v = v[k] as Record<string, unknown>;
  v[path[path.length - 1]] = value;
}
