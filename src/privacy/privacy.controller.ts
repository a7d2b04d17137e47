import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ref } from '../openapi/schemas';
import { Rollen } from '../auth/rollen.decorator';
import { Actor } from '../events/envelope';
import { CorrelationId, RequestActor } from '../http/request-context';
import { ValidationFailed } from '../trajectories/core/errors';
import { BewaartermijnenQuery, WisPersoonsgegevensDto } from './privacy.dto';
import { PrivacyService } from './privacy.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new ValidationFailed('id moet een UUID zijn', [{ veld: 'id', fouten: ['geen UUID'] }]) });

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Delete('trajecten/:id/persoonsgegevens')
  @Rollen('beheerder')
  @HttpCode(200)
  @ApiOkResponse({ description: 'De vastgelegde wissing', schema: ref('Wissing') })
  @ApiOperation({
    operationId: 'wisPersoonsgegevens',
    summary: 'Wist de persoonsgegevens van een traject (crypto-shredding): de sleutels van de veldgroepen worden vernietigd, '
      + 'de gebeurtenissen en hun hashketen blijven; de wissing zelf wordt vastgelegd als PersoonsgegevensGewist',
  })
  wis(@Param('id', uuid) id: string, @Body() body: WisPersoonsgegevensDto, @RequestActor() actor: Actor, @CorrelationId() correlationId: string) {
    return this.privacy.wis(id, body.reden, body.veldgroepen, actor, correlationId);
  }

  @Get('audit/bewaartermijnen')
  @Rollen('beheerder')
  @ApiOkResponse({ description: 'Eén pagina', schema: ref('Bewaartermijnen') })
  @ApiOperation({ operationId: 'auditBewaartermijnen', summary: 'Trajecten waarvan de eindfase langer dan de bewaartermijn (RETENTION_YEARS) geleden begon, met de veldgroepen die gewist zouden worden' })
  bewaartermijnen(@Query() q: BewaartermijnenQuery) {
    return this.privacy.bewaartermijnen(q.peildatum, q.pagina ?? 1, q.paginaGrootte ?? 100);
  }
}
