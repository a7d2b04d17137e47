import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ref } from '../openapi/schemas';
import type { HttpReply } from '../http/http-types';
import { JSON_MEDIA_TYPE, jsonOnce } from '../http/json-once';
import { Inzage } from '../audit/inzage.decorator';
import { Rollen } from '../auth/rollen.decorator';
import { randomUUID } from 'node:crypto';
import { Clock } from '../events/clock';
import { Actor } from '../events/envelope';
import { CorrelationId, RequestActor } from '../http/request-context';
import { CommandHandler } from './core/command-handler';
import { ValidationFailed } from './core/errors';
import { tijdlijn } from './core/tijdlijn';
import { TrajectRepository } from './core/traject-repository';
import { gebeurtenisView, trajectView } from './core/view';
import { ALLE_ACTIES, KINDS } from './kinds';
import { RegistreerTrajectDto } from './registratie.commands';
import { TijdlijnQuery } from './tijdlijn-query.dto';

const ACTIE_DTOS = Object.values(KINDS).flatMap((k) => k.acties.filter((a) => !a.systeem).map((a) => a.dto));
const uuid = new ParseUUIDPipe({ exceptionFactory: () => new ValidationFailed('id moet een UUID zijn', [{ veld: 'id', fouten: ['geen UUID'] }]) });

/** `If-Match: "3"` (or W/"3", or 3) → 3; `*` → no pin; anything else is a 400. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!m) throw new ValidationFailed('If-Match moet een revisie zijn, bijvoorbeeld "3"', [{ veld: 'If-Match', fouten: ['ongeldig'] }]);
  return Number(m[1]);
}

const ETAG = { ETag: { description: 'De revisie, bv. "3" (voor If-Match)', schema: { type: 'string' } } };
const ETAG_EN_LOCATION = { ...ETAG, Location: { description: 'De URL van het nieuwe traject', schema: { type: 'string' } } };

@ApiTags('trajecten')
@ApiExtraModels(...ACTIE_DTOS)
@Controller('trajecten')
export class TrajectenController {
  constructor(
    private readonly handler: CommandHandler,
    private readonly repository: TrajectRepository,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Rollen('klantmanager', 'teamleider')
  @ApiOperation({ operationId: 'registreerTraject', summary: 'Registreer een inburgeraar (InburgeraarGeregistreerd)' })
  @ApiCreatedResponse({ description: 'Het nieuwe traject', schema: ref('TrajectView'), headers: ETAG_EN_LOCATION })
  async registreer(
    @Body() body: RegistreerTrajectDto, @RequestActor() actor: Actor, @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const id = randomUUID();
    const state = await this.handler.register(id, body, { actor, correlationId });
    res.status(201).header('Location', `/api/v1/trajecten/${id}`).header('ETag', `"${state.version - 1}"`);
    return trajectView(KINDS[body.soort], state, this.clock.today());
  }

  @Get(':id')
  @Rollen('klantmanager', 'teamleider', 'compliance')
  @Inzage()
  @ApiOperation({ operationId: 'bekijkTraject', summary: 'Het traject, vers gevouwen uit zijn stream' })
  @ApiOkResponse({ description: 'Het traject', schema: ref('TrajectView'), headers: ETAG })
  async bekijk(@Param('id', uuid) id: string, @Res({ passthrough: true }) res: HttpReply) {
    const { kind, state } = await this.repository.load(id);
    res.header('ETag', `"${state.version - 1}"`).type(JSON_MEDIA_TYPE);
    // The same view object while the trajectory is unchanged (core/view.ts), so its text is made once too.
    return jsonOnce(trajectView(kind, state, this.clock.today()));
  }

  @Post(':id/acties/:actie')
  @Rollen('klantmanager', 'teamleider')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'voerActieUit',
    summary: 'Voer een actie uit (namen in trajectory.md); 422 noemt fase, status en toegestane acties. '
      + 'Elke actie staat ook als eigen operatie in dit document, met haar eigen body',
  })
  @ApiOkResponse({ description: 'Het bijgewerkte traject', schema: ref('TrajectView'), headers: ETAG })
  @ApiParam({ name: 'actie', enum: ALLE_ACTIES })
  @ApiHeader({ name: 'If-Match', required: false, description: 'De revisie waarop de gebruiker besliste, bv. "3"; 412 als die niet meer actueel is' })
  @ApiBody({ schema: { oneOf: ACTIE_DTOS.map((d) => ({ $ref: getSchemaPath(d) })) } })
  async actie(
    @Param('id', uuid) id: string, @Param('actie') actie: string, @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined, @RequestActor() actor: Actor, @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: HttpReply,
  ) {
    const pinned = parseIfMatch(ifMatch);
    const { kind, state } = await this.handler.execute(id, actie, body, { actor, correlationId, ifMatch: pinned });
    res.header('ETag', `"${state.version - 1}"`);
    return trajectView(kind, state, this.clock.today());
  }

  @Get(':id/gebeurtenissen')
  @Rollen('klantmanager', 'teamleider', 'compliance')
  @Inzage()
  @ApiOperation({ operationId: 'gebeurtenissenVanTraject', summary: 'De gebeurtenissen van het traject, in volgorde' })
  @ApiOkResponse({ description: 'De gebeurtenissen', schema: { type: 'array', items: ref('Gebeurtenis') } })
  async gebeurtenissen(@Param('id', uuid) id: string) {
    return (await this.repository.events(id)).map(gebeurtenisView);
  }

  @Get(':id/tijdlijn')
  @Rollen('klantmanager', 'teamleider', 'compliance')
  @Inzage()
  @ApiOperation({ operationId: 'tijdlijnVanTraject', summary: 'Replay: per gebeurtenis de staat erna; ?peildatum=JJJJ-MM-DD of ?totRevisie=N' })
  @ApiOkResponse({ description: 'De tijdlijn', schema: ref('Tijdlijn') })
  async tijdlijn(@Param('id', uuid) id: string, @Query() query: TijdlijnQuery) {
    const events = await this.repository.events(id);
    const kind = this.repository.kindOf(events);
    return tijdlijn(kind, id, events, this.clock.today(), query);
  }
}
