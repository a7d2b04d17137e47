import { feit } from './actions';
import { TERMIJN, aangemeld, inIntake, inUitvoering, inburgering, intakeAfgerond, pip } from './testing/scenario';

/**
 * The sagas' system actions (actor systeem). Scenario: koppeling 2024-01-05 → screening uiterlijk 2024-03-15;
 * melding 2024-01-10, BRP 2024-01-20 → PIP uiterlijk 2024-03-30; PIP 2024-03-14 → termijn eind 2027-03-15.
 */
const systeem = (today: string) => ({ today, systeem: true });
const bijstand = feit('BijstandToegekend', { ingangsdatum: '2024-02-01' }, '2024-02-01');
const ontzorging = feit('OntzorgingGestart', { ingangsdatum: '2024-02-01', tot: '2024-08-01' }, '2024-02-01');

describe('aangemeld › verstrijk-screeningtermijn (Bossche ambitie: koppeling + 10 weeks)', () => {
  it('fires the day after the last day, dated that day', () => {
    inburgering(aangemeld()).when('verstrijk-screeningtermijn', { uiterlijk: '2024-03-15' }, systeem('2024-03-16'))
      .thenAppends([{ type: 'ScreeningTermijnVerstreken', data: { uiterlijk: '2024-03-15' }, datum: '2024-03-16' }]);
  });
  it('fires at once when the koppeling is recorded late (back-dated facts)', () => {
    inburgering(aangemeld()).when('verstrijk-screeningtermijn', { uiterlijk: '2024-03-15' }, systeem('2025-06-01'))
      .thenAppends([{ type: 'ScreeningTermijnVerstreken', datum: '2024-03-16' }]);
  });
  it('is refused on the last day itself (422)', () => {
    inburgering(aangemeld()).when('verstrijk-screeningtermijn', { uiterlijk: '2024-03-15' }, systeem('2024-03-15')).thenRejects('CommandRejected', /niet verstreken/);
  });
  it('is refused for a last day that is not the current one (422)', () => {
    inburgering(aangemeld()).when('verstrijk-screeningtermijn', { uiterlijk: '2024-03-14' }, systeem('2024-03-16')).thenRejects('CommandRejected');
  });
  it('is refused after the screening (422), and a second time (422)', () => {
    const screening = feit('ScreeningUitgevoerd', { datum: '2024-03-01', uitvoerder: 'Weener XL' }, '2024-03-01');
    const verstreken = feit('ScreeningTermijnVerstreken', { uiterlijk: '2024-03-15' }, '2024-03-16');
    inburgering(aangemeld(), screening).when('verstrijk-screeningtermijn', { uiterlijk: '2024-03-15' }, systeem('2024-03-16')).thenRejects('CommandRejected');
    inburgering(aangemeld(), verstreken).when('verstrijk-screeningtermijn', { uiterlijk: '2024-03-15' }, systeem('2024-03-17')).thenRejects('CommandRejected');
  });
  it('a late screening is still recorded after the deadline was exceeded', () => {
    const verstreken = feit('ScreeningTermijnVerstreken', { uiterlijk: '2024-03-15' }, '2024-03-16');
    inburgering(aangemeld(), verstreken).when('registreer-screening', { datum: '2024-04-01' }, { today: '2024-04-01' }).thenAppends([{ type: 'ScreeningUitgevoerd' }]);
  });
  it('does not exist for a gezinsmigrant (422)', () => {
    inburgering(aangemeld('gezinsmigrant')).when('verstrijk-screeningtermijn', { uiterlijk: '2024-03-15' }, systeem('2024-03-16'))
      .thenRejects('CommandRejected');
  });
});

describe('aangemeld/intake › verstrijk-piptermijn (Besluit art. 5.3)', () => {
  it('fires the day after the last day, in aangemeld and in intake', () => {
    inburgering(aangemeld()).when('verstrijk-piptermijn', { uiterlijk: '2024-03-30' }, systeem('2024-03-31'))
      .thenAppends([{ type: 'PipTermijnVerstreken', data: { uiterlijk: '2024-03-30' }, datum: '2024-03-31' }]);
    inburgering(inIntake()).when('verstrijk-piptermijn', { uiterlijk: '2024-03-30' }, systeem('2024-03-31')).thenAppends([{ type: 'PipTermijnVerstreken' }]);
  });
  it('is refused on the last day (422) and for another last day (422)', () => {
    inburgering(aangemeld()).when('verstrijk-piptermijn', { uiterlijk: '2024-03-30' }, systeem('2024-03-30')).thenRejects('CommandRejected');
    inburgering(aangemeld()).when('verstrijk-piptermijn', { uiterlijk: '2024-03-20' }, systeem('2024-03-31')).thenRejects('CommandRejected');
  });
  it('is refused once the PIP is set (422), and a second time (422)', () => {
    inburgering(inUitvoering()).when('verstrijk-piptermijn', { uiterlijk: '2024-03-30' }, systeem('2024-03-31')).thenRejects('CommandRejected');
    const verstreken = feit('PipTermijnVerstreken', { uiterlijk: '2024-03-30' }, '2024-03-31');
    inburgering(aangemeld(), verstreken).when('verstrijk-piptermijn', { uiterlijk: '2024-03-30' }, systeem('2024-04-01')).thenRejects('CommandRejected');
  });
  it('a late PIP is still set after the deadline was exceeded', () => {
    const verstreken = feit('PipTermijnVerstreken', { uiterlijk: '2024-03-30' }, '2024-03-31');
    inburgering(intakeAfgerond(), verstreken)
      .when('stel-pip-vast', { datum: '2024-04-10', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] }, { today: '2024-04-10' })
      .thenState({ uitvoering: {} });
  });
  it('is refused while suspended; after the information, the later of the old last day and receipt + 14 counts', () => {
    const opgeschort = feit('PipTermijnOpgeschort', { datum: '2024-03-01', reden: 'medisch advies' }, '2024-03-01');
    const ontvangen = feit('InformatieDerdenOntvangen', { datum: '2024-03-25' }, '2024-03-25');
    inburgering(aangemeld(), opgeschort).when('verstrijk-piptermijn', { uiterlijk: '2024-03-30' }, systeem('2024-04-15')).thenRejects('CommandRejected');
    inburgering(aangemeld(), opgeschort, ontvangen).when('verstrijk-piptermijn', { uiterlijk: '2024-03-30' }, systeem('2024-04-15')).thenRejects('CommandRejected');
    inburgering(aangemeld(), opgeschort, ontvangen).when('verstrijk-piptermijn', { uiterlijk: '2024-04-08' }, systeem('2024-04-08')).thenRejects('CommandRejected');
    inburgering(aangemeld(), opgeschort, ontvangen).when('verstrijk-piptermijn', { uiterlijk: '2024-04-08' }, systeem('2024-04-09'))
      .thenAppends([{ type: 'PipTermijnVerstreken', data: { uiterlijk: '2024-04-08' } }]);
  });
});

describe('ontzorging actief › beeindig-ontzorging-na-termijn (Pw art. 56a)', () => {
  it('ends the ontzorging on tot (exclusive end), reden termijn-verstreken', () => {
    inburgering(aangemeld(), bijstand, ontzorging).when('beeindig-ontzorging-na-termijn', { tot: '2024-08-01' }, systeem('2024-08-01'))
      .thenAppends([{ type: 'OntzorgingBeeindigd', data: { datum: '2024-08-01', reden: 'termijn-verstreken' }, datum: '2024-08-01' }]);
  });
  it('is refused the day before tot (422)', () => {
    inburgering(aangemeld(), bijstand, ontzorging).when('beeindig-ontzorging-na-termijn', { tot: '2024-08-01' }, systeem('2024-07-31')).thenRejects('CommandRejected');
  });
  it('is refused for the old tot after a verlenging (422)', () => {
    const verlengd = feit('OntzorgingVerlengd', { datum: '2024-07-01', tot: '2024-12-01', reden: 'schulden' }, '2024-07-01');
    inburgering(aangemeld(), bijstand, ontzorging, verlengd).when('beeindig-ontzorging-na-termijn', { tot: '2024-08-01' }, systeem('2024-08-01')).thenRejects('CommandRejected');
    inburgering(aangemeld(), bijstand, ontzorging, verlengd).when('beeindig-ontzorging-na-termijn', { tot: '2024-12-01' }, systeem('2024-12-01'))
      .thenAppends([{ type: 'OntzorgingBeeindigd' }]);
  });
  it('is refused once the ontzorging ended otherwise (422)', () => {
    const einde = feit('OntzorgingBeeindigd', { datum: '2024-05-01', reden: 'op-verzoek' }, '2024-05-01');
    inburgering(aangemeld(), bijstand, ontzorging, einde).when('beeindig-ontzorging-na-termijn', { tot: '2024-08-01' }, systeem('2024-08-01')).thenRejects('CommandRejected');
  });
});

describe('uitvoering › verstrijk-inburgeringstermijn (Wi art. 11)', () => {
  it('fires on eind (exclusive end), dated eind', () => {
    inburgering(inUitvoering()).when('verstrijk-inburgeringstermijn', { eind: TERMIJN.eind }, systeem('2027-03-15'))
      .thenAppends([{ type: 'InburgeringstermijnVerstreken', data: { eind: TERMIJN.eind }, datum: TERMIJN.eind }])
      .thenState({ uitvoering: {} });
  });
  it('is refused the day before eind (422), and a second time (422)', () => {
    inburgering(inUitvoering()).when('verstrijk-inburgeringstermijn', { eind: TERMIJN.eind }, systeem('2027-03-14')).thenRejects('CommandRejected');
    const verstreken = feit('InburgeringstermijnVerstreken', { eind: TERMIJN.eind }, TERMIJN.eind);
    inburgering(inUitvoering(), verstreken).when('verstrijk-inburgeringstermijn', { eind: TERMIJN.eind }, systeem('2027-03-16')).thenRejects('CommandRejected');
  });
  it('after a verlenging the old eind is refused (422) and the new one fires', () => {
    const verlengd = feit('InburgeringstermijnVerlengd', { datum: '2027-01-10', nieuweEinddatum: '2028-03-15', vorigeEinddatum: TERMIJN.eind, grond: 'niet-verwijtbaar' }, '2027-01-10');
    inburgering(inUitvoering(), verlengd).when('verstrijk-inburgeringstermijn', { eind: TERMIJN.eind }, systeem('2027-03-15')).thenRejects('CommandRejected');
    inburgering(inUitvoering(), verlengd).when('verstrijk-inburgeringstermijn', { eind: '2028-03-15' }, systeem('2028-03-15')).thenAppends([{ type: 'InburgeringstermijnVerstreken' }]);
  });
  it('does not run before the PIP (422)', () => {
    inburgering(intakeAfgerond()).when('verstrijk-inburgeringstermijn', { eind: TERMIJN.eind }, systeem('2027-03-15')).thenRejects('CommandRejected');
  });
  it('a PIP with another eind is not confused with it', () => {
    inburgering(aangemeld(), ...intakeAfgerond().slice(1), pip('b1', '2024-03-14', '2027-03-16'))
      .when('verstrijk-inburgeringstermijn', { eind: TERMIJN.eind }, systeem('2027-03-16')).thenRejects('CommandRejected');
  });
});
