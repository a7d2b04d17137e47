import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, finalize } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config';
import { ProblemException } from '../http/problem';
import { Gebruiker } from './gebruiker';

/** Nest marks `@Sse()` handlers with this metadata key (@nestjs/common constants SSE_METADATA). */
const SSE_METADATA = '__sse__';

/**
 * A cap on open Server-Sent Events connections, per user and in total (SSE_MAX_CONNECTIONS_PER_USER,
 * SSE_MAX_CONNECTIONS): each holds a socket and a subscription for as long as the client likes. Over the user's
 * cap: 429; over the total: 503. A connection counts until its stream is unsubscribed (the client went away).
 * Bound with `@UseInterceptors(SseLimitInterceptor)` on the `@Sse()` route (dashboards.controller.ts), not globally: a
 * global interceptor sends every request through rxjs and AsyncResource.bind. Nest makes one instance per module
 * that binds it; the one SSE route lives in ProjectionsModule, so the total is one count.
 */
@Injectable()
export class SseLimitInterceptor implements NestInterceptor {
  private total = 0;
  private readonly perUser = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !Reflect.getMetadata(SSE_METADATA, context.getHandler())) return next.handle();
    const user = context.switchToHttp().getRequest<{ user?: Gebruiker }>().user;
    const key = user?.sub ?? '(anoniem)';
    const own = this.perUser.get(key) ?? 0;
    if (own >= this.config.sseMaxConnectionsPerUser) {
      throw new ProblemException(429, `Te veel open verbindingen: hoogstens ${this.config.sseMaxConnectionsPerUser} per gebruiker; sluit er een`);
    }
    if (this.total >= this.config.sseMaxConnections) {
      throw new ProblemException(503, `Te veel open verbindingen (hoogstens ${this.config.sseMaxConnections}); probeer het later opnieuw`);
    }
    this.total++;
    this.perUser.set(key, own + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.perUser.get(key) ?? 1) - 1;
      if (left > 0) this.perUser.set(key, left);
      else this.perUser.delete(key);
    };
    return next.handle().pipe(finalize(release));
  }

  /** Open connections, for tests and /ready-style reporting. */
  open(): { total: number; perUser: Record<string, number> } {
    return { total: this.total, perUser: Object.fromEntries(this.perUser) };
  }
}
