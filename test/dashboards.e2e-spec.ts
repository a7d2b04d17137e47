import { INestApplication } from '@nestjs/common';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ProjectionRunner } from '../src/projections/runner';
import { authHeaders } from './support/auth';
import { TrajectClient } from './support/traject-client';

// Twenty-one whole cases over HTTP, then the dashboards: more than Jest's default 5 s.
jest.setTimeout(60_000);

/**
 * A hand-built caseload, today 2025-02-01, year under test 2024 (ambities.md). Key: S screening (asielstatushouders),
 * Z z-route, B b1, O onderwijsroute, W bijstand, V inburgeringstermijn ending in 2024, OT the ondertussen-groep.
 */
describe('dashboards over HTTP: a hand-built caseload', () => {
  let app: INestApplication;
  let client: TrajectClient;
  let teamleider: Record<string, string>;
  const ids: Record<string, string> = {};
  const idsVan = (...namen: string[]) => namen.map((n) => ids[n]).sort();

  const registreer = async (naam: string, { geslacht = 'man', geboortedatum = '1985-06-15', ...body }: Record<string, unknown>) => {
    ids[naam] = (await client.registreer({
      soort: 'inburgering', doelgroep: 'gezinsmigrant', consulent: 'kim', persoon: { naam: `Persoon ${naam}`, geboortedatum, geslacht }, ...body,
    })).body.id;
    return ids[naam];
  };
  const actie = (naam: string, a: string, body: Record<string, unknown>) => client.actie(ids[naam], a, body);
  /** Gezinsmigrant with melding DUO on the registration date; intake; PIP. */
  const totPip = async (naam: string, reg: string, intake: string, pip: string, leerroute: string, extra: Record<string, unknown> = {}) => {
    // Registered in the BRP on the same day: from 2023 the PIP clock waits for the BRP registration (Besluit art. 5.3).
    await registreer(naam, { datum: reg, datumMeldingDuo: reg, datumInschrijvingBrp: reg, ...extra });
    await actie(naam, 'start-brede-intake', { datum: intake });
    await actie(naam, 'registreer-leerbaarheidstoets', { datum: intake, adviesNiveau: 'B1', adviesLeerroute: leerroute });
    await actie(naam, 'rond-brede-intake-af', { datum: intake, bevindingen: { opleiding: 'mbo', werkervaring: 'x', gezondheid: 'goed', kinderenVve: 'n.v.t.' } });
    await actie(naam, 'stel-pip-vast', { datum: pip, leerroute, voortgangsgesprekken: 2, participatieactiviteiten: ['werkervaringsplek'] });
  };
  const activiteit = async (naam: string, start: string, eind?: string) => {
    await actie(naam, 'start-participatieactiviteit', { datum: start, activiteitId: `${naam}-1`, soort: 'werkervaringsplek', categorie: 'arbeid', aanbieder: 'Weener XL' });
    if (eind) await actie(naam, 'rond-participatieactiviteit-af', { datum: eind, activiteitId: `${naam}-1`, resultaat: 'afgerond' });
  };
  const asiel = (naam: string, koppeling: string, reg: string) =>
    registreer(naam, { doelgroep: 'asielstatushouder', datum: reg, datumKoppeling: koppeling, consulent: 'sanne' });
  const bijstand = (naam: string, reg: string, geslacht: string, ingang: string) =>
    registreer(naam, { datum: reg, consulent: 'willem', geslacht }).then(() => actie(naam, 'registreer-bijstand', { ingangsdatum: ingang }));

  const get = (path: string, headers = teamleider) => client.http().get(path).set(headers);
  const gereed = async () => {
    for (const start = Date.now(); Date.now() - start < 10_000; await new Promise((r) => setTimeout(r, 25))) {
      if ((await client.http().get('/ready')).status === 200) return;
    }
    throw new Error('projecties niet bijgewerkt');
  };
  const ambities = async (query: string) => {
    const res = await get(`/api/v1/dashboards/ambities?${query}`);
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.ambities.map((a: { nummer: number }) => [a.nummer, a])) as Record<number, any>;
  };
  const cijfer = (a: any) => ({ teller: a.teller, noemer: a.noemer, percentage: a.percentage, gehaald: a.gehaald });

  beforeAll(async () => {
    ({ app, client } = await TrajectClient.start('2025-02-01T10:00:00Z'));
    teamleider = await authHeaders('teamleider', 'tessa');

    // Ambition 1: koppeling in 2024 → S1 on day 70 (on time), S2 on day 71, S3 not yet; S4's koppeling is in 2023.
    await asiel('S1', '2024-01-10', '2024-01-12');
    await actie('S1', 'registreer-screening', { datum: '2024-03-20' });
    await asiel('S2', '2024-02-01', '2024-02-05');
    await actie('S2', 'registreer-screening', { datum: '2024-04-12' });
    await asiel('S3', '2024-11-15', '2024-11-20');
    await asiel('S4', '2023-12-20', '2023-12-22');
    await actie('S4', 'registreer-screening', { datum: '2024-01-05' });

    // Ambition 2 (z-route): Z1's activity straddles New Year; Z2 does nothing; Z3 ended within 2024; Z4 ended in 2023.
    await totPip('Z1', '2023-09-01', '2023-09-15', '2023-10-15', 'z-route');
    await activiteit('Z1', '2023-11-01', '2024-01-15');
    await totPip('Z2', '2024-01-10', '2024-02-01', '2024-03-01', 'z-route');
    await totPip('Z3', '2024-01-15', '2024-02-01', '2024-04-01', 'z-route');
    await activiteit('Z3', '2024-04-15');
    await actie('Z3', 'beeindig-traject', { datum: '2024-06-30', reden: 'verhuisd' });
    await totPip('Z4', '2023-01-10', '2023-02-01', '2023-03-01', 'z-route');
    await activiteit('Z4', '2023-04-01');
    await actie('Z4', 'beeindig-traject', { datum: '2023-12-31', reden: 'verhuisd' });

    // Ambition 3 (b1): B2's activity ended in 2023; B3 changed to the z-route in 2025, so held b1 on 31-12-2024.
    await totPip('B1', '2024-02-01', '2024-02-15', '2024-03-15', 'b1');
    await activiteit('B1', '2024-05-01', '2024-08-01');
    await totPip('B2', '2023-03-01', '2023-03-15', '2023-04-15', 'b1');
    await activiteit('B2', '2023-05-01', '2023-12-31');
    await totPip('B3', '2024-03-01', '2024-03-10', '2024-04-01', 'b1');
    await activiteit('B3', '2024-06-01');
    await actie('B3', 'wijzig-leerroute', { datum: '2025-01-10', naar: 'z-route', reden: 'te zwaar' });
    // Inburgeringstermijn ending in 2024: V1 voldaan on 2024-01-20 (ended within 2024, b1, participating), V2 not.
    await totPip('V1', '2021-01-10', '2021-01-20', '2021-02-01', 'b1');
    await activiteit('V1', '2023-12-01', '2024-01-10');
    await actie('V1', 'rond-pvt-af', { datum: '2021-06-01' });
    await actie('V1', 'rond-map-af', { datum: '2021-09-01' });
    for (const onderdeel of ['lezen', 'luisteren', 'schrijven', 'spreken']) {
      await actie('V1', 'registreer-examenresultaat', { datum: '2023-06-01', onderdeel, niveau: 'B1', behaald: true });
    }
    await actie('V1', 'registreer-examenresultaat', { datum: '2023-06-01', onderdeel: 'knm', behaald: true });
    await actie('V1', 'rond-inburgering-af', { datum: '2024-01-20' });
    await totPip('V2', '2021-03-01', '2021-03-10', '2021-04-01', 'b1');

    // Ambition 4 (onderwijsroute): both PIPs in H2 2024, so H1 has no denominator.
    await totPip('O1', '2024-05-01', '2024-05-15', '2024-08-01', 'onderwijsroute', { geboortedatum: '2000-05-05' });
    await activiteit('O1', '2024-09-01');
    await totPip('O2', '2024-06-01', '2024-06-10', '2024-07-15', 'onderwijsroute', { geboortedatum: '2000-05-05' });

    // Ambitions 5 and 6 (bijstand): W2's bijstand ended the year before; W3's on 1-1-2024; W5 ended in 2023.
    await bijstand('W1', '2024-01-20', 'vrouw', '2024-02-01');
    await activiteit('W1', '2024-03-01');
    await actie('W1', 'registreer-uitstroom', { datum: '2024-09-01', soort: 'betaald-werk' });
    await bijstand('W2', '2023-02-01', 'vrouw', '2023-03-01');
    await actie('W2', 'beeindig-bijstand', { datum: '2023-12-31' });
    await activiteit('W2', '2024-02-01');
    await actie('W2', 'registreer-uitstroom', { datum: '2024-03-01', soort: 'onderwijs' });
    await bijstand('W3', '2023-05-01', 'man', '2023-06-01');
    await actie('W3', 'registreer-uitstroom', { datum: '2023-12-15', soort: 'betaald-werk' });
    await actie('W3', 'beeindig-bijstand', { datum: '2024-01-01' });
    await bijstand('W4', '2024-04-01', 'vrouw', '2024-05-01');
    await bijstand('W5', '2023-01-05', 'vrouw', '2023-02-01');
    await actie('W5', 'beeindig-traject', { datum: '2023-11-30', reden: 'vertrokken' });

    ids.OT1 = (await client.registreer({
      soort: 'ondertussen', doelgroep: 'asielstatushouder', datum: '2024-03-01', persoon: { naam: 'Persoon OT1', geboortedatum: '1980-01-01', geslacht: 'man' },
    })).body.id;
    await actie('OT1', 'registreer-adviesgesprek', { datum: '2024-03-10', advies: 'taalcafé' });
    await gereed();
  });
  afterAll(() => app.close());

  describe('the six ambitions for 2024', () => {
    it('1: screening within 10 weeks: 1 of 3 (day 70 is on time, day 71 not, none yet is not)', async () => {
      const a = await ambities('jaar=2024&detail=true');
      expect(a[1]).toMatchObject({ nummer: 1, teller: 1, noemer: 3, percentage: 33.3, doel: 100, gehaald: false });
      expect(a[1].detail).toEqual({ teller: idsVan('S1'), noemer: idsVan('S1', 'S2', 'S3') });
      expect(cijfer((await ambities('jaar=2023'))[1])).toEqual({ teller: 1, noemer: 1, percentage: 100, gehaald: true });
    });

    it('2: z-route: 2 of 3, counting the trajectory ended within the year and the activity across New Year', async () => {
      const a = await ambities('jaar=2024&detail=true');
      expect(a[2]).toMatchObject({ teller: 2, noemer: 3, percentage: 66.7, doel: 70, gehaald: false });
      expect(a[2].detail).toEqual({ teller: idsVan('Z1', 'Z3'), noemer: idsVan('Z1', 'Z2', 'Z3') });
      // The activity from 2023-11-01 to 2024-01-15 counts in 2023 as well; Z4 ended on 31-12-2023, still active in 2023.
      expect(cijfer((await ambities('jaar=2023'))[2])).toEqual({ teller: 2, noemer: 2, percentage: 100, gehaald: true });
    });

    it('3: b1: 3 of 5 = exactly the 60% target; a route changed in 2025 still counts as b1 in 2024', async () => {
      const a = await ambities('jaar=2024&detail=true');
      expect(a[3]).toMatchObject({ teller: 3, noemer: 5, percentage: 60, doel: 60, gehaald: true });
      expect(a[3].detail).toEqual({ teller: idsVan('B1', 'B3', 'V1'), noemer: idsVan('B1', 'B2', 'B3', 'V1', 'V2') });
    });

    it('4: onderwijsroute: 1 of 2; in H1 no one held it yet, so the percentage is null', async () => {
      expect(cijfer((await ambities('jaar=2024'))[4])).toEqual({ teller: 1, noemer: 2, percentage: 50, gehaald: true });
      expect(cijfer((await ambities('jaar=2024&halfjaar=1'))[4])).toEqual({ teller: 0, noemer: 0, percentage: null, gehaald: null });
      expect(cijfer((await ambities('jaar=2024&halfjaar=2'))[4])).toEqual({ teller: 1, noemer: 2, percentage: 50, gehaald: true });
    });

    it('5: uitstroom of those on bijstand: 1 of 3; a bijstand that ended the year before does not count', async () => {
      const a = await ambities('jaar=2024&detail=true');
      expect(a[5]).toMatchObject({ teller: 1, noemer: 3, percentage: 33.3, doel: 45, gehaald: false });
      expect(a[5].detail).toEqual({ teller: idsVan('W1'), noemer: idsVan('W1', 'W3', 'W4') });
      expect(cijfer((await ambities('jaar=2024&halfjaar=1'))[5])).toEqual({ teller: 0, noemer: 3, percentage: 0, gehaald: false });
      expect(cijfer((await ambities('jaar=2024&halfjaar=2'))[5])).toEqual({ teller: 1, noemer: 2, percentage: 50, gehaald: true });
    });

    it('6: women on bijstand participating: 1 of 2', async () => {
      const a = await ambities('jaar=2024&detail=true');
      expect(a[6]).toMatchObject({ teller: 1, noemer: 2, percentage: 50, doel: 70, gehaald: false });
      expect(a[6].detail).toEqual({ teller: idsVan('W1'), noemer: idsVan('W1', 'W4') });
    });

    it('names the period, carries a trend per year from the first registration, and lists ids only on request', async () => {
      const res = await get('/api/v1/dashboards/ambities?jaar=2024&halfjaar=2');
      expect(res.body).toMatchObject({ jaar: 2024, halfjaar: 2, van: '2024-07-01', tot: '2024-12-31' });
      expect(res.body.ambities.map((a: any) => a.nummer)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(res.body.ambities[0].detail).toBeUndefined();
      expect(res.body.ambities[1].trend.map((t: any) => [t.jaar, t.teller, t.noemer, t.percentage])).toEqual([
        [2021, 0, 0, null], [2022, 0, 0, null], [2023, 2, 2, 100], [2024, 2, 3, 66.7],
      ]);
    });

    it('400 on a bad period; teamleider only', async () => {
      for (const q of ['jaar=twintig', 'jaar=2024&halfjaar=3', 'jaar=2024&detail=ja', 'jaar=2024&kwartaal=1']) {
        expect((await get(`/api/v1/dashboards/ambities?${q}`)).status).toBe(400);
      }
      expect((await get('/api/v1/dashboards/ambities?jaar=2024', client.headers)).status).toBe(403);
    });
  });

  describe('the national indicators for 2024', () => {
    it('PIP on time, brede intake, route distribution and obligation met', async () => {
      const res = await get('/api/v1/dashboards/indicatoren?jaar=2024&detail=true');
      expect(res.status).toBe(200);
      const i = res.body.indicatoren;
      // PIPs in 2024: Z2, B1, B3, O2 on time; Z3 (last day 2024-03-25) and O1 (2024-07-10) late.
      expect(i.pipOpTijd).toMatchObject({ teller: 4, noemer: 6, percentage: 66.7 });
      expect(i.pipOpTijd.detail.noemer).toEqual(idsVan('Z2', 'Z3', 'B1', 'B3', 'O1', 'O2'));
      expect(i.pipOpTijd.detail.teller).toEqual(idsVan('Z2', 'B1', 'B3', 'O2'));
      // Registered in 2024: S1-3, Z2, Z3, B1, B3, O1, O2, W1, W4 (inburgering only); six started a brede intake.
      expect(i.bredeIntakeGestart).toMatchObject({ teller: 6, noemer: 11, percentage: 54.5 });
      expect(i.routeverdeling).toMatchObject({ totaal: 6, perLeerroute: { b1: 2, onderwijsroute: 2, 'z-route': 2 } });
      expect(i.inburgeringsplichtVoldaan).toMatchObject({ teller: 1, noemer: 2, percentage: 50, detail: { teller: idsVan('V1'), noemer: idsVan('V1', 'V2') } });
    });
  });

  describe('the trajectory list', () => {
    const lijst = async (query: string) => {
      const res = await client.get(`/api/v1/trajecten?${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    it('filters by fase, consulent, leerroute, soort and doelgroep', async () => {
      expect((await lijst('fase=uitvoering')).totaal).toBe(8);
      expect((await lijst('consulent=kim')).totaal).toBe(11);
      expect((await lijst('leerroute=z-route')).items.map((t: any) => t.id).sort()).toEqual(idsVan('Z1', 'Z2', 'Z3', 'Z4', 'B3'));
      expect((await lijst('soort=ondertussen')).items).toEqual([expect.objectContaining({ id: ids.OT1, fase: 'begeleiding', consulent: null })]);
      expect((await lijst('doelgroep=asielstatushouder&soort=inburgering')).totaal).toBe(4);
      expect((await lijst('fase=beeindigd&consulent=kim')).items.map((t: any) => t.id).sort()).toEqual(idsVan('Z3', 'Z4'));
    });

    it('shows what a case worker needs, newest registration first', async () => {
      const { items } = await lijst('paginaGrootte=1');
      expect(items[0]).toEqual({
        id: ids.S3, soort: 'inburgering', doelgroep: 'asielstatushouder', naam: 'Persoon S3', geslacht: 'man', consulent: 'sanne',
        // Revision 2: the registration and its deadline facts (screening, AOW age).
        fase: 'aangemeld', leerroute: null, datumRegistratie: '2024-11-20', datumEinde: null, revisie: 2,
      });
      expect((await lijst('fase=voldaan')).items).toEqual([expect.objectContaining({ id: ids.V1, leerroute: 'b1', datumEinde: '2024-01-20' })]);
    });

    it('pages: 1-based, at most 100, every trajectory exactly once', async () => {
      const gezien: string[] = [];
      for (let pagina = 1; pagina <= 5; pagina++) {
        const body = await lijst(`pagina=${pagina}&paginaGrootte=5`);
        expect(body).toMatchObject({ pagina, paginaGrootte: 5, totaal: 21 });
        expect(body.items).toHaveLength(pagina < 5 ? 5 : 1);
        gezien.push(...body.items.map((t: any) => t.id));
      }
      expect(gezien.sort()).toEqual(Object.values(ids).sort());
      expect((await lijst('pagina=6&paginaGrootte=5')).items).toEqual([]);
      expect(await lijst('')).toMatchObject({ pagina: 1, paginaGrootte: 25, totaal: 21 });
      for (const q of ['paginaGrootte=101', 'pagina=0', 'fase=klaar', 'leerroute=a2', 'sortering=naam']) {
        expect((await client.get(`/api/v1/trajecten?${q}`)).status).toBe(400);
      }
    });
  });

  describe('deadlines', () => {
    it('running ones soonest first, exceeded ones longest exceeded first, as each case view says', async () => {
      const res = await client.get('/api/v1/dashboards/termijnen');
      expect(res.status).toBe(200);
      expect(res.body.peildatum).toBe('2025-02-01');
      const kort = (t: any) => [Object.keys(ids).find((k) => ids[k] === t.trajectId), t.soort, t.laatsteDag];
      // Every open trajectory also runs toward its AOW age (Wi art. 3 lid 1), decades from now.
      const aow = res.body.lopend.filter((t: any) => t.soort === 'aow');
      expect(aow.length).toBeGreaterThan(0);
      expect(aow[0]).toMatchObject({ soort: 'aow', eind: expect.any(String), status: 'lopend' });
      expect(res.body.lopend.filter((t: any) => t.soort !== 'aow').map(kort)).toEqual([
        ['B2', 'inburgeringstermijn', '2026-04-15'], ['Z1', 'inburgeringstermijn', '2026-10-15'], ['Z2', 'inburgeringstermijn', '2027-03-01'],
        ['B1', 'inburgeringstermijn', '2027-03-15'], ['B3', 'inburgeringstermijn', '2027-04-01'], ['O2', 'inburgeringstermijn', '2027-07-15'],
        ['O1', 'inburgeringstermijn', '2027-08-01'],
      ]);
      expect(res.body.verstreken.map(kort)).toEqual([
        ['Z3', 'pip', '2024-03-25'], ['V2', 'inburgeringstermijn', '2024-04-01'], ['S2', 'screening', '2024-04-11'],
        ['O1', 'pip', '2024-07-10'], ['S3', 'screening', '2025-01-24'],
      ]);
      expect(res.body.lopend[0]).toEqual({
        trajectId: ids.B2, soort: 'inburgeringstermijn', eind: '2026-04-16', laatsteDag: '2026-04-15', status: 'lopend', dagenTotLaatsteDag: 438,
        naam: 'Persoon B2', consulent: 'kim', doelgroep: 'gezinsmigrant', fase: 'uitvoering',
      });
      expect(res.body.verstreken[4]).toMatchObject({ uiterlijk: '2025-01-24', dagenTotLaatsteDag: -8 });
      for (const t of [...res.body.lopend, ...res.body.verstreken]) {
        expect((await client.view(t.trajectId)).termijnen[t.soort].status).toBe(t.status);
      }
    });

    it('filters by kind, consulent and days left; 400 on bad input', async () => {
      const screening = (await client.get('/api/v1/dashboards/termijnen?soort=screening&consulent=sanne')).body;
      expect(screening.lopend).toEqual([]);
      expect(screening.verstreken.map((t: any) => t.trajectId)).toEqual([ids.S2, ids.S3]);
      const binnen = (await client.get('/api/v1/dashboards/termijnen?binnenDagen=500')).body;
      expect(binnen.lopend.map((t: any) => t.trajectId)).toEqual([ids.B2]);
      expect(binnen.verstreken).toHaveLength(5);
      expect((await client.get('/api/v1/dashboards/termijnen?binnenDagen=0')).body.lopend).toEqual([]);
      for (const q of ['soort=intake', 'binnenDagen=-1', 'binnenDagen=veel']) {
        expect((await client.get(`/api/v1/dashboards/termijnen?${q}`)).status).toBe(400);
      }
    });
  });

  it('caseload: open trajectories per consulent, fase and leerroute', async () => {
    const res = await get('/api/v1/dashboards/caseload');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      totaal: 17,
      perFase: { aangemeld: 8, uitvoering: 8, begeleiding: 1 },
      perLeerroute: { geen: 9, b1: 3, 'z-route': 3, onderwijsroute: 2 },
    });
    expect(res.body.perConsulent).toEqual([
      { consulent: 'kim', totaal: 8, perFase: { uitvoering: 8 }, perLeerroute: { b1: 3, onderwijsroute: 2, 'z-route': 3 } },
      { consulent: 'sanne', totaal: 4, perFase: { aangemeld: 4 }, perLeerroute: { geen: 4 } },
      { consulent: 'willem', totaal: 4, perFase: { aangemeld: 4 }, perLeerroute: { geen: 4 } },
      { consulent: null, totaal: 1, perFase: { begeleiding: 1 }, perLeerroute: { geen: 1 } },
    ]);
    expect((await get('/api/v1/dashboards/caseload?soort=ondertussen')).body.totaal).toBe(1);
    expect((await get('/api/v1/dashboards/caseload', client.headers)).status).toBe(403);
  });

  it('rebuilding every projection from 0 gives the same dashboards', async () => {
    const paden = ['/api/v1/dashboards/ambities?jaar=2024&detail=true', '/api/v1/dashboards/indicatoren?jaar=2024&detail=true',
      '/api/v1/dashboards/caseload', '/api/v1/dashboards/termijnen', '/api/v1/trajecten?paginaGrootte=100'];
    const lees = async () => Promise.all(paden.map(async (p) => {
      const { positie, ...rest } = (await get(p)).body;
      return rest;
    }));
    const voor = await lees();
    const runner = app.get(ProjectionRunner);
    for (const p of runner.projections) await runner.rebuild(p);
    expect(await lees()).toEqual(voor);
  });

  it('updates: a Server-Sent Event names the projection and its position after a command', async () => {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const berichten: { projection: string; position: number }[] = [];
    let req: http.ClientRequest | undefined;
    try {
      const eerste = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('geen bericht binnen 5 s')), 5000);
        req = http.get(`http://127.0.0.1:${port}/api/v1/dashboards/updates`, { headers: teamleider }, (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            const lines = buffer.split('\n');
            buffer = lines.pop()!;
            for (const line of lines) if (line.startsWith('data:')) berichten.push(JSON.parse(line.slice(5)));
            if (berichten.some((b) => b.projection === 'trajecten')) {
              clearTimeout(timer);
              resolve();
            }
          });
          // Headers are in: the subscription is live, now change something.
          actie('W4', 'registreer-uitstroom', { datum: '2025-01-15', soort: 'vrijwilligerswerk' }).catch(reject);
        });
        req.on('error', reject);
      });
      await eerste;
    } finally {
      req?.destroy();
    }
    // The message carries the position of the event the command appended (or a later one).
    const laatste = (await client.gebeurtenissen(ids.W4)).at(-1) as unknown as { type: string; positie: number };
    expect(laatste.type).toBe('UitstroomGeregistreerd');
    const trajecten = berichten.filter((b) => b.projection === 'trajecten');
    expect(trajecten.at(-1)!.position).toBeGreaterThanOrEqual(laatste.positie);
    for (const b of berichten) expect(b).toEqual({ projection: expect.any(String), position: expect.any(Number) });
  });
});
