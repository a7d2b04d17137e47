import { Inject, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ReadinessService } from '../health/readiness.service';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '../config';
import { AuthGuard } from './auth.guard';
import { AUTH_SETTINGS, AuthSettings, resolveAuthSettings } from './auth-settings';
import { throttlerOptions } from './rate-limit';
import { TokenVerifier } from './token-verifier';

/**
 * Authentication (bearer JWTs, verified with jose), authorization (`@Rollen`, `@Publiek`, default deny) as one
 * global guard; the rate limit (a middleware before body parsing, see rate-limit.ts) (the SSE connection cap, sse-limit.ts, is bound to the SSE route itself). Resolving the settings throws at start-up when production has no auth configured.
 */
@Module({
  // forRootAsync: counters of its own for every app (the e2e tests make several in one process).
  imports: [ThrottlerModule.forRootAsync({ useFactory: throttlerOptions })],
  providers: [
    {
      provide: AUTH_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Auth');
        return resolveAuthSettings(config, (msg) => logger.warn(msg));
      },
    },
    {
      provide: TokenVerifier,
      inject: [AUTH_SETTINGS],
      useFactory: (settings: AuthSettings) => {
        const logger = new Logger('Auth');
        return new TokenVerifier(settings, (msg, err) => logger.warn({ err }, msg));
      },
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Auth');
  private readonly onHangup = () => {
    this.logger.log('SIGHUP: de JWKS wordt opnieuw opgehaald');
    void this.verifier.jwks?.refresh();
  };

  constructor(
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(ReadinessService) private readonly readiness: ReadinessService,
  ) {}

  /** With a JWKS: its state in /ready, and `kill -HUP <pid>` fetches it now (after revoking a key at the provider). */
  onModuleInit(): void {
    const jwks = this.verifier.jwks;
    if (!jwks) return;
    this.readiness.register('identiteitsprovider', () => jwks.status());
    process.on('SIGHUP', this.onHangup);
  }

  onModuleDestroy(): void {
    process.off('SIGHUP', this.onHangup);
  }
}
