import { FASE_TYPES, TermijnData, TermijnStatus, Termijnsoort, Termijnuitkomst, beweegtFase, faseNa, idOfStream, statusVoorEnNa, termijnDatum, upcast } from '../trajectories';
import { Change, Projection, ProjectionReader, perBatch } from './projection';
import { Rijen } from './rijen';

export const TERMIJN_TRAJECTEN = 'ie_p_termijnen_traject';
export const TERMIJNEN = 'ie_p_termijnen_termijnen';

export type { Termijnsoort };
export { TERMIJNSOORTEN } from '../trajectories';

/**
 * One deadline as recorded, stored so that its status can be read for any today: `status_voor` up to and including
 * `laatste_dag`, `status_na` after it (a deadline's status depends on today only through that one day).
 */
export interface TermijnRij {
  soort: Termijnsoort;
  /** What the view shows: `uiterlijk` (screening, pip), `tot` (ontzorging) or `eind` (inburgeringstermijn, aow). */
  datum: string | null;
  /** The last day on time; null while the PIP term is suspended. */
  laatste_dag: string | null;
  status_voor: TermijnStatus;
  status_na: TermijnStatus;
  opgeschort: number;
}

/** The row of a recorded deadline fact; every value comes from the fact or the slice's `statusVoorEnNa`. */
export function termijnRij(t: TermijnData & { uitkomst?: Termijnuitkomst | null }): TermijnRij {
  const { voor, na } = statusVoorEnNa(t);
  return { soort: t.soort, datum: termijnDatum(t), laatste_dag: t.laatsteDag, status_voor: voor, status_na: na, opgeschort: t.opgeschort ? 1 : 0 };
}

/** The status on `today` (YYYY-MM-DD). */
export const statusOp = (r: Pick<TermijnRij, 'laatste_dag' | 'status_voor' | 'status_na'>, today: string): TermijnStatus =>
  r.laatste_dag !== null && today > r.laatste_dag ? r.status_na : r.status_voor;

/** The same, in SQL, with the parameter `@today`. */
export const STATUS_OP_SQL = `CASE WHEN t.laatste_dag IS NOT NULL AND @today > t.laatste_dag THEN t.status_na ELSE t.status_voor END`;

const KOLOMMEN = ['datum', 'laatste_dag', 'status_voor', 'status_na', 'opgeschort', 'consulent', 'doelgroep', 'fase'] as const;
/** Positional: traject, soort, then KOLOMMEN in order. */
const UPSERT_TERMIJN = `INSERT INTO ${TERMIJNEN} (traject, soort, ${KOLOMMEN.join(', ')}) VALUES (?, ?, ${KOLOMMEN.map(() => '?').join(', ')})
  ON CONFLICT(traject, soort) DO UPDATE SET ${KOLOMMEN.map((k) => `${k} = excluded.${k}`).join(', ')}`;
interface TrajectRij { consulent: string | null; doelgroep: string; fase: string }
// Each statement's text built once (the runner finds its prepared statement by the text: no string to build and hash per row).
const SELECT_TRAJECT = `SELECT consulent, doelgroep, fase FROM ${TERMIJN_TRAJECTEN} WHERE traject = ?`;
const UPSERT_TRAJECT = `INSERT INTO ${TERMIJN_TRAJECTEN} (traject, consulent, doelgroep, fase) VALUES (?, ?, ?, ?)
  ON CONFLICT(traject) DO UPDATE SET consulent = excluded.consulent, doelgroep = excluded.doelgroep, fase = excluded.fase`;
const UPDATE_FASE = `UPDATE ${TERMIJNEN} SET fase = ? WHERE traject = ?`;

/**
 * Deadlines per inburgering trajectory (dashboards/termijnen), from the recorded deadline facts
 * (TermijnGesteld/Gewijzigd/Vervallen), with the phase (the slice's `faseNa`), consulent and doelgroep to filter on.
 * No context is folded and no rule applied here.
 */
export const termijnenProjection: Projection = {
  name: 'termijnen',
  // 3: from the recorded deadline facts; per trajectory only consulent, doelgroep and fase are kept.
  version: 3,
  schema: `
    DROP TABLE IF EXISTS ie_p_termijnen_trajecten;
    CREATE TABLE IF NOT EXISTS ${TERMIJN_TRAJECTEN} (traject TEXT PRIMARY KEY, consulent TEXT, doelgroep TEXT NOT NULL, fase TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${TERMIJNEN} (
      traject TEXT NOT NULL, soort TEXT NOT NULL, datum TEXT, laatste_dag TEXT, status_voor TEXT NOT NULL, status_na TEXT NOT NULL,
      opgeschort INTEGER NOT NULL, consulent TEXT, doelgroep TEXT NOT NULL, fase TEXT NOT NULL,
      PRIMARY KEY (traject, soort));
    CREATE INDEX IF NOT EXISTS ${TERMIJNEN}_laatste_dag ON ${TERMIJNEN}(laatste_dag);`,
  tables: [TERMIJN_TRAJECTEN, TERMIJNEN],
  byTrajectory: true,
  types: [...new Set(['InburgeraarGeregistreerd', 'TermijnGesteld', 'TermijnGewijzigd', 'TermijnVervallen', ...FASE_TYPES])],

  // The per-trajectory row (consulent, doelgroep, fase) is read and written once per batch (rijen.ts), and so is each
  // deadline row: the last fact of the batch for it, with the trajectory's values at the end of the batch (what the
  // fact's row, followed by the batch's phase updates, would hold).
  ...perBatch((events, read) => {
    const trajecten = new Rijen<TrajectRij>(read, TERMIJN_TRAJECTEN,
      (r, traject) => r.get<TrajectRij>(SELECT_TRAJECT, [traject]),
      (traject, rij) => ({ sql: UPSERT_TRAJECT, params: [traject, rij.consulent, rij.doelgroep, rij.fase] }));
    const termijnen = new Map<string, { traject: string; rij: TermijnRij }>();
    const faseGewijzigd = new Set<string>();
    for (const stored of events) {
      if (!stored.streamId.startsWith('traject-')) continue;
      const traject = idOfStream(stored.streamId);
      if (stored.type === 'InburgeraarGeregistreerd') {
        const d = stored.data as { soort?: string; consulent?: string; doelgroep: string };
        if (d.soort !== 'ondertussen') trajecten.set(traject, { consulent: d.consulent ?? null, doelgroep: d.doelgroep, fase: 'aangemeld' });
        continue;
      }
      const rij = trajecten.get(traject);
      if (!rij) continue;
      const e = upcast(stored);
      if (e.type === 'TermijnGesteld' || e.type === 'TermijnGewijzigd' || e.type === 'TermijnVervallen') {
        const t = termijnRij(e.data as unknown as TermijnData);
        termijnen.set(`${traject}\n${t.soort}`, { traject, rij: t });
        continue;
      }
      const fase = faseNa(rij.fase, e.type, e.data) ?? rij.fase;
      if (fase === rij.fase) continue;
      trajecten.set(traject, { ...rij, fase });
      faseGewijzigd.add(traject);
    }
    const changes: Change[] = [];
    // In a rebuild from 0: the trajectories with deadline rows written so far (no other has any, so needs no UPDATE).
    const metRijen = read.written?.(TERMIJNEN);
    // The deadline rows written before this batch follow the phase; those of this batch are written with it below.
    for (const traject of faseGewijzigd) {
      if (metRijen && !metRijen.has(traject)) continue;
      changes.push({ sql: UPDATE_FASE, params: [trajecten.get(traject)!.fase, traject] });
    }
    for (const { traject, rij } of termijnen.values()) {
      const { consulent, doelgroep, fase } = trajecten.get(traject)!;
      changes.push({ sql: UPSERT_TERMIJN, params: [traject, rij.soort, rij.datum, rij.laatste_dag, rij.status_voor, rij.status_na, rij.opgeschort, consulent, doelgroep, fase] });
      metRijen?.add(traject);
    }
    return [...changes, ...trajecten.changes()];
  }),
};

/** Every row of one trajectory (for tests and the agreement check). */
export const termijnRijenVan = (read: ProjectionReader, traject: string): (TermijnRij & { fase: string })[] =>
  read.all(`SELECT soort, datum, laatste_dag, status_voor, status_na, opgeschort, fase FROM ${TERMIJNEN} WHERE traject = ? ORDER BY soort`, [traject]);
