import { createHash } from 'node:crypto';
import { EventMetadata, NewEvent } from './envelope';

/** Chained hashes make an edited, inserted or deleted event detectable: each hash covers the previous one. */

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with sorted keys (UTF-16 code unit order, as `sort()` compares strings), members whose value is undefined left
 * out, so the same content always hashes the same in every adapter. Built in one string without intermediate arrays
 * (every append hashes its events; the output is exactly that of the first version, hash-chain.unit.spec.ts).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole stays empty, as `map(...).join(',')` left it.
      if (i in value) out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
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
