import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vulDemo, DEMO_START } from '../scripts/demo/vul';
import { createApp } from '../src/app.factory';
import { DuoOverzicht } from '../src/duo/duo-overzicht';
import { FixedClock } from '../src/events/clock';
import { beginVanDag } from '../src/trajectories/core/kalender';
import { loadConfig } from '../src/config';
import { DuoConfig } from '../src/duo/duo-config';
import { DuoStandIn } from './duo-stand-in/stand-in';
import { eventually } from './support/eventually';

jest.setTimeout(600_000);

/** Issue 13, done when: every outbound message the demo data produces validates against DUO's OpenAPI schemas. */
describe('the demo caseload reported to the DUO stand-in', () => {
  const duo = new DuoStandIn();
  let app: INestApplication;
  let dir: string;
  let duoConfig: DuoConfig;

  beforeAll(async () => {
    await duo.start();
    dir = mkdtempSync(join(tmpdir(), 'duo-demo-'));
    ({ duo: duoConfig } = loadConfig({
      DUO_BASE_URL: duo.url, DUO_OIN_GEMEENTE: '00000001001172773000', DUO_OIN_DUO: '00000001800866472000',
      DUO_INTERVAL_MS: '20', DUO_BACKOFF_MIN_MS: '50', DUO_BACKOFF_MAX_MS: '200',
    }));
  });
  afterAll(async () => {
    await app?.close();
    await duo.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends every message DUO\'s rules allow, zero invalid at DUO, each BerichtId once', async () => {
    const tot = process.env.DUO_DEMO_TOT ?? '2022-12-31';
    const clock = new FixedClock(beginVanDag(DEMO_START));
    app = await createApp({ clock, config: { sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite'), duo: duoConfig } });
    const { geweigerd } = await vulDemo(app, clock, 2021, tot);
    expect(geweigerd).toEqual([]);
    const overzicht = app.get(DuoOverzicht);
    const telling = await eventually(async () => {
      const t = overzicht.dashboard().telling as Record<string, number>;
      expect(t.wachtend ?? 0).toBe(0);
      return t;
    }, 300_000);
    const berichten = duo.ontvangen.filter((o) => o.methode !== 'GET');
    const redenen: Record<string, number> = {};
    for (const b of overzicht.dashboard('geweigerd').berichten) {
      const r = String(b.reden).replace(/\d{4}-\d{2}-\d{2}/g, 'D');
      redenen[r] = (redenen[r] ?? 0) + 1;
    }
    // eslint-disable-next-line no-console
    console.log(`DUO demo tot ${tot}: ${JSON.stringify(telling)}; ontvangen ${berichten.length}, ongeldig ${duo.ongeldig().length}; niet verzonden: ${JSON.stringify(redenen, null, 1)}`);
    expect(duo.ongeldig()).toEqual([]);
    expect(telling.verzonden).toBeGreaterThan(100);
    expect(telling['geweigerd-door-duo'] ?? 0).toBe(0);
    expect(duo.geregistreerd()).toHaveLength(telling.verzonden);
    expect(new Set(berichten.map((b) => b.berichtId)).size).toBe(berichten.length);
  });
});
