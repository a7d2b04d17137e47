import { StoredEvent } from '../../events/envelope';
import { DomainEvent } from '../core/kind';
import { upcast } from '../core/upcast';
import { feit } from './actions';
import { InburgeringContext, initialContext } from './context';
import { VrijstellingOnderdeel } from './events';
import { inburgeringsexamenBehaald, nietVereist, vereistNiveau } from './rules/leerroute-behaald';
import { controleerZroute } from './rules/leerroute';
import { examen, inUitvoering, inburgering, mapAfgerond, op, pvtAfgerond, uren } from './testing/scenario';

/** Wi art. 7 lid 3 and Besluit art. 2.7: a partial vrijstelling or ontheffing releases parts; the rest stays required. */

const vrijstelling = (onderdelen: VrijstellingOnderdeel[], datum = '2024-06-01') =>
  feit('VrijstellingVerleend', { datum, grond: 'Nederlands mbo-4-diploma', volledig: false, onderdelen }, datum);
const ontheffing = (onderdelen: VrijstellingOnderdeel[], datum = '2024-06-01') =>
  feit('OntheffingVerleend', { datum, grond: 'medisch (DUO)', volledig: false, onderdelen }, datum);
const behaaldIn = (route: string) => ({ uitvoering: { leerroute: { [route]: 'behaald' } } });
const bezigIn = (route: string) => ({ uitvoering: { leerroute: { [route]: 'bezig' } } });

describe('the rule: parts released by a partial vrijstelling or ontheffing', () => {
  const context = (c: Partial<InburgeringContext>): InburgeringContext => ({ ...initialContext(), leerroute: 'b1', ...c });
  const pass = (onderdeel: 'lezen' | 'luisteren' | 'schrijven' | 'spreken' | 'knm') =>
    ({ datum: '2025-01-10', onderdeel, niveau: onderdeel === 'knm' ? null : 'B1' as const, behaald: true });

  it('a released part is not required; a full decision or another part is', () => {
    const c = context({ vrijstellingen: [{ datum: '2024-06-01', grond: 'diploma', volledig: false, onderdelen: ['lezen'] }], ontheffingen: [{ datum: '2024-07-01', grond: 'medisch', volledig: false, onderdelen: ['knm'] }] });
    expect(nietVereist(c, 'lezen')).toBe(true);
    expect(nietVereist(c, 'knm')).toBe(true);
    expect(nietVereist(c, 'spreken')).toBe(false);
    expect(nietVereist(context({ vrijstellingen: [{ datum: '2024-06-01', grond: 'diploma', volledig: true }] }), 'lezen')).toBe(false);
  });
  it('the inburgeringsexamen is behaald with the remaining parts passed', () => {
    const vrij = { vrijstellingen: [{ datum: '2024-06-01', grond: 'diploma', volledig: false, onderdelen: ['lezen', 'luisteren'] as VrijstellingOnderdeel[] }] };
    const resultaten = [pass('schrijven'), pass('spreken'), pass('knm')];
    expect(inburgeringsexamenBehaald(context({ ...vrij, examenresultaten: resultaten }))).toBe(true);
    expect(inburgeringsexamenBehaald(context({ examenresultaten: resultaten }))).toBe(false);
    expect(inburgeringsexamenBehaald(context({ ...vrij, examenresultaten: resultaten.slice(0, 2) }))).toBe(false);
  });
  it('a released part is not required; afschaling still sets the level of the others', () => {
    const c = context({ afgeschaald: ['spreken'], ontheffingen: [{ datum: '2024-06-01', grond: 'medisch', volledig: false, onderdelen: ['lezen', 'schrijven'] }] });
    expect((['lezen', 'luisteren', 'schrijven', 'spreken'] as const).filter((o) => !nietVereist(c, o)).map((o) => [o, vereistNiveau(c, o)]))
      .toEqual([['luisteren', 'B1'], ['spreken', 'A2']]);
  });
  it('the Z-route participation hours are not required once participatie is released', () => {
    const z = context({ leerroute: 'z-route', doelgroep: 'asielstatushouder', uren: { nt2: 800, knm: 0, participatie: 0, pvt: 0, map: 0 } });
    expect(() => controleerZroute(z)).toThrow(/800 uur participatie/);
    expect(() => controleerZroute({ ...z, ontheffingen: [{ datum: '2024-06-01', grond: 'medisch', volledig: false, onderdelen: ['participatie'] }] })).not.toThrow();
    expect(() => controleerZroute({ ...z, ontheffingen: [{ datum: '2024-06-01', grond: 'medisch', volledig: false, onderdelen: ['lezen'] }] })).toThrow(/participatie/);
  });
});

describe('registreer-vrijstelling / registreer-ontheffing (partial, with onderdelen)', () => {
  it('records the onderdelen and shows them in the view', () => {
    const outcome = inburgering(inUitvoering('b1'), ontheffing(['knm']))
      .when('registreer-vrijstelling', { datum: '2025-01-15', grond: 'Nederlands mbo-4-diploma', volledig: false, onderdelen: ['lezen', 'luisteren'] }, op)
      .thenAppends([{ type: 'VrijstellingVerleend', data: { datum: '2025-01-15', grond: 'Nederlands mbo-4-diploma', volledig: false, onderdelen: ['lezen', 'luisteren'] } }])
      .thenState(bezigIn('b1'));
    const view = outcome.view();
    expect(view.vrijgesteldeOnderdelen).toEqual(['lezen', 'luisteren']);
    expect(view.onthevenOnderdelen).toEqual(['knm']);
    expect(view.vrijstellingen).toEqual([{ datum: '2025-01-15', grond: 'Nederlands mbo-4-diploma', volledig: false, onderdelen: ['lezen', 'luisteren'] }]);
    expect(view.niveau.examen).toEqual({ schrijven: 'B1', spreken: 'B1' });
  });

  it('B1-route: with lezen and luisteren released, the other parts and KNM make the route behaald and voldaan reachable', () => {
    const rest = [examen('schrijven', 'B1'), examen('spreken', 'B1')];
    const zonder = inburgering(inUitvoering('b1'), pvtAfgerond(), mapAfgerond(), ...rest, examen('knm', undefined));
    zonder.when('rond-inburgering-af', { datum: '2025-02-01' }, op).thenRejects('CommandRejected');
    inburgering(inUitvoering('b1'), pvtAfgerond(), mapAfgerond(), ...rest)
      .when('registreer-vrijstelling', { datum: '2025-01-20', grond: 'diploma', volledig: false, onderdelen: ['lezen', 'luisteren', 'knm'] }, op)
      .thenState(behaaldIn('b1'));
    inburgering(inUitvoering('b1'), pvtAfgerond(), mapAfgerond(), vrijstelling(['lezen', 'luisteren']), ...rest, examen('knm', undefined))
      .when('rond-inburgering-af', { datum: '2025-02-01' }, op).thenState('voldaan');
  });

  it('onderwijsroute: the B1-exam fallback honours the released parts', () => {
    inburgering(inUitvoering('onderwijsroute'), ontheffing(['spreken']), examen('lezen', 'B1'), examen('luisteren', 'B1'), examen('schrijven', 'B1'))
      .when('registreer-examenresultaat', { datum: '2025-01-20', onderdeel: 'knm', behaald: true }, op)
      .thenState(behaaldIn('onderwijsroute'));
  });

  it('Z-route, asielstatushouder: a partial ontheffing of participatie lets rond-zroute-af through with the course hours only', () => {
    const cursus = [uren('nt2', 700), uren('knm', 100)];
    inburgering(inUitvoering('z-route'), ...cursus).when('rond-zroute-af', { datum: '2025-05-01' }, op).thenRejects('CommandRejected', /800 uur participatie/);
    inburgering(inUitvoering('z-route'), ...cursus, ontheffing(['participatie']))
      .when('rond-zroute-af', { datum: '2025-05-01' }, op)
      .thenAppends([{ type: 'ZrouteAfgerond', data: { datum: '2025-05-01', cursusUren: 800, participatieUren: 0 } }])
      .thenState(behaaldIn('z-route'));
  });

  it('a full decision still ends the trajectory', () => {
    inburgering(inUitvoering('b1')).when('registreer-ontheffing', { datum: '2025-01-15', grond: 'medisch', volledig: true }, op).thenState('ontheven');
  });
});

describe('old VrijstellingVerleend / OntheffingVerleend (schemaVersion 1, no onderdelen): upcast to onderdelen []', () => {
  const v1 = (type: string, volledig: boolean): DomainEvent => ({ type, data: { datum: '2024-06-01', grond: 'diploma', volledig }, datum: '2024-06-01' });
  const stored = (e: DomainEvent): StoredEvent => ({
    eventId: 'e', streamId: 'traject-x', version: 1, position: 1, type: e.type, data: e.data,
    metadata: { actor: { id: 'kim', rol: 'klantmanager' }, correlationId: 'c', causationId: null, datum: e.datum, recordedAt: '2024-06-01T10:00:00Z', schemaVersion: 1 },
  });

  it.each(['VrijstellingVerleend', 'OntheffingVerleend'])('%s v1 partial → v2 with onderdelen [] (released nothing, as then)', (type) => {
    const up = upcast(stored(v1(type, false)));
    expect(up.metadata.schemaVersion).toBe(2);
    expect(up.data).toEqual({ datum: '2024-06-01', grond: 'diploma', volledig: false, onderdelen: [] });
  });
  it.each(['VrijstellingVerleend', 'OntheffingVerleend'])('%s v1 full → v2 unchanged', (type) => {
    const up = upcast(stored(v1(type, true)));
    expect(up.metadata.schemaVersion).toBe(2);
    expect(up.data).toEqual({ datum: '2024-06-01', grond: 'diploma', volledig: true });
  });
  it('a stream with an old partial decision still folds; every part stays required', () => {
    const outcome = inburgering(inUitvoering('b1'), v1('VrijstellingVerleend', false), v1('OntheffingVerleend', false))
      .when('registreer-voortgangsgesprek', { datum: '2025-01-15', verslag: 'goed' }, op);
    expect(outcome.view().vrijgesteldeOnderdelen).toEqual([]);
    expect(outcome.view().niveau.examen).toEqual({ lezen: 'B1', luisteren: 'B1', schrijven: 'B1', spreken: 'B1' });
    expect(outcome.view().vrijstellingen[0].onderdelen).toEqual([]);
  });
});
