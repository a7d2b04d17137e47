import type { FastifyReply, FastifyRequest } from 'fastify';
import { FieldError, ValidationFailed } from '../trajectories/core/errors';
import { ProblemException } from './problem';

/**
 * The bounds every input obeys, in one place: how deep a JSON body may nest, how large a number may be, which keys
 * are never accepted, which media type a body must have. The dates' bounds live with `@IsDatum` (core/validators.ts).
 */

/** Deeper than any of our DTOs (3 levels) with room to spare; a deeper body is an attack on the validators' recursion. */
export const MAX_DEPTH = 16;
/**
 * Larger than any count, hour total or page this domain knows, and than DUO's largest number (a 10-digit `vNummer`,
 * `maximum: 9999999999` in DUO's Notificatie API); stops 1e308 (sums to Infinity) and pagina=1e18 (SQLite overflow).
 */
export const MAX_NUMBER = 9_999_999_999;
/** Keys that address prototypes: never data. Silently dropping them hides an attack, so they are a 400. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first problem in a parsed JSON value (depth, keys, numbers), or undefined. Bounded recursion: stops at MAX_DEPTH. */
export function shapeProblem(value: unknown, path = 'body', depth = 0): FieldError | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_NUMBER) {
      return { veld: path, fouten: [`een getal moet tussen -${MAX_NUMBER} en ${MAX_NUMBER} liggen`] };
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { veld: path, fouten: [`de invoer is dieper genest dan ${MAX_DEPTH} niveaus`] };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = shapeProblem(value[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return { veld: `${path}.${key}`, fouten: [`de sleutel ${key} is niet toegestaan`] };
    const p = shapeProblem((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    if (p) return p;
  }
  return undefined;
}

/** The 400 for a value outside the bounds, or undefined when it is within them. */
function outOfBounds(value: unknown, path: string): ValidationFailed | undefined {
  const problem = shapeProblem(value, path);
  return problem && new ValidationFailed('De invoer valt buiten de grenzen', [problem]);
}

/** Throws the 400 for a value outside the bounds (a body, a query after its DTO turned strings into numbers). */
export function assertWithinBounds(value: unknown, path: string): void {
  const refused = outOfBounds(value, path);
  if (refused) throw refused;
}

const JSON_TYPE = /^application\/(json|[^\s/;]+\+json)$/;

/** Whether a request carries a body (as Node's parser sees it): a length above 0, or chunks. */
function hasBody(req: FastifyRequest): boolean {
  const { 'transfer-encoding': chunked, 'content-length': length } = req.headers;
  return chunked !== undefined || (length !== undefined && length !== '0');
}

/**
 * A body must be JSON in UTF-8: text/plain, a form or anything else is a 415 before it is read (NL API Design Rules;
 * a form body would otherwise reach the validators as strings). Requests without a body pass, whatever their
 * Content-Type. An onRequest hook, after the rate limit.
 */
export function requireJsonBody(req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
  if (!hasBody(req)) return done();
  const header = req.headers['content-type'];
  const [type, ...params] = (header ?? '').split(';');
  if (!JSON_TYPE.test(type.trim().toLowerCase())) {
    return done(new ProblemException(415, `Een body moet application/json zijn, niet ${header ?? '(geen Content-Type)'}`));
  }
  const charset = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return done(new ProblemException(415, `De tekenset ${charset} wordt niet ondersteund; stuur UTF-8`));
  }
  done();
}

/**
 * The JSON body parser (for every media type: `requireJsonBody` let only JSON through): strict JSON (an object or
 * an array), and every parsed body within the bounds before any validator sees it. Its size limit is Fastify's
 * `bodyLimit` (413 before the body is read when Content-Length says so).
 */
export function parseJsonBody(_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.length === 0) return done(null, undefined);
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') {
    return done(new ValidationFailed('De body is geen geldige JSON', [{ veld: 'body', fouten: ['een JSON-body is een object of een array'] }]));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return done(new ValidationFailed('De body is geen geldige JSON', [{ veld: 'body', fouten: [(err as Error).message] }]));
  }
  const refused = outOfBounds(value, 'body');
  if (refused) return done(refused);
  done(null, value);
}
