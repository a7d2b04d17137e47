import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsBsn, IsDatum } from './core/validators';

export class PersoonDto {
  @IsString() @IsNotEmpty() @MaxLength(200) naam: string;
  @IsDatum() geboortedatum: string;
  @IsIn(['man', 'vrouw', 'x']) geslacht: 'man' | 'vrouw' | 'x';
  /** Burgerservicenummer, 9 digits passing the elfproef. */
  @IsOptional() @IsBsn() bsn?: string;
}

/** Body of POST /api/v1/trajecten: the InburgeraarGeregistreerd fact. */
export class RegistreerTrajectDto {
  /** `inburgering` (Wi2021) or `ondertussen` (Wi2013 asielstatushouder: advice and referral only). */
  @IsIn(['inburgering', 'ondertussen']) soort: 'inburgering' | 'ondertussen';
  @IsIn(['asielstatushouder', 'gezinsmigrant']) doelgroep: 'asielstatushouder' | 'gezinsmigrant';
  @ValidateNested() @Type(() => PersoonDto) persoon: PersoonDto;
  @IsOptional() @IsDatum() datumMeldingDuo?: string;
  /** COA's koppeling; asielstatushouders only. Starts the Bossche screening clock. */
  @IsOptional() @IsDatum() datumKoppeling?: string;
  @IsOptional() @IsDatum() datumInschrijvingBrp?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) consulent?: string;
  /** Date of registration; default today. */
  @IsOptional() @IsDatum() datum?: string;
}
