import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ref } from '../openapi/schemas';
import { randomUUID } from 'node:crypto';
import { Rollen } from '../auth/rollen.decorator';
import { Clock } from '../events/clock';
import type { HttpReply, HttpRequest } from '../http/http-types';
import { EventStore } from '../events/event-store';
import { RAW_EVENT_STORE } from '../privacy/privacy-providers';
import { GebeurtenissenQuery, LogQuery, selectie, toFilter } from './audit-query.dto';
import { ExportFormat, page, streamExport } from './event-log';
import { endpointOf } from './inzage.hook';
import { InzageQuery } from './inzage-query';
import { InzageService, lezerOf } from './inzage.service';
import { verifyAll } from './integrity';
import { traceFrom, traceparentOf } from './trace-context';

const DEFAULT_PAGE = 100;

/** Which representation the client asked for: `?formaat=` first, then the Accept header; JSON pages by default. */
export function formatOf(req: HttpRequest, formaat?: string): 'json' | ExportFormat {
  if (formaat) return formaat as 'json' | ExportFormat;
  const accept = req.headers.accept ?? '';
  if (accept.includes('application/x-ndjson')) return 'ndjson';
  if (accept.includes('text/csv')) return 'csv';
  return 'json';
}

/** Compliance: the event log, the access log, and the hash-chain check. */
@ApiTags('audit')
@Rollen('compliance')
@Controller('audit')
export class AuditController {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly store: EventStore,
    @Inject(RAW_EVENT_STORE) private readonly raw: EventStore,
    private readonly inzage: InzageService,
    private readonly inzageQuery: InzageQuery,
    private readonly clock: Clock,
  ) {}

  @Get('gebeurtenissen')
  @ApiOkResponse({
    description: 'Eén pagina (JSON) of de hele selectie (NDJSON, CSV)',
    content: {
      'application/json': { schema: ref('GebeurtenissenPagina') },
      'application/x-ndjson': { schema: { type: 'string', description: 'Per regel een AuditGebeurtenis (JSON)' } },
      'text/csv': { schema: { type: 'string', description: 'RFC 4180, met een kopregel' } },
    },
  })
  @ApiOperation({
    operationId: 'auditGebeurtenissen',
    summary: 'Het globale gebeurtenissenlog; filters type, traject, actor, van/tot, vanPositie; pagina\'s met de cursor `volgende`. '
      + 'Met Accept: application/x-ndjson of text/csv (of ?formaat=) de hele selectie als stream. Elke opvraging komt in het inzagelog.',
  })
  async gebeurtenissen(@Query() query: GebeurtenissenQuery, @Req() req: HttpRequest, @Res() reply: HttpReply): Promise<void> {
    const filter = toFilter(query);
    const format = formatOf(req, query.formaat);
    const trace = traceFrom(req.headers.traceparent);
    reply.header('traceparent', traceparentOf(trace));
    // Durability first: the export is logged before a single event leaves.
    await this.inzage.gebeurtenissenGeexporteerd(
      { lezer: lezerOf(req), trace, endpoint: endpointOf(req), correlationId: req.id ?? randomUUID() },
      format, selectie(query),
    );
    if (format === 'json') {
      reply.send(await page(this.store, filter, query.paginaGrootte ?? DEFAULT_PAGE));
      return;
    }
    // The stream is written to the Node response itself (backpressure by 'drain'); Fastify hands it over, with the
    // headers set so far (security headers, request id, API-Version, traceparent).
    const res = reply.raw;
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    reply.hijack();
    try {
      const result = await streamExport(this.store, filter, format, res);
      if (result.aborted) this.logger.warn({ events: result.events, reqId: req.id }, 'Export afgebroken door de client');
    } catch (err) {
      if (!res.headersSent) {
        // Nothing went out yet: the problem filter answers on this response, without the export's own headers.
        for (const name of ['Content-Type', 'Content-Disposition', 'X-Export-Tot-Positie']) res.removeHeader(name);
        throw err;
      }
      // Half an export must not look like a whole one: break the connection instead of ending it.
      this.logger.error({ err, reqId: req.id }, 'Export mislukt na het begin van het antwoord');
      res.destroy(err as Error);
    }
  }

  @Get('inzage')
  @ApiOkResponse({ description: 'Eén pagina van het inzagelog', schema: ref('InzagePagina') })
  @ApiOperation({ operationId: 'auditInzage', summary: 'Het inzagelog: wie las welk traject wanneer (Logboek Dataverwerkingen); filters traject, actor, van/tot, vanPositie' })
  async inzages(@Query() query: LogQuery) {
    return this.inzageQuery.page(toFilter(query), query.paginaGrootte ?? DEFAULT_PAGE);
  }

  @Get('integriteit')
  @ApiOkResponse({ description: 'Het rapport', schema: ref('IntegriteitsRapport') })
  @ApiOperation({ operationId: 'auditIntegriteit', summary: 'Controleert de hashketen van elke stream zoals opgeslagen; noemt per stream de eerste gebroken gebeurtenis' })
  async integriteit() {
    return verifyAll(this.raw, this.clock.now());
  }
}
