/** The inburgering trajectory's facts. Names never change once written; a new shape is a new schemaVersion with an upcaster. */

export type Doelgroep = 'asielstatushouder' | 'gezinsmigrant';
export type Geslacht = 'man' | 'vrouw' | 'x';
export type Leerroute = 'b1' | 'onderwijsroute' | 'z-route';
export type Taalonderdeel = 'lezen' | 'luisteren' | 'schrijven' | 'spreken';
export type Examenonderdeel = Taalonderdeel | 'knm';
/**
 * The parts a partial vrijstelling or ontheffing can cover (Wi art. 7 lid 3; Besluit art. 2.7): the four
 * language parts, KNM, and `participatie`, the Z-route's 800 hours of participation (Besluit art. 3.14).
 */
export type VrijstellingOnderdeel = Examenonderdeel | 'participatie';
export type Urensoort = 'nt2' | 'knm' | 'participatie' | 'pvt' | 'map';
export type Niveau = 'A0' | 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
export type Categorie = 'arbeid' | 'onderwijs' | 'sociaal';
export type Uitstroomsoort = 'betaald-werk' | 'vrijwilligerswerk' | 'onderwijs';
export type OntzorgingEindreden = 'bijstand-beeindigd' | 'op-verzoek' | 'anders' | 'termijn-verstreken';
export type Beeindigingsreden = 'verhuisd' | 'vertrokken' | 'overleden' | 'verblijfsdoel-gewijzigd' | 'aow-leeftijd' | 'anders';
export type Verlengingsgrond = 'niet-verwijtbaar' | 'aanzienlijke-inspanningen';

/** The deadlines of trajectory.md ("Deadlines"), each recorded as a fact by rules/termijnen.ts. */
export type Termijnsoort = 'screening' | 'pip' | 'ontzorging' | 'inburgeringstermijn' | 'aow';
/** How a deadline ended: met in time, exceeded (fired, or met late), or no longer applying. */
export type Termijnuitkomst = 'gehaald' | 'verstreken' | 'vervallen';

/**
 * A deadline as recorded. The date field is named as trajectory.md names it: `uiterlijk` (the last day on time:
 * screening, pip), `tot` (ontzorging) or `eind` (inburgeringstermijn, aow), both exclusive ends. `laatsteDag` is the
 * last day on time and `verstrijktOp` the day it is exceeded and fires (null while the PIP term is suspended);
 * `grondslag` names the rule and article applied.
 */
export interface TermijnData {
  soort: Termijnsoort;
  uiterlijk?: string | null;
  tot?: string;
  eind?: string;
  /** inburgeringstermijn only: its first day. */
  start?: string;
  laatsteDag: string | null;
  verstrijktOp: string | null;
  grondslag: string;
  /** pip only: suspended while waiting for third-party information (Besluit art. 5.3 lid 2). */
  opgeschort?: boolean;
}

export interface Persoon {
  naam: string;
  geboortedatum: string;
  geslacht: Geslacht;
  bsn?: string;
}

export interface Periode {
  van: string;
  tot: string;
}

/** Event type → data. Every event's business date is metadata.datum; data repeats the dates the fact is about. */
export interface InburgeringEventData {
  InburgeraarGeregistreerd: {
    soort: 'inburgering';
    doelgroep: Doelgroep;
    persoon: Persoon;
    datum: string;
    datumMeldingDuo?: string;
    datumKoppeling?: string;
    datumInschrijvingBrp?: string;
    consulent?: string;
  };
  InschrijvingBrpGeregistreerd: { datum: string };
  BijstandToegekend: { ingangsdatum: string };
  BijstandBeeindigd: { datum: string };
  OntzorgingGestart: { ingangsdatum: string; tot: string };
  OntzorgingVerlengd: { datum: string; tot: string; reden: string };
  OntzorgingBeeindigd: { datum: string; reden: OntzorgingEindreden; toelichting?: string };
  BredeIntakeGestart: { datum: string };
  ScreeningUitgevoerd: { datum: string; uitvoerder: string; bevindingen?: string };
  LeerbaarheidstoetsAfgenomen: { datum: string; adviesNiveau: 'A1' | 'A2' | 'B1' | 'B2'; adviesLeerroute: Leerroute };
  BredeIntakeAfgerond: {
    datum: string;
    bevindingen: { opleiding: string; werkervaring: string; gezondheid: string; kinderenVve: string };
  };
  PipVastgesteld: {
    datum: string;
    leerroute: Leerroute;
    voortgangsgesprekken: number;
    participatieactiviteiten: string[];
    map: 'van-toepassing' | 'niet-van-toepassing';
    inburgeringstermijn: { start: string; eind: string };
    afwijkingOnderbouwing?: string;
  };
  PipGewijzigd: { datum: string; wijziging: string; reden: string };
  /** schemaVersion 2 adds `afwijkingOnderbouwing`, the reasons for a departure (v1 did not keep them; absent = not recorded). */
  LeerrouteGewijzigd: { datum: string; van: Leerroute; naar: Leerroute; reden: string; bijzonderGeval?: boolean; afwijkingOnderbouwing?: string };
  AfgeschaaldNaarA2: { datum: string; onderdelen: Taalonderdeel[]; onderbouwing: string; nt2Uren: number };
  UrenGeregistreerd: { datum: string; soort: Urensoort; uren: number; periode?: Periode };
  ParticipatieactiviteitGestart: { datum: string; activiteitId: string; soort: string; categorie: Categorie; aanbieder: string };
  ParticipatieactiviteitAfgerond: { datum: string; activiteitId: string; resultaat: string };
  PvtAfgerond: { datum: string };
  MapAfgerond: { datum: string };
  ExamenresultaatGeregistreerd: { datum: string; onderdeel: Examenonderdeel; niveau?: Niveau; behaald: boolean };
  OnderwijsrouteAfgerond: { datum: string };
  ZrouteAfgerond: { datum: string; cursusUren: number; participatieUren: number };
  VoortgangsgesprekGevoerd: { datum: string; verslag: string };
  UitstroomGeregistreerd: { datum: string; soort: Uitstroomsoort };
  InburgeringstermijnVerlengd: { datum: string; nieuweEinddatum: string; vorigeEinddatum: string; grond: Verlengingsgrond };
  InburgeringsplichtVoldaan: { datum: string };
  /** schemaVersion 2: a partial decision names its `onderdelen` (v1 carried none; upcast to `[]`, see upcasters.ts). */
  VrijstellingVerleend: DuoVrijstelling;
  OntheffingVerleend: DuoVrijstelling;
  TrajectBeeindigd: { datum: string; reden: Beeindigingsreden; toelichting?: string };
  PipTermijnOpgeschort: { datum: string; reden: string };
  InformatieDerdenOntvangen: { datum: string };
  ScreeningTermijnVerstreken: { uiterlijk: string };
  PipTermijnVerstreken: { uiterlijk: string };
  InburgeringstermijnVerstreken: { eind: string };
  /** DUO's melding recorded after registration (Besluit art. 5.3, text 2023: it starts the PIP clock). */
  MeldingDuoGeregistreerd: { datumMeldingDuo: string };
  /** A deadline starts to run (recorded by the decider in the same append as the fact that started it). */
  TermijnGesteld: TermijnData;
  /** A running deadline moved: suspension, receipt of information, a later melding or registration, verlenging. */
  TermijnGewijzigd: TermijnData;
  /** A deadline ended: met, exceeded (`reden` termijn-verstreken: fired by the scheduler) or no longer applying. */
  TermijnVervallen: TermijnData & { uitkomst: Termijnuitkomst; reden: string };
}

/** DUO's decision on a vrijstelling or ontheffing; `onderdelen` only on a partial one (volledig: false). */
export interface DuoVrijstelling {
  datum: string;
  grond: string;
  volledig: boolean;
  onderdelen?: VrijstellingOnderdeel[];
}

export type InburgeringEventType = keyof InburgeringEventData;

/**
 * What the machine receives: the event's type and data, and (a domain event) its business date. A fold hands it the
 * stored events, whose date is in their envelope: nothing in the machine reads it.
 */
export type InburgeringMachineEvent = {
  [K in InburgeringEventType]: { type: K; data: InburgeringEventData[K]; datum?: string };
}[InburgeringEventType];

export type InburgeringEventOf<K extends InburgeringEventType> = Extract<InburgeringMachineEvent, { type: K }>;
