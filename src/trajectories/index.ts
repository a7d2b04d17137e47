/**
 * What the read side may know of the trajectories: the phase (and what "final" is) and how to read the recorded
 * deadline facts. Nothing outside this slice decides a phase or computes a deadline.
 */
export { FASEN, FINALE_FASEN, beweegtFase, datumVan, faseNa, isFinaal } from './fase';
export type { Fase } from './fase';
export {
  TERMIJNSOORTEN, statusVoorEnNa, termijnDatum, termijnStatus, termijnVeld, toonTermijn, vastgelegd,
} from './inburgering/rules/termijnen';
export type { TermijnStatus } from './inburgering/rules/termijnen';
export type { TermijnData, Termijnsoort, Termijnuitkomst } from './inburgering/events';
export { TERMIJN_ACTIE } from './inburgering/deadlines';
export { idOfStream, streamIdOf } from './core/traject-repository';
export { upcast } from './core/upcast';
