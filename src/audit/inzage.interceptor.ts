import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpReply, HttpRequest } from '../http/http-types';
import { randomUUID } from 'node:crypto';
import { Observable, concatMap } from 'rxjs';
export const INZAGE_KEY = 'ie:inzage';
import { InzageService, lezerOf } from './inzage.service';
import { traceFrom, traceparentOf } from './trace-context';

/** `GET /api/v1/trajecten/:id` for the route that answered. */
export const endpointOf = (req: HttpRequest): string => `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;

/**
 * Bound by `@Inzage()` to the routes it marks (inzage.decorator.ts). Answers a `traceparent`, and records the read in the access log
 * after the handler succeeded and before its answer is sent. If the record cannot be written, the read fails.
 */
@Injectable()
export class InzageInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, private readonly inzage: InzageService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http' || !this.reflector.get<boolean>(INZAGE_KEY, ctx.getHandler())) return next.handle();
    const req = ctx.switchToHttp().getRequest<HttpRequest>();
    const res = ctx.switchToHttp().getResponse<HttpReply>();
    const trace = traceFrom(req.headers.traceparent);
    res.header('traceparent', traceparentOf(trace));
    const trajectId = String((req.params as { id?: string }).id);
    return next.handle().pipe(
      concatMap(async (body) => {
        await this.inzage.trajectIngezien(trajectId, {
          lezer: lezerOf(req),
          trace,
          endpoint: endpointOf(req),
          correlationId: req.id ?? randomUUID(),
        });
        return body;
      }),
    );
  }
}
