import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { AppConfig } from './config';

const PROBES = new Set(['/health', '/ready']);
/** Query parameters whose values are personal data (a search by BSN or name): never in a log line. */
const PERSONAL_QUERY = /([?&](?:bsn|naam)=)[^&#]*/gi;

/** A URL as it may be logged: the values of `bsn` and `naam` in its query replaced. */
export const loggableUrl = (url: string): string => url.replace(PERSONAL_QUERY, '$1[weggelaten]');

interface SerializedReq {
  url?: string;
  query?: unknown;
  [key: string]: unknown;
}

/**
 * Structured JSON logs (one line per request, with its request id); never pretty-printed, never secrets, never a
 * BSN or a name from a search's query. The response is logged by its status only (its headers are the same on every
 * answer and made each line five times longer).
 */
export function loggerParams(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      // Fastify's request id (src/http/request-id.ts), which @fastify/middie puts on the raw request.
      genReqId: (req: IncomingMessage) => String((req as IncomingMessage & { id?: unknown }).id ?? ''),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[weggelaten]' },
      serializers: {
        req: (req: SerializedReq) => {
          const { query: _query, ...rest } = req;
          return { ...rest, url: loggableUrl(String(req.url ?? '')) };
        },
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) => {
        if (err || res.statusCode >= 500) return 'error';
        if (res.statusCode >= 400) return 'warn';
        return PROBES.has(req.url ?? '') ? 'debug' : 'info';
      },
    },
  };
}
