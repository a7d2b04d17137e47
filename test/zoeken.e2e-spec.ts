import { INestApplication } from '@nestjs/common';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../src/config';
import { authHeaders } from './support/auth';
import { eventually } from './support/eventually';
import { TrajectClient } from './support/traject-client';

jest.setTimeout(60_000);

const MENSEN = [
  { naam: 'Amal Haddad', bsn: '999990019', datum: '2025-01-10' },
  { naam: 'Mesut Özil', bsn: '999990020', datum: '2025-01-11' },
  { naam: 'Fatima el Haddaoui', bsn: '999990032', datum: '2025-01-12' },
  { naam: 'Jan de Vries', datum: '2025-01-13' },
  { naam: 'Lena Schmidt', datum: '2025-01-14' },
];

/** Finding a person (BSN exact, name contains) and one paging convention over every list. */
describe('finding a person and paging', () => {
  let app: INestApplication;
  let client: TrajectClient;
  const ids: Record<string, string> = {};
  const lijst = async (query: string, status = 200) => {
    const res = await client.get(`/api/v1/trajecten?${query}`);
    expect({ query, status: res.status }).toEqual({ query, status });
    return res.body;
  };

  beforeAll(async () => {
    ({ app, client } = await TrajectClient.start('2025-06-01T10:00:00Z'));
    for (const m of MENSEN) {
      const res = await client.registreer({
        soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: m.datum, datumMeldingDuo: m.datum,
        persoon: { naam: m.naam, geboortedatum: '1990-01-01', geslacht: 'vrouw', ...(m.bsn ? { bsn: m.bsn } : {}) },
      });
      ids[m.naam] = res.body.id;
    }
    await eventually(async () => expect((await lijst('')).totaal).toBe(MENSEN.length));
  });
  afterAll(() => app.close());

  it('?bsn= finds exactly that person, and nobody for another BSN', async () => {
    expect((await lijst('bsn=999990020')).items.map((i: { id: string }) => i.id)).toEqual([ids['Mesut Özil']]);
    expect(await lijst('bsn=999990007')).toMatchObject({ items: [], totaal: 0, volgende: null });
    await lijst('bsn=12345', 400);
  });

  it('?naam= finds a part of the name, whatever the case or accents; % and _ are literal', async () => {
    const namen = async (q: string) => (await lijst(`naam=${encodeURIComponent(q)}`)).items.map((i: { naam: string }) => i.naam).sort();
    expect(await namen('HADDA')).toEqual(['Amal Haddad', 'Fatima el Haddaoui']);
    expect(await namen('ozil')).toEqual(['Mesut Özil']);
    expect(await namen('de vries')).toEqual(['Jan de Vries']);
    expect(await namen('%a')).toEqual([]);
    expect(await namen('_a')).toEqual([]);
    await lijst('naam=a', 400);
  });

  it('the read models hold no BSN in clear, WAL included', async () => {
    const { projectionsPath } = app.get<AppConfig>(APP_CONFIG);
    const dir = dirname(projectionsPath);
    const files = readdirSync(dir).filter((f) => f.startsWith('projections.sqlite'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = readFileSync(join(dir, f)).toString('latin1');
      for (const m of MENSEN.filter((x) => x.bsn)) expect({ f, found: bytes.includes(m.bsn!) }).toEqual({ f, found: false });
    }
  });

  it('a search is in the access log with who searched, keyed hashes of the terms and what was found', async () => {
    await lijst('bsn=999990019');
    await lijst('naam=vries');
    const compliance = await authHeaders('compliance', 'sam');
    const zoekingen = await eventually(async () => {
      const res = await client.http().get('/api/v1/audit/inzage?actor=kim').set(compliance).expect(200);
      const found = res.body.inzages.filter((i: { type: string }) => i.type === 'TrajectenGezocht');
      expect(found.length).toBeGreaterThanOrEqual(2);
      return found;
    });
    const bsn = zoekingen.find((z: any) => z.zoekopdracht.bsnSleutel && z.gevonden[0] === ids['Amal Haddad']);
    expect(bsn).toMatchObject({ actor: { sub: 'kim', rol: 'klantmanager' }, totaal: 1, stream: 'inzage-zoeken' });
    expect(bsn.zoekopdracht.bsnSleutel).toMatch(/^[0-9a-f]{64}$/);
    const naam = zoekingen.filter((z: any) => z.zoekopdracht.naamSleutel).at(-1);
    expect(naam.gevonden).toEqual([ids['Jan de Vries']]);
    const all = JSON.stringify(zoekingen);
    expect(all).not.toContain('999990019');
    expect({ all: all.toLowerCase().includes('vries') ? all : 'ok' }).toEqual({ all: 'ok' });
  });

  it('pages with paginaGrootte and the cursor `volgende` until null, with the total; pagina keeps working', async () => {
    const gezien: string[] = [];
    let cursor: string | null = '';
    let paginas = 0;
    while (cursor !== null) {
      const body = await lijst(`paginaGrootte=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(body).toMatchObject({ paginaGrootte: 2, totaal: MENSEN.length });
      gezien.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.volgende;
      paginas++;
    }
    expect(paginas).toBe(3);
    expect(gezien).toEqual(MENSEN.map((m) => ids[m.naam]).reverse()); // newest registration first
    expect((await lijst('paginaGrootte=2&pagina=2')).items.map((i: { id: string }) => i.id)).toEqual(gezien.slice(2, 4));
    await lijst('cursor=bm9uc2Vuc2U', 400);
    await lijst('cursor=..', 400);
  });

  it('dashboards/termijnen pages the same way; one page of all equals the pages together', async () => {
    const get = (q: string) => client.get(`/api/v1/dashboards/termijnen?${q}`).expect(200).then((r) => r.body);
    const alles = await get('paginaGrootte=1000');
    expect(alles.totaal).toBe(alles.lopend.length + alles.verstreken.length);
    expect(alles.totaal).toBeGreaterThan(2);
    const lopend: unknown[] = [];
    const verstreken: unknown[] = [];
    let body = await get('paginaGrootte=2');
    for (;;) {
      expect(body.lopend.length + body.verstreken.length).toBeLessThanOrEqual(2);
      lopend.push(...body.lopend);
      verstreken.push(...body.verstreken);
      if (body.volgende === null) break;
      body = await get(`paginaGrootte=2&cursor=${body.volgende}`);
    }
    expect({ lopend, verstreken }).toEqual({ lopend: alles.lopend, verstreken: alles.verstreken });
  });
});
