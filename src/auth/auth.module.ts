import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config';
import { AuthGuard } from './auth.guard';
import { AUTH_SETTINGS, AuthSettings, resolveAuthSettings } from './auth-settings';
import { throttlerOptions } from './rate-limit';
import { TokenVerifier } from './token-verifier';

/**
 * Authentication (bearer JWTs, verified with jose), authorization (`@Rollen`, `@Publiek`, default deny) and the
 * rate limit, as one global guard. Resolving the settings throws at start-up when production has no auth configured.
 */
@Module({
  imports: [ThrottlerModule.forRoot(throttlerOptions())],
  providers: [
    {
      provide: AUTH_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Auth');
        return resolveAuthSettings(config, (msg) => logger.warn(msg));
      },
    },
    { provide: TokenVerifier, inject: [AUTH_SETTINGS], useFactory: (settings: AuthSettings) => new TokenVerifier(settings) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
