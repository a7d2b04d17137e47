import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { AppConfig } from '../config';
import { ProblemException } from '../http/problem';
import { Gebruiker } from './gebruiker';

const MINUTE_MS = 60_000;

type AuthRequest = Request & { user?: Gebruiker };

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<AuthRequest>();
const limitFor = (config: AppConfig, req: AuthRequest) => (req.user ? config.rateLimitPerMinute : config.rateLimitAnonymousPerMinute);

/**
 * One fixed window of a minute per user (the token's `sub`), and per client address for calls without a valid
 * token (RATE_LIMIT_PER_MINUTE, RATE_LIMIT_ANONYMOUS_PER_MINUTE; 0 turns one off). In memory, per process: with
 * several instances each counts for itself.
 */
export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: MINUTE_MS, limit: (context) => limitFor(config, requestOf(context)) }],
    skipIf: (context) => limitFor(config, requestOf(context)) <= 0,
  };
}

/**
 * @nestjs/throttler's guard, called by the AuthGuard once it knows who is calling (so it is no guard of its own).
 * The library sets `Retry-After` (seconds) and the X-RateLimit-* headers; the answer is a 429 problem.
 */
@Injectable()
export class RateLimiter extends ThrottlerGuard {
  /** The token's subject; the client address (IPv6 by /64, the library's default) without a valid token. */
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const user = (req as AuthRequest).user;
    return user ? `sub:${user.sub}` : `ip:${await super.getTracker(req)}`;
  }

  /** Not per route (the library's default): the limit is for everything one user or one address does. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new ProblemException(429, `Te veel verzoeken: meer dan ${detail.limit} per minuut; probeer het over ${detail.timeToBlockExpire} seconden opnieuw`);
  }
}
