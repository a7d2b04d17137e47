import { feed } from '../projections/testing/feed';
import { deadlineScheduleProjection as schedule, dueDeadlines, nextDueDate } from './deadline-schedule.projection';

/** The schedule projection over an in-memory read-model database, fed events (with their deadline facts) as the runner would. */
function given() {
  const s = feed(schedule);
  const api = {
    db: s.db,
    on(traject: string, type: string, data: Record<string, unknown>, datum?: string) {
      s.on(`traject-${traject}`, type, data, datum);
      return api;
    },
    rows(traject: string) {
      return Object.fromEntries((s.db.prepare('SELECT soort, datum, due_date, status FROM ie_p_schedule_deadlines WHERE traject = ?').all(traject) as any[])
        .filter((r) => r.soort !== 'aow')
        .map((r) => [r.soort, { datum: r.datum, due: r.due_date, status: r.status }]));
    },
    reader: s.read,
  };
  return api;
}

const persoon = { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw' };
const asielstatushouder = (extra: Record<string, unknown> = {}) => ({
  soort: 'inburgering', doelgroep: 'asielstatushouder', persoon, datum: '2025-01-15', datumKoppeling: '2025-01-10', datumMeldingDuo: '2025-01-15', ...extra,
});
const pip = (datum: string) => ({
  datum, leerroute: 'b1', voortgangsgesprekken: 2, participatieactiviteiten: [], map: 'van-toepassing',
  inburgeringstermijn: { start: '2025-04-02', eind: '2028-04-02' },
});
const intake = (s: ReturnType<typeof given>, id: string) => s
  .on(id, 'BredeIntakeGestart', { datum: '2025-03-01' })
  .on(id, 'LeerbaarheidstoetsAfgenomen', { datum: '2025-03-02', adviesNiveau: 'B1', adviesLeerroute: 'b1' })
  .on(id, 'BredeIntakeAfgerond', { datum: '2025-03-03', bevindingen: { opleiding: '', werkervaring: '', gezondheid: '', kinderenVve: '' } });

describe('deadline schedule projection', () => {
  describe('screening', () => {
    it('is due the day after koppeling + 70 days, and cancelled by ScreeningUitgevoerd', () => {
      const s = given().on('a', 'InburgeraarGeregistreerd', asielstatushouder());
      expect(s.rows('a').screening).toEqual({ datum: '2025-03-21', due: '2025-03-22', status: 'gepland' });
      s.on('a', 'ScreeningUitgevoerd', { datum: '2025-02-01', uitvoerder: 'Weener XL' });
      expect(s.rows('a').screening).toEqual({ datum: '2025-03-21', due: null, status: 'vervallen' });
    });

    it('is done once ScreeningTermijnVerstreken is in the stream, even when the screening comes later', () => {
      const s = given().on('a', 'InburgeraarGeregistreerd', asielstatushouder())
        .on('a', 'ScreeningTermijnVerstreken', { uiterlijk: '2025-03-21' }, '2025-03-22')
        .on('a', 'ScreeningUitgevoerd', { datum: '2025-04-01', uitvoerder: 'Weener XL' });
      expect(s.rows('a').screening).toEqual({ datum: '2025-03-21', due: null, status: 'gevuurd' });
    });

    it('does not exist for a gezinsmigrant', () => {
      const s = given().on('g', 'InburgeraarGeregistreerd', { soort: 'inburgering', doelgroep: 'gezinsmigrant', persoon, datum: '2025-01-15', datumMeldingDuo: '2025-01-15' });
      expect(s.rows('g').screening).toBeUndefined();
      // Besluit art. 5.3 (2023): a gezinsmigrant not yet in the BRP: the PIP clock waits for the registration.
      expect(s.rows('g').pip).toBeUndefined();
      s.on('g', 'InschrijvingBrpGeregistreerd', { datum: '2025-01-20' });
      expect(s.rows('g').pip).toEqual({ datum: '2025-03-31', due: '2025-04-01', status: 'gepland' });
    });
  });

  describe('pip', () => {
    it('waits for BRP registration of an asielstatushouder, then runs 70 days from the later date', () => {
      const s = given().on('a', 'InburgeraarGeregistreerd', asielstatushouder());
      expect(s.rows('a').pip).toBeUndefined();
      s.on('a', 'InschrijvingBrpGeregistreerd', { datum: '2025-02-01' });
      expect(s.rows('a').pip).toEqual({ datum: '2025-04-12', due: '2025-04-13', status: 'gepland' });
    });

    it('runs from BRP registration alone for a melding before 2023', () => {
      const s = given().on('a', 'InburgeraarGeregistreerd', asielstatushouder({ datum: '2022-06-01', datumKoppeling: '2022-05-01', datumMeldingDuo: '2022-06-01', datumInschrijvingBrp: '2022-05-20' }));
      expect(s.rows('a').pip).toEqual({ datum: '2022-07-29', due: '2022-07-30', status: 'gepland' });
    });

    it('stops while suspended and moves to max(old, receipt + 14) after the information arrives', () => {
      const s = given().on('a', 'InburgeraarGeregistreerd', asielstatushouder({ datumInschrijvingBrp: '2025-01-15' }));
      expect(s.rows('a').pip.datum).toBe('2025-03-26');
      s.on('a', 'PipTermijnOpgeschort', { datum: '2025-03-01', reden: 'medisch advies' });
      expect(s.rows('a').pip).toEqual({ datum: null, due: null, status: 'opgeschort' });
      s.on('a', 'InformatieDerdenOntvangen', { datum: '2025-03-20' });
      expect(s.rows('a').pip).toEqual({ datum: '2025-04-03', due: '2025-04-04', status: 'gepland' });
    });

    it('keeps the old last day when the information came early', () => {
      const s = given().on('a', 'InburgeraarGeregistreerd', asielstatushouder({ datumInschrijvingBrp: '2025-01-15' }))
        .on('a', 'PipTermijnOpgeschort', { datum: '2025-01-20', reden: 'x' })
        .on('a', 'InformatieDerdenOntvangen', { datum: '2025-02-01' });
      expect(s.rows('a').pip).toEqual({ datum: '2025-03-26', due: '2025-03-27', status: 'gepland' });
    });

    it('is cancelled by PipVastgesteld, which starts the inburgeringstermijn deadline', () => {
      const s = intake(given().on('a', 'InburgeraarGeregistreerd', asielstatushouder({ datumInschrijvingBrp: '2025-01-15' })), 'a')
        .on('a', 'PipVastgesteld', pip('2025-04-01'));
      expect(s.rows('a')).toMatchObject({
        pip: { datum: '2025-03-26', due: null, status: 'vervallen' },
        inburgeringstermijn: { datum: '2028-04-02', due: '2028-04-02', status: 'gepland' },
      });
    });

    it('is done by PipTermijnVerstreken', () => {
      const s = given().on('a', 'InburgeraarGeregistreerd', asielstatushouder({ datumInschrijvingBrp: '2025-01-15' }))
        .on('a', 'PipTermijnVerstreken', { uiterlijk: '2025-03-26' }, '2025-03-27');
      expect(s.rows('a').pip).toEqual({ datum: '2025-03-26', due: null, status: 'gevuurd' });
    });
  });

  describe('ontzorging', () => {
    const metBijstand = () => given().on('a', 'InburgeraarGeregistreerd', asielstatushouder({ datumInschrijvingBrp: '2025-01-15' }))
      .on('a', 'BijstandToegekend', { ingangsdatum: '2025-01-31' })
      .on('a', 'OntzorgingGestart', { ingangsdatum: '2025-01-31', tot: '2025-07-31' });

    it('is due on tot and moved by OntzorgingVerlengd', () => {
      const s = metBijstand();
      expect(s.rows('a').ontzorging).toEqual({ datum: '2025-07-31', due: '2025-07-31', status: 'gepland' });
      s.on('a', 'OntzorgingVerlengd', { datum: '2025-07-01', tot: '2025-10-31', reden: 'schulden' });
      expect(s.rows('a').ontzorging).toEqual({ datum: '2025-10-31', due: '2025-10-31', status: 'gepland' });
    });

    it('is done when it ended by its term, cancelled when bijstand ended', () => {
      expect(metBijstand().on('a', 'OntzorgingBeeindigd', { datum: '2025-07-31', reden: 'termijn-verstreken' }).rows('a').ontzorging.status).toBe('gevuurd');
      expect(metBijstand().on('a', 'BijstandBeeindigd', { datum: '2025-05-01' })
        .on('a', 'OntzorgingBeeindigd', { datum: '2025-05-01', reden: 'bijstand-beeindigd' }).rows('a').ontzorging)
        .toEqual({ datum: '2025-07-31', due: null, status: 'vervallen' });
    });
  });

  describe('inburgeringstermijn', () => {
    it('fires at eind and is due again at the new eind after a verlenging', () => {
      const s = intake(given().on('a', 'InburgeraarGeregistreerd', asielstatushouder({ datumInschrijvingBrp: '2025-01-15' })), 'a')
        .on('a', 'PipVastgesteld', pip('2025-04-01'))
        .on('a', 'InburgeringstermijnVerstreken', { eind: '2028-04-02' }, '2028-04-02');
      expect(s.rows('a').inburgeringstermijn).toEqual({ datum: '2028-04-02', due: null, status: 'gevuurd' });
      s.on('a', 'InburgeringstermijnVerlengd', { datum: '2028-05-01', nieuweEinddatum: '2029-01-01', vorigeEinddatum: '2028-04-02', grond: 'niet-verwijtbaar' });
      expect(s.rows('a').inburgeringstermijn).toEqual({ datum: '2029-01-01', due: '2029-01-01', status: 'gepland' });
    });
  });

  describe('a final phase', () => {
    it('has nothing due', () => {
      const s = given().on('a', 'InburgeraarGeregistreerd', asielstatushouder({ datumInschrijvingBrp: '2025-01-15' }))
        .on('a', 'BijstandToegekend', { ingangsdatum: '2025-01-31' })
        .on('a', 'OntzorgingGestart', { ingangsdatum: '2025-01-31', tot: '2025-07-31' })
        .on('a', 'TrajectBeeindigd', { datum: '2025-02-10', reden: 'verhuisd' });
      expect(Object.values(s.rows('a')).map((r: any) => r.status)).toEqual(['vervallen', 'vervallen', 'vervallen']);
      expect(dueDeadlines(s.reader, '2099-01-01')).toEqual([]);
    });

    it('a partial vrijstelling is not final', () => {
      const s = given().on('a', 'InburgeraarGeregistreerd', asielstatushouder())
        .on('a', 'VrijstellingVerleend', { datum: '2025-02-01', grond: 'diploma', volledig: false });
      expect(s.rows('a').screening.status).toBe('gepland');
    });
  });

  it('ignores the ondertussen-groep and other streams', () => {
    const s = given().on('o', 'InburgeraarGeregistreerd', { soort: 'ondertussen', doelgroep: 'asielstatushouder', persoon, datum: '2022-01-10' })
      .on('o', 'AdviesgesprekGevoerd', { datum: '2022-02-01', advies: 'taalcafé' });
    expect(s.rows('o')).toEqual({});
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM ie_p_schedule_deadlines').get()).toEqual({ n: 0 });
  });

  it('lists due deadlines soonest first and names the next due date', () => {
    const s = given()
      .on('a', 'InburgeraarGeregistreerd', asielstatushouder({ datumInschrijvingBrp: '2025-01-15' }))
      .on('b', 'InburgeraarGeregistreerd', asielstatushouder({ datumKoppeling: '2025-01-01' }));
    expect(dueDeadlines(s.reader, '2025-03-12')).toEqual([]);
    expect(nextDueDate(s.reader, '2025-03-11')).toBe('2025-03-13');
    expect(dueDeadlines(s.reader, '2025-03-27')).toEqual([
      { traject: 'b', soort: 'screening', datum: '2025-03-12', due_date: '2025-03-13' },
      { traject: 'a', soort: 'screening', datum: '2025-03-21', due_date: '2025-03-22' },
      { traject: 'a', soort: 'pip', datum: '2025-03-26', due_date: '2025-03-27' },
    ]);
  });
});
