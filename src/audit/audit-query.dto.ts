import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidationOptions, registerDecorator } from 'class-validator';
import { DateTime } from 'luxon';
import { ZONE } from '../events/clock';
import { ValidationFailed } from '../trajectories/core/errors';
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

export class LogQuery {
  @ApiPropertyOptional({ description: 'Traject-id: de gebeurtenissen (of inzages) van dat traject' })
  @IsOptional() @IsUUID() traject?: string;
  @ApiPropertyOptional({ description: 'Actor (sub uit het token)' })
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ description: 'Vanaf (geregistreerd tijdstip, inclusief): datum of tijdstip' })
  @IsOptional() @IsTijdstip() van?: string;
  @ApiPropertyOptional({ description: 'Tot (exclusief; een datum telt de hele dag mee)' })
  @IsOptional() @IsTijdstip() tot?: string;
  @ApiPropertyOptional({ description: 'Vanaf deze globale positie (inclusief); de cursor `volgende` van de vorige pagina' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) vanPositie?: number;
  @ApiPropertyOptional({ description: 'Aantal per pagina (standaard 100, hoogstens 1000)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) paginaGrootte?: number;
}

export class GebeurtenissenQuery extends LogQuery {
  @ApiPropertyOptional({ description: 'Gebeurtenistype(n), komma-gescheiden' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z]+(,[A-Za-z]+)*$/, { message: 'type is een lijst van gebeurtenistypen, komma-gescheiden' }) type?: string;
  @ApiPropertyOptional({ enum: ['json', 'ndjson', 'csv'], description: 'In plaats van de Accept-header' })
  @IsOptional() @IsIn(['json', 'ndjson', 'csv']) formaat?: 'json' | 'ndjson' | 'csv';
}

export function toFilter(q: GebeurtenissenQuery | LogQuery): EventFilter {
  const f: EventFilter = {
    types: 'type' in q && q.type ? q.type.split(',') : undefined,
    traject: q.traject,
    actor: q.actor,
    van: instant(q.van, 'van'),
    tot: instant(q.tot, 'tot'),
    vanPositie: q.vanPositie,
  };
  if (f.van && f.tot && f.van >= f.tot) throw new ValidationFailed('van moet vóór tot liggen', [{ veld: 'van', fouten: ['na tot'] }]);
  return f;
}

/** The selection as recorded in the access log: the query as given, without paging. */
export function selectie(q: GebeurtenissenQuery): Record<string, unknown> {
  const { paginaGrootte: _p, formaat: _f, ...rest } = q;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}
