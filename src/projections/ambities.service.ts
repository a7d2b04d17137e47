import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import { Clock } from '../events/clock';
import { AMBITIE_TRAJECTEN, ambitiesProjection } from './ambities.projection';
import { Ambitie, Cijfer, berekenAmbities, trend } from './ambities/bereken';
import { AmbitieFeiten } from './ambities/feiten';
import { berekenIndicatoren } from './ambities/indicatoren';
import { Periode, periodeVan } from './ambities/periode';
import { PeriodeQuery } from './dashboards-query.dto';
import { PROJECTIONS_DB } from './projections-db';
import { ProjectionRunner } from './runner';

/** How many years back the trend goes at most. */
const TREND_JAREN = 10;

const toonCijfer = ({ tellerIds, noemerIds, ...c }: Cijfer, detail: boolean) =>
  ({ ...c, ...(detail ? { detail: { teller: tellerIds, noemer: noemerIds } } : {}) });

/**
 * The ambitions and national indicators of ambities.md, computed on request from the `ambities` projection's facts
 * (parsed once per projection position), for a year or a half-year.
 */
@Injectable()
export class AmbitiesService {
  private cache?: { positie: number; feiten: AmbitieFeiten[] };

  constructor(
    @Inject(PROJECTIONS_DB) private readonly db: Database.Database,
    private readonly runner: ProjectionRunner,
    private readonly clock: Clock,
  ) {}

  private feiten(): { positie: number; feiten: AmbitieFeiten[] } {
    const positie = this.runner.checkpoint(ambitiesProjection.name);
    if (this.cache?.positie !== positie) {
      const rijen = this.db.prepare(`SELECT feiten FROM ${AMBITIE_TRAJECTEN} ORDER BY traject`).all() as { feiten: string }[];
      this.cache = { positie, feiten: rijen.map((r) => JSON.parse(r.feiten)) };
    }
    return this.cache;
  }

  private periode(q: PeriodeQuery): Periode {
    return periodeVan(q.jaar ?? Number(this.clock.today().slice(0, 4)), q.halfjaar);
  }

  ambities(q: PeriodeQuery) {
    const { positie, feiten } = this.feiten();
    const p = this.periode(q);
    const detail = q.detail === 'true';
    const eerste = Math.min(p.jaar, ...feiten.map((f) => Number(f.registratie.slice(0, 4))));
    const trends = trend(feiten, Math.max(eerste, p.jaar - TREND_JAREN + 1), p.jaar);
    return {
      ...p, positie,
      ambities: berekenAmbities(feiten, p).map(({ tellerIds, noemerIds, ...a }: Ambitie) => ({
        ...a, trend: trends.get(a.nummer), ...(detail ? { detail: { teller: tellerIds, noemer: noemerIds } } : {}),
      })),
    };
  }

  indicatoren(q: PeriodeQuery) {
    const { positie, feiten } = this.feiten();
    const p = this.periode(q);
    const detail = q.detail === 'true';
    const i = berekenIndicatoren(feiten, p);
    const { ids, ...routeverdeling } = i.routeverdeling;
    return {
      ...p, positie,
      indicatoren: {
        pipOpTijd: toonCijfer(i.pipOpTijd, detail),
        bredeIntakeGestart: toonCijfer(i.bredeIntakeGestart, detail),
        routeverdeling: { ...routeverdeling, ...(detail ? { detail: ids } : {}) },
        inburgeringsplichtVoldaan: toonCijfer(i.inburgeringsplichtVoldaan, detail),
      },
    };
  }
}
