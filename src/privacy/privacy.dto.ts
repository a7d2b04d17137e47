import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsDatum } from '../trajectories/core/validators';

export class WisPersoonsgegevensDto {
  @ApiProperty({ description: 'Waarom (bv. "bewaartermijn verstreken", "verzoek art. 17 AVG, zaak 2025-123"); geen persoonsgegevens' })
  @IsString() @IsNotEmpty() @MaxLength(1000) reden: string;
  @ApiPropertyOptional({ description: 'De veldgroepen die gewist worden; standaard alle', example: ['persoon', 'vrije-tekst'] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsString({ each: true }) veldgroepen?: string[];
}

export class BewaartermijnenQuery {
  @ApiPropertyOptional({ description: 'De datum waarop de termijn wordt beoordeeld; standaard vandaag' })
  @IsOptional() @IsDatum() peildatum?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) pagina?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) paginaGrootte?: number;
}
