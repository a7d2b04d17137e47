import { AmbitieFeiten, Looptijd } from './feiten';

/** A calendar year or half-year, both ends inclusive (YYYY-MM-DD, Europe/Amsterdam days). */
export interface Periode {
  jaar: number;
  halfjaar?: 1 | 2;
  van: string;
  tot: string;
}

/** ambities.md "Monitoring rhythm": H1 1-1 to 30-6, H2 1-7 to 31-12; the same definitions apply to a half-year. */
export function periodeVan(jaar: number, halfjaar?: 1 | 2): Periode {
  const j = String(jaar).padStart(4, '0');
  if (halfjaar === 1) return { jaar, halfjaar, van: `${j}-01-01`, tot: `${j}-06-30` };
  if (halfjaar === 2) return { jaar, halfjaar, van: `${j}-07-01`, tot: `${j}-12-31` };
  return { jaar, van: `${j}-01-01`, tot: `${j}-12-31` };
}

export const binnen = (datum: string | null | undefined, p: Periode): boolean => !!datum && datum >= p.van && datum <= p.tot;

/** A period (start to end, or open) that overlaps P. */
export const overlapt = (l: Looptijd, p: Periode): boolean => l.van <= p.tot && (l.tot === null || l.tot >= p.van);

/** "active in Y": registered on or before the period's end, final phase (if any) reached on or after its start. */
export const actief = (f: AmbitieFeiten, p: Periode): boolean =>
  f.registratie <= p.tot && (f.finaal === null || f.finaal.datum >= p.van);

/**
 * "route in Y": the leerroute held on the period's last day, or on the day the final phase was reached if that
 * was within the period; null without a PIP by then.
 */
export function routeIn(f: AmbitieFeiten, p: Periode): string | null {
  const peildag = f.finaal && binnen(f.finaal.datum, p) ? f.finaal.datum : p.tot;
  let route: string | null = null;
  for (const r of f.routes) if (r.vanaf <= peildag) route = r.route;
  return route;
}

/** "on bijstand in Y": a BijstandToegekend with ingangsdatum ≤ the end, not ended (BijstandBeeindigd) before the start. */
export const bijstandIn = (f: AmbitieFeiten, p: Periode): boolean => f.bijstand.some((b) => overlapt(b, p));

/** "participating in Y": a participatieactiviteit whose period (start to afgerond, or open) overlaps it. */
export const participeertIn = (f: AmbitieFeiten, p: Periode): boolean => f.activiteiten.some((a) => overlapt(a, p));
