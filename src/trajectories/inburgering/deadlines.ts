import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDatum } from '../core/validators';
import { ActionDefinition } from '../core/kind';
import { nietInToekomst, weiger } from '../core/regels';
import { StelPipTermijnOpDto } from './commands';
import { InburgeringContext } from './context';
import { Termijnsoort } from './events';
import { feit } from './actions';
import { pipTermijnLoopt, termijnDatum } from './rules/termijnen';

/**
 * The actions around the deadlines. The system actions fire a deadline when the scheduler finds it due: each checks
 * that the deadline it is told about is recorded (TermijnGesteld/Gewijzigd), still running with that date, and
 * really exceeded today, so a stale schedule entry is refused instead of recorded. The decider then records the
 * deadline's end (TermijnVervallen, reden termijn-verstreken) in the same append.
 */

export class UiterlijkDto {
  /** The last day on time that was exceeded. */
  @IsDatum() uiterlijk: string;
}
export class EindDto {
  /** The exclusive end that was reached. */
  @IsDatum() eind: string;
}
export class TotDto {
  @IsDatum() tot: string;
}
export class GeenDto {
  /** Why the catch-up ran (optional, for the log). */
  @IsOptional() @IsString() @MaxLength(200) toelichting?: string;
}

/** The recorded, running deadline of `soort` with this date, whose day of exceeding has come; else 422. */
function verstrekenTermijn(c: InburgeringContext, soort: Termijnsoort, datum: string, today: string): string {
  const t = c.termijnen[soort];
  if (!t || t.uitkomst !== null || t.verstrijktOp === null || termijnDatum(t) !== datum || today < t.verstrijktOp) {
    weiger(`De ${soort}termijn ${datum} is niet vastgelegd als lopend, of is vandaag niet verstreken`);
  }
  return t.verstrijktOp;
}

const screening: ActionDefinition<InburgeringContext, UiterlijkDto> = {
  naam: 'verstrijk-screeningtermijn', dto: UiterlijkDto, event: 'ScreeningTermijnVerstreken', systeem: true,
  decide: ({ uiterlijk }, { context }, today) =>
    [feit('ScreeningTermijnVerstreken', { uiterlijk }, verstrekenTermijn(context, 'screening', uiterlijk, today))],
};

const pip: ActionDefinition<InburgeringContext, UiterlijkDto> = {
  naam: 'verstrijk-piptermijn', dto: UiterlijkDto, event: 'PipTermijnVerstreken', systeem: true,
  decide: ({ uiterlijk }, { context }, today) =>
    [feit('PipTermijnVerstreken', { uiterlijk }, verstrekenTermijn(context, 'pip', uiterlijk, today))],
};

const ontzorging: ActionDefinition<InburgeringContext, TotDto> = {
  naam: 'beeindig-ontzorging-na-termijn', dto: TotDto, event: 'OntzorgingBeeindigd', systeem: true,
  decide: ({ tot }, { context }, today) => {
    // Pw art. 56a: `tot` is the first day without ontzorging.
    const datum = verstrekenTermijn(context, 'ontzorging', tot, today);
    return [feit('OntzorgingBeeindigd', { datum, reden: 'termijn-verstreken' }, datum)];
  },
};

const inburgeringstermijn: ActionDefinition<InburgeringContext, EindDto> = {
  naam: 'verstrijk-inburgeringstermijn', dto: EindDto, event: 'InburgeringstermijnVerstreken', systeem: true,
  decide: ({ eind }, { context }, today) =>
    [feit('InburgeringstermijnVerstreken', { eind }, verstrekenTermijn(context, 'inburgeringstermijn', eind, today))],
};

const aow: ActionDefinition<InburgeringContext, EindDto> = {
  naam: 'beeindig-traject-op-aow-leeftijd', dto: EindDto, event: 'TrajectBeeindigd', systeem: true,
  decide: ({ eind }, { context }, today) => {
    // Wi 2021 art. 3 lid 1: the obligation ends on the day the AOW age is reached.
    const datum = verstrekenTermijn(context, 'aow', eind, today);
    return [feit('TrajectBeeindigd', { datum, reden: 'aow-leeftijd' }, datum)];
  },
};

/**
 * Catch-up for streams recorded before deadlines were facts: records what the deadline rules say now (the decider's
 * deadline step), nothing else. Run by `npm run termijnen` (scripts/termijnen.ts); a stream already up to date gets nothing.
 */
const legVast: ActionDefinition<InburgeringContext, GeenDto> = {
  naam: 'leg-termijnen-vast', dto: GeenDto, event: 'TermijnGesteld', systeem: true,
  decide: () => [],
};

/** Per deadline: the system action that fires it, and the payload field naming its date. */
export const TERMIJN_ACTIE: Record<Termijnsoort, string> = {
  screening: screening.naam,
  pip: pip.naam,
  ontzorging: ontzorging.naam,
  inburgeringstermijn: inburgeringstermijn.naam,
  aow: aow.naam,
};

export const TERMIJN_ACTIES = [screening, pip, ontzorging, inburgeringstermijn, aow, legVast];

// --- case-worker actions that belong to the PIP deadline -----------------------------------------------------

export class RegistreerMeldingDuoDto {
  /** The date of DUO's melding (its written notification of the obligation); the business date of the fact. */
  @IsDatum() datumMeldingDuo: string;
}

/**
 * Besluit art. 5.3 lid 2: the PIP term is suspended only while it runs: before its last day has passed and before
 * PipTermijnVerstreken is recorded. An exceeded PIP deadline can never become on time again.
 */
export const stelPipTermijnOp: ActionDefinition<InburgeringContext, StelPipTermijnOpDto> = {
  naam: 'stel-pip-termijn-op', dto: StelPipTermijnOpDto, event: 'PipTermijnOpgeschort',
  decide: (p, { context }, today) => {
    nietInToekomst(today, { datum: p.datum });
    if (!pipTermijnLoopt(context, today) || !pipTermijnLoopt(context, p.datum)) {
      const t = context.termijnen.pip;
      weiger(t?.laatsteDag && (today > t.laatsteDag || context.verstreken.pip)
        ? `De PIP-termijn is verstreken (laatste dag ${t.laatsteDag}); opschorten kan alleen zolang de termijn loopt (Besluit art. 5.3 lid 2)`
        : 'Er loopt geen PIP-termijn die kan worden opgeschort (Besluit art. 5.3 lid 2)');
    }
    return [feit('PipTermijnOpgeschort', { ...p }, p.datum)];
  },
};

/** DUO's melding recorded after registration: from 2023 it starts the PIP clock (Besluit art. 5.3, text 2023). */
export const registreerMeldingDuo: ActionDefinition<InburgeringContext, RegistreerMeldingDuoDto> = {
  naam: 'registreer-melding-duo', dto: RegistreerMeldingDuoDto, event: 'MeldingDuoGeregistreerd',
  decide: ({ datumMeldingDuo }, _s, today) => {
    nietInToekomst(today, { datumMeldingDuo });
    return [feit('MeldingDuoGeregistreerd', { datumMeldingDuo }, datumMeldingDuo)];
  },
};
