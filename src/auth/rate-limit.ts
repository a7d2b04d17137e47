import { INestApplication } from '@nestjs/common';
import { ThrottlerModuleOptions, ThrottlerStorage, getStorageToken, normalizeIp } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config';
import { pathOf } from '../http/paden';
import { ProblemException } from '../http/problem';
import { identify } from './identify';
import { FixedWindowStorage } from './fixed-window-storage';
import { TokenVerifier } from './token-verifier';

const MINUTE_MS = 60_000;
/** Probes are never limited: a platform's health check must not see 429. */
const PROBES = new Set(['/health', '/ready']);

/** The module options; the limits themselves are applied by `rateLimitHook`, counted in fixed windows (fixed-window-storage.ts). */
export function throttlerOptions(): ThrottlerModuleOptions {
  return { throttlers: [{ name: 'default', ttl: MINUTE_MS, limit: 1 }], storage: new FixedWindowStorage() };
}

/**
 * One fixed window of a minute per user (the token's `sub`), and per client address (IPv6 by /64) for calls
 * without a valid token (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_ANONYMOUS_PER_MINUTE; 0 turns one off). In memory, per
 * process: with several instances each counts for itself.
 *
 * A Fastify onRequest hook, so it runs before the body is read or parsed (that is the preParsing/preValidation
 * phase), and every answer carries X-RateLimit-Limit/-Remaining/-Reset, a 429 too (with Retry-After).
 */
export function rateLimitHook(app: INestApplication) {
  const config = app.get<AppConfig>(APP_CONFIG);
  const storage = app.get<ThrottlerStorage>(getStorageToken());
  const verifier = app.get(TokenVerifier);
  const count = (key: string, limit: number) =>
    storage instanceof FixedWindowStorage ? storage.hit(key, MINUTE_MS, limit) : storage.increment(key, MINUTE_MS, limit, 0, 'default');
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (PROBES.has(pathOf(req))) return;
    const { user } = await identify(req, verifier);
    const limit = user ? config.rateLimitPerMinute : config.rateLimitAnonymousPerMinute;
    if (limit <= 0) return;
    const tracker = user ? `sub:${user.sub}` : `ip:${normalizeIp(req.ip ?? req.socket.remoteAddress ?? '')}`;
    const hit = await count(`default:${tracker}`, limit);
    reply.header('X-RateLimit-Limit', limit);
    reply.header('X-RateLimit-Remaining', Math.max(0, limit - hit.totalHits));
    reply.header('X-RateLimit-Reset', hit.timeToExpire);
    if (!hit.isBlocked) return;
    reply.header('Retry-After', hit.timeToBlockExpire);
    // The body is left unread: the connection closes after the answer instead of draining a large upload.
    reply.header('Connection', 'close');
    throw new ProblemException(429, `Te veel verzoeken: meer dan ${limit} per minuut; probeer het over ${hit.timeToBlockExpire} seconden opnieuw`);
  };
}
