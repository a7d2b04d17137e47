import { given } from '../core/testing/given';
import { inburgeringKind } from './kind';

const today = '2025-06-01';
const nieuw = () => given(inburgeringKind);
const registratie = (extra: Record<string, unknown> = {}, persoon: Record<string, unknown> = {}) => ({
  soort: 'inburgering', doelgroep: 'asielstatushouder',
  persoon: { naam: 'Yonas Tesfaye', geboortedatum: '1990-04-12', geslacht: 'man', ...persoon },
  datumMeldingDuo: '2025-05-01', datumKoppeling: '2025-04-20', datumInschrijvingBrp: '2025-05-10', datum: '2025-05-20',
  ...extra,
});

describe('nieuw (POST /trajecten)', () => {
  it('registers an asielstatushouder with koppeling, melding and inschrijving → aangemeld', () => {
    nieuw().registreer(registratie({ consulent: 'kim' }, { bsn: '111222333' }), { today })
      .thenAppends([{
        type: 'InburgeraarGeregistreerd',
        datum: '2025-05-20',
        data: {
          soort: 'inburgering', doelgroep: 'asielstatushouder',
          persoon: { naam: 'Yonas Tesfaye', geboortedatum: '1990-04-12', geslacht: 'man', bsn: '111222333' },
          datumMeldingDuo: '2025-05-01', datumKoppeling: '2025-04-20', datumInschrijvingBrp: '2025-05-10', datum: '2025-05-20', consulent: 'kim',
        },
      }])
      .thenState('aangemeld');
  });

  it('dates the registration today when no datum is given', () => {
    const { datum: _d, ...zonder } = registratie();
    nieuw().registreer(zonder, { today }).thenAppends([{ type: 'InburgeraarGeregistreerd', datum: today, data: expect.objectContaining({ datum: today }) }]);
  });

  describe('age on the registration date (Wi 2021 art. 3: from 16 until the AOW age, 67)', () => {
    it('accepts someone who turns 16 on the registration date', () => {
      nieuw().registreer(registratie({ datum: today }, { geboortedatum: '2009-06-01' }), { today }).thenState('aangemeld');
    });
    it('refuses someone one day short of 16 (422)', () => {
      nieuw().registreer(registratie({ datum: today }, { geboortedatum: '2009-06-02' }), { today }).thenRejects('CommandRejected', /vanaf 16 jaar.*15/);
    });
    it('accepts someone of 66, the day before turning 67', () => {
      nieuw().registreer(registratie({ datum: today }, { geboortedatum: '1958-06-02' }), { today }).thenState('aangemeld');
    });
    it('refuses someone who has reached 67 (422)', () => {
      nieuw().registreer(registratie({ datum: today }, { geboortedatum: '1958-06-01' }), { today }).thenRejects('CommandRejected', /AOW-leeftijd.*67/);
    });
    it('counts the age on the (back-dated) registration date, not today', () => {
      // 16 today, but only 15 on the registration date.
      nieuw().registreer(registratie({ datum: '2025-05-20' }, { geboortedatum: '2009-06-01' }), { today }).thenRejects('CommandRejected', /15/);
    });
  });

  describe('koppeling', () => {
    it('is accepted for an asielstatushouder', () => {
      nieuw().registreer(registratie(), { today }).thenAppends([{ type: 'InburgeraarGeregistreerd', data: expect.objectContaining({ datumKoppeling: '2025-04-20' }) }]);
    });
    it('is refused for a gezinsmigrant (422)', () => {
      nieuw().registreer(registratie({ doelgroep: 'gezinsmigrant' }), { today }).thenRejects('CommandRejected', /datumKoppeling.*asielstatushouder/);
    });
    it('a gezinsmigrant without koppeling is registered', () => {
      const { datumKoppeling: _k, ...zonder } = registratie({ doelgroep: 'gezinsmigrant' });
      nieuw().registreer(zonder, { today }).thenState('aangemeld');
    });
  });

  describe('validation (400)', () => {
    it('refuses a BSN failing the elfproef', () => {
      nieuw().registreer(registratie({}, { bsn: '111222334' }), { today }).thenRejects('ValidationFailed', /Ongeldige invoer/);
    });
    it('refuses a BSN that is not 9 digits', () => {
      nieuw().registreer(registratie({}, { bsn: '11122233' }), { today }).thenRejects('ValidationFailed');
    });
    it.each(['datum', 'datumMeldingDuo', 'datumKoppeling', 'datumInschrijvingBrp'])('refuses %s in the future', (veld) => {
      nieuw().registreer(registratie({ [veld]: '2025-06-02' }), { today }).thenRejects('ValidationFailed', /toekomst/);
    });
    it('accepts a date of today (not in the future)', () => {
      nieuw().registreer(registratie({ datum: today, datumInschrijvingBrp: today }), { today }).thenState('aangemeld');
    });
    it('refuses a date that does not exist and an unknown geslacht', () => {
      nieuw().registreer(registratie({ datum: '2025-02-30' }), { today }).thenRejects('ValidationFailed');
      nieuw().registreer(registratie({}, { geslacht: 'onbekend' }), { today }).thenRejects('ValidationFailed');
    });
    it('refuses an unknown field', () => {
      nieuw().registreer(registratie({ uitkeringsgerechtigd: true }), { today }).thenRejects('ValidationFailed');
    });
  });
});
