import { plusMaanden } from '../../core/kalender';
import { weiger } from '../../core/regels';
import { InburgeringContext } from '../context';

// Besluit inburgering 2021 art. 4.4: an extension for aanzienlijke inspanningen (Wi art. 12 ground b) is always
// 6 months, and only for someone on the B1-route. Ground a (niet verwijtbaar, art. 4.3) has the length DUO decides.
export const AANZIENLIJKE_INSPANNINGEN_MAANDEN = 6;

export function controleerAanzienlijkeInspanningen(c: InburgeringContext, nieuweEinddatum: string): void {
  if (c.leerroute !== 'b1') {
    weiger(`Verlenging wegens aanzienlijke inspanningen kan alleen op de B1-route (Besluit art. 4.4); de leerroute is ${c.leerroute}`);
  }
  const verwacht = plusMaanden(c.inburgeringstermijn!.eind, AANZIENLIJKE_INSPANNINGEN_MAANDEN);
  if (nieuweEinddatum !== verwacht) {
    weiger(`Verlenging wegens aanzienlijke inspanningen is precies ${AANZIENLIJKE_INSPANNINGEN_MAANDEN} maanden (Besluit art. 4.4): `
      + `nieuweEinddatum moet ${verwacht} zijn, niet ${nieuweEinddatum}`);
  }
}
