import { StateValue } from 'xstate';
import { InburgeringContext } from './context';
import { leerrouteBehaald } from './rules/leerroute-behaald';

/**
 * What runs side by side during uitvoering, each as the facts in the context decide it (machine.ts): the state the
 * API shows per part in `status`, and which the machine's guards ask.
 */
export const pvtStatus = (c: InburgeringContext): 'open' | 'afgerond' => (c.pvtAfgerond !== null ? 'afgerond' : 'open');

/** Wi art. 8 lid 3: no MAP on the onderwijsroute; a MAP afgerond stays afgerond. */
export const mapStatus = (c: InburgeringContext): 'open' | 'afgerond' | 'niet-van-toepassing' =>
  c.mapAfgerond !== null ? 'afgerond' : c.leerroute === 'onderwijsroute' ? 'niet-van-toepassing' : 'open';

/** Pw art. 56a: an ontzorging runs from its start until it ends. */
export const ontzorgingStatus = (c: InburgeringContext): 'geen' | 'actief' | 'beeindigd' =>
  c.ontzorging === null ? 'geen' : c.ontzorging.einddatum === null ? 'actief' : 'beeindigd';

/** The leerroute set by the PIP or changed since, running (`bezig`) until behaald. */
export const leerrouteStatus = (c: InburgeringContext): Record<string, 'bezig' | 'behaald'> =>
  ({ [c.leerroute!]: leerrouteBehaald(c) ? 'behaald' : 'bezig' });

/**
 * The trajectory's state as the API shows it (`status`): the machine's phase, and during uitvoering its parts, in the
 * order and shape they had as parallel regions: {uitvoering: {leerroute: {b1: 'bezig'}, pvt, map, ontzorging}}.
 */
export function inburgeringStatus(value: StateValue, c: InburgeringContext): StateValue {
  if (value !== 'uitvoering') return value;
  return { uitvoering: { leerroute: leerrouteStatus(c), pvt: pvtStatus(c), map: mapStatus(c), ontzorging: ontzorgingStatus(c) } };
}
