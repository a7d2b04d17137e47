import { DomainEvent } from '../core/kind';
import { given } from '../core/testing/given';
import { ondertussenKind } from './kind';

const today = '2025-06-01';
const persoon = { naam: 'Samir Haddad', geboortedatum: '1985-07-01', geslacht: 'man' as const };
const geregistreerd: DomainEvent = { type: 'InburgeraarGeregistreerd', data: { soort: 'ondertussen', doelgroep: 'asielstatushouder', persoon, datum: '2025-01-10' }, datum: '2025-01-10' };
const advies: DomainEvent = { type: 'AdviesgesprekGevoerd', data: { datum: '2025-02-01', advies: 'taalcafé' }, datum: '2025-02-01' };
const afgesloten: DomainEvent = { type: 'BegeleidingAfgesloten', data: { datum: '2025-03-01', reden: 'verhuisd' }, datum: '2025-03-01' };
const ondertussen = (...events: DomainEvent[]) => given(ondertussenKind, geregistreerd, ...events);

describe('ondertussen', () => {
  describe('nieuw', () => {
    const body = { soort: 'ondertussen', doelgroep: 'asielstatushouder', persoon, datum: '2025-01-10' };
    it('registers an asielstatushouder of the ondertussen-groep → aangemeld', () => {
      given(ondertussenKind).registreer(body, { today })
        .thenAppends([{ type: 'InburgeraarGeregistreerd', data: { soort: 'ondertussen', doelgroep: 'asielstatushouder', persoon, datum: '2025-01-10' } }])
        .thenState('aangemeld');
    });
    it('refuses a gezinsmigrant and a koppeling (422)', () => {
      given(ondertussenKind).registreer({ ...body, doelgroep: 'gezinsmigrant' }, { today }).thenRejects('CommandRejected', /asielstatushouders/);
      given(ondertussenKind).registreer({ ...body, datumKoppeling: '2025-01-01' }, { today }).thenRejects('CommandRejected', /koppeling/);
    });
    it('refuses someone of 67 (422)', () => {
      given(ondertussenKind).registreer({ ...body, persoon: { ...persoon, geboortedatum: '1958-01-10' } }, { today }).thenRejects('CommandRejected', /AOW/);
    });
  });

  describe('aangemeld', () => {
    it('registreer-adviesgesprek → begeleiding', () => {
      ondertussen().when('registreer-adviesgesprek', { datum: '2025-02-01', advies: 'taalcafé' }, { today })
        .thenAppends([{ type: 'AdviesgesprekGevoerd', data: { datum: '2025-02-01', advies: 'taalcafé' } }]).thenState('begeleiding');
    });
    it('verwijs-door needs an advice first (422)', () => {
      ondertussen().when('verwijs-door', { datum: '2025-02-01', partner: 'Bossche Taalnetwerk' }, { today }).thenRejects('CommandRejected');
    });
    it('sluit-begeleiding-af → afgesloten', () => {
      ondertussen().when('sluit-begeleiding-af', { datum: '2025-02-01', reden: 'geen behoefte' }, { today }).thenState('afgesloten');
    });
    it('refuses an advice in the future (400)', () => {
      ondertussen().when('registreer-adviesgesprek', { datum: '2025-06-02', advies: 'x' }, { today }).thenRejects('ValidationFailed');
    });
  });

  describe('begeleiding', () => {
    it('verwijs-door refers to a partner', () => {
      ondertussen(advies).when('verwijs-door', { datum: '2025-02-10', partner: 'VluchtelingenWerk', toelichting: 'juridisch' }, { today })
        .thenAppends([{ type: 'DoorverwezenNaarPartner', data: { datum: '2025-02-10', partner: 'VluchtelingenWerk', toelichting: 'juridisch' } }])
        .thenState('begeleiding');
    });
    it('more advice is recorded', () => {
      ondertussen(advies).when('registreer-adviesgesprek', { datum: '2025-02-15', advies: 'vrijwilligerswerk' }, { today }).thenState('begeleiding');
    });
    it('sluit-begeleiding-af → afgesloten (final)', () => {
      const outcome = ondertussen(advies).when('sluit-begeleiding-af', { datum: '2025-03-01', reden: 'verhuisd' }, { today }).thenState('afgesloten');
      expect(outcome.state.snapshot.status).toBe('done');
    });
    it('refuses a partner missing (400)', () => {
      ondertussen(advies).when('verwijs-door', { datum: '2025-02-10' }, { today }).thenRejects('ValidationFailed');
    });
  });

  describe('afgesloten', () => {
    it.each([
      ['registreer-adviesgesprek', { datum: '2025-04-01', advies: 'x' }],
      ['verwijs-door', { datum: '2025-04-01', partner: 'x' }],
      ['sluit-begeleiding-af', { datum: '2025-04-01', reden: 'x' }],
    ])('refuses %s (422)', (actie, body) => {
      ondertussen(advies, afgesloten).when(actie, body, { today }).thenRejects('CommandRejected');
    });
  });

  describe('no PIP, no leerroute: the inburgering actions do not exist here (422, not 404)', () => {
    it.each(['stel-pip-vast', 'start-brede-intake', 'registreer-bijstand', 'wijzig-leerroute', 'rond-inburgering-af'])('%s → CommandRejected', (actie) => {
      ondertussen(advies).when(actie, { datum: '2025-04-01' }, { today }).thenRejects('CommandRejected', new RegExp(`${actie} bestaat niet voor een ondertussentraject`));
    });
    it('an unknown action is a NotFound (404)', () => {
      ondertussen(advies).when('stel-pap-vast', { datum: '2025-04-01' }, { today }).thenRejects('NotFound');
    });
  });
});
