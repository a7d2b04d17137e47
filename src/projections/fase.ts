/** The phase helpers live in the trajectory slice (src/trajectories/fase.ts); re-exported for the read models here. */
export { FASEN, FINALE_FASEN, beweegtFase, datumVan, faseNa, isFinaal } from '../trajectories';
export type { Fase } from '../trajectories';
