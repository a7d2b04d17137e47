import { TrajectoryKind } from '../../../core/kind';
import { inburgeringKind } from '../../kind';
import { inburgeringMachine as machine9a78640 } from './machine';

/** BENCHMARK FIXTURE: the inburgering kind with main 9a78640's machine, its `status` its own state value (the regions). */
export const kind9a78640: TrajectoryKind = { ...inburgeringKind, machine: machine9a78640, status: (snapshot) => snapshot.value };
