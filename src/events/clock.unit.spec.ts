import { DateTime } from 'luxon';
import { FixedClock, ZONE } from './clock';

describe('Clock.today (Europe/Amsterdam)', () => {
  it('changes at midnight in Amsterdam, also across DST changes and when the clock moves back', () => {
    const clock = new FixedClock(new Date('2024-03-30T22:59:59.999Z'));
    expect(clock.today()).toBe('2024-03-30');
    clock.set('2024-03-30T23:00:00.000Z'); // 00:00 CET, 31 March
    expect(clock.today()).toBe('2024-03-31');
    clock.set('2024-03-31T21:59:59.999Z'); // 23:59:59 CEST, still 31 March (a 23-hour day)
    expect(clock.today()).toBe('2024-03-31');
    clock.set('2024-03-31T22:00:00.000Z');
    expect(clock.today()).toBe('2024-04-01');
    clock.set('2024-03-30T12:00:00.000Z');
    expect(clock.today()).toBe('2024-03-30');
    clock.set('2024-10-27T22:59:59.999Z'); // 23:59:59 CET, 27 October (a 25-hour day)
    expect(clock.today()).toBe('2024-10-27');
  });

  it('agrees with luxon every 37 minutes over two years', () => {
    const clock = new FixedClock(new Date('2023-01-01T00:00:00Z'));
    for (let t = Date.parse('2023-01-01T00:00:00Z'); t < Date.parse('2025-01-01T00:00:00Z'); t += 37 * 60_000) {
      clock.set(new Date(t));
      expect(clock.today()).toBe(DateTime.fromMillis(t, { zone: ZONE }).toISODate());
    }
  });
});
