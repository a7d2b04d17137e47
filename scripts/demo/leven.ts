import { Dobbelsteen, dagen } from './random';

/** One command of the demo: a case worker records a fact on `datum` (the registration is actie `registreer`). */
export interface Stap {
  datum: string;
  traject: string;
  actie: string;
  body: Record<string, unknown>;
  consulent: string;
}

/** The facts that end a trajectory: nothing of that life is recorded after them. */
const FINAAL = new Set(['rond-inburgering-af', 'beeindig-traject', 'sluit-begeleiding-af']);
const isFinaal = (s: Stap) => FINAAL.has(s.actie) || (s.actie === 'registreer-ontheffing' && s.body.volledig === true);

/** Collects one person's steps in any order; `klaar` puts them in date order (ties keep the order written) and cuts at the end. */
export class Leven {
  private readonly stappen: Stap[] = [];
  constructor(readonly d: Dobbelsteen, readonly traject: string, readonly consulent: string) {}

  stap(datum: string, actie: string, body: Record<string, unknown> = { datum }): void {
    this.stappen.push({ datum, traject: this.traject, actie, body, consulent: this.consulent });
  }

  /** Registers `uren` of `soort` every quarter from `van` while `tot` is not reached; returns [datum, cumulative] per entry. */
  kwartalen(soort: string, van: string, tot: string, uren: () => number): [string, number][] {
    const out: [string, number][] = [];
    let totaal = 0;
    for (let datum = dagen(van, 91); datum < tot; datum = dagen(datum, 91)) {
      const n = uren();
      totaal += n;
      const periode = { van: dagen(datum, -90), tot: datum };
      this.stap(datum, 'registreer-uren', { datum, soort, uren: n, periode });
      out.push([datum, totaal]);
    }
    return out;
  }

  /** Drops the steps of `actie` dated after `na` (e.g. hours once the route is done). */
  schrap(actie: string, na: string): void {
    for (let i = this.stappen.length - 1; i >= 0; i--) if (this.stappen[i].actie === actie && this.stappen[i].datum > na) this.stappen.splice(i, 1);
  }

  klaar(einde: string): Stap[] {
    const gesorteerd = this.stappen.map((s, i) => ({ s, i })).sort((a, b) => (a.s.datum < b.s.datum ? -1 : a.s.datum > b.s.datum ? 1 : a.i - b.i)).map(({ s }) => s);
    const eind = gesorteerd.findIndex(isFinaal);
    return (eind >= 0 ? gesorteerd.slice(0, eind + 1) : gesorteerd).filter((s) => s.datum <= einde);
  }
}

export const BEVINDINGEN = [
  { opleiding: 'middelbare school', werkervaring: 'winkel', gezondheid: 'goed', kinderenVve: 'twee kinderen, peuterspeelzaal' },
  { opleiding: 'universiteit (economie)', werkervaring: 'boekhouder', gezondheid: 'goed', kinderenVve: 'n.v.t.' },
  { opleiding: 'basisschool', werkervaring: 'landbouw', gezondheid: 'rugklachten', kinderenVve: 'drie kinderen, VVE aangevraagd' },
  { opleiding: 'geen', werkervaring: 'huishouden', gezondheid: 'trauma, GGZ in beeld', kinderenVve: 'een kind, VVE loopt' },
  { opleiding: 'mbo (techniek)', werkervaring: 'elektricien', gezondheid: 'goed', kinderenVve: 'n.v.t.' },
  { opleiding: 'hbo (verpleegkunde)', werkervaring: 'zorg', gezondheid: 'goed', kinderenVve: 'een kind, basisschool' },
];

/** The participation menu (glossary) with the category each activity counts in, and who offers it in 's-Hertogenbosch. */
export const ACTIVITEITEN: { soort: string; categorie: 'arbeid' | 'onderwijs' | 'sociaal'; aanbieders: string[] }[] = [
  { soort: 'werkervaringsplek', categorie: 'arbeid', aanbieders: ['Weener XL', 'Jeroen Bosch Ziekenhuis', 'Gemeente \'s-Hertogenbosch'] },
  { soort: 'stage', categorie: 'arbeid', aanbieders: ['Weener XL', 'Koning Willem I College'] },
  { soort: 'arbeidsmarktorientatie', categorie: 'arbeid', aanbieders: ['Weener XL', 'VluchtelingenWerk'] },
  { soort: 'leerwerktraject', categorie: 'onderwijs', aanbieders: ['Koning Willem I College', 'Weener XL'] },
  { soort: 'taalondersteuning', categorie: 'onderwijs', aanbieders: ['Bossche Taalnetwerk', 'Bibliotheek \'s-Hertogenbosch'] },
  { soort: 'vrijwilligerswerk', categorie: 'sociaal', aanbieders: ['Farent', 'Voedselbank', 'Bossche Taalnetwerk'] },
  { soort: 'training-financiele-zelfredzaamheid', categorie: 'sociaal', aanbieders: ['Farent', 'Humanitas'] },
  { soort: 'gezondheidsvaardigheden', categorie: 'sociaal', aanbieders: ['GGD Hart voor Brabant'] },
  { soort: 'sport', categorie: 'sociaal', aanbieders: ['Sportbedrijf \'s-Hertogenbosch'] },
];

/** Participation activities from `van`, one after another, none starting or ending on or after `einde`. */
export function participeer(l: Leven, van: string, einde: string | null, aantal: number): void {
  let start = dagen(van, l.d.int(14, 240));
  for (let i = 1; i <= aantal; i++) {
    if (einde && start >= einde) return;
    const a = l.d.kies(ACTIVITEITEN);
    const activiteitId = `act-${i}`;
    l.stap(start, 'start-participatieactiviteit', { datum: start, activiteitId, soort: a.soort, categorie: a.categorie, aanbieder: l.d.kies(a.aanbieders) });
    const eind = dagen(start, l.d.int(60, 360));
    if (l.d.kans(0.25) || (einde && eind >= einde)) return;
    l.stap(eind, 'rond-participatieactiviteit-af', { datum: eind, activiteitId, resultaat: l.d.kies(['afgerond', 'afgerond met certificaat', 'voortijdig gestopt', 'doorgestroomd naar betaald werk']) });
    start = dagen(eind, l.d.int(14, 120));
  }
}
