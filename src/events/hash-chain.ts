import { createHash } from 'node:crypto';
import { EventMetadata, NewEvent } from './envelope';

/** Chained hashes make an edited, inserted or deleted event detectable: each hash covers the previous one. */

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so the same content always hashes the same in every adapter. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(streamId: string, version: number, event: NewEvent, prevHash: string): string {
  const { hash: _h, prevHash: _p, ...metadata } = event.metadata;
  const content = canonicalJson({ streamId, version, eventId: event.eventId, type: event.type, data: event.data, metadata, prevHash });
  return createHash('sha256').update(content).digest('hex');
}

/** Returns the events with `hash`/`prevHash` set, chained onto `prevHash` starting at `firstVersion`. */
export function chain(streamId: string, firstVersion: number, prevHash: string, events: NewEvent[]): NewEvent[] {
  let previous = prevHash;
  return events.map((event, i) => {
    const hash = eventHash(streamId, firstVersion + i, event, previous);
    const metadata: EventMetadata = { ...event.metadata, prevHash: previous, hash };
    previous = hash;
    return { ...event, metadata };
  });
}
