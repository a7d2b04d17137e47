import { eerste, laatste, leeftijdOp, plusJaren, plusMaanden, plusWeken } from '../../src/trajectories/core/kalender';
import { PARTICIPATIEACTIVITEITEN } from '../../src/trajectories/inburgering/commands';
import { leerroute } from './leerroute';
import { BEVINDINGEN, Leven, Stap, participeer } from './leven';
import { CONSULENTEN, Dobbelsteen, dagen, naam } from './random';
import { wetcorrectieLevens } from './wetcorrecties';

type Doelgroep = 'asielstatushouder' | 'gezinsmigrant';

/** Seed figures (ambities.md): per year about 91 asielstatushouders and 60 gezinsmigranten; 270 in the ondertussen-groep. */
export const PER_JAAR = { asielstatushouder: 91, gezinsmigrant: 60 };
export const ONDERTUSSEN = 270;
/** 's-Hertogenbosch: 45% of vergunninghouders work, 36% follow education. */
const UITSTROOM = { asielstatushouder: { werk: 0.45, onderwijs: 0.36 }, gezinsmigrant: { werk: 0.4, onderwijs: 0.15 } };
/** Bossche ambitions 2–4 aim at 70% (Z), 60% (B1), 20% (onderwijsroute) participating; the demo lands around them. */
const PARTICIPATIE: Record<Doelgroep, Record<string, number>> = {
  asielstatushouder: { 'z-route': 0.74, b1: 0.66, onderwijsroute: 0.28 },
  gezinsmigrant: { 'z-route': 0.55, b1: 0.45, onderwijsroute: 0.2 },
};

const dagIn = (d: Dobbelsteen, jaar: number, van = `${jaar}-01-01`) => dagen(van, d.int(0, 364 - Number(van.slice(8)) + 1));

function leeftijd(d: Dobbelsteen): number {
  const r = d.f();
  return r < 0.05 ? d.int(16, 17) : r < 0.42 ? d.int(18, 27) : r < 0.87 ? d.int(28, 45) : d.int(46, 62);
}

/** One Wi2021 inburgeraar registered in `jaar`, from registration to (perhaps) voldaan, as a case worker records it. */
function inburgeraar(d: Dobbelsteen, doelgroep: Doelgroep, jaar: number, einde: string): Stap[] {
  const asiel = doelgroep === 'asielstatushouder';
  const l = new Leven(d, d.uuid(), d.kies(CONSULENTEN));
  const geslacht = d.kans(asiel ? 0.55 : 0.35) ? 'man' : d.kans(0.99) ? 'vrouw' : 'x';
  let R = dagIn(d, jaar, jaar === 2022 ? '2022-01-10' : undefined);
  const geboortedatum = dagen(plusJaren(R, -leeftijd(d)), -d.int(0, 364));
  const persoon = { naam: naam(d, geslacht), geboortedatum, geslacht, ...(d.kans(0.9) ? { bsn: d.bsn() } : {}) };

  let K: string | undefined;
  let M: string;
  let brp: string;
  if (asiel) {
    K = laatste('2022-01-01', dagen(R, -d.int(0, 14)));
    // A few are recorded weeks late: the screening deadline has passed already and fires at once.
    if (d.kans(0.03)) R = dagen(K, d.int(72, 90));
    M = laatste(K, dagen(R, -d.int(0, 5)));
    brp = laatste(dagen(R, 1), dagen(K, d.int(21, 150)));
    l.stap(R, 'registreer', { soort: 'inburgering', doelgroep, persoon, datum: R, datumKoppeling: K, datumMeldingDuo: M, consulent: l.consulent });
    l.stap(brp, 'registreer-inschrijving-brp');
    const r = d.f();
    const S = r < 0.87 ? laatste(dagen(K, d.int(14, 66)), R) : r < 0.96 ? laatste(dagen(K, d.int(75, 125)), dagen(R, d.int(3, 30))) : null;
    if (S) l.stap(S, 'registreer-screening', { datum: S, uitvoerder: 'Weener XL', bevindingen: d.kies(['werkfit', 'eerst taal', 'zorg nodig', 'ervaring in de bouw', 'wil studeren']) });
  } else {
    M = dagen(R, -d.int(0, 7));
    brp = dagen(M, -d.int(5, 40));
    l.stap(R, 'registreer', { soort: 'inburgering', doelgroep, persoon, datum: R, datumMeldingDuo: M, datumInschrijvingBrp: brp, consulent: l.consulent });
  }

  // Besluit art. 5.3: 10 weeks after the later of melding and BRP (melding from 2023), else after BRP.
  const L = plusWeken(M >= '2023-01-01' ? laatste(M, brp) : brp, 10);
  const B = dagen(laatste(R, brp), d.int(2, 20));
  const toets = dagen(B, d.int(0, 3));
  const A = dagen(toets, d.int(2, 5));
  let P = dagen(A, d.int(1, 26));
  if (d.kans(0.05) && dagen(B, 1) < dagen(L, -5)) {
    const op = dagen(B, 1);
    const ontvangen = dagen(op, d.int(14, 45));
    l.stap(op, 'stel-pip-termijn-op', { datum: op, reden: 'wacht op medische informatie van de huisarts' });
    l.stap(ontvangen, 'registreer-informatie-derden');
    P = laatste(P, dagen(ontvangen, d.int(2, 12)));
  } else if (d.kans(0.1)) P = laatste(P, dagen(L, d.int(3, 40)));

  const jong = leeftijdOp(geboortedatum, P) <= 27;
  const route = jong && d.kans(asiel ? 0.55 : 0.35) ? 'onderwijsroute' : d.kans(asiel ? 0.22 : 0.1) ? 'z-route' : 'b1';
  l.stap(B, 'start-brede-intake');
  l.stap(toets, 'registreer-leerbaarheidstoets', { datum: toets, adviesNiveau: route === 'onderwijsroute' ? 'B2' : route === 'z-route' ? 'A1' : d.kies(['B1', 'B1', 'A2']), adviesLeerroute: route });
  l.stap(A, 'rond-brede-intake-af', { datum: A, bevindingen: d.kies(BEVINDINGEN) });
  l.stap(P, 'stel-pip-vast', { datum: P, leerroute: route, voortgangsgesprekken: d.int(2, 4), participatieactiviteiten: [d.kies(PARTICIPATIEACTIVITEITEN)] });
  const T = dagen(P, 1);
  const E = plusJaren(T, 3);

  const { behaald, mapVanaf } = leerroute(l, route, T, asiel);
  l.schrap('registreer-uren', behaald);
  const pvt = dagen(T, d.int(60, 330));
  l.stap(pvt, 'registreer-uren', { datum: pvt, soort: 'pvt', uren: 12 });
  l.stap(pvt, 'rond-pvt-af');
  const map = mapVanaf ? dagen(mapVanaf, d.int(240, 700)) : null;
  if (map) l.stap(map, 'rond-map-af');
  const F = dagen([behaald, pvt, map ?? pvt].sort().at(-1)!, d.int(7, 45));
  // 2% leave, 1.5% get a full ontheffing (DUO, medical); the cut in `klaar` drops what would have followed.
  if (d.kans(0.02)) {
    const weg = dagen(R, d.int(60, 900));
    l.stap(weg, 'beeindig-traject', { datum: weg, reden: d.kies(['verhuisd', 'vertrokken']) });
  } else if (d.kans(0.015)) {
    const o = dagen(P, d.int(30, 400));
    l.stap(o, 'registreer-ontheffing', { datum: o, grond: 'medische ontheffing (DUO)', volledig: true });
  }
  l.stap(F, 'rond-inburgering-af');
  for (let v = dagen(P, d.int(150, 210)); v < F; v = dagen(v, d.int(150, 210))) {
    l.stap(v, 'registreer-voortgangsgesprek', { datum: v, verslag: d.kies(['goede voortgang', 'taal gaat langzaam', 'participatie loopt', 'afspraken bijgesteld']) });
  }
  // Wi art. 12: DUO extends the term for some who will not make it in time; the rest see it expire. Ground (b),
  // aanzienlijke inspanningen, is exactly 6 months and only on the B1-route (Besluit art. 4.4); ground (a) as DUO decides.
  if (F >= E && d.kans(0.55)) {
    const datum = dagen(E, -d.int(15, 90));
    const b1 = route === 'b1' || (route === 'onderwijsroute' && mapVanaf !== null);
    const grond = b1 && d.kans(0.5) ? 'aanzienlijke-inspanningen' : 'niet-verwijtbaar';
    l.stap(datum, 'verleng-inburgeringstermijn', { datum, nieuweEinddatum: plusMaanden(E, grond === 'niet-verwijtbaar' ? d.kies([6, 9, 12]) : 6), grond });
  }
  if (d.kans(PARTICIPATIE[doelgroep][route])) participeer(l, P, F, d.int(1, 3));

  // Bijstand (and for an asielstatushouder six months of ontzorging, Pw art. 56a) and uitstroom.
  const bijstand = asiel ? (d.kans(0.92) ? brp : null) : d.kans(0.18) ? dagen(R, d.int(0, 90)) : null;
  if (bijstand) l.stap(bijstand, 'registreer-bijstand', { ingangsdatum: bijstand });
  const u = d.f();
  const soort = u < UITSTROOM[doelgroep].werk ? 'betaald-werk' : u < UITSTROOM[doelgroep].werk + UITSTROOM[doelgroep].onderwijs ? 'onderwijs' : null;
  let bijstandEinde: string | null = null;
  if (soort) {
    const U = eerste(dagen(laatste(brp, R), d.int(240, 1200)), dagen(F, -d.int(40, 70)));
    if (U > R) {
      l.stap(U, 'registreer-uitstroom', { datum: U, soort });
      if (bijstand && U > bijstand && (soort === 'betaald-werk' || d.kans(0.5))) {
        bijstandEinde = dagen(U, d.int(14, 35));
        l.stap(bijstandEinde, 'beeindig-bijstand');
      }
    }
  }
  if (asiel && bijstand && d.kans(0.18)) {
    const tot = plusMaanden(bijstand, 6);
    const datum = dagen(tot, -d.int(5, 30));
    if (!bijstandEinde || bijstandEinde > tot) l.stap(datum, 'verleng-ontzorging', { datum, tot: plusMaanden(tot, d.kies([3, 6])), reden: 'schuldhulpverlening loopt nog' });
  }
  return l.klaar(einde);
}

/** A Wi2013 asielstatushouder of the ondertussen-groep: advice and referral only. */
function ondertussen(d: Dobbelsteen, einde: string): Stap[] {
  const l = new Leven(d, d.uuid(), d.kies(CONSULENTEN));
  const R = dagen('2022-01-03', d.int(0, 180));
  const geslacht = d.kans(0.55) ? 'man' : 'vrouw';
  const geboortedatum = dagen(plusJaren(R, -d.int(20, 60)), -d.int(0, 364));
  const brp = dagen('2015-01-01', d.int(0, 6 * 365));
  l.stap(R, 'registreer', { soort: 'ondertussen', doelgroep: 'asielstatushouder', persoon: { naam: naam(d, geslacht), geboortedatum, geslacht }, datum: R, datumInschrijvingBrp: brp, consulent: l.consulent });
  let datum = dagen(R, d.int(7, 60));
  l.stap(datum, 'registreer-adviesgesprek', { datum, advies: d.kies(['taalcafé en vrijwilligerswerk', 'NT2 bij het Bossche Taalnetwerk', 'oriëntatie op werk via Weener XL', 'inburgeringsexamen vrijwillig afronden']) });
  if (d.kans(0.7)) {
    datum = dagen(datum, d.int(0, 30));
    l.stap(datum, 'verwijs-door', { datum, partner: d.kies(['Bossche Taalnetwerk', 'VluchtelingenWerk', 'Weener XL', 'Koning Willem I College']) });
  }
  if (d.kans(0.5)) {
    datum = dagen(datum, d.int(60, 300));
    l.stap(datum, 'registreer-adviesgesprek', { datum, advies: 'vervolggesprek: voortgang besproken' });
  }
  if (d.kans(0.65)) {
    datum = dagen(datum, d.int(90, 900));
    l.stap(datum, 'sluit-begeleiding-af', { datum, reden: d.kies(['doelen bereikt', 'geen behoefte meer', 'verhuisd']) });
  }
  return l.klaar(einde);
}

/**
 * One gezinsmigrant who reaches the AOW age during the trajectory (Wi 2021 art. 3 lid 1): born 1957-06-15, so 67 on
 * 2024-06-15 (AOW age 67 up to 2027). Nothing is recorded from that day: the scheduler ends the trajectory
 * (TrajectBeeindigd, reden aow-leeftijd).
 */
function aowLeeftijd(d: Dobbelsteen, einde: string): Stap[] {
  const l = new Leven(d, d.uuid(), d.kies(CONSULENTEN));
  const persoon = { naam: naam(d, 'vrouw'), geboortedatum: '1957-06-15', geslacht: 'vrouw' };
  const R = '2022-03-01';
  l.stap(R, 'registreer', { soort: 'inburgering', doelgroep: 'gezinsmigrant', persoon, datum: R, datumMeldingDuo: '2022-02-25', datumInschrijvingBrp: '2022-02-01', consulent: l.consulent });
  l.stap('2022-03-10', 'start-brede-intake');
  l.stap('2022-03-11', 'registreer-leerbaarheidstoets', { datum: '2022-03-11', adviesNiveau: 'A1', adviesLeerroute: 'z-route' });
  l.stap('2022-03-15', 'rond-brede-intake-af', { datum: '2022-03-15', bevindingen: d.kies(BEVINDINGEN) });
  l.stap('2022-03-20', 'stel-pip-vast', { datum: '2022-03-20', leerroute: 'z-route', voortgangsgesprekken: 2, participatieactiviteiten: ['taalondersteuning'] });
  l.kwartalen('nt2', '2022-03-21', '2024-06-01', () => d.int(40, 80));
  l.stap('2023-05-01', 'registreer-voortgangsgesprek', { datum: '2023-05-01', verslag: 'taal gaat langzaam' });
  return l.klaar(eerste(einde, '2024-06-14'));
}

/** The whole caseload 2022 up to `einde`, in the order the case workers record it. */
export function planCaseload(d: Dobbelsteen, einde: string): Stap[] {
  const levens: Stap[][] = [];
  // The lives of the law corrections (issue 9) roll their own dice, apart from the random caseload.
  levens.push(wetcorrectieLevens(new Dobbelsteen(d.seed + 1_000_000), einde));
  for (let i = 0; i < ONDERTUSSEN; i++) levens.push(ondertussen(d, einde));
  for (let jaar = 2022; jaar <= Number(einde.slice(0, 4)); jaar++) {
    for (const doelgroep of ['asielstatushouder', 'gezinsmigrant'] as const) {
      const n = PER_JAAR[doelgroep] + d.int(-3, 3);
      for (let i = 0; i < n; i++) levens.push(inburgeraar(d, doelgroep, jaar, einde));
    }
  }
  levens.push(aowLeeftijd(d, einde));
  return levens.flat().map((s, i) => ({ s, i })).sort((a, b) => (a.s.datum < b.s.datum ? -1 : a.s.datum > b.s.datum ? 1 : a.i - b.i)).map(({ s }) => s);
}
