import { feit } from './actions';
import { initialContext } from './context';
import { controleerAanzienlijkeInspanningen } from './rules/verlenging';
import { TERMIJN, PIP_DATUM, geregistreerd, inUitvoering, inburgering, intake, op, pip } from './testing/scenario';

/** Wi art. 12; Besluit art. 4.3 (ground a, length as DUO decides) and 4.4 (ground b: exactly 6 months, B1-route only). */

const verleng = (nieuweEinddatum: string, grond: string, datum = '2025-05-01') => ({ datum, nieuweEinddatum, grond });
const ZES_MAANDEN = '2027-09-15'; // TERMIJN.eind 2027-03-15 + 6 months

describe('the rule: aanzienlijke inspanningen', () => {
  const c = (leerroute: 'b1' | 'z-route' | 'onderwijsroute', eind = TERMIJN.eind) =>
    ({ ...initialContext(), leerroute, inburgeringstermijn: { start: TERMIJN.start, eind } });
  it('is exactly 6 months after the current end, on the B1-route', () => {
    expect(() => controleerAanzienlijkeInspanningen(c('b1'), ZES_MAANDEN)).not.toThrow();
    expect(() => controleerAanzienlijkeInspanningen(c('b1'), '2027-09-14')).toThrow(/precies 6 maanden.*moet 2027-09-15 zijn/);
    expect(() => controleerAanzienlijkeInspanningen(c('b1'), '2028-03-15')).toThrow(/2027-09-15/);
  });
  it('clamps to the month end like every "6 months from D"', () => {
    expect(() => controleerAanzienlijkeInspanningen(c('b1', '2027-08-31'), '2028-02-29')).not.toThrow();
  });
  it('is refused on the Z-route and the onderwijsroute', () => {
    expect(() => controleerAanzienlijkeInspanningen(c('z-route'), ZES_MAANDEN)).toThrow(/alleen op de B1-route/);
    expect(() => controleerAanzienlijkeInspanningen(c('onderwijsroute'), ZES_MAANDEN)).toThrow(/alleen op de B1-route/);
  });
});

describe('verleng-inburgeringstermijn', () => {
  describe('ground (a) niet-verwijtbaar: the length DUO decided', () => {
    it.each([['4 months', '2027-07-15'], ['a year', '2028-03-15']])('%s, on any route', (_l, eind) => {
      for (const route of ['b1', 'z-route', 'onderwijsroute'] as const) {
        inburgering(inUitvoering(route)).when('verleng-inburgeringstermijn', verleng(eind, 'niet-verwijtbaar'), op)
          .thenAppends([{ type: 'InburgeringstermijnVerlengd', data: { datum: '2025-05-01', nieuweEinddatum: eind, vorigeEinddatum: TERMIJN.eind, grond: 'niet-verwijtbaar' } }]);
      }
    });
  });

  describe('ground (b) aanzienlijke-inspanningen', () => {
    it('exactly 6 months on the B1-route is accepted', () => {
      const outcome = inburgering(inUitvoering('b1')).when('verleng-inburgeringstermijn', verleng(ZES_MAANDEN, 'aanzienlijke-inspanningen'), op)
        .thenAppends([{ type: 'InburgeringstermijnVerlengd', data: { datum: '2025-05-01', nieuweEinddatum: ZES_MAANDEN, vorigeEinddatum: TERMIJN.eind, grond: 'aanzienlijke-inspanningen' } }]);
      expect(outcome.state.context.inburgeringstermijn).toEqual({ start: TERMIJN.start, eind: ZES_MAANDEN });
    });
    it('another length is refused (422), naming the date it must be', () => {
      for (const eind of ['2027-09-14', '2027-09-16', '2028-03-15']) {
        inburgering(inUitvoering('b1')).when('verleng-inburgeringstermijn', verleng(eind, 'aanzienlijke-inspanningen'), op)
          .thenRejects('CommandRejected', /precies 6 maanden.*2027-09-15/);
      }
    });
    it('is refused on the Z-route and the onderwijsroute (422)', () => {
      inburgering(inUitvoering('z-route')).when('verleng-inburgeringstermijn', verleng(ZES_MAANDEN, 'aanzienlijke-inspanningen'), op)
        .thenRejects('CommandRejected', /alleen op de B1-route/);
      inburgering(inUitvoering('onderwijsroute')).when('verleng-inburgeringstermijn', verleng(ZES_MAANDEN, 'aanzienlijke-inspanningen'), op)
        .thenRejects('CommandRejected', /alleen op de B1-route/);
    });
    it('counts 6 months from the current end, after an earlier extension; clamped at a month end', () => {
      const eerder = feit('InburgeringstermijnVerlengd', { datum: '2026-12-01', nieuweEinddatum: '2027-08-31', vorigeEinddatum: TERMIJN.eind, grond: 'niet-verwijtbaar' }, '2026-12-01');
      inburgering(inUitvoering('b1'), eerder).when('verleng-inburgeringstermijn', verleng('2028-02-29', 'aanzienlijke-inspanningen', '2027-07-01'), { today: '2027-07-01' })
        .thenAppends([{ type: 'InburgeringstermijnVerlengd', data: expect.objectContaining({ nieuweEinddatum: '2028-02-29', vorigeEinddatum: '2027-08-31' }) }]);
    });
  });

  describe('DUO recorded late: the decision date after the (extended) end is accepted with the actual dates', () => {
    it('a decision dated after the old end, after the term was recorded as exceeded', () => {
      const verstreken = feit('InburgeringstermijnVerstreken', { eind: TERMIJN.eind }, TERMIJN.eind);
      const outcome = inburgering(inUitvoering('b1'), verstreken)
        .when('verleng-inburgeringstermijn', verleng(ZES_MAANDEN, 'aanzienlijke-inspanningen', '2027-05-10'), { today: '2027-05-20' })
        .thenAppends([{ type: 'InburgeringstermijnVerlengd', datum: '2027-05-10', data: { datum: '2027-05-10', nieuweEinddatum: ZES_MAANDEN, vorigeEinddatum: TERMIJN.eind, grond: 'aanzienlijke-inspanningen' } }]);
      expect(outcome.view('2027-05-20').termijnen.inburgeringstermijn).toEqual({ start: TERMIJN.start, eind: ZES_MAANDEN, status: 'lopend' });
    });
    it('a decision dated even after the extended end (niet-verwijtbaar)', () => {
      inburgering(inUitvoering('b1')).when('verleng-inburgeringstermijn', verleng('2027-07-15', 'niet-verwijtbaar', '2027-08-01'), { today: '2027-08-02' })
        .thenAppends([{ type: 'InburgeringstermijnVerlengd', datum: '2027-08-01', data: expect.objectContaining({ datum: '2027-08-01', nieuweEinddatum: '2027-07-15' }) }]);
    });
  });

  it('still refuses an end not after the current one (422)', () => {
    const gezinsmigrant = [geregistreerd('gezinsmigrant'), ...intake(), pip('b1', PIP_DATUM)];
    inburgering(gezinsmigrant).when('verleng-inburgeringstermijn', verleng(TERMIJN.eind, 'niet-verwijtbaar'), op).thenRejects('CommandRejected', /na de huidige eind/);
  });
});
