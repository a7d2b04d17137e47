import { INestApplication, InjectionToken, ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { APP_CONFIG, AppConfig, loadConfig } from './config';
import { configureApp } from './configure-app';
import { Clock } from './events/clock';
import { createHttpAdapter } from './http/fastify-adapter';

/** The HS256 secret e2e tests sign their tokens with (test/support/auth.ts). Never used outside tests. */
export const TEST_JWT_SECRET = 'inburgering-engine-e2e-secret-not-for-production-0123456789';

export interface CreateAppOptions {
  /** Merged over the defaults. Without `sqlitePath` the app gets a fresh SQLite file in a temp folder. */
  config?: Partial<AppConfig>;
  /** Usually a FixedClock, so the test decides what "now" is. */
  clock?: Clock;
  /** Replace any provider by token, e.g. `{ provide: EventStore, useValue: failingStore }`. */
  overrideProviders?: { provide: InjectionToken; useValue: unknown }[];
  /** Extra modules next to AppModule (e.g. a probe controller in a test). */
  imports?: ModuleMetadata['imports'];
}

export interface RegisteredRoute {
  method: string;
  path: string;
}
const registeredRoutes = new WeakMap<INestApplication, RegisteredRoute[]>();

/** Every route the app's Fastify instance registered (controllers, Swagger UI, console), as built by createApp. */
export const routesOf = (app: INestApplication): RegisteredRoute[] => registeredRoutes.get(app) ?? [];

/**
 * Builds the real application for e2e tests: AppModule, the same HTTP adapter and `configureApp` as main.ts,
 * initialised and ready (`app.getHttpServer()` answers; `app.listen(0)` works too).
 * Hermetic: the environment's store settings are ignored; logs are silent unless LOG_LEVEL is set; the
 * deadline scheduler is off unless the test turns it on.
 * A temp folder it created is removed on `app.close()`.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  const tempDir = options.config?.sqlitePath ? undefined : mkdtempSync(join(tmpdir(), 'inburgering-e2e-'));
  const config: AppConfig = {
    ...loadConfig({}),
    logLevel: process.env.LOG_LEVEL ?? 'silent',
    // Tests decide when deadlines fire (Scheduler.tick, or `config: { schedulerEnabled: true }`).
    schedulerEnabled: false,
    // Tokens signed with TEST_JWT_SECRET (test/support/auth.ts); a test may set its own auth settings.
    authJwtSecret: TEST_JWT_SECRET,
    ...(tempDir ? { sqlitePath: join(tempDir, 'events.sqlite'), projectionsPath: join(tempDir, 'projections.sqlite') } : {}),
    ...options.config,
  };

  let builder = Test.createTestingModule({ imports: [AppModule, ...(options.imports ?? [])] })
    .overrideProvider(APP_CONFIG)
    .useValue(config);
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  for (const { provide, useValue } of options.overrideProviders ?? []) {
    builder = builder.overrideProvider(provide).useValue(useValue);
  }
  const moduleRef = await builder.compile();

  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), { bufferLogs: true, bodyParser: false });
  const fastify = app.getHttpAdapter().getInstance();
  const routes: RegisteredRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, path: route.url });
  });
  registeredRoutes.set(app, routes);
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.init();
  // Fastify loads its plugins (static files, Swagger UI) at `ready()`; supertest's app.getHttpServer() needs them.
  await fastify.ready();

  if (tempDir) {
    const close = app.close.bind(app);
    app.close = async () => {
      await close();
      rmSync(tempDir, { recursive: true, force: true });
    };
  }
  return app;
}
