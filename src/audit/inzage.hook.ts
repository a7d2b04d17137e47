import type { FastifyInstance, FastifyReply } from 'fastify';
import type { HttpRequest } from '../http/http-types';
import { randomUUID } from 'node:crypto';
import { InzageService, lezerOf } from './inzage.service';
import { traceFrom, traceparentOf } from './trace-context';

/** The Fastify route config key `@Inzage()` sets (inzage.decorator.ts). */
export const INZAGE_KEY = 'ie:inzage';

/** `GET /api/v1/trajecten/:id` for the route that answered. */
export const endpointOf = (req: HttpRequest): string => `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;

/**
 * For the routes `@Inzage()` marks: answers a `traceparent`, and records a successful read in the access log after the
 * handler answered and before a byte of it is sent (an onSend hook). If the record cannot be written, the read fails:
 * the error goes to the problem filter, which answers it instead.
 *
 * A Fastify hook, not a Nest interceptor: Nest runs an interceptor through rxjs and two `AsyncResource.bind` per call
 * (each defining deprecated accessors), ~7% of a read's CPU in a profile of `npm run bench:http`.
 */
export function inzageHook(fastify: FastifyInstance, inzage: InzageService): void {
  // Callback style: every answer passes here, and only these routes wait for anything.
  fastify.addHook('onSend', (request, reply: FastifyReply, payload, done: (err: Error | null, payload?: unknown) => void) => {
    if (request.routeOptions.config?.[INZAGE_KEY as never] !== true) return done(null, payload);
    const req = request as HttpRequest;
    const trace = traceFrom(req.headers.traceparent);
    reply.header('traceparent', traceparentOf(trace));
    if (reply.statusCode < 200 || reply.statusCode >= 300) return done(null, payload);
    inzage.trajectIngezien(String((req.params as { id?: string }).id), {
      lezer: lezerOf(req),
      trace,
      endpoint: endpointOf(req),
      correlationId: req.id ?? randomUUID(),
    }).then(
      () => done(null, payload),
      (err: Error) => {
        // The problem filter answers instead; the read's own headers do not belong on that answer.
        reply.removeHeader('etag');
        done(err);
      },
    );
  });
}
