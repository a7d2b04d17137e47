import { AnyMachineSnapshot } from 'xstate';
import { TrajectoryKind } from '../core/kind';
import { weiger } from '../core/regels';
import { nietInToekomst } from '../core/regels';
import { INBURGERING_ACTIES, feit } from './actions';
import { InburgeringContext } from './context';
import { TERMIJN_ACTIES, registreerMeldingDuo, stelPipTermijnOp } from './deadlines';
import { inburgeringMachine } from './machine';
import { controleerLeeftijd } from './rules/registratie';
import { termijnFeiten } from './rules/termijnen';
import { inburgeringStatus } from './status';
import { inburgeringView } from './view';

const fase = (snapshot: AnyMachineSnapshot): string =>
  typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0];

export const inburgeringKind: TrajectoryKind<InburgeringContext> = {
  soort: 'inburgering',
  machine: inburgeringMachine,
  acties: [...INBURGERING_ACTIES, stelPipTermijnOp, registreerMeldingDuo, ...TERMIJN_ACTIES],
  gevolgen: termijnFeiten,
  fase,
  status: (snapshot) => inburgeringStatus(snapshot.value, snapshot.context),
  registreer: (p, today) => {
    const datum = p.datum ?? today;
    nietInToekomst(today, {
      datum, 'persoon.geboortedatum': p.persoon.geboortedatum,
      datumMeldingDuo: p.datumMeldingDuo, datumKoppeling: p.datumKoppeling, datumInschrijvingBrp: p.datumInschrijvingBrp,
    });
    // COA links only asielstatushouders to a municipality (koppeling).
    if (p.datumKoppeling && p.doelgroep !== 'asielstatushouder') weiger('datumKoppeling geldt alleen voor een asielstatushouder');
    controleerLeeftijd(p.persoon.geboortedatum, datum);
    const { soort: _s, datum: _d, persoon, ...rest } = p;
    return [feit('InburgeraarGeregistreerd', { soort: 'inburgering', ...rest, persoon: { ...persoon }, datum }, datum)];
  },
  view: (state, today) => inburgeringView(state, today),
};
