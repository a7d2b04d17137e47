import { feit } from './actions';
import {
  TERMIJN, aangemeld, b1Examen, examen, inIntake, inUitvoering, inburgering, intakeAfgerond, mapAfgerond, op, pvtAfgerond,
} from './testing/scenario';

const klaar = (leerroute: 'b1' | 'onderwijsroute' = 'b1') => [...inUitvoering(leerroute), pvtAfgerond(), ...(leerroute === 'b1' ? [mapAfgerond()] : []), ...b1Examen()];

describe('before the PIP (aangemeld, intake)', () => {
  // These rules read the PIP's termijn or leerroute; without a PIP they refuse (422) instead of crashing (500).
  it.each([
    ['rond-pvt-af', { datum: '2024-02-10' }],
    ['rond-map-af', { datum: '2024-02-10' }],
    ['verleng-inburgeringstermijn', { datum: '2024-02-10', nieuweEinddatum: '2030-01-01', grond: 'niet-verwijtbaar' }],
    ['wijzig-leerroute', { datum: '2024-02-10', naar: 'z-route', reden: 'x' }],
    ['wijzig-leerroute', { datum: '2024-02-10', naar: 'onderwijsroute', reden: 'x' }],
  ])('%s is refused (422) in aangemeld and in intake', (actie, body) => {
    inburgering(aangemeld()).when(actie, body, op).thenRejects('CommandRejected', /PIP/);
    inburgering(intakeAfgerond()).when(actie, body, op).thenRejects('CommandRejected', /PIP/);
  });
});

describe('uitvoering', () => {
  describe('wijzig-pip', () => {
    it('records the change and never moves the inburgeringstermijn', () => {
      const outcome = inburgering(inUitvoering()).when('wijzig-pip', { datum: '2024-06-01', wijziging: 'extra KNM', reden: 'voortgang' }, op)
        .thenAppends([{ type: 'PipGewijzigd', data: { datum: '2024-06-01', wijziging: 'extra KNM', reden: 'voortgang' } }]);
      expect(outcome.state.context.inburgeringstermijn).toEqual(TERMIJN);
      expect(outcome.state.context.pip.wijzigingen).toHaveLength(1);
    });
    it('is refused in intake (422)', () => {
      inburgering(intakeAfgerond()).when('wijzig-pip', { datum: '2024-03-01', wijziging: 'x', reden: 'y' }, op).thenRejects('CommandRejected', /fase intake/);
    });
  });

  describe('registreer-uren', () => {
    it('adds up hours per soort', () => {
      const outcome = inburgering(inUitvoering(), feit('UrenGeregistreerd', { datum: '2024-05-01', soort: 'map', uren: 4 }, '2024-05-01'))
        .when('registreer-uren', { datum: '2024-05-02', soort: 'map', uren: 6.25 }, op).thenAppends([{ type: 'UrenGeregistreerd' }]);
      expect(outcome.state.context.uren).toEqual({ nt2: 0, knm: 0, participatie: 0, pvt: 0, map: 10.25 });
    });
  });

  describe('registreer-voortgangsgesprek', () => {
    it('is recorded in uitvoering', () => {
      inburgering(inUitvoering()).when('registreer-voortgangsgesprek', { datum: '2024-09-01', verslag: 'goed' }, op)
        .thenAppends([{ type: 'VoortgangsgesprekGevoerd', data: { datum: '2024-09-01', verslag: 'goed' } }]);
    });
    it('is refused in intake (422)', () => {
      inburgering(intakeAfgerond()).when('registreer-voortgangsgesprek', { datum: '2024-03-01', verslag: 'goed' }, op).thenRejects('CommandRejected');
    });
  });

  describe('registreer-examenresultaat', () => {
    it('is recorded in uitvoering', () => {
      inburgering(inUitvoering()).when('registreer-examenresultaat', { datum: '2025-01-10', onderdeel: 'lezen', niveau: 'B1', behaald: false }, op)
        .thenAppends([{ type: 'ExamenresultaatGeregistreerd', data: { datum: '2025-01-10', onderdeel: 'lezen', niveau: 'B1', behaald: false } }]);
    });
    it('is refused in intake (422) and with an unknown onderdeel or level (400)', () => {
      inburgering(intakeAfgerond()).when('registreer-examenresultaat', { datum: '2024-03-01', onderdeel: 'knm', behaald: true }, op).thenRejects('CommandRejected');
      inburgering(inUitvoering()).when('registreer-examenresultaat', { datum: '2025-01-10', onderdeel: 'rekenen', behaald: true }, op).thenRejects('ValidationFailed');
      inburgering(inUitvoering()).when('registreer-examenresultaat', { datum: '2025-01-10', onderdeel: 'lezen', niveau: 'B3', behaald: true }, op).thenRejects('ValidationFailed');
    });
  });

  describe('rond-pvt-af', () => {
    it('closes the PVT, signed on the first day of the termijn', () => {
      inburgering(inUitvoering()).when('rond-pvt-af', { datum: TERMIJN.start }, op)
        .thenAppends([{ type: 'PvtAfgerond', data: { datum: TERMIJN.start } }]).thenState({ uitvoering: { pvt: 'afgerond' } });
    });
    it('refuses a signing before the start of the termijn (422)', () => {
      inburgering(inUitvoering()).when('rond-pvt-af', { datum: '2024-03-14' }, op).thenRejects('CommandRejected', /vóór de start van de inburgeringstermijn \(2024-03-15\)/);
    });
    it('is refused when already afgerond (422)', () => {
      inburgering(inUitvoering(), pvtAfgerond()).when('rond-pvt-af', { datum: '2024-06-01' }, op).thenRejects('CommandRejected');
    });
  });

  describe('rond-map-af', () => {
    it('closes the MAP on the B1-route and the z-route', () => {
      inburgering(inUitvoering('b1')).when('rond-map-af', { datum: '2024-09-01' }, op).thenState({ uitvoering: { map: 'afgerond' } });
      inburgering(inUitvoering('z-route')).when('rond-map-af', { datum: '2024-09-01' }, op).thenState({ uitvoering: { map: 'afgerond' } });
    });
    it('is refused on the onderwijsroute, where MAP does not apply (422)', () => {
      inburgering(inUitvoering('onderwijsroute')).when('rond-map-af', { datum: '2024-09-01' }, op).thenRejects('CommandRejected', /MapAfgerond is niet toegestaan/);
    });
    it('is refused when already afgerond (422)', () => {
      inburgering(inUitvoering(), mapAfgerond()).when('rond-map-af', { datum: '2024-10-01' }, op).thenRejects('CommandRejected');
    });
    it('refuses an eindgesprek before the start of the termijn (422), as the PVT (Besluit art. 5.3 lid 5)', () => {
      inburgering(inUitvoering()).when('rond-map-af', { datum: '2024-03-14' }, op)
        .thenRejects('CommandRejected', /eindgesprek MAP ligt vóór de start van de inburgeringstermijn \(2024-03-15\)/);
    });
    it('accepts an eindgesprek on the first day of the termijn', () => {
      inburgering(inUitvoering('z-route')).when('rond-map-af', { datum: TERMIJN.start }, op)
        .thenAppends([{ type: 'MapAfgerond', data: { datum: TERMIJN.start } }]).thenState({ uitvoering: { map: 'afgerond' } });
    });
  });

  describe('verleng-inburgeringstermijn (Wi art. 12, DUO)', () => {
    it('moves the eind to a later date, which may lie in the future', () => {
      const outcome = inburgering(inUitvoering()).when('verleng-inburgeringstermijn', { datum: '2025-05-01', nieuweEinddatum: '2028-03-15', grond: 'niet-verwijtbaar' }, op)
        .thenAppends([{ type: 'InburgeringstermijnVerlengd', data: { datum: '2025-05-01', nieuweEinddatum: '2028-03-15', vorigeEinddatum: TERMIJN.eind, grond: 'niet-verwijtbaar' } }]);
      expect(outcome.state.context.inburgeringstermijn).toEqual({ start: TERMIJN.start, eind: '2028-03-15' });
    });
    it('refuses an eind that is not later than the current one (422)', () => {
      inburgering(inUitvoering()).when('verleng-inburgeringstermijn', { datum: '2025-05-01', nieuweEinddatum: TERMIJN.eind, grond: 'niet-verwijtbaar' }, op)
        .thenRejects('CommandRejected', /na de huidige eind 2027-03-15/);
    });
    it('refuses an unknown grond (400)', () => {
      inburgering(inUitvoering()).when('verleng-inburgeringstermijn', { datum: '2025-05-01', nieuweEinddatum: '2028-03-15', grond: 'zomaar' }, op).thenRejects('ValidationFailed');
    });
  });

  describe('rond-inburgering-af', () => {
    it('is accepted with PVT and MAP afgerond and the B1-route behaald → voldaan (final)', () => {
      const outcome = inburgering(klaar()).when('rond-inburgering-af', { datum: '2025-02-01' }, op)
        .thenAppends([{ type: 'InburgeringsplichtVoldaan', data: { datum: '2025-02-01' } }]).thenState('voldaan');
      expect(outcome.state.snapshot.status).toBe('done');
    });
    it('on the onderwijsroute MAP is not needed', () => {
      inburgering(klaar('onderwijsroute')).when('rond-inburgering-af', { datum: '2025-02-01' }, op).thenState('voldaan');
    });
    it('is refused while the PVT is open (422)', () => {
      inburgering(inUitvoering(), mapAfgerond(), ...b1Examen()).when('rond-inburgering-af', { datum: '2025-02-01' }, op)
        .thenRejects('CommandRejected', /InburgeringsplichtVoldaan is niet toegestaan in fase uitvoering/);
    });
    it('is refused while the MAP is open (422)', () => {
      inburgering(inUitvoering(), pvtAfgerond(), ...b1Examen()).when('rond-inburgering-af', { datum: '2025-02-01' }, op).thenRejects('CommandRejected');
    });
    it('is refused while the leerroute is not behaald (422)', () => {
      inburgering(inUitvoering(), pvtAfgerond(), mapAfgerond(), ...b1Examen().slice(0, 4)).when('rond-inburgering-af', { datum: '2025-02-01' }, op)
        .thenRejects('CommandRejected');
    });
    it('is refused in intake (422)', () => {
      inburgering(inIntake()).when('rond-inburgering-af', { datum: '2025-02-01' }, op).thenRejects('CommandRejected');
    });
    it('a failed KNM attempt after the pass does not block it', () => {
      inburgering(klaar(), examen('knm', undefined, false, '2025-01-20')).when('rond-inburgering-af', { datum: '2025-02-01' }, op).thenState('voldaan');
    });
  });
});
