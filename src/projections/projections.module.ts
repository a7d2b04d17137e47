import { Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, AppConfig } from '../config';
import { EventStore } from '../events/event-store';
import { ReadinessService } from '../health/readiness.service';
import { AmbitiesService } from './ambities.service';
import { DashboardsController } from './dashboards.controller';
import { LijstenService } from './lijsten.service';
import { PROJECTIONS_DB, openProjectionsDb } from './projections-db';
import { KeyStore } from '../privacy/key-store';
import { projecties } from './registry';
import { ProjectionRunner } from './runner';
import { TrajectenLijstController } from './trajecten-lijst.controller';
import { PROJECTIE_SLEUTELS, ProjectieSleutels, projectieSleutels } from './zoeksleutels';

/** Read models start with the app and catch up; /ready waits until they reach the head of the log. */
@Global()
@Module({
  // The access log records searches for a person (GET /trajecten?bsn=, ?naam=).
  imports: [AuditModule],
  controllers: [TrajectenLijstController, DashboardsController],
  providers: [
    LijstenService,
    AmbitiesService,
    { provide: PROJECTIE_SLEUTELS, useFactory: projectieSleutels, inject: [APP_CONFIG, KeyStore] },
    { provide: PROJECTIONS_DB, useFactory: (c: AppConfig) => openProjectionsDb(c.projectionsPath), inject: [APP_CONFIG] },
    {
      provide: ProjectionRunner,
      useFactory: (store: EventStore, db: Database.Database, sleutels: ProjectieSleutels) => new ProjectionRunner(store, db, projecties(sleutels)),
      inject: [EventStore, PROJECTIONS_DB, PROJECTIE_SLEUTELS],
    },
  ],
  exports: [PROJECTIONS_DB, ProjectionRunner],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly readiness: ReadinessService,
    @Inject(PROJECTIONS_DB) private readonly db: Database.Database,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start();
    this.readiness.register('projecties', async () => {
      const status = await this.runner.status();
      const behind = status.filter((s) => s.failed || s.position < s.head);
      return { ready: behind.length === 0, detail: behind.map((s) => `${s.name}: ${s.failed ?? `${s.position}/${s.head}`}`).join('; ') || undefined };
    });
  }

  onApplicationShutdown(): void {
    this.runner.stop();
    if (this.db.open) this.db.close();
  }
}
