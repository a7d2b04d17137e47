import { Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import Database from 'better-sqlite3';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, AppConfig } from '../config';
import { EventStore } from '../events/event-store';
import { ReadinessResult, ReadinessService } from '../health/readiness.service';
import { ambitiesProjection } from './ambities.projection';
import { AmbitiesService } from './ambities.service';
import { DashboardsController } from './dashboards.controller';
import { LijstenService } from './lijsten.service';
import { PROJECTION_TOKEN_PREFIX, Projection, provideProjection, provideProjectionFactory } from './projection';
import { PROJECTIONS_DB, openProjectionsDb } from './projections-db';
import { ProjectionRunner, ProjectionStatus } from './runner';
import { termijnenProjection } from './termijnen.projection';
import { trajectenProjection } from './trajecten.projection';
import { TrajectenLijstController } from './trajecten-lijst.controller';
import { KeyStore } from '../privacy/key-store';
import { PROJECTIE_SLEUTELS, ProjectieSleutels, projectieSleutels } from './zoeksleutels';

/** How long the start waits for the event store to confirm the read models are its own. */
const BIND_AT_START_MS = 5000;

/**
 * Every projection registered anywhere in the application with `provideProjection` (see projection.ts), in the
 * order Nest met their modules. The same projection registered by two modules counts once.
 */
export function discoverProjections(discovery: DiscoveryService): Projection[] {
  const found = new Map<string, Projection>();
  for (const wrapper of discovery.getProviders()) {
    if (typeof wrapper.token !== 'string' || !wrapper.token.startsWith(PROJECTION_TOKEN_PREFIX)) continue;
    const projection = wrapper.instance as Projection;
    const earlier = found.get(projection.name);
    if (earlier && earlier !== projection) throw new Error(`Two different projections are registered as ${projection.name}`);
    found.set(projection.name, projection);
  }
  return [...found.values()];
}

/** /ready: every projection live at the head of the log; otherwise each one that is not, and why. */
export function projectionsReadiness(status: ProjectionStatus[]): ReadinessResult {
  const notReady = status.filter((s) => s.state !== 'live' || s.head === undefined || s.position < s.head);
  const why = (s: ProjectionStatus) =>
    s.state === 'failed' ? `failed: ${s.failed}`
    : s.state === 'retrying' ? `retrying (failure ${s.retries} in a row: ${s.lastError}; next attempt ${s.nextAttemptAt})`
    : s.head === undefined ? 'head of the log unknown'
    : s.state === 'live' ? `${s.position}/${s.head}`
    : `${s.state} at ${s.position}/${s.head}`;
  return {
    ready: notReady.length === 0,
    detail: notReady.map((s) => `${s.name}: ${why(s)}`).join('; ') || undefined,
    info: { projecties: status },
  };
}

/**
 * The read models: their database, the runner feeding them, the dashboards. Each slice registers its own projections
 * (`providers: [provideProjection(x)]` in its module); the runner starts with the app and catches up, and /ready waits
 * until every projection reaches the head of the log.
 */
@Global()
@Module({
  // The access log records searches for a person (GET /trajecten?bsn=, ?naam=).
  imports: [DiscoveryModule, AuditModule],
  controllers: [TrajectenLijstController, DashboardsController],
  providers: [
    LijstenService,
    AmbitiesService,
    { provide: PROJECTIE_SLEUTELS, useFactory: projectieSleutels, inject: [APP_CONFIG, KeyStore] },
    provideProjectionFactory('trajecten', (s: ProjectieSleutels) => trajectenProjection(s), [PROJECTIE_SLEUTELS]),
    provideProjection(termijnenProjection),
    provideProjection(ambitiesProjection),
    { provide: PROJECTIONS_DB, useFactory: (c: AppConfig) => openProjectionsDb(c.projectionsPath), inject: [APP_CONFIG] },
    {
      provide: ProjectionRunner,
      // Projections are registered in onModuleInit, once every provider (factory-built projections included) exists.
      useFactory: (store: EventStore, db: Database.Database) => new ProjectionRunner(store, db, []),
      inject: [EventStore, PROJECTIONS_DB],
    },
  ],
  exports: [PROJECTIONS_DB, ProjectionRunner, PROJECTIE_SLEUTELS],
})
export class ProjectionsModule implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly runner: ProjectionRunner,
    private readonly readiness: ReadinessService,
    @Inject(PROJECTIONS_DB) private readonly db: Database.Database,
  ) {}

  async onModuleInit(): Promise<void> {
    this.runner.register(discoverProjections(this.discovery));
    // Bound before anything reads the read models. A store that does not answer soon does not hold up the start:
    // the runner binds again (with back-off) before it subscribes, and /ready says not ready meanwhile.
    let timer: NodeJS.Timeout | undefined;
    const soon = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${BIND_AT_START_MS} ms`)), BIND_AT_START_MS)));
    await Promise.race([this.runner.bind(), soon])
      .catch((err) => new Logger(ProjectionRunner.name).warn(`Could not check the read models' event store yet: ${(err as Error)?.message ?? err}`))
      .finally(() => clearTimeout(timer));
  }

  onApplicationBootstrap(): void {
    this.runner.start();
    this.readiness.register('projecties', async () => projectionsReadiness(await this.runner.status()));
  }

  onApplicationShutdown(): void {
    this.runner.stop();
    if (this.db.open) this.db.close();
  }
}
