import { AnyActorScope, AnyMachineSnapshot, AnyStateMachine, createActor, initialTransition } from 'xstate';
import { StoredEvent } from '../../events/envelope';
import { CorruptStream } from './errors';
import { DomainEvent, Soort, TrajectState, TrajectoryKind } from './kind';
import { upcast } from './upcast';

/**
 * What the machine decides on: a fact's type and data. No guard or action reads the business date (a domain event
 * carries it, a stored event has it in its envelope, which a fold never reads). A domain event is the machine's event
 * as it is: no copy per step.
 */
export type MachineFact = Pick<DomainEvent, 'type' | 'data'> & { datum?: string };
export const toMachineEvent = (e: MachineFact) => e as any;

/** Does the machine, in this snapshot, accept this fact? XState ignores unhandled events silently, so the gate is ours. */
export function accepts(snapshot: AnyMachineSnapshot, event: MachineFact): boolean {
  return snapshot.status === 'active' && snapshot.can(toMachineEvent(event));
}

/**
 * XState's pure `transition()` builds a whole inert actor — including the machine's initial snapshot — on every call,
 * which was most of a fold's time. The machines invoke and spawn nothing, so one inert scope per machine (the same
 * shape `transition()` builds, actions collected nowhere) serves every step: the same pure transition, once set up.
 */
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();
function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    const ignore = () => undefined;
    scope = { self, defer: ignore, id: '', logger: ignore, sessionId: '', stopChild: ignore, system: self.system, emit: ignore, actionExecutor: ignore } as unknown as AnyActorScope;
    scopes.set(machine, scope);
  }
  return scope;
}

export function step(kind: TrajectoryKind, snapshot: AnyMachineSnapshot, event: MachineFact): AnyMachineSnapshot {
  return kind.machine.transition(snapshot, toMachineEvent(event), inertScope(kind.machine)) as AnyMachineSnapshot;
}

/**
 * The snapshot after `event`, or null when the machine refuses it: `accepts` and `step` in one transition. A refused
 * event leaves XState's transition without any enabled transition, and it answers the very snapshot it was given; only
 * then is `accepts` asked (an accepted event whose transition changed nothing would give the same object too). Asking
 * `can` before every step evaluated each event's guards twice, a fifth of a fold's time.
 */
export function stepIfAccepted(kind: TrajectoryKind, snapshot: AnyMachineSnapshot, event: MachineFact): AnyMachineSnapshot | null {
  // A final snapshot accepts nothing, although the root's handlers would still match.
  if (snapshot.status !== 'active') return null;
  const next = step(kind, snapshot, event);
  return next !== snapshot || accepts(snapshot, event) ? next : null;
}

export const initialSnapshot = (kind: TrajectoryKind): AnyMachineSnapshot =>
  initialTransition(kind.machine)[0] as AnyMachineSnapshot;

export const asDomainEvent = (e: StoredEvent): DomainEvent => {
  const u = upcast(e);
  return { type: u.type, data: u.data, datum: u.metadata.datum };
};

/** The first event names the kind of trajectory. */
export function soortOf(events: StoredEvent[]): Soort | null {
  const first = events[0];
  if (!first || first.type !== 'InburgeraarGeregistreerd') return null;
  return (first.data as { soort?: Soort }).soort ?? 'inburgering';
}

/**
 * Folds a stream through its machine with XState's pure transition. A stored event the machine refuses
 * is corruption: it throws, it is never skipped.
 */
export function fold<C>(kind: TrajectoryKind<C>, id: string, events: StoredEvent[]): TrajectState<C> {
  return foldOnto(kind, { id, soort: kind.soort, snapshot: initialSnapshot(kind), context: undefined as C, version: 0, events: [] }, events);
}

/**
 * Folds the events that follow `state` (versions state.version + 1, …) onto it; `state` itself is left as it was. The
 * machine gets each event's type and data (upcast), never its metadata: a lazily read event then never parses it. One
 * small object of one shape per step: handed the stored events themselves (lazy ones, plain ones, upcast copies),
 * XState's property accesses met several shapes and the cold load was ~6% slower, measured.
 */
export function foldOnto<C>(kind: TrajectoryKind<C>, state: TrajectState<C>, events: StoredEvent[]): TrajectState<C> {
  if (events.length === 0 && state.version > 0) return state;
  let snapshot = state.snapshot;
  for (const stored of events) {
    const { type, data } = upcast(stored);
    const next = stepIfAccepted(kind, snapshot, { type, data });
    if (!next) throw new CorruptStream(stored.streamId, stored.version, stored.type, `not allowed in ${JSON.stringify(kind.status(snapshot))}`);
    snapshot = next;
  }
  const all = state.events.length === 0 ? events : [...state.events, ...events];
  return { id: state.id, soort: kind.soort, snapshot, context: snapshot.context as C, version: all.length, events: all };
}

/** The actions the machine accepts now (what a UI may offer). */
export function toegestaneActies(kind: TrajectoryKind, state: TrajectState, today: string): string[] {
  return kind.acties
    .filter((a) => !a.systeem)
    .filter((a) => {
      const data = a.probe ? a.probe(state.context) : {};
      return data !== null && accepts(state.snapshot, { type: a.event, data, datum: today });
    })
    .map((a) => a.naam);
}
