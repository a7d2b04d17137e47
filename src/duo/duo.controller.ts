import { Controller, Get, Headers, HttpCode, Inject, Logger, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../http/http-types';
import { timingSafeEqual } from 'node:crypto';
import { Inzage } from '../audit/inzage.decorator';
import { InzageService } from '../audit/inzage.service';
import { traceFrom } from '../audit/trace-context';
import { Actor } from '../events/envelope';
import { CorrelationId, RequestActor } from '../http/request-context';
import { Publiek, Rollen } from '../auth/rollen.decorator';
import { ValidationFailed } from '../trajectories/core/errors';
import { DUO_CONFIG, DuoConfig } from './duo-config';
import { DuoOverzicht } from './duo-overzicht';
import { NotificatieVerwerker } from './notificatie-verwerker';
import { NOTIFICATIE_API_VERSIE, NotificatieValidator } from './notificatie-validator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new ValidationFailed('id moet een UUID zijn', [{ veld: 'id', fouten: ['geen UUID'] }]) });

/** DUO's Notificatie API (contracts/duo/API/Notificatie/openapi.yml) and what was exchanged with DUO per case. */
@ApiTags('duo')
@Controller()
export class DuoController {
  private readonly logger = new Logger('DuoNotificaties');

  constructor(
    @Inject(DUO_CONFIG) private readonly config: DuoConfig,
    private readonly verwerker: NotificatieVerwerker,
    private readonly validator: NotificatieValidator,
    private readonly overzicht: DuoOverzicht,
    private readonly inzage: InzageService,
  ) {}

  /**
   * DUO's answers exactly as its file says: 201, 400, 401, 403 (and 500/503), each with `API-Version`, without a
   * problem+json body. Public to the JWT guard: DUO authenticates by mutual TLS at the reverse proxy, and here by
   * `Authorization: Bearer <DUO_NOTIFICATIE_TOKEN>` when that is set.
   */
  @Post('duo/notificaties')
  @Publiek()
  @HttpCode(201)
  @ApiOperation({ summary: 'DUO\'s Notificatie API (opvoerenNotificatie): een gebeurtenis bij DUO, vastgelegd en daarna verwerkt' })
  async notificatie(@Req() req: HttpRequest, @Res() res: HttpReply): Promise<void> {
    res.header('API-Version', NOTIFICATIE_API_VERSIE);
    const berichtId = String(req.headers['berichtid'] ?? '');
    if (this.config.notificatieToken && !tokenKlopt(req.headers.authorization, this.config.notificatieToken)) {
      this.logger.warn(`Notificatie ${berichtId || '(zonder BerichtId)'} geweigerd: geen of een onjuist token`);
      res.status(401).send();
      return;
    }
    const fouten = await this.validator.fouten(req);
    if (fouten.length > 0) {
      const body = req.body as { gebeurtenisId?: unknown } | undefined;
      this.logger.warn(`Notificatie ${berichtId || '(zonder BerichtId)'} (${String(body?.gebeurtenisId ?? '?')}) voldoet niet aan DUO's specificatie: ${fouten.join('; ')}`);
      res.status(400).send();
      return;
    }
    const bron = String(req.headers['bron']);
    const doel = String(req.headers['doel']);
    if ((this.config.oinDuo && bron !== this.config.oinDuo) || (this.config.oinGemeente && doel !== this.config.oinGemeente)) {
      this.logger.warn(`Notificatie ${berichtId} geweigerd: Bron ${bron} / Doel ${doel} is niet DUO → deze gemeente`);
      res.status(403).send();
      return;
    }
    await this.verwerker.ontvang(berichtId, bron, req.body as Parameters<NotificatieVerwerker['ontvang']>[2]);
    res.status(201).send();
    void this.verwerker.ronde();
  }

  /**
   * Who a notification is about (BSN, v-nummer) and DUO's melding date: for the case worker who registers a new
   * inburgeringsplichtige by hand (no BRP). A lookup of a person, so it goes into the access log first, as a search does.
   */
  @Get('duo/notificaties/:berichtId')
  @Rollen('klantmanager', 'teamleider')
  @ApiOperation({ summary: 'Een notificatie van DUO met de persoon waarover zij gaat (BSN, v-nummer) en de datum van de melding; komt in het inzagelog' })
  async notificatieInzien(
    @Param('berichtId', uuid) berichtId: string,
    @RequestActor() actor: Actor,
    @CorrelationId() correlationId: string,
    @Headers('traceparent') traceparent?: string,
  ) {
    const notificatie = await this.verwerker.lees(berichtId);
    await this.inzage.trajectenGezocht(
      { lezer: { sub: actor.id, rol: actor.rol }, trace: traceFrom(traceparent), endpoint: 'GET /api/v1/duo/notificaties/:berichtId', correlationId },
      { duoNotificatie: berichtId }, notificatie.traject ? [notificatie.traject] : [], 1,
    );
    return notificatie;
  }

  @Get('trajecten/:id/duo')
  @Rollen('klantmanager', 'teamleider', 'compliance')
  @Inzage()
  @ApiOperation({ summary: 'Wat aan DUO is gemeld (verzonden, wachtend, geweigerd) en welke notificaties van DUO dit traject raakten' })
  traject(@Param('id', uuid) id: string) {
    return this.overzicht.traject(id);
  }

  @Get('dashboards/duo')
  @Rollen('klantmanager', 'teamleider')
  @ApiQuery({ name: 'status', required: false, enum: ['wachtend', 'verzonden', 'geweigerd', 'geweigerd-door-duo'] })
  @ApiOperation({ summary: 'Berichten aan DUO per traject met hun status, en de notificaties van DUO die aandacht vragen' })
  dashboard(@Query('status') status?: string) {
    if (status !== undefined && !['wachtend', 'verzonden', 'geweigerd', 'geweigerd-door-duo'].includes(status)) {
      throw new ValidationFailed('status is wachtend, verzonden, geweigerd of geweigerd-door-duo', [{ veld: 'status', fouten: ['onbekend'] }]);
    }
    return this.overzicht.dashboard(status as any);
  }
}

function tokenKlopt(header: string | undefined, token: string): boolean {
  const m = /^Bearer +(.+?) *$/i.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
