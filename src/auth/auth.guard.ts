import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpReply, HttpRequest } from '../http/http-types';
import { ProblemException } from '../http/problem';
import { Gebruiker } from './gebruiker';
import { Verdict, identify } from './identify';
import { PUBLIEK_KEY, ROLLEN_KEY, Rol } from './rollen.decorator';
import { TokenVerifier } from './token-verifier';

const REALM = 'inburgering-engine';

interface Toegang {
  publiek: boolean;
  rollen: readonly Rol[];
}

/**
 * The one global guard (APP_GUARD), in this order:
 * 1. a bearer token, when sent, is verified and becomes `req.user`;
 * 2. (the rate limit counted the call before its body was read: rateLimitMiddleware in rate-limit.ts);
 * 3. `@Publiek()` lets everyone in; otherwise no valid token is a 401 and a role the endpoint's `@Rollen(...)` does
 *    not name is a 403. Default deny: an endpoint without `@Rollen` and without `@Publiek` is closed to every role.
 * The user acts in the first of their roles the endpoint allows (`req.user.rol`, the actor of the events it causes).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');
  private readonly toegang = new WeakMap<object, WeakMap<object, Toegang>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const res = context.switchToHttp().getResponse<HttpReply>();
    const { publiek, rollen } = this.toegangVan(context);

    const verdict = await identify(req, this.verifier);
    req.user = verdict.user ? { ...verdict.user } : undefined;
    if (publiek) return true;
    const weigering = this.weigering(verdict, req.id);

    const user = req.user;
    if (!user) {
      const error = weigering ? `, error="invalid_token", error_description="${weigering.replace(/[^\x20-\x7e]|"/g, "'")}"` : '';
      res.header('WWW-Authenticate', `Bearer realm="${REALM}"${error}`);
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

  /**
   * The endpoint's `@Publiek()` and `@Rollen(...)`, read once per handler: decorators are fixed when the class is
   * defined, and reading them through the Reflector on every request was ~0.6% of a command's CPU.
   */
  private toegangVan(context: ExecutionContext): Toegang {
    // Per class and handler: a subclass inherits its parent's handler functions, with decorators of its own.
    const handler = context.getHandler();
    const klasse = context.getClass();
    let perHandler = this.toegang.get(klasse);
    if (!perHandler) this.toegang.set(klasse, (perHandler = new WeakMap()));
    let toegang = perHandler.get(handler);
    if (!toegang) {
      const targets = [handler, klasse];
      toegang = {
        publiek: this.reflector.getAllAndOverride<boolean | undefined>(PUBLIEK_KEY, targets) === true,
        rollen: this.reflector.getAllAndOverride<Rol[] | undefined>(ROLLEN_KEY, targets) ?? [],
      };
      perHandler.set(handler, toegang);
    }
    return toegang;
  }

  /** Why a sent token is refused; an unreachable identity provider is the server's problem (503), not the client's. */
  private weigering(verdict: Verdict, reqId: string): string | undefined {
    if (verdict.onbereikbaar) {
      this.logger.error({ err: verdict.onbereikbaar.cause, reqId }, verdict.onbereikbaar.message);
      throw new ProblemException(503, 'De identiteitsprovider is tijdelijk niet bereikbaar; probeer het later opnieuw');
    }
    return verdict.weigering;
  }
}
