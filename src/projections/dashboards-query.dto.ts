import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CursorQuery } from '../http/paginering';
import { FASEN } from './fase';
import { TERMIJNSOORTEN } from './termijnen.projection';

const LEERROUTES = ['b1', 'onderwijsroute', 'z-route'] as const;

/** `GET /trajecten`: filters, search and paging (api.md). */
export class TrajectenLijstQuery extends CursorQuery {
  /** Exactly this BSN (9 digits); found through a keyed hash, the BSN itself is not stored in the read model. */
  @IsOptional() @Matches(/^\d{9}$/, { message: 'bsn is 9 cijfers' }) bsn?: string;
  /** Part of the name, case- and accent-insensitive (at least 2 characters). */
  @IsOptional() @IsString() @MinLength(2) @MaxLength(200) naam?: string;
  /** The top-level phase. */
  @IsOptional() @IsIn(FASEN) fase?: (typeof FASEN)[number];
  @IsOptional() @IsIn(['asielstatushouder', 'gezinsmigrant']) doelgroep?: 'asielstatushouder' | 'gezinsmigrant';
  /** The current leerroute (set by the PIP). */
  @IsOptional() @IsIn(LEERROUTES) leerroute?: (typeof LEERROUTES)[number];
  /** The consulent's id as registered. */
  @IsOptional() @IsString() @MaxLength(200) consulent?: string;
  @IsOptional() @IsIn(['inburgering', 'ondertussen']) soort?: 'inburgering' | 'ondertussen';
  /** Page number, from 1 (default 1); `cursor` is the convention, `pagina` keeps working. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) pagina?: number;
  /** Items per page, at most 100 (default 25). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) paginaGrootte?: number;
}

/** `GET /dashboards/termijnen`: paged like every list (default 100 per page). */
export class TermijnenQuery extends CursorQuery {
  /** Items per page, at most 1000 (default 100). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) paginaGrootte?: number;
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
