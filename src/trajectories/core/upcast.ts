import { StoredEvent } from '../../events/envelope';
import { INBURGERING_UPCASTERS } from '../inburgering/upcasters';

/**
 * Old event shapes are upcast when read, never rewritten. Register `type@schemaVersion` → a function giving the
 * next version's data; upcasting repeats until no upcaster matches. Each kind keeps its own in its slice.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export const UPCASTERS: Record<string, Upcaster> = { ...INBURGERING_UPCASTERS };

/** The event types any upcaster is registered for: every other event is read as it is, without a lookup per version. */
const typesOf = (upcasters: Record<string, Upcaster>) => new Set(Object.keys(upcasters).map((k) => k.slice(0, k.lastIndexOf('@'))));
const UPCAST_TYPES = typesOf(UPCASTERS);

export function upcast(event: StoredEvent, upcasters: Record<string, Upcaster> = UPCASTERS): StoredEvent {
  if (upcasters === UPCASTERS && !UPCAST_TYPES.has(event.type)) return event;
  let { data } = event;
  let version = event.metadata.schemaVersion ?? 1;
  for (let next = upcasters[`${event.type}@${version}`]; next; next = upcasters[`${event.type}@${version}`]) {
    data = next(data);
    version += 1;
  }
  return version === (event.metadata.schemaVersion ?? 1) ? event : { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
}
