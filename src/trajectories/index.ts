/**
 * What the read side may know of the trajectories: the phase (and what "final" is) and how to read the recorded
 * deadline facts. Nothing outside this slice decides a phase or computes a deadline.
 */
export { FASEN, FASE_TYPES, FINALE_FASEN, beweegtFase, datumVan, faseNa, isFinaal } from './fase';
export type { Fase } from './fase';
export {
  TERMIJNSOORTEN, statusVoorEnNa, termijnDatum, termijnStatus, termijnVeld, toonTermijn, vastgelegd,
} from './inburgering/rules/termijnen';
export type { TermijnStatus } from './inburgering/rules/termijnen';
export type { TermijnData, Termijnsoort, Termijnuitkomst } from './inburgering/events';
export { TERMIJN_ACTIE } from './inburgering/deadlines';
export { idOfStream, streamIdOf } from './core/traject-repository';
export { upcast } from './core/upcast';
/** For the read side's specs: the decider's deadline step over the machine, so a test stream is what the command path writes. */
export { KINDS } from './kinds';
export { initialSnapshot, step } from './core/fold';
export { metGevolgen } from './core/gevolgen';
export type { InburgeringContext } from './inburgering/context';
