import { AnyMachineSnapshot } from 'xstate';
import { step } from './fold';
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
