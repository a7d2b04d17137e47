import { laatste, plusDagen, plusJaren, plusMaanden, plusWeken } from '../../core/kalender';
import { DomainEvent } from '../../core/kind';
import { InburgeringContext, VastgelegdeTermijn } from '../context';
import { InburgeringEventData, TermijnData, Termijnsoort, Termijnuitkomst } from '../events';
import { aowDatum } from './aow-leeftijd';

/**
 * THE deadline module: every deadline rule of the inburgering trajectory and all its calendar arithmetic live here
 * (trajectory.md "Deadlines" and its amendments). After the facts of every accepted command the decider asks
 * `termijnFeiten` what changed and appends it in the same append (TermijnGesteld / TermijnGewijzigd /
 * TermijnVervallen, each naming its grondslag). The view, the schedule, the termijnen dashboard and the ambities
 * read those recorded facts; `termijnStatus` / `statusVoorEnNa` are the one definition of a deadline's status.
 */

export const TERMIJNSOORTEN: Termijnsoort[] = ['screening', 'pip', 'ontzorging', 'inburgeringstermijn', 'aow'];
export type TermijnStatus = 'lopend' | Termijnuitkomst;

// --- the rules and their arithmetic -------------------------------------------------------------------------

/** Bossche ambitie 1 (seed ch. 4): screening by Weener XL within 10 weeks after koppeling. */
export const SCREENING_WEKEN = 10;
export function screeningUiterlijk(c: InburgeringContext): string | null {
  return c.doelgroep === 'asielstatushouder' && c.datumKoppeling ? plusWeken(c.datumKoppeling, SCREENING_WEKEN) : null;
}

// Besluit inburgering 2021 art. 5.3 (text from 1-1-2023, Stb. 2022, 489): 10 weeks after DUO's melding, or after
// registration in the BRP of the municipality where that came later, also for a gezinsmigrant not yet registered
// there; before 2023 the clock ran from BRP registration only (text 2022).
export const PIP_2023 = '2023-01-01';
export const PIP_WEKEN = 10;
/** Besluit art. 5.3 lid 2: after receipt of the awaited third-party information, the PIP within 2 weeks. */
export const PIP_NA_INFORMATIE_DAGEN = 14;

function pipStart(c: InburgeringContext): string | null {
  const { datumMeldingDuo: melding, datumInschrijvingBrp: brp } = c;
  if (melding && melding >= PIP_2023) return brp ? laatste(melding, brp) : null;
  return brp;
}

/**
 * The PIP's last day on time, or null when it does not run yet (no melding/registration) or is suspended.
 * While waiting for third-party information the term is suspended (Besluit art. 5.3 lid 2);
 * afterwards it is the later of the old last day and receipt + 14 days.
 */
export function pipUiterlijk(c: InburgeringContext): string | null {
  const start = pipStart(c);
  if (!start) return null;
  const basis = plusWeken(start, PIP_WEKEN);
  const { opgeschortSinds, informatieOntvangen } = c.pipTermijn;
  if (opgeschortSinds && !informatieOntvangen) return null;
  return informatieOntvangen ? laatste(basis, plusDagen(informatieOntvangen, PIP_NA_INFORMATIE_DAGEN)) : basis;
}

/** True while the PIP term is suspended waiting for third-party information. */
export const pipTermijnOpgeschort = (c: InburgeringContext): boolean =>
  !!c.pipTermijn.opgeschortSinds && !c.pipTermijn.informatieOntvangen;

/** Pw art. 56a: ontzorging runs 6 months from the day the right to bijstand arises; `tot` is the first day without. */
export const ONTZORGING_MAANDEN = 6;
export const ontzorgingTot = (ingangsdatum: string): string => plusMaanden(ingangsdatum, ONTZORGING_MAANDEN);

/** Wi 2021 art. 11: the inburgeringstermijn starts the day after the PIP's dagtekening and lasts 3 years (`eind` exclusive). */
export const TERMIJN_JAREN = 3;
export function inburgeringstermijnNaPip(dagtekening: string): { start: string; eind: string } {
  const start = plusDagen(dagtekening, 1);
  return { start, eind: plusJaren(start, TERMIJN_JAREN) };
}

/** Wi art. 12 / Besluit art. 4.4: a verlenging on the ground `aanzienlijke-inspanningen` is 6 months. */
export const VERLENGING_AANZIENLIJKE_INSPANNINGEN_MAANDEN = 6;
export const verlengdMetZesMaanden = (eind: string): string => plusMaanden(eind, VERLENGING_AANZIENLIJKE_INSPANNINGEN_MAANDEN);

/** Is the PIP term running on `datum` (set, not suspended, not ended, its last day not passed)? The only time it may be suspended. */
export function pipTermijnLoopt(c: InburgeringContext, datum: string): boolean {
  const t = c.termijnen.pip;
  return !!t && t.uitkomst === null && !t.opgeschort && c.verstreken.pip === null && t.laatsteDag !== null && datum <= t.laatsteDag;
}

// --- the grondslagen -----------------------------------------------------------------------------------------

export const GRONDSLAG = {
  screening: 'Bossche ambitie 1 (seed hfst. 4): screening door Weener XL binnen 10 weken na de koppeling',
  pip2023: 'Besluit inburgering 2021 art. 5.3 lid 1 (tekst 2023): PIP binnen 10 weken na de melding van DUO, of na de inschrijving in de BRP als die later is',
  pip2022: 'Besluit inburgering 2021 art. 5.3 lid 1 (tekst 2022): PIP binnen 10 weken na de inschrijving in de BRP',
  pipOpgeschort: 'Besluit inburgering 2021 art. 5.3 lid 2: opgeschort in afwachting van informatie van derden',
  pipNaInformatie: 'Besluit inburgering 2021 art. 5.3 lid 2: PIP binnen 2 weken na ontvangst van de informatie van derden',
  ontzorging: 'Participatiewet art. 56a: ontzorging 6 maanden vanaf de ingangsdatum van de bijstand',
  ontzorgingVerlengd: 'Participatiewet art. 56a en 57: ontzorging verlengd door het college',
  inburgeringstermijn: 'Wet inburgering 2021 art. 11: 3 jaar vanaf de dag na de dagtekening van het PIP',
  inburgeringstermijnVerlengd: 'Wet inburgering 2021 art. 12: inburgeringstermijn verlengd door DUO',
  aow: 'Wet inburgering 2021 art. 3 lid 1: inburgeringsplichtig tot de AOW-leeftijd (AOW art. 7a)',
} as const;

// --- what the deadlines should be now ------------------------------------------------------------------------

type Gewenst =
  | { loopt: true; data: TermijnData }
  | { loopt: false; data: TermijnData; uitkomst: Termijnuitkomst; reden: string };

const loopt = (data: TermijnData): Gewenst => ({ loopt: true, data });
const afgelopen = (data: TermijnData, uitkomst: Termijnuitkomst, reden: string): Gewenst => ({ loopt: false, data, uitkomst, reden });

/** A final phase ends every running deadline (trajectory.md amendment): exceeded if its last day had passed, else vervallen. */
function bijEinde(c: InburgeringContext, data: TermijnData): Gewenst {
  const einde = c.einde!;
  return afgelopen(data, data.laatsteDag !== null && einde.datum > data.laatsteDag ? 'verstreken' : 'vervallen', einde.fase);
}

/** A deadline with a last day on time (`uiterlijk`): exceeded from the day after. */
const metUiterlijk = (soort: Termijnsoort, uiterlijk: string, grondslag: string): TermijnData =>
  ({ soort, uiterlijk, laatsteDag: uiterlijk, verstrijktOp: plusDagen(uiterlijk, 1), grondslag });
/** A deadline with an exclusive end (`tot`/`eind`): its last day on time is the day before, exceeded on the end itself. */
const metEinde = (soort: Termijnsoort, veld: 'tot' | 'eind', einde: string, grondslag: string): TermijnData =>
  ({ soort, [veld]: einde, laatsteDag: plusDagen(einde, -1), verstrijktOp: einde, grondslag });

const GEWENST: Record<Termijnsoort, (c: InburgeringContext) => Gewenst | null | undefined> = {
  screening(c) {
    const uiterlijk = screeningUiterlijk(c);
    if (!uiterlijk) return null;
    const data = metUiterlijk('screening', uiterlijk, GRONDSLAG.screening);
    if (c.verstreken.screening) return afgelopen(data, 'verstreken', 'termijn-verstreken');
    // A late screening is still a screening, but not on time.
    if (c.screening) return afgelopen(data, c.screening.datum <= uiterlijk ? 'gehaald' : 'verstreken', 'screening-uitgevoerd');
    return c.einde ? bijEinde(c, data) : loopt(data);
  },

  pip(c) {
    if (c.verstreken.pip) {
      return afgelopen(metUiterlijk('pip', c.verstreken.pip, c.termijnen.pip?.grondslag ?? GRONDSLAG.pip2023), 'verstreken', 'termijn-verstreken');
    }
    const start = pipStart(c);
    if (!start) return null;
    const uiterlijk = pipUiterlijk(c);
    const nieuw = !!c.datumMeldingDuo && c.datumMeldingDuo >= PIP_2023;
    const data: TermijnData = uiterlijk === null
      ? { soort: 'pip', uiterlijk: null, laatsteDag: null, verstrijktOp: null, grondslag: GRONDSLAG.pipOpgeschort, opgeschort: true }
      : metUiterlijk('pip', uiterlijk, c.pipTermijn.informatieOntvangen && uiterlijk !== plusWeken(start, PIP_WEKEN)
        ? GRONDSLAG.pipNaInformatie : nieuw ? GRONDSLAG.pip2023 : GRONDSLAG.pip2022);
    // No last day while suspended: a PIP set while waiting for third-party information is on time.
    if (c.pip) return afgelopen(data, uiterlijk === null || c.pip.dagtekening <= uiterlijk ? 'gehaald' : 'verstreken', 'pip-vastgesteld');
    return c.einde ? bijEinde(c, data) : loopt(data);
  },

  ontzorging(c) {
    const o = c.ontzorging;
    if (!o) return null;
    const data = metEinde('ontzorging', 'tot', o.tot, o.tot === ontzorgingTot(o.ingangsdatum) ? GRONDSLAG.ontzorging : GRONDSLAG.ontzorgingVerlengd);
    if (o.einddatum !== null) return afgelopen(data, o.reden === 'termijn-verstreken' ? 'verstreken' : 'vervallen', o.reden ?? 'beeindigd');
    return c.einde ? bijEinde(c, data) : loopt(data);
  },

  inburgeringstermijn(c) {
    const t = c.inburgeringstermijn;
    if (!t) return null;
    const verlengd = t.eind !== inburgeringstermijnNaPip(plusDagen(t.start, -1)).eind;
    const data = { ...metEinde('inburgeringstermijn', 'eind', t.eind, verlengd ? GRONDSLAG.inburgeringstermijnVerlengd : GRONDSLAG.inburgeringstermijn), start: t.start };
    if (c.verstreken.inburgeringstermijn.includes(t.eind)) return afgelopen(data, 'verstreken', 'termijn-verstreken');
    if (c.einde?.fase === 'voldaan') return afgelopen(data, c.einde.datum < t.eind ? 'gehaald' : 'verstreken', 'voldaan');
    return c.einde ? bijEinde(c, data) : loopt(data);
  },

  aow(c) {
    const eind = aowDatum(c.persoon?.geboortedatum);
    // An erased birth date: the recorded deadline stands as it is.
    if (!eind) return undefined;
    const data = metEinde('aow', 'eind', eind, GRONDSLAG.aow);
    if (c.einde?.reden === 'aow-leeftijd') return afgelopen(data, 'verstreken', 'termijn-verstreken');
    return c.einde ? bijEinde(c, data) : loopt(data);
  },
};

// --- the facts that record the change ------------------------------------------------------------------------

const VELDEN: (keyof TermijnData)[] = ['uiterlijk', 'tot', 'eind', 'start', 'laatsteDag', 'verstrijktOp', 'grondslag', 'opgeschort'];
const zonderUitkomst = ({ uitkomst: _u, reden: _r, ...t }: VastgelegdeTermijn): TermijnData => t;
const gelijk = (a: TermijnData, b: TermijnData) => VELDEN.every((k) => (a[k] ?? null) === (b[k] ?? null));

type TermijnFeit = 'TermijnGesteld' | 'TermijnGewijzigd' | 'TermijnVervallen';
const feit = <K extends TermijnFeit>(type: K, data: InburgeringEventData[K], datum: string): DomainEvent =>
  ({ type, data: data as unknown as Record<string, unknown>, datum });

/**
 * What changed in the trajectory's deadlines, as facts dated `datum` (the business date of the fact that caused it).
 * An ended deadline stays ended: only a new one (a new bijstand's ontzorging, a verlenging after the end) is set again.
 */
export function termijnFeiten(c: InburgeringContext, datum: string): DomainEvent[] {
  const out: DomainEvent[] = [];
  for (const soort of TERMIJNSOORTEN) {
    const gewenst = GEWENST[soort](c);
    if (!gewenst) continue;
    const vast = c.termijnen[soort];
    if (gewenst.loopt) {
      if (!vast || vast.uitkomst) out.push(feit('TermijnGesteld', gewenst.data, datum));
      else if (!gelijk(zonderUitkomst(vast), gewenst.data)) out.push(feit('TermijnGewijzigd', gewenst.data, datum));
    } else if (!vast?.uitkomst) {
      // Never recorded (a stream from before deadlines were facts): set it first, so its end names what ended.
      if (!vast) out.push(feit('TermijnGesteld', gewenst.data, datum));
      out.push(feit('TermijnVervallen', { ...(vast ? zonderUitkomst(vast) : gewenst.data), uitkomst: gewenst.uitkomst, reden: gewenst.reden }, datum));
    }
  }
  return out;
}

// --- reading a recorded deadline (the one definition the read side uses) ------------------------------------

/** The date trajectory.md names the deadline by: `uiterlijk`, `tot` or `eind`. */
export const termijnDatum = (t: TermijnData): string | null => t.uiterlijk ?? t.tot ?? t.eind ?? null;
/** The payload field of that date. */
export const termijnVeld = (soort: Termijnsoort): 'uiterlijk' | 'tot' | 'eind' =>
  soort === 'ontzorging' ? 'tot' : soort === 'screening' || soort === 'pip' ? 'uiterlijk' : 'eind';

/** Status on `today`: its recorded outcome once ended; while running, exceeded once its last day has passed. */
export function termijnStatus(t: TermijnData & { uitkomst?: Termijnuitkomst | null }, today: string): TermijnStatus {
  if (t.uitkomst) return t.uitkomst;
  return t.laatsteDag !== null && today > t.laatsteDag ? 'verstreken' : 'lopend';
}

/** The status up to and including the last day, and after it: a deadline's status depends on today only through that day. */
export const statusVoorEnNa = (t: TermijnData & { uitkomst?: Termijnuitkomst | null }): { voor: TermijnStatus; na: TermijnStatus } =>
  ({ voor: t.uitkomst ?? 'lopend', na: t.uitkomst ?? (t.laatsteDag === null ? 'lopend' : 'verstreken') });

/** A recorded deadline as the case view shows it (api.md "The view"). */
export function toonTermijn(t: VastgelegdeTermijn, today: string): Record<string, unknown> {
  const status = termijnStatus(t, today);
  switch (t.soort) {
    case 'pip': return { uiterlijk: t.uiterlijk ?? null, status, opgeschort: !!t.opgeschort };
    case 'ontzorging': return { tot: t.tot, status };
    case 'inburgeringstermijn': return { start: t.start, eind: t.eind, status };
    case 'screening': return { uiterlijk: t.uiterlijk, status };
    default: return { eind: t.eind, status };
  }
}

/** The data of a recorded deadline fact as the context keeps it. */
export const vastgelegd = (data: TermijnData & { uitkomst?: Termijnuitkomst; reden?: string }): VastgelegdeTermijn =>
  ({ ...data, uitkomst: data.uitkomst ?? null, reden: data.reden ?? null });
