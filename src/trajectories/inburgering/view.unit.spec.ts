import { trajectView } from '../core/view';
import { DomainEvent } from '../core/kind';
import { feit } from './actions';
import { inburgeringKind } from './kind';
import { TERMIJN, aangemeld, b1Examen, inUitvoering, inburgering, intakeAfgerond, mapAfgerond, pip, pvtAfgerond } from './testing/scenario';

/** Scenario: screening uiterlijk 2024-03-15, PIP uiterlijk 2024-03-30, termijn 2024-03-15 .. 2027-03-15 (exclusive). */
const termijnen = (events: DomainEvent[], today: string): Record<string, any> =>
  trajectView(inburgeringKind, inburgering(events).state, today).termijnen as Record<string, any>;

const screening = (datum: string) => feit('ScreeningUitgevoerd', { datum, uitvoerder: 'Weener XL' }, datum);
const beeindigd = (datum = '2024-03-01') => feit('TrajectBeeindigd', { datum, reden: 'verhuisd' }, datum);
const bijstand = feit('BijstandToegekend', { ingangsdatum: '2024-02-01' }, '2024-02-01');
const ontzorging = feit('OntzorgingGestart', { ingangsdatum: '2024-02-01', tot: '2024-08-01' }, '2024-02-01');
const voldaan = (datum: string) => [pvtAfgerond(), mapAfgerond(), ...b1Examen(), feit('InburgeringsplichtVoldaan', { datum }, datum)];

describe('view › termijnen', () => {
  describe('screening', () => {
    it('lopend up to and including the last day', () => {
      expect(termijnen(aangemeld(), '2024-03-15').screening).toEqual({ uiterlijk: '2024-03-15', status: 'lopend' });
    });
    it('verstreken the day after, even before the saga reported it', () => {
      expect(termijnen(aangemeld(), '2024-03-16').screening.status).toBe('verstreken');
    });
    it('gehaald when screened on the last day', () => {
      expect(termijnen([...aangemeld(), screening('2024-03-15')], '2025-01-01').screening.status).toBe('gehaald');
    });
    it('verstreken when screened late, and stays so', () => {
      const gemeld = feit('ScreeningTermijnVerstreken', { uiterlijk: '2024-03-15' }, '2024-03-16');
      expect(termijnen([...aangemeld(), gemeld, screening('2024-04-01')], '2025-01-01').screening.status).toBe('verstreken');
    });
    it('vervallen when the trajectory ended in time without a screening, also long after the last day', () => {
      expect(termijnen([...aangemeld(), beeindigd('2024-03-15')], '2024-03-15').screening.status).toBe('vervallen');
      expect(termijnen([...aangemeld(), beeindigd('2024-03-15')], '2025-01-01').screening.status).toBe('vervallen');
    });
    it('verstreken when the trajectory ended after the last day, even if the saga had not reported it', () => {
      expect(termijnen([...aangemeld(), beeindigd('2024-03-16')], '2025-01-01').screening.status).toBe('verstreken');
    });
    it('absent for a gezinsmigrant', () => {
      expect(termijnen(aangemeld('gezinsmigrant'), '2024-03-01').screening).toBeUndefined();
    });
  });

  describe('pip', () => {
    it('lopend, then verstreken after the last day', () => {
      expect(termijnen(aangemeld(), '2024-03-30').pip).toEqual({ uiterlijk: '2024-03-30', status: 'lopend', opgeschort: false });
      expect(termijnen(aangemeld(), '2024-03-31').pip.status).toBe('verstreken');
    });
    it('gehaald with a PIP dated in time', () => {
      expect(termijnen(inUitvoering(), '2025-01-01').pip.status).toBe('gehaald');
    });
    it('verstreken with a PIP dated late, after the saga reported it', () => {
      const gemeld = feit('PipTermijnVerstreken', { uiterlijk: '2024-03-30' }, '2024-03-31');
      expect(termijnen([...intakeAfgerond(), gemeld, pip('b1', '2024-04-10')], '2025-01-01').pip).toMatchObject({ uiterlijk: '2024-03-30', status: 'verstreken' });
    });
    it('lopend and opgeschort while suspended, even past the old last day', () => {
      const opgeschort = feit('PipTermijnOpgeschort', { datum: '2024-03-01', reden: 'x' }, '2024-03-01');
      expect(termijnen([...aangemeld(), opgeschort], '2024-04-15').pip).toEqual({ uiterlijk: null, status: 'lopend', opgeschort: true });
    });
    it('gehaald when the PIP is set while the term is suspended, even past the old last day', () => {
      const opgeschort = feit('PipTermijnOpgeschort', { datum: '2024-03-01', reden: 'x' }, '2024-03-01');
      const [registratie, ...rest] = intakeAfgerond();
      const events = [registratie, opgeschort, ...rest, pip('b1', '2024-04-10')];
      expect(termijnen(events, '2025-01-01').pip).toEqual({ uiterlijk: null, status: 'gehaald', opgeschort: true });
    });
    it('vervallen when the trajectory ended in time without a PIP, also long after the last day', () => {
      expect(termijnen([...aangemeld(), beeindigd('2024-03-01')], '2025-01-01').pip.status).toBe('vervallen');
    });
    it('verstreken when the trajectory ended after the last day without a PIP', () => {
      expect(termijnen([...aangemeld(), beeindigd('2024-04-01')], '2025-01-01').pip.status).toBe('verstreken');
    });
  });

  describe('ontzorging', () => {
    it('lopend before tot, verstreken from tot on while not yet ended', () => {
      expect(termijnen([...aangemeld(), bijstand, ontzorging], '2024-07-31').ontzorging).toEqual({ tot: '2024-08-01', status: 'lopend' });
      expect(termijnen([...aangemeld(), bijstand, ontzorging], '2024-08-01').ontzorging.status).toBe('verstreken');
    });
    it('verstreken when ended by the saga', () => {
      const einde = feit('OntzorgingBeeindigd', { datum: '2024-08-01', reden: 'termijn-verstreken' }, '2024-08-01');
      expect(termijnen([...aangemeld(), bijstand, ontzorging, einde], '2025-01-01').ontzorging.status).toBe('verstreken');
    });
    it('vervallen when ended with the bijstand', () => {
      const einde = [feit('BijstandBeeindigd', { datum: '2024-05-01' }, '2024-05-01'), feit('OntzorgingBeeindigd', { datum: '2024-05-01', reden: 'bijstand-beeindigd' }, '2024-05-01')];
      expect(termijnen([...aangemeld(), bijstand, ontzorging, ...einde], '2025-01-01').ontzorging.status).toBe('vervallen');
    });
  });

  describe('inburgeringstermijn', () => {
    it('lopend before eind, verstreken from eind on', () => {
      expect(termijnen(inUitvoering(), '2027-03-14').inburgeringstermijn).toEqual({ ...TERMIJN, status: 'lopend' });
      expect(termijnen(inUitvoering(), '2027-03-15').inburgeringstermijn.status).toBe('verstreken');
    });
    it('gehaald when voldaan before eind', () => {
      expect(termijnen([...inUitvoering(), ...voldaan('2027-03-14')], '2028-01-01').inburgeringstermijn.status).toBe('gehaald');
    });
    it('verstreken when voldaan on or after eind', () => {
      expect(termijnen([...inUitvoering(), ...voldaan('2027-03-15')], '2028-01-01').inburgeringstermijn.status).toBe('verstreken');
    });
    it('vervallen when the trajectory ended before eind', () => {
      expect(termijnen([...inUitvoering(), beeindigd('2025-01-01')], '2028-01-01').inburgeringstermijn.status).toBe('vervallen');
    });
    it('verstreken in a final phase when the saga had reported it', () => {
      const gemeld = feit('InburgeringstermijnVerstreken', { eind: TERMIJN.eind }, TERMIJN.eind);
      expect(termijnen([...inUitvoering(), gemeld, beeindigd('2027-04-01')], '2028-01-01').inburgeringstermijn.status).toBe('verstreken');
    });
    it('follows a verlenging', () => {
      const verlengd = feit('InburgeringstermijnVerlengd', { datum: '2027-01-10', nieuweEinddatum: '2028-03-15', vorigeEinddatum: TERMIJN.eind, grond: 'niet-verwijtbaar' }, '2027-01-10');
      expect(termijnen([...inUitvoering(), verlengd], '2027-06-01').inburgeringstermijn).toEqual({ start: TERMIJN.start, eind: '2028-03-15', status: 'lopend' });
    });
  });
});
