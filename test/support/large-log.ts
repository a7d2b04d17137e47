import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { NewEvent } from '../../src/events/envelope';
import { SqliteEventStore } from '../../src/events/sqlite/sqlite-event-store';
import { EncryptingEventStore } from '../../src/privacy/encrypting-event-store';
import { DEFAULT_FIELD_GROUPS } from '../../src/privacy/field-groups';
import { Voortgang } from '../../src/voortgang';
import { KeyStore } from '../../src/privacy/key-store';

export interface LargeLog {
  raw: SqliteEventStore;
  keys: KeyStore;
  store: EncryptingEventStore;
  events: number;
  close(): Promise<void>;
}

/**
 * A log of `total` events written straight into a fresh SQLite file (one transaction, no per-append work), for
 * export benchmarks: trajectories of `perStream` events, each starting with a registration whose `persoon` is
 * encrypted as the app would, every tenth event a progress interview with an encrypted `verslag`. The hashes are
 * placeholders (the export does not check them).
 */
export function writeLargeLog(dir: string, total: number, perStream = 500, voortgang?: Voortgang): LargeLog {
  const raw = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'OFF' });
  const keys = new KeyStore(join(dir, 'keys.sqlite'), randomBytes(32));
  const store = new EncryptingEventStore(raw, keys, DEFAULT_FIELD_GROUPS);
  const insert = raw.db.prepare(
    `INSERT INTO ie_events (stream_id, version, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const base = Date.parse('2025-01-01T08:00:00Z');
  const write = raw.db.transaction(() => {
    let traject = '';
    let streamId = '';
    for (let i = 0; i < total; i++) {
      if (i % 10_000 === 0) voortgang?.bij(i);
      const version = (i % perStream) + 1;
      if (version === 1) {
        traject = randomUUID();
        streamId = `traject-${traject}`;
      }
      const recordedAt = new Date(base + i * 1000).toISOString();
      const datum = recordedAt.slice(0, 10);
      let event: NewEvent = {
        eventId: randomUUID(),
        type: version === 1 ? 'InburgeraarGeregistreerd' : version % 10 === 0 ? 'VoortgangsgesprekGevoerd' : 'UrenGeregistreerd',
        data: version === 1
          ? { soort: 'inburgering', doelgroep: 'asielstatushouder', datum, persoon: { naam: `Persoon ${i}`, geboortedatum: '1990-01-01', geslacht: 'x', bsn: '111222333' } }
          : version % 10 === 0 ? { datum, verslag: `Gesprek ${i}: voortgang besproken, volgende stap afgesproken.` }
            : { datum, soort: 'nt2', uren: 4, periode: { van: datum, tot: datum } },
        metadata: {
          actor: { id: 'kim', rol: 'klantmanager' }, correlationId: randomUUID(), causationId: null,
          datum, recordedAt, schemaVersion: 1, prevHash: 'f'.repeat(64), hash: 'e'.repeat(64),
        },
      };
      event = store.encrypt(traject, streamId, event);
      insert.run(streamId, version, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt);
    }
  });
  write();
  return { raw, keys, store, events: total, close: () => store.close() };
}
