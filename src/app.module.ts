import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from './config';
import { ConfigModule } from './config.module';
import { ConsoleModule } from './console/console.module';
import { DuoModule } from './duo/duo.module';
import { EventsModule } from './events/events.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { loggerParams } from './logging';
import { PrivacyModule } from './privacy/privacy.module';
import { ProjectionsModule } from './projections/projections.module';
import { SagasModule } from './sagas/sagas.module';
import { TrajectoriesModule } from './trajectories/trajectories.module';

/** The application: one line per feature module. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => loggerParams(config) }),
    EventsModule,
    AuthModule,
    HealthModule,
    TrajectoriesModule,
    ProjectionsModule,
    SagasModule,
    AuditModule,
    PrivacyModule,
    ConsoleModule,
    DuoModule,
  ],
})
export class AppModule {}
