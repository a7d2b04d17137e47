import SwaggerParser from '@apidevtools/swagger-parser';
import { INestApplication } from '@nestjs/common';
import { TrajectClient } from './support/traject-client';

/**
 * Issue 9 over HTTP: partial vrijstelling/ontheffing with onderdelen, afschaling ended by a route switch, MAP not
 * before the inburgeringstermijn, verlenging by its ground, and the fields a rule requires named in the 422.
 * Today is 2026-11-29.
 */
describe('law corrections over HTTP (issue 9)', () => {
  let app: INestApplication;
  let client: TrajectClient;

  beforeAll(async () => ({ app, client } = await TrajectClient.start()));
  afterAll(() => app.close());

  /** A gezinsmigrant (or asielstatushouder) through intake to a PIP on `pip`: termijn start = pip + 1 day. */
  const inUitvoering = async (leerroute: string, pip: string, extra: { doelgroep?: string; geboortedatum?: string } = {}) => {
    const doelgroep = extra.doelgroep ?? 'gezinsmigrant';
    const registratie = new Date(Date.parse(pip) - 40 * 86_400_000).toISOString().slice(0, 10);
    const { body } = await client.registreer({
      soort: 'inburgering', doelgroep, datum: registratie, datumMeldingDuo: registratie, datumInschrijvingBrp: registratie,
      persoon: { naam: 'Selam Berhane', geboortedatum: extra.geboortedatum ?? '1990-04-04', geslacht: 'vrouw' },
    });
    const id: string = body.id;
    const intake = new Date(Date.parse(pip) - 20 * 86_400_000).toISOString().slice(0, 10);
    await client.actie(id, 'start-brede-intake', { datum: intake });
    await client.actie(id, 'registreer-leerbaarheidstoets', { datum: intake, adviesNiveau: 'B1', adviesLeerroute: leerroute });
    await client.actie(id, 'rond-brede-intake-af', { datum: intake, bevindingen: { opleiding: 'havo', werkervaring: 'zorg', gezondheid: 'goed', kinderenVve: 'n.v.t.' } });
    if (leerroute !== 'onderwijsroute' || !extra.geboortedatum) {
      await client.actie(id, 'stel-pip-vast', { datum: pip, leerroute, voortgangsgesprekken: 2, participatieactiviteiten: [] });
    }
    return id;
  };
  const examen = (id: string, datum: string, onderdeel: string, niveau?: string) =>
    client.actie(id, 'registreer-examenresultaat', { datum, onderdeel, ...(niveau ? { niveau } : {}), behaald: true });

  describe('1. partial vrijstelling / ontheffing names its onderdelen', () => {
    it('B1-route: lezen and luisteren released by a vrijstelling; the rest passed → voldaan', async () => {
      const id = await inUitvoering('b1', '2024-02-01');
      const vrij = await client.actie(id, 'registreer-vrijstelling', { datum: '2024-05-01', grond: 'Nederlands mbo-4-diploma', volledig: false, onderdelen: ['lezen', 'luisteren'] });
      expect(vrij.body).toMatchObject({
        fase: 'uitvoering', vrijgesteldeOnderdelen: ['lezen', 'luisteren'], onthevenOnderdelen: [],
        niveau: { examen: { schrijven: 'B1', spreken: 'B1' } },
        vrijstellingen: [{ datum: '2024-05-01', grond: 'Nederlands mbo-4-diploma', volledig: false, onderdelen: ['lezen', 'luisteren'] }],
      });
      expect(vrij.body.niveau.examen).not.toHaveProperty('lezen');
      await examen(id, '2025-01-10', 'schrijven', 'B1');
      await examen(id, '2025-01-10', 'spreken', 'B1');
      const knm = await examen(id, '2025-01-10', 'knm');
      expect(knm.body.leerroute).toMatchObject({ route: 'b1', behaald: true });
      await client.actie(id, 'rond-pvt-af', { datum: '2024-06-01' });
      await client.actie(id, 'rond-map-af', { datum: '2024-10-01' });
      const af = await client.actie(id, 'rond-inburgering-af', { datum: '2025-02-01' });
      expect(af.body).toMatchObject({ fase: 'voldaan', termijnen: { inburgeringstermijn: { status: 'gehaald' } } });
      const events = await client.gebeurtenissen(id);
      expect(events.find((e) => e.type === 'VrijstellingVerleend')).toMatchObject({ schemaVersion: 2, data: { onderdelen: ['lezen', 'luisteren'] } });
    });

    it('Z-route, asielstatushouder: an ontheffing of participatie releases the 800 participation hours → voldaan', async () => {
      const id = await inUitvoering('z-route', '2024-02-01', { doelgroep: 'asielstatushouder' });
      await client.actie(id, 'registreer-uren', { datum: '2025-01-01', soort: 'nt2', uren: 700 });
      await client.actie(id, 'registreer-uren', { datum: '2025-01-01', soort: 'knm', uren: 100 });
      const teWeinig = await client.actie(id, 'rond-zroute-af', { datum: '2025-01-02' }, 422);
      expect(teWeinig.body.detail).toMatch(/800 uur participatie/);
      const ont = await client.actie(id, 'registreer-ontheffing', { datum: '2025-01-05', grond: 'medische ontheffing (DUO)', volledig: false, onderdelen: ['participatie'] });
      expect(ont.body.onthevenOnderdelen).toEqual(['participatie']);
      const z = await client.actie(id, 'rond-zroute-af', { datum: '2025-01-10' });
      expect(z.body.status.uitvoering.leerroute).toEqual({ 'z-route': 'behaald' });
      await client.actie(id, 'rond-pvt-af', { datum: '2024-06-01' });
      await client.actie(id, 'rond-map-af', { datum: '2024-10-01' });
      expect((await client.actie(id, 'rond-inburgering-af', { datum: '2025-02-01' })).body.fase).toBe('voldaan');
    });

    it('a partial decision without onderdelen is a 400 naming onderdelen, and appends nothing', async () => {
      const id = await inUitvoering('b1', '2024-02-01');
      const voor = (await client.gebeurtenissen(id)).length;
      const res = await client.actie(id, 'registreer-ontheffing', { datum: '2024-05-01', grond: 'medisch', volledig: false }, 400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ veld: 'onderdelen' })]));
      expect((await client.gebeurtenissen(id)).length).toBe(voor);
    });
  });

  describe('2. afschalen lives on the B1-route only', () => {
    it('afschaling, switch to the Z-route and back: A2 no longer counts, the view requires B1 again', async () => {
      const id = await inUitvoering('b1', '2024-02-01');
      await client.actie(id, 'registreer-uren', { datum: '2024-12-01', soort: 'nt2', uren: 600 });
      const af = await client.actie(id, 'schaal-af-naar-a2', { datum: '2024-12-15', onderdelen: ['spreken'], onderbouwing: '600 uur NT2, drie pogingen' });
      expect(af.body.niveau).toMatchObject({ afgeschaald: ['spreken'], examen: { spreken: 'A2' } });
      const weg = await client.actie(id, 'wijzig-leerroute', { datum: '2025-01-10', naar: 'z-route', reden: 'voortgang' });
      expect(weg.body.niveau.afgeschaald).toEqual([]);
      const terug = await client.actie(id, 'wijzig-leerroute', { datum: '2025-03-01', naar: 'b1', reden: 'toch B1' });
      expect(terug.body.niveau).toMatchObject({ afgeschaald: [], examen: { lezen: 'B1', luisteren: 'B1', schrijven: 'B1', spreken: 'B1' } });
      for (const o of ['lezen', 'luisteren', 'schrijven']) await examen(id, '2025-04-01', o, 'B1');
      await examen(id, '2025-04-01', 'spreken', 'A2');
      const knm = await examen(id, '2025-04-01', 'knm');
      expect(knm.body.leerroute).toMatchObject({ route: 'b1', behaald: false });
      expect(knm.body.status.uitvoering.leerroute).toEqual({ b1: 'bezig' });
    });
  });

  describe('3. rond-map-af not before the start of the inburgeringstermijn', () => {
    it('422 the day before the start, 200 on the start', async () => {
      const id = await inUitvoering('b1', '2024-02-01');
      const res = await client.actie(id, 'rond-map-af', { datum: '2024-02-01' }, 422);
      expect(res.body).toMatchObject({ fase: 'uitvoering', detail: expect.stringMatching(/vóór de start van de inburgeringstermijn \(2024-02-02\)/) });
      expect((await client.actie(id, 'rond-map-af', { datum: '2024-02-02' })).body.map).toEqual({ status: 'afgerond', datum: '2024-02-02' });
    });
  });

  describe('4. verleng-inburgeringstermijn by its ground', () => {
    it('aanzienlijke-inspanningen: another length than 6 months or another route is 422; exactly 6 months is accepted', async () => {
      const b1 = await inUitvoering('b1', '2024-02-01'); // eind 2027-02-02
      const anders = await client.actie(b1, 'verleng-inburgeringstermijn', { datum: '2026-11-01', nieuweEinddatum: '2027-11-02', grond: 'aanzienlijke-inspanningen' }, 422);
      expect(anders.body.detail).toMatch(/precies 6 maanden.*2027-08-02/);
      const zes = await client.actie(b1, 'verleng-inburgeringstermijn', { datum: '2026-11-01', nieuweEinddatum: '2027-08-02', grond: 'aanzienlijke-inspanningen' });
      expect(zes.body.inburgeringstermijn).toEqual({ start: '2024-02-02', eind: '2027-08-02' });

      const z = await inUitvoering('z-route', '2024-02-01');
      const route = await client.actie(z, 'verleng-inburgeringstermijn', { datum: '2026-11-01', nieuweEinddatum: '2027-08-02', grond: 'aanzienlijke-inspanningen' }, 422);
      expect(route.body.detail).toMatch(/alleen op de B1-route/);
      const a = await client.actie(z, 'verleng-inburgeringstermijn', { datum: '2026-11-01', nieuweEinddatum: '2027-12-01', grond: 'niet-verwijtbaar' });
      expect(a.body.inburgeringstermijn.eind).toBe('2027-12-01');
    });

    it('DUO recorded late: a decision dated after the extended end is accepted with its actual dates', async () => {
      const id = await inUitvoering('b1', '2022-03-01'); // eind 2025-03-02
      const laat = await client.actie(id, 'verleng-inburgeringstermijn', { datum: '2025-10-01', nieuweEinddatum: '2025-09-02', grond: 'aanzienlijke-inspanningen' });
      expect(laat.body.inburgeringstermijn).toEqual({ start: '2022-03-02', eind: '2025-09-02' });
      const event = (await client.gebeurtenissen(id)).find((e) => e.type === 'InburgeringstermijnVerlengd');
      expect(event).toMatchObject({ type: 'InburgeringstermijnVerlengd', datum: '2025-10-01', data: { datum: '2025-10-01', nieuweEinddatum: '2025-09-02', vorigeEinddatum: '2025-03-02' } });
    });
  });

  describe('6. the fields a rule requires are named: detail, ontbrekendeVelden, OpenAPI', () => {
    it('wijzig-leerroute after 18 months as bijzonder geval without afwijkingOnderbouwing: 422 naming it', async () => {
      const id = await inUitvoering('b1', '2024-02-01'); // 18 months: 2025-08-02
      const res = await client.actie(id, 'wijzig-leerroute', { datum: '2025-09-01', naar: 'z-route', reden: 'ziekte', bijzonderGeval: true }, 422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 422, fase: 'uitvoering', ontbrekendeVelden: ['afwijkingOnderbouwing'] });
      expect(res.body.detail).toMatch(/afwijkingOnderbouwing/);
      await client.actie(id, 'wijzig-leerroute', { datum: '2025-09-01', naar: 'z-route', reden: 'ziekte', bijzonderGeval: true, afwijkingOnderbouwing: 'opname' });
      const wissel = (await client.gebeurtenissen(id)).find((e) => e.type === 'LeerrouteGewijzigd');
      expect(wissel).toMatchObject({ schemaVersion: 2, data: { bijzonderGeval: true, afwijkingOnderbouwing: 'opname' } });
    });

    it('stel-pip-vast on the onderwijsroute at 30 without afwijkingOnderbouwing: 422 naming it', async () => {
      const id = await inUitvoering('onderwijsroute', '2024-02-01', { geboortedatum: '1994-01-01' });
      const body = { datum: '2024-02-01', leerroute: 'onderwijsroute', voortgangsgesprekken: 2, participatieactiviteiten: [] };
      const res = await client.actie(id, 'stel-pip-vast', body, 422);
      expect(res.body).toMatchObject({ ontbrekendeVelden: ['afwijkingOnderbouwing'], detail: expect.stringMatching(/Awb art\. 4:84.*afwijkingOnderbouwing/) });
      await client.actie(id, 'stel-pip-vast', { ...body, afwijkingOnderbouwing: 'vwo-diploma, toegelaten tot hbo' });
    });

    it('a 422 for a rule that needs no field carries no ontbrekendeVelden', async () => {
      const id = await inUitvoering('b1', '2024-02-01');
      const res = await client.actie(id, 'wijzig-leerroute', { datum: '2024-06-01', naar: 'b1', reden: 'x' }, 422);
      expect(res.body).not.toHaveProperty('ontbrekendeVelden');
    });

    it('the OpenAPI document describes the required fields per action, with examples, and stays valid', async () => {
      const doc = (await client.http().get('/api/v1/openapi.json').expect(200)).body;
      const schemas = doc.components.schemas;
      expect(schemas.WijzigLeerrouteDto.description).toMatch(/bijzonderGeval true én afwijkingOnderbouwing/);
      expect(schemas.WijzigLeerrouteDto.properties.afwijkingOnderbouwing).toMatchObject({ description: expect.stringMatching(/bijzonderGeval/), example: expect.any(String) });
      expect(schemas.StelPipVastDto.description).toMatch(/ouder dan 27.*afwijkingOnderbouwing.*ontbrekendeVelden/);
      expect(schemas.VerlengInburgeringstermijnDto.description).toMatch(/precies 6 maanden.*B1-route/);
      expect(schemas.RegistreerVrijstellingDto.properties.onderdelen).toMatchObject({ type: 'array', example: ['lezen', 'luisteren'] });
      // A whole example body per action schema, showing the field the rule requires.
      expect(schemas.WijzigLeerrouteDto.example).toMatchObject({ bijzonderGeval: true, afwijkingOnderbouwing: expect.any(String) });
      expect(schemas.StelPipVastDto.example).toMatchObject({ leerroute: 'onderwijsroute', afwijkingOnderbouwing: expect.any(String) });
      expect(schemas.VerlengInburgeringstermijnDto.example).toMatchObject({ grond: 'aanzienlijke-inspanningen', nieuweEinddatum: '2027-09-15' });
      expect(schemas.RegistreerOntheffingDto.example).toMatchObject({ volledig: false, onderdelen: ['participatie'] });
      await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    });
  });
});
