import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import { Clock } from '../events/clock';
import { termijnVeld } from '../trajectories';
import { plusDagen } from '../trajectories/core/kalender';
import { CaseloadQuery, TermijnenQuery, TrajectenLijstQuery } from './dashboards-query.dto';
import { FINALE_FASEN } from './fase';
import { PROJECTIONS_DB } from './projections-db';
import { STATUS_OP_SQL, TERMIJNEN } from './termijnen.projection';
import { TRAJECTEN, TRAJECTEN_ZOEK, TrajectRij } from './trajecten.projection';
import { PROJECTIE_SLEUTELS, ProjectieSleutels, zoekNaam } from './zoeksleutels';
import { leesCursor, maakCursor } from '../http/paginering';

const STANDAARD_PAGINAGROOTTE = 25;
const STANDAARD_TERMIJNEN = 100;
const OPEN = `fase NOT IN (${FINALE_FASEN.map((f) => `'${f}'`).join(', ')})`;

/** Whole days from `van` to `tot` (calendar dates). */
const dagenTussen = (van: string, tot: string) => Math.round((Date.parse(`${tot}T00:00:00Z`) - Date.parse(`${van}T00:00:00Z`)) / 86_400_000);

const item = (r: TrajectRij) => ({
  id: r.id, soort: r.soort, doelgroep: r.doelgroep, naam: r.naam, geslacht: r.geslacht, consulent: r.consulent, fase: r.fase,
  leerroute: r.leerroute, datumRegistratie: r.datum_registratie, datumEinde: r.datum_einde, revisie: r.revisie,
});

/** Equality filters as SQL, from the query fields that are set. */
function waar(filters: Record<string, unknown>, prefix = ''): { sql: string; params: Record<string, unknown> } {
  const set = Object.entries(filters).filter(([, v]) => v !== undefined);
  return {
    sql: set.length ? set.map(([k]) => `${prefix}${k} = @${k}`).join(' AND ') : '1 = 1',
    params: Object.fromEntries(set),
  };
}

/** The list, the deadlines and the caseload: straight SQL over the `trajecten` and `termijnen` projections. */
@Injectable()
export class LijstenService {
  constructor(
    @Inject(PROJECTIONS_DB) private readonly db: Database.Database,
    private readonly clock: Clock,
    @Inject(PROJECTIE_SLEUTELS) private readonly sleutels: ProjectieSleutels,
  ) {}

  /** Newest registration first; `totaal` counts every match. `bsn` exact (by its keyed hash), `naam` contains. */
  trajecten(q: TrajectenLijstQuery) {
    const paginaGrootte = q.paginaGrootte ?? STANDAARD_PAGINAGROOTTE;
    const offset = q.cursor ? leesCursor(q.cursor, 'o') : ((q.pagina ?? 1) - 1) * paginaGrootte;
    const w = waar({ fase: q.fase, doelgroep: q.doelgroep, leerroute: q.leerroute, consulent: q.consulent, soort: q.soort }, 'l.');
    const zoek: string[] = [];
    const params: Record<string, unknown> = { ...w.params };
    if (q.bsn !== undefined) zoek.push('z.bsn_sleutel = @bsnSleutel'), (params.bsnSleutel = this.sleutels.bsnSleutel(q.bsn));
    if (q.naam !== undefined) zoek.push(`z.naam_zoek LIKE @naam ESCAPE '\\'`), (params.naam = `%${zoekNaam(q.naam).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const van = zoek.length ? `${TRAJECTEN} l JOIN ${TRAJECTEN_ZOEK} z ON z.id = l.id` : `${TRAJECTEN} l`;
    const where = [w.sql, ...zoek].join(' AND ');
    const totaal = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${van} WHERE ${where}`).get(params) as { n: number }).n;
    const rijen = this.db.prepare(`SELECT l.* FROM ${van} WHERE ${where} ORDER BY l.datum_registratie DESC, l.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: paginaGrootte, offset }) as TrajectRij[];
    return {
      items: rijen.map(item), pagina: Math.floor(offset / paginaGrootte) + 1, paginaGrootte, totaal,
      volgende: offset + paginaGrootte < totaal ? maakCursor({ o: offset + paginaGrootte }) : null,
    };
  }

  /**
   * Exceeded deadlines (longest exceeded first) and running ones (soonest last day first) with their status today,
   * paged over that one order: a page holds its share of each, `totaal` counts both.
   */
  termijnen(q: TermijnenQuery) {
    const today = this.clock.today();
    const paginaGrootte = q.paginaGrootte ?? STANDAARD_TERMIJNEN;
    const offset = q.cursor ? leesCursor(q.cursor, 'o') : 0;
    const w = waar({ soort: q.soort, consulent: q.consulent }, 't.');
    const grens = q.binnenDagen === undefined ? null : plusDagen(today, q.binnenDagen);
    const where = `${w.sql} AND ${STATUS_OP_SQL} IN ('lopend', 'verstreken')
      AND (@grens IS NULL OR ${STATUS_OP_SQL} = 'verstreken' OR (t.laatste_dag IS NOT NULL AND t.laatste_dag <= @grens))`;
    const params = { ...w.params, today, grens };
    const totaal = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${TERMIJNEN} t WHERE ${where}`).get(params) as { n: number }).n;
    const rijen = this.db.prepare(`
      SELECT t.*, l.naam, ${STATUS_OP_SQL} AS status FROM ${TERMIJNEN} t LEFT JOIN ${TRAJECTEN} l ON l.id = t.traject
      WHERE ${where}
      ORDER BY t.laatste_dag IS NULL, t.laatste_dag, t.traject, t.soort LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: paginaGrootte, offset }) as Record<string, any>[];
    const toon = (r: Record<string, any>) => ({
      trajectId: r.traject, soort: r.soort, [termijnVeld(r.soort)]: r.datum, laatsteDag: r.laatste_dag, status: r.status,
      dagenTotLaatsteDag: r.laatste_dag ? dagenTussen(today, r.laatste_dag) : null, ...(r.soort === 'pip' ? { opgeschort: r.opgeschort === 1 } : {}),
      naam: r.naam ?? null, consulent: r.consulent, doelgroep: r.doelgroep, fase: r.fase,
    });
    return {
      peildatum: today,
      lopend: rijen.filter((r) => r.status === 'lopend').map(toon),
      verstreken: rijen.filter((r) => r.status === 'verstreken').map(toon),
      paginaGrootte, totaal,
      volgende: offset + paginaGrootte < totaal ? maakCursor({ o: offset + paginaGrootte }) : null,
    };
  }

  /** Open trajectories (not in a final phase) per consulent, fase and leerroute. */
  caseload(q: CaseloadQuery) {
    const w = waar({ soort: q.soort });
    const rijen = this.db.prepare(`
      SELECT consulent, fase, leerroute, COUNT(*) AS aantal FROM ${TRAJECTEN} WHERE ${OPEN} AND ${w.sql}
      GROUP BY consulent, fase, leerroute ORDER BY consulent IS NULL, consulent, fase, leerroute`).all(w.params) as
      { consulent: string | null; fase: string; leerroute: string | null; aantal: number }[];
    const tel = (into: Record<string, number>, key: string, n: number) => { into[key] = (into[key] ?? 0) + n; };
    const perFase: Record<string, number> = {};
    const perLeerroute: Record<string, number> = {};
    const consulenten = new Map<string | null, { consulent: string | null; totaal: number; perFase: Record<string, number>; perLeerroute: Record<string, number> }>();
    for (const r of rijen) {
      const route = r.leerroute ?? 'geen';
      let c = consulenten.get(r.consulent);
      if (!c) consulenten.set(r.consulent, (c = { consulent: r.consulent, totaal: 0, perFase: {}, perLeerroute: {} }));
      c.totaal += r.aantal;
      tel(c.perFase, r.fase, r.aantal);
      tel(c.perLeerroute, route, r.aantal);
      tel(perFase, r.fase, r.aantal);
      tel(perLeerroute, route, r.aantal);
    }
    return {
      totaal: rijen.reduce((n, r) => n + r.aantal, 0), perFase, perLeerroute, perConsulent: [...consulenten.values()],
      rijen: rijen.map((r) => ({ ...r, leerroute: r.leerroute ?? 'geen' })),
    };
  }
}
