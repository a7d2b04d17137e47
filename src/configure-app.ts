import { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_CONFIG, AppConfig } from './config';
import { mountConsole } from './console/serve-console';
import { apiVersionHeader } from './http/api-version';
import { BODY_LIMIT_BYTES } from './http/fastify-adapter';
import { geenOpslagVanPersoonsgegevens, geenSlashAanHetEind, pathOf } from './http/paden';
import { ProblemFilter } from './http/problem.filter';
import { requestIdHeader } from './http/request-id';
import { useRequestPipeline } from './http/request-pipeline';
import { createValidationPipe } from './http/validation';
import { InzageService } from './audit/inzage.service';
import { inzageHook } from './audit/inzage.hook';
import { requestLog } from './logging';
import { buildOpenApiDocument } from './openapi/document';

/** Every resource lives under this prefix; the operational endpoints stay outside it. */
export const API_PREFIX = 'api/v1';
export const UNPREFIXED_ROUTES = ['health', 'ready'];
export const BODY_LIMIT = BODY_LIMIT_BYTES;
/** Where the OpenAPI document and Swagger UI are served (under the prefix). */
export const OPENAPI_JSON = `/${API_PREFIX}/openapi.json`;
export const DOCS = `/${API_PREFIX}/docs`;

/**
 * Everything about the HTTP shell that is not a module: main.ts and the e2e tests both call this,
 * so the app under test is the app in production. Call on an app made with `createHttpAdapter` and
 * `{ bodyParser: false }`, before `init()`/`listen()`.
 *
 * Fastify runs the onRequest hooks below in the order they are added, before the body is read and before Nest's
 * own middleware (the request logger), then the body parser (request-pipeline.ts), then the guard and the route.
 */
export function configureApp(app: INestApplication): INestApplication {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  // First: every request gets its log line, also one a later hook refuses (rate limit, media type, trailing slash).
  requestLog(fastify);
  // Security headers (CSP, HSTS, nosniff, frame-ancestors, ...), on every answer, errors included. Helmet's default CSP
  // lets Swagger UI run: its scripts and styles are served from /api/v1/docs itself, nothing inline but styles. Without
  // upgrade-insecure-requests, so that the docs also load over plain http on an intranet host (TLS ends at the proxy).
  // Helmet's headers, computed once: with this configuration (no nonces, no functions) they are the same on every
  // answer, so running its middleware chain per request only repeated the work.
  const securityHeaders = headersOf(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  fastify.addHook('onRequest', (_req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const res = reply.raw;
    for (const [name, value] of securityHeaders.set) res.setHeader(name, value);
    for (const name of securityHeaders.removed) res.removeHeader(name);
    done();
  });
  fastify.addHook('onRequest', apiVersionHeader);
  fastify.addHook('onRequest', requestIdHeader);
  // ADR publish-openapi: the document is readable from any origin (a developer portal, an editor), preflight included.
  fastify.addHook('onRequest', openApiCors);
  // ADR no-trailing-slash: /api/v1/trajecten/ is not /api/v1/trajecten.
  fastify.addHook('onRequest', geenSlashAanHetEind([DOCS, '/console'])); // the console is a web app, not the API
  // Answers about people must not stay in a browser's or proxy's cache.
  fastify.addHook('onRequest', geenOpslagVanPersoonsgegevens(`/${API_PREFIX}/`, [OPENAPI_JSON, DOCS]));
  useRequestPipeline(app);
  // The access log of every @Inzage() route (src/audit/inzage.hook.ts).
  inzageHook(fastify, app.get(InzageService));
  // The web console's files under /console (src/console/serve-console.ts).
  mountConsole(fastify, { issuer: app.get<AppConfig>(APP_CONFIG).authIssuer });

  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  // Authentication, authorization and the rate limit are the global guard of src/auth/auth.module.ts.
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(BODY_LIMIT_BYTES));
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

/**
 * What a (req, res, next) middleware does to the headers of an answer, recorded once: the headers it sets and those it
 * removes. Refuses a middleware that does anything else or answers asynchronously (its headers might then differ per
 * request).
 */
export function headersOf(middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void) {
  const set = new Map<string, string | number | readonly string[]>();
  const removed = new Set<string>();
  let called = false;
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => (removed.delete(name), set.set(name, value), res),
    removeHeader: (name: string) => void (set.delete(name), removed.add(name)),
    getHeader: (name: string) => set.get(name),
  };
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, res as unknown as ServerResponse, (err) => {
    if (err) throw err;
    called = true;
  });
  if (!called) throw new Error('de middleware riep next() niet meteen aan');
  return { set: [...set], removed: [...removed] };
}

/**
 * CORS for the OpenAPI document only (what the `cors` package did there): `Access-Control-Allow-Origin: *` on its
 * answers, and a preflight (OPTIONS with Access-Control-Request-Method) answered 204 with the allowed methods and the
 * requested headers.
 */
function openApiCors(req: FastifyRequest, reply: FastifyReply, done: () => void): void {
  // startsWith first: this hook runs on every request, the document is one path among all.
  if (!req.url.startsWith(OPENAPI_JSON) || pathOf(req) !== OPENAPI_JSON) return done();
  reply.header('Access-Control-Allow-Origin', '*');
  if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return done();
  reply.header('Access-Control-Allow-Methods', 'GET,HEAD,OPTIONS');
  const requested = req.headers['access-control-request-headers'];
  if (requested) reply.header('Access-Control-Allow-Headers', requested).header('Vary', 'Access-Control-Request-Headers');
  reply.header('Content-Length', '0').status(204).send();
}

/** OpenAPI 3 document at /api/v1/openapi.json (src/openapi/document.ts), Swagger UI at /api/v1/docs. */
function setUpOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app, UNPREFIXED_ROUTES);
  SwaggerModule.setup('docs', app, document, {
    useGlobalPrefix: true,
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
  });
}
