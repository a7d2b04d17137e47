import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpRequest } from '../http/http-types';
import { randomUUID } from 'node:crypto';
import { endpointOf } from '../audit/inzage.hook';
import { InzageService, lezerOf } from '../audit/inzage.service';
import { traceFrom } from '../audit/trace-context';
import { Rollen } from '../auth/rollen.decorator';
import { ref } from '../openapi/schemas';
import { TrajectenLijstQuery } from './dashboards-query.dto';
import { LijstenService } from './lijsten.service';
import { PROJECTIE_SLEUTELS, ProjectieSleutels, zoekNaam } from './zoeksleutels';

/** `GET /trajecten`: the list, from the `trajecten` projection (the case itself is freshly folded at `/trajecten/{id}`). */
@ApiTags('trajecten')
@Controller('trajecten')
export class TrajectenLijstController {
  constructor(
    private readonly lijsten: LijstenService,
    private readonly inzage: InzageService,
    @Inject(PROJECTIE_SLEUTELS) private readonly sleutels: ProjectieSleutels,
  ) {}

  @Get()
  @Rollen('klantmanager', 'teamleider')
  @ApiOkResponse({ description: 'Eén pagina trajecten', schema: ref('TrajectenPagina') })
  @ApiOperation({
    operationId: 'lijstTrajecten',
    summary: 'De trajecten (uit de projectie); zoeken op bsn (exact) of naam (deel van de naam); filters fase, doelgroep, leerroute, '
      + 'consulent, soort; paginaGrootte (≤ 100) en cursor (of pagina). Een zoekopdracht op bsn of naam komt in het inzagelog',
  })
  async lijst(@Query() query: TrajectenLijstQuery, @Req() req: HttpRequest) {
    const pagina = this.lijsten.trajecten(query);
    if (query.bsn !== undefined || query.naam !== undefined) {
      // Who looked for whom, before the answer leaves (as every read of a case): the terms as keyed hashes only.
      const { bsn, naam, cursor: _c, pagina: _p, paginaGrootte: _g, ...filters } = query;
      await this.inzage.trajectenGezocht(
        { lezer: lezerOf(req), trace: traceFrom(req.headers.traceparent), endpoint: endpointOf(req), correlationId: req.id ?? randomUUID() },
        {
          ...(bsn !== undefined ? { bsnSleutel: this.sleutels.bsnSleutel(bsn) } : {}),
          ...(naam !== undefined ? { naamSleutel: this.sleutels.bsnSleutel(`naam:${zoekNaam(naam)}`) } : {}),
          ...filters,
        },
        pagina.items.map((i) => i.id), pagina.totaal,
      );
    }
    return pagina;
  }
}
