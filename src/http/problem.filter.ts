import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConcurrencyConflict, EventStoreUnavailable } from '../events/errors';
import { CommandRejected, NotFound, StaleRevision, ValidationFailed } from '../trajectories/core/errors';
import { translateBodyParserError } from './body-parser-errors';
import { pathOf } from './paden';
import { PROBLEM_CONTENT_TYPE, Problem, ProblemException, problemFor } from './problem';

const GENERIC_DETAIL = 'Er ging iets mis bij het verwerken van dit verzoek. Vermeld het X-Request-Id bij een melding.';


/** Nest's router says "Cannot GET /x"; say it in Dutch. */
function httpExceptionDetail(exception: HttpException): string {
  const body = exception.getResponse();
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
  const route = /^Cannot (\w+) (.*)$/.exec(text);
  return route ? `Er is geen ${route[1]} ${route[2]} in deze API` : text;
}

/**
 * Maps the closed error vocabulary (and everything else) to `application/problem+json` (RFC 9457), once for the
 * whole application. Anything unexpected is a 500 with a generic detail: stack traces and SQL go to the log only.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  /** @param bodyLimit in bytes, named in the 413's detail. */
  constructor(private readonly bodyLimit?: number) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const { type, title, status, detail, ...extensions } = this.toProblem(translateBodyParserError(exception, this.bodyLimit), req);
    const problem: Problem = { type, title, status, detail, instance: pathOf(req), ...extensions };
    const raw = reply.raw;
    if (raw.headersSent) {
      this.logger.error({ err: exception, status: problem.status, reqId: req.id }, 'Fout nadat het antwoord al begonnen was');
      if (!raw.writableEnded) raw.end();
      return;
    }
    if (reply.sent) {
      // A handler that took the Node response over (a streamed export, `reply.hijack()`) failed before its first byte:
      // the problem goes out on that response.
      raw.statusCode = problem.status;
      raw.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
      raw.end(JSON.stringify(problem));
      return;
    }
    reply.status(problem.status).header('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`).send(JSON.stringify(problem));
  }

  private toProblem(e: unknown, req: FastifyRequest): Problem {
    if (e instanceof ValidationFailed) return problemFor(400, e.message, { errors: e.errors });
    if (e instanceof NotFound) return problemFor(404, e.message);
    if (e instanceof StaleRevision) return problemFor(412, e.message, { revisie: e.revisie });
    if (e instanceof ConcurrencyConflict) {
      return problemFor(409, 'Het traject is gewijzigd terwijl dit verzoek liep; lees het opnieuw en probeer het nog eens', {
        revisie: e.actual - 1,
      });
    }
    if (e instanceof CommandRejected) {
      // `status` is the HTTP status in a problem (RFC 9457), so the machine's state value goes in `trajectStatus`.
      // `ontbrekendeVelden` only when a rule needs a field the body lacked: the machine-readable twin of the detail.
      const velden = e.ontbrekendeVelden.length ? { ontbrekendeVelden: e.ontbrekendeVelden } : {};
      return problemFor(422, e.message, { fase: e.fase, trajectStatus: e.status, toegestaneActies: e.toegestaneActies, ...velden });
    }
    if (e instanceof ProblemException) return problemFor(e.getStatus(), httpExceptionDetail(e), e.extensions);
    if (e instanceof HttpException) {
      if (e.getStatus() >= 500) this.logServerError(e, req);
      return problemFor(e.getStatus(), e.getStatus() >= 500 ? GENERIC_DETAIL : httpExceptionDetail(e));
    }
    this.logServerError(e, req);
    if (e instanceof EventStoreUnavailable) return problemFor(503, 'De event store is tijdelijk niet bereikbaar');
    return problemFor(500, GENERIC_DETAIL);
  }

  private logServerError(e: unknown, req: FastifyRequest): void {
    this.logger.error({ err: e, method: req.method, url: pathOf(req), reqId: req.id }, 'Onverwachte fout bij een verzoek');
  }
}
