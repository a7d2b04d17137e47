import { EventStore } from '../../src/events/event-store';
import { EventStoreDbEventStore } from '../../src/events/esdb/esdb-event-store';
import { describeAuditPagingContract } from './audit-paging.contract';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The EventStoreDB leg: runs only against a live server, e.g.
 *   docker compose up -d eventstore
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest --selectProjects int
 * Every test uses fresh stream ids, so one server serves the whole run.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  jest.setTimeout(30_000);
  describeEventStoreContract('EventStoreDB', async () => {
    const opened: EventStore[] = [];
    const open = () => {
      const store = new EventStoreDbEventStore(connectionString);
      opened.push(store);
      return store;
    };
    return {
      store: open(),
      openAnother: async () => open(),
      cleanup: async () => {
        for (const store of opened) await store.close();
      },
    };
  });
  // Audit paging with EventStoreDB's own positions (byte offsets): cursors, never position arithmetic.
  describeAuditPagingContract('EventStoreDB', async () => {
    const store = new EventStoreDbEventStore(connectionString);
    return { store, cleanup: () => store.close() };
  });
} else {
  const reason = 'EventStoreDB contract leg skipped: EVENTSTORE_CONNECTION_STRING is not set (docker compose up -d eventstore, then set it)';
  process.stderr.write(`${reason}\n`);
  it.skip(reason, () => undefined);
}
