import { Type } from 'class-transformer';
import {
  ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString,
  MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsDatum } from '../core/validators';

/** One DTO per action of trajectory.md. Every body carries its business `datum`, except registreer-bijstand. */

export const LEERROUTES = ['b1', 'onderwijsroute', 'z-route'] as const;
export const TAALONDERDELEN = ['lezen', 'luisteren', 'schrijven', 'spreken'] as const;
export const EXAMENONDERDELEN = [...TAALONDERDELEN, 'knm'] as const;
export const NIVEAUS = ['A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
/** The participation menu of the Bossche policy (glossary). */
export const PARTICIPATIEACTIVITEITEN = [
  'leerwerktraject', 'taalondersteuning', 'werkervaringsplek', 'stage', 'vrijwilligerswerk', 'arbeidsmarktorientatie',
  'training-financiele-zelfredzaamheid', 'gezondheidsvaardigheden', 'sport',
] as const;

const TEKST = 4000;

export class DatumDto {
  /** Business date of the fact (JJJJ-MM-DD), not in the future. */
  @IsDatum() datum: string;
}

export class RegistreerInschrijvingBrpDto extends DatumDto {}
export class StartBredeIntakeDto extends DatumDto {}
export class BeeindigBijstandDto extends DatumDto {}
export class RondPvtAfDto extends DatumDto {}
export class RondMapAfDto extends DatumDto {}
export class RondOnderwijsrouteAfDto extends DatumDto {}
export class RondZrouteAfDto extends DatumDto {}
export class RondInburgeringAfDto extends DatumDto {}
export class RegistreerInformatieDerdenDto extends DatumDto {}

export class RegistreerBijstandDto {
  /** The day the right to bijstand arises; the business date of this fact. */
  @IsDatum() ingangsdatum: string;
}

export class VerlengOntzorgingDto extends DatumDto {
  /** New exclusive end date; later than the current one. May lie in the future. */
  @IsDatum() tot: string;
  @IsString() @IsNotEmpty() @MaxLength(TEKST) reden: string;
}

export class BeeindigOntzorgingDto extends DatumDto {
  @IsIn(['op-verzoek', 'anders']) reden: 'op-verzoek' | 'anders';
  @IsOptional() @IsString() @MaxLength(TEKST) toelichting?: string;
}

export class RegistreerScreeningDto extends DatumDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) uitvoerder?: string;
  @IsOptional() @IsString() @MaxLength(TEKST) bevindingen?: string;
}

export class RegistreerLeerbaarheidstoetsDto extends DatumDto {
  @IsIn(['A1', 'A2', 'B1', 'B2']) adviesNiveau: 'A1' | 'A2' | 'B1' | 'B2';
  @IsIn(LEERROUTES) adviesLeerroute: (typeof LEERROUTES)[number];
}

export class IntakeBevindingenDto {
  @IsString() @MaxLength(TEKST) opleiding: string;
  @IsString() @MaxLength(TEKST) werkervaring: string;
  @IsString() @MaxLength(TEKST) gezondheid: string;
  @IsString() @MaxLength(TEKST) kinderenVve: string;
}

export class RondBredeIntakeAfDto extends DatumDto {
  @ValidateNested() @Type(() => IntakeBevindingenDto) bevindingen: IntakeBevindingenDto;
}

export class StelPipVastDto extends DatumDto {
  @IsIn(LEERROUTES) leerroute: (typeof LEERROUTES)[number];
  @IsInt() @Min(1) voortgangsgesprekken: number;
  @IsArray() @IsIn(PARTICIPATIEACTIVITEITEN, { each: true }) participatieactiviteiten: string[];
  /** Exam level of the B1-route. A2 is refused in a first PIP (afschalen comes later). */
  @IsOptional() @IsIn(['B1', 'A2']) examenniveau?: 'B1' | 'A2';
  /** Why the Bossche age line for the onderwijsroute (up to and including 27) is departed from. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEKST) afwijkingOnderbouwing?: string;
}

export class WijzigPipDto extends DatumDto {
  @IsString() @IsNotEmpty() @MaxLength(TEKST) wijziging: string;
  @IsString() @IsNotEmpty() @MaxLength(TEKST) reden: string;
}

export class WijzigLeerrouteDto extends DatumDto {
  @IsIn(LEERROUTES) naar: (typeof LEERROUTES)[number];
  @IsString() @IsNotEmpty() @MaxLength(TEKST) reden: string;
  /** Besluit art. 5.4: the college may depart from the 18-month limit in a special case. */
  @IsOptional() @IsBoolean() bijzonderGeval?: boolean;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEKST) afwijkingOnderbouwing?: string;
}

export class SchaalAfNaarA2Dto extends DatumDto {
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(TAALONDERDELEN, { each: true }) onderdelen: (typeof TAALONDERDELEN)[number][];
  @IsString() @IsNotEmpty() @MaxLength(TEKST) onderbouwing: string;
}

export class PeriodeDto {
  @IsDatum() van: string;
  @IsDatum() tot: string;
}

export class RegistreerUrenDto extends DatumDto {
  @IsIn(['nt2', 'knm', 'participatie', 'pvt', 'map']) soort: 'nt2' | 'knm' | 'participatie' | 'pvt' | 'map';
  @IsNumber({ maxDecimalPlaces: 2 }) @IsPositive() uren: number;
  @IsOptional() @ValidateNested() @Type(() => PeriodeDto) periode?: PeriodeDto;
}

export class StartParticipatieactiviteitDto extends DatumDto {
  @IsString() @IsNotEmpty() @MaxLength(100) activiteitId: string;
  @IsIn(PARTICIPATIEACTIVITEITEN) soort: string;
  @IsIn(['arbeid', 'onderwijs', 'sociaal']) categorie: 'arbeid' | 'onderwijs' | 'sociaal';
  @IsString() @IsNotEmpty() @MaxLength(200) aanbieder: string;
}

export class RondParticipatieactiviteitAfDto extends DatumDto {
  @IsString() @IsNotEmpty() @MaxLength(100) activiteitId: string;
  @IsString() @IsNotEmpty() @MaxLength(TEKST) resultaat: string;
}

export class RegistreerExamenresultaatDto extends DatumDto {
  @IsIn(EXAMENONDERDELEN) onderdeel: (typeof EXAMENONDERDELEN)[number];
  /** CEFR level of the exam taken; not used for KNM. */
  @IsOptional() @IsIn(NIVEAUS) niveau?: (typeof NIVEAUS)[number];
  @IsBoolean() behaald: boolean;
}

export class RegistreerVoortgangsgesprekDto extends DatumDto {
  @IsString() @IsNotEmpty() @MaxLength(TEKST) verslag: string;
}

export class RegistreerUitstroomDto extends DatumDto {
  @IsIn(['betaald-werk', 'vrijwilligerswerk', 'onderwijs']) soort: 'betaald-werk' | 'vrijwilligerswerk' | 'onderwijs';
}

export class VerlengInburgeringstermijnDto extends DatumDto {
  /** DUO's decision: the new exclusive end; after the current one. May lie in the future. */
  @IsDatum() nieuweEinddatum: string;
  @IsIn(['niet-verwijtbaar', 'aanzienlijke-inspanningen']) grond: 'niet-verwijtbaar' | 'aanzienlijke-inspanningen';
}

export class DuoBesluitDto extends DatumDto {
  @IsString() @IsNotEmpty() @MaxLength(TEKST) grond: string;
  @IsBoolean() volledig: boolean;
}
export class RegistreerVrijstellingDto extends DuoBesluitDto {}
export class RegistreerOntheffingDto extends DuoBesluitDto {}

export class BeeindigTrajectDto extends DatumDto {
  @IsIn(['verhuisd', 'vertrokken', 'overleden', 'verblijfsdoel-gewijzigd', 'aow-leeftijd', 'anders'])
  reden: 'verhuisd' | 'vertrokken' | 'overleden' | 'verblijfsdoel-gewijzigd' | 'aow-leeftijd' | 'anders';
  @IsOptional() @IsString() @MaxLength(TEKST) toelichting?: string;
}

export class StelPipTermijnOpDto extends DatumDto {
  @IsString() @IsNotEmpty() @MaxLength(TEKST) reden: string;
}
