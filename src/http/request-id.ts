import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Accept a caller's id only when it is short and harmless in a header and a log line. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

type WithId = IncomingMessage & { id?: string | number | object };

/**
 * The request's id: the incoming `X-Request-Id` when acceptable, else a new UUID.
 * Idempotent: the first call fixes `req.id` and echoes it as a response header; later calls return it.
 * Used both as pino-http's `genReqId` and as the first middleware (so errors raised before pino-http,
 * such as malformed JSON, still carry the header).
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const r = req as WithId;
  if (typeof r.id === 'string') return r.id;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  r.id = id;
  if (!res.headersSent) res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

export function requestIdMiddleware(req: IncomingMessage, res: ServerResponse, next: NextFunction): void {
  requestId(req, res);
  next();
}
