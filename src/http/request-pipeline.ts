import { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { rateLimitHook } from '../auth/rate-limit';
import { parseJsonBody, requireJsonBody } from './limits';

/**
 * Limits before work, in this order: the rate limit (an onRequest hook: before anything of the body is read), the
 * media type (415), then Fastify reads the body up to its `bodyLimit` (413) and our JSON parser checks its syntax,
 * depth, keys and numbers (400). No form or text parser: the API speaks JSON only. The app is created with
 * `bodyParser: false`, so Nest adds no parser of its own.
 */
export function useRequestPipeline(app: INestApplication): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  fastify.addHook('onRequest', rateLimitHook(app));
  fastify.addHook('onRequest', requireJsonBody);
  fastify.removeAllContentTypeParsers();
  // Every media type: requireJsonBody let only JSON in UTF-8 through.
  fastify.addContentTypeParser('*', { parseAs: 'string' }, parseJsonBody);
}
