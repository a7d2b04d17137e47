import { Projection } from '../projections/projection';

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
  handle(e, read) {
    if (e.streamId.startsWith('traject-')) {
      const id = e.streamId.slice('traject-'.length);
      const soort = e.type === 'InburgeraarGeregistreerd' ? ((e.data.soort as string | undefined) ?? 'inburgering') : null;
      return [{
        sql: `INSERT INTO ie_p_bewaartermijnen_trajecten (traject_id, soort, laatste_datum, laatste_positie) VALUES (?, ?, ?, ?)
              ON CONFLICT(traject_id) DO UPDATE SET soort = COALESCE(excluded.soort, soort),
                laatste_datum = excluded.laatste_datum, laatste_positie = excluded.laatste_positie`,
        params: [id, soort, e.metadata.datum, e.position],
      }];
    }
    if (e.type === PERSOONSGEGEVENS_GEWIST && e.streamId.startsWith('privacy-')) {
      const id = e.streamId.slice('privacy-'.length);
      const row = read.get<{ gewist: string }>('SELECT gewist FROM ie_p_bewaartermijnen_trajecten WHERE traject_id = ?', [id]);
      if (!row) return [];
      const gewist = [...new Set([...JSON.parse(row.gewist), ...((e.data.veldgroepen as string[] | undefined) ?? [])])].sort();
      return [{ sql: 'UPDATE ie_p_bewaartermijnen_trajecten SET gewist = ? WHERE traject_id = ?', params: [JSON.stringify(gewist), id] }];
    }
    return [];
  },
};
