import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Observable, concatMap } from 'rxjs';
import { INZAGE_KEY } from './inzage.decorator';
import { InzageService, lezerOf } from './inzage.service';
import { traceFrom, traceparentOf } from './trace-context';

/** `GET /api/v1/trajecten/:id` for the route that answered. */
export const endpointOf = (req: Request): string =>
  `${req.method} ${(req.baseUrl ?? '') + ((req.route as { path?: string } | undefined)?.path ?? req.path)}`;

/**
 * Global; acts only on routes marked `@Inzage()`. Answers a `traceparent`, and records the read in the access log
 * after the handler succeeded and before its answer is sent. If the record cannot be written, the read fails.
 */
@Injectable()
export class InzageInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, private readonly inzage: InzageService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http' || !this.reflector.get<boolean>(INZAGE_KEY, ctx.getHandler())) return next.handle();
    const req = ctx.switchToHttp().getRequest<Request>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const trace = traceFrom(req.headers.traceparent);
    res.setHeader('traceparent', traceparentOf(trace));
    const trajectId = String(req.params.id);
    return next.handle().pipe(
      concatMap(async (body) => {
        await this.inzage.trajectIngezien(trajectId, {
          lezer: lezerOf(req),
          trace,
          endpoint: endpointOf(req),
          correlationId: (req as Request & { id?: string }).id ?? randomUUID(),
        });
        return body;
      }),
    );
  }
}
