import { ApiSchema, ApiSchemaOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, IsString,
  MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { IsDatum } from '../core/validators';

/** One DTO per action of trajectory.md. Every body carries its business `datum`, except registreer-bijstand. */

export const LEERROUTES = ['b1', 'onderwijsroute', 'z-route'] as const;
export const TAALONDERDELEN = ['lezen', 'luisteren', 'schrijven', 'spreken'] as const;
export const EXAMENONDERDELEN = [...TAALONDERDELEN, 'knm'] as const;
/** What a partial vrijstelling or ontheffing can cover (Wi art. 7 lid 3; Besluit art. 2.7): exam parts and the Z-route's participation. */
export const VRIJSTELLING_ONDERDELEN = [...EXAMENONDERDELEN, 'participatie'] as const;
export const NIVEAUS = ['A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
/** The participation menu of the Bossche policy (glossary). */
export const PARTICIPATIEACTIVITEITEN = [
  'leerwerktraject', 'taalondersteuning', 'werkervaringsplek', 'stage', 'vrijwilligerswerk', 'arbeidsmarktorientatie',
  'training-financiele-zelfredzaamheid', 'gezondheidsvaardigheden', 'sport',
] as const;

const TEKST = 4000;

/**
 * An action's schema in the OpenAPI document: what the client must send, with a whole example body that shows the
 * fields a rule requires. Nest copies every ApiSchema option but `name` into the schema object; its typing lists
 * only `description`, hence the cast.
 */
const Actie = (description: string, example: Record<string, unknown>): ClassDecorator =>
  ApiSchema({ description, example } as ApiSchemaOptions);

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

@Actie(
  'stel-pip-vast. Op de onderwijsroute voor iemand ouder dan 27 op de dagtekening (Bossche beleidsregel, Awb art. 4:84) '
    + 'is afwijkingOnderbouwing verplicht; zonder volgt 422 met ontbrekendeVelden ["afwijkingOnderbouwing"]. '
    + 'Het voorbeeld: de onderwijsroute voor iemand van 30.',
  {
    datum: '2025-03-14', leerroute: 'onderwijsroute', voortgangsgesprekken: 2, participatieactiviteiten: ['leerwerktraject'],
    afwijkingOnderbouwing: 'Heeft een vwo-diploma en een toelating tot de hbo-opleiding verpleegkunde',
  },
)
export class StelPipVastDto extends DatumDto {
  @IsIn(LEERROUTES) leerroute: (typeof LEERROUTES)[number];
  @IsInt() @Min(1) voortgangsgesprekken: number;
  @IsArray() @IsIn(PARTICIPATIEACTIVITEITEN, { each: true }) participatieactiviteiten: string[];
  /** Exam level of the B1-route. A2 is refused in a first PIP (afschalen comes later). */
  @IsOptional() @IsIn(['B1', 'A2']) examenniveau?: 'B1' | 'A2';
  /**
   * Required for the onderwijsroute when the person is older than 27 on the dagtekening: why the Bossche age line
   * (a policy rule, Awb art. 4:84) is departed from. Without it: 422, ontbrekendeVelden ["afwijkingOnderbouwing"].
   * @example "Heeft een vwo-diploma en een toelating tot de hbo-opleiding verpleegkunde"
   */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEKST) afwijkingOnderbouwing?: string;
}

export class WijzigPipDto extends DatumDto {
  @IsString() @IsNotEmpty() @MaxLength(TEKST) wijziging: string;
  @IsString() @IsNotEmpty() @MaxLength(TEKST) reden: string;
}

@Actie(
  'wijzig-leerroute. Vanaf 18 maanden na de start van de inburgeringstermijn (behalve onderwijsroute → b1) alleen als '
    + 'bijzonder geval: bijzonderGeval true én afwijkingOnderbouwing, naast reden (Besluit art. 5.4). Naar de onderwijsroute voor '
    + 'iemand ouder dan 27 is afwijkingOnderbouwing ook verplicht (Bossche beleidsregel, Awb art. 4:84). Ontbreekt een veld: 422 met '
    + 'ontbrekendeVelden. Een wissel weg van de B1-route beëindigt een afschaling naar A2 (Wi art. 17 lid 3). '
    + 'Het voorbeeld: een bijzonder geval na 18 maanden.',
  {
    datum: '2025-10-01', naar: 'z-route', reden: 'B1 blijkt niet haalbaar', bijzonderGeval: true,
    afwijkingOnderbouwing: 'Langdurige ziekenhuisopname in het eerste jaar; het advies van de arts is bijgevoegd',
  },
)
export class WijzigLeerrouteDto extends DatumDto {
  @IsIn(LEERROUTES) naar: (typeof LEERROUTES)[number];
  /** @example "Onvoldoende voortgang op B1 ondanks inzet" */
  @IsString() @IsNotEmpty() @MaxLength(TEKST) reden: string;
  /**
   * Besluit art. 5.4: the college may depart from the 18-month limit in a special case; then afwijkingOnderbouwing is required too.
   * @example true
   */
  @IsOptional() @IsBoolean() bijzonderGeval?: boolean;
  /**
   * Required with bijzonderGeval (after 18 months) and for the onderwijsroute beyond 27: the reasons for departing.
   * @example "Langdurige ziekenhuisopname in het eerste jaar; B1 blijkt niet haalbaar"
   */
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

@Actie(
  'verleng-inburgeringstermijn: DUO\'s besluit (Wi art. 12). datum is de besluitdatum; die mag na het (verlengde) einde '
    + 'liggen als het besluit laat wordt vastgelegd. grond niet-verwijtbaar: de einddatum die DUO besloot (Besluit art. 4.3). '
    + 'grond aanzienlijke-inspanningen: precies 6 maanden na de huidige einddatum en alleen op de B1-route (Besluit art. 4.4); anders 422. '
    + 'Het voorbeeld: aanzienlijke inspanningen bij een huidige einddatum 2027-03-15.',
  { datum: '2027-02-01', nieuweEinddatum: '2027-09-15', grond: 'aanzienlijke-inspanningen' },
)
export class VerlengInburgeringstermijnDto extends DatumDto {
  /**
   * DUO's decision: the new exclusive end; after the current one, and for aanzienlijke-inspanningen exactly the current end
   * + 6 months. May lie in the future.
   * @example "2028-09-15"
   */
  @IsDatum() nieuweEinddatum: string;
  @IsIn(['niet-verwijtbaar', 'aanzienlijke-inspanningen']) grond: 'niet-verwijtbaar' | 'aanzienlijke-inspanningen';
}

export class DuoBesluitDto extends DatumDto {
  /** @example "Nederlands mbo-4-diploma" */
  @IsString() @IsNotEmpty() @MaxLength(TEKST) grond: string;
  /** A full decision ends the trajectory; a partial one (false) names its onderdelen. */
  @IsBoolean() volledig: boolean;
  /**
   * Required when volledig is false, absent when true: the parts released (Wi art. 7 lid 3; Besluit art. 2.7).
   * participatie is the Z-route's 800 hours of participation.
   * @example ["lezen", "luisteren"]
   */
  @ValidateIf((o: DuoBesluitDto) => o.volledig === false || o.onderdelen !== undefined)
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(VRIJSTELLING_ONDERDELEN, { each: true })
  onderdelen?: (typeof VRIJSTELLING_ONDERDELEN)[number][];
}

const DUO_BESLUIT = 'DUO\'s besluit. volledig true beëindigt het traject; volledig false (gedeeltelijk) vraagt onderdelen '
  + '(lezen, luisteren, schrijven, spreken, knm, participatie): leerroute behaald en de Z-route-uren slaan die onderdelen over.';
@Actie(`registreer-vrijstelling: ${DUO_BESLUIT} (Wi art. 4 en 7 lid 3). Het voorbeeld: een diploma dat lezen, luisteren en KNM dekt.`, {
  datum: '2025-01-15', grond: 'Nederlands mbo-4-diploma', volledig: false, onderdelen: ['lezen', 'luisteren', 'knm'],
})
export class RegistreerVrijstellingDto extends DuoBesluitDto {}
@Actie(`registreer-ontheffing: ${DUO_BESLUIT} (Wi art. 5; Besluit art. 2.7). Het voorbeeld: ontheffing van de participatie van de Z-route.`, {
  datum: '2025-01-15', grond: 'medische ontheffing (DUO)', volledig: false, onderdelen: ['participatie'],
})
export class RegistreerOntheffingDto extends DuoBesluitDto {}

export class BeeindigTrajectDto extends DatumDto {
  @IsIn(['verhuisd', 'vertrokken', 'overleden', 'verblijfsdoel-gewijzigd', 'aow-leeftijd', 'anders'])
  reden: 'verhuisd' | 'vertrokken' | 'overleden' | 'verblijfsdoel-gewijzigd' | 'aow-leeftijd' | 'anders';
  @IsOptional() @IsString() @MaxLength(TEKST) toelichting?: string;
}

export class StelPipTermijnOpDto extends DatumDto {
  @IsString() @IsNotEmpty() @MaxLength(TEKST) reden: string;
}
