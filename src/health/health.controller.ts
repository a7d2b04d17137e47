import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ref } from '../openapi/schemas';
import { SkipThrottle } from '@nestjs/throttler';
import { Publiek } from '../auth/rollen.decorator';
import { EventStore } from '../events/event-store';
import { ProblemException } from '../http/problem';
import { ReadinessService } from './readiness.service';

/** Liveness and readiness for the platform; outside /api/v1, without authentication, and never rate-limited (a probe must not see 429). */
@ApiTags('beheer')
@Publiek()
@SkipThrottle()
@Controller()
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ReadinessService) private readonly readiness: ReadinessService,
  ) {}

  @Get('health')
  @ApiOperation({ operationId: 'gezondheid', summary: 'Leeft de service en is de event store bereikbaar?' })
  @ApiOkResponse({ description: 'Gezond', schema: ref('Gezondheid') })
  @ApiServiceUnavailableResponse({ description: 'De event store is niet bereikbaar (problem+json)' })
  async health(): Promise<{ status: 'ok'; eventStore: 'ok' }> {
    try {
      await this.store.ping();
    } catch (err) {
      this.logger.error({ err }, 'Event store niet bereikbaar');
      throw new ProblemException(503, 'De event store is niet bereikbaar', { eventStore: 'onbereikbaar' });
    }
    return { status: 'ok', eventStore: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'gereedheid', summary: 'Is de service klaar voor verkeer (projecties bijgewerkt)?' })
  @ApiOkResponse({ description: 'Gereed', schema: ref('Gereedheid') })
  @ApiServiceUnavailableResponse({ description: 'Een controle is nog niet gereed (problem+json, met `checks`)' })
  async ready(): Promise<{ status: 'ready'; checks: Record<string, { ready: boolean; detail?: string }> }> {
    const report = await this.readiness.evaluate();
    if (!report.ready) {
      const waiting = Object.keys(report.checks).filter((name) => !report.checks[name].ready);
      throw new ProblemException(503, `Nog niet gereed: ${waiting.join(', ')}`, { checks: report.checks });
    }
    return { status: 'ready', checks: report.checks };
  }
}
