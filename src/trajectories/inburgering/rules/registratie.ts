import { leeftijdOp } from '../../core/kalender';
import { weiger } from '../../core/regels';
import { aowDatum, aowLeeftijdTekst } from './aow-leeftijd';

// Wet inburgering 2021 art. 3 lid 1: obliged from 16 until the AOW age (by birth date: rules/aow-leeftijd.ts).
export const MINIMUMLEEFTIJD = 16;

export function controleerLeeftijd(geboortedatum: string, op: string): void {
  const leeftijd = leeftijdOp(geboortedatum, op);
  if (leeftijd < MINIMUMLEEFTIJD) weiger(`Inburgeringsplicht geldt vanaf ${MINIMUMLEEFTIJD} jaar; leeftijd op ${op} is ${leeftijd}`);
  const aow = aowDatum(geboortedatum);
  if (aow && op >= aow) {
    weiger(`Inburgeringsplicht geldt tot de AOW-leeftijd (${aowLeeftijdTekst(geboortedatum)}, bereikt op ${aow}); leeftijd op ${op} is ${leeftijd}`);
  }
}
