import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { resolveAuthSettings } from '../auth/auth-settings';
import { ConsoleController } from './console.controller';
import { CONSOLE_AUTH, CONSOLE_SETTINGS, consoleSettings } from './console-settings';

/**
 * The web console's server side: its sign-in configuration and the development sign-in. The built files themselves
 * are served by `mountConsole` (serve-console.ts), called from configureApp.
 */
@Module({
  controllers: [ConsoleController],
  providers: [
    {
      provide: CONSOLE_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => consoleSettings(config, resolveAuthSettings(config)),
    },
    // The same verification settings as the AuthModule's (which keeps its own private): resolved from the same config.
    { provide: CONSOLE_AUTH, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveAuthSettings(config) },
  ],
})
export class ConsoleModule {}
