import { toegestaneActies } from '../core/fold';
import { DomainEvent } from '../core/kind';
import { feit } from './actions';
import { inburgeringKind } from './kind';
import {
  aangemeld, b1Examen, inIntake, inUitvoering, inburgering, mapAfgerond, op, pvtAfgerond, voorbeeld,
} from './testing/scenario';

/** The actions of the table in trajectory.md (besides POST /trajecten), plus the two of the PIP deadline. */
const TABEL = [
  'registreer-inschrijving-brp', 'registreer-bijstand', 'beeindig-bijstand', 'verleng-ontzorging', 'beeindig-ontzorging',
  'start-brede-intake', 'registreer-screening', 'registreer-leerbaarheidstoets', 'rond-brede-intake-af', 'stel-pip-vast',
  'wijzig-pip', 'wijzig-leerroute', 'schaal-af-naar-a2', 'registreer-uren', 'start-participatieactiviteit',
  'rond-participatieactiviteit-af', 'rond-pvt-af', 'rond-map-af', 'registreer-examenresultaat', 'rond-onderwijsroute-af',
  'rond-zroute-af', 'registreer-voortgangsgesprek', 'registreer-uitstroom', 'verleng-inburgeringstermijn', 'rond-inburgering-af',
  'registreer-vrijstelling', 'registreer-ontheffing', 'beeindig-traject', 'stel-pip-termijn-op', 'registreer-informatie-derden',
  // Amendment (second round): DUO's melding after registration.
  'registreer-melding-duo',
];
const HTTP_ACTIES = inburgeringKind.acties.filter((a) => !a.systeem).map((a) => a.naam);

const activiteit = (activiteitId = 'act-1', datum = '2024-02-01') =>
  feit('ParticipatieactiviteitGestart', { datum, activiteitId, soort: 'werkervaringsplek', categorie: 'arbeid', aanbieder: 'Weener XL' }, datum);
const besluit = (volledig: boolean) => ({ datum: '2025-01-15', grond: 'diploma', volledig, ...(volledig ? {} : { onderdelen: ['lezen'] }) });

const voldaan = () => [...inUitvoering(), pvtAfgerond(), mapAfgerond(), ...b1Examen(), feit('InburgeringsplichtVoldaan', { datum: '2025-02-01' }, '2025-02-01')];
const FINAAL: [string, DomainEvent[]][] = [
  ['voldaan', voldaan()],
  ['vrijgesteld', [...inIntake(), feit('VrijstellingVerleend', { datum: '2024-02-10', grond: 'diploma', volledig: true }, '2024-02-10')]],
  ['ontheven', [...inUitvoering(), feit('OntheffingVerleend', { datum: '2024-06-10', grond: 'medisch', volledig: true }, '2024-06-10')]],
  ['beeindigd', [...aangemeld(), feit('TrajectBeeindigd', { datum: '2024-02-10', reden: 'overleden' }, '2024-02-10')]],
];

describe('the action table', () => {
  it('every row of trajectory.md is an HTTP action of the inburgering kind, and nothing else is', () => {
    expect([...HTTP_ACTIES].sort()).toEqual([...TABEL].sort());
  });
});

describe('any non-final phase', () => {
  describe('start-participatieactiviteit / rond-participatieactiviteit-af', () => {
    const start = { datum: '2024-02-01', activiteitId: 'act-1', soort: 'werkervaringsplek', categorie: 'arbeid', aanbieder: 'Weener XL' };
    it('starts an activity from the menu, in aangemeld already', () => {
      inburgering(aangemeld()).when('start-participatieactiviteit', start, op).thenAppends([{ type: 'ParticipatieactiviteitGestart', data: start }]);
    });
    it('refuses an activity id that exists (422)', () => {
      inburgering(aangemeld(), activiteit()).when('start-participatieactiviteit', { ...start, soort: 'stage' }, op).thenRejects('CommandRejected', /act-1 bestaat al/);
    });
    it('refuses a soort not on the menu and an unknown categorie (400)', () => {
      inburgering(aangemeld()).when('start-participatieactiviteit', { ...start, soort: 'schaken' }, op).thenRejects('ValidationFailed');
      inburgering(aangemeld()).when('start-participatieactiviteit', { ...start, categorie: 'hobby' }, op).thenRejects('ValidationFailed');
    });
    it('finishes a running activity with its result', () => {
      const outcome = inburgering(inUitvoering(), activiteit()).when('rond-participatieactiviteit-af', { datum: '2024-06-01', activiteitId: 'act-1', resultaat: 'contract' }, op)
        .thenAppends([{ type: 'ParticipatieactiviteitAfgerond', data: { datum: '2024-06-01', activiteitId: 'act-1', resultaat: 'contract' } }]);
      expect(outcome.state.context.participatieactiviteiten[0]).toMatchObject({ start: '2024-02-01', eind: '2024-06-01', resultaat: 'contract' });
    });
    it('refuses an unknown activity (422)', () => {
      inburgering(aangemeld(), activiteit()).when('rond-participatieactiviteit-af', { datum: '2024-06-01', activiteitId: 'act-2', resultaat: 'x' }, op)
        .thenRejects('CommandRejected', /geen activiteit act-2/);
    });
    it('refuses an activity already finished (422)', () => {
      const klaar = feit('ParticipatieactiviteitAfgerond', { datum: '2024-03-01', activiteitId: 'act-1', resultaat: 'x' }, '2024-03-01');
      inburgering(aangemeld(), activiteit(), klaar).when('rond-participatieactiviteit-af', { datum: '2024-06-01', activiteitId: 'act-1', resultaat: 'x' }, op)
        .thenRejects('CommandRejected');
    });
    it('refuses an end before the start (422)', () => {
      inburgering(aangemeld(), activiteit()).when('rond-participatieactiviteit-af', { datum: '2024-01-31', activiteitId: 'act-1', resultaat: 'x' }, op)
        .thenRejects('CommandRejected', /begon op 2024-02-01/);
    });
  });

  describe('registreer-uitstroom', () => {
    it('is recorded in aangemeld, intake and uitvoering', () => {
      for (const events of [aangemeld(), inIntake(), inUitvoering()]) {
        inburgering(events).when('registreer-uitstroom', { datum: '2024-05-01', soort: 'betaald-werk' }, op)
          .thenAppends([{ type: 'UitstroomGeregistreerd', data: { datum: '2024-05-01', soort: 'betaald-werk' } }]);
      }
    });
    it('refuses an unknown soort (400)', () => {
      inburgering(aangemeld()).when('registreer-uitstroom', { datum: '2024-05-01', soort: 'pensioen' }, op).thenRejects('ValidationFailed');
    });
  });

  describe.each(['registreer-vrijstelling', 'registreer-ontheffing'] as const)('%s (DUO)', (actie) => {
    const type = actie === 'registreer-vrijstelling' ? 'VrijstellingVerleend' : 'OntheffingVerleend';
    const finaal = actie === 'registreer-vrijstelling' ? 'vrijgesteld' : 'ontheven';
    it('partial: recorded, the route continues', () => {
      const outcome = inburgering(inUitvoering()).when(actie, besluit(false), op)
        .thenAppends([{ type, data: { datum: '2025-01-15', grond: 'diploma', volledig: false, onderdelen: ['lezen'] } }])
        .thenState({ uitvoering: { leerroute: { b1: 'bezig' } } });
      expect(outcome.state.snapshot.status).toBe('active');
    });
    it('partial: written as schemaVersion 2 (it carries onderdelen)', () => {
      const event = inburgering(inUitvoering()).when(actie, besluit(false), op).state.events.find((e) => e.type === type);
      expect(event!.metadata.schemaVersion).toBe(2);
    });
    it('partial without onderdelen, with an empty or unknown one is refused (400, naming onderdelen)', () => {
      const given = inburgering(inUitvoering());
      given.when(actie, { datum: '2025-01-15', grond: 'diploma', volledig: false }, op).thenRejects('ValidationFailed', /onderdelen/);
      given.when(actie, { ...besluit(false), onderdelen: [] }, op).thenRejects('ValidationFailed', /onderdelen/);
      given.when(actie, { ...besluit(false), onderdelen: ['rekenen'] }, op).thenRejects('ValidationFailed', /onderdelen/);
      given.when(actie, { ...besluit(false), onderdelen: ['knm', 'knm'] }, op).thenRejects('ValidationFailed', /onderdelen/);
    });
    it('full with onderdelen is refused (400): a full decision covers everything', () => {
      inburgering(inUitvoering()).when(actie, { ...besluit(true), onderdelen: ['lezen'] }, op).thenRejects('ValidationFailed', /onderdelen/);
    });
    it(`full: → ${finaal} (final)`, () => {
      const outcome = inburgering(inUitvoering()).when(actie, besluit(true), op).thenState(finaal);
      expect(outcome.state.snapshot.status).toBe('done');
      inburgering(aangemeld()).when(actie, besluit(true), op).thenState(finaal);
    });
    it('refuses a missing volledig (400)', () => {
      inburgering(aangemeld()).when(actie, { datum: '2025-01-15', grond: 'diploma' }, op).thenRejects('ValidationFailed');
    });
  });

  describe('beeindig-traject', () => {
    it.each([aangemeld(), inIntake(), inUitvoering()])('→ beeindigd (final)', (...events) => {
      inburgering(events).when('beeindig-traject', { datum: '2024-05-01', reden: 'verhuisd', toelichting: 'naar Utrecht' }, op)
        .thenAppends([{ type: 'TrajectBeeindigd', data: { datum: '2024-05-01', reden: 'verhuisd', toelichting: 'naar Utrecht' } }])
        .thenState('beeindigd');
    });
    it('refuses an unknown reden (400)', () => {
      inburgering(aangemeld()).when('beeindig-traject', { datum: '2024-05-01', reden: 'zomaar' }, op).thenRejects('ValidationFailed');
    });
  });
});

describe.each(FINAAL)('%s (final)', (fase, events) => {
  it('is the phase the facts lead to', () => {
    expect(inburgering(events).state.snapshot.value).toBe(fase);
  });
  it('offers no action', () => {
    const { state } = inburgering(events);
    expect(toegestaneActies(inburgeringKind, state, op.today)).toEqual([]);
  });
  it.each(HTTP_ACTIES)('refuses %s (422)', (actie) => {
    inburgering(events).when(actie, voorbeeld(actie), op).thenRejects('CommandRejected');
  });
  it('refuses the system deadlines too (422)', () => {
    const given = inburgering(events);
    given.when('verstrijk-inburgeringstermijn', { eind: '2027-03-15' }, { today: '2027-06-01', systeem: true }).thenRejects('CommandRejected');
    given.when('verstrijk-screeningtermijn', { uiterlijk: '2024-03-15' }, { today: '2025-06-01', systeem: true }).thenRejects('CommandRejected');
  });
});
