import { voortgang, voortgangsregel } from './voortgang';

const terminal = () => {
  const lines: string[] = [];
  return { lines, out: { isTTY: true, write: (s: string) => lines.push(s) > 0 } };
};

describe('voortgang (progress of long work)', () => {
  it('says what is done, the rate and the time left', () => {
    expect(voortgangsregel('Demo', 500, 10, { totaal: 2000, eenheid: 'dagen' }))
      .toBe('Demo: 500 / 2,000 dagen (25.0%), 50 dagen/s, nog ~30 s');
    expect(voortgangsregel('Herbouw', 120_000, 30, { eenheid: 'gebeurtenissen', fractie: 0.5 }))
      .toBe('Herbouw: 120,000 gebeurtenissen (50.0%), 4,000 gebeurtenissen/s, nog ~30 s');
  });

  it('draws at most one line a second on a terminal, and clears it at the end', () => {
    let t = 0;
    const { lines, out } = terminal();
    const v = voortgang('Demo', { totaal: 10, out, env: {}, nu: () => t });
    for (let i = 1; i <= 10; i++) {
      t += 400;
      v.bij(i);
    }
    v.einde();
    expect(lines).toHaveLength(4); // at 1.2 s, 2.4 s and 3.6 s (4.0 s is too soon after), then the clearing
    expect(lines[0]).toContain('Demo: 3 / 10');
    expect(lines.at(-1)).toBe('\r\x1b[2K');
  });

  it('stays quiet in CI and when the output is not a terminal', () => {
    for (const [isTTY, env] of [[true, { CI: 'true' }], [false, {}]] as const) {
      const lines: string[] = [];
      const v = voortgang('Demo', { totaal: 10, out: { isTTY, write: (s: string) => lines.push(s) > 0 }, env, nu: () => Date.now() + 10_000, interval: 0 });
      v.bij(5);
      v.einde();
      expect(lines).toEqual([]);
    }
  });
});
