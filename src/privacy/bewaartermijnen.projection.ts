import { StoredEvent } from '../events/envelope';
import { leesMetadataVooraf } from '../events/lazy-event';
import { Projection, perBatch } from '../projections/projection';
import { Rijen, upsertSql } from '../projections/rijen';

const TABEL = 'ie_p_bewaartermijnen_trajecten';
interface Bewaarrij { traject_id: string; soort: string | null; laatste_datum: string; laatste_positie: number; gewist: string }
const KOLOMMEN = ['traject_id', 'soort', 'laatste_datum', 'laatste_positie', 'gewist'];
const UPSERT = upsertSql(TABEL, ['traject_id'], KOLOMMEN, 'positional');
const SELECT = `SELECT ${KOLOMMEN.join(', ')} FROM ${TABEL} WHERE traject_id = ?`;

export const PERSOONSGEGEVENS_GEWIST = 'PersoonsgegevensGewist';
export const privacyStreamOf = (trajectId: string) => `privacy-${trajectId}`;

/**
 * Per trajectory: its kind, the business date of its last event (for a finished trajectory: the date its final
 * phase began) and the field groups already erased. The retention list starts from here and confirms each
 * candidate by folding its stream.
 */
export const bewaartermijnenProjection: Projection = {
  name: 'bewaartermijnen',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS ie_p_bewaartermijnen_trajecten (
      traject_id      TEXT PRIMARY KEY,
      soort           TEXT,
      laatste_datum   TEXT NOT NULL,
      laatste_positie INTEGER NOT NULL,
      gewist          TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX IF NOT EXISTS ie_p_bewaartermijnen_datum ON ie_p_bewaartermijnen_trajecten(laatste_datum);
  `,
  tables: ['ie_p_bewaartermijnen_trajecten'],
  byTrajectory: true,
  // One row per trajectory, read and written once per batch (rijen.ts); the date is read from the last event of the
  // trajectory in the batch only, when the row is written (most events' metadata is then never parsed).
  ...perBatch((events, read) => {
    const laatste = new Map<string, StoredEvent>();
    const rijen = new Rijen<Bewaarrij>(read, TABEL,
      (r, id) => r.get<Bewaarrij>(SELECT, [id]),
      (id, rij) => {
        const datum = laatste.get(id)?.metadata.datum ?? rij.laatste_datum;
        return { sql: UPSERT, params: [rij.traject_id, rij.soort, datum, rij.laatste_positie, rij.gewist] };
      });
    for (const e of events) {
      if (e.streamId.startsWith('traject-')) {
        const id = e.streamId.slice('traject-'.length);
        const soort = e.type === 'InburgeraarGeregistreerd' ? ((e.data.soort as string | undefined) ?? 'inburgering') : null;
        laatste.set(id, e);
        // Changed in place (one copy per row and batch, not a new row per event); laatste_datum: from `laatste` when written.
        const rij = rijen.bewerk(id);
        if (!rij) {
          rijen.set(id, { traject_id: id, soort, laatste_datum: '', laatste_positie: e.position, gewist: '[]' });
          continue;
        }
        if (soort !== null) rij.soort = soort;
        rij.laatste_datum = '';
        rij.laatste_positie = e.position;
      } else if (e.type === PERSOONSGEGEVENS_GEWIST && e.streamId.startsWith('privacy-')) {
        const id = e.streamId.slice('privacy-'.length);
        const rij = rijen.get(id);
        if (!rij) continue;
        const gewist = [...new Set([...JSON.parse(rij.gewist), ...((e.data.veldgroepen as string[] | undefined) ?? [])])].sort();
        rijen.set(id, { ...rij, gewist: JSON.stringify(gewist) });
      }
    }
    // Every trajectory in `laatste` is written, with its last event's date: those dates in one read (a rebuild's lazy events).
    leesMetadataVooraf(laatste.values());
    return rijen.changes();
  }),
};
