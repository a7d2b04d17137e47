import type { ServerResponse } from 'node:http';
import { StoredEvent } from '../events/envelope';
import { EventStore } from '../events/event-store';
import { maakCursor } from '../http/paginering';
import { gebeurtenisView } from '../trajectories/core/view';

/** A selection of the global event log. Every field narrows it; all are optional. */
export interface EventFilter {
  types?: string[];
  /** Every stream about this trajectory: `traject-<id>`, `privacy-<id>`, `inzage-<id>`. */
  traject?: string;
  actor?: string;
  /** recordedAt ≥ van (inclusive), < tot (exclusive), as ISO instants. */
  van?: string;
  tot?: string;
  /** Events with a position ≥ vanPositie (legacy: position arithmetic, meaningful on SQLite only). */
  vanPositie?: number;
  /** Events after this position, exclusive: a position the store itself gave (a cursor), so valid on every store. */
  na?: number;
}

/** The streams that belong to one trajectory. */
export const TRAJECT_STREAM_PREFIXES = ['traject-', 'privacy-', 'inzage-'];

export function matches(e: StoredEvent, f: EventFilter): boolean {
  if (f.vanPositie !== undefined && e.position < f.vanPositie) return false;
  if (f.na !== undefined && e.position <= f.na) return false;
  if (f.types && !f.types.includes(e.type)) return false;
  if (f.traject && !TRAJECT_STREAM_PREFIXES.some((p) => e.streamId === `${p}${f.traject}`)) return false;
  if (f.actor && e.metadata.actor?.id !== f.actor) return false;
  const at = e.metadata.recordedAt;
  if (f.van && !(at >= f.van)) return false;
  if (f.tot && !(at < f.tot)) return false;
  return true;
}

/** One event as the audit endpoints show it: the case view's fields plus stream and hash chain. */
export const auditView = (e: StoredEvent) => ({
  stream: e.streamId,
  ...gebeurtenisView(e),
  hash: e.metadata.hash ?? null,
  prevHash: e.metadata.prevHash ?? null,
});

export interface ScanOptions {
  /** Stop after this position (a snapshot of the head, so an export is one consistent cut of the log). */
  upTo: number;
  pageSize?: number;
}

/**
 * Pages of matching events, in log order, reading the log in chunks of `pageSize`: never the whole log in memory.
 * A trajectory filter reads only that trajectory's streams. Each yielded page also says how far the log was read.
 */
export async function* scan(store: EventStore, f: EventFilter, { upTo, pageSize = 1000 }: ScanOptions): AsyncGenerator<{ events: StoredEvent[]; readUpTo: number; read: number }> {
  if (f.traject) {
    const streams = await Promise.all(TRAJECT_STREAM_PREFIXES.map((p) => store.readStream(`${p}${f.traject}`)));
    const events = streams.flat().filter((e) => e.position <= upTo && matches(e, f)).sort((a, b) => a.position - b.position);
    for (let i = 0; i < events.length; i += pageSize) {
      const page = events.slice(i, i + pageSize);
      yield { events: page, readUpTo: page[page.length - 1].position, read: page.length };
    }
    return;
  }
  // Read from a position the store gave (the cursor), never from one computed: EventStoreDB's are byte offsets.
  let after = f.na ?? Math.max(0, (f.vanPositie ?? 1) - 1);
  while (after < upTo) {
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) return;
    const inRange = page.filter((e) => e.position <= upTo);
    after = inRange.length ? inRange[inRange.length - 1].position : upTo;
    yield { events: inRange.filter((e) => matches(e, f)), readUpTo: after, read: inRange.length };
    if (inRange.length < page.length || page.length < pageSize) return;
  }
}

export interface Page {
  gebeurtenissen: ReturnType<typeof auditView>[];
  paginaGrootte: number;
  /** The cursor of the next page (`cursor=`, or as `vanPositie`), or null at the end of the selection. */
  volgende: string | null;
}

/**
 * One page of at most `size` events. A very selective filter over a large log may stop after reading `maxScan`
 * events with fewer results and a `volgende` cursor: the client simply asks for the next page.
 */
export async function page(store: EventStore, f: EventFilter, size: number, maxScan = 50_000): Promise<Page> {
  const upTo = await store.headPosition();
  const found: StoredEvent[] = [];
  let scanned = 0;
  let readUpTo = 0;
  for await (const chunk of scan(store, f, { upTo, pageSize: Math.min(1000, Math.max(size + 1, 100)) })) {
    found.push(...chunk.events);
    readUpTo = chunk.readUpTo;
    scanned += chunk.read;
    if (found.length > size) {
      return { gebeurtenissen: found.slice(0, size).map(auditView), paginaGrootte: size, volgende: maakCursor({ na: found[size - 1].position }) };
    }
    if (scanned >= maxScan && readUpTo < upTo) {
      return { gebeurtenissen: found.map(auditView), paginaGrootte: size, volgende: maakCursor({ na: readUpTo }) };
    }
  }
  return { gebeurtenissen: found.map(auditView), paginaGrootte: size, volgende: null };
}

export type ExportFormat = 'ndjson' | 'csv';

const PIECE = 64 * 1024;

export const CSV_COLUMNS = [
  'positie', 'stream', 'revisie', 'eventId', 'type', 'datum', 'recordedAt', 'actorId', 'actorRol',
  'correlationId', 'causationId', 'schemaVersion', 'hash', 'prevHash', 'data',
] as const;

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @) gets a leading apostrophe. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(e: StoredEvent): string {
  const v = auditView(e);
  return [
    v.positie, v.stream, v.revisie, v.eventId, v.type, v.datum, v.recordedAt, v.actor?.id, v.actor?.rol,
    v.correlationId, v.causationId, v.schemaVersion, v.hash, v.prevHash, v.data,
  ].map(csvCell).join(',');
}

/** Resolves when the response can take more, or when the client went away. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export interface ExportResult {
  events: number;
  /** The client closed the connection before the end. */
  aborted: boolean;
}

/**
 * Streams the whole selection as NDJSON or CSV: one page of the log in memory at a time, and when the socket's
 * buffer is full (`res.write()` returns false) it waits for 'drain' before reading on, so memory stays flat
 * however large the log is. The cut is the head position when the export starts.
 */
export async function streamExport(
  store: EventStore, f: EventFilter, format: ExportFormat, res: ServerResponse, pageSize = 1000,
): Promise<ExportResult> {
  const upTo = await store.headPosition();
  res.statusCode = 200;
  res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="gebeurtenissen-tot-${upTo}.${format === 'csv' ? 'csv' : 'ndjson'}"`);
  res.setHeader('X-Export-Tot-Positie', String(upTo));
  if (format === 'csv') res.write(`${CSV_COLUMNS.join(',')}\r\n`);
  let events = 0;
  // Lines go out in pieces of about 64 KB: small enough to stay out of V8's large-object space (so the garbage
  // is collected young), large enough to keep the number of writes down.
  let piece: string[] = [];
  let pieceLength = 0;
  const flush = async () => {
    const ok = res.write(piece.join(''));
    piece = [];
    pieceLength = 0;
    if (!ok) await drained(res);
  };
  for await (const chunk of scan(store, f, { upTo, pageSize })) {
    for (const e of chunk.events) {
      if (res.destroyed) return { events, aborted: true };
      const line = format === 'csv' ? `${csvRow(e)}\r\n` : `${JSON.stringify(auditView(e))}\n`;
      piece.push(line);
      pieceLength += line.length;
      events++;
      if (pieceLength >= PIECE) await flush();
    }
  }
  if (pieceLength > 0 && !res.destroyed) await flush();
  if (res.destroyed) return { events, aborted: true };
  res.end();
  return { events, aborted: false };
}
