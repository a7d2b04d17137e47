import { AmbitieFeiten, screeningOpTijd } from './feiten';
import { Periode, actief, bijstandIn, binnen, participeertIn, periodeVan, routeIn } from './periode';

/** A figure: who is counted, and the share. Ids sorted, so a figure is traceable and stable. */
export interface Cijfer {
  teller: number;
  noemer: number;
  /** teller / noemer in percent with one decimal (half up); null when the denominator is 0. */
  percentage: number | null;
  tellerIds: string[];
  noemerIds: string[];
}

export interface Ambitie extends Cijfer {
  nummer: number;
  omschrijving: string;
  /** The target in percent: met when teller / noemer ≥ doel / 100. */
  doel: number;
  /** null when the denominator is 0. */
  gehaald: boolean | null;
}

/** One decimal, half up, in integer arithmetic so 2/3 is 66.7 and 1/8 is 12.5 on every machine. */
export const percentage = (teller: number, noemer: number): number | null =>
  noemer === 0 ? null : Math.round((teller * 1000) / noemer) / 10;

/** Target met on the exact fraction, not on the rounded percentage (69.96% does not meet 70%). */
export const gehaald = (teller: number, noemer: number, doel: number): boolean | null =>
  noemer === 0 ? null : teller * 100 >= doel * noemer;

/** Counts `inTeller` among the trajectories `inNoemer` selects. */
export function cijfer(feiten: AmbitieFeiten[], inNoemer: (f: AmbitieFeiten) => boolean, inTeller: (f: AmbitieFeiten) => boolean): Cijfer {
  const noemer = feiten.filter(inNoemer);
  const teller = noemer.filter(inTeller);
  const ids = (fs: AmbitieFeiten[]) => fs.map((f) => f.traject).sort();
  return { teller: teller.length, noemer: noemer.length, percentage: percentage(teller.length, noemer.length), tellerIds: ids(teller), noemerIds: ids(noemer) };
}

interface Definitie {
  nummer: number;
  omschrijving: string;
  doel: number;
  noemer: (f: AmbitieFeiten, p: Periode) => boolean;
  teller: (f: AmbitieFeiten, p: Periode) => boolean;
}

const routeDeelname = (route: string) => ({
  noemer: (f: AmbitieFeiten, p: Periode) => actief(f, p) && routeIn(f, p) === route,
  teller: participeertIn,
});
const opBijstand = (f: AmbitieFeiten, p: Periode) => actief(f, p) && bijstandIn(f, p);

/** The six Bossche ambitions (seed, chapter 4), exactly as ambities.md defines them. */
export const AMBITIES: Definitie[] = [
  {
    nummer: 1, omschrijving: 'Screening binnen 10 weken na koppeling', doel: 100,
    noemer: (f, p) => f.doelgroep === 'asielstatushouder' && binnen(f.koppeling, p),
    // The recorded screening deadline (koppeling + 10 weeks, rules/termijnen.ts) met.
    teller: screeningOpTijd,
  },
  { nummer: 2, omschrijving: 'Z-route: deelname aan participatie', doel: 70, ...routeDeelname('z-route') },
  { nummer: 3, omschrijving: 'B1-route: deelname aan participatie', doel: 60, ...routeDeelname('b1') },
  { nummer: 4, omschrijving: 'Onderwijsroute: deelname aan participatie', doel: 20, ...routeDeelname('onderwijsroute') },
  {
    nummer: 5, omschrijving: 'Uitstroom naar werk of onderwijs (bijstand)', doel: 45,
    noemer: opBijstand,
    teller: (f, p) => f.uitstroom.some((d) => binnen(d, p)),
  },
  {
    nummer: 6, omschrijving: 'Vrouwen in de bijstand: deelname aan participatie', doel: 70,
    noemer: (f, p) => opBijstand(f, p) && f.geslacht === 'vrouw',
    teller: participeertIn,
  },
];

export function berekenAmbities(feiten: AmbitieFeiten[], p: Periode): Ambitie[] {
  return AMBITIES.map((a) => {
    const c = cijfer(feiten, (f) => a.noemer(f, p), (f) => a.teller(f, p));
    return { nummer: a.nummer, omschrijving: a.omschrijving, ...c, doel: a.doel, gehaald: gehaald(c.teller, c.noemer, a.doel) };
  });
}

/** Per ambition, the figures of each year from `van` to `tot` (whole years). */
export function trend(feiten: AmbitieFeiten[], van: number, tot: number): Map<number, { jaar: number; teller: number; noemer: number; percentage: number | null; gehaald: boolean | null }[]> {
  const perAmbitie = new Map(AMBITIES.map((a) => [a.nummer, [] as { jaar: number; teller: number; noemer: number; percentage: number | null; gehaald: boolean | null }[]]));
  for (let jaar = van; jaar <= tot; jaar++) {
    for (const a of berekenAmbities(feiten, periodeVan(jaar))) {
      perAmbitie.get(a.nummer)!.push({ jaar, teller: a.teller, noemer: a.noemer, percentage: a.percentage, gehaald: a.gehaald });
    }
  }
  return perAmbitie;
}
