import { idOfStream } from '../trajectories/core/traject-repository';
import { upcast } from '../trajectories/core/upcast';
import { beweegtFase, datumVan, faseNa, isFinaal } from './fase';
import { Change, Projection, perBatch } from './projection';
import { Rijen, upsertSql } from './rijen';
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
const KOLOMMEN = ['id', 'soort', 'doelgroep', 'naam', 'geslacht', 'consulent', 'fase', 'leerroute', 'datum_registratie', 'datum_einde', 'revisie'];
const SELECT_RIJ = `SELECT ${KOLOMMEN.join(', ')} FROM ${TRAJECTEN} WHERE id = ?`;
const UPSERT_RIJ = upsertSql(TRAJECTEN, ['id'], KOLOMMEN, 'positional');
const INSERT_ZOEK = `INSERT INTO ${TRAJECTEN_ZOEK} (rowid, id, bsn_sleutel, naam_zoek) VALUES (?, ?, ?, ?)
  ON CONFLICT(id) DO UPDATE SET bsn_sleutel = excluded.bsn_sleutel, naam_zoek = excluded.naam_zoek`;

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
  byTrajectory: true,

  // One list row per trajectory, read and written once per batch (rijen.ts); the search keys are written as they come.
  ...perBatch((events, read) => {
    const rijen = new Rijen<TrajectRij>(read, TRAJECTEN, (r, id) => r.get<TrajectRij>(SELECT_RIJ, [id]), (_, rij) => ({ sql: UPSERT_RIJ, params: [rij.id, rij.soort, rij.doelgroep, rij.naam, rij.geslacht, rij.consulent, rij.fase, rij.leerroute, rij.datum_registratie, rij.datum_einde, rij.revisie] }));
    const zoek: Change[] = [];
    for (const stored of events) {
      const wissing = wissingUit(stored);
      if (wissing) {
        const rij = rijen.get(wissing.trajectId);
        if (rij && (wissing.naam || wissing.geslacht)) {
          rijen.set(wissing.trajectId, { ...rij, naam: wissing.naam ? null : rij.naam, geslacht: wissing.geslacht ? null : rij.geslacht });
        }
        const sets = [wissing.naam && 'naam_zoek = NULL', wissing.bsn && 'bsn_sleutel = NULL'].filter(Boolean);
        if (sets.length) zoek.push({ sql: `UPDATE ${TRAJECTEN_ZOEK} SET ${sets.join(', ')} WHERE id = ?`, params: [wissing.trajectId] });
        continue;
      }
      if (!stored.streamId.startsWith('traject-')) continue;
      const e = upcast(stored);
      const id = idOfStream(e.streamId);
      const revisie = e.version - 1;
      if (e.type === 'InburgeraarGeregistreerd') {
        const d = e.data;
        const { naam, geslacht, bsn } = persoonsvelden(d.persoon);
        // The rowid is the registration's position: the order of registration (trajectBijBsn's last tie-break) survives a
        // parallel rebuild, whose threads write their trajectories' rows apart and add them up after.
        zoek.push({
          sql: INSERT_ZOEK,
          params: [e.position, id, bsn ? bsnSleutel(bsn) : null, naam ? zoekNaam(naam) : null],
        });
        rijen.set(id, {
          id, soort: (d.soort as string | undefined) ?? 'inburgering', doelgroep: d.doelgroep as string, naam, geslacht,
          consulent: (d.consulent as string | undefined) ?? null, fase: 'aangemeld', leerroute: null,
          datum_registratie: datumVan(d, () => e.metadata.datum), datum_einde: null, revisie,
        });
        continue;
      }
      // Changed in place: most events only move the revision (one object per row and batch, not one per event).
      const rij = rijen.bewerk(id);
      if (!rij) continue;
      rij.revisie = revisie;
      const leerroute = (e.type === 'PipVastgesteld' ? e.data.leerroute : e.type === 'LeerrouteGewijzigd' ? e.data.naar : null) as string | null | undefined;
      if (leerroute !== null && leerroute !== undefined) rij.leerroute = leerroute;
      // Only the types that move the phase need their data for it.
      if (!beweegtFase(e.type)) continue;
      const fase = faseNa(rij.fase, e.type, e.data) ?? rij.fase;
      if (!isFinaal(rij.fase) && isFinaal(fase)) rij.datum_einde = datumVan(e.data, () => e.metadata.datum);
      rij.fase = fase;
    }
    return [...zoek, ...rijen.changes()];
  }),
});
