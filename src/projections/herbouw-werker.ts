/**
 * The worker thread of a parallel rebuild (herbouw-parallel.ts): it opens the SQLite event store itself (WAL lets it
 * read beside the main thread), builds the application's projections from the recipe it is sent, and rebuilds the
 * ones named, from its share of the trajectories up to the head it is given, into a side file. Loaded from the compiled build as .js, or as .ts under ts-node (see WERKER_START).
 */
import { parentPort } from 'node:worker_threads';
import { AppModule } from '../app.module';
import { SqliteEventStore } from '../events/sqlite/sqlite-event-store';
import { EventStore } from '../events/event-store';
import { EncryptingEventStore } from '../privacy/encrypting-event-store';
import { parseFieldGroups } from '../privacy/field-groups';
import { KeyStore } from '../privacy/key-store';
import { herbouw, kies } from './herbouw';
import { Bron, WerkerAntwoord, WerkerOpdracht } from './herbouw-parallel';
import { projectionsOfApp } from './projection-catalog';
import { openProjectionsDb } from './projections-db';
import { ProjectionRunner } from './runner';
import { zoeksleutel } from './zoeksleutels';

/** Stores opened, per source: kept across rebuilds, like the main thread's (its decrypted keys cached). */
const stores = new Map<string, EventStore>();

function storeVan(bron: Bron): EventStore {
  const sleutel = JSON.stringify([bron.sqlitePath, bron.keystorePath]);
  let store = stores.get(sleutel);
  if (!store) {
    const keys = new KeyStore(bron.keystorePath, Buffer.from(bron.masterKey), { synchronous: 'OFF' });
    store = new EncryptingEventStore(new SqliteEventStore({ path: bron.sqlitePath }), keys, parseFieldGroups(bron.erasureFieldGroups));
    stores.set(sleutel, store);
  }
  return store;
}

async function voerUit(opdracht: WerkerOpdracht): Promise<WerkerAntwoord> {
  const store = storeVan(opdracht.bron);
  const alle = projectionsOfApp(AppModule, { sleutels: { bsnSleutel: zoeksleutel(Buffer.from(opdracht.bsnIndexGeheim)) }, config: { duo: opdracht.duo } });
  const gekozen = kies(alle, opdracht.namen);
  const db = openProjectionsDb(opdracht.pad);
  try {
    // A side file, made again on every run and removed after a failure: no sync, no journal (nothing to roll back to),
    // and no other connection until this one closes (the main thread attaches it after the answer).
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    const runner = new ProjectionRunner(store, db, gekozen);
    return { ok: true, herbouwd: await herbouw(runner, store, gekozen, { pageSize: opdracht.pageSize, zonderIndexen: true, deel: opdracht.deel, tot: opdracht.tot }) };
  } finally {
    db.close();
  }
}

// The main thread ends the worker with terminate() (HerbouwWerker.stop): every message is a rebuild.
parentPort!.on('message', (bericht: WerkerOpdracht) => {
  voerUit(bericht).then(
    (antwoord) => parentPort!.postMessage(antwoord),
    (err: unknown) => parentPort!.postMessage({ ok: false, fout: err instanceof Error ? err.stack ?? err.message : String(err) } satisfies WerkerAntwoord),
  );
});
parentPort!.postMessage('klaar');
