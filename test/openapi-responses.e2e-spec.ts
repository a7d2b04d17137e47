import { INestApplication } from '@nestjs/common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { authHeaders } from './support/auth';
import { eventually } from './support/eventually';
import { TrajectClient } from './support/traject-client';

jest.setTimeout(60_000);

/**
 * The document does not lie: real answers of every typed operation validate against the response schema the served
 * document gives for them (closed objects included, so a field the schema does not name fails too).
 */
describe('answers match the response schemas of the served OpenAPI document', () => {
  let app: INestApplication;
  let client: TrajectClient;
  let doc: any;
  let ajv: Ajv;
  let id: string;
  let ondertussen: string;
  const headers: Record<string, Record<string, string>> = {};

  /** The schema of `operationId`'s answer `status` (media type `type`), with refs into the document. */
  function validator(operationId: string, status: number, type = 'application/json') {
    for (const item of Object.values<any>(doc.paths)) {
      for (const op of Object.values<any>(item)) {
        if (op?.operationId !== operationId) continue;
        const schema = op.responses[status]?.content?.[type]?.schema;
        if (!schema) throw new Error(`${operationId} ${status} ${type}: no schema`);
        return ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"doc#/components/')));
      }
    }
    throw new Error(`no operation ${operationId}`);
  }

  async function check(operationId: string, path: string, rol: string, status = 200, method: 'get' | 'post' | 'delete' = 'get', body?: unknown) {
    let req = request(app.getHttpServer())[method](`/api/v1${path}`).set(headers[rol]);
    if (body !== undefined) req = req.send(body as object);
    const res = await req;
    expect({ path, status: res.status }).toEqual({ path, status });
    const type = String(res.headers['content-type']).split(';')[0];
    const validate = validator(operationId, status, type);
    expect({ path, errors: validate(res.body) ? null : validate.errors }).toEqual({ path, errors: null });
    return res.body;
  }

  beforeAll(async () => {
    ({ app, client } = await TrajectClient.start('2025-06-01T10:00:00Z'));
    for (const rol of ['klantmanager', 'teamleider', 'compliance', 'beheerder']) headers[rol] = await authHeaders(rol, `${rol}-1`);
    doc = (await request(app.getHttpServer()).get('/api/v1/openapi.json').expect(200)).body;
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components });

    id = (await client.registreer({
      soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2025-01-15', datumKoppeling: '2025-01-10', datumMeldingDuo: '2025-01-15',
      consulent: 'kim', persoon: { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw', bsn: '999990019' },
    })).body.id;
    await client.actie(id, 'start-brede-intake', { datum: '2025-02-01' });
    await client.actie(id, 'registreer-leerbaarheidstoets', { datum: '2025-02-03', adviesNiveau: 'B1', adviesLeerroute: 'b1' });
    await client.actie(id, 'rond-brede-intake-af', { datum: '2025-02-10', bevindingen: { opleiding: 'havo', werkervaring: 'zorg', gezondheid: 'goed', kinderenVve: 'n.v.t.' } });
    await client.actie(id, 'stel-pip-vast', { datum: '2025-03-01', leerroute: 'b1', voortgangsgesprekken: 4, participatieactiviteiten: ['werkervaringsplek'] });
    await client.actie(id, 'registreer-uren', { datum: '2025-03-10', soort: 'nt2', uren: 4 }).catch(() => undefined);
    ondertussen = (await client.registreer({
      soort: 'ondertussen', doelgroep: 'asielstatushouder', datum: '2025-01-20',
      persoon: { naam: 'Omar Said', geboortedatum: '1980-02-02', geslacht: 'man' },
    })).body.id;
    await eventually(async () => expect((await request(app.getHttpServer()).get('/ready')).status).toBe(200), 10_000);
  });
  afterAll(() => app.close());

  it('the case: view (both kinds), an action, its events, the timeline', async () => {
    const view = await check('bekijkTraject', `/trajecten/${id}`, 'klantmanager');
    expect(view.termijnen.screening).toBeDefined();
    await check('bekijkTraject', `/trajecten/${ondertussen}`, 'klantmanager');
    await check('wijzigPip', `/trajecten/${id}/acties/wijzig-pip`, 'klantmanager', 200, 'post', { datum: '2025-03-05', wijziging: 'x', reden: 'y' });
    await check('gebeurtenissenVanTraject', `/trajecten/${id}/gebeurtenissen`, 'compliance');
    await check('tijdlijnVanTraject', `/trajecten/${id}/tijdlijn?peildatum=2025-02-05`, 'compliance');
  });

  it('the lists and dashboards', async () => {
    await check('lijstTrajecten', '/trajecten?paginaGrootte=1', 'klantmanager');
    await check('lijstTrajecten', '/trajecten?bsn=999990019', 'klantmanager');
    await check('termijnenDashboard', '/dashboards/termijnen', 'teamleider');
    await check('caseloadDashboard', '/dashboards/caseload', 'teamleider');
    await check('ambitiesDashboard', '/dashboards/ambities?jaar=2025&detail=true', 'teamleider');
    await check('indicatorenDashboard', '/dashboards/indicatoren?jaar=2025&halfjaar=1&detail=true', 'teamleider');
  });

  it('the audit pages, integrity, retention and erasure', async () => {
    await check('auditGebeurtenissen', '/audit/gebeurtenissen?paginaGrootte=3', 'compliance');
    await check('auditInzage', '/audit/inzage?paginaGrootte=2', 'compliance');
    await check('auditIntegriteit', '/audit/integriteit', 'compliance');
    await check('auditBewaartermijnen', '/audit/bewaartermijnen', 'beheerder');
    await check('wisPersoonsgegevens', `/trajecten/${ondertussen}/persoonsgegevens`, 'beheerder', 200, 'delete', { reden: 'verzoek van betrokkene' });
    await check('bekijkTraject', `/trajecten/${ondertussen}`, 'klantmanager'); // erased fields are objects, not strings
  });

  it('problem+json: 400, 404, 422 (with toegestaneActies) and 401', async () => {
    await check('stelPipVast', `/trajecten/${id}/acties/stel-pip-vast`, 'klantmanager', 400, 'post', { datum: 'nooit' });
    const p422 = await check('startBredeIntake', `/trajecten/${id}/acties/start-brede-intake`, 'klantmanager', 422, 'post', { datum: '2025-03-02' });
    expect(p422.toegestaneActies.length).toBeGreaterThan(0);
    await check('bekijkTraject', '/trajecten/3f2b8c1e-6a7d-4e5f-9a0b-1c2d3e4f5a6b', 'klantmanager', 404);
    const anoniem = await request(app.getHttpServer()).get('/api/v1/trajecten');
    expect(validator('lijstTrajecten', 401, 'application/problem+json')(anoniem.body)).toBe(true);
  });
});
