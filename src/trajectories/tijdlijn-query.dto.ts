import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IsDatum } from './core/validators';

export class TijdlijnQuery {
  /** The state as it stood on this business date. */
  @IsOptional() @IsDatum() peildatum?: string;
  /** The state after this revision (0-based). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) totRevisie?: number;
}
