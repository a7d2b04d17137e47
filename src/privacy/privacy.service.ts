import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config';
import { Clock } from '../events/clock';
import { Actor } from '../events/envelope';
import { EventStore } from '../events/event-store';
import { PROJECTIONS_DB } from '../projections/projections-db';
import { ValidationFailed } from '../trajectories/core/errors';
import { fold } from '../trajectories/core/fold';
import { plusJaren } from '../trajectories/core/kalender';
import { TrajectRepository } from '../trajectories/core/traject-repository';
import { BSN_GROEP, bsnEigenaar, bsnGroepVan } from './bsn-sleutels';
import { PERSOONSGEGEVENS_GEWIST, privacyStreamOf } from './bewaartermijnen.projection';
import { FieldGroups, WISSING_GROUP, erasableGroups, parseFieldGroups, parseGroupList } from './field-groups';
import { ReadModelScrubber } from './read-model-scrubber';
import { KeyStore } from './key-store';

export interface Wissing {
  trajectId: string;
  veldgroepen: string[];
  velden: string[];
  /** The groups that had a key to destroy (the others held no data yet, or were erased before). */
  sleutelsVernietigd: string[];
  reden: string;
  gewistDoor: Actor;
  gewistOp: string;
  positie: number;
}

/** Crypto-shredding on request, and the list of trajectories whose retention period has passed. */
@Injectable()
export class PrivacyService {
  readonly groups: FieldGroups;
  /** The groups erased once the retention period has passed (RETENTION_FIELD_GROUPS). */
  readonly retentionGroups: string[];
  private readonly years: number;

  constructor(
    private readonly store: EventStore,
    private readonly keys: KeyStore,
    private readonly repository: TrajectRepository,
    private readonly clock: Clock,
    @Inject(PROJECTIONS_DB) private readonly db: Database.Database,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly scrubber: ReadModelScrubber,
  ) {
    this.groups = parseFieldGroups(config.erasureFieldGroups);
    this.retentionGroups = parseGroupList(config.retentionFieldGroups, this.groups, 'RETENTION_FIELD_GROUPS');
    this.years = config.retentionYears;
    if (!Number.isInteger(this.years) || this.years < 0) throw new Error('RETENTION_YEARS moet een geheel aantal jaren zijn');
  }

  /**
   * Destroys the trajectory's keys for these groups (all by default), then records who erased what and why as
   * `PersoonsgegevensGewist` in `privacy-<id>`. Keys first: a failed record is retried by repeating the request
   * (destroying again is a no-op); the events themselves are never touched.
   */
  async wis(trajectId: string, reden: string, veldgroepen: string[] | undefined, actor: Actor, correlationId: string): Promise<Wissing> {
    const groups = veldgroepen ?? erasableGroups(this.groups);
    const unknown = groups.filter((g) => !this.groups[g]);
    if (unknown.length) {
      throw new ValidationFailed(`Onbekende veldgroep: ${unknown.join(', ')}`, [{ veld: 'veldgroepen', fouten: [`bekend zijn: ${Object.keys(this.groups).join(', ')}`] }]);
    }
    const events = await this.repository.events(trajectId); // 404 for an unknown trajectory
    const now = this.clock.now();
    // The previous erasure's reason goes too: only the last reason stays readable (its key is made anew below).
    const destroy = this.groups[WISSING_GROUP] && !groups.includes(WISSING_GROUP) ? [...groups, WISSING_GROUP] : groups;
    // What arrived about this BSN outside the trajectory (DUO's notifications) goes with the person's own data.
    const bsn = (events.find((e) => e.type === 'InburgeraarGeregistreerd')?.data.persoon as { bsn?: unknown } | undefined)?.bsn;
    const bsnGroep = bsnGroepVan(this.groups);
    if (typeof bsn === 'string' && bsnGroep && groups.includes(bsnGroep)) this.keys.destroy(bsnEigenaar(this.keys, bsn), [BSN_GROEP], now);
    const sleutelsVernietigd = this.keys.destroy(trajectId, destroy, now).filter((g) => groups.includes(g));
    const velden = groups.flatMap((g) => this.groups[g]);
    const data = { trajectId, veldgroepen: groups, velden, sleutelsVernietigd, reden };
    const { position } = await this.store.append(privacyStreamOf(trajectId), [{
      eventId: randomUUID(),
      type: PERSOONSGEGEVENS_GEWIST,
      data,
      metadata: { actor, correlationId, causationId: null, datum: this.clock.today(), recordedAt: now.toISOString(), schemaVersion: 1 },
    }], 'any');
    this.scrubber.after(position);
    return { ...data, gewistDoor: actor, gewistOp: now.toISOString(), positie: position };
  }

  /**
   * Trajectories whose final phase began more than RETENTION_YEARS ago (Besluit inburgering 2021 art. 9.9), with the
   * field groups an erasure would still destroy. Candidates come from the `bewaartermijnen` projection; each is
   * confirmed by folding its stream (only a finished trajectory's retention runs).
   */
  async bewaartermijnen(peildatum: string | undefined, pagina = 1, grootte = 100) {
    const today = peildatum ?? this.clock.today();
    const grens = plusJaren(today, -this.years);
    const candidates = this.db
      .prepare(`SELECT traject_id, gewist FROM ie_p_bewaartermijnen_trajecten WHERE laatste_datum <= ? ORDER BY laatste_datum, traject_id`)
      .iterate(grens) as IterableIterator<{ traject_id: string; gewist: string }>;
    const wanted = pagina * grootte + 1;
    const found: Record<string, unknown>[] = [];
    for (const row of [...candidates]) {
      if (found.length >= wanted) break;
      const events = await this.repository.events(row.traject_id).catch(() => []);
      if (events.length === 0) continue;
      const kind = this.repository.kindOf(events);
      const state = fold(kind, row.traject_id, events);
      if (state.snapshot.status !== 'done') continue;
      const finaalSinds = events[events.length - 1].metadata.datum;
      const bewaarTot = plusJaren(finaalSinds, this.years);
      if (bewaarTot > today) continue;
      // The last erasure's reason has a live key by design (see wis): it never makes a trajectory due again.
      const levend = new Set(this.keys.keys(row.traject_id).filter((k) => !k.destroyedAt && k.group !== WISSING_GROUP).map((k) => k.group));
      const teWissen = this.retentionGroups.filter((g) => levend.has(g));
      found.push({
        trajectId: row.traject_id,
        soort: kind.soort,
        fase: kind.fase(state.snapshot),
        finaalSinds,
        bewaarTot,
        teWissenVeldgroepen: teWissen,
        teWissenVelden: teWissen.flatMap((g) => this.groups[g]),
        gewisteVeldgroepen: JSON.parse(row.gewist),
      });
    }
    const start = (pagina - 1) * grootte;
    return {
      peildatum: today,
      bewaartermijnJaren: this.years,
      veldgroepen: this.retentionGroups,
      trajecten: found.slice(start, start + grootte),
      pagina,
      paginaGrootte: grootte,
      volgende: found.length > start + grootte ? pagina + 1 : null,
    };
  }
}
