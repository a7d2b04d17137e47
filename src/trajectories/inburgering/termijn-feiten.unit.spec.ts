import { fold } from '../core/fold';
import { ID, stored, voerUit } from '../core/testing/given';
import { feit } from './actions';
import { inburgeringKind } from './kind';
import { aowDatum } from './rules/aow-leeftijd';
import { termijnFeiten } from './rules/termijnen';
import { aangemeld, geregistreerd, inUitvoering, inburgering, intake, op } from './testing/scenario';

/** The deadline step of the decider (rules/termijnen.ts): what it records, when and in which order. */
describe('deadline facts', () => {
  it('registration records each deadline that runs, with its rule', () => {
    inburgering().registreer({ ...geregistreerd().data, datum: '2024-01-15' }, { today: '2024-01-20' }).thenAppends([
      { type: 'InburgeraarGeregistreerd' },
      { type: 'TermijnGesteld', data: expect.objectContaining({ soort: 'screening', uiterlijk: '2024-03-15', laatsteDag: '2024-03-15', verstrijktOp: '2024-03-16' }) },
      { type: 'TermijnGesteld', data: expect.objectContaining({ soort: 'pip', uiterlijk: '2024-03-30', grondslag: expect.stringContaining('art. 5.3 lid 1 (tekst 2023)') }) },
      { type: 'TermijnGesteld', data: expect.objectContaining({ soort: 'aow', eind: '2067-08-02' }) },
    ]);
  });

  it('a suspension moves the PIP deadline (TermijnGewijzigd, no last day), the information moves it again', () => {
    const given = inburgering(aangemeld());
    given.when('stel-pip-termijn-op', { datum: '2024-02-01', reden: 'x' }, { today: '2024-02-01' }).thenAppends([
      { type: 'PipTermijnOpgeschort' },
      { type: 'TermijnGewijzigd', data: expect.objectContaining({ soort: 'pip', uiterlijk: null, laatsteDag: null, verstrijktOp: null, opgeschort: true }) },
    ]);
    inburgering(aangemeld(), feit('PipTermijnOpgeschort', { datum: '2024-02-01', reden: 'x' }, '2024-02-01'))
      .when('registreer-informatie-derden', { datum: '2024-03-25' }, { today: '2024-03-25' })
      .thenAppends([{ type: 'InformatieDerdenOntvangen' }, { type: 'TermijnGewijzigd', data: expect.objectContaining({ soort: 'pip', uiterlijk: '2024-04-08', grondslag: expect.stringContaining('2 weken') }) }]);
  });

  it('a final fact: its deadlines end in the same append, recorded just before it', () => {
    const outcome = inburgering(inUitvoering()).when('beeindig-traject', { datum: '2024-05-01', reden: 'verhuisd' }, op);
    outcome.thenAppends([
      // The screening (koppeling 2024-01-05) was never done; its last day 2024-03-15 had passed when it ended.
      { type: 'TermijnVervallen', data: expect.objectContaining({ soort: 'screening', uitkomst: 'verstreken', reden: 'beeindigd' }) },
      { type: 'TermijnVervallen', data: expect.objectContaining({ soort: 'inburgeringstermijn', uitkomst: 'vervallen', reden: 'beeindigd' }) },
      { type: 'TermijnVervallen', data: expect.objectContaining({ soort: 'aow', uitkomst: 'vervallen' }) },
      { type: 'TrajectBeeindigd' },
    ]);
    expect(outcome.view().termijnen.inburgeringstermijn.status).toBe('vervallen');
  });

  it('firing ends the deadline: TermijnVervallen reden termijn-verstreken; a later fact does not change it', () => {
    inburgering(aangemeld()).when('verstrijk-piptermijn', { uiterlijk: '2024-03-30' }, { today: '2024-03-31', systeem: true }).thenAppends([
      { type: 'PipTermijnVerstreken', datum: '2024-03-31' },
      { type: 'TermijnVervallen', data: expect.objectContaining({ soort: 'pip', uiterlijk: '2024-03-30', uitkomst: 'verstreken', reden: 'termijn-verstreken' }) },
    ]);
    const laat = inburgering(aangemeld(), feit('PipTermijnVerstreken', { uiterlijk: '2024-03-30' }, '2024-03-31'), ...intake())
      .when('stel-pip-vast', { datum: '2024-04-10', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] }, op);
    laat.thenAppends([{ type: 'PipVastgesteld' }, { type: 'TermijnGesteld', data: expect.objectContaining({ soort: 'inburgeringstermijn' }) }]);
    expect(laat.view().termijnen.pip).toEqual({ uiterlijk: '2024-03-30', status: 'verstreken', opgeschort: false });
  });

  it('a stream from before deadlines were facts: leg-termijnen-vast records them (catch-up), once', () => {
    const oud = fold(inburgeringKind, ID, stored([geregistreerd(), feit('ScreeningUitgevoerd', { datum: '2024-02-01', uitvoerder: 'Weener XL' }, '2024-02-01')]));
    const feiten = voerUit(inburgeringKind, oud, 'leg-termijnen-vast', {}, { today: '2024-02-10', systeem: true });
    expect(feiten.map((e) => [e.type, e.data.soort])).toEqual([
      ['TermijnGesteld', 'screening'], ['TermijnVervallen', 'screening'], ['TermijnGesteld', 'pip'], ['TermijnGesteld', 'aow'],
    ]);
    expect(feiten[1].data).toMatchObject({ uitkomst: 'gehaald', reden: 'screening-uitgevoerd' });
    const bij = fold(inburgeringKind, ID, stored([geregistreerd(), feit('ScreeningUitgevoerd', { datum: '2024-02-01', uitvoerder: 'Weener XL' }, '2024-02-01'), ...feiten]));
    expect(termijnFeiten(bij.context, '2024-02-10')).toEqual([]);
    expect(voerUit(inburgeringKind, bij, 'leg-termijnen-vast', {}, { today: '2024-02-10', systeem: true })).toEqual([]);
  });
});

describe('AOW age by birth date (AOW art. 7a; Wi 2021 art. 3 lid 1)', () => {
  it('67 for whoever reaches it up to 2027; 67 years and 3 months from 2028', () => {
    expect(aowDatum('1957-06-15')).toBe('2024-06-15');
    expect(aowDatum('1960-12-31')).toBe('2027-12-31');
    expect(aowDatum('1961-01-01')).toBe('2028-04-01');
    expect(aowDatum('1994-05-02')).toBe('2061-08-02');
    expect(aowDatum({ $gewist: true })).toBeNull();
  });
  it('registration on the day the AOW age is reached is refused (422); the day before is accepted', () => {
    const oud = { ...geregistreerd('gezinsmigrant').data, persoon: { naam: 'x', geboortedatum: '1961-01-01', geslacht: 'man' } };
    inburgering().registreer({ ...oud, datum: '2028-03-31', datumMeldingDuo: '2028-03-31' }, { today: '2028-04-02' }).thenAppends([{ type: 'InburgeraarGeregistreerd' }]);
    inburgering().registreer({ ...oud, datum: '2028-04-01', datumMeldingDuo: '2028-04-01' }, { today: '2028-04-02' }).thenRejects('CommandRejected', /67 jaar en 3 maanden/);
  });
  it('the aow deadline fires once: TrajectBeeindigd reden aow-leeftijd, dated the day the age is reached', () => {
    const oud = geregistreerd('gezinsmigrant', { persoon: { naam: 'x', geboortedatum: '1957-06-15', geslacht: 'man' } });
    const given = inburgering(oud);
    given.when('beeindig-traject-op-aow-leeftijd', { eind: '2024-06-15' }, { today: '2024-06-14', systeem: true }).thenRejects('CommandRejected');
    const outcome = given.when('beeindig-traject-op-aow-leeftijd', { eind: '2024-06-15' }, { today: '2024-06-15', systeem: true });
    outcome.thenState('beeindigd');
    expect(outcome.view('2024-07-01')).toMatchObject({ fase: 'beeindigd', einde: { datum: '2024-06-15', reden: 'aow-leeftijd' }, termijnen: { aow: { eind: '2024-06-15', status: 'verstreken' } } });
  });
});
