import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../events/sqlite/sqlite-event-store';
import { EncryptingEventStore } from '../encrypting-event-store';
import { DEFAULT_FIELD_GROUPS } from '../field-groups';
import { KeyStore } from '../key-store';

/** For tests: the server's store as it runs (real SQLite files, the encrypting store, a random master key) in a temp dir. */
export interface TempEncryptingStore {
  dir: string;
  keys: KeyStore;
  store: EncryptingEventStore;
  /** Closes the store and removes the directory. */
  remove(): Promise<void>;
}

export function encryptingStoreInTempDir(prefix: string): TempEncryptingStore {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const keys = new KeyStore(join(dir, 'keys.sqlite'), randomBytes(32));
  const store = new EncryptingEventStore(new SqliteEventStore({ path: join(dir, 'events.sqlite') }), keys, DEFAULT_FIELD_GROUPS);
  return {
    dir, keys, store,
    remove: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
