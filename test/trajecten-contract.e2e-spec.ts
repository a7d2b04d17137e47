import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TrajectClient } from './support/traject-client';

const PERSOON = { naam: 'Noor Jansen', geboortedatum: '1990-01-01', geslacht: 'vrouw' };
const ASIEL = { soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2025-01-10', datumKoppeling: '2025-01-06', persoon: PERSOON };

describe('the case API contract: status codes, If-Match, events and timeline', () => {
  let app: INestApplication;
  let client: TrajectClient;
  let id: string;

  beforeAll(async () => {
    ({ app, client } = await TrajectClient.start());
    id = (await client.registreer(ASIEL)).body.id;
  });
  afterAll(() => app.close());

  const aantal = async () => (await client.gebeurtenissen(id)).length;

  it('400: an unknown field, a wrong type or a future date appends nothing', async () => {
    const voor = await aantal();
    const onbekend = await client.actie(id, 'start-brede-intake', { datum: '2025-02-01', extra: 1 }, 400);
    expect(onbekend.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(onbekend.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ veld: 'extra' })]));
    await client.actie(id, 'start-brede-intake', { datum: '2025-02-31' }, 400);
    const toekomst = await client.actie(id, 'start-brede-intake', { datum: '2027-01-01' }, 400);
    expect(toekomst.body.errors[0].veld).toBe('datum');
    await client.registreer({ ...ASIEL, persoon: { ...PERSOON, bsn: '123456789' } }, 400);
    expect(await aantal()).toBe(voor);
  });

  it('404: an unknown trajectory or an unknown action', async () => {
    const res = await client.get(`/api/v1/trajecten/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    await client.actie(randomUUID(), 'start-brede-intake', { datum: '2025-02-01' }, 404);
    await client.actie(id, 'vlieg-naar-de-maan', { datum: '2025-02-01' }, 404);
  });

  it('422: names the phase, the machine state and the allowed actions, and appends nothing', async () => {
    const voor = await aantal();
    const res = await client.actie(id, 'stel-pip-vast', { datum: '2025-02-01', leerroute: 'b1', voortgangsgesprekken: 2, participatieactiviteiten: [] }, 422);
    expect(res.body).toMatchObject({ status: 422, fase: 'aangemeld', trajectStatus: 'aangemeld' });
    expect(res.body.toegestaneActies).toContain('start-brede-intake');
    expect(await aantal()).toBe(voor);
  });

  it('422: registration of someone under 16 or at AOW age', async () => {
    await client.registreer({ ...ASIEL, persoon: { ...PERSOON, geboortedatum: '2010-01-11' } }, 422);
    await client.registreer({ ...ASIEL, persoon: { ...PERSOON, geboortedatum: '1958-01-10' } }, 422);
  });

  it('If-Match: the current revision is accepted, a stale one is 412 with the current revisie', async () => {
    const view = await client.view(id);
    const ok = await client.actie(id, 'registreer-screening', { datum: '2025-02-01' }, 200, { 'If-Match': `"${view.revisie}"` });
    // The screening and, in the same append, the end of its deadline (TermijnVervallen).
    expect(ok.headers.etag).toBe(`"${view.revisie + 2}"`);
    const stale = await client.actie(id, 'start-brede-intake', { datum: '2025-02-02' }, 412, { 'If-Match': `"${view.revisie}"` });
    expect(stale.body.revisie).toBe(view.revisie + 2);
    await client.actie(id, 'start-brede-intake', { datum: '2025-02-02' }, 400, { 'If-Match': 'drie' });
  });

  it('two clients with the same If-Match: exactly one wins, the stream grows by one', async () => {
    const { revisie } = await client.view(id);
    const voor = await aantal();
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((x) =>
      client.post(`/api/v1/trajecten/${id}/acties/registreer-uitstroom`).set('If-Match', `"${revisie}"`)
        .send({ datum: '2025-03-01', soort: 'vrijwilligerswerk' }).then((r) => r.status)));
    expect(results.filter((s) => s === 200)).toHaveLength(1);
    expect(results.every((s) => [200, 409, 412].includes(s))).toBe(true);
    expect(await aantal()).toBe(voor + 1);
  });

  it('without If-Match, concurrent commands are decided again on the fresh state and all land', async () => {
    const voor = await aantal();
    const results = await Promise.all([1, 2, 3].map((n) =>
      client.post(`/api/v1/trajecten/${id}/acties/registreer-uitstroom`).send({ datum: `2025-03-0${n}`, soort: 'onderwijs' }).then((r) => r.status)));
    expect(results).toEqual([200, 200, 200]);
    expect(await aantal()).toBe(voor + 3);
  });

  it('gebeurtenissen lists the stream in order with envelope fields', async () => {
    const events = await client.gebeurtenissen(id);
    expect(events[0]).toMatchObject({ type: 'InburgeraarGeregistreerd', revisie: 0, datum: '2025-01-10', schemaVersion: 1 });
    expect(events.map((e: any) => e.revisie)).toEqual(events.map((_: unknown, i: number) => i));
  });

  it('tijdlijn replays the state after each event, up to a revision or as on a date', async () => {
    const all = await client.get(`/api/v1/trajecten/${id}/tijdlijn`);
    expect(all.status).toBe(200);
    expect(all.body.stappen[0]).toMatchObject({ fase: 'aangemeld', gebeurtenis: { type: 'InburgeraarGeregistreerd' } });
    // The registration comes with its deadline facts (TermijnGesteld), in the same append.
    const events: any[] = await client.gebeurtenissen(id);
    const screening: number = events.find((e) => e.type === 'ScreeningUitgevoerd').revisie;
    const tot = await client.get(`/api/v1/trajecten/${id}/tijdlijn?totRevisie=${screening}`);
    expect(tot.body.stappen).toHaveLength(screening + 1);
    expect(tot.body.staat).toMatchObject({ revisie: screening, fase: 'aangemeld', screening: { datum: '2025-02-01' } });
    const registratie = events.filter((e: any) => e.datum <= '2025-01-31').length;
    expect(events.slice(1, registratie).every((e: any) => e.type === 'TermijnGesteld')).toBe(true);
    const peil = await client.get(`/api/v1/trajecten/${id}/tijdlijn?peildatum=2025-01-31`);
    expect(peil.body.stappen).toHaveLength(registratie);
    expect(peil.body.staat).toMatchObject({ revisie: registratie - 1, screening: null, termijnen: { screening: { uiterlijk: '2025-03-17', status: 'lopend' } } });
    const fout = await client.get(`/api/v1/trajecten/${id}/tijdlijn?peildatum=gisteren`);
    expect(fout.status).toBe(400);
  });
});
