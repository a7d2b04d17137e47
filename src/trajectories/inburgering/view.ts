import { TrajectState } from '../core/kind';
import { InburgeringContext, bijstandActief, ontzorgingActief } from './context';
import { nietVereist, onthevenOnderdelen, vrijgesteldeOnderdelen } from './rules/leerroute-behaald';
import { inburgeringsexamenBehaald, leerrouteBehaald, vereistNiveau } from './rules/leerroute-behaald';
import { TERMIJNSOORTEN, toonTermijn } from './rules/termijnen';
import { mapStatus, pvtStatus } from './status';

export type { TermijnStatus } from './rules/termijnen';

/** The deadlines as recorded (TermijnGesteld/Gewijzigd/Vervallen), with their status on `today` (rules/termijnen.ts). */
export function termijnen(c: InburgeringContext, today: string): Record<string, unknown> {
  return Object.fromEntries(TERMIJNSOORTEN.filter((s) => c.termijnen[s]).map((s) => [s, toonTermijn(c.termijnen[s]!, today)]));
}

/** The inburgering-specific fields of the case view (api.md "The view"). */
export function inburgeringView(state: TrajectState<InburgeringContext>, today: string): Record<string, unknown> {
  const c = state.context;
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
    pvt: { status: pvtStatus(c), datum: c.pvtAfgerond },
    map: { status: mapStatus(c), datum: c.mapAfgerond },
    ontzorging: c.ontzorging ? { ...c.ontzorging, actief: ontzorgingActief(c) } : null,
    uitkeringsgerechtigd: bijstandActief(c),
    bijstand: c.bijstand,
    termijnen: termijnen(c, today),
    inburgeringstermijn: c.inburgeringstermijn,
    uren: c.uren,
    examenresultaten: c.examenresultaten,
    participatieactiviteiten: c.participatieactiviteiten,
    uitstroom: c.uitstroom,
    voortgangsgesprekken: c.voortgangsgesprekken,
    vrijstellingen: c.vrijstellingen,
    ontheffingen: c.ontheffingen,
    einde: c.einde && { datum: c.einde.datum, ...(c.einde.reden !== undefined ? { reden: c.einde.reden } : {}) },
  };
}
