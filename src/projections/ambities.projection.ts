import { FASE_TYPES, beweegtFase, faseNa, idOfStream } from '../trajectories';
import { PERSOONSGEGEVENS_GEWIST } from '../privacy/bewaartermijnen.projection';
import { upcast } from '../trajectories/core/upcast';
import { DomainEvent } from '../trajectories/core/kind';
import { StoredEvent } from '../events/envelope';
import { AmbitieFeiten, volgendeFeiten } from './ambities/feiten';
import { Projection, ProjectionReader, perBatch } from './projection';
import { Rijen } from './rijen';

interface AmbitieRij { fase: string; feiten: AmbitieFeiten }
import { persoonsvelden, wissingUit } from './wissing';

export const AMBITIE_TRAJECTEN = 'ie_p_ambities_feiten';

/** The events the facts are collected from (besides those that move the phase); the others are skipped unread. */
const RELEVANT = new Set([
  'ScreeningUitgevoerd', 'BredeIntakeGestart', 'PipVastgesteld', 'LeerrouteGewijzigd', 'BijstandToegekend', 'BijstandBeeindigd',
  'ParticipatieactiviteitGestart', 'ParticipatieactiviteitAfgerond', 'UitstroomGeregistreerd', 'TermijnGesteld', 'TermijnGewijzigd', 'TermijnVervallen',
]);

/**
 * The facts behind the Bossche ambitions and the national indicators (ambities.md), one row per inburgering
 * trajectory: the phase (the slice's `faseNa`) and the facts collected from the events (ambities/feiten.ts), the
 * deadlines' outcomes as recorded (TermijnGesteld/Gewijzigd/Vervallen). No context is folded. The figures themselves
 * are computed at query time (ambities/bereken.ts), for any period.
 * Sex is the one personal field kept (ambition 6); it is blanked when the `persoon` is erased.
 */
export const ambitiesProjection: Projection = {
  name: 'ambities',
  // 2: facts from the events and the recorded deadlines; no folded context (table ie_p_ambities_trajecten is gone).
  // 4: an activity is paired (its stored id) by its encrypted id's envelope `ref`, not by a hash of the decrypted value.
  version: 4,
  schema: `
    DROP TABLE IF EXISTS ie_p_ambities_trajecten;
    CREATE TABLE IF NOT EXISTS ${AMBITIE_TRAJECTEN} (traject TEXT PRIMARY KEY, fase TEXT NOT NULL, feiten TEXT NOT NULL);`,
  tables: [AMBITIE_TRAJECTEN],
  byTrajectory: true,
  types: [...new Set([PERSOONSGEGEVENS_GEWIST, ...RELEVANT, ...FASE_TYPES])],

  // One row per trajectory, read (and parsed) and written once per batch (rijen.ts).
  ...perBatch((events, read) => {
    const rijen = new Rijen<AmbitieRij>(read, AMBITIE_TRAJECTEN,
      (r, traject) => {
        const row = r.get<{ fase: string; feiten: string }>(`SELECT fase, feiten FROM ${AMBITIE_TRAJECTEN} WHERE traject = ?`, [traject]);
        return row && { fase: row.fase, feiten: JSON.parse(row.feiten) };
      },
      (traject, rij) => ({
        sql: `INSERT INTO ${AMBITIE_TRAJECTEN} (traject, fase, feiten) VALUES (?, ?, ?)
              ON CONFLICT(traject) DO UPDATE SET fase = excluded.fase, feiten = excluded.feiten`,
        params: [traject, rij.fase, JSON.stringify(rij.feiten)],
      }));
    for (const e of events) {
      const wissing = wissingUit(e);
      if (wissing) {
        if (!wissing.geslacht) continue;
        const rij = rijen.get(wissing.trajectId);
        if (rij) rijen.set(wissing.trajectId, { fase: rij.fase, feiten: { ...rij.feiten, geslacht: null } });
        continue;
      }
      if (!e.streamId.startsWith('traject-') || !(RELEVANT.has(e.type) || beweegtFase(e.type))) continue;
      const traject = idOfStream(e.streamId);
      const event = new Feit(upcast(e));
      let voor: AmbitieRij | null = null;
      if (event.type === 'InburgeraarGeregistreerd') {
        if ((event.data as { soort?: string }).soort === 'ondertussen') continue;
      } else {
        voor = rijen.get(traject) ?? null;
        if (!voor) continue;
      }
      const fase = faseNa(voor?.fase ?? null, event.type, event.data) ?? 'aangemeld';
      const geslacht = event.type === 'InburgeraarGeregistreerd' ? persoonsvelden(event.data.persoon).geslacht : null;
      const feiten = volgendeFeiten(traject, voor?.feiten ?? null, fase, event, geslacht);
      if (!feiten || (voor && fase === voor.fase && feiten === voor.feiten)) continue;
      rijen.set(traject, { fase, feiten });
    }
    return rijen.changes();
  }),
};

/**
 * The fact as `asDomainEvent` gives it, with the business date read from the metadata only when asked for (a phase
 * that becomes final, a route's date): a rebuild's events parse their metadata only when someone reads it.
 */
class Feit implements DomainEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  constructor(private readonly bron: StoredEvent) {
    this.type = bron.type;
    this.data = bron.data;
  }

  get datum(): string {
    return this.bron.metadata.datum;
  }
}

/** Every trajectory's facts. */
export const alleFeiten = (read: ProjectionReader): AmbitieFeiten[] =>
  read.all<{ feiten: string }>(`SELECT feiten FROM ${AMBITIE_TRAJECTEN} ORDER BY traject`).map((r) => JSON.parse(r.feiten));
