import { isDatum, plusJaren, plusMaanden } from '../../core/kalender';

/**
 * The statutory AOW age by birth date (AOW art. 7a), as trajectory.md's amendment fixes it: 67 years for whoever
 * reaches 67 up to and including 2027; 67 years and 3 months from 2028 (the age for 2028, set in 2022). Whoever is
 * born on or after 1961-01-01 turns 67 in 2028 or later. Later years are set five years ahead (art. 7a lid 2);
 * until a later setting is added here, 67 years and 3 months stands.
 * Wi 2021 art. 3 lid 1: inburgeringsplichtig only below the AOW age.
 */
export const AOW_LEEFTIJD_JAREN = 67;
export const AOW_VERHOGING_VANAF_GEBOORTE = '1961-01-01';
export const AOW_VERHOGING_MAANDEN = 3;

/** The first day on which the person has the AOW age, or null when the birth date is unknown (erased). */
export function aowDatum(geboortedatum: unknown): string | null {
  if (!isDatum(geboortedatum)) return null;
  const zevenenzestig = plusJaren(geboortedatum, AOW_LEEFTIJD_JAREN);
  return geboortedatum >= AOW_VERHOGING_VANAF_GEBOORTE ? plusMaanden(zevenenzestig, AOW_VERHOGING_MAANDEN) : zevenenzestig;
}

/** The AOW age as a case worker reads it, e.g. "67 jaar en 3 maanden". */
export const aowLeeftijdTekst = (geboortedatum: string): string =>
  geboortedatum >= AOW_VERHOGING_VANAF_GEBOORTE ? `${AOW_LEEFTIJD_JAREN} jaar en ${AOW_VERHOGING_MAANDEN} maanden` : `${AOW_LEEFTIJD_JAREN} jaar`;
