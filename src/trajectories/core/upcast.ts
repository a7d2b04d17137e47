import { StoredEvent } from '../../events/envelope';

/**
 * Old event shapes are upcast when read, never rewritten. Register `type@schemaVersion` → a function giving the
 * next version's data; upcasting repeats until no upcaster matches. Empty while every event is at version 1.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export const UPCASTERS: Record<string, Upcaster> = {};

export function upcast(event: StoredEvent, upcasters: Record<string, Upcaster> = UPCASTERS): StoredEvent {
  let { data } = event;
  let version = event.metadata.schemaVersion ?? 1;
  for (let next = upcasters[`${event.type}@${version}`]; next; next = upcasters[`${event.type}@${version}`]) {
    data = next(data);
    version += 1;
  }
  return version === (event.metadata.schemaVersion ?? 1) ? event : { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
}
