import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { KeyStore } from '../privacy/key-store';
import { RAW_EVENT_STORE, createEncryptingStore, createKeyStore } from '../privacy/privacy-providers';
import { Clock, SystemClock } from './clock';
import { EventStore } from './event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** The ESDB adapter is loaded only when chosen, so the embedded default never touches gRPC. */
export function createEventStore(config: AppConfig): EventStore {
  if (config.eventstoreConnectionString) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventStoreDbEventStore } = require('./esdb/esdb-event-store');
    return new EventStoreDbEventStore(config.eventstoreConnectionString);
  }
  return new SqliteEventStore({ path: config.sqlitePath, synchronous: config.sqliteSynchronous });
}

@Global()
@Module({
  providers: [
    { provide: RAW_EVENT_STORE, useFactory: createEventStore, inject: [APP_CONFIG] },
    { provide: KeyStore, useFactory: createKeyStore, inject: [APP_CONFIG] },
    // Every reader and writer goes through crypto-shredding (src/privacy); the adapter stays underneath.
    { provide: EventStore, useFactory: createEncryptingStore, inject: [RAW_EVENT_STORE, KeyStore, APP_CONFIG] },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [EventStore, RAW_EVENT_STORE, KeyStore, Clock],
})
export class EventsModule implements OnApplicationShutdown {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(RAW_EVENT_STORE) private readonly raw: EventStore,
    private readonly keys: KeyStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    // Closing is idempotent; when a test replaced EventStore, the adapter and the key store still close.
    await this.raw.close();
    this.keys.close();
  }
}
