import { geregistreerd, inUitvoering, inburgering, intake, persoon, pip } from './testing/scenario';

/**
 * Departures from a rule need reasons (Awb art. 4:84 for the Bossche policy rule; Besluit art. 5.4 for a bijzonder
 * geval): the 422 names the field in its detail and in `ontbrekendeVelden`.
 */

const laat = { today: '2025-10-01' }; // termijn start 2024-03-15 + 18 months = 2025-09-15
const op = { today: '2025-06-01' };
const wissel = (naar: string, datum: string, extra: Record<string, unknown> = {}) => ({ datum, naar, reden: 'past beter', ...extra });
const geborenOp = (geboortedatum: string) => geregistreerd('asielstatushouder', { persoon: { ...persoon, geboortedatum } });
const pipBody = (extra: Record<string, unknown> = {}) =>
  ({ datum: '2024-03-14', leerroute: 'onderwijsroute', voortgangsgesprekken: 2, participatieactiviteiten: [], ...extra });

describe('wijzig-leerroute after 18 months: bijzonderGeval and afwijkingOnderbouwing', () => {
  it('bijzonderGeval without afwijkingOnderbouwing: 422 naming afwijkingOnderbouwing', () => {
    inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('z-route', '2025-09-30', { bijzonderGeval: true }), laat)
      .thenRejects('CommandRejected', /Ontbreekt: afwijkingOnderbouwing$/).thenMissing(['afwijkingOnderbouwing']);
  });
  it('afwijkingOnderbouwing without bijzonderGeval: 422 naming bijzonderGeval', () => {
    inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('z-route', '2025-09-30', { afwijkingOnderbouwing: 'ziekte' }), laat)
      .thenRejects('CommandRejected', /Ontbreekt: bijzonderGeval$/).thenMissing(['bijzonderGeval']);
  });
  it('neither: 422 naming both', () => {
    inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('z-route', '2025-09-30'), laat)
      .thenRejects('CommandRejected', /bijzonderGeval: true én afwijkingOnderbouwing/).thenMissing(['bijzonderGeval', 'afwijkingOnderbouwing']);
  });
  it('both: accepted, and the reasons are recorded in LeerrouteGewijzigd (schemaVersion 2)', () => {
    const outcome = inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('z-route', '2025-09-30', { bijzonderGeval: true, afwijkingOnderbouwing: 'ziekte' }), laat)
      .thenAppends([
        { type: 'LeerrouteGewijzigd', data: { datum: '2025-09-30', van: 'b1', naar: 'z-route', reden: 'past beter', bijzonderGeval: true, afwijkingOnderbouwing: 'ziekte' } },
        { type: 'PipGewijzigd' },
      ]);
    expect(outcome.state.events.find((e) => e.type === 'LeerrouteGewijzigd')!.metadata.schemaVersion).toBe(2);
  });
});

describe('the onderwijsroute beyond the Bossche age line (up to and including 27)', () => {
  it('stel-pip-vast at 28 without afwijkingOnderbouwing: 422 naming it', () => {
    inburgering(geborenOp('1996-03-14'), ...intake()).when('stel-pip-vast', pipBody(), op)
      .thenRejects('CommandRejected', /Awb art. 4:84.*Ontbreekt: afwijkingOnderbouwing/).thenMissing(['afwijkingOnderbouwing']);
  });
  it('wijzig-leerroute to the onderwijsroute at 28 without afwijkingOnderbouwing: 422 naming it; with it, it is recorded', () => {
    const ouder = inburgering(geborenOp('1996-01-01'), ...intake(), pip('b1'));
    ouder.when('wijzig-leerroute', wissel('onderwijsroute', '2025-06-01'), op)
      .thenRejects('CommandRejected', /Ontbreekt: afwijkingOnderbouwing/).thenMissing(['afwijkingOnderbouwing']);
    ouder.when('wijzig-leerroute', wissel('onderwijsroute', '2025-06-01', { afwijkingOnderbouwing: 'vwo-diploma' }), op)
      .thenAppends([{ type: 'LeerrouteGewijzigd', data: expect.objectContaining({ afwijkingOnderbouwing: 'vwo-diploma' }) }, { type: 'PipGewijzigd' }]);
  });
  it('an old LeerrouteGewijzigd (v1, no afwijkingOnderbouwing) still folds', () => {
    const v1 = { type: 'LeerrouteGewijzigd', data: { datum: '2024-06-01', van: 'b1', naar: 'z-route', reden: 'x' }, datum: '2024-06-01' };
    expect(inburgering(inUitvoering('b1'), v1).state.context.leerroute).toBe('z-route');
  });
  it('a rule refusal that needs no field names none', () => {
    inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('b1', '2025-06-01'), op).thenRejects('CommandRejected', /al b1/).thenMissing([]);
  });
});
