import { leeftijdOp } from '../../core/kalender';
import { weiger } from '../../core/regels';

// Wet inburgering 2021 art. 3 lid 1: obliged from 16 until the AOW age. trajectory.md fixes the AOW age at 67.
export const MINIMUMLEEFTIJD = 16;
export const AOW_LEEFTIJD = 67;

export function controleerLeeftijd(geboortedatum: string, op: string): void {
  const leeftijd = leeftijdOp(geboortedatum, op);
  if (leeftijd < MINIMUMLEEFTIJD) weiger(`Inburgeringsplicht geldt vanaf ${MINIMUMLEEFTIJD} jaar; leeftijd op ${op} is ${leeftijd}`);
  if (leeftijd >= AOW_LEEFTIJD) weiger(`Inburgeringsplicht geldt tot de AOW-leeftijd (${AOW_LEEFTIJD}); leeftijd op ${op} is ${leeftijd}`);
}
