import { INestApplication } from '@nestjs/common';
import { TrajectClient } from './support/traject-client';

/** Whole lives through HTTP, as a case worker would walk them. */
describe('trajectories over HTTP: three whole lives', () => {
  let app: INestApplication;
  let client: TrajectClient;

  beforeAll(async () => ({ app, client } = await TrajectClient.start()));
  afterAll(() => app.close());

  const intake = async (id: string, start: string, leerroute: string) => {
    await client.actie(id, 'start-brede-intake', { datum: start });
    await client.actie(id, 'registreer-leerbaarheidstoets', { datum: start, adviesNiveau: 'B1', adviesLeerroute: leerroute });
    await client.actie(id, 'rond-brede-intake-af', {
      datum: start, bevindingen: { opleiding: 'havo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' },
    });
  };
  const examens = async (id: string, datum: string) => {
    for (const onderdeel of ['lezen', 'luisteren', 'schrijven', 'spreken']) {
      await client.actie(id, 'registreer-examenresultaat', { datum, onderdeel, niveau: 'B1', behaald: true });
    }
    await client.actie(id, 'registreer-examenresultaat', { datum, onderdeel: 'knm', behaald: true });
  };

  it('an asielstatushouder on the B1-route goes from koppeling to voldaan', async () => {
    const reg = await client.registreer({
      soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2024-01-15', datumKoppeling: '2024-01-10', datumMeldingDuo: '2024-01-15',
      persoon: { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw', bsn: '111222333' }, consulent: 'kim',
    });
    const id = reg.body.id;
    expect(reg.headers.location).toBe(`/api/v1/trajecten/${id}`);
    // Revision 2: the registration and the deadlines it set (screening, aow) in one append.
    expect(reg.headers.etag).toBe('"2"');
    expect(reg.body).toMatchObject({ fase: 'aangemeld', revisie: 2, termijnen: { screening: { uiterlijk: '2024-03-20' } } });
    expect(reg.body.toegestaneActies).toContain('start-brede-intake');
    expect(reg.body.toegestaneActies).not.toContain('stel-pip-vast');

    await client.actie(id, 'registreer-screening', { datum: '2024-02-20', bevindingen: 'ervaring in de zorg' });
    await client.actie(id, 'registreer-inschrijving-brp', { datum: '2024-03-01' });
    const bijstand = await client.actie(id, 'registreer-bijstand', { ingangsdatum: '2024-03-01' });
    expect(bijstand.body).toMatchObject({ uitkeringsgerechtigd: true, ontzorging: { tot: '2024-09-01', actief: true } });
    await intake(id, '2024-03-10', 'b1');
    const pip = await client.actie(id, 'stel-pip-vast', {
      datum: '2024-04-01', leerroute: 'b1', voortgangsgesprekken: 4, participatieactiviteiten: ['werkervaringsplek'],
    });
    expect(pip.body).toMatchObject({
      fase: 'uitvoering', inburgeringstermijn: { start: '2024-04-02', eind: '2027-04-02' },
      status: { uitvoering: { leerroute: { b1: 'bezig' }, pvt: 'open', map: 'open', ontzorging: 'actief' } },
      termijnen: { screening: { status: 'gehaald' }, pip: { uiterlijk: '2024-05-10', status: 'gehaald' } },
    });
    await client.actie(id, 'start-participatieactiviteit', {
      datum: '2024-04-15', activiteitId: 'wep-1', soort: 'werkervaringsplek', categorie: 'arbeid', aanbieder: 'Weener XL',
    });
    await client.actie(id, 'registreer-uren', { datum: '2024-06-30', soort: 'nt2', uren: 320, periode: { van: '2024-04-02', tot: '2024-06-30' } });
    await client.actie(id, 'registreer-uren', { datum: '2024-06-30', soort: 'pvt', uren: 12 });
    await client.actie(id, 'rond-pvt-af', { datum: '2024-06-20' });
    await client.actie(id, 'rond-map-af', { datum: '2024-10-01' });
    await client.actie(id, 'registreer-voortgangsgesprek', { datum: '2024-10-02', verslag: 'goede voortgang' });
    await examens(id, '2025-03-01');
    await client.actie(id, 'rond-participatieactiviteit-af', { datum: '2025-03-31', activiteitId: 'wep-1', resultaat: 'contract aangeboden' });
    await client.actie(id, 'registreer-uitstroom', { datum: '2025-04-01', soort: 'betaald-werk' });
    const af = await client.actie(id, 'rond-inburgering-af', { datum: '2025-04-15' });
    expect(af.body).toMatchObject({ fase: 'voldaan', status: 'voldaan', toegestaneActies: [], termijnen: { inburgeringstermijn: { status: 'gehaald' } } });
    expect(af.body.uitstroom).toEqual([{ datum: '2025-04-01', soort: 'betaald-werk' }]);

    const refused = await client.actie(id, 'registreer-uitstroom', { datum: '2025-05-01', soort: 'onderwijs' }, 422);
    expect(refused.body).toMatchObject({ fase: 'voldaan', toegestaneActies: [] });
    const types = (await client.gebeurtenissen(id)).map((e) => e.type);
    expect(types).toContain('OntzorgingGestart');
    expect(types.at(-1)).toBe('InburgeringsplichtVoldaan');
  });

  it('a gezinsmigrant on the Z-route: no ontzorging, 800 course hours before rond-zroute-af', async () => {
    const { body } = await client.registreer({
      soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2023-06-01', datumMeldingDuo: '2023-06-01', datumInschrijvingBrp: '2023-05-01',
      persoon: { naam: 'Li Wei', geboortedatum: '1970-09-09', geslacht: 'man' },
    });
    const id = body.id;
    expect(body.termijnen).toEqual({ pip: { uiterlijk: '2023-08-10', status: 'verstreken', opgeschort: false }, aow: { eind: expect.any(String), status: 'lopend' } });
    const bijstand = await client.actie(id, 'registreer-bijstand', { ingangsdatum: '2023-06-10' });
    expect(bijstand.body).toMatchObject({ uitkeringsgerechtigd: true, ontzorging: null });
    const weigering = await client.actie(id, 'verleng-ontzorging', { datum: '2023-07-01', tot: '2024-06-01', reden: 'x' }, 422);
    expect(weigering.body).toMatchObject({ fase: 'aangemeld', trajectStatus: 'aangemeld' });
    expect(weigering.body.toegestaneActies).not.toContain('verleng-ontzorging');

    await intake(id, '2023-06-15', 'z-route');
    await client.actie(id, 'stel-pip-vast', { datum: '2023-07-01', leerroute: 'z-route', voortgangsgesprekken: 3, participatieactiviteiten: [] });
    await client.actie(id, 'registreer-uren', { datum: '2024-06-01', soort: 'nt2', uren: 650 });
    await client.actie(id, 'registreer-uren', { datum: '2024-06-01', soort: 'knm', uren: 100 });
    const teWeinig = await client.actie(id, 'rond-zroute-af', { datum: '2024-06-02' }, 422);
    expect(teWeinig.body.detail).toMatch(/800.*750 uur/);
    await client.actie(id, 'registreer-uren', { datum: '2024-07-01', soort: 'knm', uren: 50 });
    const z = await client.actie(id, 'rond-zroute-af', { datum: '2024-07-02' });
    expect(z.body.status.uitvoering.leerroute).toEqual({ 'z-route': 'behaald' });
    await client.actie(id, 'rond-pvt-af', { datum: '2024-02-01' });
    await client.actie(id, 'rond-map-af', { datum: '2024-03-01' });
    const af = await client.actie(id, 'rond-inburgering-af', { datum: '2024-07-10' });
    expect(af.body.fase).toBe('voldaan');
  });

  it('an onderwijsroute student under 28: MAP not applicable; a switch to b1 after 18 months is still allowed', async () => {
    const { body } = await client.registreer({
      soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2023-09-01', datumMeldingDuo: '2023-09-01', datumInschrijvingBrp: '2023-09-15',
      persoon: { naam: 'Samir Ahmadi', geboortedatum: '2003-02-14', geslacht: 'man' },
    });
    const id = body.id;
    await intake(id, '2023-10-01', 'onderwijsroute');
    const pip = await client.actie(id, 'stel-pip-vast', {
      datum: '2023-11-01', leerroute: 'onderwijsroute', voortgangsgesprekken: 6, participatieactiviteiten: ['stage'],
    });
    expect(pip.body.status.uitvoering.map).toBe('niet-van-toepassing');
    expect(pip.body.toegestaneActies).not.toContain('rond-map-af');
    const map = await client.actie(id, 'rond-map-af', { datum: '2024-01-01' }, 422);
    expect(map.body).toMatchObject({ fase: 'uitvoering' });

    const naZ = await client.actie(id, 'wijzig-leerroute', { datum: '2025-08-01', naar: 'z-route', reden: 'te zwaar' }, 422);
    expect(naZ.body.detail).toMatch(/18 maanden/);
    const naB1 = await client.actie(id, 'wijzig-leerroute', { datum: '2025-08-01', naar: 'b1', reden: 'liever werken' });
    expect(naB1.body.status.uitvoering).toMatchObject({ leerroute: { b1: 'bezig' }, map: 'open' });
    const types = (await client.gebeurtenissen(id)).slice(-2).map((e) => e.type);
    expect(types).toEqual(['LeerrouteGewijzigd', 'PipGewijzigd']);
  });

  it('an ondertussen case is advised and referred, and refuses stel-pip-vast with 422', async () => {
    const { body } = await client.registreer({
      soort: 'ondertussen', doelgroep: 'asielstatushouder', datum: '2024-02-01',
      persoon: { naam: 'Yonas Tesfaye', geboortedatum: '1985-03-03', geslacht: 'man' },
    });
    const id = body.id;
    expect(body).toMatchObject({ soort: 'ondertussen', fase: 'aangemeld' });
    await client.actie(id, 'registreer-adviesgesprek', { datum: '2024-02-10', advies: 'taalcafé en vrijwilligerswerk' });
    const door = await client.actie(id, 'verwijs-door', { datum: '2024-02-11', partner: 'Bossche Taalnetwerk' });
    expect(door.body).toMatchObject({ fase: 'begeleiding', doorverwijzingen: [{ partner: 'Bossche Taalnetwerk' }] });
    const pip = await client.actie(id, 'stel-pip-vast', {
      datum: '2024-03-01', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [],
    }, 422);
    expect(pip.body).toMatchObject({ fase: 'begeleiding', trajectStatus: 'begeleiding' });
    expect(pip.body.toegestaneActies).toEqual(['registreer-adviesgesprek', 'verwijs-door', 'sluit-begeleiding-af']);
    await client.actie(id, 'sluit-begeleiding-af', { datum: '2024-06-01', reden: 'werk gevonden' });
    expect((await client.view(id)).fase).toBe('afgesloten');
  });
});
