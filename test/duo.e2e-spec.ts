import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrajectClient } from './support/traject-client';
import { eventually } from './support/eventually';
import { bsns } from './support/bsns';
import { DuoStandIn } from './duo-stand-in/stand-in';
import { DuoSender } from '../src/duo/duo-sender';
import { ProjectionRunner } from '../src/projections/runner';
import { loadConfig } from '../src/config';
import { EventStore } from '../src/events/event-store';

jest.setTimeout(180_000);

const OIN_GEMEENTE = '00000001001172773000';
const OIN_DUO = '00000001800866472000';
const TOKEN = 'duo-test-token-0123456789';
const BSN = '111222333';
const NIEUW_BSN = '123456782';

const intake = async (client: TrajectClient, id: string, datum: string) => {
  await client.actie(id, 'start-brede-intake', { datum });
  await client.actie(id, 'registreer-leerbaarheidstoets', { datum, adviesNiveau: 'B1', adviesLeerroute: 'b1' });
  await client.actie(id, 'rond-brede-intake-af', { datum, bevindingen: { opleiding: 'x', werkervaring: 'x', gezondheid: 'x', kinderenVve: 'x' } });
};

/**
 * The app on its own temp files against `duo`, configured through the one configuration schema (as main.ts reads the
 * environment), listening on a free port, with the stand-in's notifications addressed to it.
 */
async function startTegen(duo: DuoStandIn, env: (gestart: DuoStandIn) => Record<string, string>, map: string) {
  await duo.start();
  const dir = mkdtempSync(join(tmpdir(), map));
  const { duo: duoConfig, brp } = loadConfig({
    DUO_BASE_URL: duo.url, DUO_OIN_GEMEENTE: OIN_GEMEENTE, DUO_OIN_DUO: OIN_DUO, DUO_NOTIFICATIE_TOKEN: TOKEN, ...env(duo),
  });
  const { app, client } = await TrajectClient.start('2026-11-29T10:00:00Z', {
    config: { sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite'), duo: duoConfig, brp },
  });
  await app.listen(0);
  duo.notificeerApp(app.getHttpServer().address().port);
  return { app, client, dir, brp };
}

async function stop(app: INestApplication | undefined, duo: DuoStandIn, dir: string | undefined): Promise<void> {
  await app?.close();
  await duo.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

describe('DUO connection against the stand-in', () => {
  const duo = new DuoStandIn({ oinDuo: OIN_DUO, oinGemeente: OIN_GEMEENTE, notificatieToken: TOKEN });
  let app: INestApplication;
  let client: TrajectClient;
  let dir: string;

  beforeAll(async () => {
    ({ app, client, dir } = await startTegen(duo, (gestart) => ({
      BRP_API_URL: gestart.brpUrl, DUO_INTERVAL_MS: '50', DUO_BACKOFF_MIN_MS: '50', DUO_BACKOFF_MAX_MS: '200',
    }), 'duo-e2e-'));
  });
  afterAll(() => stop(app, duo, dir));

  const duoVan = async (id: string) => (await client.get(`/api/v1/trajecten/${id}/duo`).expect(200)).body;

  it('reports PIP, hours, PVT and MAP to DUO, each valid against DUO\'s OpenAPI files', async () => {
    const { body } = await client.registreer({
      soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2026-06-01', datumMeldingDuo: '2026-06-01', datumInschrijvingBrp: '2026-05-25',
      persoon: { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw', bsn: BSN },
    });
    await intake(client, body.id, '2026-06-10');
    await client.actie(body.id, 'registreer-uren', { datum: '2026-06-10', soort: 'nt2', uren: 6 });
    await client.actie(body.id, 'stel-pip-vast', { datum: '2026-07-01', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] });
    await client.actie(body.id, 'registreer-uren', { datum: '2026-07-10', soort: 'nt2', uren: 20 });
    await client.actie(body.id, 'registreer-uren', { datum: '2026-07-11', soort: 'knm', uren: 4.5 });
    await client.actie(body.id, 'registreer-uren', { datum: '2026-07-12', soort: 'participatie', uren: 8 });
    await client.actie(body.id, 'rond-pvt-af', { datum: '2026-08-01' });
    await client.actie(body.id, 'rond-map-af', { datum: '2026-09-01' });

    const overzicht = await eventually(async () => {
      const o = await duoVan(body.id);
      expect(o.berichten.map((b: any) => b.status)).toEqual(Array(o.berichten.length).fill('verzonden'));
      expect(o.berichten).toHaveLength(7);
      return o;
    }, 60_000);
    expect(overzicht.berichten.map((b: any) => [b.operatie, b.inhoud])).toEqual([
      ['updateUrenTaallesEnKnmByBSN', { uren: 6 }],
      ['postPipByBsn', { dagtekeningPip: '2026-07-01', leerroute: 'B', niveau: 'B1' }],
      ['updateUrenParticipatieAlsTaallesByBsn', { uren: 20 }],
      ['updateUrenParticipatieAlsTaallesByBsn', { uren: 24 }],
      ['updateUrenParticipatieactiviteiten', { uren: 8 }],
      ['updatePvtByBsn', { datumOndertekeningPvt: '2026-08-01' }],
      ['updateMapByBsn', { datumEindgesprekMap: '2026-09-01' }],
    ]);
    expect(overzicht.berichten[1].pad).toBe('/personen/{bsn}/PIP');
    // At the stand-in: every one valid, with DUO's headers, received in order, each BerichtId once.
    const ontvangen = duo.ontvangen.filter((o) => overzicht.berichten.some((b: any) => b.berichtId === o.berichtId));
    expect(duo.ongeldig()).toEqual([]);
    expect(ontvangen.map((o) => o.berichtId)).toEqual(overzicht.berichten.map((b: any) => b.berichtId));
    expect(ontvangen[1]).toMatchObject({ pad: `/personen/${BSN}/PIP`, headers: expect.objectContaining({ bron: OIN_GEMEENTE, doel: OIN_DUO, 'api-version': '1.2.0' }) });

    // A rebuild of the outbox derives the same BerichtIds and finds them delivered: nothing is sent again.
    const voor = duo.ontvangen.length;
    const runner = app.get(ProjectionRunner);
    await runner.rebuild(runner.projections.find((p) => p.name === 'duo-outbox')!);
    await app.get(DuoSender).ronde();
    expect(duo.ontvangen.length).toBe(voor);
    expect((await duoVan(body.id)).berichten.map((b: any) => [b.berichtId, b.status])).toEqual(overzicht.berichten.map((b: any) => [b.berichtId, 'verzonden']));
  });

  it('retries a DUO outage with back-off and records a refusal by DUO without retrying it', async () => {
    const { body } = await client.registreer({
      soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2026-06-01', datumMeldingDuo: '2026-06-01',
      persoon: { naam: 'Yonas Tesfaye', geboortedatum: '1990-04-12', geslacht: 'man', bsn: '100000022' },
    });
    await intake(client, body.id, '2026-06-10');
    duo.storing(503, 2);
    await client.actie(body.id, 'stel-pip-vast', { datum: '2026-07-01', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] });
    const pip = await eventually(async () => {
      const [b] = (await duoVan(body.id)).berichten;
      expect(b.status).toBe('verzonden');
      return b;
    }, 60_000);
    expect(pip.pogingen).toBe(3);
    duo.storing(400, 1, 'Datum ondertekening PVT ligt voor de start van de inburgeringstermijn');
    await client.actie(body.id, 'rond-pvt-af', { datum: '2026-08-01' });
    const pvt = await eventually(async () => {
      const b = (await duoVan(body.id)).berichten[1];
      expect(b.status).toBe('geweigerd-door-duo');
      return b;
    }, 60_000);
    expect(pvt).toMatchObject({ pogingen: 1, httpStatus: 400, reden: 'Datum ondertekening PVT ligt voor de start van de inburgeringstermijn' });
    const dashboard = (await client.get('/api/v1/dashboards/duo?status=geweigerd-door-duo').expect(200)).body;
    expect(dashboard.berichten.map((b: any) => b.berichtId)).toContain(pvt.berichtId);
  });

  it('does not send what DUO would refuse: a trajectory without BSN', async () => {
    const { body } = await client.registreer({
      soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2026-06-01', datumMeldingDuo: '2026-06-01',
      persoon: { naam: 'Zonder Bsn', geboortedatum: '1990-04-12', geslacht: 'x' },
    });
    await intake(client, body.id, '2026-06-10');
    await client.actie(body.id, 'stel-pip-vast', { datum: '2026-07-01', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] });
    const [pip] = await eventually(async () => {
      const b = (await duoVan(body.id)).berichten;
      expect(b).toHaveLength(1);
      return b;
    });
    expect(pip).toMatchObject({ status: 'geweigerd', reden: expect.stringContaining('geen BSN'), pogingen: 0 });
    expect(duo.ontvangen.some((o) => o.berichtId === pip.berichtId)).toBe(false);
  });

  describe('DUO\'s Notificatie API', () => {
    const notificatie = (gebeurtenisId: string, bsn: string, registratieDatumTijd = '2026-11-20T09:30:00+01:00') =>
      ({ registratieDatumTijd, gebeurtenisId, bsn });

    it('answers per DUO\'s file: 401 without the token, 400 when malformed, 403 for another Doel; always API-Version', async () => {
      expect(await duo.notificeer(notificatie('SS101', NIEUW_BSN), { token: null })).toMatchObject({ status: 401, apiVersion: '1.8.0' });
      expect(await duo.notificeer(notificatie('SS101', NIEUW_BSN), { token: 'fout' })).toMatchObject({ status: 401, apiVersion: '1.8.0' });
      expect(await duo.notificeer({ registratieDatumTijd: '2026-11-20T09:30:00+01:00', bsn: NIEUW_BSN })).toMatchObject({ status: 400, apiVersion: '1.8.0' });
      expect(await duo.notificeer(notificatie('SS101', '12345'))).toMatchObject({ status: 400 });
      expect(await duo.notificeer(notificatie('ss101', NIEUW_BSN))).toMatchObject({ status: 400 });
      expect(await duo.notificeer({ ...notificatie('SS101', NIEUW_BSN), registratieDatumTijd: 'gisteren' })).toMatchObject({ status: 400 });
      expect(await duo.notificeer(notificatie('SS101', NIEUW_BSN), { berichtId: 'geen-uuid' })).toMatchObject({ status: 400 });
      expect(await duo.notificeer(notificatie('SS101', NIEUW_BSN), { headers: { doel: '00000009999999999000' } })).toMatchObject({ status: 403, apiVersion: '1.8.0' });
      // DUO's largest v-nummer (10 digits, `maximum: 9999999999`) is DUO's contract, not an attack on our bounds.
      expect(await duo.notificeer({ registratieDatumTijd: '2026-11-20T09:30:00+01:00', gebeurtenisId: 'SS101', vNummer: 9_999_999_999 })).toMatchObject({ status: 201, apiVersion: '1.8.0' });
      expect(await duo.notificeer({ registratieDatumTijd: '2026-11-20T09:30:00+01:00', gebeurtenisId: 'SS101', vNummer: 10_000_000_000 })).toMatchObject({ status: 400 });
    });

    it('SS139 for an unknown BSN registers a trajectory whose PIP deadline runs from the notification\'s date; twice changes nothing', async () => {
      duo.zetPersoon(NIEUW_BSN, { naam: 'Noor Rahimi', geboortedatum: '1991-03-14', geslacht: 'vrouw', datumInschrijvingBrp: '2026-11-02' });
      duo.zetGegevens(NIEUW_BSN, { getDoelgroepByBsn: { indeling: 'Gezinsmigrant en overige migrant' } });
      const berichtId = randomUUID();
      expect(await duo.notificeer(notificatie('SS139', NIEUW_BSN), { berichtId })).toMatchObject({ status: 201, apiVersion: '1.8.0' });
      expect(await duo.notificeer(notificatie('SS139', NIEUW_BSN), { berichtId })).toMatchObject({ status: 201 });
      const rij = await eventually(async () => {
        const n = (await client.get('/api/v1/dashboards/duo').expect(200)).body;
        const lijst = (await client.get('/api/v1/trajecten').expect(200)).body;
        const t = (lijst.items ?? lijst).find((x: any) => x.naam === 'Noor Rahimi');
        expect(t).toBeDefined();
        const o = await duoVan(t.id);
        expect(o.notificaties).toEqual([expect.objectContaining({ berichtId, gebeurtenisId: 'SS139', uitkomst: 'geregistreerd' })]);
        expect(n.notificaties.some((x: any) => x.berichtId === berichtId)).toBe(false);
        return t;
      }, 60_000);
      const view = await client.view(rij.id);
      // The same rule on a case registered by hand with the same melding date.
      const { body: handmatig } = await client.registreer({
        soort: 'inburgering', doelgroep: 'gezinsmigrant', datumMeldingDuo: '2026-11-20', datumInschrijvingBrp: '2026-11-02',
        persoon: { naam: 'Ter Vergelijking', geboortedatum: '1991-03-14', geslacht: 'vrouw' },
      });
      expect(view.termijnen.pip).toEqual(handmatig.termijnen.pip);
      expect(view.termijnen.pip.uiterlijk).toBe('2027-01-29');
      const events = await client.gebeurtenissen(rij.id);
      expect(events.filter((e) => e.type === 'InburgeraarGeregistreerd')).toHaveLength(1);
      expect(events[0].data).toMatchObject({ datumMeldingDuo: '2026-11-20', datumInschrijvingBrp: '2026-11-02', doelgroep: 'gezinsmigrant', persoon: { naam: 'Noor Rahimi', bsn: NIEUW_BSN } });
    });

    it('SS199 fetches the exam results from DUO and records them once; SS111 ends the trajectory', async () => {
      const { body } = await client.registreer({
        soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2026-06-01', datumMeldingDuo: '2026-06-01',
        persoon: { naam: 'Samir Aziz', geboortedatum: '1988-01-01', geslacht: 'man', bsn: '999999990' },
      });
      await intake(client, body.id, '2026-06-10');
      await client.actie(body.id, 'stel-pip-vast', { datum: '2026-07-01', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] });
      duo.zetGegevens('999999990', { getExamenresultatenByBsn: [
        { examendatum: '2026-10-01', resultaat: 'Geslaagd', onderdeel: 'KNM' },
        { examendatum: '2026-10-02', resultaat: 'Gezakt', onderdeel: 'LE', niveau: 'B1' },
        { examendatum: '2026-10-03', resultaat: 'Geen', onderdeel: 'SP', redenGeenResultaat: 'Absent' },
      ] });
      await eventually(async () => expect((await duoVan(body.id)).berichten[0]?.status).toBe('verzonden'), 60_000);
      const eerste = randomUUID();
      expect((await duo.notificeer(notificatie('SS199', '999999990'), { berichtId: eerste })).status).toBe(201);
      expect((await duo.notificeer(notificatie('SS199', '999999990'))).status).toBe(201);
      await eventually(async () => {
        const o = await duoVan(body.id);
        expect(o.notificaties.map((n: any) => n.uitkomst)).toEqual(['toegepast', 'geen-actie']);
      }, 60_000);
      const examens = (await client.gebeurtenissen(body.id)).filter((e) => e.type === 'ExamenresultaatGeregistreerd').map((e) => e.data);
      expect(examens).toEqual([
        { datum: '2026-10-01', onderdeel: 'knm', behaald: true },
        { datum: '2026-10-02', onderdeel: 'lezen', niveau: 'B1', behaald: false },
      ]);
      expect((await duo.notificeer(notificatie('SS111', '999999990'))).status).toBe(201);
      await eventually(async () => expect((await client.view(body.id)).fase).toBe('beeindigd'), 60_000);
    });

    it('SS102 holds DUO\'s term beside the case\'s: the same, nothing to do; different, `aandacht` on the case and the dashboard', async () => {
      const [bsn] = bsns(1, 300_000_000);
      const { body } = await client.registreer({
        soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2026-06-01', datumMeldingDuo: '2026-06-01',
        persoon: { naam: 'Lina Haddad', geboortedatum: '1992-02-02', geslacht: 'vrouw', bsn },
      });
      await intake(client, body.id, '2026-06-10');
      await client.actie(body.id, 'stel-pip-vast', { datum: '2026-07-01', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] });
      const voor = (await client.gebeurtenissen(body.id)).length;
      // Wi art. 7: the term starts the day after the PIP's dagtekening and runs three years (end exclusive).
      duo.zetGegevens(bsn, { getInburgeringstermijnByBsn: { startdatum: '2026-07-02', einddatum: '2029-07-02' } });
      const gelijk = randomUUID();
      expect((await duo.notificeer(notificatie('SS102', bsn), { berichtId: gelijk })).status).toBe(201);
      const eerste = await eventually(async () => {
        const [n] = (await duoVan(body.id)).notificaties;
        expect(n).toMatchObject({ berichtId: gelijk, gebeurtenisId: 'SS102', uitkomst: 'geen-actie' });
        return n;
      }, 60_000);
      expect(eerste.feit).toEqual({ inburgeringstermijn: { duo: { startdatum: '2026-07-02', einddatum: '2029-07-02' }, traject: { startdatum: '2026-07-02', einddatum: '2029-07-02' } } });

      duo.zetGegevens(bsn, { getInburgeringstermijnByBsn: { startdatum: '2026-07-15', einddatum: '2029-07-15' } });
      const anders = randomUUID();
      expect((await duo.notificeer(notificatie('SS102', bsn), { berichtId: anders })).status).toBe(201);
      expect((await duo.notificeer(notificatie('SS102', bsn), { berichtId: anders })).status).toBe(201);
      const tweede = await eventually(async () => {
        const n = (await duoVan(body.id)).notificaties;
        expect(n.map((x: any) => [x.berichtId, x.uitkomst])).toEqual([[gelijk, 'geen-actie'], [anders, 'aandacht']]);
        return n[1];
      }, 60_000);
      expect(tweede.feit.inburgeringstermijn).toEqual({ duo: { startdatum: '2026-07-15', einddatum: '2029-07-15' }, traject: { startdatum: '2026-07-02', einddatum: '2029-07-02' } });
      expect(tweede.toelichting).toMatch(/dagtekening van de PIP/);
      const dashboard = (await client.get('/api/v1/dashboards/duo').expect(200)).body;
      expect(dashboard.notificaties.filter((x: any) => x.traject === body.id).map((x: any) => x.berichtId)).toEqual([anders]);
      // Recorded beside the case, not in it: the trajectory's own stream is unchanged.
      expect(await client.gebeurtenissen(body.id)).toHaveLength(voor);
    });

    it('SS124/SS125 (doelgroep changed): the same as the case, nothing to do; different, `aandacht` with both doelgroepen; twice changes nothing', async () => {
      const [bsn] = bsns(1, 310_000_000);
      const { body } = await client.registreer({
        soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2026-06-01', datumMeldingDuo: '2026-06-01',
        persoon: { naam: 'Omar Nasser', geboortedatum: '1985-05-05', geslacht: 'man', bsn },
      });
      const voor = (await client.gebeurtenissen(body.id)).length;
      const ss124 = randomUUID();
      const ss125 = randomUUID();
      expect((await duo.notificeer(notificatie('SS124', bsn), { berichtId: ss124 })).status).toBe(201);
      expect((await duo.notificeer(notificatie('SS125', bsn), { berichtId: ss125 })).status).toBe(201);
      expect((await duo.notificeer(notificatie('SS125', bsn), { berichtId: ss125 })).status).toBe(201);
      const n = await eventually(async () => {
        const lijst = (await duoVan(body.id)).notificaties;
        expect(lijst.map((x: any) => [x.gebeurtenisId, x.uitkomst])).toEqual([['SS124', 'geen-actie'], ['SS125', 'aandacht']]);
        return lijst;
      }, 60_000);
      expect(n[0].feit).toEqual({ doelgroep: { duo: 'gezinsmigrant', traject: 'gezinsmigrant' } });
      expect(n[1].feit).toEqual({ doelgroep: { duo: 'asielstatushouder', traject: 'gezinsmigrant' } });
      expect(n[1].toelichting).toMatch(/geen actie die de doelgroep wijzigt/);
      expect((await client.get('/api/v1/dashboards/duo').expect(200)).body.notificaties.map((x: any) => x.berichtId)).toContain(ss125);
      expect(await client.gebeurtenissen(body.id)).toHaveLength(voor);
      expect((await client.view(body.id)).doelgroep).toBe('gezinsmigrant');
    });

    it('records an unknown gebeurtenis and a BSN without trajectory for the dashboard, never loses them', async () => {
      const onbekend = randomUUID();
      const zonder = randomUUID();
      expect((await duo.notificeer(notificatie('SS999', BSN), { berichtId: onbekend })).status).toBe(201);
      expect((await duo.notificeer(notificatie('SS107', '888888880'), { berichtId: zonder })).status).toBe(201);
      const n = await eventually(async () => {
        const d = (await client.get('/api/v1/dashboards/duo').expect(200)).body;
        expect(d.notificaties.map((x: any) => x.berichtId)).toEqual(expect.arrayContaining([onbekend, zonder]));
        expect(d.notificaties.filter((x: any) => x.uitkomst === 'ontvangen')).toEqual([]);
        return d.notificaties;
      }, 60_000);
      expect(n.find((x: any) => x.berichtId === onbekend).uitkomst).toBe('onbekende-gebeurtenis');
      expect(n.find((x: any) => x.berichtId === zonder).uitkomst).toBe('niet-gevonden');
    });
  });

  describe('without BRP_API_URL', () => {
    const duo2 = new DuoStandIn({ oinDuo: OIN_DUO, oinGemeente: OIN_GEMEENTE, notificatieToken: TOKEN });
    let app2: INestApplication;
    let client2: TrajectClient;
    let dir2: string;

    beforeAll(async () => {
      let brp: { url?: string };
      ({ app: app2, client: client2, dir: dir2, brp } = await startTegen(duo2, () => ({ DUO_INTERVAL_MS: '50' }), 'duo-e2e-zonder-brp-'));
      expect(brp.url).toBeUndefined();
    });
    afterAll(() => stop(app2, duo2, dir2));

    it('SS139 for an unknown BSN waits visibly; the case worker reads the BSN (access logged), registers the person, and the melding applies by itself', async () => {
      const [bsn] = bsns(1, 320_000_000);
      const berichtId = randomUUID();
      expect((await duo2.notificeer({ registratieDatumTijd: '2026-11-20T09:30:00+01:00', gebeurtenisId: 'SS139', bsn }, { berichtId })).status).toBe(201);
      const wacht = await eventually(async () => {
        const n = (await client2.get('/api/v1/dashboards/duo').expect(200)).body.notificaties.find((x: any) => x.berichtId === berichtId);
        expect(n).toMatchObject({ gebeurtenisId: 'SS139', uitkomst: 'niet-gevonden' });
        return n;
      }, 60_000);
      expect(wacht.toelichting).toMatch(/melding DUO 2026-11-20.*BRP_API_URL.*GET \/api\/v1\/duo\/notificaties\/\{berichtId\}/);
      expect(JSON.stringify(wacht)).not.toContain(bsn);

      const detail = (await client2.get(`/api/v1/duo/notificaties/${berichtId}`).expect(200)).body;
      expect(detail).toMatchObject({ berichtId, gebeurtenisId: 'SS139', bsn, datumMelding: '2026-11-20', uitkomst: 'niet-gevonden', persoonGewist: false });
      const log = await app2.get(EventStore).readStream('inzage-zoeken');
      expect(log.map((e) => e.data)).toEqual([expect.objectContaining({ endpoint: 'GET /api/v1/duo/notificaties/:berichtId', zoekopdracht: { duoNotificatie: berichtId } })]);
      expect(JSON.stringify(log)).not.toContain(bsn);
      await client2.get(`/api/v1/duo/notificaties/${randomUUID()}`).expect(404);

      // Registered by hand without the melding date: DUO's melding is applied after all, and the PIP term runs from it.
      const { body } = await client2.registreer({
        soort: 'inburgering', doelgroep: 'gezinsmigrant', datumInschrijvingBrp: '2026-11-02',
        persoon: { naam: 'Noor Rahimi', geboortedatum: '1991-03-14', geslacht: 'vrouw', bsn },
      });
      await eventually(async () => {
        expect((await client2.get(`/api/v1/trajecten/${body.id}/duo`).expect(200)).body.notificaties)
          .toEqual([expect.objectContaining({ berichtId, uitkomst: 'toegepast', toelichting: 'registreer-melding-duo' })]);
      }, 60_000);
      const dashboard = (await client2.get('/api/v1/dashboards/duo').expect(200)).body;
      expect(dashboard.notificaties.map((x: any) => x.berichtId)).not.toContain(berichtId);
      expect((await client2.gebeurtenissen(body.id)).filter((e) => e.type === 'MeldingDuoGeregistreerd').map((e) => e.data)).toEqual([{ datumMeldingDuo: '2026-11-20' }]);
      expect((await client2.view(body.id)).termijnen.pip.uiterlijk).toBe('2027-01-29');
    });
  });
});
