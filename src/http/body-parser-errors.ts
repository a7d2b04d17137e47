import { ProblemException } from './problem';

/** An error of Fastify's own (its router, its body reading): a code and a status, its message in English. */
interface FastifyError extends Error {
  code: string;
  statusCode?: number;
}

const isFastifyError = (e: unknown): e is FastifyError =>
  e instanceof Error && typeof (e as Partial<FastifyError>).code === 'string' && (e as FastifyError).code.startsWith('FST_');

/**
 * Fastify's errors before a handler runs (a body over the limit, a wrong Content-Length, a media type without a
 * parser) become our own errors, so the problem filter answers them in Dutch. Anything else is returned as it is.
 */
export function translateBodyParserError(err: unknown, bodyLimit?: number): unknown {
  if (!isFastifyError(err)) return err;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemException(413, `De body is groter dan de toegestane ${bodyLimit ?? ''} bytes`.replace('  ', ' '));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ProblemException(415, 'Een body moet application/json zijn');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ProblemException(400, 'De Content-Length klopt niet met de body');
    default:
      return err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? new ProblemException(err.statusCode, err.message) : err;
  }
}
