import { DateTime } from 'luxon';

export const ZONE = 'Europe/Amsterdam';

/** Time is injected: tests, replays and the scheduler decide what "now" is. */
export abstract class Clock {
  abstract now(): Date;
  /** The last day asked for and the instants it starts and ends: a zone lookup per command was a hot spot. */
  private day?: { date: string; from: number; to: number };

  /** Today's calendar date in Europe/Amsterdam, YYYY-MM-DD. */
  today(): string {
    const t = this.now().getTime();
    if (this.day && t >= this.day.from && t < this.day.to) return this.day.date;
    const local = DateTime.fromMillis(t, { zone: ZONE });
    const start = local.startOf('day');
    this.day = { date: local.toISODate()!, from: start.toMillis(), to: start.plus({ days: 1 }).toMillis() };
    return this.day.date;
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
