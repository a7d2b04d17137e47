import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from './config';
import { ConfigModule } from './config.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { loggerParams } from './logging';

/** The application: one line per feature module. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => loggerParams(config) }),
    EventsModule,
    HealthModule,
  ],
})
export class AppModule {}
