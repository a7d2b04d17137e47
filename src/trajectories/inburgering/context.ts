import {
  Categorie, Doelgroep, Examenonderdeel, InburgeringMachineEvent, Leerroute, Niveau, OntzorgingEindreden,
  Persoon, Taalonderdeel, TermijnData, Termijnsoort, Termijnuitkomst, Uitstroomsoort, Urensoort,
} from './events';

/** A deadline as its facts recorded it (TermijnGesteld/Gewijzigd/Vervallen); `uitkomst` null while it runs. */
export type VastgelegdeTermijn = TermijnData & { uitkomst: Termijnuitkomst | null; reden: string | null };

/** Everything the machine remembers besides its state value. Derived only by folding events. */
export interface InburgeringContext {
  doelgroep: Doelgroep;
  persoon: Persoon;
  consulent: string | null;
  datumRegistratie: string;
  datumMeldingDuo: string | null;
  datumKoppeling: string | null;
  datumInschrijvingBrp: string | null;
  bijstand: { ingangsdatum: string; einddatum: string | null }[];
  ontzorging: { ingangsdatum: string; tot: string; einddatum: string | null; reden: OntzorgingEindreden | null } | null;
  screening: { datum: string; uitvoerder: string; bevindingen?: string } | null;
  bredeIntake: { gestart: string | null; afgerond: string | null; bevindingen?: Record<string, string> };
  leerbaarheidstoets: { datum: string; adviesNiveau: string; adviesLeerroute: Leerroute } | null;
  pip: { dagtekening: string; voortgangsgesprekken: number; participatieactiviteiten: string[]; wijzigingen: { datum: string; wijziging: string; reden: string }[] } | null;
  pipTermijn: { opgeschortSinds: string | null; informatieOntvangen: string | null };
  leerroute: Leerroute | null;
  afgeschaald: Taalonderdeel[];
  inburgeringstermijn: { start: string; eind: string } | null;
  uren: Record<Urensoort, number>;
  examenresultaten: { datum: string; onderdeel: Examenonderdeel; niveau: Niveau | null; behaald: boolean }[];
  participatieactiviteiten: { activiteitId: string; soort: string; categorie: Categorie; aanbieder: string; start: string; eind: string | null; resultaat: string | null }[];
  pvtAfgerond: string | null;
  mapAfgerond: string | null;
  onderwijsrouteAfgerond: string | null;
  zrouteAfgerond: string | null;
  voortgangsgesprekken: { datum: string; verslag: string }[];
  uitstroom: { datum: string; soort: Uitstroomsoort }[];
  /** DUO's decisions; a partial one names the `onderdelen` it releases (rules/leerroute-behaald.ts). */
  vrijstellingen: import('./events').DuoVrijstelling[];
  ontheffingen: import('./events').DuoVrijstelling[];
  verstreken: { screening: string | null; pip: string | null; inburgeringstermijn: string[] };
  /** The deadlines as recorded (rules/termijnen.ts decides them; the read side only reads these facts). */
  termijnen: Partial<Record<Termijnsoort, VastgelegdeTermijn>>;
  /** The final phase reached, its date and (beeindigd, vrijgesteld, ontheven) its reason. */
  einde: { datum: string; reden?: string; fase: 'voldaan' | 'vrijgesteld' | 'ontheven' | 'beeindigd' } | null;
}

const GEEN_UREN: Record<Urensoort, number> = { nt2: 0, knm: 0, participatie: 0, pvt: 0, map: 0 };

export function initialContext(): InburgeringContext {
  return {
    doelgroep: 'gezinsmigrant',
    persoon: { naam: '', geboortedatum: '', geslacht: 'x' },
    consulent: null,
    datumRegistratie: '',
    datumMeldingDuo: null,
    datumKoppeling: null,
    datumInschrijvingBrp: null,
    bijstand: [],
    ontzorging: null,
    screening: null,
    bredeIntake: { gestart: null, afgerond: null },
    leerbaarheidstoets: null,
    pip: null,
    pipTermijn: { opgeschortSinds: null, informatieOntvangen: null },
    leerroute: null,
    afgeschaald: [],
    inburgeringstermijn: null,
    uren: { ...GEEN_UREN },
    examenresultaten: [],
    participatieactiviteiten: [],
    pvtAfgerond: null,
    mapAfgerond: null,
    onderwijsrouteAfgerond: null,
    zrouteAfgerond: null,
    voortgangsgesprekken: [],
    uitstroom: [],
    vrijstellingen: [],
    ontheffingen: [],
    verstreken: { screening: null, pip: null, inburgeringstermijn: [] },
    termijnen: {},
    einde: null,
  };
}

export const bijstandActief = (c: InburgeringContext): boolean => c.bijstand.some((b) => b.einddatum === null);
/** Ontzorging runs until it ends, and never past the end of the trajectory (a final phase ends every deadline). */
export const ontzorgingActief = (c: InburgeringContext): boolean => !!c.ontzorging && c.ontzorging.einddatum === null && c.einde === null;
export const lopendeActiviteit = (c: InburgeringContext, id: string) =>
  c.participatieactiviteiten.find((a) => a.activiteitId === id && a.eind === null);
