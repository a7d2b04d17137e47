import { Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { APP_CONFIG, AppConfig } from '../config';
import { EventStore } from '../events/event-store';
import { ReadinessService } from '../health/readiness.service';
import { AmbitiesService } from './ambities.service';
import { DashboardsController } from './dashboards.controller';
import { LijstenService } from './lijsten.service';
import { PROJECTIONS_DB, openProjectionsDb } from './projections-db';
import { duoConfig } from '../duo/duo-config';
import { PROJECTIONS, duoProjections } from './registry';
import { ProjectionRunner } from './runner';
import { TrajectenLijstController } from './trajecten-lijst.controller';

/** Read models start with the app and catch up; /ready waits until they reach the head of the log. */
@Global()
@Module({
  controllers: [TrajectenLijstController, DashboardsController],
  providers: [
    LijstenService,
    AmbitiesService,
    { provide: PROJECTIONS_DB, useFactory: (c: AppConfig) => openProjectionsDb(c.projectionsPath), inject: [APP_CONFIG] },
    {
      provide: ProjectionRunner,
      useFactory: (store: EventStore, db: Database.Database) => new ProjectionRunner(store, db, [...PROJECTIONS, ...duoProjections(duoConfig())]),
      inject: [EventStore, PROJECTIONS_DB],
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
