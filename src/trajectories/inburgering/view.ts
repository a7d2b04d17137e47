import { TrajectState } from '../core/kind';
import { InburgeringContext, bijstandActief, ontzorgingActief } from './context';
import { nietVereist, onthevenOnderdelen, vrijgesteldeOnderdelen } from './rules/leerroute-behaald';
import { inburgeringsexamenBehaald, leerrouteBehaald, vereistNiveau } from './rules/leerroute-behaald';
import { pipTermijnOpgeschort, pipUiterlijk, screeningUiterlijk } from './rules/termijnen';

export type TermijnStatus = 'lopend' | 'gehaald' | 'verstreken' | 'vervallen';

const FINAAL = ['voldaan', 'vrijgesteld', 'ontheven', 'beeindigd'];

/** A deadline with a last day on time: met when the fact came in time, exceeded when recorded so or past today. */
function laatsteDagStatus(uiterlijk: string, gedaan: string | null, gemeld: boolean, today: string, finaal: boolean): TermijnStatus {
  if (gedaan) return gedaan <= uiterlijk ? 'gehaald' : 'verstreken';
  if (gemeld || today > uiterlijk) return 'verstreken';
  return finaal ? 'vervallen' : 'lopend';
}

export function termijnen(c: InburgeringContext, fase: string, today: string): Record<string, unknown> {
  const finaal = FINAAL.includes(fase);
  // A closed trajectory accepts no facts: its deadlines are judged on the day it ended, not on today.
  const peildatum = finaal && c.einde ? c.einde.datum : today;
  const t: Record<string, unknown> = {};
  const screening = screeningUiterlijk(c);
  if (screening) {
    t.screening = { uiterlijk: screening, status: laatsteDagStatus(screening, c.screening?.datum ?? null, !!c.verstreken.screening, peildatum, finaal) };
  }
  const opgeschort = pipTermijnOpgeschort(c);
  const pip = pipUiterlijk(c);
  if (pip || opgeschort || c.verstreken.pip) {
    const uiterlijk = pip ?? c.verstreken.pip;
    // No last day while suspended (Besluit 5.3 lid 2): a PIP set while waiting for third-party information is on time.
    const status: TermijnStatus = uiterlijk === null
      ? (c.pip ? 'gehaald' : finaal ? 'vervallen' : 'lopend')
      : laatsteDagStatus(uiterlijk, c.pip?.dagtekening ?? null, !!c.verstreken.pip, peildatum, finaal);
    t.pip = { uiterlijk, status, opgeschort };
  }
  if (c.ontzorging) {
    const o = c.ontzorging;
    const status: TermijnStatus = ontzorgingActief(c) ? (today >= o.tot ? 'verstreken' : 'lopend') : o.reden === 'termijn-verstreken' ? 'verstreken' : 'vervallen';
    t.ontzorging = { tot: o.tot, status };
  }
  if (c.inburgeringstermijn) {
    const { start, eind } = c.inburgeringstermijn;
    const status: TermijnStatus = fase === 'voldaan'
      ? (c.einde!.datum < eind ? 'gehaald' : 'verstreken')
      : c.verstreken.inburgeringstermijn.includes(eind) || (!finaal && today >= eind) ? 'verstreken'
        : finaal ? 'vervallen' : 'lopend';
    t.inburgeringstermijn = { start, eind, status };
  }
  return t;
}

/** The inburgering-specific fields of the case view (api.md "The view"). */
export function inburgeringView(state: TrajectState<InburgeringContext>, fase: string, today: string): Record<string, unknown> {
  const c = state.context;
  const status = state.snapshot.value as Record<string, unknown>;
  const uitvoering = typeof status === 'object' ? (status.uitvoering as Record<string, unknown> | undefined) : undefined;
  return {
    doelgroep: c.doelgroep,
    persoon: c.persoon,
    consulent: c.consulent,
    datumRegistratie: c.datumRegistratie,
    datumMeldingDuo: c.datumMeldingDuo,
    datumKoppeling: c.datumKoppeling,
    datumInschrijvingBrp: c.datumInschrijvingBrp,
    leerroute: c.leerroute ? { route: c.leerroute, behaald: leerrouteBehaald(c), inburgeringsexamenBehaald: inburgeringsexamenBehaald(c) } : null,
    niveau: {
      advies: c.leerbaarheidstoets?.adviesNiveau ?? null,
      // The level per language part still to be examined; a part released by a partial vrijstelling/ontheffing is left out.
      examen: c.leerroute && c.leerroute !== 'z-route'
        ? Object.fromEntries((['lezen', 'luisteren', 'schrijven', 'spreken'] as const).filter((o) => !nietVereist(c, o)).map((o) => [o, vereistNiveau(c, o)]))
        : null,
      afgeschaald: c.afgeschaald,
    },
    // The parts released by a partial vrijstelling (Wi art. 7 lid 3) or ontheffing (Besluit art. 2.7).
    vrijgesteldeOnderdelen: vrijgesteldeOnderdelen(c),
    onthevenOnderdelen: onthevenOnderdelen(c),
    screening: c.screening,
    bredeIntake: c.bredeIntake,
    leerbaarheidstoets: c.leerbaarheidstoets,
    pip: c.pip,
    pvt: { status: uitvoering ? uitvoering.pvt : c.pvtAfgerond ? 'afgerond' : 'open', datum: c.pvtAfgerond },
    map: {
      status: uitvoering ? uitvoering.map : c.mapAfgerond ? 'afgerond' : c.leerroute === 'onderwijsroute' ? 'niet-van-toepassing' : 'open',
      datum: c.mapAfgerond,
    },
    ontzorging: c.ontzorging ? { ...c.ontzorging, actief: ontzorgingActief(c) } : null,
    uitkeringsgerechtigd: bijstandActief(c),
    bijstand: c.bijstand,
    termijnen: termijnen(c, fase, today),
    inburgeringstermijn: c.inburgeringstermijn,
    uren: c.uren,
    examenresultaten: c.examenresultaten,
    participatieactiviteiten: c.participatieactiviteiten,
    uitstroom: c.uitstroom,
    voortgangsgesprekken: c.voortgangsgesprekken,
    vrijstellingen: c.vrijstellingen,
    ontheffingen: c.ontheffingen,
    einde: c.einde,
  };
}
