import { assign, setup } from 'xstate';
import { OndertussenEventData, OndertussenMachineEvent } from './events';

export interface OndertussenContext {
  doelgroep: 'asielstatushouder';
  persoon: OndertussenEventData['InburgeraarGeregistreerd']['persoon'];
  consulent: string | null;
  datumRegistratie: string;
  adviesgesprekken: { datum: string; advies: string }[];
  doorverwijzingen: { datum: string; partner: string; toelichting?: string }[];
  afgesloten: { datum: string; reden: string } | null;
}

const initial = (): OndertussenContext => ({
  doelgroep: 'asielstatushouder', persoon: { naam: '', geboortedatum: '', geslacht: 'x' }, consulent: null, datumRegistratie: '',
  adviesgesprekken: [], doorverwijzingen: [], afgesloten: null,
});

function reduce(c: OndertussenContext, e: OndertussenMachineEvent): OndertussenContext {
  switch (e.type) {
    case 'InburgeraarGeregistreerd':
      return { ...initial(), persoon: e.data.persoon, consulent: e.data.consulent ?? null, datumRegistratie: e.data.datum };
    case 'AdviesgesprekGevoerd':
      return { ...c, adviesgesprekken: [...c.adviesgesprekken, { ...e.data }] };
    case 'DoorverwezenNaarPartner':
      return { ...c, doorverwijzingen: [...c.doorverwijzingen, { ...e.data }] };
    case 'BegeleidingAfgesloten':
      return { ...c, afgesloten: { ...e.data } };
  }
}

/** aangemeld → begeleiding (after the first advice) → afgesloten. No PIP, no leerroute. */
export const ondertussenMachine = setup({
  types: { context: {} as OndertussenContext, events: {} as OndertussenMachineEvent },
  actions: { apply: assign(({ context, event }) => reduce(context, event)) },
}).createMachine({
  id: 'ondertussen',
  version: '1',
  initial: 'nieuw',
  context: initial,
  states: {
    nieuw: { on: { InburgeraarGeregistreerd: { target: 'aangemeld', actions: 'apply' } } },
    aangemeld: {
      on: {
        AdviesgesprekGevoerd: { target: 'begeleiding', actions: 'apply' },
        BegeleidingAfgesloten: { target: 'afgesloten', actions: 'apply' },
      },
    },
    begeleiding: {
      on: {
        AdviesgesprekGevoerd: { actions: 'apply' },
        DoorverwezenNaarPartner: { actions: 'apply' },
        BegeleidingAfgesloten: { target: 'afgesloten', actions: 'apply' },
      },
    },
    afgesloten: { type: 'final' },
  },
});
