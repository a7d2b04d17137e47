/**
 * The web console (console/, served at /console) in a real browser: Debian's Chromium driven by playwright-core,
 * signing in at a real OpenID Connect provider (oidc-provider, its own process on loopback) with the authorization
 * code flow and PKCE, on a demo caseload recorded through the command path (scripts/demo, 2022-01-01 up to
 * CONSOLE_DEMO_TOT, default 2023-01-31: a whole year 2022 and a month of 2023, about 40 s). Each page's figures are
 * checked against the API's answer, a case is replayed to a date, and axe-core runs on every page.
 * CONSOLE_SCREENSHOTS=docs/console writes a screenshot of each page there.
 */
import { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import { mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { TEST_JWT_SECRET, createApp } from '../src/app.factory';
import { FixedClock } from '../src/events/clock';
import { beginVanDag } from '../src/trajectories/core/kalender';
import { DEMO_START, vulDemo } from '../scripts/demo/vul';
import { eventually } from './support/eventually';
import { AxeSchending, OidcProvider, alsGetal, axe, ernstig, startChromium, tabel, zorgVoorConsoleBuild } from './support/console-browser';

/** An absolute URI: the access token's audience is chosen by this RFC 8707 resource indicator. */
const AUDIENCE = 'https://inburgering-engine.gemeente.test/api';
const DEMO_TOT = process.env.CONSOLE_DEMO_TOT ?? '2023-01-31';
const JAAR = Number(DEMO_TOT.slice(0, 4)) - (DEMO_TOT.slice(5) < '06-30' ? 1 : 0);
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS;
/** The pages and states checked with axe-core when every test runs. */
const SCHERMEN = 16;
const ACCOUNTS = {
  tess: { name: 'Tess Teamleider', rollen: ['teamleider'] },
  carla: { name: 'Carla Compliance', rollen: ['compliance'] },
  bram: { name: 'Bram Beheerder', rollen: ['beheerder'] },
};

jest.setTimeout(240_000);

describe('the web console in a browser, signed in through OpenID Connect', () => {
  let oidc: OidcProvider;
  let app: INestApplication;
  let base: string;
  let browser: Browser;
  const clock = new FixedClock(beginVanDag(DEMO_START));
  const axeUitslagen: Record<string, AxeSchending[]> = {};
  /** Every URL the browser asked for: no token may ever be in one. */
  const urls: string[] = [];
  const tokens: string[] = [];

  /** The API's own answer, with a token like the identity provider's (same iss and aud; HS256 with the test secret). */
  async function api(path: string, rol: string, headers: Record<string, string> = {}) {
    const token = await new SignJWT({ rollen: [rol] }).setProtectedHeader({ alg: 'HS256' }).setSubject(`test-${rol}`)
      .setIssuer(oidc.issuer).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const res = await request(app.getHttpServer()).get(path).set({ Authorization: `Bearer ${token}`, ...headers });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  async function inloggen(wie: keyof typeof ACCOUNTS): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('request', (r) => urls.push(r.url()));
    page.on('response', async (r) => {
      if (r.url().endsWith('/token') && r.status() === 200) tokens.push((await r.json()).access_token);
    });
    await page.goto(`${base}/console/`);
    await page.getByRole('button', { name: 'Inloggen met uw gemeente-account' }).waitFor();
    if (!axeUitslagen.inloggen) await controleer(page, 'inloggen');
    await page.getByRole('button', { name: 'Inloggen met uw gemeente-account' }).click();
    // oidc-provider's development login form: any password, the login is the account id.
    await page.locator('input[name=login]').fill(wie);
    await page.locator('input[name=password]').fill('geheim');
    await page.locator('button[type=submit]').click();
    // Its consent screen (the scopes and the API as resource), then back to the console with the code.
    await page.getByRole('button', { name: 'Continue' }).click();
    try {
      await page.getByTestId('gebruiker').waitFor({ timeout: 15_000 });
    } catch (err) {
      throw new Error(`Niet ingelogd: ${page.url()}\n${(await page.locator('body').innerText()).slice(0, 500)}`, { cause: err });
    }
    return { context, page };
  }

  async function bekijk(page: Page, naam: string, pad: string, klaar: string): Promise<void> {
    await page.goto(`${base}/console${pad}`);
    await page.getByTestId(klaar).waitFor();
    await controleer(page, naam);
  }

  /** axe-core on the page as it stands, and a screenshot when asked for. */
  async function controleer(page: Page, naam: string): Promise<void> {
    axeUitslagen[naam] = await axe(page);
    if (SCREENSHOTS) {
      // The whole page, cut off at 2,200 px (the integrity list of the full demo has thousands of rows).
      const hoogte = Number(await page.evaluate('document.documentElement.scrollHeight'));
      await page.screenshot({ path: join(SCREENSHOTS, `${naam}.png`), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(hoogte, 2200) } });
    }
  }

  beforeAll(async () => {
    zorgVoorConsoleBuild();
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
    oidc = await OidcProvider.start();
    process.env.CONSOLE_OIDC_RESOURCE = AUDIENCE;
    process.env.CONSOLE_OIDC_SCOPE = 'openid profile api';
    app = await createApp({
      clock,
      config: { authJwksUrl: `${oidc.issuer}/jwks`, authIssuer: oidc.issuer, authAudience: AUDIENCE, rateLimitPerMinute: 0, rateLimitAnonymousPerMinute: 0 },
    });
    const demo = await vulDemo(app, clock, 2021, DEMO_TOT);
    expect(demo.geweigerd).toEqual([]);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    await oidc.configureer(`${base}/console/`, AUDIENCE, ACCOUNTS);
    browser = await startChromium();
  }, 900_000);

  afterAll(async () => {
    delete process.env.CONSOLE_OIDC_RESOURCE;
    delete process.env.CONSOLE_OIDC_SCOPE;
    await browser?.close();
    await app?.close();
    oidc?.stop();
  });

  describe('as teamleider', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await inloggen('tess')));
    afterAll(() => context?.close());

    it('signs in at the identity provider with the code flow and PKCE; the API reads the roles from the access token', async () => {
      await expect(page.getByTestId('gebruiker').textContent()).resolves.toBe('Tess Teamleider (teamleider)');
      const authorize = urls.find((u) => u.startsWith(`${oidc.issuer}/auth?`))!;
      const q = new URL(authorize).searchParams;
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(q.get('client_id')).toBe('inburgering-console');
      expect(q.has('client_secret')).toBe(false);
      const [, payload] = tokens[0].split('.');
      expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ iss: oidc.issuer, aud: AUDIENCE, sub: 'tess', rollen: ['teamleider'] });
      // The code is gone from the address bar once traded.
      expect(page.url()).toBe(`${base}/console/`);
      await controleer(page, 'overzicht');
    });

    it('shows the six ambitions of a year as the API computes them, with the trend and the drill-down', async () => {
      await bekijk(page, 'ambities', `/ambities?jaar=${JAAR}`, 'ambities');
      const { body } = await api(`/api/v1/dashboards/ambities?jaar=${JAAR}&detail=true`, 'teamleider');
      const rijen = await tabel(page, 'ambities');
      expect(rijen.map((r) => ({ nummer: Number(r[0]), teller: Number(r[2]), noemer: Number(r[3]), percentage: alsGetal(r[4]), doel: r[5] })))
        .toEqual(body.ambities.map((a: any) => ({ nummer: a.nummer, teller: a.teller, noemer: a.noemer, percentage: a.percentage, doel: `${a.doel}%` })));
      expect(rijen.map((r) => r[6])).toEqual(body.ambities.map((a: any) => (a.gehaald === null ? 'geen noemer' : a.gehaald ? 'gehaald' : 'niet gehaald')));
      expect(body.ambities[0].noemer).toBeGreaterThan(0);
      // Trend per year: a chart with a table of the same figures.
      expect(await page.locator('svg[role=img]').count()).toBe(6);
      // Drill-down of ambition 1: the trajectories in the noemer, those in the teller marked.
      await page.getByRole('button', { name: 'Toon trajecten van ambitie 1' }).click();
      const items = await page.$$eval('[data-testid="drilldown-1"] li', (lis) => lis.map((li) => [li.getAttribute('data-traject'), li.getAttribute('data-in-teller')]));
      expect(items.map(([id]) => id)).toEqual(body.ambities[0].detail.noemer);
      expect(items.filter(([, t]) => t === 'true').map(([id]) => id)).toEqual(body.ambities[0].detail.teller);
      await controleer(page, 'ambities-drilldown');
    });

    it('shows the national indicators as the API computes them', async () => {
      await bekijk(page, 'indicatoren', `/indicatoren?jaar=${JAAR}`, 'indicatoren');
      const { body } = await api(`/api/v1/dashboards/indicatoren?jaar=${JAAR}`, 'teamleider');
      const i = body.indicatoren;
      const rijen = await tabel(page, 'indicatoren');
      expect(rijen.map((r) => [Number(r[1]), Number(r[2]), alsGetal(r[3])])).toEqual(
        [i.pipOpTijd, i.bredeIntakeGestart, i.inburgeringsplichtVoldaan].map((c: any) => [c.teller, c.noemer, c.percentage]));
      const routes = await tabel(page, 'routeverdeling');
      expect(routes.map((r) => Number(r[1]))).toEqual(Object.values(i.routeverdeling.perLeerroute));
    });

    it('shows the deadlines due within N days and the exceeded ones, filtered by consulent', async () => {
      await bekijk(page, 'termijnen', '/termijnen', 'termijnen-lopend');
      const alle = (await api('/api/v1/dashboards/termijnen?binnenDagen=30', 'teamleider')).body;
      await eventually(async () => {
        expect((await tabel(page, 'termijnen-lopend')).length).toBe(alle.lopend.length);
        expect((await tabel(page, 'termijnen-verstreken')).length).toBe(alle.verstreken.length);
      });
      expect(alle.lopend.length + alle.verstreken.length).toBeGreaterThan(0);
      const consulent = (await api('/api/v1/dashboards/caseload', 'teamleider')).body.perConsulent.find((c: any) => c.consulent).consulent;
      await page.getByLabel('Binnen (dagen)').fill('90');
      await page.getByLabel('Consulent').selectOption(consulent);
      const gefilterd = (await api(`/api/v1/dashboards/termijnen?binnenDagen=90&consulent=${encodeURIComponent(consulent)}`, 'teamleider')).body;
      await eventually(async () => {
        const lopend = await tabel(page, 'termijnen-lopend');
        expect(lopend.length).toBe(gefilterd.lopend.length);
        expect(lopend.every((r) => r[4] === consulent)).toBe(true);
        expect((await tabel(page, 'termijnen-verstreken')).length).toBe(gefilterd.verstreken.length);
      });
      await controleer(page, 'termijnen-gefilterd');
    });

    it('shows the caseload per consulent, fase and leerroute, and refreshes live after a command', async () => {
      await bekijk(page, 'caseload', '/caseload', 'caseload-consulent');
      const { body } = await api('/api/v1/dashboards/caseload', 'teamleider');
      await expect(page.getByTestId('caseload-totaal').textContent()).resolves.toBe(String(body.totaal));
      const perConsulent = await tabel(page, 'caseload-consulent');
      expect(perConsulent.map((r) => [r[0], Number(r.at(-1))])).toEqual(body.perConsulent.map((c: any) => [c.consulent ?? 'geen consulent', c.totaal]));
      expect((await tabel(page, 'caseload-fase')).map((r) => [r[0], Number(r[1])])).toEqual(Object.entries(body.perFase));
      expect((await tabel(page, 'caseload-leerroute')).map((r) => [r[0], Number(r[1])])).toEqual(Object.entries(body.perLeerroute));

      // Live: the SSE stream (fetch with the bearer token) is connected; a registration elsewhere shows up without a reload.
      await page.locator('[data-testid=live-status][data-verbonden=true]').waitFor();
      const token = await new SignJWT({ rollen: ['klantmanager'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('kim')
        .setIssuer(oidc.issuer).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(TEST_JWT_SECRET));
      await request(app.getHttpServer()).post('/api/v1/trajecten').set('Authorization', `Bearer ${token}`).send({
        soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: clock.today(), datumMeldingDuo: clock.today(),
        persoon: { naam: 'Live Nieuw', geboortedatum: '1990-01-01', geslacht: 'man' },
      }).expect(201);
      await page.locator(`[data-testid=caseload-totaal]:text-is("${body.totaal + 1}")`).waitFor({ timeout: 10_000 });
    });

    it('replays a case: the timeline, the case on a date with its deadlines then, and the difference between two dates', async () => {
      const lijst = (await api('/api/v1/trajecten?soort=inburgering&paginaGrootte=100', 'teamleider')).body.items;
      const traject = lijst.reduce((a: any, b: any) => (b.revisie > a.revisie ? b : a));
      const geheel = (await api(`/api/v1/trajecten/${traject.id}/tijdlijn`, 'teamleider')).body;
      await bekijk(page, 'traject-tijdlijn', `/trajecten/${traject.id}`, 'op-datum');
      const tijdlijn = await tabel(page, 'tijdlijn');
      expect(tijdlijn.map((r) => [Number(r[0]), r[1], r[5]])).toEqual(geheel.stappen.map((s: any) => [s.gebeurtenis.revisie, s.gebeurtenis.type, s.fase]));

      // A date in the middle of its history, picked with the date picker.
      const datums = [...new Set<string>(geheel.stappen.map((s: any) => s.gebeurtenis.datum))].sort();
      const peildatum = datums[Math.floor(datums.length / 2)];
      await page.getByTestId('peildatum').fill(peildatum);
      const toen = (await api(`/api/v1/trajecten/${traject.id}/tijdlijn?peildatum=${peildatum}`, 'teamleider')).body.staat;
      await page.locator(`[data-testid=op-datum][data-revisie="${toen.revisie}"]`).waitFor();
      await expect(page.getByTestId('fase-op-datum').textContent()).resolves.toBe(toen.fase);
      const termijnen = await tabel(page, 'termijnen-op-datum');
      expect(termijnen.map((r) => r[2].replace(' (opgeschort)', ''))).toEqual(Object.values(toen.termijnen).map((t: any) => t.status));

      // The slider steps along the event dates: its first stop is the first date (the registration with its deadline facts).
      await page.getByTestId('schuif').fill('0');
      const eerste = (await api(`/api/v1/trajecten/${traject.id}/tijdlijn?peildatum=${datums[0]}`, 'teamleider')).body.staat;
      await page.locator(`[data-testid=op-datum][data-revisie="${eerste.revisie}"]`).waitFor();

      // The difference between the first date and the chosen one names the fase change and the events in between.
      await page.getByTestId('van').fill(datums[0]);
      await page.getByTestId('tot').fill(peildatum);
      await eventually(async () => {
        const tussen = await tabel(page, 'tussen');
        expect(tussen.length).toBe(geheel.stappen.filter((s: any) => s.gebeurtenis.datum > datums[0] && s.gebeurtenis.datum <= peildatum).length);
      });
      const verschil = await tabel(page, 'verschil');
      const begin = geheel.stappen.filter((s: any) => s.gebeurtenis.datum <= datums[0]).at(-1).fase;
      if (begin !== toen.fase) expect(verschil).toContainEqual(['fase', begin, toen.fase]);
      await controleer(page, 'traject-verschil');

      // Opening the case is in the access log, as tess.
      const inzage = (await api(`/api/v1/audit/inzage?traject=${traject.id}`, 'compliance')).body.inzages;
      // An access-log entry names the reader as the Logboek Dataverwerkingen does: actor {sub, rol}.
      expect(inzage.filter((i: any) => i.actor.sub === 'tess').length).toBeGreaterThanOrEqual(3);
    });

    it('lists the trajectories for a teamleider', async () => {
      await bekijk(page, 'trajecten', '/trajecten', 'trajecten');
      const { body } = await api('/api/v1/trajecten?pagina=1&paginaGrootte=25', 'teamleider');
      expect((await tabel(page, 'trajecten')).map((r) => r[3])).toEqual(body.items.map((t: any) => t.fase));
    });
  });

  describe('as compliance', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await inloggen('carla')));
    afterAll(() => context?.close());

    it('searches the event log with the API’s filters and downloads the CSV and NDJSON export', async () => {
      await page.goto(`${base}/console/audit/gebeurtenissen`);
      await page.getByLabel('Gebeurtenistype(n)').fill('PipVastgesteld,ScreeningTermijnVerstreken');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      const rijen = await tabel(page, 'gebeurtenissen');
      const { body } = await api('/api/v1/audit/gebeurtenissen?type=PipVastgesteld,ScreeningTermijnVerstreken&paginaGrootte=50', 'compliance');
      expect(rijen.map((r) => [Number(r[0]), r[1]])).toEqual(body.gebeurtenissen.map((g: any) => [g.positie, g.type]));
      await controleer(page, 'gebeurtenissen');

      const csv = (await api('/api/v1/audit/gebeurtenissen?type=PipVastgesteld,ScreeningTermijnVerstreken&formaat=csv', 'compliance')).text;
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('gebeurtenissen.csv');
      const gedownload = readFileSync((await download.path())!, 'utf8');
      expect(gedownload.trim().split('\n').length).toBe(csv.trim().split('\n').length);
      const [nd] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download NDJSON' }).click()]);
      const regels = readFileSync((await nd.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(new Set(regels.map((e) => e.type))).toEqual(new Set(['PipVastgesteld', 'ScreeningTermijnVerstreken']));
    });

    it('shows the access log of one dossier and of one user', async () => {
      const { body: lijst } = await api('/api/v1/audit/inzage?actor=tess&paginaGrootte=1', 'compliance');
      const traject = lijst.inzages[0].trajectId;
      await page.goto(`${base}/console/audit/inzage`);
      await page.getByLabel('Traject-id (dossier)').fill(traject);
      await page.getByRole('button', { name: 'Zoeken' }).click();
      const perDossier = (await api(`/api/v1/audit/inzage?traject=${traject}`, 'compliance')).body.inzages;
      await eventually(async () => expect((await tabel(page, 'inzages')).map((r) => Number(r[0]))).toEqual(perDossier.map((i: any) => i.positie)));
      await page.getByLabel('Traject-id (dossier)').fill('');
      await page.getByLabel('Gebruiker (sub)').fill('tess');
      await page.getByRole('button', { name: 'Zoeken' }).click();
      const perGebruiker = (await api('/api/v1/audit/inzage?actor=tess', 'compliance')).body.inzages;
      await eventually(async () => {
        const rijen = await tabel(page, 'inzages');
        expect(rijen.map((r) => Number(r[0]))).toEqual(perGebruiker.map((i: any) => i.positie));
        expect(rijen.every((r) => r[2] === 'tess')).toBe(true);
      });
      await controleer(page, 'inzagelog');
    });

    it('runs the integrity check and shows its result per stream', async () => {
      await page.goto(`${base}/console/audit/integriteit`);
      await page.getByRole('button', { name: 'Controleer nu' }).click();
      await expect(page.getByTestId('integriteit-uitslag').textContent()).resolves.toBe('Alle hashketens zijn intact');
      const { body } = await api('/api/v1/audit/integriteit', 'compliance');
      const rijen = await tabel(page, 'integriteit');
      // The check itself reads the log (and logs nothing), so the streams are the same as the API's a moment later.
      expect(rijen.length).toBe(body.resultaten.length);
      expect(rijen.every((r) => r[1] === 'intact')).toBe(true);
      await controleer(page, 'integriteit');
    });

    it('opens a case by its id and replays it (compliance may read cases)', async () => {
      const { body } = await api('/api/v1/audit/inzage?actor=tess&paginaGrootte=1', 'compliance');
      await bekijk(page, 'traject-compliance', `/trajecten/${body.inzages[0].trajectId}`, 'tijdlijn');
    });
  });

  describe('as beheerder', () => {
    let context: BrowserContext;
    let page: Page;
    beforeAll(async () => ({ context, page } = await inloggen('bram')));
    afterAll(() => context?.close());

    it('shows the retention list as the API does', async () => {
      await page.goto(`${base}/console/beheer/bewaartermijnen`);
      await page.getByLabel('Peildatum').fill('2031-01-01');
      await page.locator('caption:text-matches("pagina 1")').waitFor();
      const { body } = await api('/api/v1/audit/bewaartermijnen?peildatum=2031-01-01', 'beheerder');
      await eventually(async () => {
        const rijen = (await tabel(page, 'bewaartermijnen')).filter((r) => r[0] !== 'Geen gegevens');
        expect(rijen.map((r) => r[0])).toEqual(body.trajecten.map((t: any) => t.trajectId));
      });
      expect(body.trajecten.length).toBeGreaterThan(0);
      await controleer(page, 'bewaartermijnen');
    });

    it('signs out at the identity provider without a token in the URL', async () => {
      const [logout] = await Promise.all([
        page.waitForRequest((r) => r.url().startsWith(`${oidc.issuer}/session/end`)),
        page.getByRole('button', { name: 'Uitloggen' }).click(),
      ]);
      expect(new URL(logout.url()).searchParams.get('client_id')).toBe('inburgering-console');
      expect(new URL(logout.url()).searchParams.has('id_token_hint')).toBe(false);
      // The provider asks to confirm, then sends the user back to the console, signed out.
      await page.locator('button[name=logout][value=yes]').click();
      await page.getByRole('button', { name: 'Inloggen met uw gemeente-account' }).waitFor();
      expect(page.url()).toBe(`${base}/console/`);
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
    });
  });

  it('never put a token in a URL', () => {
    expect(tokens.length).toBe(3);
    for (const token of tokens) expect(urls.filter((u) => u.includes(token) || u.includes(token.split('.')[1]))).toEqual([]);
    expect(urls.filter((u) => /access_token|id_token=/.test(u))).toEqual([]);
  });

  it('every page has no serious or critical accessibility violation (axe-core, WCAG 2.1 A and AA)', () => {
    // All of them when the whole file runs (`-t` may select fewer).
    expect(Object.keys(axeUitslagen).length).toBeGreaterThanOrEqual(process.env.CONSOLE_AXE_MIN ? Number(process.env.CONSOLE_AXE_MIN) : SCHERMEN);
    const overige = Object.entries(axeUitslagen).flatMap(([p, v]) => v.map((x) => `${p}: ${x.id} (${x.impact}, ${x.nodes}×)`));
    if (overige.length) console.log(`axe-core, niet ernstig:\n${overige.join('\n')}`);
    const ernstige = Object.fromEntries(Object.entries(axeUitslagen).map(([p, v]) => [p, ernstig(v)]).filter(([, v]) => v.length));
    expect(ernstige).toEqual({});
  });
});

describe('the web console’s development sign-in, in a browser', () => {
  let app: INestApplication;
  let browser: Browser;
  beforeAll(async () => {
    zorgVoorConsoleBuild();
    // No AUTH_JWT_SECRET, no JWKS, not production: the server runs on its development secret.
    app = await createApp({ config: { authJwtSecret: undefined } });
    await app.listen(0, '127.0.0.1');
    browser = await startChromium();
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('signs in with the form, as the roles chosen, and the page passes axe-core', async () => {
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/console/caseload`);
    await page.getByRole('heading', { name: 'Ontwikkel-login' }).waitFor();
    expect(await page.getByRole('button', { name: 'Inloggen met uw gemeente-account' }).count()).toBe(0);
    expect(ernstig(await axe(page))).toEqual([]);
    await page.getByLabel('Gebruikersnaam (sub)').fill('carla');
    await page.getByLabel('Naam', { exact: true }).fill('Carla');
    await page.getByLabel('teamleider').uncheck();
    await page.getByLabel('compliance').check();
    await page.getByRole('button', { name: 'Inloggen (ontwikkeling)' }).click();
    await expect(page.getByTestId('gebruiker').textContent()).resolves.toBe('Carla (compliance)');
    expect(await page.getByRole('link', { name: 'Integriteit' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Caseload' }).count()).toBe(0);
    // Back at the deep link it started from, which is not for compliance: said so, without a 403 from the API.
    expect(page.url()).toBe(`${base}/console/caseload`);
    await page.getByRole('heading', { name: 'Geen toegang' }).waitFor();
  });
});
