import { DomainEvent } from '../../trajectories/core/kind';
import { InburgeringContext } from '../../trajectories/inburgering/context';
import { Doelgroep, Leerroute } from '../../trajectories/inburgering/events';
import { pipUiterlijk } from '../../trajectories/inburgering/rules/termijnen';
import { datumVan, isFinaal } from '../fase';

/** A period of days, both ends inclusive; `tot` null while it runs. */
export interface Looptijd {
  van: string;
  tot: string | null;
}

/** Per inburgering trajectory, the facts the ambitions and national indicators of ambities.md are computed from. */
export interface AmbitieFeiten {
  traject: string;
  doelgroep: Doelgroep;
  /** From `persoon`: null once erased. */
  geslacht: string | null;
  registratie: string;
  koppeling: string | null;
  screening: string | null;
  /** Each leerroute from the day it was held: the PIP's, then every LeerrouteGewijzigd, by date. */
  routes: { vanaf: string; route: Leerroute }[];
  /** The final phase and the day it was reached. */
  finaal: { fase: string; datum: string } | null;
  /** BijstandToegekend.ingangsdatum to BijstandBeeindigd.datum. */
  bijstand: Looptijd[];
  /** Participatieactiviteit from its start `datum` to the `datum` it was afgerond. */
  activiteiten: Looptijd[];
  /** The dates of UitstroomGeregistreerd. */
  uitstroom: string[];
  /** PipVastgesteld: dagtekening, the route it set, and the PIP deadline's last day (null: no deadline ran). */
  pip: { datum: string; leerroute: Leerroute; uiterlijk: string | null } | null;
  bredeIntakeGestart: string | null;
  /** The inburgeringstermijn's (exclusive) end, after any extension. */
  termijnEind: string | null;
  voldaan: string | null;
}

/**
 * The facts after one event: most read straight from the folded context, the rest (route history, final phase,
 * sex) carried from the facts before. Pure.
 */
export function volgendeFeiten(
  traject: string, voor: AmbitieFeiten | null, c: InburgeringContext, fase: string, e: DomainEvent, geslacht: string | null,
): AmbitieFeiten {
  let routes = voor?.routes ?? [];
  if (e.type === 'PipVastgesteld' || e.type === 'LeerrouteGewijzigd') {
    const route = (e.type === 'PipVastgesteld' ? e.data.leerroute : e.data.naar) as Leerroute;
    // Stable by date: a later record on the same day wins.
    routes = [...routes, { vanaf: datumVan(e.data, e.datum), route }].sort((a, b) => (a.vanaf < b.vanaf ? -1 : a.vanaf > b.vanaf ? 1 : 0));
  }
  const finaal = voor?.finaal ?? (isFinaal(fase) ? { fase, datum: datumVan(e.data, e.datum) } : null);
  const pipRoute = e.type === 'PipVastgesteld' ? (e.data.leerroute as Leerroute) : voor?.pip?.leerroute;
  return {
    traject,
    doelgroep: c.doelgroep,
    geslacht: e.type === 'InburgeraarGeregistreerd' ? geslacht : (voor?.geslacht ?? null),
    registratie: c.datumRegistratie,
    koppeling: c.datumKoppeling,
    screening: c.screening?.datum ?? null,
    routes,
    finaal,
    bijstand: c.bijstand.map((b) => ({ van: b.ingangsdatum, tot: b.einddatum })),
    activiteiten: c.participatieactiviteiten.map((a) => ({ van: a.start, tot: a.eind })),
    uitstroom: c.uitstroom.map((u) => u.datum),
    // The last day as trajectory.md defines it from every fact known now (the view's `termijnen.pip.uiterlijk`).
    pip: c.pip && pipRoute ? { datum: c.pip.dagtekening, leerroute: pipRoute, uiterlijk: pipUiterlijk(c) ?? c.verstreken.pip } : null,
    bredeIntakeGestart: c.bredeIntake.gestart,
    termijnEind: c.inburgeringstermijn?.eind ?? null,
    voldaan: fase === 'voldaan' ? (c.einde?.datum ?? finaal?.datum ?? null) : null,
  };
}
