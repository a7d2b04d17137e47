import type { FastifyReply, FastifyRequest } from 'fastify';

/** The `API-Version` header (NL API Design Rules): the package version, on every response. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const API_VERSION: string = (require('../../package.json') as { version: string }).version;

/** onRequest hook: on every answer, errors included (a handler may override it, as DUO's Notificatie API does). */
export function apiVersionHeader(_req: FastifyRequest, reply: FastifyReply, done: () => void): void {
  reply.header('API-Version', API_VERSION);
  done();
}
