import { existsSync, readFileSync } from 'node:fs';
import { SqliteEventStore } from '../src/events/sqlite/sqlite-event-store';
import { EncryptingEventStore } from '../src/privacy/encrypting-event-store';
import { DEFAULT_FIELD_GROUPS } from '../src/privacy/field-groups';
import { KeyStore } from '../src/privacy/key-store';
import { Bron } from '../src/projections/herbouw-parallel';

/** The large log at `sqlitePath`, its key store beside it (`<path>-keys.sqlite`) under `masterKey`. */
export const largeBron = (sqlitePath: string, masterKey: Uint8Array): Bron => ({ sqlitePath, keystorePath: `${sqlitePath}-keys.sqlite`, masterKey });
/** Where a kept large log's master key is written (hex). */
export const masterKeyFile = (sqlitePath: string) => `${sqlitePath}.master-key`;

/**
 * The large log kept at BENCH_LARGE_SQLITE_PATH by `npm run bench:projections` (its key store and master key beside
 * it), or undefined when it is not there yet. It is read as written: with `total`, a kept log of another size is refused.
 */
export function keptLargeLog(path: string, total?: number): { store: EncryptingEventStore; bron: Bron; events: number } | undefined {
  if (!existsSync(path) || !existsSync(masterKeyFile(path))) return undefined;
  const bron = largeBron(path, Buffer.from(readFileSync(masterKeyFile(path), 'utf8').trim(), 'hex'));
  const raw = new SqliteEventStore({ path });
  const store = new EncryptingEventStore(raw, new KeyStore(bron.keystorePath, Buffer.from(bron.masterKey)), DEFAULT_FIELD_GROUPS);
  const { n } = raw.db.prepare('SELECT count(*) AS n FROM ie_events').get() as { n: number };
  if (total !== undefined && n !== total) throw new Error(`${path} holds ${n} events, not PROJECTION_BENCH_EVENTS=${total}: remove it or set the count`);
  return { store, bron, events: n };
}
