import { INestApplication } from '@nestjs/common';
import { ThrottlerModuleOptions, ThrottlerStorage, getStorageToken, normalizeIp } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config';
import { ProblemException } from '../http/problem';
import { identify } from './identify';
import { TokenVerifier } from './token-verifier';

const MINUTE_MS = 60_000;
/** Probes are never limited: a platform's health check must not see 429. */
const PROBES = new Set(['/health', '/ready']);

/** The module options; the limits themselves are applied by `rateLimitMiddleware`, with the library's storage. */
export function throttlerOptions(): ThrottlerModuleOptions {
  return { throttlers: [{ name: 'default', ttl: MINUTE_MS, limit: 1 }] };
}

/**
 * One fixed window of a minute per user (the token's `sub`), and per client address (IPv6 by /64) for calls
 * without a valid token (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_ANONYMOUS_PER_MINUTE; 0 turns one off). In memory, per
 * process: with several instances each counts for itself.
 *
 * An Express middleware before the body parsers, so a limited client's body is never read or parsed, and every
 * answer carries X-RateLimit-Limit/-Remaining/-Reset, a 429 too (with Retry-After).
 */
export function rateLimitMiddleware(app: INestApplication) {
  const config = app.get<AppConfig>(APP_CONFIG);
  const storage = app.get<ThrottlerStorage>(getStorageToken());
  const verifier = app.get(TokenVerifier);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      if (PROBES.has(req.path)) return next();
      const { user } = await identify(req, verifier);
      const limit = user ? config.rateLimitPerMinute : config.rateLimitAnonymousPerMinute;
      if (limit <= 0) return next();
      const tracker = user ? `sub:${user.sub}` : `ip:${normalizeIp(req.ip ?? req.socket.remoteAddress ?? '')}`;
      const hit = await storage.increment(`default:${tracker}`, MINUTE_MS, limit, 0, 'default');
      res.setHeader('X-RateLimit-Limit', limit);
      res.setHeader('X-RateLimit-Remaining', Math.max(0, limit - hit.totalHits));
      res.setHeader('X-RateLimit-Reset', hit.timeToExpire);
      if (!hit.isBlocked) return next();
      res.setHeader('Retry-After', hit.timeToBlockExpire);
      // The body is left unread: the connection closes after the answer instead of draining a large upload.
      res.setHeader('Connection', 'close');
      next(new ProblemException(429, `Te veel verzoeken: meer dan ${limit} per minuut; probeer het over ${hit.timeToBlockExpire} seconden opnieuw`));
    } catch (err) {
      next(err);
    }
  };
}
