import { IsDatum } from '../core/validators';
import { plusDagen } from '../core/kalender';
import { ActionDefinition } from '../core/kind';
import { weiger } from '../core/regels';
import { InburgeringContext, ontzorgingActief } from './context';
import { pipUiterlijk, screeningUiterlijk } from './rules/termijnen';
import { feit } from './actions';

/**
 * The four deadlines of trajectory.md as system actions: the sagas run them when a deadline is due.
 * Each checks that the deadline it is told about is still the current one and really passed, so a stale
 * schedule entry is refused instead of recorded.
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

const verstreken = (laatsteDag: string, today: string) => today > laatsteDag;

const screening: ActionDefinition<InburgeringContext, UiterlijkDto> = {
  naam: 'verstrijk-screeningtermijn', dto: UiterlijkDto, event: 'ScreeningTermijnVerstreken', systeem: true,
  decide: ({ uiterlijk }, { context }, today) => {
    if (screeningUiterlijk(context) !== uiterlijk || !verstreken(uiterlijk, today)) weiger(`Screeningtermijn ${uiterlijk} is niet verstreken`);
    return [feit('ScreeningTermijnVerstreken', { uiterlijk }, plusDagen(uiterlijk, 1))];
  },
};

const pip: ActionDefinition<InburgeringContext, UiterlijkDto> = {
  naam: 'verstrijk-piptermijn', dto: UiterlijkDto, event: 'PipTermijnVerstreken', systeem: true,
  decide: ({ uiterlijk }, { context }, today) => {
    if (pipUiterlijk(context) !== uiterlijk || !verstreken(uiterlijk, today)) weiger(`PIP-termijn ${uiterlijk} is niet verstreken`);
    return [feit('PipTermijnVerstreken', { uiterlijk }, plusDagen(uiterlijk, 1))];
  },
};

const ontzorging: ActionDefinition<InburgeringContext, TotDto> = {
  naam: 'beeindig-ontzorging-na-termijn', dto: TotDto, event: 'OntzorgingBeeindigd', systeem: true,
  decide: ({ tot }, { context }, today) => {
    // Pw art. 56a: six months, the end `tot` being the first day without ontzorging.
    if (!ontzorgingActief(context) || context.ontzorging!.tot !== tot || today < tot) weiger(`Ontzorging loopt niet af op ${tot}`);
    return [feit('OntzorgingBeeindigd', { datum: tot, reden: 'termijn-verstreken' }, tot)];
  },
};

const inburgeringstermijn: ActionDefinition<InburgeringContext, EindDto> = {
  naam: 'verstrijk-inburgeringstermijn', dto: EindDto, event: 'InburgeringstermijnVerstreken', systeem: true,
  decide: ({ eind }, { context }, today) => {
    if (context.inburgeringstermijn?.eind !== eind || today < eind) weiger(`Inburgeringstermijn eindigt niet op ${eind}`);
    return [feit('InburgeringstermijnVerstreken', { eind }, eind)];
  },
};

export const TERMIJN_ACTIES = [screening, pip, ontzorging, inburgeringstermijn];
