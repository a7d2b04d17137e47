import { randomFillSync } from 'node:crypto';

/** W3C Trace Context (https://www.w3.org/TR/trace-context/): the ids the access log records, as the Logboek Dataverwerkingen asks. */
export interface TraceContext {
  traceId: string;
  /** This request's own span. */
  spanId: string;
  /** The caller's span, when it sent a `traceparent`. */
  parentSpanId: string | null;
  flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ZEROS = /^0+$/;

/**
 * Random hex from a pool filled 4 KiB at a time (as Node buffers randomUUID): one `randomBytes` call per id was a
 * system call per read, ~1% of the server's CPU under a read load. Still the CSPRNG; ids are never reused.
 */
const POOL = Buffer.alloc(4096);
let used = POOL.length;
function randomHex(bytes: number): string {
  if (used + bytes > POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  used += bytes;
  return POOL.toString('hex', used - bytes, used);
}

/** Continues the caller's trace (a new span under its span) or starts one; a malformed header is ignored, as the spec says. */
export function traceFrom(header: string | string[] | undefined): TraceContext {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
  const m = value ? TRACEPARENT.exec(value) : null;
  const valid = m && m[1] !== 'ff' && !ZEROS.test(m[2]) && !ZEROS.test(m[3]) && (m[1] !== '00' || value!.length === 55);
  const spanId = randomHex(8);
  if (valid) return { traceId: m[2], spanId, parentSpanId: m[3], flags: m[4] };
  return { traceId: randomHex(16), spanId, parentSpanId: null, flags: '01' };
}

/** The `traceparent` to answer with: the same trace, this request's span. */
export const traceparentOf = (t: TraceContext): string => `00-${t.traceId}-${t.spanId}-${t.flags}`;
