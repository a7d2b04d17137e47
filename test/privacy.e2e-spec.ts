import { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { authHeaders } from './support/auth';
import { TrajectClient } from './support/traject-client';
import { eventually } from './support/eventually';

const NAAM = 'Fatima Zahra El Amrani';
const BSN = '111222333';
/** Everything personal this test writes: none of it may appear anywhere after erasure. */
const GEHEIMEN = [NAAM, 'Fatima', 'Amrani', BSN, '1990-07-14', 'nachtmerries na de vlucht', 'astma', 'zorgt voor twee kinderen', 'oud-collega in Rotterdam'];

// Whole cases over HTTP, and waiting for projections: more than Jest's default 5 s on a slow machine.
jest.setTimeout(30_000);


const expectNoPersonalData = (label: string, body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  for (const secret of GEHEIMEN) {
    if (text.includes(secret)) throw new Error(`${label} bevat nog "${secret}"`);
  }
};

describe('erasure by crypto-shredding over HTTP', () => {
  let app: INestApplication;
  let client: TrajectClient;
  let dir: string;
  let beheerder: Record<string, string>;
  let compliance: Record<string, string>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ie-privacy-e2e-'));
    ({ app, client } = await TrajectClient.start('2026-11-29T10:00:00Z', {
      config: { sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite') },
    }));
    beheerder = await authHeaders('beheerder', 'bram');
    compliance = await authHeaders('compliance', 'carla');
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every trajectory registered here: those not erased rightly keep their name in the trajectory list. */
  const geregistreerd: string[] = [];
  const nieuwTraject = async () => {
    const { body } = await client.registreer({
      soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2025-01-15', datumKoppeling: '2025-01-10', datumMeldingDuo: '2025-01-15',
      persoon: { naam: NAAM, geboortedatum: '1990-07-14', geslacht: 'vrouw', bsn: BSN }, consulent: 'kim',
    });
    await client.actie(body.id, 'registreer-screening', { datum: '2025-02-20', bevindingen: 'nachtmerries na de vlucht' });
    await client.actie(body.id, 'start-brede-intake', { datum: '2025-03-01' });
    await client.actie(body.id, 'registreer-leerbaarheidstoets', { datum: '2025-03-01', adviesNiveau: 'B1', adviesLeerroute: 'b1' });
    await client.actie(body.id, 'rond-brede-intake-af', {
      datum: '2025-03-05', bevindingen: { opleiding: 'mbo', werkervaring: 'oud-collega in Rotterdam', gezondheid: 'astma', kinderenVve: 'zorgt voor twee kinderen' },
    });
    geregistreerd.push(body.id);
    return body.id as string;
  };

  it('keeps personal data out of the event file: it is stored encrypted', async () => {
    const id = await nieuwTraject();
    const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT data FROM ie_events WHERE stream_id = ?').all(`traject-${id}`) as { data: string }[];
    db.close();
    // Five facts and three deadline facts (screening set and met, aow set).
    expect(rows).toHaveLength(8);
    expectNoPersonalData('het eventbestand', rows);
    expect(rows.map((r) => r.data).join()).toContain('$versleuteld');
    // And reads decrypt it.
    expect((await client.view(id)).persoon).toEqual({ naam: NAAM, geboortedatum: '1990-07-14', geslacht: 'vrouw', bsn: BSN });
  });

  it('lets only a beheerder erase, with a reason, known field groups and an existing trajectory', async () => {
    const id = await nieuwTraject();
    const pad = `/api/v1/trajecten/${id}/persoonsgegevens`;
    expect((await client.http().delete(pad).set(client.headers).send({ reden: 'test' })).status).toBe(403);
    expect((await http().delete(pad).set(compliance).send({ reden: 'test' })).status).toBe(403);
    expect((await http().delete(pad).set(beheerder).send({})).status).toBe(400);
    expect((await http().delete(pad).set(beheerder).send({ reden: 'test', veldgroepen: ['adres'] })).status).toBe(400);
    expect((await http().delete('/api/v1/trajecten/00000000-0000-4000-8000-000000000000/persoonsgegevens').set(beheerder).send({ reden: 'test' })).status).toBe(404);
    expect((await client.view(id)).persoon.naam).toBe(NAAM);
  });

  it('after DELETE shows no personal data anywhere, the history still verifies and the case goes on', async () => {
    const id = await nieuwTraject();
    const erase = await http().delete(`/api/v1/trajecten/${id}/persoonsgegevens`).set(beheerder).send({ reden: 'verzoek art. 17 AVG, zaak 2026-042' });
    expect(erase.status).toBe(200);
    expect(erase.body).toMatchObject({
      trajectId: id, veldgroepen: ['persoon', 'vrije-tekst'], sleutelsVernietigd: ['persoon', 'vrije-tekst'],
      reden: 'verzoek art. 17 AVG, zaak 2026-042', gewistDoor: { id: 'bram', rol: 'beheerder' }, gewistOp: '2026-11-29T10:00:00.000Z',
    });
    expect(erase.body.velden).toContain('InburgeraarGeregistreerd.persoon');

    // The view, freshly folded: erased fields are marked, the rest of the case is intact.
    const view = await client.view(id);
    expect(view.persoon).toEqual({ $gewist: true, veldgroep: 'persoon' });
    expect(view.screening).toMatchObject({ datum: '2025-02-20', bevindingen: { $gewist: true, veldgroep: 'vrije-tekst' } });
    expect(view.bredeIntake.bevindingen).toEqual({ $gewist: true, veldgroep: 'vrije-tekst' });
    expect(view).toMatchObject({ fase: 'intake', doelgroep: 'asielstatushouder', revisie: 7 });
    expectNoPersonalData('de view', view);

    const tijdlijn = await client.get(`/api/v1/trajecten/${id}/tijdlijn`);
    expect(tijdlijn.status).toBe(200);
    // Five facts and three deadline facts.
    expect(tijdlijn.body.stappen).toHaveLength(8);
    expectNoPersonalData('de tijdlijn', tijdlijn.body);
    expectNoPersonalData('de gebeurtenissen', await client.gebeurtenissen(id));
    expectNoPersonalData('het auditlog', (await http().get(`/api/v1/audit/gebeurtenissen?traject=${id}`).set(compliance)).body);
    expectNoPersonalData('de hele NDJSON-export', (await http().get('/api/v1/audit/gebeurtenissen').set(compliance).set('Accept', 'application/x-ndjson')).text
      .split('\n').filter((l) => l.includes(id)).join('\n'));
    expectNoPersonalData('de CSV-export', (await http().get(`/api/v1/audit/gebeurtenissen?traject=${id}&formaat=csv`).set(compliance)).text);

    // The erasure is itself an event: who, when, why.
    const log = await http().get(`/api/v1/audit/gebeurtenissen?traject=${id}&type=PersoonsgegevensGewist`).set(compliance);
    expect(log.body.gebeurtenissen).toEqual([expect.objectContaining({
      stream: `privacy-${id}`, actor: { id: 'bram', rol: 'beheerder' },
      data: expect.objectContaining({ trajectId: id, veldgroepen: ['persoon', 'vrije-tekst'], reden: 'verzoek art. 17 AVG, zaak 2026-042' }),
    })]);

    // No read model holds a copy: every table of the projections database, once caught up.
    await eventually(async () => {
      expect((await http().get('/ready')).status).toBe(200);
      const db = new Database(join(dir, 'projections.sqlite'), { readonly: true });
      try {
        const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
        const vanAnderen = (row: unknown) => geregistreerd.some((ander) => ander !== id && JSON.stringify(row).includes(ander));
        for (const t of tables) expectNoPersonalData(`projectietabel ${t}`, db.prepare(`SELECT * FROM "${t}"`).all().filter((r) => !vanAnderen(r)));
      } finally {
        db.close();
      }
    });

    // History remains verifiable: the chain covers the ciphertext, which is untouched.
    const integriteit = await http().get('/api/v1/audit/integriteit').set(compliance);
    expect(integriteit.body.ok).toBe(true);
    expect(integriteit.body.resultaten).toContainEqual(expect.objectContaining({ stream: `traject-${id}`, ok: true, gebeurtenissen: 8 }));

    // The fold still works: actions go on, and new notes are readable (under a new key).
    const onderwijsroute = await client.actie(id, 'stel-pip-vast', {
      datum: '2025-04-01', leerroute: 'onderwijsroute', voortgangsgesprekken: 4, participatieactiviteiten: ['taalondersteuning'],
    }, 422);
    expect(onderwijsroute.body.detail).toMatch(/geboortedatum is gewist/);
    await client.actie(id, 'stel-pip-vast', { datum: '2025-04-01', leerroute: 'b1', voortgangsgesprekken: 4, participatieactiviteiten: ['taalondersteuning'] });
    const verder = await client.actie(id, 'registreer-voortgangsgesprek', { datum: '2025-06-01', verslag: 'gaat goed met de taal' });
    expect(verder.body).toMatchObject({ fase: 'uitvoering', voortgangsgesprekken: [{ datum: '2025-06-01', verslag: 'gaat goed met de taal' }] });
    expect(verder.body.persoon).toEqual({ $gewist: true, veldgroep: 'persoon' });
  });

  it('erases one field group and leaves the other', async () => {
    const id = await nieuwTraject();
    const res = await http().delete(`/api/v1/trajecten/${id}/persoonsgegevens`).set(beheerder).send({ reden: 'notities', veldgroepen: ['vrije-tekst'] });
    expect(res.body).toMatchObject({ veldgroepen: ['vrije-tekst'], sleutelsVernietigd: ['vrije-tekst'] });
    const view = await client.view(id);
    expect(view.persoon.naam).toBe(NAAM);
    expect(view.screening.bevindingen).toEqual({ $gewist: true, veldgroep: 'vrije-tekst' });
  });

  describe('the retention list', () => {
    it('names finished trajectories older than the retention period, with the groups an erasure would destroy', async () => {
      // Finished in 2020: its retention (5 years) has passed on 2026-11-29.
      const oud = (await client.registreer({
        soort: 'ondertussen', doelgroep: 'asielstatushouder', datum: '2019-09-01',
        persoon: { naam: 'Oud Dossier', geboortedatum: '1980-01-01', geslacht: 'man' },
      })).body.id;
      await client.actie(oud, 'registreer-adviesgesprek', { datum: '2019-10-01', advies: 'taalles bij de bibliotheek' });
      await client.actie(oud, 'sluit-begeleiding-af', { datum: '2020-06-30', reden: 'verhuisd naar familie' });
      // Finished recently: not yet.
      const recent = (await client.registreer({
        soort: 'ondertussen', doelgroep: 'asielstatushouder', datum: '2024-01-01',
        persoon: { naam: 'Recent Dossier', geboortedatum: '1980-01-01', geslacht: 'man' },
      })).body.id;
      await client.actie(recent, 'sluit-begeleiding-af', { datum: '2024-06-30', reden: 'klaar' });
      // Old but still running: never on the list.
      const lopend = (await client.registreer({
        soort: 'ondertussen', doelgroep: 'asielstatushouder', datum: '2019-09-01',
        persoon: { naam: 'Lopend Dossier', geboortedatum: '1980-01-01', geslacht: 'man' },
      })).body.id;

      const lijst = await eventually(async () => {
        const res = await http().get('/api/v1/audit/bewaartermijnen').set(beheerder);
        expect(res.status).toBe(200);
        expect(res.body.trajecten.map((t: { trajectId: string }) => t.trajectId)).toContain(oud);
        return res.body;
      });
      expect(lijst).toMatchObject({ peildatum: '2026-11-29', bewaartermijnJaren: 5, veldgroepen: ['persoon', 'vrije-tekst'] });
      const ids = lijst.trajecten.map((t: { trajectId: string }) => t.trajectId);
      expect(ids).not.toContain(recent);
      expect(ids).not.toContain(lopend);
      expect(lijst.trajecten.find((t: { trajectId: string }) => t.trajectId === oud)).toEqual({
        trajectId: oud, soort: 'ondertussen', fase: 'afgesloten', finaalSinds: '2020-06-30', bewaarTot: '2025-06-30',
        teWissenVeldgroepen: ['persoon', 'vrije-tekst'], teWissenVelden: expect.arrayContaining(['InburgeraarGeregistreerd.persoon', 'AdviesgesprekGevoerd.advies']),
        gewisteVeldgroepen: [],
      });
      expect((await http().get('/api/v1/audit/bewaartermijnen?peildatum=2025-06-29').set(beheerder)).body.trajecten
        .map((t: { trajectId: string }) => t.trajectId)).not.toContain(oud);

      await http().delete(`/api/v1/trajecten/${oud}/persoonsgegevens`).set(beheerder).send({ reden: 'bewaartermijn verstreken' }).expect(200);
      await eventually(async () => {
        const res = await http().get('/api/v1/audit/bewaartermijnen').set(beheerder);
        expect(res.body.trajecten.find((t: { trajectId: string }) => t.trajectId === oud)).toMatchObject({
          teWissenVeldgroepen: [], gewisteVeldgroepen: ['persoon', 'vrije-tekst'],
        });
      });
      const view = await client.view(oud);
      expect(view).toMatchObject({ fase: 'afgesloten', persoon: { $gewist: true }, afgesloten: { datum: '2020-06-30', reden: { $gewist: true } } });
    });

    it('is for a beheerder only', async () => {
      expect((await http().get('/api/v1/audit/bewaartermijnen').set(compliance)).status).toBe(403);
      expect((await client.get('/api/v1/audit/bewaartermijnen')).status).toBe(403);
    });
  });
});
