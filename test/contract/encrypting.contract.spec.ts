import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { EventStore } from '../../src/events/event-store';
import { SqliteEventStore } from '../../src/events/sqlite/sqlite-event-store';
import { EncryptingEventStore } from '../../src/privacy/encrypting-event-store';
import { DEFAULT_FIELD_GROUPS } from '../../src/privacy/field-groups';
import { KeyStore } from '../../src/privacy/key-store';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The crypto-shredding decorator over SQLite keeps every promise of the port for streams without personal data
 * (the contract's streams). Encryption itself, whose hash chain covers the ciphertext, is tested in
 * src/privacy/encrypting-event-store.int.spec.ts.
 */
describeEventStoreContract('crypto-shredding decorator over SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ie-contract-enc-'));
  const path = join(dir, 'events.sqlite');
  const keys = new KeyStore(join(dir, 'keys.sqlite'), randomBytes(32));
  const opened: EventStore[] = [];
  const open = () => {
    const store = new EncryptingEventStore(new SqliteEventStore({ path, pollIntervalMs: 20 }), keys, DEFAULT_FIELD_GROUPS);
    opened.push(store);
    return store;
  };
  return {
    store: open(),
    openAnother: async () => open(),
    cleanup: async () => {
      for (const store of opened) await (store as EncryptingEventStore).inner.close();
      keys.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
