import { wachttijd } from './duo-sender';

describe('DUO sender', () => {
  it('backs off by doubling, capped', () => {
    expect([1, 2, 3, 4, 10].map((n) => wachttijd(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});
