import { StoredEvent } from '../../events/envelope';
import { toegestaneActies } from './fold';
import { TrajectState, TrajectoryKind } from './kind';

/**
 * Views already computed, per folded state (a state is immutable: a new event makes a new state) and day. A read of
 * an unchanged trajectory then costs no machine probes for toegestaneActies.
 */
const computed = new WeakMap<TrajectState, { today: string; view: Readonly<Record<string, unknown>> }>();

/** The case view of api.md, freshly folded: never read from a projection. */
export function trajectView(kind: TrajectoryKind, state: TrajectState, today: string): Record<string, unknown> {
  const hit = computed.get(state);
  if (hit && hit.today === today) return hit.view;
  const view = computeView(kind, state, today);
  computed.set(state, { today, view });
  return view;
}

function computeView(kind: TrajectoryKind, state: TrajectState, today: string): Record<string, unknown> {
  return {
    id: state.id,
    soort: kind.soort,
    revisie: state.version - 1,
    fase: kind.fase(state.snapshot),
    status: kind.status(state.snapshot),
    ...kind.view(state, today),
    toegestaneActies: toegestaneActies(kind, state, today),
  };
}

/** One stored event as the API shows it. */
export const gebeurtenisView = (e: StoredEvent) => ({
  eventId: e.eventId,
  type: e.type,
  revisie: e.version - 1,
  positie: e.position,
  datum: e.metadata.datum,
  recordedAt: e.metadata.recordedAt,
  actor: e.metadata.actor,
  correlationId: e.metadata.correlationId,
  causationId: e.metadata.causationId,
  schemaVersion: e.metadata.schemaVersion,
  data: e.data,
});
