/**
 * `npx ts-node --transpile-only scripts/fold-equivalence.ts <events.sqlite>`: folds every inburgering trajectory of an
 * event store (e.g. the demo's, `SQLITE_PATH=… npm run demo`) through today's machine and through main c2c65f4's (the
 * test fixture in src/trajectories/inburgering/testing/c2c65f4), prefix by prefix, and prints every difference (see
 * `verschillen`): after each prefix the state value, status, context, view and toegestaneActies, the answer for every
 * action, and the outcome of every fact of the stream and one fact of each type seen in the store, tried next.
 * Reads the adapter directly (personal fields stay sealed: the machine never reads them). Exit code 1 on a difference.
 */
import { StoredEvent } from '../src/events/envelope';
import { SqliteEventStore } from '../src/events/sqlite/sqlite-event-store';
import { asDomainEvent } from '../src/trajectories/core/fold';
import { DomainEvent } from '../src/trajectories/core/kind';
import { verschillen } from '../src/trajectories/inburgering/testing/c2c65f4/vergelijk';

async function main(path: string): Promise<void> {
  const store = new SqliteEventStore({ path });
  const streams = new Map<string, StoredEvent[]>();
  for (let after = 0, page = await store.readAll({ after, limit: 5000 }); page.length; page = await store.readAll({ after, limit: 5000 })) {
    for (const e of page) if (e.streamId.startsWith('traject-')) (streams.get(e.streamId) ?? streams.set(e.streamId, []).get(e.streamId)!).push(e);
    after = page[page.length - 1].position;
  }
  await store.close();
  const trajecten = [...streams.values()].filter((s) => s[0].type === 'InburgeraarGeregistreerd' && (s[0].data as { soort?: string }).soort !== 'ondertussen');
  const eenPerType = new Map<string, DomainEvent>();
  for (const s of trajecten) for (const e of s) if (!eenPerType.has(e.type)) eenPerType.set(e.type, asDomainEvent(e));
  let metVerschil = 0;
  let prefixen = 0;
  for (const s of trajecten) {
    const d = verschillen(s, '2025-12-31', [...s.map(asDomainEvent), ...eenPerType.values()]);
    prefixen += s.length + 1;
    if (d.length && ++metVerschil <= 5) console.log(d.join('\n'));
  }
  const events = trajecten.reduce((n, s) => n + s.length, 0);
  console.log(`${trajecten.length} inburgering trajectories, ${events} events, ${prefixen} prefixes compared; ${metVerschil} with a difference`);
  if (metVerschil) process.exitCode = 1;
}

main(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
