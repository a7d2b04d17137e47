import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ValidationFailed } from '../trajectories/core/errors';
import { ProblemException } from './problem';

const logger = new Logger('BodyParser');

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
  limit?: number;
}

/**
 * Express error middleware right after the body parsers: their errors (malformed JSON, a body over the limit,
 * an unknown charset) become our own errors, so the problem filter answers them in Dutch.
 * These requests never reach pino-http, so they are logged here.
 */
export function translateBodyParserErrors(err: BodyParserError, req: Request, _res: Response, next: NextFunction): void {
  const translated = translate(err);
  if (translated !== err) logger.warn({ reqId: (req as { id?: unknown }).id, type: err.type, url: req.originalUrl }, err.message);
  next(translated);
}

function translate(err: BodyParserError): unknown {
  switch (err.type) {
    case 'entity.parse.failed':
      return new ValidationFailed('De body is geen geldige JSON', [{ veld: 'body', fouten: [err.message] }]);
    case 'entity.too.large':
      return new ProblemException(413, `De body is groter dan de toegestane ${err.limit ?? ''} bytes`.replace('  ', ' '));
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ProblemException(415, err.message);
    default:
      return err;
  }
}
