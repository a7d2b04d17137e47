import { ActionDefinition, TrajectoryKind } from '../core/kind';
import { nietInToekomst, weiger } from '../core/regels';
import { controleerLeeftijd } from '../inburgering/rules/registratie';
import { RegistreerAdviesgesprekDto, SluitBegeleidingAfDto, VerwijsDoorDto } from './commands';
import { OndertussenEventType } from './events';
import { OndertussenContext, ondertussenMachine } from './machine';

function actie<P extends { datum: string }>(naam: string, dto: new () => P, event: OndertussenEventType): ActionDefinition<OndertussenContext, P> {
  return {
    naam, dto, event,
    decide: (p, _s, today) => {
      nietInToekomst(today, { datum: p.datum });
      return [{ type: event, data: { ...p }, datum: p.datum }];
    },
  };
}

export const ondertussenKind: TrajectoryKind<OndertussenContext> = {
  soort: 'ondertussen',
  machine: ondertussenMachine,
  acties: [
    actie('registreer-adviesgesprek', RegistreerAdviesgesprekDto, 'AdviesgesprekGevoerd'),
    actie('verwijs-door', VerwijsDoorDto, 'DoorverwezenNaarPartner'),
    actie('sluit-begeleiding-af', SluitBegeleidingAfDto, 'BegeleidingAfgesloten'),
  ],
  fase: (snapshot) => snapshot.value as string,
  status: (snapshot) => snapshot.value,
  registreer: (p, today) => {
    const datum = p.datum ?? today;
    nietInToekomst(today, { datum, 'persoon.geboortedatum': p.persoon.geboortedatum, datumInschrijvingBrp: p.datumInschrijvingBrp });
    // The ondertussen-groep are asielstatushouders obliged under Wi2013 (glossary).
    if (p.doelgroep !== 'asielstatushouder') weiger('De ondertussen-groep bestaat uit asielstatushouders (Wi2013)');
    if (p.datumKoppeling) weiger('Een koppeling hoort bij een Wi2021-traject, niet bij de ondertussen-groep');
    controleerLeeftijd(p.persoon.geboortedatum, datum);
    const { soort: _s, datum: _d, persoon, datumKoppeling: _k, ...rest } = p;
    return [{ type: 'InburgeraarGeregistreerd', data: { soort: 'ondertussen', ...rest, persoon: { ...persoon }, datum }, datum }];
  },
  view: ({ context: c }) => ({
    doelgroep: c.doelgroep,
    persoon: c.persoon,
    consulent: c.consulent,
    datumRegistratie: c.datumRegistratie,
    adviesgesprekken: c.adviesgesprekken,
    doorverwijzingen: c.doorverwijzingen,
    afgesloten: c.afgesloten,
    leerroute: null, niveau: null, pvt: null, map: null, ontzorging: null, uitkeringsgerechtigd: null,
    termijnen: {}, inburgeringstermijn: null, uren: null, examenresultaten: [], participatieactiviteiten: [], uitstroom: [],
  }),
};
