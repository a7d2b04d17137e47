import { faseNa } from './fase';
import { PERSOON, bevindingen, feed, pipData, registratie } from './testing/feed';
import { TRAJECTEN, TRAJECTEN_ZOEK, trajectenProjection as projectie } from './trajecten.projection';
import { zoeksleutel } from './zoeksleutels';

const bsnSleutel = zoeksleutel(Buffer.from('test-secret'));
const trajectenProjection = projectie({ bsnSleutel });

const rij = (s: ReturnType<typeof feed>, id: string) => s.rows(TRAJECTEN, 'id = ?', [id])[0];
const intake = (s: ReturnType<typeof feed>, id: string) => s
  .on(id, 'BredeIntakeGestart', { datum: '2025-02-01' })
  .on(id, 'LeerbaarheidstoetsAfgenomen', { datum: '2025-02-02', adviesNiveau: 'B1', adviesLeerroute: 'b1' })
  .on(id, 'BredeIntakeAfgerond', { datum: '2025-02-03', bevindingen });

describe('trajecten projection (the list)', () => {
  it('registers a trajectory with what the list filters on, and no other personal data than name and sex', () => {
    const s = feed({ termijnen: false }, trajectenProjection).on('a', 'InburgeraarGeregistreerd', registratie());
    expect(rij(s, 'a')).toEqual({
      id: 'a', soort: 'inburgering', doelgroep: 'asielstatushouder', naam: 'Amal Haddad', geslacht: 'vrouw', consulent: 'kim',
      fase: 'aangemeld', leerroute: null, datum_registratie: '2025-01-15', datum_einde: null, revisie: 0,
    });
    expect(JSON.stringify(s.rows(TRAJECTEN))).not.toContain(PERSOON.geboortedatum);
  });

  it('follows the phase and the leerroute: intake, uitvoering on the PIP, a route change, then voldaan with its date', () => {
    const s = feed({ termijnen: false }, trajectenProjection).on('a', 'InburgeraarGeregistreerd', registratie());
    intake(s, 'a');
    expect(rij(s, 'a')).toMatchObject({ fase: 'intake', revisie: 3 });
    s.on('a', 'PipVastgesteld', pipData('2025-03-01', 'b1'));
    expect(rij(s, 'a')).toMatchObject({ fase: 'uitvoering', leerroute: 'b1' });
    s.on('a', 'LeerrouteGewijzigd', { datum: '2025-05-01', van: 'b1', naar: 'z-route', reden: 'x' });
    s.on('a', 'UrenGeregistreerd', { datum: '2025-05-02', soort: 'nt2', uren: 4 });
    expect(rij(s, 'a')).toMatchObject({ fase: 'uitvoering', leerroute: 'z-route', datum_einde: null, revisie: 6 });
    s.on('a', 'InburgeringsplichtVoldaan', { datum: '2026-01-10' });
    expect(rij(s, 'a')).toMatchObject({ fase: 'voldaan', datum_einde: '2026-01-10', revisie: 7 });
  });

  it('a partial vrijstelling keeps the phase; a full one ends it', () => {
    const s = feed({ termijnen: false }, trajectenProjection).on('a', 'InburgeraarGeregistreerd', registratie());
    s.on('a', 'VrijstellingVerleend', { datum: '2025-02-01', grond: 'x', volledig: false });
    expect(rij(s, 'a')).toMatchObject({ fase: 'aangemeld', datum_einde: null });
    s.on('a', 'OntheffingVerleend', { datum: '2025-03-01', grond: 'x', volledig: true });
    expect(rij(s, 'a')).toMatchObject({ fase: 'ontheven', datum_einde: '2025-03-01' });
  });

  it('the ondertussen-groep: begeleiding after the first advice, afgesloten at the end', () => {
    const s = feed({ termijnen: false }, trajectenProjection).on('o', 'InburgeraarGeregistreerd', { ...registratie({ soort: 'ondertussen' }), datumKoppeling: undefined });
    s.on('o', 'AdviesgesprekGevoerd', { datum: '2025-02-01', advies: 'taalcafé' });
    s.on('o', 'DoorverwezenNaarPartner', { datum: '2025-02-02', partner: 'Bossche Taalnetwerk' });
    expect(rij(s, 'o')).toMatchObject({ soort: 'ondertussen', fase: 'begeleiding' });
    s.on('o', 'BegeleidingAfgesloten', { datum: '2025-06-30', reden: 'klaar' });
    expect(rij(s, 'o')).toMatchObject({ fase: 'afgesloten', datum_einde: '2025-06-30' });
  });

  it('blanks name and sex when the persoon is erased, and only the name when only the name is', () => {
    const s = feed({ termijnen: false }, trajectenProjection).on('a', 'InburgeraarGeregistreerd', registratie()).on('b', 'InburgeraarGeregistreerd', registratie());
    s.wis('a');
    expect(rij(s, 'a')).toMatchObject({ naam: null, geslacht: null, doelgroep: 'asielstatushouder', fase: 'aangemeld' });
    s.wis('b', ['InburgeraarGeregistreerd.persoon.naam']);
    expect(rij(s, 'b')).toMatchObject({ naam: null, geslacht: 'vrouw' });
    s.wis('b', ['ScreeningUitgevoerd.bevindingen']);
    expect(rij(s, 'b')).toMatchObject({ naam: null, geslacht: 'vrouw' });
  });

  it('after erasure a rebuild reads the registration as erased: the same row', () => {
    const s = feed({ termijnen: false }, trajectenProjection).on('a', 'InburgeraarGeregistreerd', registratie({ persoon: { $gewist: true, veldgroep: 'persoon' } }));
    s.wis('a');
    expect(rij(s, 'a')).toMatchObject({ naam: null, geslacht: null });
  });

  it('keeps the BSN only as its keyed hash and the name folded for search; an erasure blanks both', () => {
    const s = feed(trajectenProjection).on('a', 'InburgeraarGeregistreerd', registratie({ persoon: { ...PERSOON, naam: 'Mesut  Özil', bsn: '999990019' } }));
    expect(s.rows(TRAJECTEN_ZOEK)).toEqual([{ id: 'a', bsn_sleutel: bsnSleutel('999990019'), naam_zoek: 'mesut ozil' }]);
    expect(JSON.stringify(s.rows(TRAJECTEN_ZOEK))).not.toContain('999990019');
    s.wis('a');
    expect(s.rows(TRAJECTEN_ZOEK)).toEqual([{ id: 'a', bsn_sleutel: null, naam_zoek: null }]);
  });

  it('ignores events of streams it does not know', () => {
    const s = feed({ termijnen: false }, trajectenProjection).on('x', 'UrenGeregistreerd', { datum: '2025-01-01', soort: 'nt2', uren: 1 });
    expect(s.rows(TRAJECTEN)).toEqual([]);
  });
});

describe('faseNa', () => {
  it('a final phase never moves', () => {
    expect(faseNa('beeindigd', 'BredeIntakeGestart', {})).toBe('beeindigd');
    expect(faseNa('voldaan', 'TrajectBeeindigd', {})).toBe('voldaan');
  });
  it('an event that is not a transition keeps the phase', () => {
    expect(faseNa('uitvoering', 'ScreeningUitgevoerd', {})).toBe('uitvoering');
    expect(faseNa('begeleiding', 'AdviesgesprekGevoerd', {})).toBe('begeleiding');
  });
});
