import { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import { StoredEvent } from '../../events/envelope';
import { RegistreerTrajectDto } from '../registratie.commands';

export type Soort = 'inburgering' | 'ondertussen';

/** A fact decide wants appended: type, data and its business date. */
export interface DomainEvent {
  type: string;
  data: Record<string, unknown>;
  datum: string;
  /** The data's shape version (envelope `schemaVersion`); 1 when absent. Older versions are upcast on read. */
  schemaVersion?: number;
}

/** A trajectory as folded from its stream. */
export interface TrajectState<C = any> {
  id: string;
  soort: Soort;
  snapshot: AnyMachineSnapshot;
  context: C;
  /** The stream's version (number of events); revisie = version − 1. */
  version: number;
  events: StoredEvent[];
}

/** One action of trajectory.md: its payload, the fact it produces and the rules that decide it. */
export interface ActionDefinition<C = any, P = any> {
  naam: string;
  dto: new () => P;
  /** The first event the action produces; used to ask the machine whether the action is allowed now. */
  event: string;
  /** Data for that question where a guard reads the event (e.g. which activity is running). */
  probe?: (context: C) => Record<string, unknown> | null;
  /** Pure: the facts to append, or a CommandRejected/ValidationFailed. */
  decide(payload: P, state: TrajectState<C>, today: string): DomainEvent[];
  /** Only the system (sagas) runs it; not offered over HTTP or in toegestaneActies. */
  systeem?: boolean;
}

export interface TrajectoryKind<C = any> {
  soort: Soort;
  machine: AnyStateMachine;
  acties: ActionDefinition<C>[];
  /** The facts of registration, or a rejection (e.g. age). */
  registreer(payload: RegistreerTrajectDto, today: string): DomainEvent[];
  /** The top-level phase shown as `fase`. */
  fase(snapshot: AnyMachineSnapshot): string;
  /** The state shown as `status` (view, timeline, a 422): the machine's value, or what the kind derives from it. */
  status(snapshot: AnyMachineSnapshot): StateValue;
  /**
   * The facts that follow from the state after a command's facts (the inburgering deadlines: rules/termijnen.ts),
   * dated `datum`; appended with them, atomically.
   */
  gevolgen?(context: C, datum: string): DomainEvent[];
  /** The kind-specific fields of the view. */
  view(state: TrajectState<C>, today: string): Record<string, unknown>;
}
