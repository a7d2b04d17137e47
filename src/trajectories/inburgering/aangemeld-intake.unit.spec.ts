import { feit } from './actions';
import {
  PIP_DATUM, TERMIJN, aangemeld, bevindingen, geregistreerd, inIntake, inUitvoering, inburgering, intake, intakeAfgerond, op, persoon,
} from './testing/scenario';

const pipBody = (extra: Record<string, unknown> = {}) => ({
  datum: PIP_DATUM, leerroute: 'b1', voortgangsgesprekken: 3, participatieactiviteiten: ['vrijwilligerswerk', 'sport'], ...extra,
});
const geborenOp = (geboortedatum: string) => geregistreerd('asielstatushouder', { persoon: { ...persoon, geboortedatum } });
const beeindigd = feit('TrajectBeeindigd', { datum: '2024-02-01', reden: 'verhuisd' }, '2024-02-01');

describe('aangemeld', () => {
  describe('registreer-inschrijving-brp', () => {
    it('records the BRP registration of someone not yet registered', () => {
      inburgering(aangemeld('gezinsmigrant')).when('registreer-inschrijving-brp', { datum: '2024-01-25' }, op)
        .thenAppends([{ type: 'InschrijvingBrpGeregistreerd', data: { datum: '2024-01-25' }, datum: '2024-01-25' }])
        .thenState('aangemeld');
    });
    it('is refused when already registered (422)', () => {
      inburgering(aangemeld('asielstatushouder')).when('registreer-inschrijving-brp', { datum: '2024-01-25' }, op)
        .thenRejects('CommandRejected', /InschrijvingBrpGeregistreerd is niet toegestaan/);
    });
    it('is refused with a date in the future (400)', () => {
      inburgering(aangemeld('gezinsmigrant')).when('registreer-inschrijving-brp', { datum: '2025-06-02' }, op)
        .thenRejects('ValidationFailed', /datum \(2025-06-02\) ligt in de toekomst/);
    });
    it('is refused without a datum (400)', () => {
      inburgering(aangemeld('gezinsmigrant')).when('registreer-inschrijving-brp', {}, op).thenRejects('ValidationFailed');
    });
    it('is refused in a final phase (422)', () => {
      inburgering(aangemeld('gezinsmigrant'), beeindigd).when('registreer-inschrijving-brp', { datum: '2024-01-25' }, op).thenRejects('CommandRejected');
    });
  });

  describe('start-brede-intake', () => {
    it('moves to intake', () => {
      inburgering(aangemeld()).when('start-brede-intake', { datum: '2024-02-01' }, op)
        .thenAppends([{ type: 'BredeIntakeGestart', data: { datum: '2024-02-01' } }]).thenState('intake');
    });
    it('is refused once in intake (422)', () => {
      inburgering(inIntake()).when('start-brede-intake', { datum: '2024-02-02' }, op).thenRejects('CommandRejected', /fase intake/);
    });
  });

  describe('registreer-screening (asielstatushouder, once)', () => {
    it('records the screening by Weener XL by default', () => {
      inburgering(aangemeld()).when('registreer-screening', { datum: '2024-02-10', bevindingen: 'talent voor techniek' }, op)
        .thenAppends([{ type: 'ScreeningUitgevoerd', data: { datum: '2024-02-10', uitvoerder: 'Weener XL', bevindingen: 'talent voor techniek' } }]);
    });
    it('is accepted in intake and in uitvoering too', () => {
      inburgering(inIntake()).when('registreer-screening', { datum: '2024-02-10', uitvoerder: 'Werkplein' }, op)
        .thenAppends([{ type: 'ScreeningUitgevoerd', data: expect.objectContaining({ uitvoerder: 'Werkplein' }) }]);
      inburgering(inUitvoering()).when('registreer-screening', { datum: '2024-04-10' }, op).thenAppends([{ type: 'ScreeningUitgevoerd' }]);
    });
    it('is refused a second time (422)', () => {
      const screening = feit('ScreeningUitgevoerd', { datum: '2024-02-10', uitvoerder: 'Weener XL' }, '2024-02-10');
      inburgering(aangemeld(), screening).when('registreer-screening', { datum: '2024-02-11' }, op).thenRejects('CommandRejected');
    });
    it('is refused for a gezinsmigrant (422)', () => {
      inburgering(aangemeld('gezinsmigrant')).when('registreer-screening', { datum: '2024-02-10' }, op).thenRejects('CommandRejected');
    });
    it('is refused in a final phase (422)', () => {
      inburgering(aangemeld(), beeindigd).when('registreer-screening', { datum: '2024-02-10' }, op).thenRejects('CommandRejected');
    });
  });

  describe('PIP termijn (Besluit art. 5.3 lid 2)', () => {
    it('stel-pip-termijn-op suspends the term, registreer-informatie-derden resumes it', () => {
      const opgeschort = feit('PipTermijnOpgeschort', { datum: '2024-02-01', reden: 'wacht op medisch advies' }, '2024-02-01');
      // While the term runs (last day 2024-03-30).
      inburgering(aangemeld()).when('stel-pip-termijn-op', { datum: '2024-02-01', reden: 'wacht op medisch advies' }, { today: '2024-02-01' })
        .thenAppends([{ type: 'PipTermijnOpgeschort', data: { datum: '2024-02-01', reden: 'wacht op medisch advies' } }]);
      inburgering(aangemeld(), opgeschort).when('registreer-informatie-derden', { datum: '2024-02-20' }, op)
        .thenAppends([{ type: 'InformatieDerdenOntvangen', data: { datum: '2024-02-20' } }]);
    });
    it('information from third parties is refused when the term is not suspended (422)', () => {
      inburgering(aangemeld()).when('registreer-informatie-derden', { datum: '2024-02-20' }, op).thenRejects('CommandRejected');
    });
    it('a suspended term cannot be suspended again (422)', () => {
      const opgeschort = feit('PipTermijnOpgeschort', { datum: '2024-02-01', reden: 'x' }, '2024-02-01');
      inburgering(aangemeld(), opgeschort).when('stel-pip-termijn-op', { datum: '2024-02-02', reden: 'y' }, op).thenRejects('CommandRejected');
    });
    it('is also possible in intake, and no longer once the PIP is set (422)', () => {
      inburgering(inIntake()).when('stel-pip-termijn-op', { datum: '2024-02-02', reden: 'y' }, { today: '2024-02-03' }).thenAppends([{ type: 'PipTermijnOpgeschort' }]);
      inburgering(inUitvoering()).when('stel-pip-termijn-op', { datum: '2024-03-02', reden: 'y' }, { today: '2024-03-03' }).thenRejects('CommandRejected', /PIP-termijn/);
    });
    it('a reason is required (400)', () => {
      inburgering(aangemeld()).when('stel-pip-termijn-op', { datum: '2024-02-01' }, op).thenRejects('ValidationFailed');
    });
  });
});

describe('intake', () => {
  describe('registreer-leerbaarheidstoets', () => {
    const toets = { datum: '2024-02-08', adviesNiveau: 'A2', adviesLeerroute: 'z-route' };
    it('records the advice', () => {
      inburgering(inIntake()).when('registreer-leerbaarheidstoets', toets, op)
        .thenAppends([{ type: 'LeerbaarheidstoetsAfgenomen', data: toets }]).thenState('intake');
    });
    it('is refused in aangemeld and in uitvoering (422)', () => {
      inburgering(aangemeld()).when('registreer-leerbaarheidstoets', toets, op).thenRejects('CommandRejected', /fase aangemeld/);
      inburgering(inUitvoering()).when('registreer-leerbaarheidstoets', toets, op).thenRejects('CommandRejected', /fase uitvoering/);
    });
    it('refuses an unknown level (400)', () => {
      inburgering(inIntake()).when('registreer-leerbaarheidstoets', { ...toets, adviesNiveau: 'C1' }, op).thenRejects('ValidationFailed');
    });
  });

  describe('rond-brede-intake-af', () => {
    it('is accepted once the leerbaarheidstoets is taken', () => {
      inburgering(geregistreerd(), ...intake().slice(0, 2)).when('rond-brede-intake-af', { datum: '2024-02-20', bevindingen }, op)
        .thenAppends([{ type: 'BredeIntakeAfgerond', data: { datum: '2024-02-20', bevindingen } }]);
    });
    it('is refused without a leerbaarheidstoets (422)', () => {
      inburgering(inIntake()).when('rond-brede-intake-af', { datum: '2024-02-20', bevindingen }, op).thenRejects('CommandRejected');
    });
    it('is refused in aangemeld (422)', () => {
      inburgering(aangemeld()).when('rond-brede-intake-af', { datum: '2024-02-20', bevindingen }, op).thenRejects('CommandRejected');
    });
    it('refuses incomplete bevindingen (400)', () => {
      inburgering(geregistreerd(), ...intake().slice(0, 2)).when('rond-brede-intake-af', { datum: '2024-02-20', bevindingen: { opleiding: 'mbo' } }, op)
        .thenRejects('ValidationFailed');
    });
  });

  describe('registreer-uren', () => {
    it('records NT2 hours in intake', () => {
      inburgering(inIntake()).when('registreer-uren', { datum: '2024-02-15', soort: 'nt2', uren: 12.5 }, op)
        .thenAppends([{ type: 'UrenGeregistreerd', data: { datum: '2024-02-15', soort: 'nt2', uren: 12.5 } }]);
    });
    it('is refused in aangemeld (422)', () => {
      inburgering(aangemeld()).when('registreer-uren', { datum: '2024-02-15', soort: 'nt2', uren: 3 }, op).thenRejects('CommandRejected');
    });
    it('refuses zero or negative hours and an unknown soort (400)', () => {
      inburgering(inIntake()).when('registreer-uren', { datum: '2024-02-15', soort: 'nt2', uren: 0 }, op).thenRejects('ValidationFailed');
      inburgering(inIntake()).when('registreer-uren', { datum: '2024-02-15', soort: 'nt2', uren: -2 }, op).thenRejects('ValidationFailed');
      inburgering(inIntake()).when('registreer-uren', { datum: '2024-02-15', soort: 'taal', uren: 2 }, op).thenRejects('ValidationFailed');
    });
    it('refuses a periode ending in the future (400) or running backwards (422)', () => {
      inburgering(inIntake()).when('registreer-uren', { datum: '2024-02-15', soort: 'nt2', uren: 2, periode: { van: '2024-02-01', tot: '2025-07-01' } }, op)
        .thenRejects('ValidationFailed', /periode\.tot/);
      inburgering(inIntake()).when('registreer-uren', { datum: '2024-02-15', soort: 'nt2', uren: 2, periode: { van: '2024-02-10', tot: '2024-02-01' } }, op)
        .thenRejects('CommandRejected', /periode/);
    });
  });

  describe('stel-pip-vast', () => {
    it('sets the PIP → uitvoering; termijn start = dagtekening + 1 day, eind = start + 3 years', () => {
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody(), op)
        .thenAppends([{
          type: 'PipVastgesteld', datum: PIP_DATUM,
          data: {
            datum: PIP_DATUM, leerroute: 'b1', voortgangsgesprekken: 3, participatieactiviteiten: ['vrijwilligerswerk', 'sport'],
            map: 'van-toepassing', inburgeringstermijn: TERMIJN,
          },
        }])
        .thenState({ uitvoering: { leerroute: { b1: 'bezig' }, pvt: 'open', map: 'open' } });
    });
    it('a dagtekening on 28 February 2024 starts the term on 29 February; its end is clamped to 28 February 2027', () => {
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody({ datum: '2024-02-28' }), op)
        .thenAppends([{ type: 'PipVastgesteld', data: expect.objectContaining({ inburgeringstermijn: { start: '2024-02-29', eind: '2027-02-28' } }) }]);
    });
    it('a dagtekening on 29 February 2024 starts the term on 1 March', () => {
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody({ datum: '2024-02-29' }), op)
        .thenAppends([{ type: 'PipVastgesteld', data: expect.objectContaining({ inburgeringstermijn: { start: '2024-03-01', eind: '2027-03-01' } }) }]);
    });
    it('a dagtekening on 31 December starts the term on 1 January of the next year', () => {
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody({ datum: '2024-12-31' }), op)
        .thenAppends([{ type: 'PipVastgesteld', data: expect.objectContaining({ inburgeringstermijn: { start: '2025-01-01', eind: '2028-01-01' } }) }]);
    });
    it('is refused before the brede intake is afgerond (422)', () => {
      inburgering(geregistreerd(), ...intake().slice(0, 2)).when('stel-pip-vast', pipBody(), op).thenRejects('CommandRejected', /PipVastgesteld is niet toegestaan in fase intake/);
    });
    it('is refused in aangemeld (422)', () => {
      inburgering(aangemeld()).when('stel-pip-vast', pipBody(), op).thenRejects('CommandRejected', /fase aangemeld/);
    });
    it('is refused a second time (422)', () => {
      inburgering(inUitvoering()).when('stel-pip-vast', pipBody(), op).thenRejects('CommandRejected', /fase uitvoering/);
    });
    it('refuses a dagtekening before the melding DUO (422)', () => {
      inburgering(geregistreerd('gezinsmigrant', { datumMeldingDuo: '2024-02-25' }), ...intake()).when('stel-pip-vast', pipBody({ datum: '2024-02-24' }), op)
        .thenRejects('CommandRejected', /vóór de melding DUO \(2024-02-25\)/);
    });
    it('refuses a dagtekening before the inschrijving BRP (422), and accepts it on that day', () => {
      const laterIngeschreven = [geregistreerd('gezinsmigrant'), ...intake(), feit('InschrijvingBrpGeregistreerd', { datum: '2024-02-26' }, '2024-02-26')];
      inburgering(laterIngeschreven).when('stel-pip-vast', pipBody({ datum: '2024-02-25' }), op)
        .thenRejects('CommandRejected', /vóór de inschrijving BRP \(2024-02-26\)/);
      inburgering(laterIngeschreven).when('stel-pip-vast', pipBody({ datum: '2024-02-26' }), op).thenState({ uitvoering: { pvt: 'open' } });
      inburgering(geregistreerd('asielstatushouder', { datumInschrijvingBrp: '2024-03-20' }), ...intake()).when('stel-pip-vast', pipBody(), op)
        .thenRejects('CommandRejected', /vóór de inschrijving BRP \(2024-03-20\)/);
    });
    it('refuses A2 in a first PIP (422); B1 is accepted and not stored', () => {
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody({ examenniveau: 'A2' }), op).thenRejects('CommandRejected', /geen A2/);
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody({ examenniveau: 'B1' }), op)
        .thenAppends([{ type: 'PipVastgesteld', data: expect.not.objectContaining({ examenniveau: expect.anything() }) }]);
    });
    it('refuses fewer than one voortgangsgesprek, an unknown route or activity (400)', () => {
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody({ voortgangsgesprekken: 0 }), op).thenRejects('ValidationFailed');
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody({ leerroute: 'a2' }), op).thenRejects('ValidationFailed');
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody({ participatieactiviteiten: ['schaken'] }), op).thenRejects('ValidationFailed');
    });
    it('refuses a dagtekening in the future (400)', () => {
      inburgering(intakeAfgerond()).when('stel-pip-vast', pipBody({ datum: '2025-06-02' }), op).thenRejects('ValidationFailed', /toekomst/);
    });

    describe('onderwijsroute (Bossche beleid: up to and including 27)', () => {
      it('is offered at 27, with MAP not applicable', () => {
        inburgering(geborenOp('1996-03-15'), ...intake()).when('stel-pip-vast', pipBody({ leerroute: 'onderwijsroute' }), op)
          .thenAppends([{ type: 'PipVastgesteld', data: expect.objectContaining({ leerroute: 'onderwijsroute', map: 'niet-van-toepassing' }) }])
          .thenState({ uitvoering: { leerroute: { onderwijsroute: 'bezig' }, map: 'niet-van-toepassing' } });
      });
      it('is refused at 28 without afwijkingOnderbouwing (422)', () => {
        inburgering(geborenOp('1996-03-14'), ...intake()).when('stel-pip-vast', pipBody({ leerroute: 'onderwijsroute' }), op)
          .thenRejects('CommandRejected', /tot en met 27 jaar.*leeftijd op 2024-03-14 is 28/);
      });
      it('is accepted at 28 with afwijkingOnderbouwing, which is recorded', () => {
        inburgering(geborenOp('1996-03-14'), ...intake())
          .when('stel-pip-vast', pipBody({ leerroute: 'onderwijsroute', afwijkingOnderbouwing: 'hbo-vooropleiding' }), op)
          .thenAppends([{ type: 'PipVastgesteld', data: expect.objectContaining({ afwijkingOnderbouwing: 'hbo-vooropleiding' }) }]);
      });
      it('the age line does not apply to the other routes', () => {
        inburgering(geborenOp('1960-01-01'), ...intake()).when('stel-pip-vast', pipBody({ leerroute: 'z-route' }), op)
          .thenState({ uitvoering: { leerroute: { 'z-route': 'bezig' }, map: 'open' } });
      });
    });
  });
});
