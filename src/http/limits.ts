import type { NextFunction, Request, Response } from 'express';
import { FieldError, ValidationFailed } from '../trajectories/core/errors';
import { ProblemException } from './problem';

/**
 * The bounds every input obeys, in one place: how deep a JSON body may nest, how large a number may be, which keys
 * are never accepted, which media type a body must have. The dates' bounds live with `@IsDatum` (core/validators.ts).
 */

/** Deeper than any of our DTOs (3 levels) with room to spare; a deeper body is an attack on the validators' recursion. */
export const MAX_DEPTH = 16;
/** Larger than any count, hour total or page this domain knows; stops 1e308 (sums to Infinity) and pagina=1e18 (SQLite overflow). */
export const MAX_NUMBER = 1_000_000_000;
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

/** Throws the 400 for a value outside the bounds (a body, a query after its DTO turned strings into numbers). */
export function assertWithinBounds(value: unknown, path: string): void {
  const problem = shapeProblem(value, path);
  if (problem) throw new ValidationFailed('De invoer valt buiten de grenzen', [problem]);
}

/** Express middleware right after the JSON parser: every parsed body within the bounds before any validator sees it. */
export function checkBodyShape(req: Request, _res: Response, next: NextFunction): void {
  try {
    if (req.body !== undefined) assertWithinBounds(req.body, 'body');
    next();
  } catch (err) {
    next(err);
  }
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * A body must be JSON: text/plain, a form or anything else is a 415 before it is parsed (NL API Design Rules;
 * a form body would otherwise reach the validators as strings). Requests without a body pass.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  // req.is: null without a body, false for a body of another type.
  if (req.is(JSON_TYPES) === false) {
    next(new ProblemException(415, `Een body moet application/json zijn, niet ${req.headers['content-type'] ?? '(geen Content-Type)'}`));
    return;
  }
  next();
}
