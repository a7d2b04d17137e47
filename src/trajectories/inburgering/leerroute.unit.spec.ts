import { feit } from './actions';
import { b1Examen, examen, geregistreerd, inUitvoering, inburgering, intake, persoon, pip, uren } from './testing/scenario';

// The inburgeringstermijn of the scenario starts 2024-03-15: 18 months later is 2025-09-15.
const laat = { today: '2025-10-01' };
const op = { today: '2025-06-01' };
const wissel = (naar: string, datum = '2025-06-01', extra: Record<string, unknown> = {}) => ({ datum, naar, reden: 'past beter', ...extra });
const behaaldIn = (route: string) => ({ uitvoering: { leerroute: { [route]: 'behaald' } } });
const bezigIn = (route: string) => ({ uitvoering: { leerroute: { [route]: 'bezig' } } });
const naarOnderwijsroute = feit('LeerrouteGewijzigd', { datum: '2024-06-01', van: 'b1', naar: 'onderwijsroute', reden: 'jong' }, '2024-06-01');

describe('uitvoering › leerroute', () => {
  describe('wijzig-leerroute (Besluit art. 5.4)', () => {
    it('switches b1 → z-route within 18 months, amending the PIP', () => {
      inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('z-route'), op)
        .thenAppends([
          { type: 'LeerrouteGewijzigd', data: { datum: '2025-06-01', van: 'b1', naar: 'z-route', reden: 'past beter' } },
          { type: 'PipGewijzigd', data: { datum: '2025-06-01', wijziging: 'leerroute b1 → z-route', reden: 'past beter' } },
        ])
        .thenState(bezigIn('z-route'));
    });
    it('is accepted on the last day before start + 18 months', () => {
      inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('z-route', '2025-09-14'), laat).thenState(bezigIn('z-route'));
    });
    it('is refused from start + 18 months on (422)', () => {
      inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('z-route', '2025-09-15'), laat)
        .thenRejects('CommandRejected', /18 maanden.*tot 2025-09-15/);
    });
    it('onderwijsroute → b1 is allowed at any time', () => {
      inburgering(inUitvoering('onderwijsroute')).when('wijzig-leerroute', wissel('b1', '2025-09-30'), laat).thenState(bezigIn('b1'));
    });
    it('onderwijsroute → z-route after 18 months is refused (422)', () => {
      inburgering(inUitvoering('onderwijsroute')).when('wijzig-leerroute', wissel('z-route', '2025-09-30'), laat).thenRejects('CommandRejected');
    });
    it('a bijzonder geval with afwijkingOnderbouwing may switch after 18 months, and is recorded as such', () => {
      inburgering(inUitvoering('b1'))
        .when('wijzig-leerroute', wissel('z-route', '2025-09-30', { bijzonderGeval: true, afwijkingOnderbouwing: 'ernstige ziekte' }), laat)
        .thenAppends([{ type: 'LeerrouteGewijzigd', data: expect.objectContaining({ bijzonderGeval: true }) }, { type: 'PipGewijzigd' }]);
    });
    it('a bijzonder geval needs both the flag and the onderbouwing (422)', () => {
      inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('z-route', '2025-09-30', { bijzonderGeval: true }), laat).thenRejects('CommandRejected');
      inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('z-route', '2025-09-30', { afwijkingOnderbouwing: 'x' }), laat).thenRejects('CommandRejected');
    });
    it('refuses the route it already is (422)', () => {
      inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('b1'), op).thenRejects('CommandRejected', /al b1/);
    });
    it('refuses a switch once the route is behaald (422)', () => {
      inburgering(inUitvoering('b1'), ...b1Examen()).when('wijzig-leerroute', wissel('z-route'), op).thenRejects('CommandRejected', /LeerrouteGewijzigd is niet toegestaan/);
    });
    it('to the onderwijsroute, the age line applies at the switch date (28 → 422)', () => {
      const ouder = [geregistreerd('asielstatushouder', { persoon: { ...persoon, geboortedatum: '1996-01-01' } }), ...intake(), pip('b1')];
      inburgering(ouder).when('wijzig-leerroute', wissel('onderwijsroute'), op).thenRejects('CommandRejected', /tot en met 27/);
      inburgering(ouder).when('wijzig-leerroute', wissel('onderwijsroute', '2025-06-01', { afwijkingOnderbouwing: 'vwo-niveau' }), op)
        .thenState(bezigIn('onderwijsroute'));
    });
    it('to the onderwijsroute, MAP becomes not applicable: rond-map-af is refused (422)', () => {
      inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('onderwijsroute'), op).thenState({ uitvoering: { map: 'niet-van-toepassing' } });
      inburgering(inUitvoering('b1'), naarOnderwijsroute).when('rond-map-af', { datum: '2024-09-01' }, op).thenRejects('CommandRejected');
    });
    it('away from the onderwijsroute, MAP is open again and can be closed', () => {
      inburgering(inUitvoering('onderwijsroute')).when('wijzig-leerroute', wissel('b1'), op).thenState({ uitvoering: { map: 'open' } });
      const terug = feit('LeerrouteGewijzigd', { datum: '2024-07-01', van: 'onderwijsroute', naar: 'b1', reden: 'x' }, '2024-07-01');
      inburgering(inUitvoering('b1'), naarOnderwijsroute, terug).when('rond-map-af', { datum: '2024-09-01' }, op)
        .thenAppends([{ type: 'MapAfgerond' }]).thenState({ uitvoering: { map: 'afgerond' } });
    });
    it('refuses an unknown route (400)', () => {
      inburgering(inUitvoering('b1')).when('wijzig-leerroute', wissel('a2-route'), op).thenRejects('ValidationFailed');
    });
  });

  describe('schaal-af-naar-a2 (Besluit art. 5.5: 600 NT2 hours)', () => {
    const body = { datum: '2025-05-01', onderdelen: ['spreken', 'schrijven'], onderbouwing: 'aanzienlijke inspanningen' };
    it('is refused with 599 NT2 hours, naming the hours (422)', () => {
      inburgering(inUitvoering('b1'), uren('nt2', 500), uren('nt2', 99)).when('schaal-af-naar-a2', body, op)
        .thenRejects('CommandRejected', /600 uur NT2.*geregistreerd: 599 uur/);
    });
    it('is accepted with 600 NT2 hours and amends the PIP', () => {
      const outcome = inburgering(inUitvoering('b1'), uren('nt2', 500), uren('nt2', 100)).when('schaal-af-naar-a2', body, op)
        .thenAppends([
          { type: 'AfgeschaaldNaarA2', data: { ...body, nt2Uren: 600 } },
          { type: 'PipGewijzigd', data: { datum: '2025-05-01', wijziging: 'afgeschaald naar A2: spreken, schrijven', reden: 'aanzienlijke inspanningen' } },
        ]);
      expect(outcome.state.context.afgeschaald).toEqual(['spreken', 'schrijven']);
    });
    it('knm hours do not count as NT2 hours (422)', () => {
      inburgering(inUitvoering('b1'), uren('nt2', 599), uren('knm', 100)).when('schaal-af-naar-a2', body, op).thenRejects('CommandRejected', /599/);
    });
    it('is refused on the z-route and the onderwijsroute (422)', () => {
      inburgering(inUitvoering('z-route'), uren('nt2', 600)).when('schaal-af-naar-a2', body, op).thenRejects('CommandRejected', /AfgeschaaldNaarA2 is niet toegestaan/);
      inburgering(inUitvoering('onderwijsroute'), uren('nt2', 600)).when('schaal-af-naar-a2', body, op).thenRejects('CommandRejected');
    });
    it('refuses no onderdelen, KNM or a duplicate (400)', () => {
      const given = inburgering(inUitvoering('b1'), uren('nt2', 600));
      given.when('schaal-af-naar-a2', { ...body, onderdelen: [] }, op).thenRejects('ValidationFailed');
      given.when('schaal-af-naar-a2', { ...body, onderdelen: ['knm'] }, op).thenRejects('ValidationFailed');
      given.when('schaal-af-naar-a2', { ...body, onderdelen: ['lezen', 'lezen'] }, op).thenRejects('ValidationFailed');
    });
  });

  describe('rond-onderwijsroute-af', () => {
    it('on the onderwijsroute → behaald', () => {
      inburgering(inUitvoering('onderwijsroute')).when('rond-onderwijsroute-af', { datum: '2025-05-01' }, op)
        .thenAppends([{ type: 'OnderwijsrouteAfgerond', data: { datum: '2025-05-01' } }]).thenState(behaaldIn('onderwijsroute'));
    });
    it('is refused on the B1-route (422)', () => {
      inburgering(inUitvoering('b1')).when('rond-onderwijsroute-af', { datum: '2025-05-01' }, op).thenRejects('CommandRejected');
    });
  });

  describe('rond-zroute-af (Besluit art. 3.14: 800 course hours, and 800 participation hours for an asielstatushouder)', () => {
    const body = { datum: '2025-05-01' };
    it('an asielstatushouder with 800 course hours and 800 participation hours incl. PVT and MAP → behaald', () => {
      inburgering(inUitvoering('z-route'), uren('nt2', 700), uren('knm', 100), uren('participatie', 750), uren('pvt', 30), uren('map', 20))
        .when('rond-zroute-af', body, op)
        .thenAppends([{ type: 'ZrouteAfgerond', data: { datum: '2025-05-01', cursusUren: 800, participatieUren: 800 } }])
        .thenState(behaaldIn('z-route'));
    });
    it('refuses 799 course hours (422)', () => {
      inburgering(inUitvoering('z-route'), uren('nt2', 700), uren('knm', 99), uren('participatie', 800)).when('rond-zroute-af', body, op)
        .thenRejects('CommandRejected', /800 cursusuren.*799/);
    });
    it('refuses an asielstatushouder 799 participation hours (422)', () => {
      inburgering(inUitvoering('z-route'), uren('nt2', 800), uren('participatie', 760), uren('pvt', 39)).when('rond-zroute-af', body, op)
        .thenRejects('CommandRejected', /800 uur participatie.*799/);
    });
    it('a gezinsmigrant needs only the course hours', () => {
      inburgering(inUitvoering('z-route', 'gezinsmigrant'), uren('nt2', 800)).when('rond-zroute-af', body, op).thenState(behaaldIn('z-route'));
    });
    it('is refused on the B1-route (422)', () => {
      inburgering(inUitvoering('b1'), uren('nt2', 800), uren('participatie', 800)).when('rond-zroute-af', body, op).thenRejects('CommandRejected');
    });
  });

  describe('leerroute behaald', () => {
    const laatste = (e: ReturnType<typeof examen>) => ({ ...e.data });
    const [lezen, luisteren, schrijven, spreken, knm] = b1Examen();
    it('b1: all four parts at B1 and KNM', () => {
      inburgering(inUitvoering('b1'), lezen, luisteren, schrijven, spreken).when('registreer-examenresultaat', laatste(knm), op).thenState(behaaldIn('b1'));
    });
    it('b1: not without KNM', () => {
      inburgering(inUitvoering('b1'), lezen, luisteren, schrijven).when('registreer-examenresultaat', laatste(spreken), op).thenState(bezigIn('b1'));
    });
    it('b1: a part passed at A2 does not count unless afgeschaald', () => {
      inburgering(inUitvoering('b1'), lezen, luisteren, schrijven, knm).when('registreer-examenresultaat', laatste(examen('spreken', 'A2')), op)
        .thenState(bezigIn('b1'));
    });
    it('b1: an afgeschaald part counts at A2', () => {
      const afgeschaald = feit('AfgeschaaldNaarA2', { datum: '2024-12-01', onderdelen: ['spreken'], onderbouwing: 'x', nt2Uren: 600 }, '2024-12-01');
      inburgering(inUitvoering('b1'), afgeschaald, lezen, luisteren, schrijven, knm).when('registreer-examenresultaat', laatste(examen('spreken', 'A2')), op)
        .thenState(behaaldIn('b1'));
    });
    it('b1: afschalen after an A2 pass makes the route behaald', () => {
      inburgering(inUitvoering('b1'), uren('nt2', 600), lezen, luisteren, schrijven, knm, examen('spreken', 'A2'))
        .when('schaal-af-naar-a2', { datum: '2025-05-01', onderdelen: ['spreken'], onderbouwing: 'x' }, op).thenState(behaaldIn('b1'));
    });
    it('b1: higher levels count (B2, C1)', () => {
      inburgering(inUitvoering('b1'), examen('lezen', 'B2'), luisteren, schrijven, knm).when('registreer-examenresultaat', laatste(examen('spreken', 'C1')), op)
        .thenState(behaaldIn('b1'));
    });
    it('b1: a result not behaald does not count', () => {
      inburgering(inUitvoering('b1'), lezen, luisteren, schrijven, knm).when('registreer-examenresultaat', laatste(examen('spreken', 'B1', false)), op)
        .thenState(bezigIn('b1'));
    });
    it('b1: a later failed attempt does not undo a pass', () => {
      inburgering(inUitvoering('b1'), ...b1Examen()).when('registreer-examenresultaat', laatste(examen('lezen', 'B1', false, '2025-03-01')), op)
        .thenState(behaaldIn('b1'));
    });
    it('onderwijsroute: by the B1 exam as fallback', () => {
      inburgering(inUitvoering('onderwijsroute'), lezen, luisteren, schrijven, spreken).when('registreer-examenresultaat', laatste(knm), op)
        .thenState(behaaldIn('onderwijsroute'));
    });
    it('z-route: only by ZrouteAfgerond, not by exams', () => {
      inburgering(inUitvoering('z-route'), lezen, luisteren, schrijven, spreken).when('registreer-examenresultaat', laatste(knm), op)
        .thenState(bezigIn('z-route'));
    });
  });
});
