import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
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
    { provide: EventStore, useFactory: createEventStore, inject: [APP_CONFIG] },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [EventStore, Clock],
})
export class EventsModule implements OnApplicationShutdown {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
