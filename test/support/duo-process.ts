/**
 * A real application process for the DUO crash test (test/duo-crash.e2e-spec.ts), run with
 * `node -r ts-node/register/transpile-only test/support/duo-process.ts <mode>`.
 * Environment: EVENTS and PROJECTIONS (SQLite files), the DUO_* and BRP_API_URL variables, N (trajectories to seed).
 * It listens on a random port and prints `PORT <port>` first. Modes:
 * - `seed`: registers N trajectories with a BSN and takes each to a PIP with hours and a PVT (six messages each),
 *   prints `SEEDED <n>` and keeps running (sending), to be killed.
 * - `run`: starts normally and runs until SIGTERM (a clean shutdown).
 */
import { v5 as uuidv5 } from 'uuid';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { FixedClock } from '../../src/events/clock';
import { CommandHandler } from '../../src/trajectories/core/command-handler';
import { bsns } from './bsns';

const NS = '0e6b2b8e-2f4f-5c4e-9a8a-3c1d2e3f4a5b';

async function main(mode: string): Promise<void> {
  const clock = new FixedClock(new Date('2026-11-29T10:00:00Z'));
  const app = await createApp({ clock, config: {
    sqlitePath: process.env.EVENTS!, projectionsPath: process.env.PROJECTIONS!, schedulerEnabled: false,
    // DUO_* and BRP_* as main.ts reads them (createApp itself ignores the environment).
    duo: loadConfig().duo, brp: loadConfig().brp,
  } });
  await app.listen(0, '127.0.0.1');
  console.log(`PORT ${app.getHttpServer().address().port}`);

  if (mode === 'seed') {
    const commands = app.get(CommandHandler);
    const n = Number(process.env.N ?? 20);
    for (const [i, bsn] of bsns(n).entries()) {
      // Deterministic ids: a seed interrupted and started again writes each trajectory once.
      const id = uuidv5(`traject/${bsn}`, NS);
      let k = 0;
      const ctx = () => ({ actor: { id: 'kim', rol: 'klantmanager' }, correlationId: id, eventIds: Array.from({ length: 8 }, (_, j) => uuidv5(`${id}/${k}/${j}`, NS)) });
      const doe = async (actie: string, body: Record<string, unknown>) => { k++; await commands.execute(id, actie, body, ctx()); };
      k++;
      await commands.register(id, {
        soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2026-06-01', datumMeldingDuo: '2026-06-01',
        persoon: { naam: `Inburgeraar ${i}`, geboortedatum: '1990-01-01', geslacht: 'x', bsn },
      }, ctx());
      await doe('start-brede-intake', { datum: '2026-06-10' });
      await doe('registreer-leerbaarheidstoets', { datum: '2026-06-10', adviesNiveau: 'B1', adviesLeerroute: 'b1' });
      await doe('rond-brede-intake-af', { datum: '2026-06-10', bevindingen: { opleiding: 'x', werkervaring: 'x', gezondheid: 'x', kinderenVve: 'x' } });
      await doe('registreer-uren', { datum: '2026-06-10', soort: 'nt2', uren: 4 });
      await doe('stel-pip-vast', { datum: '2026-07-01', leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] });
      for (const dag of ['2026-07-10', '2026-07-17', '2026-07-24']) await doe('registreer-uren', { datum: dag, soort: 'nt2', uren: 10 });
      await doe('rond-pvt-af', { datum: '2026-08-01' });
    }
    console.log(`SEEDED ${n}`);
    setInterval(() => undefined, 1000);
    return;
  }
  // `run`: serve and send until the test stops it (SIGTERM: a clean shutdown).
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  setInterval(() => undefined, 1000);
}

main(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
