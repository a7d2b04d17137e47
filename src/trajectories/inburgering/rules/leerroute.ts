import { isDatum, leeftijdOp, plusMaanden } from '../../core/kalender';
import { weiger } from '../../core/regels';
import { InburgeringContext } from '../context';
import { Leerroute } from '../events';
import { nietVereist } from './leerroute-behaald';

// Bossche beleid (seed, "Jonge inburgeraars"): the onderwijsroute is offered to young people up to and including 27.
// The law sets no age limit, so a case worker may depart from it with a reason.
export const ONDERWIJSROUTE_MAX_LEEFTIJD = 27;

export function controleerOnderwijsrouteLeeftijd(c: InburgeringContext, op: string, afwijkingOnderbouwing?: string): void {
  // After crypto-shredding the birth date reads as {"$gewist": true}: the age can no longer be checked.
  if (!isDatum(c.persoon?.geboortedatum)) {
    if (afwijkingOnderbouwing) return;
    weiger('De geboortedatum is gewist, dus de leeftijd voor de onderwijsroute is niet te toetsen. Ontbreekt: afwijkingOnderbouwing', ['afwijkingOnderbouwing']);
  }
  const leeftijd = leeftijdOp(c.persoon.geboortedatum, op);
  if (leeftijd > ONDERWIJSROUTE_MAX_LEEFTIJD && !afwijkingOnderbouwing) {
    weiger(`De onderwijsroute wordt aangeboden tot en met ${ONDERWIJSROUTE_MAX_LEEFTIJD} jaar (Bossche beleidsregel; afwijken met redenen, `
      + `Awb art. 4:84); leeftijd op ${op} is ${leeftijd}. Ontbreekt: afwijkingOnderbouwing`, ['afwijkingOnderbouwing']);
  }
}

// Besluit inburgering 2021 art. 5.4 lid 1: a new leerroute only until 18 months after the start of the
// inburgeringstermijn; onderwijsroute → B1-route at any time; the college may depart in a special case.
export const ROUTEWISSEL_MAANDEN = 18;

export function controleerRoutewissel(
  c: InburgeringContext, naar: Leerroute, datum: string, bijzonderGeval?: boolean, onderbouwing?: string,
): void {
  if (c.leerroute === naar) weiger(`De leerroute is al ${naar}`);
  if (c.leerroute === 'onderwijsroute' && naar === 'b1') return;
  const grens = plusMaanden(c.inburgeringstermijn!.start, ROUTEWISSEL_MAANDEN);
  if (datum < grens) return;
  if (bijzonderGeval && onderbouwing) return;
  const ontbreekt = [...(bijzonderGeval ? [] : ['bijzonderGeval']), ...(onderbouwing ? [] : ['afwijkingOnderbouwing'])];
  weiger(`Een leerroutewissel kan tot 18 maanden na de start van de inburgeringstermijn (tot ${grens}); `
    + 'daarna alleen van onderwijsroute naar B1 of als bijzonder geval: stuur bijzonderGeval: true én afwijkingOnderbouwing '
    + `(de redenen van de afwijking), naast reden (Besluit art. 5.4). Ontbreekt: ${ontbreekt.join(', ')}`, ontbreekt);
}

// Besluit inburgering 2021 art. 5.5: afschalen needs at least 600 NT2 course hours.
export const AFSCHALEN_MIN_NT2_UREN = 600;

/** Afschalen (Wi art. 17 lid 3) lives on the B1-route only; the machine's gate refuses it elsewhere. */
export function controleerAfschalen(c: InburgeringContext): void {
  if (c.uren.nt2 < AFSCHALEN_MIN_NT2_UREN) {
    weiger(`Afschalen naar A2 vraagt minstens ${AFSCHALEN_MIN_NT2_UREN} uur NT2 (Besluit art. 5.5); geregistreerd: ${c.uren.nt2} uur`);
  }
}

// Besluit inburgering 2021 art. 3.14: the Z-route has 800 course hours (NT2 + KNM) and, for an
// asielstatushouder, 800 hours of participation activities, from which PVT and MAP hours are deducted.
// Besluit art. 2.7: a partial ontheffing (or vrijstelling) of `participatie` releases those 800 hours.
export const ZROUTE_CURSUSUREN = 800;
export const ZROUTE_PARTICIPATIEUREN = 800;

export const zrouteUren = (c: InburgeringContext) => ({
  cursusUren: c.uren.nt2 + c.uren.knm,
  participatieUren: c.uren.participatie + c.uren.pvt + c.uren.map,
});

export function controleerZroute(c: InburgeringContext): void {
  const { cursusUren, participatieUren } = zrouteUren(c);
  if (cursusUren < ZROUTE_CURSUSUREN) {
    weiger(`De Z-route vraagt ${ZROUTE_CURSUSUREN} cursusuren NT2 en KNM (Besluit art. 3.14); geregistreerd: ${cursusUren} uur`);
  }
  if (c.doelgroep === 'asielstatushouder' && !nietVereist(c, 'participatie') && participatieUren < ZROUTE_PARTICIPATIEUREN) {
    weiger(`De Z-route vraagt voor een asielstatushouder ${ZROUTE_PARTICIPATIEUREN} uur participatie (PVT- en MAP-uren tellen mee, Besluit art. 3.14); geregistreerd: ${participatieUren} uur`);
  }
}
