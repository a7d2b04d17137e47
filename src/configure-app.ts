import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cors from 'cors';
import helmet from 'helmet';
import { APP_CONFIG, AppConfig } from './config';
import { mountConsole } from './console/serve-console';
import { apiVersionHeader } from './http/api-version';
import { geenOpslagVanPersoonsgegevens, geenSlashAanHetEind } from './http/paden';
import { ProblemFilter } from './http/problem.filter';
import { requestIdMiddleware } from './http/request-id';
import { useRequestPipeline } from './http/request-pipeline';
import { createValidationPipe } from './http/validation';
import { buildOpenApiDocument } from './openapi/document';

/** Every resource lives under this prefix; the operational endpoints stay outside it. */
export const API_PREFIX = 'api/v1';
export const UNPREFIXED_ROUTES = ['health', 'ready'];
export const BODY_LIMIT = '100kb';
/** Where the OpenAPI document and Swagger UI are served (under the prefix). */
export const OPENAPI_JSON = `/${API_PREFIX}/openapi.json`;
export const DOCS = `/${API_PREFIX}/docs`;

/**
 * Everything about the HTTP shell that is not a module: main.ts and the e2e tests both call this,
 * so the app under test is the app in production. Call before `init()`/`listen()`.
 */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // The client address for the per-address rate limit, when a reverse proxy sits in front (TRUST_PROXY).
  const { trustProxy } = app.get<AppConfig>(APP_CONFIG);
  if (trustProxy) express.set('trust proxy', /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  // Security headers (CSP, HSTS, nosniff, frame-ancestors, ...). Helmet's default CSP lets Swagger UI run: its
  // scripts and styles are served from /api/v1/docs itself, nothing inline but styles. Without
  // upgrade-insecure-requests, so that the docs also load over plain http on an intranet host (TLS ends at the proxy).
  express.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // Order matters: these run before Nest's own middleware (pino-http) and routes.
  express.use(apiVersionHeader);
  express.use(requestIdMiddleware);
  // ADR publish-openapi: the document is readable from any origin (a developer portal, an editor), preflight included.
  express.use(OPENAPI_JSON, cors({ origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'] }));
  // ADR no-trailing-slash: /api/v1/trajecten/ is not /api/v1/trajecten.
  express.use(geenSlashAanHetEind([DOCS, '/console'])); // the console is a web app, not the API
  // Answers about people must not stay in a browser's or proxy's cache.
  express.use(geenOpslagVanPersoonsgegevens(`/${API_PREFIX}/`, [OPENAPI_JSON, DOCS]));
  useRequestPipeline(app, BODY_LIMIT);
  mountConsole(app); // the web console's files under /console (src/console/serve-console.ts)

  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  // Authentication, authorization and the rate limit are the global guard of src/auth/auth.module.ts.
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
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
