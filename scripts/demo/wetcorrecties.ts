import { laatste, plusJaren, plusMaanden } from '../../src/trajectories/core/kalender';
import { BEVINDINGEN, Leven, Stap } from './leven';
import { CONSULENTEN, Dobbelsteen, dagen, naam } from './random';

type Doelgroep = 'asielstatushouder' | 'gezinsmigrant';

/**
 * Lives that show the law corrections of issue 9 in the demo: partial vrijstellingen and ontheffingen with their
 * onderdelen (Wi art. 7 lid 3; Besluit art. 2.7), an afschaling followed by a route switch (Wi art. 17 lid 3),
 * and both verlenging grounds (Besluit art. 4.3, 4.4), one recorded after the extended end. At most two per year
 * and doelgroep, so the yearly intake stays near the seed figures.
 */

interface Begin {
  l: Leven;
  /** Start of the inburgeringstermijn (PIP dagtekening + 1 day) and its exclusive end. */
  T: string;
  E: string;
}

/** Registration through intake to a PIP on `route`; someone over 27 (the onderwijsroute is not in play). */
function begin(d: Dobbelsteen, doelgroep: Doelgroep, R: string, route: string): Begin {
  const l = new Leven(d, d.uuid(), d.kies(CONSULENTEN));
  const geslacht = d.kans(0.5) ? 'man' : 'vrouw';
  const persoon = { naam: naam(d, geslacht), geboortedatum: dagen(plusJaren(R, -d.int(30, 45)), -d.int(0, 364)), geslacht, bsn: d.bsn() };
  let brp: string;
  if (doelgroep === 'asielstatushouder') {
    const K = dagen(R, -d.int(0, 10));
    brp = dagen(R, d.int(5, 30));
    l.stap(R, 'registreer', { soort: 'inburgering', doelgroep, persoon, datum: R, datumKoppeling: K, datumMeldingDuo: R, consulent: l.consulent });
    l.stap(brp, 'registreer-inschrijving-brp');
    const S = laatste(R, dagen(K, d.int(14, 60)));
    l.stap(S, 'registreer-screening', { datum: S, uitvoerder: 'Weener XL', bevindingen: 'eerst taal' });
  } else {
    brp = dagen(R, -d.int(5, 40));
    l.stap(R, 'registreer', { soort: 'inburgering', doelgroep, persoon, datum: R, datumMeldingDuo: R, datumInschrijvingBrp: brp, consulent: l.consulent });
  }
  const B = dagen(laatste(R, brp), d.int(2, 10));
  const toets = dagen(B, 1);
  const A = dagen(toets, 3);
  const P = dagen(A, d.int(3, 10));
  l.stap(B, 'start-brede-intake');
  l.stap(toets, 'registreer-leerbaarheidstoets', { datum: toets, adviesNiveau: route === 'z-route' ? 'A1' : 'B1', adviesLeerroute: route });
  l.stap(A, 'rond-brede-intake-af', { datum: A, bevindingen: d.kies(BEVINDINGEN) });
  l.stap(P, 'stel-pip-vast', { datum: P, leerroute: route, voortgangsgesprekken: 3, participatieactiviteiten: ['taalondersteuning'] });
  const T = dagen(P, 1);
  return { l, T, E: plusJaren(T, 3) };
}

const examen = (l: Leven, datum: string, onderdeel: string, niveau: string | null, behaald = true) =>
  l.stap(datum, 'registreer-examenresultaat', { datum, onderdeel, ...(niveau ? { niveau } : {}), behaald });

function pvtEnMap(l: Leven, T: string, map: number): void {
  const pvt = dagen(T, 100);
  l.stap(pvt, 'registreer-uren', { datum: pvt, soort: 'pvt', uren: 12 });
  l.stap(pvt, 'rond-pvt-af');
  l.stap(dagen(T, map), 'rond-map-af');
}

/** B1-route; a Dutch mbo-4 diploma covers lezen and luisteren: a partial vrijstelling, the rest passed → voldaan. */
function vrijstellingTaal(d: Dobbelsteen, R: string, einde: string): Stap[] {
  const { l, T } = begin(d, 'gezinsmigrant', R, 'b1');
  const V = dagen(T, d.int(30, 120));
  l.stap(V, 'registreer-vrijstelling', { datum: V, grond: 'Nederlands mbo-4-diploma (Wi art. 7 lid 3)', volledig: false, onderdelen: ['lezen', 'luisteren'] });
  l.kwartalen('nt2', T, dagen(T, 450), () => d.int(80, 120));
  pvtEnMap(l, T, 300);
  const X = dagen(T, d.int(400, 500));
  for (const o of ['schrijven', 'spreken']) examen(l, X, o, 'B1');
  examen(l, X, 'knm', null);
  l.stap(dagen(X, 20), 'rond-inburgering-af');
  return l.klaar(einde);
}

/** Z-route asielstatushouder with a partial medical ontheffing of participatie: the 800 course hours suffice → voldaan. */
function ontheffingParticipatie(d: Dobbelsteen, R: string, einde: string): Stap[] {
  const { l, T } = begin(d, 'asielstatushouder', R, 'z-route');
  const klaar = dagen(T, 7 * 91);
  l.kwartalen('nt2', T, dagen(klaar, 1), () => 110);
  l.kwartalen('knm', T, dagen(klaar, 1), () => 10);
  l.kwartalen('participatie', T, dagen(T, 300), () => d.int(30, 50));
  const O = dagen(T, d.int(200, 300));
  l.stap(O, 'registreer-ontheffing', { datum: O, grond: 'medische ontheffing participatie (DUO, Besluit art. 2.7)', volledig: false, onderdelen: ['participatie'] });
  pvtEnMap(l, T, 400);
  l.stap(dagen(klaar, 10), 'rond-zroute-af');
  l.stap(dagen(klaar, 25), 'rond-inburgering-af');
  return l.klaar(einde);
}

/** B1-route: afgeschaald to A2 after 600 NT2 hours, A2 still out of reach, then a switch to the Z-route, which ends the afschaling. */
function afschalingDanZroute(d: Dobbelsteen, R: string, einde: string): Stap[] {
  const { l, T } = begin(d, 'asielstatushouder', R, 'b1');
  const z = dagen(T, 8 * 91 + 10);
  l.kwartalen('nt2', T, z, () => 150);
  l.kwartalen('knm', T, dagen(T, 200), () => 20);
  l.kwartalen('participatie', T, z, () => 120);
  const X = dagen(T, 380);
  examen(l, X, 'lezen', 'B1');
  examen(l, X, 'luisteren', 'B1');
  examen(l, X, 'knm', null);
  examen(l, X, 'spreken', 'B1', false);
  examen(l, X, 'schrijven', 'B1', false);
  const af = dagen(T, 420);
  l.stap(af, 'schaal-af-naar-a2', { datum: af, onderdelen: ['spreken', 'schrijven'], onderbouwing: '600 uur NT2 met inzet gevolgd; B1 niet haalbaar binnen de termijn' });
  examen(l, dagen(T, 480), 'spreken', 'A2', false);
  const wissel = dagen(T, 500);
  l.stap(wissel, 'wijzig-leerroute', { datum: wissel, naar: 'z-route', reden: 'ook A2 blijkt niet haalbaar; zelfredzaamheid voorop' });
  pvtEnMap(l, T, 600);
  l.stap(z, 'rond-zroute-af');
  l.stap(dagen(z, 20), 'rond-inburgering-af');
  return l.klaar(einde);
}

/** B1-route: afschaling, a switch to the Z-route and back; the afschaling is gone, a new one is decided → voldaan. */
function afschalingHeenEnTerug(d: Dobbelsteen, R: string, einde: string): Stap[] {
  const { l, T } = begin(d, 'gezinsmigrant', R, 'b1');
  l.kwartalen('nt2', T, dagen(T, 520), () => 200);
  const X = dagen(T, 280);
  for (const o of ['lezen', 'luisteren', 'schrijven']) examen(l, X, o, 'B1');
  examen(l, X, 'knm', null);
  examen(l, X, 'spreken', 'B1', false);
  const af = dagen(T, 300);
  l.stap(af, 'schaal-af-naar-a2', { datum: af, onderdelen: ['spreken'], onderbouwing: '600 uur NT2; spreken blijft achter' });
  const heen = dagen(T, 320);
  l.stap(heen, 'wijzig-leerroute', { datum: heen, naar: 'z-route', reden: 'gezondheid laat intensief leren niet toe' });
  const terug = dagen(T, 400);
  l.stap(terug, 'wijzig-leerroute', { datum: terug, naar: 'b1', reden: 'hersteld; docent acht B1 weer haalbaar' });
  examen(l, dagen(T, 450), 'spreken', 'B1', false);
  const opnieuw = dagen(T, 470);
  l.stap(opnieuw, 'schaal-af-naar-a2', { datum: opnieuw, onderdelen: ['spreken'], onderbouwing: 'nieuw besluit na terugkeer op de B1-route' });
  examen(l, dagen(T, 520), 'spreken', 'A2');
  pvtEnMap(l, T, 350);
  l.stap(dagen(T, 540), 'rond-inburgering-af');
  return l.klaar(einde);
}

/** B1-route: DUO extends by exactly 6 months for aanzienlijke inspanningen (Besluit art. 4.4); voldaan within the extension. */
function verlengingInspanningen(d: Dobbelsteen, R: string, einde: string): Stap[] {
  const { l, T, E } = begin(d, 'gezinsmigrant', R, 'b1');
  l.kwartalen('nt2', T, dagen(E, 60), () => d.int(60, 90));
  pvtEnMap(l, T, 400);
  const X = dagen(T, 500);
  for (const o of ['lezen', 'luisteren']) examen(l, X, o, 'B1');
  examen(l, X, 'knm', null);
  const V = dagen(E, -d.int(20, 50));
  l.stap(V, 'verleng-inburgeringstermijn', { datum: V, nieuweEinddatum: plusMaanden(E, 6), grond: 'aanzienlijke-inspanningen' });
  const Y = dagen(E, d.int(60, 100));
  for (const o of ['schrijven', 'spreken']) examen(l, Y, o, 'B1');
  l.stap(dagen(Y, 20), 'rond-inburgering-af');
  return l.klaar(einde);
}

/** Z-route: the term expires; DUO's extension on ground (a), niet verwijtbaar, is recorded after even the extended end. */
function verlengingLaatVastgelegd(d: Dobbelsteen, R: string, einde: string): Stap[] {
  const { l, T, E } = begin(d, 'asielstatushouder', R, 'z-route');
  l.kwartalen('nt2', T, E, () => d.int(60, 80));
  l.kwartalen('knm', T, E, () => 5);
  l.kwartalen('participatie', T, E, () => d.int(60, 90));
  pvtEnMap(l, T, 500);
  // Four months on ground (a), decided in time but recorded some weeks after the new end.
  const V = dagen(plusMaanden(E, 4), d.int(10, 40));
  l.stap(V, 'verleng-inburgeringstermijn', { datum: V, nieuweEinddatum: plusMaanden(E, 4), grond: 'niet-verwijtbaar' });
  return l.klaar(einde);
}

/** The lives above, registered across 2022–2024. */
export function wetcorrectieLevens(d: Dobbelsteen, einde: string): Stap[] {
  // Registered in the first months of the year, so that the lives (and the late verlenging) fall within the demo.
  const dag = (jaar: number) => `${jaar}-${String(d.int(1, 4)).padStart(2, '0')}-${String(d.int(10, 28)).padStart(2, '0')}`;
  const plan: [number, (d: Dobbelsteen, R: string, einde: string) => Stap[]][] = [
    [2022, verlengingInspanningen], [2022, verlengingLaatVastgelegd],
    [2023, vrijstellingTaal], [2023, ontheffingParticipatie], [2023, afschalingDanZroute],
    [2024, afschalingHeenEnTerug],
  ];
  return plan.filter(([jaar]) => `${jaar}-01-01` <= einde).flatMap(([jaar, leven]) => leven(d, dag(jaar), einde));
}
