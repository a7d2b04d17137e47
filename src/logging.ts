import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { AppConfig } from './config';
import { requestId } from './http/request-id';

const PROBES = new Set(['/health', '/ready']);

/** Structured JSON logs (one line per request, with its request id); never pretty-printed, never secrets. */
export function loggerParams(config: AppConfig): Params {
  return {
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      genReqId: requestId,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[weggelaten]' },
      customLogLevel: (req: IncomingMessage, res: ServerResponse, err?: Error) => {
        if (err || res.statusCode >= 500) return 'error';
        if (res.statusCode >= 400) return 'warn';
        return PROBES.has(req.url ?? '') ? 'debug' : 'info';
      },
    },
  };
}
