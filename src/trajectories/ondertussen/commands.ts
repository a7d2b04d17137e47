import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDatum } from '../core/validators';

export class RegistreerAdviesgesprekDto {
  @IsDatum() datum: string;
  @IsString() @IsNotEmpty() @MaxLength(4000) advies: string;
}

export class VerwijsDoorDto {
  @IsDatum() datum: string;
  /** E.g. Bossche Taalnetwerk, VluchtelingenWerk. */
  @IsString() @IsNotEmpty() @MaxLength(200) partner: string;
  @IsOptional() @IsString() @MaxLength(4000) toelichting?: string;
}

export class SluitBegeleidingAfDto {
  @IsDatum() datum: string;
  @IsString() @IsNotEmpty() @MaxLength(4000) reden: string;
}
