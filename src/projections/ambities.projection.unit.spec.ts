import { readModelRef } from '../privacy/field-groups';
import { AMBITIE_TRAJECTEN, alleFeiten, ambitiesProjection } from './ambities.projection';
import { berekenAmbities } from './ambities/bereken';
import { pipOpTijd } from './ambities/feiten';
import { periodeVan } from './ambities/periode';
import { PERSOON, bevindingen, feed, pipData, registratie } from './testing/feed';
import { UPCASTERS } from '../trajectories/core/upcast';

const feitenVan = (s: ReturnType<typeof feed>, id: string) => alleFeiten(s.read).find((f) => f.traject === id)!;
const totPip = (s: ReturnType<typeof feed>, id: string, datum: string, leerroute = 'b1') => s
  .on(id, 'BredeIntakeGestart', { datum: '2024-02-01' })
  .on(id, 'LeerbaarheidstoetsAfgenomen', { datum: '2024-02-02', adviesNiveau: 'B1', adviesLeerroute: leerroute })
  .on(id, 'BredeIntakeAfgerond', { datum: '2024-02-03', bevindingen })
  .on(id, 'PipVastgesteld', pipData(datum, leerroute));

describe('ambities projection (the facts)', () => {
  // An activity's start and end pair by the envelope's ref, which the encrypting store keeps beside the very data object
  // it opened (identifierRef): an upcaster would hand out a copy without it, and a start stored by its ref would then
  // never be closed by its end. Whoever adds one makes activiteitVan/eindVan (ambities/feiten.ts) follow the copy first.
  it('no upcaster copies the data of the activity events (their pairing ref sits on the data object the store opened)', () => {
    expect(Object.keys(UPCASTERS).filter((k) => /^Participatieactiviteit(Gestart|Afgerond)@/.test(k))).toEqual([]);
  });

  it('collects the facts of a whole life from the events', () => {
    const s = feed(ambitiesProjection).on('a', 'InburgeraarGeregistreerd', registratie({
      datum: '2024-01-15', datumKoppeling: '2024-01-10', datumMeldingDuo: '2024-01-15', datumInschrijvingBrp: '2024-01-20',
    }));
    s.on('a', 'ScreeningUitgevoerd', { datum: '2024-03-20', uitvoerder: 'Weener XL', bevindingen: 'geheim' })
      .on('a', 'BijstandToegekend', { ingangsdatum: '2024-02-01' })
      .on('a', 'OntzorgingGestart', { ingangsdatum: '2024-02-01', tot: '2024-08-01' });
    totPip(s, 'a', '2024-03-01');
    s.on('a', 'ParticipatieactiviteitGestart', { datum: '2023-12-01', activiteitId: 'w1', soort: 'stage', categorie: 'arbeid', aanbieder: 'x' })
      .on('a', 'ParticipatieactiviteitAfgerond', { datum: '2024-01-10', activiteitId: 'w1', resultaat: 'goed' })
      .on('a', 'LeerrouteGewijzigd', { datum: '2024-09-01', van: 'b1', naar: 'z-route', reden: 'x' })
      .on('a', 'BijstandBeeindigd', { datum: '2024-10-01' })
      .on('a', 'UitstroomGeregistreerd', { datum: '2024-10-01', soort: 'betaald-werk' })
      .on('a', 'InburgeringstermijnVerlengd', { datum: '2025-01-10', nieuweEinddatum: '2027-09-02', vorigeEinddatum: '2027-03-02', grond: 'niet-verwijtbaar' })
      .on('a', 'TrajectBeeindigd', { datum: '2025-02-01', reden: 'verhuisd' });
    expect(feitenVan(s, 'a')).toEqual({
      traject: 'a', doelgroep: 'asielstatushouder', geslacht: 'vrouw', registratie: '2024-01-15', koppeling: '2024-01-10', screening: '2024-03-20',
      routes: [{ vanaf: '2024-03-01', route: 'b1' }, { vanaf: '2024-09-01', route: 'z-route' }],
      finaal: { fase: 'beeindigd', datum: '2025-02-01' },
      bijstand: [{ van: '2024-02-01', tot: '2024-10-01' }],
      activiteiten: [{ van: '2023-12-01', tot: '2024-01-10', id: readModelRef('w1') }],
      uitstroom: ['2024-10-01'],
      pip: { datum: '2024-03-01', leerroute: 'b1' },
      bredeIntakeGestart: '2024-02-01', termijnEind: '2027-09-02', voldaan: null,
      // As recorded: melding 2024-01-15, BRP 2024-01-20 (later): the PIP's last day is 2024-01-20 + 70 days.
      termijnen: {
        screening: { datum: '2024-03-20', laatsteDag: '2024-03-20', uitkomst: 'gehaald' },
        pip: { datum: '2024-03-30', laatsteDag: '2024-03-30', uitkomst: 'gehaald' },
        // Never ended by its facts, its last day passed when the trajectory ended.
        ontzorging: { datum: '2024-08-01', laatsteDag: '2024-07-31', uitkomst: 'verstreken' },
        inburgeringstermijn: { datum: '2027-09-02', laatsteDag: '2027-09-01', uitkomst: 'vervallen' },
        // Born 1994-05-02: AOW age 67 years and 3 months.
        aow: { datum: '2061-08-02', laatsteDag: '2061-08-01', uitkomst: 'vervallen' },
      },
    });
    const tekst = JSON.stringify(s.rows(AMBITIE_TRAJECTEN));
    for (const geheim of [PERSOON.naam, PERSOON.geboortedatum, 'geheim']) expect(tekst).not.toContain(geheim);
  });

  it('voldaan: its date; the final phase is the first one reached', () => {
    const s = feed(ambitiesProjection).on('a', 'InburgeraarGeregistreerd', registratie({ datum: '2024-01-15', datumKoppeling: '2024-01-10' }));
    totPip(s, 'a', '2024-03-01');
    s.on('a', 'InburgeringsplichtVoldaan', { datum: '2025-04-01' });
    expect(feitenVan(s, 'a')).toMatchObject({ finaal: { fase: 'voldaan', datum: '2025-04-01' }, voldaan: '2025-04-01' });
  });

  it('a PIP set while its term is suspended is on time (no last day)', () => {
    const s = feed(ambitiesProjection).on('a', 'InburgeraarGeregistreerd', registratie({
      doelgroep: 'gezinsmigrant', datumKoppeling: undefined, datum: '2024-01-15', datumMeldingDuo: '2024-01-15', datumInschrijvingBrp: '2024-01-15',
    }));
    s.on('a', 'PipTermijnOpgeschort', { datum: '2024-02-01', reden: 'x' });
    totPip(s, 'a', '2024-05-01');
    expect(feitenVan(s, 'a').termijnen.pip).toEqual({ datum: null, laatsteDag: null, uitkomst: 'gehaald' });
    expect(pipOpTijd(feitenVan(s, 'a'))).toBe(true);
  });

  it('erasing the persoon blanks the sex: ambition 6 no longer counts her, live and after a rebuild alike', () => {
    const leven = (s: ReturnType<typeof feed>, persoon: unknown) => s
      .on('a', 'InburgeraarGeregistreerd', registratie({ persoon, doelgroep: 'gezinsmigrant', datumKoppeling: undefined, datum: '2024-01-15' }))
      .on('a', 'BijstandToegekend', { ingangsdatum: '2024-02-01' })
      .on('a', 'ParticipatieactiviteitGestart', { datum: '2024-03-01', activiteitId: 'w1', soort: 'stage', categorie: 'arbeid', aanbieder: 'x' });
    const live = leven(feed(ambitiesProjection), PERSOON);
    expect(berekenAmbities(alleFeiten(live.read), periodeVan(2024))[5]).toMatchObject({ teller: 1, noemer: 1 });
    live.wis('a');
    expect(feitenVan(live, 'a').geslacht).toBeNull();
    expect(berekenAmbities(alleFeiten(live.read), periodeVan(2024))[5]).toMatchObject({ teller: 0, noemer: 0 });
    // A rebuild reads the registration with its persoon erased, and the deadline facts as they were recorded.
    const aow = live.rows('ie_p_ambities_feiten').length && { soort: 'aow', eind: '2061-08-02', laatsteDag: '2061-08-01', verstrijktOp: '2061-08-02', grondslag: 'x' };
    const herbouwd = leven(feed(ambitiesProjection), { $gewist: true, veldgroep: 'persoon' }).raw('a', 'TermijnGesteld', aow as never, '2024-01-15').wis('a');
    expect(herbouwd.rows(AMBITIE_TRAJECTEN)).toEqual(live.rows(AMBITIE_TRAJECTEN));
  });

  it('erasing only free text leaves the sex', () => {
    const s = feed(ambitiesProjection).on('a', 'InburgeraarGeregistreerd', registratie()).wis('a', ['VoortgangsgesprekGevoerd.verslag']);
    expect(feitenVan(s, 'a').geslacht).toBe('vrouw');
  });

  it('keeps nothing for the ondertussen-groep', () => {
    const s = feed(ambitiesProjection).on('o', 'InburgeraarGeregistreerd', registratie({ soort: 'ondertussen' }))
      .on('o', 'AdviesgesprekGevoerd', { datum: '2025-02-01', advies: 'x' });
    expect(s.rows(AMBITIE_TRAJECTEN)).toEqual([]);
  });
});
