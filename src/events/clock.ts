import { DateTime } from 'luxon';

export const ZONE = 'Europe/Amsterdam';

/** Time is injected: tests, replays and the scheduler decide what "now" is. */
export abstract class Clock {
  abstract now(): Date;
  /** Today's calendar date in Europe/Amsterdam, YYYY-MM-DD. */
  today(): string {
    return DateTime.fromJSDate(this.now(), { zone: ZONE }).toISODate()!;
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that only moves when told to. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = typeof to === 'string' ? new Date(to) : new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
