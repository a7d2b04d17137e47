import { DateTime } from 'luxon';
import { ZONE } from '../../events/clock';

/**
 * Business dates are Europe/Amsterdam calendar days written YYYY-MM-DD; all arithmetic is on days, never on hours.
 *
 * Adding days, months or years to a calendar day, or counting whole years between two, does not depend on a time
 * zone: in Amsterdam every day starts at midnight (the clocks change at 02:00/03:00), so the day D + n there is the
 * proleptic-Gregorian D + n. The arithmetic therefore runs on plain UTC dates (luxon's zone lookups, through Intl,
 * were a quarter of the demo's CPU; luxon itself stays for what is not a date). Only the moment a day starts (`beginVanDag`) depends on
 * the zone. kalender.unit.spec.ts checks both against luxon in Europe/Amsterdam over thousands of days.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const parseUtc = (d: string): DateTime => DateTime.fromISO(d, { zone: 'utc' });
const fmt = (d: DateTime): string => d.toISODate()!;

/** Days since 1970-01-01 of a valid YYYY-MM-DD, or NaN. */
function dagnummer(d: string): number {
  const m = ISO_DATE.exec(d);
  if (!m) return NaN;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, da);
  const back = new Date(t);
  // Date.UTC rolls 2023-02-30 over to 1 March: a date that does not exist does not come back as itself.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== da) return NaN;
  return t / DAY_MS;
}

const datumVan = (dag: number): string => new Date(dag * DAY_MS).toISOString().slice(0, 10);

export const isDatum = (d: unknown): d is string => typeof d === 'string' && !Number.isNaN(dagnummer(d));

/**
 * The deadline rules ask the same few sums again on every command (the AOW date from the birth date, a term's last
 * day): pure answers are kept, in a map emptied when it grows large.
 */
function onthouden(f: (d: string, n: number) => string): (d: string, n: number) => string {
  let cache = new Map<string, string>();
  return (d, n) => {
    const key = `${d}|${n}`;
    let hit = cache.get(key);
    if (hit === undefined) {
      if (cache.size >= 50_000) cache = new Map();
      hit = f(d, n);
      cache.set(key, hit);
    }
    return hit;
  };
}

export const plusDagen = onthouden((d: string, dagen: number): string => {
  const dag = dagnummer(d);
  // Not a date: what luxon answers, as before (validation refuses such input long before any arithmetic).
  return Number.isNaN(dag) ? fmt(parseUtc(d).plus({ days: dagen })) : datumVan(dag + dagen);
});

/** "6 months from D": the same day-of-month, clamped to the month's end (31 Aug + 6 months = 28/29 Feb). */
export const plusMaanden = onthouden((d: string, maanden: number): string => {
  const m = ISO_DATE.exec(d);
  if (!m || !isDatum(d) || !Number.isInteger(maanden)) return fmt(parseUtc(d).plus({ months: maanden }));
  const maand = Number(m[1]) * 12 + Number(m[2]) - 1 + maanden;
  const [jaar, mnd] = [Math.floor(maand / 12), ((maand % 12) + 12) % 12];
  // Day 0 of the next month is the last day of this one.
  const dag = Math.min(Number(m[3]), new Date(Date.UTC(jaar, mnd + 1, 0)).getUTCDate());
  return datumVan(Date.UTC(jaar, mnd, dag) / DAY_MS);
});

export const plusJaren = (d: string, jaren: number): string => plusMaanden(d, jaren * 12);

/** "10 weeks after D" = D + 70 days, the last day on time. */
export const plusWeken = (d: string, weken: number): string => plusDagen(d, weken * 7);

/** Whole years between a birth date and a date, as age is counted in law (the birthday itself counts). */
export const leeftijdOp = (geboortedatum: string, op: string): number => {
  if (!isDatum(geboortedatum) || !isDatum(op)) return Math.floor(parseUtc(op).diff(parseUtc(geboortedatum), 'years').years);
  // The birthday of each year is the birth date plus whole years, clamped (29 Feb → 28 Feb in a common year).
  const jaren = Number(op.slice(0, 4)) - Number(geboortedatum.slice(0, 4));
  return plusJaren(geboortedatum, jaren) <= op ? jaren : jaren - 1;
};

export const laatste = (a: string, b: string): string => (a >= b ? a : b);
export const eerste = (a: string, b: string): string => (a <= b ? a : b);

/** The moment a calendar day starts in Amsterdam, as a Date (for schedulers). */
export const beginVanDag = (d: string): Date => DateTime.fromISO(d, { zone: ZONE }).startOf('day').toJSDate();
