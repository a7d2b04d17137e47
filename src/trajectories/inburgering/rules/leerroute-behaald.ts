import { InburgeringContext } from '../context';
import { Examenonderdeel, Niveau, Taalonderdeel, VrijstellingOnderdeel } from '../events';

const TAALONDERDELEN: Taalonderdeel[] = ['lezen', 'luisteren', 'schrijven', 'spreken'];
const ORDE: Niveau[] = ['A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

const minstens = (niveau: Niveau | null, vereist: Niveau): boolean =>
  niveau !== null && ORDE.indexOf(niveau) >= ORDE.indexOf(vereist);

const onderdelenVan = (besluiten: InburgeringContext['vrijstellingen']): VrijstellingOnderdeel[] =>
  [...new Set(besluiten.filter((b) => !b.volledig).flatMap((b) => b.onderdelen ?? []))];

/** The parts a partial vrijstelling released (Wi art. 7 lid 3: a diploma covering part of the skills). */
export const vrijgesteldeOnderdelen = (c: InburgeringContext): VrijstellingOnderdeel[] => onderdelenVan(c.vrijstellingen);
/** The parts a partial ontheffing released (Besluit art. 2.7: language parts, KNM or the Z-route's participation). */
export const onthevenOnderdelen = (c: InburgeringContext): VrijstellingOnderdeel[] => onderdelenVan(c.ontheffingen);

/** Released by a partial vrijstelling or ontheffing: the part is no longer required. */
export const nietVereist = (c: InburgeringContext, onderdeel: VrijstellingOnderdeel): boolean =>
  vrijgesteldeOnderdelen(c).includes(onderdeel) || onthevenOnderdelen(c).includes(onderdeel);

/** The level each language part must be passed at: B1, or A2 for the parts afgeschaald (Wi 2021 art. 7, art. 17 lid 3). */
export const vereistNiveau = (c: InburgeringContext, onderdeel: Taalonderdeel): Niveau =>
  c.afgeschaald.includes(onderdeel) ? 'A2' : 'B1';

const taalonderdeelBehaald = (c: InburgeringContext, onderdeel: Taalonderdeel): boolean =>
  c.examenresultaten.some((r) => r.onderdeel === onderdeel && r.behaald && minstens(r.niveau, vereistNiveau(c, onderdeel)));

const onderdeelVoldaan = (c: InburgeringContext, onderdeel: Examenonderdeel): boolean =>
  nietVereist(c, onderdeel)
  || (onderdeel === 'knm' ? c.examenresultaten.some((r) => r.onderdeel === 'knm' && r.behaald) : taalonderdeelBehaald(c, onderdeel));

/**
 * Every language part passed at its required level and KNM passed, or released by a partial vrijstelling/ontheffing.
 * A later failed attempt never undoes a pass: we look for any pass, not the last attempt.
 */
export const inburgeringsexamenBehaald = (c: InburgeringContext): boolean =>
  ([...TAALONDERDELEN, 'knm'] as Examenonderdeel[]).every((o) => onderdeelVoldaan(c, o));

/**
 * Leerroute behaald: b1 by the inburgeringsexamen (Wi art. 7); onderwijsroute by the taalschakel diploma
 * or, as fallback, by the B1 exam (Wi art. 8 lid 4); z-route by ZrouteAfgerond (Besluit art. 3.14).
 */
export function leerrouteBehaald(c: InburgeringContext): boolean {
  switch (c.leerroute) {
    case 'b1':
      return inburgeringsexamenBehaald(c);
    case 'onderwijsroute':
      return c.onderwijsrouteAfgerond !== null || inburgeringsexamenBehaald(c);
    case 'z-route':
      return c.zrouteAfgerond !== null;
    default:
      return false;
  }
}
