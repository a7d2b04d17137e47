import { readModelRef } from '../../privacy/field-groups';
import { DomainEvent } from '../../trajectories/core/kind';
import { TermijnData, Termijnsoort, Termijnuitkomst, datumVan, isFinaal, termijnDatum } from '../../trajectories';
import { Doelgroep, Leerroute } from '../../trajectories/inburgering/events';

/** A period of days, both ends inclusive; `tot` null while it runs. */
export interface Looptijd {
  van: string;
  tot: string | null;
  /** activiteiten: a salted hash of the activiteitId (free text a case worker types; the read model keeps no personal data). */
  id?: string;
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
  /** PipVastgesteld: dagtekening and the route it set. */
  pip: { datum: string; leerroute: Leerroute } | null;
  bredeIntakeGestart: string | null;
  /** The inburgeringstermijn's (exclusive) end, after any extension. */
  termijnEind: string | null;
  voldaan: string | null;
  /** The recorded deadlines: their date, last day and outcome (null while running). */
  termijnen: Partial<Record<Termijnsoort, { datum: string | null; laatsteDag: string | null; uitkomst: Termijnuitkomst | null }>>;
}

/**
 * The facts after one event, from the event alone and the facts before (no context folded, no rule applied): the
 * deadlines' outcomes are the recorded deadline facts (TermijnGesteld/Gewijzigd/Vervallen). Pure.
 */
export function volgendeFeiten(
  traject: string, voor: AmbitieFeiten | null, fase: string, e: DomainEvent, geslacht: string | null,
): AmbitieFeiten | null {
  const d = e.data as Record<string, any>;
  if (e.type === 'InburgeraarGeregistreerd') {
    return {
      traject, doelgroep: d.doelgroep, geslacht, registratie: d.datum, koppeling: d.datumKoppeling ?? null, screening: null,
      routes: [], finaal: null, bijstand: [], activiteiten: [], uitstroom: [], pip: null, bredeIntakeGestart: null,
      termijnEind: null, voldaan: null, termijnen: {},
    };
  }
  if (!voor) return null;
  const f: AmbitieFeiten = { ...voor };
  switch (e.type) {
    case 'ScreeningUitgevoerd': f.screening = d.datum; break;
    case 'BredeIntakeGestart': f.bredeIntakeGestart = d.datum; break;
    case 'PipVastgesteld':
    case 'LeerrouteGewijzigd': {
      const route = (e.type === 'PipVastgesteld' ? d.leerroute : d.naar) as Leerroute;
      // Stable by date: a later record on the same day wins.
      f.routes = [...f.routes, { vanaf: datumVan(d, () => e.datum), route }].sort((a, b) => (a.vanaf < b.vanaf ? -1 : a.vanaf > b.vanaf ? 1 : 0));
      if (e.type === 'PipVastgesteld') f.pip = { datum: d.datum, leerroute: route };
      break;
    }
    case 'BijstandToegekend': f.bijstand = [...f.bijstand, { van: d.ingangsdatum, tot: null }]; break;
    case 'BijstandBeeindigd': f.bijstand = f.bijstand.map((b) => (b.tot === null ? { ...b, tot: d.datum } : b)); break;
    case 'ParticipatieactiviteitGestart': f.activiteiten = [...f.activiteiten, { van: d.datum, tot: null, id: readModelRef(String(d.activiteitId)) }]; break;
    case 'ParticipatieactiviteitAfgerond':
      f.activiteiten = f.activiteiten.map((a) => (a.id === readModelRef(String(d.activiteitId)) && a.tot === null ? { ...a, tot: d.datum } : a));
      break;
    case 'UitstroomGeregistreerd': f.uitstroom = [...f.uitstroom, d.datum]; break;
    case 'TermijnGesteld':
    case 'TermijnGewijzigd':
    case 'TermijnVervallen': {
      const t = d as TermijnData & { uitkomst?: Termijnuitkomst };
      f.termijnen = { ...f.termijnen, [t.soort]: { datum: termijnDatum(t), laatsteDag: t.laatsteDag, uitkomst: t.uitkomst ?? null } };
      if (t.soort === 'inburgeringstermijn') f.termijnEind = t.eind ?? null;
      break;
    }
    default: break;
  }
  if (!f.finaal && isFinaal(fase)) {
    f.finaal = { fase, datum: datumVan(d, () => e.datum) };
    if (fase === 'voldaan') f.voldaan = f.finaal.datum;
  }
  return f;
}

/** "PIP on time" (ambities.md): set, and its recorded deadline not exceeded (no deadline running: on time). */
export const pipOpTijd = (f: AmbitieFeiten): boolean => !!f.pip && f.termijnen.pip?.uitkomst !== 'verstreken';
/** Ambition 1: the screening deadline recorded as met. */
export const screeningOpTijd = (f: AmbitieFeiten): boolean => f.termijnen.screening?.uitkomst === 'gehaald';
