import { v5 as uuidv5 } from 'uuid';
import type { InburgeringEventData, Leerroute } from '../trajectories/inburgering/events';

/**
 * What the municipality reports to DUO, derived from the trajectory's facts (DUO's contract: contracts/duo).
 * Pure: a fact and what was reported before in, the message (or DUO's rule that refuses it) out. DUO's registration
 * rules (contracts/duo/README.md) are checked here, before sending: a message DUO would refuse is reported on the
 * case, never sent.
 */

/** Namespace of the message ids: BerichtId = uuidv5(`${eventId}/${operatie}`, DUO_BERICHT_NAMESPACE). */
export const DUO_BERICHT_NAMESPACE = '3b0c6a52-8f7e-5d1a-9c3b-6e2f1a4d7c90';

export type DuoOperatie =
  | 'postPipByBsn' | 'updateMapByBsn' | 'updatePvtByBsn' | 'updateZrouteByBsn'
  | 'updateUrenTaallesEnKnmByBSN' | 'updateUrenParticipatieactiviteiten' | 'updateUrenParticipatieAlsTaallesByBsn';

export interface DuoBericht {
  berichtId: string;
  operatie: DuoOperatie;
  methode: 'POST' | 'PUT';
  /** Below DUO_BASE_URL, e.g. `/personen/123456782/PIP`. */
  pad: string;
  body: Record<string, unknown>;
  /** DUO's rule that would refuse it: the message is recorded as refused and not sent. */
  weigering?: string;
}

/** What this slice remembers per trajectory of what DUO knows, to apply DUO's rules. */
export interface DuoStand {
  /** Whether the person has a BSN. The BSN itself is never stored here: the sender reads it from the case (BSN_PLEK). */
  heeftBsn?: boolean;
  /** The start of the inburgeringsplicht as known here: DUO's melding. */
  startPlicht?: string;
  /** Vestiging in the municipality: the BRP registration. */
  vestiging?: string;
  leerroute?: Leerroute;
  afgeschaald?: boolean;
  eerstePip?: string;
  actuelePip?: string;
  termijn?: { start: string; eind: string };
  zroute?: string;
  /** Totals of hours, per DUO resource (DUO's PUT replaces the whole resource: we send totals). */
  uren: { bredeIntakeTaal: number; taalles: number; participatie: number };
}

export const nieuweStand = (): DuoStand => ({ uren: { bredeIntakeTaal: 0, taalles: 0, participatie: 0 } });

const LEERROUTE: Record<Leerroute, 'B' | 'O' | 'Z'> = { b1: 'B', onderwijsroute: 'O', 'z-route': 'Z' };
/** DUO's uren fields are whole numbers up to 9999 (GevolgdeUren API). */
const MAX_UREN = 9999;

/**
 * The BSN's place in a queued message's path. The outbox (a read model) keeps no BSN in clear (AVG, and an erasure
 * must reach it): the sender fills it in from the case, decrypted, when it sends.
 */
export const BSN_PLEK = '{bsn}';

const GEEN_BSN = 'Er is geen BSN bekend: DUO kent de persoon alleen bij BSN';

type Feit = { eventId: string; type: string; data: Record<string, unknown> };

export interface Uitkomst {
  stand: DuoStand;
  berichten: DuoBericht[];
}

/** The facts `berichtenVoor` acts on; any other leaves the stand as it was and causes no message. */
export const BERICHT_FEITEN: readonly string[] = [
  'InburgeraarGeregistreerd', 'MeldingDuoGeregistreerd', 'InschrijvingBrpGeregistreerd', 'InburgeringstermijnVerlengd', 'LeerrouteGewijzigd',
  'AfgeschaaldNaarA2', 'PipVastgesteld', 'PipGewijzigd', 'MapAfgerond', 'PvtAfgerond', 'ZrouteAfgerond', 'UrenGeregistreerd',
];

/**
 * One fact → the new stand and the messages it causes. `ids: false` leaves each BerichtId empty, for a caller that
 * keeps only the stand (the outbox with the connection off): a name-based UUID is a SHA-1 per message.
 * `terPlaatse`: the new stand is `vorige` itself, changed in place (and returned), for a caller that owns it and keeps
 * only the latest (the outbox's batch: a copy of every stand per fact was a third of its time); the same stand results.
 */
export function berichtenVoor(vorige: DuoStand, feit: Feit, { ids = true, terPlaatse = false }: { ids?: boolean; terPlaatse?: boolean } = {}): Uitkomst {
  // In place, `vorige` and `stand` are one object: every rule below reads from `vorige` only what no earlier line changed.
  const stand: DuoStand = terPlaatse ? vorige : { ...vorige, uren: { ...vorige.uren } };
  const d = feit.data as any;
  const bericht = (operatie: DuoOperatie, methode: 'POST' | 'PUT', resource: string, body: Record<string, unknown>, weigering?: string): DuoBericht => {
    const reden = stand.heeftBsn ? weigering : GEEN_BSN;
    return {
      berichtId: ids ? uuidv5(`${feit.eventId}/${operatie}`, DUO_BERICHT_NAMESPACE) : '',
      operatie, methode, pad: `/personen/${BSN_PLEK}/${resource}`, body,
      ...(reden ? { weigering: reden } : {}),
    };
  };

  switch (feit.type) {
    case 'InburgeraarGeregistreerd': {
      const r = d as InburgeringEventData['InburgeraarGeregistreerd'];
      if (r.soort !== 'inburgering') return { stand, berichten: [] };
      stand.heeftBsn = typeof r.persoon?.bsn === 'string' && r.persoon.bsn !== '';
      stand.startPlicht = r.datumMeldingDuo;
      stand.vestiging = r.datumInschrijvingBrp;
      return { stand, berichten: [] };
    }
    case 'MeldingDuoGeregistreerd':
      stand.startPlicht = d.datumMeldingDuo;
      return { stand, berichten: [] };
    case 'InschrijvingBrpGeregistreerd':
      stand.vestiging = d.datum;
      return { stand, berichten: [] };
    case 'InburgeringstermijnVerlengd':
      if (stand.termijn) stand.termijn = { ...stand.termijn, eind: d.nieuweEinddatum };
      return { stand, berichten: [] };
    case 'LeerrouteGewijzigd':
      // Reported with the PipGewijzigd that the same command records (Besluit art. 5.3 lid 6).
      stand.leerroute = d.naar;
      return { stand, berichten: [] };
    case 'AfgeschaaldNaarA2':
      stand.afgeschaald = true;
      return { stand, berichten: [] };
    case 'PipVastgesteld': {
      const p = d as InburgeringEventData['PipVastgesteld'];
      stand.leerroute = p.leerroute;
      stand.termijn = { ...p.inburgeringstermijn };
      return pip(vorige, stand, p.datum, true, bericht);
    }
    case 'PipGewijzigd':
      if (!stand.leerroute) return { stand, berichten: [] };
      return pip(vorige, stand, d.datum, !vorige.eerstePip, bericht);
    case 'MapAfgerond':
      return { stand, berichten: [bericht('updateMapByBsn', 'PUT', 'map', { datumEindgesprekMap: d.datum }, resultaatWeigering(stand, d.datum, 'eindgesprek MAP'))] };
    case 'PvtAfgerond':
      return { stand, berichten: [bericht('updatePvtByBsn', 'PUT', 'pvt', { datumOndertekeningPvt: d.datum }, resultaatWeigering(stand, d.datum, 'ondertekening PVT'))] };
    case 'ZrouteAfgerond': {
      const weigering = stand.actuelePip ? undefined : 'Uw gemeente heeft geen actuele PIP bij DUO geregistreerd';
      if (!weigering) stand.zroute = d.datum;
      return { stand, berichten: [bericht('updateZrouteByBsn', 'PUT', 'zroute', { datumAfrondingZroute: d.datum }, weigering)] };
    }
    case 'UrenGeregistreerd':
      return uren(stand, d as InburgeringEventData['UrenGeregistreerd'], bericht);
    default:
      return { stand, berichten: [] };
  }
}

type Maak = (operatie: DuoOperatie, methode: 'POST' | 'PUT', resource: string, body: Record<string, unknown>, weigering?: string) => DuoBericht;

/** POST /personen/{bsn}/PIP with DUO's rules on dagtekening and niveau (contracts/duo/README.md, "Het aanleveren van een PIP"). */
function pip(vorige: DuoStand, stand: DuoStand, dagtekening: string, eerste: boolean, maak: Maak): Uitkomst {
  const leerroute = LEERROUTE[stand.leerroute!];
  // Wi art. 7: B1 is the level of the B1-route and the onderwijsroute; afschalen (Besluit art. 5.5) lowers it to A2.
  const niveau = leerroute === 'Z' ? undefined : leerroute === 'B' && stand.afgeschaald ? 'A2' : 'B1';
  const body = { dagtekeningPip: dagtekening, leerroute, ...(niveau ? { niveau } : {}) };
  const weigering = pipWeigering(vorige, dagtekening, leerroute, niveau, eerste);
  const b = maak('postPipByBsn', 'POST', 'PIP', body, weigering);
  if (!b.weigering) {
    stand.eerstePip = vorige.eerstePip ?? dagtekening;
    stand.actuelePip = dagtekening;
  } else {
    stand.eerstePip = vorige.eerstePip;
    stand.actuelePip = vorige.actuelePip;
  }
  return { stand, berichten: [b] };
}

export function pipWeigering(stand: DuoStand, dagtekening: string, leerroute: 'B' | 'O' | 'Z', niveau: string | undefined, eerste: boolean): string | undefined {
  if (stand.startPlicht && dagtekening < stand.startPlicht) return `De dagtekening ${dagtekening} ligt vóór de start van de inburgeringsplicht (${stand.startPlicht})`;
  if (stand.vestiging && dagtekening < stand.vestiging) return `De dagtekening ${dagtekening} ligt vóór de vestiging in de gemeente (${stand.vestiging})`;
  if (!eerste && stand.eerstePip && dagtekening < stand.eerstePip) return `De dagtekening ${dagtekening} ligt vóór die van het initiële PIP (${stand.eerstePip})`;
  if (!eerste && stand.actuelePip && dagtekening < stand.actuelePip) return `De dagtekening ${dagtekening} ligt vóór die van het actuele PIP (${stand.actuelePip})`;
  if (niveau === 'A2' && leerroute === 'O') return 'Niveau A2 mag niet met de onderwijsroute';
  if (niveau === 'B1' && leerroute === 'Z') return 'Niveau B1 mag niet met de Z-route';
  if (niveau === 'A2' && leerroute === 'B' && eerste) return 'Niveau A2 mag niet met de B1-route in het eerste PIP';
  return undefined;
}

/**
 * DUO's rules for the MAP eindgesprek and the PVT ondertekening (README, "MAP" and "PVT"). `verwijtbaar` is sent
 * only after an overschrijding of the inburgeringstermijn, and this system records no verwijtbaarheid: such a
 * message is refused here and shown on the case, to be reported by hand with DUO's portal.
 */
export function resultaatWeigering(stand: DuoStand, datum: string, wat: string): string | undefined {
  if (!stand.actuelePip) return 'Uw gemeente heeft geen actuele PIP bij DUO geregistreerd';
  if (stand.zroute) return `De inburgeringsplicht is al voldaan via de Z-route (${stand.zroute})`;
  if (stand.termijn && datum < stand.termijn.start) return `De datum ${wat} ${datum} ligt vóór de start van de inburgeringstermijn (${stand.termijn.start})`;
  if (stand.termijn && datum >= stand.termijn.eind) {
    return `De datum ${wat} ${datum} ligt na de inburgeringstermijn (eind ${stand.termijn.eind}): DUO vraagt dan 'verwijtbaar (Ja/Nee)', dat dit traject niet vastlegt`;
  }
  return undefined;
}

/**
 * Hours followed (GevolgdeUren API): nt2 and knm before the PIP are the brede intake's taalles en KNM, after it the
 * leerroute's taalles; participatie counts toward the participatieactiviteiten (Besluit art. 3.14: brede intake
 * included). DUO's PUT replaces the resource, so each message carries the total. PVT and MAP hours are not DUO's.
 */
function uren(stand: DuoStand, u: InburgeringEventData['UrenGeregistreerd'], maak: Maak): Uitkomst {
  let operatie: DuoOperatie;
  let resource: string;
  let totaal: number;
  if (u.soort === 'nt2' || u.soort === 'knm') {
    if (!stand.leerroute) {
      operatie = 'updateUrenTaallesEnKnmByBSN';
      resource = 'uren/bredeintake/taallesknm';
      totaal = stand.uren.bredeIntakeTaal += u.uren;
    } else {
      operatie = 'updateUrenParticipatieAlsTaallesByBsn';
      resource = 'uren/participatietaalles';
      totaal = stand.uren.taalles += u.uren;
    }
  } else if (u.soort === 'participatie') {
    operatie = 'updateUrenParticipatieactiviteiten';
    resource = 'uren/participatieactiviteiten';
    totaal = stand.uren.participatie += u.uren;
  } else {
    return { stand, berichten: [] };
  }
  const heel = Math.floor(totaal);
  const weigering = heel > MAX_UREN ? `DUO registreert ten hoogste ${MAX_UREN} uur; het totaal is ${heel}` : undefined;
  return { stand, berichten: [maak(operatie, 'PUT', resource, { uren: heel }, weigering)] };
}
