import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ProblemException } from '../http/problem';
import { Gebruiker } from './gebruiker';
import { RateLimiter } from './rate-limit';
import { PUBLIEK_KEY, ROLLEN_KEY, Rol } from './rollen.decorator';
import { SleutelsOnbereikbaar, TokenGeweigerd, TokenVerifier } from './token-verifier';

type AuthRequest = Request & { user?: Gebruiker };

const REALM = 'inburgering-engine';

/**
 * The one global guard (APP_GUARD), in this order:
 * 1. a bearer token, when sent, is verified and becomes `req.user`;
 * 2. the rate limit counts the call, per user or else per address (429);
 * 3. `@Publiek()` lets everyone in; otherwise no valid token is a 401 and a role the endpoint's `@Rollen(...)` does
 *    not name is a 403. Default deny: an endpoint without `@Rollen` and without `@Publiek` is closed to every role.
 * The user acts in the first of their roles the endpoint allows (`req.user.rol`, the actor of the events it causes).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(RateLimiter) private readonly rateLimiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const targets = [context.getHandler(), context.getClass()];
    const publiek = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIEK_KEY, targets) === true;
    const rollen = this.reflector.getAllAndOverride<Rol[] | undefined>(ROLLEN_KEY, targets) ?? [];

    const weigering = await this.authenticate(req);
    await this.rateLimiter.canActivate(context);
    if (publiek) return true;

    const user = req.user;
    if (!user) {
      const error = weigering ? `, error="invalid_token", error_description="${weigering.replace(/[^\x20-\x7e]|"/g, "'")}"` : '';
      res.setHeader('WWW-Authenticate', `Bearer realm="${REALM}"${error}`);
      throw new ProblemException(401, weigering ?? 'Geen token: stuur Authorization: Bearer <JWT>');
    }
    const rol = user.rollen.find((r) => rollen.includes(r));
    if (!rol) {
      throw new ProblemException(
        403,
        rollen.length === 0
          ? 'Dit endpoint is voor geen enkele rol opengesteld'
          : `Dit mag alleen met de rol ${rollen.join(' of ')}; het token heeft ${user.rollen.length ? user.rollen.join(', ') : 'geen bekende rol'}`,
      );
    }
    user.rol = rol;
    return true;
  }

  /** Sets `req.user` for a valid token; returns why a token that was sent is refused. */
  private async authenticate(req: AuthRequest): Promise<string | undefined> {
    req.user = undefined;
    const header = req.headers.authorization;
    if (header === undefined) return undefined;
    const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
    if (!m) return 'De Authorization-header moet "Bearer <JWT>" zijn';
    try {
      const identity = await this.verifier.verify(m[1]);
      req.user = { ...identity, rol: identity.rollen[0] ?? 'onbekend' };
      return undefined;
    } catch (err) {
      if (err instanceof TokenGeweigerd) return err.message;
      if (err instanceof SleutelsOnbereikbaar) {
        this.logger.error({ err: err.cause }, err.message);
        throw new ProblemException(503, 'De identiteitsprovider is tijdelijk niet bereikbaar; probeer het later opnieuw');
      }
      throw err;
    }
  }
}
