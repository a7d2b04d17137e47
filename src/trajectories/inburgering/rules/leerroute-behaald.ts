import { InburgeringContext } from '../context';
import { Niveau, Taalonderdeel } from '../events';

const TAALONDERDELEN: Taalonderdeel[] = ['lezen', 'luisteren', 'schrijven', 'spreken'];
const ORDE: Niveau[] = ['A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'];

const minstens = (niveau: Niveau | null, vereist: Niveau): boolean =>
  niveau !== null && ORDE.indexOf(niveau) >= ORDE.indexOf(vereist);

/** The level each language part must be passed at: B1, or A2 for the parts afgeschaald (Wi 2021 art. 7, art. 17 lid 3). */
export const vereistNiveau = (c: InburgeringContext, onderdeel: Taalonderdeel): Niveau =>
  c.afgeschaald.includes(onderdeel) ? 'A2' : 'B1';

const onderdeelBehaald = (c: InburgeringContext, onderdeel: Taalonderdeel): boolean =>
  c.examenresultaten.some((r) => r.onderdeel === onderdeel && r.behaald && minstens(r.niveau, vereistNiveau(c, onderdeel)));

/** A later failed attempt never undoes a pass: we look for any pass, not the last attempt. */
export const inburgeringsexamenBehaald = (c: InburgeringContext): boolean =>
  TAALONDERDELEN.every((o) => onderdeelBehaald(c, o)) && c.examenresultaten.some((r) => r.onderdeel === 'knm' && r.behaald);

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
