import { INestApplication } from '@nestjs/common';
import { createApp } from '../src/app.factory';
import { FixedClock } from '../src/events/clock';
import { EventStore } from '../src/events/event-store';
import { beginVanDag } from '../src/trajectories/core/kalender';
import { PER_JAAR, ONDERTUSSEN, planCaseload } from '../scripts/demo/plan';
import { Dobbelsteen } from '../scripts/demo/random';
import { DEMO_START, vulDemo } from '../scripts/demo/vul';

/** The demo caseload (scripts/demo.ts): deterministic, realistic in size, and accepted by every rule. */
describe('demo data', () => {
  it('the same seed plans the same caseload, of the seed sizes per year', () => {
    const plan = planCaseload(new Dobbelsteen(7), '2025-12-31');
    expect(planCaseload(new Dobbelsteen(7), '2025-12-31')).toEqual(plan);
    expect(planCaseload(new Dobbelsteen(8), '2025-12-31')).not.toEqual(plan);
    const registraties = plan.filter((s) => s.actie === 'registreer').map((s) => s.body as Record<string, any>);
    expect(registraties.filter((b) => b.soort === 'ondertussen')).toHaveLength(ONDERTUSSEN);
    for (const jaar of ['2022', '2023', '2024', '2025']) {
      for (const doelgroep of ['asielstatushouder', 'gezinsmigrant'] as const) {
        const n = registraties.filter((b) => b.soort === 'inburgering' && b.doelgroep === doelgroep && b.datum.startsWith(jaar)).length;
        expect(Math.abs(n - PER_JAAR[doelgroep])).toBeLessThanOrEqual(6);
      }
    }
    expect(plan.every((s, i) => i === 0 || plan[i - 1].datum <= s.datum)).toBe(true);
  });

  describe('recorded through the command path', () => {
    let app: INestApplication;
    const clock = new FixedClock(beginVanDag(DEMO_START));
    beforeAll(async () => (app = await createApp({ clock })));
    afterAll(() => app.close());

    it('refuses no command, and the scheduler fires the deadlines that fall due', async () => {
      const { stappen, vuringen, geweigerd, gebeurtenissen } = await vulDemo(app, clock, 2021, '2022-10-31');
      expect(geweigerd).toEqual([]);
      expect(gebeurtenissen).toBeGreaterThan(stappen.length);
      expect(await app.get(EventStore).headPosition()).toBe(gebeurtenissen);
      expect(new Set(vuringen.map((v) => v.soort))).toEqual(new Set(['screening', 'pip', 'ontzorging']));
    }, 60_000);
  });
});
