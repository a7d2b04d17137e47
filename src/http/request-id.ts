import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Accept a caller's id only when it is short and harmless in a header and a log line. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id: the incoming `X-Request-Id` when acceptable, else a new UUID. Fastify's `genReqId` (so it is
 * `request.id`, and the request logger's `req.id`), echoed as a response header by `requestIdHeader`.
 */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
}

/** onRequest hook, before everything that can fail, so every answer (errors too) carries the id. */
export function requestIdHeader(req: FastifyRequest, reply: FastifyReply, done: () => void): void {
  reply.header(REQUEST_ID_HEADER, req.id);
  done();
}
