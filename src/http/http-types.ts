import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Gebruiker } from '../auth/gebruiker';

/**
 * The request and reply types of the HTTP shell (Fastify, through @nestjs/platform-fastify). Controllers that need
 * `@Req()`/`@Res()` use these, never a framework type of their own: `req.headers`, `req.body`, `req.params`, `req.id`
 * (the request id), `req.user` (set by the auth guard); `reply.status(n).header(k, v).send(body)`, and `reply.raw` (the
 * Node ServerResponse) for streams.
 */
export type HttpRequest = FastifyRequest & { user?: Gebruiker };
export type HttpReply = FastifyReply;
