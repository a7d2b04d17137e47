import { StoredEvent } from '../events/envelope';
import { idOfStream } from '../trajectories/core/traject-repository';
import { upcast } from '../trajectories/core/upcast';
import { datumVan, faseNa, isFinaal } from './fase';
import { Change, Projection, ProjectionReader } from './projection';
import { persoonsvelden, wissingUit } from './wissing';
import { ProjectieSleutels, zoekNaam } from './zoeksleutels';

export const TRAJECTEN = 'ie_p_trajecten_lijst';
/** Search keys per trajectory: the BSN's keyed hash and the name folded for search (never the BSN itself). */
export const TRAJECTEN_ZOEK = 'ie_p_trajecten_zoek';

export interface TrajectRij {
  id: string;
  soort: string;
  doelgroep: string;
  naam: string | null;
  geslacht: string | null;
  consulent: string | null;
  fase: string;
  leerroute: string | null;
  datum_registratie: string;
  datum_einde: string | null;
  revisie: number;
}

/**
 * The trajectory list (and the caseload): one row per trajectory with what a case worker filters on. The phase
 * follows the event types (fase.ts); the leerroute the PIP and its changes. Name and sex are the only personal
 * data kept, blanked when `PersoonsgegevensGewist` says the `persoon` was erased.
 */
export const trajectenProjection = ({ bsnSleutel }: ProjectieSleutels): Projection => ({
  name: 'trajecten',
  // 2: the search table (BSN's keyed hash, folded name).
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS ${TRAJECTEN} (
      id TEXT PRIMARY KEY, soort TEXT NOT NULL, doelgroep TEXT NOT NULL, naam TEXT, geslacht TEXT, consulent TEXT,
      fase TEXT NOT NULL, leerroute TEXT, datum_registratie TEXT NOT NULL, datum_einde TEXT, revisie INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS ${TRAJECTEN}_registratie ON ${TRAJECTEN}(datum_registratie DESC, id);
    CREATE INDEX IF NOT EXISTS ${TRAJECTEN}_fase ON ${TRAJECTEN}(fase, consulent);
    CREATE INDEX IF NOT EXISTS ${TRAJECTEN}_consulent ON ${TRAJECTEN}(consulent, fase);
    CREATE TABLE IF NOT EXISTS ${TRAJECTEN_ZOEK} (id TEXT PRIMARY KEY, bsn_sleutel TEXT, naam_zoek TEXT);
    CREATE INDEX IF NOT EXISTS ${TRAJECTEN_ZOEK}_bsn ON ${TRAJECTEN_ZOEK}(bsn_sleutel);`,
  tables: [TRAJECTEN, TRAJECTEN_ZOEK],

  handle(stored: StoredEvent, read: ProjectionReader): Change[] {
    const wissing = wissingUit(stored);
    if (wissing) {
      const sets = [wissing.naam && 'naam = NULL', wissing.geslacht && 'geslacht = NULL'].filter(Boolean);
      const zoek = [wissing.naam && 'naam_zoek = NULL', wissing.bsn && 'bsn_sleutel = NULL'].filter(Boolean);
      return [
        ...(sets.length ? [{ sql: `UPDATE ${TRAJECTEN} SET ${sets.join(', ')} WHERE id = ?`, params: [wissing.trajectId] }] : []),
        ...(zoek.length ? [{ sql: `UPDATE ${TRAJECTEN_ZOEK} SET ${zoek.join(', ')} WHERE id = ?`, params: [wissing.trajectId] }] : []),
      ];
    }
    if (!stored.streamId.startsWith('traject-')) return [];
    const e = upcast(stored);
    const id = idOfStream(e.streamId);
    const revisie = e.version - 1;
    if (e.type === 'InburgeraarGeregistreerd') {
      const d = e.data;
      const { naam, geslacht, bsn } = persoonsvelden(d.persoon);
      return [{
        sql: `INSERT INTO ${TRAJECTEN_ZOEK} (id, bsn_sleutel, naam_zoek) VALUES (?, ?, ?)
              ON CONFLICT(id) DO UPDATE SET bsn_sleutel = excluded.bsn_sleutel, naam_zoek = excluded.naam_zoek`,
        params: [id, bsn ? bsnSleutel(bsn) : null, naam ? zoekNaam(naam) : null],
      }, {
        sql: `INSERT INTO ${TRAJECTEN} (id, soort, doelgroep, naam, geslacht, consulent, fase, leerroute, datum_registratie, datum_einde, revisie)
              VALUES (@id, @soort, @doelgroep, @naam, @geslacht, @consulent, 'aangemeld', NULL, @datum, NULL, @revisie)
              ON CONFLICT(id) DO UPDATE SET soort = excluded.soort, doelgroep = excluded.doelgroep, naam = excluded.naam,
                geslacht = excluded.geslacht, consulent = excluded.consulent, fase = excluded.fase, leerroute = NULL,
                datum_registratie = excluded.datum_registratie, datum_einde = NULL, revisie = excluded.revisie`,
        params: {
          id, soort: (d.soort as string | undefined) ?? 'inburgering', doelgroep: d.doelgroep, naam, geslacht,
          consulent: (d.consulent as string | undefined) ?? null, datum: datumVan(d, e.metadata.datum), revisie,
        },
      }];
    }
    const rij = read.get<{ fase: string }>(`SELECT fase FROM ${TRAJECTEN} WHERE id = ?`, [id]);
    if (!rij) return [];
    const fase = faseNa(rij.fase, e.type, e.data) ?? rij.fase;
    const einde = !isFinaal(rij.fase) && isFinaal(fase) ? datumVan(e.data, e.metadata.datum) : null;
    const leerroute = e.type === 'PipVastgesteld' ? e.data.leerroute : e.type === 'LeerrouteGewijzigd' ? e.data.naar : null;
    return [{
      sql: `UPDATE ${TRAJECTEN} SET revisie = @revisie, fase = @fase, datum_einde = COALESCE(@einde, datum_einde),
              leerroute = COALESCE(@leerroute, leerroute) WHERE id = @id`,
      params: { id, revisie, fase, einde, leerroute: leerroute ?? null },
    }];
  },
});
