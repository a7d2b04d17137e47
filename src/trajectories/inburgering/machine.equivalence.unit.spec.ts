import fc from 'fast-check';
import { fold } from '../core/fold';
import { DomainEvent } from '../core/kind';
import { ID, stored } from '../core/testing/given';
import { feit } from './actions';
import { Examenonderdeel, Leerroute, Niveau, VrijstellingOnderdeel } from './events';
import { inburgeringKind as kind } from './kind';
import { verschillen } from './testing/c2c65f4/vergelijk';
import { b1Examen, examen, geregistreerd, intake, pip, pvtAfgerond, uren } from './testing/scenario';
import { leef, registratie, stap } from './testing/willekeurige-levens';

/**
 * The machine has one `uitvoering` state; its parts follow from the context (machine.ts, status.ts). It must decide
 * exactly as the machine of main c2c65f4 (testing/c2c65f4, kept only for this), whose parts were parallel regions moved
 * by eventless transitions: after every prefix of a stream the same `status` (its state value against today's derived
 * status), XState status, context, view and toegestaneActies, the same answer for every action, and the same outcome for every fact
 * that could come next (the stream's own facts and the pool below: the facts that move the regions).
 */

const D = '2024-06-01';
const route = (van: Leerroute, naar: Leerroute) => feit('LeerrouteGewijzigd', { datum: D, van, naar, reden: 'x' }, D);
const besluit = (type: 'VrijstellingVerleend' | 'OntheffingVerleend', onderdelen: VrijstellingOnderdeel[]) =>
  feit(type, { datum: D, grond: 'g', volledig: false, onderdelen }, D);
const alleExamens = (niveau: Niveau): DomainEvent[] =>
  (['lezen', 'luisteren', 'schrijven', 'spreken'] as const).map((o) => examen(o, niveau)).concat(examen('knm', undefined));

/** The facts that move the uitvoering regions, tried after every prefix. */
const POOL: DomainEvent[] = [
  ...(['b1', 'onderwijsroute', 'z-route'] as Leerroute[]).flatMap((van) => (['b1', 'onderwijsroute', 'z-route'] as Leerroute[]).map((naar) => route(van, naar))),
  ...(['lezen', 'luisteren', 'schrijven', 'spreken', 'knm'] as Examenonderdeel[]).flatMap((o) => [examen(o, o === 'knm' ? undefined : 'A2'), examen(o, o === 'knm' ? undefined : 'B1')]),
  examen('lezen', 'B1', false),
  besluit('VrijstellingVerleend', ['lezen', 'luisteren', 'schrijven', 'spreken', 'knm']),
  besluit('OntheffingVerleend', ['knm']),
  besluit('VrijstellingVerleend', ['participatie']),
  feit('VrijstellingVerleend', { datum: D, grond: 'g', volledig: true }, D),
  feit('AfgeschaaldNaarA2', { datum: D, onderdelen: ['lezen', 'luisteren', 'schrijven', 'spreken'], onderbouwing: 'x', nt2Uren: 600 }, D),
  feit('OnderwijsrouteAfgerond', { datum: D }, D),
  feit('ZrouteAfgerond', { datum: D, cursusUren: 800, participatieUren: 800 }, D),
  feit('BijstandToegekend', { ingangsdatum: D }, D),
  feit('BijstandBeeindigd', { datum: D }, D),
  feit('OntzorgingGestart', { ingangsdatum: D, tot: '2024-12-01' }, D),
  feit('OntzorgingVerlengd', { datum: D, tot: '2025-06-01', reden: 'x' }, D),
  feit('OntzorgingBeeindigd', { datum: D, reden: 'op-verzoek' }, D),
  feit('MapAfgerond', { datum: D }, D),
  pvtAfgerond(D),
  feit('InburgeringsplichtVoldaan', { datum: D }, D),
];

const TODAY = '2025-06-01';
const gelijk = (events: DomainEvent[]) => {
  fold(kind, ID, stored(events)); // the whole stream folds: every fact accepted
  expect(verschillen(stored(events), TODAY, [...events, ...POOL])).toEqual([]);
};
const uitvoering = (events: DomainEvent[]) => (kind.status(fold(kind, ID, stored(events)).snapshot) as { uitvoering: Record<string, unknown> }).uitvoering;

describe('inburgering machine decides as on main c2c65f4', () => {
  const pipB1 = [geregistreerd(), ...intake(), pip('b1')];

  it('a route already behaald when the PIP sets it (a partial vrijstelling released every part)', () => {
    const events = [geregistreerd(), ...intake(), besluit('VrijstellingVerleend', ['lezen', 'luisteren', 'schrijven', 'spreken', 'knm']), pip('b1')];
    gelijk(events);
    expect(uitvoering(events).leerroute).toEqual({ b1: 'behaald' });
  });

  it('exams passed on the Z-route: a change to the B1-route arrives behaald, the MAP stays open', () => {
    const events = [geregistreerd(), ...intake(), pip('z-route'), ...b1Examen(), route('z-route', 'b1')];
    gelijk(events);
    expect(uitvoering(events)).toMatchObject({ leerroute: { b1: 'behaald' }, map: 'open' });
  });

  it('the MAP follows the onderwijsroute both ways', () => {
    const events = [...pipB1, route('b1', 'onderwijsroute'), uren('nt2', 5), route('onderwijsroute', 'z-route'), route('z-route', 'onderwijsroute')];
    gelijk(events);
    expect(uitvoering(events.slice(0, pipB1.length + 2))).toMatchObject({ map: 'niet-van-toepassing' });
    expect(uitvoering(events)).toMatchObject({ leerroute: { onderwijsroute: 'bezig' }, map: 'niet-van-toepassing' });
  });

  it('afschalen, the last exam and a partial ontheffing each complete the route', () => {
    gelijk([...pipB1, ...alleExamens('A2'), feit('AfgeschaaldNaarA2', { datum: D, onderdelen: ['lezen', 'luisteren', 'schrijven', 'spreken'], onderbouwing: 'x', nt2Uren: 600 }, D)]);
    gelijk([...pipB1, ...b1Examen()]);
    gelijk([...pipB1, ...b1Examen().slice(0, 4), besluit('OntheffingVerleend', ['knm'])]);
    gelijk([geregistreerd(), ...intake(), pip('onderwijsroute'), feit('OnderwijsrouteAfgerond', { datum: D }, D)]);
    gelijk([geregistreerd(), ...intake(), pip('z-route'), feit('ZrouteAfgerond', { datum: D, cursusUren: 800, participatieUren: 800 }, D)]);
  });

  it('ontzorging starts, ends and starts again during uitvoering, and was running at the PIP', () => {
    const bijstand = [feit('BijstandToegekend', { ingangsdatum: D }, D), feit('OntzorgingGestart', { ingangsdatum: D, tot: '2024-12-01' }, D)];
    const events = [...pipB1, ...bijstand, feit('OntzorgingBeeindigd', { datum: D, reden: 'op-verzoek' }, D), feit('OntzorgingGestart', { ingangsdatum: D, tot: '2025-01-01' }, D)];
    gelijk(events);
    expect(uitvoering(events).ontzorging).toBe('actief');
    gelijk([geregistreerd(), ...bijstand, ...intake(), pip('b1')]);
    gelijk([geregistreerd(), ...bijstand, feit('OntzorgingBeeindigd', { datum: D, reden: 'op-verzoek' }, D), ...intake(), pip('onderwijsroute')]);
  });

  it('random lives', () => {
    fc.assert(
      fc.property(registratie, fc.array(stap, { minLength: 1, maxLength: 60, size: 'max' }), (r, stappen) => {
        const { events } = leef(r, stappen);
        expect(verschillen(stored(events), TODAY, [...events, ...POOL])).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
