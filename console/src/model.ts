/**
 * The API's JSON as shared/design/api.md and the code document it, for the answers the served OpenAPI document does
 * not type yet (`AntwoordOf` in api.ts prefers the generated type as soon as it exists).
 */
export interface Ik { sub: string; naam: string | null; rollen: string[] }

export interface Trendpunt { jaar: number; teller: number; noemer: number; percentage: number | null; gehaald: boolean | null }
export interface Cijfer { teller: number; noemer: number; percentage: number | null; detail?: { teller: string[]; noemer: string[] } }
export interface Ambitie extends Cijfer { nummer: number; omschrijving: string; doel: number; gehaald: boolean | null; trend: Trendpunt[] }
export interface Periode { jaar: number; halfjaar?: 1 | 2; van: string; tot: string; positie: number }
export interface AmbitiesAntwoord extends Periode { ambities: Ambitie[] }
export interface IndicatorenAntwoord extends Periode {
  indicatoren: {
    pipOpTijd: Cijfer;
    bredeIntakeGestart: Cijfer;
    routeverdeling: { totaal: number; perLeerroute: Record<string, number>; detail?: Record<string, string[]> };
    inburgeringsplichtVoldaan: Cijfer;
  };
}

export interface Termijn {
  trajectId: string; soort: string; uiterlijk?: string; tot?: string; eind?: string; laatsteDag: string | null; status: string;
  dagenTotLaatsteDag: number | null; opgeschort?: boolean; naam: string | null; consulent: string | null; doelgroep: string; fase: string;
}
export interface TermijnenAntwoord { peildatum: string; lopend: Termijn[]; verstreken: Termijn[] }

export interface CaseloadAntwoord {
  totaal: number; perFase: Record<string, number>; perLeerroute: Record<string, number>;
  perConsulent: { consulent: string | null; totaal: number; perFase: Record<string, number>; perLeerroute: Record<string, number> }[];
}

export interface TrajectItem {
  id: string; soort: string; doelgroep: string | null; naam: string | null; consulent: string | null; fase: string;
  leerroute: string | null; datumRegistratie: string; datumEinde: string | null; revisie: number;
}
export interface TrajectenAntwoord { items: TrajectItem[]; pagina: number; paginaGrootte: number; totaal: number }

export interface Gebeurtenis {
  eventId: string; type: string; revisie: number; positie: number; datum: string; recordedAt: string;
  actor: { id: string; rol: string }; data: Record<string, unknown>; stream?: string;
}
export interface TermijnInView { uiterlijk?: string | null; tot?: string; start?: string; eind?: string; status: string; opgeschort?: boolean }
export interface TrajectView {
  id: string; soort: string; revisie: number; fase: string; status: unknown; doelgroep?: string; consulent?: string | null;
  persoon?: { naam?: unknown } | null; leerroute?: { route: string } | null; termijnen?: Record<string, TermijnInView>;
  toegestaneActies: string[]; [veld: string]: unknown;
}
export interface TijdlijnAntwoord {
  id: string; peildatum: string | null; totRevisie: number | null;
  stappen: { gebeurtenis: Gebeurtenis; fase: string; status: unknown; nietToepasbaar?: boolean }[];
  staat: TrajectView | null;
}

export interface GebeurtenissenAntwoord { gebeurtenissen: (Gebeurtenis & { stream: string; hash: string | null })[]; volgende: string | null }
export interface Inzage {
  /** The entry's actor is `{sub, rol}` (Logboek Dataverwerkingen), the event's own `{id, rol}`: either may come. */
  positie: number; type: string; stream: string; recordedAt: string; actor: { sub?: string; id?: string; rol: string };
  trajectId?: string; endpoint?: string; name?: string; formaat?: string; status_code?: string;
}
export interface InzageAntwoord { inzages: Inzage[]; volgende: string | null }
export interface StreamIntegriteit {
  stream: string; ok: boolean; gebeurtenissen: number; laatsteHash: string | null;
  eersteBreuk?: { versie: number; revisie: number; eventId: string; positie: number; type: string; reden: string; detail: string };
}
export interface IntegriteitsRapport {
  ok: boolean; gecontroleerdOp: string; totPositie: number; streams: number; gebeurtenissen: number;
  gebroken: StreamIntegriteit[]; resultaten: StreamIntegriteit[];
}
export interface BewaartermijnenAntwoord {
  peildatum: string; bewaartermijnJaren: number; veldgroepen: string[];
  trajecten: { trajectId: string; soort: string; fase: string; finaalSinds: string; bewaarTot: string; teWissenVeldgroepen: string[]; gewisteVeldgroepen: string[] }[];
  pagina: number; paginaGrootte: number; volgende: number | null;
}
