import { Controller, Get, MessageEvent, Query, Sse, UseInterceptors } from '@nestjs/common';
import { SseLimitInterceptor } from '../auth/sse-limit';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ref } from '../openapi/schemas';
import { Observable, map } from 'rxjs';
import { Rollen } from '../auth/rollen.decorator';
import { AmbitiesService } from './ambities.service';
import { CaseloadQuery, PeriodeQuery, TermijnenQuery } from './dashboards-query.dto';
import { LijstenService } from './lijsten.service';
import { ProjectionRunner } from './runner';

/** The dashboards: read from projections, never from the streams (api.md "Dashboards"). */
@ApiTags('dashboards')
@Controller('dashboards')
export class DashboardsController {
  constructor(
    private readonly lijsten: LijstenService,
    private readonly ambitiesService: AmbitiesService,
    private readonly runner: ProjectionRunner,
  ) {}

  @Get('termijnen')
  @Rollen('klantmanager', 'teamleider')
  @ApiOkResponse({ description: 'Eén pagina termijnen', schema: ref('TermijnenDashboard') })
  @ApiOperation({ operationId: 'termijnenDashboard', summary: 'Termijnen: lopend (eerste laatste dag eerst) en verstreken; filters soort, consulent, binnenDagen' })
  termijnen(@Query() query: TermijnenQuery) {
    return this.lijsten.termijnen(query);
  }

  @Get('caseload')
  @Rollen('teamleider')
  @ApiOkResponse({ description: 'De caseload', schema: ref('Caseload') })
  @ApiOperation({ operationId: 'caseloadDashboard', summary: 'Open trajecten per consulent, fase en leerroute' })
  caseload(@Query() query: CaseloadQuery) {
    return this.lijsten.caseload(query);
  }

  @Get('ambities')
  @Rollen('teamleider')
  @ApiOkResponse({ description: 'De ambities', schema: ref('Ambities') })
  @ApiOperation({
    operationId: 'ambitiesDashboard',
    summary: 'De zes Bossche ambities voor een jaar of halfjaar: teller, noemer, percentage, doel, gehaald en de trend per jaar; '
      + 'met detail=true de trajecten in teller en noemer',
  })
  ambities(@Query() query: PeriodeQuery) {
    return this.ambitiesService.ambities(query);
  }

  @Get('indicatoren')
  @Rollen('teamleider')
  @ApiOkResponse({ description: 'De indicatoren', schema: ref('Indicatoren') })
  @ApiOperation({ operationId: 'indicatorenDashboard', summary: 'De landelijke indicatoren (PIP op tijd, brede intake, routeverdeling, inburgeringsplicht voldaan) voor een jaar of halfjaar' })
  indicatoren(@Query() query: PeriodeQuery) {
    return this.ambitiesService.indicatoren(query);
  }

  @Sse('updates')
  @UseInterceptors(SseLimitInterceptor)
  @Rollen('teamleider')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'Een stroom Server-Sent Events; het data-veld van elk is een UpdateBericht (JSON)',
    content: { 'text/event-stream': { schema: { type: 'string', description: 'data: {"projection":"trajecten","position":42}' } } },
  })
  @ApiOperation({ operationId: 'dashboardUpdates', summary: 'Server-Sent Events: een bericht {projection, position} telkens wanneer een projectie verandert' })
  updates(): Observable<MessageEvent> {
    return this.runner.updates$.pipe(map((u) => ({ data: { projection: u.projection, position: u.position } })));
  }
}
