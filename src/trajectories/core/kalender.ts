import { DateTime } from 'luxon';
import { ZONE } from '../../events/clock';

/** Business dates are Europe/Amsterdam calendar days written YYYY-MM-DD; all arithmetic is on days, never on hours. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const parse = (d: string): DateTime => DateTime.fromISO(d, { zone: ZONE });
const fmt = (d: DateTime): string => d.toISODate()!;

export const isDatum = (d: unknown): d is string => typeof d === 'string' && ISO_DATE.test(d) && parse(d).isValid;

export const plusDagen = (d: string, dagen: number): string => fmt(parse(d).plus({ days: dagen }));

/** "6 months from D": the same day-of-month, clamped to the month's end (31 Aug + 6 months = 28/29 Feb). */
export const plusMaanden = (d: string, maanden: number): string => fmt(parse(d).plus({ months: maanden }));

export const plusJaren = (d: string, jaren: number): string => fmt(parse(d).plus({ years: jaren }));

/** "10 weeks after D" = D + 70 days, the last day on time. */
export const plusWeken = (d: string, weken: number): string => plusDagen(d, weken * 7);

/** Whole years between a birth date and a date, as age is counted in law (the birthday itself counts). */
export const leeftijdOp = (geboortedatum: string, op: string): number =>
  Math.floor(parse(op).diff(parse(geboortedatum), 'years').years);

export const laatste = (a: string, b: string): string => (a >= b ? a : b);
export const eerste = (a: string, b: string): string => (a <= b ? a : b);

/** The moment a calendar day starts in Amsterdam, as a Date (for schedulers). */
export const beginVanDag = (d: string): Date => parse(d).startOf('day').toJSDate();
