import { DateTime } from 'luxon';
import { beginVanDag, eerste, isDatum, laatste, leeftijdOp, plusDagen, plusJaren, plusMaanden, plusWeken } from './kalender';

describe('kalender (Europe/Amsterdam calendar days)', () => {
  describe('isDatum', () => {
    it('accepts existing dates written YYYY-MM-DD, including a leap day', () => {
      expect(isDatum('2025-01-31')).toBe(true);
      expect(isDatum('2024-02-29')).toBe(true);
    });
    it('refuses dates that do not exist, other notations and non-strings', () => {
      for (const d of ['2023-02-29', '2023-02-30', '2025-13-01', '2025-1-5', '2025-01-05T00:00', '05-01-2025', '', 20250105, null, undefined]) {
        expect(isDatum(d)).toBe(false);
      }
    });
  });

  describe('plusDagen / plusWeken', () => {
    it('counts calendar days across month, year and daylight-saving changes', () => {
      expect(plusDagen('2024-01-31', 1)).toBe('2024-02-01');
      expect(plusDagen('2024-12-31', 1)).toBe('2025-01-01');
      expect(plusDagen('2024-03-30', 2)).toBe('2024-04-01'); // CET → CEST on 31 March
      expect(plusDagen('2024-10-26', 2)).toBe('2024-10-28'); // CEST → CET on 27 October
      expect(plusDagen('2024-03-01', -1)).toBe('2024-02-29');
    });
    it('"10 weeks after D" is D + 70 days, across a leap day', () => {
      expect(plusWeken('2024-01-20', 10)).toBe('2024-03-30');
      expect(plusWeken('2023-01-20', 10)).toBe('2023-03-31');
      expect(plusWeken('2024-01-20', 10)).toBe(plusDagen('2024-01-20', 70));
    });
  });

  describe('plusMaanden / plusJaren: the same day-of-month, clamped to the month\'s end', () => {
    it('31 August + 6 months is the end of February', () => {
      expect(plusMaanden('2024-08-31', 6)).toBe('2025-02-28');
      expect(plusMaanden('2023-08-31', 6)).toBe('2024-02-29');
    });
    it('keeps the day where it exists', () => {
      expect(plusMaanden('2024-02-01', 6)).toBe('2024-08-01');
      expect(plusMaanden('2024-03-31', 1)).toBe('2024-04-30');
      expect(plusMaanden('2024-03-15', 18)).toBe('2025-09-15');
    });
    it('29 February + 1 year is 28 February; + 4 years is 29 February', () => {
      expect(plusJaren('2024-02-29', 1)).toBe('2025-02-28');
      expect(plusJaren('2024-02-29', 3)).toBe('2027-02-28');
      expect(plusJaren('2024-02-29', 4)).toBe('2028-02-29');
      expect(plusJaren('2024-03-15', 3)).toBe('2027-03-15');
    });
  });

  describe('leeftijdOp', () => {
    it('counts whole years; the birthday itself counts', () => {
      expect(leeftijdOp('2009-06-01', '2025-05-31')).toBe(15);
      expect(leeftijdOp('2009-06-01', '2025-06-01')).toBe(16);
      expect(leeftijdOp('1958-06-01', '2025-06-01')).toBe(67);
    });
    it('someone born on 29 February is a year older on 28 February of a common year (the same clamping)', () => {
      expect(leeftijdOp('2008-02-29', '2024-02-28')).toBe(15);
      expect(leeftijdOp('2008-02-29', '2024-02-29')).toBe(16);
      expect(leeftijdOp('2004-02-29', '2021-02-27')).toBe(16);
      expect(leeftijdOp('2004-02-29', '2021-02-28')).toBe(17);
    });
  });

  it('laatste and eerste pick the later and the earlier date', () => {
    expect(laatste('2024-01-10', '2024-01-20')).toBe('2024-01-20');
    expect(laatste('2024-02-01', '2024-01-20')).toBe('2024-02-01');
    expect(eerste('2024-01-10', '2024-01-20')).toBe('2024-01-10');
    expect(eerste('2024-02-01', '2024-01-20')).toBe('2024-01-20');
  });

  it('beginVanDag is midnight in Amsterdam (UTC+1 in winter, UTC+2 in summer)', () => {
    expect(beginVanDag('2024-01-15').toISOString()).toBe('2024-01-14T23:00:00.000Z');
    expect(beginVanDag('2024-07-01').toISOString()).toBe('2024-06-30T22:00:00.000Z');
  });
  it('gives what luxon gives in Europe/Amsterdam, for every day of 1950–2060 and offsets across DST and leap days', () => {
    const ams = (d: string) => DateTime.fromISO(d, { zone: 'Europe/Amsterdam' });
    const offsets = [-400, -31, -1, 0, 1, 2, 27, 28, 29, 30, 31, 70, 183, 365, 366, 1461];
    let n = 0;
    for (let d = '1950-01-01'; d <= '2060-12-31'; d = plusDagen(d, 1), n++) {
      expect(plusDagen(d, 1)).toBe(ams(d).plus({ days: 1 }).toISODate());
      if (n % 7 !== 0) continue;
      const k = offsets[n % offsets.length];
      expect(plusDagen(d, k)).toBe(ams(d).plus({ days: k }).toISODate());
      expect(plusMaanden(d, k % 40)).toBe(ams(d).plus({ months: k % 40 }).toISODate());
      expect(plusJaren(d, k % 70)).toBe(ams(d).plus({ years: k % 70 }).toISODate());
      const op = plusDagen(d, (n * 7919) % 40_000);
      expect(leeftijdOp(d, op)).toBe(Math.floor(ams(op).diff(ams(d), 'years').years));
      expect(isDatum(d)).toBe(true);
    }
    expect(n).toBeGreaterThan(40_000);
  });
});
