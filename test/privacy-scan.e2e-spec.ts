import { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { FixedClock } from '../src/events/clock';
import { EventStore } from '../src/events/event-store';
import { leesOntvangen } from '../src/duo/notificatie-lezen';
import { KeyStore } from '../src/privacy/key-store';
import { tokenFor } from './support/auth';
import { eventually } from './support/eventually';

/**
 * The privacy suite (issue 12 point 5): distinctive names, a BSN and free text in every personal field, searched in
 * every database file (WAL and SHM included, as raw bytes) and every endpoint, before and after erasure. A DUO
 * notification about the person (BSN and v-nummer) is among them: erasing the trajectory erases it too.
 * Before: free text and the BSN are in no file in clear (encrypted in the log, withheld from the read models); only
 * the list keeps the name. After: found nowhere, while the history still verifies.
 */
const NAAM = 'Xoloqua Vandermierde';
const BSN = '123456782';
const M = {
  uitvoerder: 'Uitvoerder Qoppa-4417', bevindingen: 'Bevinding Qoppa-5521', grond: 'Grond medisch Qoppa-6630', aanbieder: 'Aanbieder Qoppa-7742',
  activiteitId: 'act-Xoloqua-8853', resultaat: 'Resultaat Qoppa-9964', verslag: 'Verslag Qoppa-1075', partner: 'Partner Qoppa-2186',
  advies: 'Advies Qoppa-3297', reden: 'Wisreden Xoloqua-4308',
};
/** A DUO notification's v-nummer (below 10^9, the bound src/http/limits.ts puts on every number); its BSN is BSN. */
const V_NUMMER = 867530912;
const MARKERS = [NAAM, BSN, String(V_NUMMER), ...Object.values(M)];

describe('privacy: personal data in every file and endpoint, before and after erasure', () => {
  let dir: string;
  let app: INestApplication;
  let headers: Record<string, string>;
  let inburgering: string;
  let ondertussen: string;
  const server = () => request(app.getHttpServer());

  /** Every marker found in the raw bytes of every file of the data folder, by file. */
  function inFiles(): Record<string, string[]> {
    const found: Record<string, string[]> = {};
    for (const f of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, f));
      const hits = MARKERS.filter((m) => bytes.includes(Buffer.from(m, 'utf8')));
      if (hits.length) found[f] = hits;
    }
    return found;
  }

  /** Every marker in the answers of every endpoint that shows a trajectory's data. */
  async function inEndpoints(): Promise<Record<string, string[]>> {
    const paths = [
      `/api/v1/trajecten/${inburgering}`, `/api/v1/trajecten/${inburgering}/gebeurtenissen`, `/api/v1/trajecten/${inburgering}/tijdlijn`,
      `/api/v1/trajecten/${ondertussen}`, `/api/v1/trajecten/${ondertussen}/gebeurtenissen`, `/api/v1/trajecten/${ondertussen}/tijdlijn`,
      '/api/v1/trajecten', '/api/v1/dashboards/termijnen', '/api/v1/dashboards/caseload', '/api/v1/dashboards/ambities?jaar=2026&detail=true',
      '/api/v1/dashboards/indicatoren?jaar=2026', `/api/v1/audit/gebeurtenissen?traject=${inburgering}`, `/api/v1/audit/gebeurtenissen?traject=${ondertussen}`,
      `/api/v1/trajecten/${inburgering}/duo`, '/api/v1/dashboards/duo', '/api/v1/audit/gebeurtenissen?formaat=csv', '/api/v1/audit/gebeurtenissen', '/api/v1/audit/inzage', '/api/v1/audit/integriteit', '/api/v1/audit/bewaartermijnen?peildatum=2199-01-01',
    ];
    const found: Record<string, string[]> = {};
    for (const path of paths) {
      const res = await server().get(path).set(headers);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const hits = MARKERS.filter((m) => res.text.includes(m));
      if (hits.length) found[path] = hits;
    }
    return found;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ie-privacy-scan-'));
    app = await createApp({
      clock: new FixedClock(new Date('2026-11-29T10:00:00Z')),
      config: { sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite') },
    });
    headers = { Authorization: `Bearer ${await tokenFor('klantmanager', 'privacy', { rollen: ['klantmanager', 'teamleider', 'compliance', 'beheerder'] })}` };
    const actie = async (id: string, naam: string, body: Record<string, unknown>) =>
      server().post(`/api/v1/trajecten/${id}/acties/${naam}`).set(headers).send(body).expect(200);

    inburgering = (await server().post('/api/v1/trajecten').set(headers).send({
      soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2026-01-05', datumKoppeling: '2026-01-02',
      persoon: { naam: NAAM, geboortedatum: '1991-03-04', geslacht: 'vrouw', bsn: BSN }, consulent: 'kim',
    }).expect(201)).body.id;
    await actie(inburgering, 'registreer-screening', { datum: '2026-01-10', uitvoerder: M.uitvoerder, bevindingen: M.bevindingen });
    await actie(inburgering, 'start-brede-intake', { datum: '2026-01-12' });
    await actie(inburgering, 'registreer-leerbaarheidstoets', { datum: '2026-01-12', adviesNiveau: 'B1', adviesLeerroute: 'b1' });
    await actie(inburgering, 'rond-brede-intake-af', { datum: '2026-01-20', bevindingen: { opleiding: 'mbo', werkervaring: 'zorg', gezondheid: M.bevindingen, kinderenVve: 'n.v.t.' } });
    await actie(inburgering, 'stel-pip-vast', { datum: '2026-02-01', leerroute: 'b1', voortgangsgesprekken: 2, participatieactiviteiten: ['sport'] });
    await actie(inburgering, 'start-participatieactiviteit', { datum: '2026-02-10', activiteitId: M.activiteitId, soort: 'sport', categorie: 'sociaal', aanbieder: M.aanbieder });
    await actie(inburgering, 'rond-participatieactiviteit-af', { datum: '2026-05-10', activiteitId: M.activiteitId, resultaat: M.resultaat });
    await actie(inburgering, 'registreer-voortgangsgesprek', { datum: '2026-06-01', verslag: M.verslag });
    await actie(inburgering, 'registreer-ontheffing', { datum: '2026-07-01', grond: M.grond, volledig: false, onderdelen: ['spreken'] });
    await actie(inburgering, 'registreer-vrijstelling', { datum: '2026-07-02', grond: M.grond, volledig: false, onderdelen: ['knm'] });

    ondertussen = (await server().post('/api/v1/trajecten').set(headers).send({
      soort: 'ondertussen', doelgroep: 'asielstatushouder', datum: '2026-01-05', persoon: { naam: NAAM, geboortedatum: '1991-03-04', geslacht: 'vrouw', bsn: BSN },
    }).expect(201)).body.id;
    await actie(ondertussen, 'registreer-adviesgesprek', { datum: '2026-01-10', advies: M.advies });
    await actie(ondertussen, 'verwijs-door', { datum: '2026-01-11', partner: M.partner });

    // DUO notifies about the person (its Notificatie API; no token or OINs configured here), and it is applied.
    await server().post('/api/v1/duo/notificaties')
      .set({ bron: '00000001800866472000', doel: '00000001001172773000', berichtid: '6f1c2d3e-4a5b-4c6d-8e7f-901234567890' })
      .send({ registratieDatumTijd: '2026-01-03T09:30:00+01:00', gebeurtenisId: 'SS101', bsn: BSN, vNummer: V_NUMMER }).expect(201);
    await eventually(async () => expect((await server().get(`/api/v1/trajecten/${inburgering}/duo`).set(headers)).body.notificaties)
      .toEqual([expect.objectContaining({ gebeurtenisId: 'SS101', uitkomst: expect.not.stringMatching(/^ontvangen$/) })]));
  }, 120_000);

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('before erasure: the endpoints show the data (the scan works); no file holds free text or the BSN in clear, only the list the name', async () => {
    await eventually(async () => expect((await server().get('/api/v1/trajecten').set(headers)).text).toContain(NAAM));
    const [ontvangen] = await app.get(EventStore).readStream('duo-notificaties');
    expect(leesOntvangen(ontvangen, app.get(KeyStore)).notificatie).toMatchObject({ bsn: BSN, vNummer: V_NUMMER, persoonGewist: false });
    // DUO_BASE_URL unset here: the connection is off and nothing queued for the PIP (issue 13).
    expect((await server().get(`/api/v1/trajecten/${inburgering}/duo`).set(headers)).body).toMatchObject({ koppeling: 'uit', berichten: [] });
    const endpoints = await inEndpoints();
    expect(endpoints[`/api/v1/trajecten/${inburgering}/gebeurtenissen`]).toEqual(expect.arrayContaining([NAAM, BSN, M.uitvoerder, M.grond, M.aanbieder, M.activiteitId, M.resultaat]));
    expect(endpoints[`/api/v1/trajecten/${ondertussen}/gebeurtenissen`]).toEqual(expect.arrayContaining([M.partner, M.advies]));
    const files = inFiles();
    for (const [file, hits] of Object.entries(files)) {
      expect({ file, hits }).toEqual({ file: expect.stringMatching(/^projections\.sqlite(-wal)?$/), hits: [NAAM] });
    }
  });

  it('after erasure (and a second one, erasing the first one’s reason): found in no file, WAL included, and no endpoint', async () => {
    const beheerder = { Authorization: `Bearer ${await tokenFor('beheerder', 'bram')}` };
    for (const id of [inburgering, ondertussen]) {
      await server().delete(`/api/v1/trajecten/${id}/persoonsgegevens`).set(beheerder).send({ reden: M.reden }).expect(200);
      await server().delete(`/api/v1/trajecten/${id}/persoonsgegevens`).set(beheerder).send({ reden: 'tweede wissing, zaak 2026-17' }).expect(200);
    }
    await eventually(async () => expect((await server().get('/api/v1/trajecten').set(headers)).text).not.toContain(NAAM));
    await eventually(async () => expect(inFiles()).toEqual({}), 10_000);
    expect(await inEndpoints()).toEqual({});
    // The notification's BSN and v-nummer are unreadable now: their key went with the trajectory's persoon key.
    const [ontvangen] = await app.get(EventStore).readStream('duo-notificaties');
    expect(JSON.stringify(ontvangen.data)).toContain('$versleuteld');
    expect(leesOntvangen(ontvangen, app.get(KeyStore)).notificatie).toEqual({ registratieDatumTijd: '2026-01-03T09:30:00+01:00', gebeurtenisId: 'SS101', persoonGewist: true });
    // Shown as erased, and the history still verifies.
    const view = (await server().get(`/api/v1/trajecten/${inburgering}/gebeurtenissen`).set(headers)).body as { type: string; data: Record<string, unknown> }[];
    expect(view.find((e) => e.type === 'OntheffingVerleend')!.data.grond).toEqual({ $gewist: true, veldgroep: 'vrije-tekst' });
    expect(view.find((e) => e.type === 'ParticipatieactiviteitGestart')!.data.activiteitId).toMatch(/^\$gewist:[0-9a-f]{16}$/);
    expect((await server().get('/api/v1/audit/integriteit').set(headers)).body).toMatchObject({ ok: true, gebroken: [] });
    // The trajectory goes on after erasure: the activity's start and end still pair in the fold.
    const traject = (await server().get(`/api/v1/trajecten/${inburgering}`).set(headers)).body;
    expect(JSON.stringify(traject)).not.toContain('Qoppa');
  });
});
