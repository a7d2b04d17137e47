import { identifierRef } from '../../privacy/encrypting-event-store';
import { erasedIdentifier, readModelRef } from '../../privacy/field-groups';
import { DomainEvent } from '../../trajectories/core/kind';
import { TermijnData, Termijnsoort, Termijnuitkomst, datumVan, isFinaal, termijnDatum } from '../../trajectories';
import { Doelgroep, Leerroute } from '../../trajectories/inburgering/events';

/** A period of days, both ends inclusive; `tot` null while it runs. */
export interface Looptijd {
  van: string;
  tot: string | null;
  /**
   * activiteiten: what start and end pair by, never the activiteitId itself (free text a case worker types; the read
   * model keeps no personal data): the envelope's `ref` (an HMAC under the trajectory's key) when the id was encrypted,
   * else a salted hash of it. See `activiteitVan`.
   */
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
    case 'ParticipatieactiviteitGestart': f.activiteiten = [...f.activiteiten, { van: d.datum, tot: null, id: activiteitVan(d) }]; break;
    case 'ParticipatieactiviteitAfgerond': {
      const hoort = eindVan(f.activiteiten, d);
      f.activiteiten = f.activiteiten.map((a) => (a.tot === null && hoort(a.id) ? { ...a, tot: d.datum } : a));
      break;
    }
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

/**
 * The id an activity is paired by (start and end): the envelope's `ref` of its encrypted activiteitId, read without
 * decrypting it (a rebuild decrypted ~17k ids of the 1M log for this alone); the same ref for the same value under
 * the same key, also once that key is destroyed. An id that was not encrypted (a store without encryption, a start
 * recorded before identifiers were): its salted hash, which needs the value.
 */
export const activiteitVan = (d: Record<string, unknown>): string => identifierRef(d, 'activiteitId') ?? readModelRef(String(d.activiteitId));

/**
 * Which running activity an end closes: the one with the end's ref, as the machine pairs equal ids under one key. When
 * none has it, by the value, as the machine does (this decrypts): a start recorded before identifiers were encrypted
 * (its salted hash), or an end naming the erased id it was shown (`$gewist:<ref>`, pairing the start's ref under the
 * key that was destroyed).
 */
function eindVan(activiteiten: Looptijd[], d: Record<string, unknown>): (id: string | undefined) => boolean {
  const ref = identifierRef(d, 'activiteitId');
  if (ref !== undefined && activiteiten.some((a) => a.tot === null && a.id === ref)) return (id) => id === ref;
  const value = String(d.activiteitId);
  const gewist = erasedIdentifier('');
  const ids = new Set([readModelRef(value), ...(value.startsWith(gewist) ? [value.slice(gewist.length)] : [])]);
  return (id) => id !== undefined && ids.has(id);
}

/** "PIP on time" (ambities.md): set, and its recorded deadline not exceeded (no deadline running: on time). */
export const pipOpTijd = (f: AmbitieFeiten): boolean => !!f.pip && f.termijnen.pip?.uitkomst !== 'verstreken';
/** Ambition 1: the screening deadline recorded as met. */
export const screeningOpTijd = (f: AmbitieFeiten): boolean => f.termijnen.screening?.uitkomst === 'gehaald';
