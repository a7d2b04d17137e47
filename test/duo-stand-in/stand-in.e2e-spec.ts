import { randomUUID } from 'node:crypto';
import { DuoStandIn } from './stand-in';

const BRON = '00000001001172773000';
const DOEL = '00000001800866472000';

jest.setTimeout(120_000);

describe('DUO stand-in: validates against DUO\'s OpenAPI files', () => {
  const duo = new DuoStandIn();
  let url: string;
  beforeAll(async () => { url = await duo.start(); });
  afterAll(() => duo.stop());

  const post = (pad: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') =>
    fetch(url + pad, { method, headers: { 'content-type': 'application/json', bron: BRON, doel: DOEL, berichtid: randomUUID(), ...headers }, body: JSON.stringify(body) });

  it('accepts a valid PIP and answers 201 with API-Version', async () => {
    const res = await post('/personen/123456782/PIP', { dagtekeningPip: '2026-03-01', leerroute: 'B', niveau: 'B1' });
    expect(res.status).toBe(201);
    expect(res.headers.get('api-version')).toBe('1.2.0');
    expect(duo.geregistreerd()).toHaveLength(1);
  });

  it.each([
    ['an unknown leerroute', '/personen/123456782/PIP', { dagtekeningPip: '2026-03-01', leerroute: 'X' }, {}],
    ['a missing dagtekening', '/personen/123456782/PIP', { leerroute: 'B' }, {}],
    ['a date that is no date', '/personen/123456782/PIP', { dagtekeningPip: '01-03-2026', leerroute: 'B' }, {}],
    ['a short BSN in the path', '/personen/12345/PIP', { dagtekeningPip: '2026-03-01', leerroute: 'B' }, {}],
    ['a BerichtId that is no uuid', '/personen/123456782/PIP', { dagtekeningPip: '2026-03-01', leerroute: 'B' }, { berichtid: 'abc' }],
    ['a Bron that is no OIN', '/personen/123456782/PIP', { dagtekeningPip: '2026-03-01', leerroute: 'B' }, { bron: '123' }],
  ])('refuses %s with 400 and records it', async (_naam, pad, body, headers) => {
    const voor = duo.ongeldig().length;
    const res = await post(pad, body, headers as Record<string, string>);
    expect(res.status).toBe(400);
    expect(duo.ongeldig()).toHaveLength(voor + 1);
  });

  it('refuses a request without Doel', async () => {
    const res = await fetch(url + '/personen/123456782/map', { method: 'PUT', headers: { 'content-type': 'application/json', bron: BRON, berichtid: randomUUID() }, body: '{}' });
    expect(res.status).toBe(400);
  });

  it('answers a path DUO does not serve with 404', async () => {
    expect((await post('/personen/123456782/onbekend', {})).status).toBe(404);
  });

  it('validates a PUT of MAP with verwijtbaar and hours', async () => {
    expect((await post('/personen/123456782/map', { datumEindgesprekMap: '2026-05-01', verwijtbaar: 'Nee' }, {}, 'PUT')).status).toBe(200);
    expect((await post('/personen/123456782/map', { verwijtbaar: 'Misschien' }, {}, 'PUT')).status).toBe(400);
    expect((await post('/personen/123456782/uren/participatietaalles', { uren: 12 }, {}, 'PUT')).status).toBe(200);
    expect((await post('/personen/123456782/uren/participatietaalles', { uren: 10000 }, {}, 'PUT')).status).toBe(400);
  });

  it('answers a redelivered BerichtId as before and registers it once', async () => {
    const berichtid = randomUUID();
    const voor = duo.geregistreerd().length;
    expect((await post('/personen/123456782/zroute', { datumAfrondingZroute: '2026-05-01' }, { berichtid }, 'PUT')).status).toBe(200);
    expect((await post('/personen/123456782/zroute', { datumAfrondingZroute: '2026-05-01' }, { berichtid }, 'PUT')).status).toBe(200);
    expect(duo.geregistreerd()).toHaveLength(voor + 1);
    expect(duo.ontvangen.filter((o) => o.berichtId === berichtid && o.herhaling)).toHaveLength(1);
  });

  it('serves GET data set per BSN', async () => {
    duo.zetGegevens('123456782', { getExamenresultatenByBsn: [{ examendatum: '2026-04-01', resultaat: 'Geslaagd', onderdeel: 'KNM' }] });
    const res = await fetch(url + '/personen/123456782/examens/resultaten', { headers: { bron: BRON, doel: DOEL, berichtid: randomUUID() } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ examendatum: '2026-04-01', resultaat: 'Geslaagd', onderdeel: 'KNM' }]);
  });
});
