import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { rateLimitMiddleware } from '../auth/rate-limit';
import { translateBodyParserErrors } from './body-parser-errors';
import { checkBodyShape, requireJsonBody } from './limits';

/**
 * Limits before work, in this order: the rate limit (before anything of the body is read), the media type (415),
 * the JSON parser with its size limit (413), its errors as problems, then the body's depth, keys and numbers (400).
 * No form parser: the API speaks JSON only.
 */
export function useRequestPipeline(app: INestApplication, bodyLimit: string): void {
  const express = app as NestExpressApplication;
  express.use(rateLimitMiddleware(app));
  express.use(requireJsonBody);
  express.useBodyParser('json', { limit: bodyLimit, type: ['application/json', 'application/*+json'] });
  express.use(translateBodyParserErrors);
  express.use(checkBodyShape);
}
