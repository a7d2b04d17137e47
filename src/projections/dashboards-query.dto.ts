import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FASEN } from './fase';
import { TERMIJNSOORTEN } from './termijnen.projection';

const LEERROUTES = ['b1', 'onderwijsroute', 'z-route'] as const;

/** `GET /trajecten`: filters and paging (api.md). */
export class TrajectenLijstQuery {
  /** The top-level phase. */
  @IsOptional() @IsIn(FASEN) fase?: (typeof FASEN)[number];
  @IsOptional() @IsIn(['asielstatushouder', 'gezinsmigrant']) doelgroep?: 'asielstatushouder' | 'gezinsmigrant';
  /** The current leerroute (set by the PIP). */
  @IsOptional() @IsIn(LEERROUTES) leerroute?: (typeof LEERROUTES)[number];
  /** The consulent's id as registered. */
  @IsOptional() @IsString() @MaxLength(200) consulent?: string;
  @IsOptional() @IsIn(['inburgering', 'ondertussen']) soort?: 'inburgering' | 'ondertussen';
  /** Page number, from 1 (default 1). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) pagina?: number;
  /** Items per page, at most 100 (default 25). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) paginaGrootte?: number;
}

/** `GET /dashboards/termijnen`. */
export class TermijnenQuery {
  /** The kind of deadline. */
  @IsOptional() @IsIn(TERMIJNSOORTEN) soort?: (typeof TERMIJNSOORTEN)[number];
  @IsOptional() @IsString() @MaxLength(200) consulent?: string;
  /** Only running deadlines whose last day on time is at most this many days from today. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3660) binnenDagen?: number;
}

/** `GET /dashboards/caseload`. */
export class CaseloadQuery {
  @IsOptional() @IsIn(['inburgering', 'ondertussen']) soort?: 'inburgering' | 'ondertussen';
}

/** A calendar year, or one of its halves (H1: 1-1 to 30-6; H2: 1-7 to 31-12). */
export class PeriodeQuery {
  /** The year (default: this year). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) jaar?: number;
  /** 1 or 2: the half-year instead of the whole year. */
  @IsOptional() @Type(() => Number) @IsIn([1, 2]) halfjaar?: 1 | 2;
  /** `true`: list the trajectory ids counted in each teller and noemer. */
  @IsOptional() @IsIn(['true', 'false']) detail?: 'true' | 'false';
}
