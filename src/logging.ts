import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger, type Params } from 'nestjs-pino';
import { AppConfig } from './config';

const PROBES = new Set(['/health', '/ready']);
/** Query parameters whose values are personal data (a search by BSN or name): never in a log line. */
const PERSONAL_QUERY = /([?&](?:bsn|naam)=)[^&#]*/gi;

/** A URL as it may be logged: the values of `bsn` and `naam` in its query replaced. */
export const loggableUrl = (url: string): string => (url.includes('?') ? url.replace(PERSONAL_QUERY, '$1[weggelaten]') : url);

interface SerializedReq {
  url?: string;
  query?: unknown;
  [key: string]: unknown;
}

/** The level of a request's line: errors loudest, refusals as warnings, the probes (polled every few seconds) as debug. */
export function levelOf(url: string | undefined, statusCode: number, err?: Error): 'error' | 'warn' | 'info' | 'debug' {
  if (err || statusCode >= 500) return 'error';
  if (statusCode >= 400) return 'warn';
  return PROBES.has(url ?? '') ? 'debug' : 'info';
}

/**
 * Structured JSON logs (one line per request, with its request id); never pretty-printed, never secrets, never a
 * BSN or a name from a search's query. The response is logged by its status only (its headers are the same on every
 * answer and made each line five times longer).
 *
 * nestjs-pino gives the Nest logger (every `new Logger(...)` line, as JSON through pino); it binds no middleware
 * (`forRoutes: []`): its request middleware ran every request through @fastify/middie, pino-http's child logger and an
 * AsyncLocalStorage, whose promise hooks then cost on every promise of the process (together ~10% of a command's CPU,
 * measured). The request's line is written by `requestLog` instead; a line logged while handling a request names it by
 * `reqId` where the request is at hand (problem filter, auth guard, exports).
 */
export function loggerParams(config: AppConfig): Params {
  return {
    forRoutes: [],
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[weggelaten]' },
      serializers: {
        req: (req: SerializedReq) => {
          const { query: _query, ...rest } = req;
          return { ...rest, url: loggableUrl(String(req.url ?? '')) };
        },
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}

/**
 * The request's line, as pino-http wrote it (`req`, `res.statusCode`, `responseTime`, "request completed" / "request
 * errored" / "request aborted"), when the Node response closes: after the last byte, also for answers Fastify does not
 * send itself (a streamed export after `reply.hijack()`, SSE) and for a client that went away. An onRequest hook.
 * (Not the access log of src/audit, which records who read which dossier.)
 */
export function requestLog(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const started = Date.now();
    const raw = reply.raw;
    raw.once('close', () => logRequest(request.raw as IncomingMessage & { id?: unknown }, raw, request.id, started));
    done();
  });
}

function logRequest(req: IncomingMessage & { id?: unknown }, res: ServerResponse, id: string, started: number): void {
  const logger = PinoLogger.root;
  const level = levelOf(req.url, res.statusCode);
  if (!logger || !logger.isLevelEnabled(level)) return;
  req.id = id;
  // The response by its status alone (what the serializer keeps): pino's res serializer would first copy its headers.
  const line = { req, res: { statusCode: res.statusCode, headersSent: true }, responseTime: Date.now() - started };
  if (res.statusCode >= 500) logger[level]({ ...line, err: new Error(`failed with status code ${res.statusCode}`) }, 'request errored');
  else logger[level](line, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
}
