import { feit } from './actions';
import { initialContext } from './context';
import { reduce } from './reduce';
import { examen, inUitvoering, inburgering, op, uren } from './testing/scenario';

/** Wi art. 17 lid 3: afschalen to A2 exists only within the B1-route; leaving the route ends it, coming back does not revive it. */

const afgeschaald = feit('AfgeschaaldNaarA2', { datum: '2024-12-01', onderdelen: ['spreken', 'schrijven'], onderbouwing: 'aanzienlijke inspanningen', nt2Uren: 600 }, '2024-12-01');
const wissel = (van: string, naar: string, datum: string) => feit('LeerrouteGewijzigd', { datum, van: van as 'b1', naar: naar as 'b1', reden: 'voortgang' }, datum);
const naarZ = wissel('b1', 'z-route', '2025-01-10');
const terugNaarB1 = wissel('z-route', 'b1', '2025-02-10');
const a2Passes = [examen('lezen', 'B1'), examen('luisteren', 'B1'), examen('schrijven', 'A2'), examen('spreken', 'A2'), examen('knm', undefined)];

describe('the rule (reduce of LeerrouteGewijzigd)', () => {
  const c = { ...initialContext(), leerroute: 'b1' as const, afgeschaald: ['spreken' as const] };
  it('a switch away from the B1-route ends the afschaling', () => {
    for (const naar of ['z-route', 'onderwijsroute'] as const) {
      expect(reduce(c, { type: 'LeerrouteGewijzigd', data: { datum: '2025-01-10', van: 'b1', naar, reden: 'x' }, datum: '2025-01-10' }).afgeschaald).toEqual([]);
    }
  });
  it('a switch back to the B1-route does not revive it', () => {
    const weg = reduce(c, { type: 'LeerrouteGewijzigd', data: { datum: '2025-01-10', van: 'b1', naar: 'z-route', reden: 'x' }, datum: '2025-01-10' });
    const terug = reduce(weg, { type: 'LeerrouteGewijzigd', data: { datum: '2025-02-10', van: 'z-route', naar: 'b1', reden: 'x' }, datum: '2025-02-10' });
    expect(terug.afgeschaald).toEqual([]);
  });
});

describe('afschaling followed by a route switch', () => {
  it('on the B1-route the afgeschaald parts count at A2 (the baseline)', () => {
    const outcome = inburgering(inUitvoering('b1'), uren('nt2', 600), afgeschaald, ...a2Passes.slice(0, 4))
      .when('registreer-examenresultaat', { datum: '2025-01-10', onderdeel: 'knm', behaald: true }, op)
      .thenState({ uitvoering: { leerroute: { b1: 'behaald' } } });
    expect(outcome.view().niveau).toMatchObject({ afgeschaald: ['spreken', 'schrijven'], examen: { spreken: 'A2', schrijven: 'A2', lezen: 'B1' } });
  });

  it('wijzig-leerroute away from b1 ends the afschaling: the view no longer shows it', () => {
    const outcome = inburgering(inUitvoering('b1'), uren('nt2', 600), afgeschaald)
      .when('wijzig-leerroute', { datum: '2025-01-10', naar: 'onderwijsroute', reden: 'voortgang' }, op);
    expect(outcome.state.context.afgeschaald).toEqual([]);
    expect(outcome.view().niveau).toMatchObject({ afgeschaald: [], examen: { lezen: 'B1', luisteren: 'B1', schrijven: 'B1', spreken: 'B1' } });
  });

  it('on the onderwijsroute, the B1-exam fallback no longer accepts A2 for the parts once afgeschaald', () => {
    const naarOnderwijs = wissel('b1', 'onderwijsroute', '2025-01-05');
    inburgering(inUitvoering('b1'), uren('nt2', 600), afgeschaald, naarOnderwijs, ...a2Passes.slice(0, 4))
      .when('registreer-examenresultaat', { datum: '2025-01-10', onderdeel: 'knm', behaald: true }, op)
      .thenState({ uitvoering: { leerroute: { onderwijsroute: 'bezig' } } });
  });

  it('back on the B1-route, A2 passes no longer make the route behaald and the required levels are B1 again', () => {
    const given = inburgering(inUitvoering('b1'), uren('nt2', 600), afgeschaald, naarZ, terugNaarB1, ...a2Passes.slice(0, 4));
    const outcome = given.when('registreer-examenresultaat', { datum: '2025-03-10', onderdeel: 'knm', behaald: true }, op)
      .thenState({ uitvoering: { leerroute: { b1: 'bezig' } } });
    expect(outcome.view().niveau).toMatchObject({ afgeschaald: [], examen: { spreken: 'B1', schrijven: 'B1' } });
    expect(outcome.view().leerroute).toMatchObject({ route: 'b1', behaald: false });
  });

  it('back on the B1-route a new afschaling is needed, and possible', () => {
    inburgering(inUitvoering('b1'), uren('nt2', 600), afgeschaald, naarZ, terugNaarB1, ...a2Passes)
      .when('schaal-af-naar-a2', { datum: '2025-03-01', onderdelen: ['spreken', 'schrijven'], onderbouwing: 'opnieuw: aanzienlijke inspanningen' }, { today: '2025-06-01' })
      .thenAppends([{ type: 'AfgeschaaldNaarA2' }, { type: 'PipGewijzigd' }])
      .thenState({ uitvoering: { leerroute: { b1: 'behaald' } } });
  });

  it('schaal-af-naar-a2 is refused off the B1-route (422)', () => {
    inburgering(inUitvoering('b1'), uren('nt2', 600), naarZ)
      .when('schaal-af-naar-a2', { datum: '2025-03-01', onderdelen: ['spreken'], onderbouwing: 'x' }, op)
      .thenRejects('CommandRejected', /AfgeschaaldNaarA2 is niet toegestaan/);
  });
});
