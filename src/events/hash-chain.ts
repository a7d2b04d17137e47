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
  if (typeof value === 'string') return JSON.stringify(value);
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
  return members(value as Record<string, unknown>, '{');
}

/** The members of `record` in sorted key order after `out`, closed; `skip` names keys left out (besides undefined ones). */
function members(record: Record<string, unknown>, out: string, skip?: (key: string) => boolean): string {
  const keys = sortedKeys(record);
  const start = out.length;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = record[key];
    if (v === undefined || skip?.(key)) continue;
    if (out.length > start) out += ',';
    out += `${quote(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** The record's keys sorted; mostly they come sorted already (the same DTOs and metadata every time): then no sort. */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return keys.sort();
  return keys;
}

/** A key as JSON; the keys are the events' few field names, so each is quoted once (bounded, for safety). */
const quotedKeys = new Map<string, string>();
function quote(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
}

const isHashField = (key: string) => key === 'hash' || key === 'prevHash';

/**
 * The hash of `canonicalJson({ streamId, version, eventId, type, data, metadata (without hash and prevHash), prevHash })`,
 * written out in that object's sorted key order (data, eventId, metadata, prevHash, streamId, type, version) without
 * building it: the same text, hash-chain.unit.spec.ts.
 */
export function eventHash(streamId: string, version: number, event: NewEvent, prevHash: string): string {
  if (event.data === undefined || event.eventId === undefined || event.type === undefined || event.metadata === undefined) {
    // Not an event as appended (the object's undefined members would be left out): the general way.
    const { hash: _h, prevHash: _p, ...metadata } = event.metadata ?? {};
    const whole = { streamId, version, eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata && metadata, prevHash };
    return createHash('sha256').update(canonicalJson(whole)).digest('hex');
  }
  let content = `{"data":${canonicalJson(event.data)},"eventId":${canonicalJson(event.eventId)},`;
  content = members(event.metadata as unknown as Record<string, unknown>, `${content}"metadata":{`, isHashField);
  content += `,"prevHash":${canonicalJson(prevHash)},"streamId":${canonicalJson(streamId)},"type":${canonicalJson(event.type)},"version":${canonicalJson(version)}}`;
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
