import { INestApplication } from '@nestjs/common';
import { EventStore } from '../src/events/event-store';
import { FixedClock } from '../src/events/clock';
import { ProjectionRunner } from '../src/projections/runner';
import { Scheduler } from '../src/sagas/scheduler';
import { authHeaders } from './support/auth';
import { TrajectClient } from './support/traject-client';

/**
 * Deadlines as recorded facts (issue 8 points 1 and 4; issue 9 point 5), over HTTP: the log says when a deadline was
 * due and under which rule; a final phase ends every running deadline; an exceeded PIP deadline stays exceeded;
 * DUO's melding can be recorded after registration; the AOW age by birth date, and as a deadline.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const amsterdam = (datum: string, tijd = '12:00') => new Date(`${datum}T${tijd}:00+01:00`);
const persoon = { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw' };
const asielstatushouder = {
  soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2025-01-15', datumKoppeling: '2025-01-10',
  datumMeldingDuo: '2025-01-15', datumInschrijvingBrp: '2025-01-15', persoon,
};
const gezinsmigrant = { soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2025-01-15', persoon };

async function caughtUp(app: INestApplication): Promise<void> {
  const runner = app.get(ProjectionRunner);
  const head = await app.get(EventStore).headPosition();
  while (runner.projections.some((p) => runner.checkpoint(p.name) < head)) await sleep(10);
}

async function dashboardRij(app: INestApplication, client: TrajectClient, id: string, soort: string) {
  await caughtUp(app);
  const { body } = await client.get('/api/v1/dashboards/termijnen');
  return [...body.lopend, ...body.verstreken].find((t: any) => t.trajectId === id && t.soort === soort) ?? null;
}

describe('deadlines as recorded facts', () => {
  let app: INestApplication;
  let client: TrajectClient;
  let clock: FixedClock;
  beforeEach(async () => ({ app, client, clock } = await TrajectClient.start('2025-01-20T10:00:00Z')));
  afterEach(() => app.close());

  it('the log names each deadline, its last day and its rule, in the append of the fact that set it', async () => {
    const { body } = await client.registreer(asielstatushouder);
    const events = await client.gebeurtenissen(body.id);
    expect(events.map((e) => e.type)).toEqual(['InburgeraarGeregistreerd', 'TermijnGesteld', 'TermijnGesteld', 'TermijnGesteld']);
    const pip = events.find((e) => e.type === 'TermijnGesteld' && e.data.soort === 'pip')!;
    expect(pip.data).toEqual({
      soort: 'pip', uiterlijk: '2025-03-26', laatsteDag: '2025-03-26', verstrijktOp: '2025-03-27',
      grondslag: expect.stringMatching(/^Besluit inburgering 2021 art\. 5\.3 lid 1 \(tekst 2023\)/),
    });
    expect(events.find((e) => e.data.soort === 'screening')!.data).toMatchObject({ uiterlijk: '2025-03-21', grondslag: expect.stringMatching(/Bossche ambitie 1/) });
    // Born 1994: AOW age 67 years and 3 months (AOW art. 7a, from 2028).
    expect(events.find((e) => e.data.soort === 'aow')!.data).toMatchObject({ eind: '2061-08-02', grondslag: expect.stringMatching(/art\. 3 lid 1/) });
  });

  describe('a final phase ends every running deadline (TermijnVervallen)', () => {
    it('the ontzorging of an ended trajectory reads vervallen, in the view and on the dashboard, also after its tot', async () => {
      const { body } = await client.registreer(asielstatushouder);
      await client.actie(body.id, 'registreer-bijstand', { ingangsdatum: '2025-01-20' });
      clock.set(amsterdam('2025-03-01'));
      await client.actie(body.id, 'beeindig-traject', { datum: '2025-03-01', reden: 'verhuisd' });
      const events = await client.gebeurtenissen(body.id);
      const vervallen = events.filter((e) => e.type === 'TermijnVervallen').map((e) => [e.data.soort, e.data.uitkomst]);
      expect(vervallen).toEqual(expect.arrayContaining([['ontzorging', 'vervallen'], ['pip', 'vervallen'], ['aow', 'vervallen']]));
      // Recorded just before the final fact, in the same append: a final phase accepts nothing.
      expect(events[events.length - 1].type).toBe('TrajectBeeindigd');
      clock.set(amsterdam('2025-09-01')); // long after tot 2025-07-20
      const view = await client.view(body.id);
      expect(view.termijnen.ontzorging).toEqual({ tot: '2025-07-20', status: 'vervallen' });
      expect(view.ontzorging.actief).toBe(false);
      expect(await dashboardRij(app, client, body.id, 'ontzorging')).toBeNull();
      // Nothing is due any more: the scheduler fires nothing.
      await caughtUp(app);
      expect(await app.get(Scheduler).tick()).toEqual([]);
    });
  });

  describe('an exceeded PIP deadline stays exceeded (Besluit art. 5.3 lid 2)', () => {
    it('suspension is refused (422) once the last day has passed, even before PipTermijnVerstreken is recorded', async () => {
      const { body } = await client.registreer({ ...gezinsmigrant, datumMeldingDuo: '2025-01-15', datumInschrijvingBrp: '2025-01-15' });
      clock.set(amsterdam('2025-03-27')); // last day 2025-03-26
      const res = await client.post(`/api/v1/trajecten/${body.id}/acties/stel-pip-termijn-op`).send({ datum: '2025-03-20', reden: 'wacht op medisch advies' });
      expect(res.status).toBe(422);
      expect(res.body.detail).toMatch(/verstreken/);
      expect((await client.view(body.id)).termijnen.pip).toEqual({ uiterlijk: '2025-03-26', status: 'verstreken', opgeschort: false });
    });

    it('refused after PipTermijnVerstreken; a late PIP then counts as late in the view, the dashboard and the indicator', async () => {
      const { body } = await client.registreer({ ...gezinsmigrant, datumMeldingDuo: '2025-01-15', datumInschrijvingBrp: '2025-01-15' });
      clock.set(amsterdam('2025-03-27'));
      await caughtUp(app);
      expect((await app.get(Scheduler).tick()).map((v) => v.uitkomst)).toEqual(['gevuurd']);
      await client.actie(body.id, 'stel-pip-termijn-op', { datum: '2025-03-27', reden: 'te laat' }, 422);
      await client.actie(body.id, 'start-brede-intake', { datum: '2025-03-27' });
      await client.actie(body.id, 'registreer-leerbaarheidstoets', { datum: '2025-03-27', adviesNiveau: 'B1', adviesLeerroute: 'b1' });
      await client.actie(body.id, 'rond-brede-intake-af', { datum: '2025-03-27', bevindingen: { opleiding: 'x', werkervaring: 'x', gezondheid: 'x', kinderenVve: 'x' } });
      await client.actie(body.id, 'stel-pip-vast', { datum: '2025-03-27', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] });
      expect((await client.view(body.id)).termijnen.pip).toMatchObject({ uiterlijk: '2025-03-26', status: 'verstreken' });
      expect(await dashboardRij(app, client, body.id, 'pip')).toMatchObject({ status: 'verstreken' });
      const { body: ind } = await client.http().get('/api/v1/dashboards/indicatoren?jaar=2025&detail=true').set(await authHeaders('teamleider', 'tessa'));
      expect(ind.indicatoren.pipOpTijd).toMatchObject({ teller: 0, noemer: 1 });
    });
  });

  describe('registreer-melding-duo (Besluit art. 5.3, text 2023)', () => {
    it('records DUO\'s melding after registration; the PIP clock starts from the later of melding and BRP registration', async () => {
      const { body } = await client.registreer({ ...gezinsmigrant, datumInschrijvingBrp: '2025-01-10' });
      // Registered in the BRP, but the melding came in 2025 without being recorded: no 2022 rule applies.
      expect((await client.view(body.id)).termijnen.pip).toMatchObject({ uiterlijk: '2025-03-21' });
      clock.set(amsterdam('2025-02-01'));
      const { body: view } = await client.actie(body.id, 'registreer-melding-duo', { datumMeldingDuo: '2025-01-30' });
      expect(view.datumMeldingDuo).toBe('2025-01-30');
      expect(view.termijnen.pip).toEqual({ uiterlijk: '2025-04-10', status: 'lopend', opgeschort: false });
      const gewijzigd = (await client.gebeurtenissen(body.id)).filter((e) => e.type === 'TermijnGewijzigd');
      expect(gewijzigd.map((e) => e.data)).toEqual([expect.objectContaining({ soort: 'pip', uiterlijk: '2025-04-10', grondslag: expect.stringMatching(/tekst 2023/) })]);
      // Once: a second melding is refused (422); a melding in the future too (400/422).
      await client.actie(body.id, 'registreer-melding-duo', { datumMeldingDuo: '2025-01-31' }, 422);
    });

    it('a gezinsmigrant not yet in the BRP: the clock starts at the BRP registration', async () => {
      const { body } = await client.registreer({ ...gezinsmigrant, datumMeldingDuo: '2025-01-15' });
      expect((await client.view(body.id)).termijnen.pip).toBeUndefined();
      const { body: view } = await client.actie(body.id, 'registreer-inschrijving-brp', { datum: '2025-01-20' });
      expect(view.termijnen.pip).toMatchObject({ uiterlijk: '2025-03-31', status: 'lopend' });
    });
  });

  describe('the AOW age (Wi 2021 art. 3 lid 1; AOW art. 7a)', () => {
    it('registration: 67 for whoever reaches it up to 2027, 67 and 3 months from 2028', async () => {
      // Born 1960-12-31: 67 on 2027-12-31. Registered on 2027-12-30: allowed; on 2027-12-31: refused.
      const { client: c2027, app: a2027 } = await TrajectClient.start('2028-01-10T10:00:00Z');
      try {
        const oud = { ...gezinsmigrant, persoon: { ...persoon, geboortedatum: '1960-12-31' } };
        await c2027.registreer({ ...oud, datum: '2027-12-30' });
        const geweigerd = await c2027.registreer({ ...oud, datum: '2027-12-31' }, 422);
        expect(geweigerd.body.detail).toMatch(/AOW-leeftijd \(67 jaar/);
        // Born 1961-01-01: 67 on 2028-01-01, but the AOW age is then 67 and 3 months (2028-04-01).
        await c2027.registreer({ ...oud, persoon: { ...persoon, geboortedatum: '1961-01-01' }, datum: '2028-01-05' });
      } finally {
        await a2027.close();
      }
    });

    it('reaching the AOW age ends a running trajectory: TrajectBeeindigd reden aow-leeftijd, fired once', async () => {
      const { body } = await client.registreer({ ...gezinsmigrant, persoon: { ...persoon, geboortedatum: '1958-07-01' } });
      expect((await client.view(body.id)).termijnen.aow).toEqual({ eind: '2025-07-01', status: 'lopend' });
      clock.set(amsterdam('2025-07-01', '00:30'));
      await caughtUp(app);
      expect((await app.get(Scheduler).tick()).filter((v) => v.soort === 'aow').map((v) => v.uitkomst)).toEqual(['gevuurd']);
      await caughtUp(app);
      expect(await app.get(Scheduler).tick()).toEqual([]);
      const view = await client.view(body.id);
      expect(view.fase).toBe('beeindigd');
      expect(view.einde).toEqual({ datum: '2025-07-01', reden: 'aow-leeftijd' });
      expect(view.termijnen.aow).toEqual({ eind: '2025-07-01', status: 'verstreken' });
      const beeindigd = (await client.gebeurtenissen(body.id)).filter((e) => e.type === 'TrajectBeeindigd');
      expect(beeindigd).toEqual([expect.objectContaining({ data: { datum: '2025-07-01', reden: 'aow-leeftijd' } })]);
    });
  });
});
