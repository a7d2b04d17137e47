import { InburgeringContext, initialContext } from '../context';
import { pipTermijnOpgeschort, pipUiterlijk, screeningUiterlijk } from './termijnen';

const context = (c: Partial<InburgeringContext>): InburgeringContext => ({ ...initialContext(), doelgroep: 'asielstatushouder', ...c });

describe('PIP deadline (Besluit inburgering 2021 art. 5.3)', () => {
  describe('melding DUO before 2023: 70 days after the BRP registration', () => {
    it('BRP + 70 days, whatever the melding', () => {
      expect(pipUiterlijk(context({ datumMeldingDuo: '2022-11-01', datumInschrijvingBrp: '2022-12-01' }))).toBe('2023-02-09');
      expect(pipUiterlijk(context({ datumMeldingDuo: '2022-12-31', datumInschrijvingBrp: '2022-12-01' }))).toBe('2023-02-09');
    });
    it('does not run without a BRP registration', () => {
      expect(pipUiterlijk(context({ datumMeldingDuo: '2022-11-01' }))).toBeNull();
      expect(pipUiterlijk(context({ doelgroep: 'gezinsmigrant', datumMeldingDuo: '2022-11-01' }))).toBeNull();
    });
  });

  describe('melding DUO on or after 2023-01-01: 70 days after the later of melding and BRP registration', () => {
    it('the melding when it came last', () => {
      expect(pipUiterlijk(context({ datumMeldingDuo: '2023-03-01', datumInschrijvingBrp: '2023-02-01' }))).toBe('2023-05-10');
    });
    it('the BRP registration when it came after the melding', () => {
      expect(pipUiterlijk(context({ datumMeldingDuo: '2023-03-01', datumInschrijvingBrp: '2023-04-01' }))).toBe('2023-06-10');
    });
    it('a melding on 2023-01-01 itself follows the new rule', () => {
      expect(pipUiterlijk(context({ datumMeldingDuo: '2023-01-01', datumInschrijvingBrp: '2022-12-01' }))).toBe('2023-03-12');
    });
    it('counts 70 days across a leap day', () => {
      expect(pipUiterlijk(context({ datumMeldingDuo: '2024-01-10', datumInschrijvingBrp: '2024-01-20' }))).toBe('2024-03-30');
    });
    it('for a gezinsmigrant not yet registered in the BRP, it waits for the registration (text 2023)', () => {
      expect(pipUiterlijk(context({ doelgroep: 'gezinsmigrant', datumMeldingDuo: '2023-03-01' }))).toBeNull();
      expect(pipUiterlijk(context({ doelgroep: 'gezinsmigrant', datumMeldingDuo: '2023-03-01', datumInschrijvingBrp: '2023-03-05' }))).toBe('2023-05-14');
    });
    it('for an asielstatushouder not yet registered (not housed), it waits', () => {
      expect(pipUiterlijk(context({ datumMeldingDuo: '2023-03-01' }))).toBeNull();
    });
  });

  describe('suspension while waiting for third-party information (art. 5.3 lid 2)', () => {
    const basis = { datumMeldingDuo: '2023-03-01', datumInschrijvingBrp: '2023-02-01' }; // last day 2023-05-10
    it('does not run while suspended', () => {
      const c = context({ ...basis, pipTermijn: { opgeschortSinds: '2023-03-10', informatieOntvangen: null } });
      expect(pipUiterlijk(c)).toBeNull();
      expect(pipTermijnOpgeschort(c)).toBe(true);
    });
    it('after receipt: receipt + 14 days when that is later than the old last day', () => {
      const c = context({ ...basis, pipTermijn: { opgeschortSinds: '2023-03-10', informatieOntvangen: '2023-05-01' } });
      expect(pipUiterlijk(c)).toBe('2023-05-15');
      expect(pipTermijnOpgeschort(c)).toBe(false);
    });
    it('after receipt: the old last day when that is later', () => {
      const c = context({ ...basis, pipTermijn: { opgeschortSinds: '2023-03-10', informatieOntvangen: '2023-03-20' } });
      expect(pipUiterlijk(c)).toBe('2023-05-10');
    });
  });
});

describe('screening deadline (Bossche ambitie 1)', () => {
  it('is koppeling + 70 days for an asielstatushouder', () => {
    expect(screeningUiterlijk(context({ datumKoppeling: '2024-01-05' }))).toBe('2024-03-15');
  });
  it('does not exist without a koppeling or for a gezinsmigrant', () => {
    expect(screeningUiterlijk(context({}))).toBeNull();
    expect(screeningUiterlijk(context({ doelgroep: 'gezinsmigrant', datumKoppeling: '2024-01-05' }))).toBeNull();
  });
});
