import fc from 'fast-check';
import { CommandRejected, ValidationFailed } from '../../core/errors';
import { fold, step, toegestaneActies } from '../../core/fold';
import { plusDagen, plusMaanden } from '../../core/kalender';
import { DomainEvent, TrajectState } from '../../core/kind';
import { ID, registreerNieuw, stored, voerUit } from '../../core/testing/given';
import { EXAMENONDERDELEN, LEERROUTES, NIVEAUS, PARTICIPATIEACTIVITEITEN, TAALONDERDELEN } from '../commands';
import { InburgeringContext } from '../context';
import { inburgeringKind as kind } from '../kind';
import { pipUiterlijk, screeningUiterlijk } from '../rules/termijnen';

/**
 * Random lives: a registration, then commands drawn from the whole action list (system deadlines included) with
 * plausible payloads, the clock moving forward. Each command is applied only when decide and the machine's gate
 * accept it, as the command handler does.
 */

export const kies = <T>(lijst: readonly T[], n: number): T => lijst[n % lijst.length];
export const ACTIES = kind.acties.map((a) => a.naam).filter((n) => n !== 'beeindig-traject');

export const registratie = fc.record({
  asiel: fc.boolean(),
  start: fc.integer({ min: 0, max: 900 }), // days after 2022-06-01
  leeftijd: fc.integer({ min: 16, max: 66 }),
  melding: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  koppeling: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  brp: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
});

export const stap = fc.record({
  // Mostly what the machine offers now (as a UI would), else any action (refusals); finals rare, so lives get long.
  actie: fc.oneof(
    { arbitrary: fc.nat().map((i) => ({ toegestaan: i })), weight: 30 },
    { arbitrary: fc.constantFrom(...ACTIES), weight: 20 },
    { arbitrary: fc.constant('beeindig-traject'), weight: 1 },
  ),
  vooruit: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 30 }), weight: 9 }, { arbitrary: fc.integer({ min: 60, max: 400 }), weight: 1 }),
  terug: fc.integer({ min: 0, max: 5 }),
  n: fc.nat({ max: 1000 }),
  vlag: fc.boolean(),
  actueel: fc.boolean(),
});
export type Stap = typeof stap extends fc.Arbitrary<infer T> ? T : never;

function payload(actie: string, s: Stap, datum: string, c: InburgeringContext): Record<string, unknown> {
  const { n, vlag } = s;
  const tekst = `tekst ${n}`;
  const deadline = (actueel: string | null | undefined) => (s.actueel && actueel ? actueel : plusDagen(datum, -(n % 100)));
  switch (actie) {
    case 'registreer-bijstand': return { ingangsdatum: datum };
    case 'verleng-ontzorging': return { datum, tot: plusMaanden(c.ontzorging?.tot ?? datum, vlag ? 1 + (n % 6) : -1), reden: tekst };
    case 'beeindig-ontzorging': return { datum, reden: vlag ? 'op-verzoek' : 'anders' };
    case 'registreer-screening': return vlag ? { datum, uitvoerder: 'Weener XL', bevindingen: tekst } : { datum };
    case 'registreer-leerbaarheidstoets': return { datum, adviesNiveau: kies(['A1', 'A2', 'B1', 'B2'], n), adviesLeerroute: kies(LEERROUTES, n) };
    case 'rond-brede-intake-af': return { datum, bevindingen: { opleiding: tekst, werkervaring: tekst, gezondheid: tekst, kinderenVve: tekst } };
    case 'stel-pip-vast': return {
      datum, leerroute: kies(LEERROUTES, n), voortgangsgesprekken: 1 + (n % 4), participatieactiviteiten: [kies(PARTICIPATIEACTIVITEITEN, n)],
      ...(vlag ? { afwijkingOnderbouwing: tekst } : {}), ...(n % 7 === 0 ? { examenniveau: kies(['A2', 'B1'], n) } : {}),
    };
    case 'wijzig-pip': return { datum, wijziging: tekst, reden: tekst };
    case 'wijzig-leerroute': return { datum, naar: kies(LEERROUTES, n), reden: tekst, ...(vlag ? { bijzonderGeval: true, afwijkingOnderbouwing: tekst } : {}) };
    case 'schaal-af-naar-a2': return { datum, onderdelen: TAALONDERDELEN.filter((_, i) => (n >> i) & 1 || i === n % 4), onderbouwing: tekst };
    case 'registreer-uren': return { datum, soort: kies(['nt2', 'knm', 'participatie', 'pvt', 'map'], n), uren: 1 + (n % 400) };
    case 'start-participatieactiviteit':
      return { datum, activiteitId: kies(['a', 'b', 'c'], n), soort: kies(PARTICIPATIEACTIVITEITEN, n), categorie: kies(['arbeid', 'onderwijs', 'sociaal'], n), aanbieder: tekst };
    case 'rond-participatieactiviteit-af': return { datum, activiteitId: kies(['a', 'b', 'c'], n), resultaat: tekst };
    case 'registreer-examenresultaat': {
      const onderdeel = kies(EXAMENONDERDELEN, n);
      return { datum, onderdeel, ...(onderdeel === 'knm' ? {} : { niveau: kies(NIVEAUS.slice(2, 5), n >> 3) }), behaald: vlag || n % 3 === 0 };
    }
    case 'registreer-voortgangsgesprek': return { datum, verslag: tekst };
    case 'registreer-uitstroom': return { datum, soort: kies(['betaald-werk', 'vrijwilligerswerk', 'onderwijs'], n) };
    case 'verleng-inburgeringstermijn':
      return { datum, nieuweEinddatum: plusMaanden(c.inburgeringstermijn?.eind ?? datum, vlag ? 1 + (n % 12) : 0), grond: vlag ? 'niet-verwijtbaar' : 'aanzienlijke-inspanningen' };
    case 'registreer-vrijstelling':
    case 'registreer-ontheffing': {
      // A partial decision names the parts it releases (any of the five exam parts and participation).
      const delen = ['lezen', 'luisteren', 'schrijven', 'spreken', 'knm', 'participatie'].filter((_, i) => (n >> i) & 1 || i === n % 6);
      return n % 10 === 0 ? { datum, grond: tekst, volledig: true } : { datum, grond: tekst, volledig: false, onderdelen: delen };
    }
    case 'beeindig-traject': return { datum, reden: kies(['verhuisd', 'vertrokken', 'overleden', 'verblijfsdoel-gewijzigd', 'aow-leeftijd', 'anders'], n) };
    case 'stel-pip-termijn-op': return { datum, reden: tekst };
    case 'verstrijk-screeningtermijn': return { uiterlijk: deadline(screeningUiterlijk(c)) };
    case 'verstrijk-piptermijn': return { uiterlijk: deadline(pipUiterlijk(c)) };
    case 'beeindig-ontzorging-na-termijn': return { tot: deadline(c.ontzorging?.tot) };
    case 'verstrijk-inburgeringstermijn': return { eind: deadline(c.inburgeringstermijn?.eind) };
    default: return { datum };
  }
}

export interface Leven {
  events: DomainEvent[];
  state: TrajectState<InburgeringContext>;
  toegepast: string[];
  naFinaal: string[];
}

/** Runs the life; throws on anything but a 400/422 refusal (a crash in decide is a 500). */
export function leef(r: typeof registratie extends fc.Arbitrary<infer T> ? T : never, stappen: Stap[]): Leven {
  let today = plusDagen('2022-06-01', r.start);
  const voor = (d: number | undefined) => (d === undefined ? undefined : plusDagen(today, -d));
  const body = {
    soort: 'inburgering', doelgroep: r.asiel ? 'asielstatushouder' : 'gezinsmigrant',
    persoon: { naam: 'Test Persoon', geboortedatum: plusDagen(plusMaanden(today, -12 * r.leeftijd), -(r.start % 300)), geslacht: 'x' },
    datum: today, datumMeldingDuo: voor(r.melding), datumInschrijvingBrp: voor(r.brp), ...(r.asiel ? { datumKoppeling: voor(r.koppeling) } : {}),
  };
  const events = registreerNieuw(kind, body, today);
  let state = fold(kind, ID, stored(events)) as TrajectState<InburgeringContext>;
  const leven: Leven = { events, state, toegepast: [], naFinaal: [] };
  for (const s of stappen) {
    today = plusDagen(today, s.vooruit);
    const datum = plusDagen(today, -s.terug);
    const finaal = state.snapshot.status === 'done';
    const aangeboden = toegestaneActies(kind, state, today).filter((a) => a !== 'beeindig-traject');
    const actie = typeof s.actie === 'string' ? s.actie : aangeboden.length ? kies(aangeboden, s.actie.toegestaan) : ACTIES[s.n % ACTIES.length];
    const systeem = !!kind.acties.find((a) => a.naam === actie)?.systeem;
    let nieuw: DomainEvent[];
    try {
      nieuw = voerUit(kind, state, actie, payload(actie, s, datum, state.context), { today, systeem });
    } catch (err) {
      if (err instanceof CommandRejected || err instanceof ValidationFailed) continue;
      throw new Error(`${actie} on ${today} crashed in ${JSON.stringify(state.snapshot.value)}: ${(err as Error).stack}`);
    }
    if (finaal) leven.naFinaal.push(actie);
    let snapshot = state.snapshot;
    for (const e of nieuw) snapshot = step(kind, snapshot, e);
    events.push(...nieuw);
    leven.toegepast.push(actie);
    state = { ...state, snapshot, context: snapshot.context, version: events.length };
  }
  leven.state = state;
  return leven;
}

