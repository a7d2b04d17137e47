import { laatste } from '../../src/trajectories/core/kalender';
import { AFSCHALEN_MIN_NT2_UREN, ZROUTE_CURSUSUREN, ZROUTE_PARTICIPATIEUREN } from '../../src/trajectories/inburgering/rules/leerroute';
import { Leven } from './leven';
import { dagen } from './random';

const TAAL = ['lezen', 'luisteren', 'schrijven', 'spreken'] as const;
const HORIZON = 5 * 365;

/** The first date on which a cumulative count reaches `min`, or null. */
const bereikt = (reeks: [string, number][], min: number) => reeks.find(([, n]) => n >= min)?.[0] ?? null;

/**
 * The inburgeringsexamen from `van` on: each part passed with a chance, failed parts retaken twice; a part
 * still failing is afgeschaald to A2 once 600 NT2 hours are registered (Besluit art. 5.5). Returns the day
 * the last part was passed.
 */
function examens(l: Leven, van: string, nt2: [string, number][]): string {
  // Most sit the exam within two years; some need much longer and see their term expire or extended.
  let datum = dagen(van, l.d.int(360, 820) + (l.d.kans(0.12) ? l.d.int(300, 600) : 0));
  let open: string[] = [...TAAL, 'knm'];
  for (let poging = 0; poging < 3 && open.length; poging++) {
    if (poging > 0) datum = dagen(datum, l.d.int(60, 150));
    open = open.filter((onderdeel) => {
      const behaald = l.d.kans(poging === 0 ? (onderdeel === 'knm' ? 0.9 : 0.8) : 0.7);
      l.stap(datum, 'registreer-examenresultaat', { datum, onderdeel, ...(onderdeel === 'knm' ? {} : { niveau: 'B1' }), behaald });
      return !behaald;
    });
  }
  if (open.includes('knm')) {
    datum = dagen(datum, l.d.int(60, 120));
    l.stap(datum, 'registreer-examenresultaat', { datum, onderdeel: 'knm', behaald: true });
  }
  const taal = open.filter((o) => o !== 'knm');
  if (taal.length) {
    const genoeg = bereikt(nt2, AFSCHALEN_MIN_NT2_UREN) ?? dagen(datum, 365);
    datum = dagen(laatste(datum, genoeg), l.d.int(14, 60));
    l.stap(datum, 'schaal-af-naar-a2', { datum, onderdelen: taal, onderbouwing: 'drie pogingen op B1, 600 uur NT2 gevolgd' });
    datum = dagen(datum, l.d.int(30, 90));
    for (const onderdeel of taal) l.stap(datum, 'registreer-examenresultaat', { datum, onderdeel, niveau: 'A2', behaald: true });
  }
  return datum;
}

/** Hours, exams or diploma of the route; returns the day the leerroute was behaald. */
export function leerroute(l: Leven, route: string, start: string, asielstatushouder: boolean): { behaald: string; mapVanaf: string | null } {
  const { d } = l;
  // Hours are registered until the route is done; generate far enough, the cut in `klaar` removes the rest.
  const horizon = dagen(start, HORIZON);
  if (route === 'z-route') {
    // Besluit art. 3.14: 800 course hours and, for an asielstatushouder, 800 participation hours.
    const cursus = l.kwartalen('nt2', start, horizon, () => d.int(100, 160));
    const knm = l.kwartalen('knm', start, horizon, () => d.int(10, 25));
    const samen = cursus.map(([datum, n], i) => [datum, n + (knm[i]?.[1] ?? 0)] as [string, number]);
    const participatie = asielstatushouder ? l.kwartalen('participatie', start, horizon, () => d.int(110, 170)) : [];
    const klaar = laatste(bereikt(samen, ZROUTE_CURSUSUREN)!, asielstatushouder ? bereikt(participatie, ZROUTE_PARTICIPATIEUREN)! : start);
    const behaald = dagen(klaar, d.int(7, 30));
    l.stap(behaald, 'rond-zroute-af');
    return { behaald, mapVanaf: start };
  }
  if (route === 'onderwijsroute') {
    const nt2 = l.kwartalen('nt2', start, horizon, () => d.int(180, 240));
    if (d.kans(0.72)) {
      const behaald = dagen(start, d.int(300, 720));
      l.stap(behaald, 'rond-onderwijsroute-af');
      return { behaald, mapVanaf: null };
    }
    // Besluit art. 5.4: from the onderwijsroute to the B1-route at any time; MAP applies again.
    const wissel = dagen(start, d.int(120, 450));
    l.stap(wissel, 'wijzig-leerroute', { datum: wissel, naar: 'b1', reden: 'taalschakeltraject blijkt niet haalbaar' });
    return { behaald: examens(l, wissel, nt2), mapVanaf: wissel };
  }
  const nt2 = l.kwartalen('nt2', start, horizon, () => d.int(90, 150));
  return { behaald: examens(l, start, nt2), mapVanaf: start };
}
