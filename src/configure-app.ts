import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { APP_CONFIG, AppConfig } from './config';
import { mountConsole } from './console/serve-console';
import { API_VERSION, apiVersionHeader } from './http/api-version';
import { translateBodyParserErrors } from './http/body-parser-errors';
import { ProblemFilter } from './http/problem.filter';
import { requestIdMiddleware } from './http/request-id';
import { createValidationPipe } from './http/validation';
import { markeerDatums } from './trajectories/core/validators';

/** Every resource lives under this prefix; the operational endpoints stay outside it. */
export const API_PREFIX = 'api/v1';
export const UNPREFIXED_ROUTES = ['health', 'ready'];
export const BODY_LIMIT = '100kb';

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
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  express.use(translateBodyParserErrors);
  mountConsole(app); // the web console's files under /console (src/console/serve-console.ts)

  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  // Authentication, authorization and the rate limit are the global guard of src/auth/auth.module.ts.
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

/** OpenAPI 3 document at /api/v1/openapi.json, Swagger UI at /api/v1/docs. */
function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('inburgering-engine')
    .setDescription(
      'Event-sourced zaakbehandeling voor de Wet inburgering 2021. Fouten zijn application/problem+json (RFC 9457); ' +
        'elk antwoord draagt een API-Version-header.',
    )
    .setVersion(API_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Een JWT met sub, name en rollen (ontwikkeling: npm run token)' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  markeerDatums(document.components?.schemas);
  SwaggerModule.setup('docs', app, document, {
    useGlobalPrefix: true,
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
  });
}
