import { Logger } from '@nestjs/common';
import { AppConfig } from '../config';
import { EventStore } from '../events/event-store';
import { EncryptingEventStore } from './encrypting-event-store';
import { parseFieldGroups } from './field-groups';
import { KeyStore } from './key-store';
import { keystorePathOf, resolveMasterKey } from './master-key';

/** The adapter itself, without decryption: for the hash-chain verification, which must see what is stored. */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');

export function createKeyStore(config: AppConfig): KeyStore {
  const logger = new Logger('KeyStore');
  // Never less durable than FULL, except where the events are not durable either (OFF); EXTRA is followed.
  const synchronous = config.sqliteSynchronous === 'OFF' || config.sqliteSynchronous === 'EXTRA' ? config.sqliteSynchronous : 'FULL';
  return new KeyStore(keystorePathOf(config), resolveMasterKey(config, (msg) => logger.warn(msg)), { synchronous });
}

export function createEncryptingStore(inner: EventStore, keys: KeyStore, config: AppConfig): EventStore {
  return new EncryptingEventStore(inner, keys, parseFieldGroups(config.erasureFieldGroups));
}
