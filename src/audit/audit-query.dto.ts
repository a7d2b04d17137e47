import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidationOptions, registerDecorator } from 'class-validator';
import { DateTime } from 'luxon';
import { ZONE } from '../events/clock';
import { ValidationFailed } from '../trajectories/core/errors';
import { CursorQuery, isCursor, leesCursor } from '../http/paginering';
import { EventFilter } from './event-log';

const DATUM = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (YYYY-MM-DD, Europe/Amsterdam) or an ISO 8601 instant with offset or Z. */
function IsTijdstip(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTijdstip',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property moet een datum (JJJJ-MM-DD) of een tijdstip met tijdzone zijn (2025-03-01T09:00:00Z)', ...options },
      validator: {
        validate: (v: unknown) => typeof v === 'string' && (DATUM.test(v) || /(Z|[+-]\d{2}:?\d{2})$/.test(v)) && DateTime.fromISO(v, { zone: ZONE }).isValid,
      },
    });
}

/** `van` from the start of its day; a `tot` date includes that whole day. Both as UTC instants like recordedAt. */
export function instant(v: string | undefined, bound: 'van' | 'tot'): string | undefined {
  if (!v) return undefined;
  let t = DateTime.fromISO(v, { zone: ZONE });
  if (DATUM.test(v)) t = bound === 'tot' ? t.startOf('day').plus({ days: 1 }) : t.startOf('day');
  return t.toUTC().toISO()!;
}

export class LogQuery extends CursorQuery {
  @ApiPropertyOptional({ description: 'Traject-id: de gebeurtenissen (of inzages) van dat traject' })
  @IsOptional() @IsUUID() traject?: string;
  @ApiPropertyOptional({ description: 'Actor (sub uit het token)' })
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ description: 'Vanaf (geregistreerd tijdstip, inclusief): datum of tijdstip' })
  @IsOptional() @IsTijdstip() van?: string;
  @ApiPropertyOptional({ description: 'Tot (exclusief; een datum telt de hele dag mee)' })
  @IsOptional() @IsTijdstip() tot?: string;
  @ApiPropertyOptional({
    type: String,
    description: 'Vanaf deze globale positie (inclusief; posities zoals SQLite ze telt), of de cursor `volgende` van de vorige pagina. '
      + 'Liever: `cursor`, dat werkt op elke event store',
  })
  @IsOptional() @IsString() @Matches(/^(\d{1,15}|[A-Za-z0-9_-]{1,200})$/, { message: 'vanPositie is een positie of de cursor `volgende`' }) vanPositie?: string;
  @ApiPropertyOptional({ description: 'Aantal per pagina (standaard 100, hoogstens 1000)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) paginaGrootte?: number;
}

export class GebeurtenissenQuery extends LogQuery {
  @ApiPropertyOptional({ description: 'Gebeurtenistype(n), komma-gescheiden' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z]+(,[A-Za-z]+)*$/, { message: 'type is een lijst van gebeurtenistypen, komma-gescheiden' }) type?: string;
  @ApiPropertyOptional({ enum: ['json', 'ndjson', 'csv'], description: 'In plaats van de Accept-header' })
  @IsOptional() @IsIn(['json', 'ndjson', 'csv']) formaat?: 'json' | 'ndjson' | 'csv';
}

/** `cursor`, or `vanPositie` as a cursor (clients that pass `volgende` back there) or as a plain position. */
function positie(q: LogQuery): Pick<EventFilter, 'na' | 'vanPositie'> {
  if (q.cursor) return { na: leesCursor(q.cursor, 'na') };
  if (q.vanPositie === undefined) return {};
  if (isCursor(q.vanPositie)) return { na: leesCursor(q.vanPositie, 'na', 'vanPositie') };
  return { vanPositie: Number(q.vanPositie) };
}

export function toFilter(q: GebeurtenissenQuery | LogQuery): EventFilter {
  const f: EventFilter = {
    types: 'type' in q && q.type ? q.type.split(',') : undefined,
    traject: q.traject,
    actor: q.actor,
    van: instant(q.van, 'van'),
    tot: instant(q.tot, 'tot'),
    ...positie(q),
  };
  if (f.van && f.tot && f.van >= f.tot) throw new ValidationFailed('van moet vóór tot liggen', [{ veld: 'van', fouten: ['na tot'] }]);
  return f;
}

/** The selection as recorded in the access log: the query as given, without paging. */
export function selectie(q: GebeurtenissenQuery): Record<string, unknown> {
  const { paginaGrootte: _p, formaat: _f, cursor: _c, ...rest } = q;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}
