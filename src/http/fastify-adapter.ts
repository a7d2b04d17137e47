import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config';
import { requestId } from './request-id';

/** The largest body the API reads (100 KiB): anything larger is a 413 before it is read. */
export const BODY_LIMIT_BYTES = 100 * 1024;

/** TRUST_PROXY as Fastify (proxy-addr, as Express) takes it: a hop count, true/false, or addresses and subnets. */
function trustProxyOf(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * The HTTP server under Nest: Fastify. Its own logger is off (nestjs-pino logs every request); the request id is
 * ours (X-Request-Id when acceptable); a path with a trailing slash is another path (the default; ADR no-trailing-slash).
 * main.ts and the e2e tests' createApp both build it here; create the app with `{ bodyParser: false }`
 * (src/http/request-pipeline.ts registers the one JSON parser).
 */
export function createHttpAdapter(config: Pick<AppConfig, 'trustProxy'>): FastifyAdapter {
  return new FastifyAdapter({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustProxyOf(config.trustProxy),
    genReqId: requestId,
  });
}
