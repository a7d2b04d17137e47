import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ref } from '../openapi/schemas';
import { Rollen } from '../auth/rollen.decorator';
import { TrajectenLijstQuery } from './dashboards-query.dto';
import { LijstenService } from './lijsten.service';

/** `GET /trajecten`: the list, from the `trajecten` projection (the case itself is freshly folded at `/trajecten/{id}`). */
@ApiTags('trajecten')
@Controller('trajecten')
export class TrajectenLijstController {
  constructor(private readonly lijsten: LijstenService) {}

  @Get()
  @Rollen('klantmanager', 'teamleider')
  @ApiOkResponse({ description: 'Eén pagina trajecten', schema: ref('TrajectenPagina') })
  @ApiOperation({ operationId: 'lijstTrajecten', summary: 'De trajecten (uit de projectie); filters fase, doelgroep, leerroute, consulent, soort; pagina (vanaf 1), paginaGrootte (≤ 100)' })
  lijst(@Query() query: TrajectenLijstQuery) {
    return this.lijsten.trajecten(query);
  }
}
