import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from './problem';

/** The path of a request, without its query. */
export const pathOf = (req: FastifyRequest): string => {
  const q = req.url.indexOf('?');
  return q === -1 ? req.url : req.url.slice(0, q);
};

/**
 * ADR "no-trailing-slash": a path ending in `/` is another resource, which does not exist: 404 problem+json
 * (via the problem filter). Swagger UI's own pages (`except`) keep their slashes. An onRequest hook.
 */
export function geenSlashAanHetEind(except: string[] = []) {
  return (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void => {
    const path = pathOf(req);
    if (path.length > 1 && path.endsWith('/') && !except.some((e) => path.startsWith(e))) {
      done(new ProblemException(404, `Er is geen ${req.method} ${path} in deze API (zonder / aan het eind?)`));
      return;
    }
    done();
  };
}

/**
 * `Cache-Control: no-store` on every answer under `prefix` (case views, lists, audit pages all carry personal data;
 * AVG art. 32), except the public documents in `except`, which may be cached. An onRequest hook.
 */
export function geenOpslagVanPersoonsgegevens(prefix: string, except: string[] = []) {
  return (req: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const path = pathOf(req);
    if (path.startsWith(prefix) && !except.some((e) => path.startsWith(e))) reply.header('Cache-Control', 'no-store');
    done();
  };
}
