import { StoredEvent } from '../events/envelope';
import { InburgeringContext } from '../trajectories/inburgering/context';
import { TermijnStatus, termijnen } from '../trajectories/inburgering/view';
import { leesUit, volgendeStap } from './inburgering-context';
import { Change, Projection, ProjectionReader } from './projection';

export const TERMIJN_TRAJECTEN = 'ie_p_termijnen_trajecten';
export const TERMIJNEN = 'ie_p_termijnen_termijnen';

export type Termijnsoort = 'screening' | 'pip' | 'ontzorging' | 'inburgeringstermijn';
export const TERMIJNSOORTEN: Termijnsoort[] = ['screening', 'pip', 'ontzorging', 'inburgeringstermijn'];

/**
 * One deadline as the view's `termijnen` shows it, stored so that its status can be read for any today:
 * `status_voor` up to and including `laatste_dag`, `status_na` after it (a deadline's status depends on today
 * only through that one day).
 */
export interface TermijnRij {
  soort: Termijnsoort;
  /** What the view shows: `uiterlijk` (screening, pip), `tot` (ontzorging) or `eind` (inburgeringstermijn). */
  datum: string | null;
  /** The last day on time: `uiterlijk`, or the day before an exclusive `tot`/`eind`; null while the PIP term is suspended. */
  laatste_dag: string | null;
  status_voor: TermijnStatus;
  status_na: TermijnStatus;
  opgeschort: number;
}

type Getoond = { uiterlijk?: string | null; tot?: string; eind?: string; status: TermijnStatus; opgeschort?: boolean };

/** The day before a calendar date, in UTC arithmetic on the date alone (no time zone can move a whole day). */
export const dagErvoor = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The deadlines of a folded trajectory, by the view's own `termijnen()` (rules/termijnen.ts), so no rule is written
 * twice. Each status depends on today only through "today after the last day on time", so the view asked for a day
 * before every last day gives each `status_voor`, and for a day after all of them each `status_na`.
 */
export function termijnRijen(c: InburgeringContext, fase: string): TermijnRij[] {
  const voor = termijnen(c, fase, '0000-01-01') as Record<string, Getoond>;
  const na = termijnen(c, fase, '9999-12-31') as Record<string, Getoond>;
  return Object.entries(voor).map(([soort, t]) => {
    const datum = t.uiterlijk ?? t.tot ?? t.eind ?? null;
    // An exclusive end (ontzorging `tot`, inburgeringstermijn `eind`): the day before is the last one on time.
    const laatste = datum === null ? null : t.uiterlijk !== undefined ? datum : dagErvoor(datum);
    return {
      soort: soort as Termijnsoort, datum, laatste_dag: laatste, status_voor: t.status,
      status_na: laatste === null ? t.status : na[soort].status, opgeschort: t.opgeschort ? 1 : 0,
    };
  });
}

/** The status on `today` (YYYY-MM-DD). */
export const statusOp = (r: Pick<TermijnRij, 'laatste_dag' | 'status_voor' | 'status_na'>, today: string): TermijnStatus =>
  r.laatste_dag !== null && today > r.laatste_dag ? r.status_na : r.status_voor;

/** The same, in SQL, with the parameter `@today`. */
export const STATUS_OP_SQL = `CASE WHEN t.laatste_dag IS NOT NULL AND @today > t.laatste_dag THEN t.status_na ELSE t.status_voor END`;

const KOLOMMEN = ['datum', 'laatste_dag', 'status_voor', 'status_na', 'opgeschort', 'consulent', 'doelgroep', 'fase'] as const;

/**
 * Deadlines per inburgering trajectory (dashboards/termijnen). Keeps the context folded with `reduce`, without
 * personal data, and the deadlines derived from it with the phase, consulent and doelgroep to filter on.
 */
export const termijnenProjection: Projection = {
  name: 'termijnen',
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS ${TERMIJN_TRAJECTEN} (traject TEXT PRIMARY KEY, context TEXT NOT NULL, fase TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${TERMIJNEN} (
      traject TEXT NOT NULL, soort TEXT NOT NULL, datum TEXT, laatste_dag TEXT, status_voor TEXT NOT NULL, status_na TEXT NOT NULL,
      opgeschort INTEGER NOT NULL, consulent TEXT, doelgroep TEXT NOT NULL, fase TEXT NOT NULL,
      PRIMARY KEY (traject, soort));
    CREATE INDEX IF NOT EXISTS ${TERMIJNEN}_laatste_dag ON ${TERMIJNEN}(laatste_dag);`,
  tables: [TERMIJN_TRAJECTEN, TERMIJNEN],

  handle(e: StoredEvent, read: ProjectionReader): Change[] {
    const stap = volgendeStap(e, leesUit(read, TERMIJN_TRAJECTEN));
    if (!stap) return [];
    const { traject, na } = stap;
    const changes: Change[] = [{
      sql: `INSERT INTO ${TERMIJN_TRAJECTEN} (traject, context, fase) VALUES (?, ?, ?)
            ON CONFLICT(traject) DO UPDATE SET context = excluded.context, fase = excluded.fase`,
      params: [traject, JSON.stringify(na.context), na.fase],
    }];
    const oud = new Map(read.all<Record<string, unknown>>(`SELECT * FROM ${TERMIJNEN} WHERE traject = ?`, [traject]).map((r) => [r.soort, r]));
    for (const rij of termijnRijen(na.context, na.fase)) {
      const nieuw: Record<string, unknown> = { ...rij, traject, consulent: na.context.consulent, doelgroep: na.context.doelgroep, fase: na.fase };
      const was = oud.get(rij.soort);
      oud.delete(rij.soort);
      if (was && KOLOMMEN.every((k) => was[k] === nieuw[k])) continue;
      changes.push({
        sql: `INSERT INTO ${TERMIJNEN} (traject, soort, ${KOLOMMEN.join(', ')}) VALUES (@traject, @soort, ${KOLOMMEN.map((k) => `@${k}`).join(', ')})
              ON CONFLICT(traject, soort) DO UPDATE SET ${KOLOMMEN.map((k) => `${k} = excluded.${k}`).join(', ')}`,
        params: nieuw,
      });
    }
    for (const soort of oud.keys()) changes.push({ sql: `DELETE FROM ${TERMIJNEN} WHERE traject = ? AND soort = ?`, params: [traject, soort] });
    return changes;
  },
};
