import { AnyMachineSnapshot } from 'xstate';
import { step, stepIfAccepted } from './fold';
import { DomainEvent, TrajectoryKind } from './kind';

/**
 * A command's facts with what follows from them (the kind's `gevolgen`: the inburgering deadlines), in the order
 * they are appended: after the facts, except that what a final fact ends is recorded just before that fact, because
 * a final phase accepts nothing. Pure; the caller gates the result with the machine.
 */
export function metGevolgen(kind: TrajectoryKind, snapshot: AnyMachineSnapshot, events: DomainEvent[], today: string): DomainEvent[] {
  if (!kind.gevolgen) return events;
  let na = snapshot;
  let finaal = events.length;
  events.forEach((event, i) => {
    na = step(kind, na, event);
    if (na.status !== 'active' && finaal === events.length) finaal = i;
  });
  if (events.length === 0 && na.status !== 'active') return events;
  const gevolgen = kind.gevolgen(na.context, events.length ? events[events.length - 1].datum : today);
  return gevolgen.length ? [...events.slice(0, finaal), ...gevolgen, ...events.slice(finaal)] : events;
}

/** The facts with their gevolgen, gated: every one accepted, and the snapshot after the last; or the first one refused. */
export type Gated = { events: DomainEvent[]; snapshot: AnyMachineSnapshot } | { geweigerd: DomainEvent };

/**
 * `metGevolgen`, each of its events gated by the machine in order (`stepIfAccepted`), as the command handler's decide
 * needs them. The same result as gating `metGevolgen`'s list, with each fact stepped once instead of twice: when every
 * fact is accepted and none ends the trajectory (a command's usual case), the gevolgen follow all the facts, so the
 * steps that find the context for the gevolgen are the gate's own steps. Otherwise (a refusal, a final fact, no facts)
 * the list is built and gated as written.
 */
export function gegateMetGevolgen(kind: TrajectoryKind, snapshot: AnyMachineSnapshot, events: DomainEvent[], today: string): Gated {
  if (events.length === 0) return gate(kind, snapshot, metGevolgen(kind, snapshot, events, today));
  let na = snapshot;
  for (const event of events) {
    const next = stepIfAccepted(kind, na, event);
    if (!next || next.status !== 'active') return gate(kind, snapshot, metGevolgen(kind, snapshot, events, today));
    na = next;
  }
  const gevolgen = kind.gevolgen?.(na.context, events[events.length - 1].datum) ?? [];
  if (gevolgen.length === 0) return { events, snapshot: na };
  const rest = gate(kind, na, gevolgen);
  return 'geweigerd' in rest ? rest : { events: [...events, ...gevolgen], snapshot: rest.snapshot };
}

function gate(kind: TrajectoryKind, snapshot: AnyMachineSnapshot, events: DomainEvent[]): Gated {
  let na = snapshot;
  for (const event of events) {
    const next = stepIfAccepted(kind, na, event);
    if (!next) return { geweigerd: event };
    na = next;
  }
  return { events, snapshot: na };
}
