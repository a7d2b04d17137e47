import { StoredEvent } from '../../events/envelope';
import { INBURGERING_UPCASTERS } from '../inburgering/upcasters';

/**
 * Old event shapes are upcast when read, never rewritten. Register `type@schemaVersion` → a function giving the
 * next version's data; upcasting repeats until no upcaster matches. Each kind keeps its own in its slice.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export const UPCASTERS: Record<string, Upcaster> = { ...INBURGERING_UPCASTERS };

/** Per registry, the event types any upcaster is registered for: an event of another type is returned as it is. */
const typesOf = new WeakMap<Record<string, Upcaster>, Set<string>>();
const typesWithUpcaster = (upcasters: Record<string, Upcaster>): Set<string> => {
  let types = typesOf.get(upcasters);
  if (!types) typesOf.set(upcasters, (types = new Set(Object.keys(upcasters).map((k) => k.slice(0, k.lastIndexOf('@'))))));
  return types;
};

export function upcast(event: StoredEvent, upcasters: Record<string, Upcaster> = UPCASTERS): StoredEvent {
  // Without reading the metadata: a rebuild's events parse it only when someone reads it (LazyEvent).
  if (!typesWithUpcaster(upcasters).has(event.type)) return event;
  let { data } = event;
  let version = event.metadata.schemaVersion ?? 1;
  for (let next = upcasters[`${event.type}@${version}`]; next; next = upcasters[`${event.type}@${version}`]) {
    data = next(data);
    version += 1;
  }
  return version === (event.metadata.schemaVersion ?? 1) ? event : { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
}
