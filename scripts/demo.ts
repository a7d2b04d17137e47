/**
 * `npm run demo [-- --seed N] [-- --tot JJJJ-MM-DD]`: fills an EMPTY store with a realistic 's-Hertogenbosch caseload
 * 2022–2025 through the same command path as the API (CommandHandler, machine, rules), with a fixed clock moved
 * along the business dates; due deadlines are fired by the real scheduler on the day they fall due.
 * Deterministic: the same seed gives the same trajectories, facts, dates and event ids.
 */
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config';
import { FixedClock } from '../src/events/clock';
import { EventStore } from '../src/events/event-store';
import { PROJECTIONS_DB } from '../src/projections/projections-db';
import { beginVanDag } from '../src/trajectories/core/kalender';
import { DEMO_START, vulDemo } from './demo/vul';
import { voortgang } from '../src/voortgang';

function opties(argv: string[]): { seed: number; tot: string } {
  const waarde = (naam: string) => {
    const i = argv.indexOf(naam);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(waarde('--seed') ?? 2021);
  const tot = waarde('--tot') ?? '2025-12-31';
  if (!Number.isInteger(seed) || !/^\d{4}-\d{2}-\d{2}$/.test(tot) || tot < DEMO_START) throw new Error('Gebruik: npm run demo -- [--seed N] [--tot JJJJ-MM-DD]');
  return { seed, tot };
}

async function main(): Promise<void> {
  const { seed, tot } = opties(process.argv.slice(2));
  const begin = performance.now();
  const config = loadConfig();
  const waar = `${config.eventstoreConnectionString ? 'EventStoreDB' : config.sqlitePath}, ${config.projectionsPath}`;
  const clock = new FixedClock(beginVanDag(DEMO_START));
  // The demo fills an empty store that can always be made again (it refuses a store with data): it does not wait for
  // an fsync per command unless SQLITE_SYNCHRONOUS asks for it. A power cut during the demo means: run it again.
  const sqliteSynchronous = process.env.SQLITE_SYNCHRONOUS ? config.sqliteSynchronous : 'OFF';
  const app = await createApp({ clock, config: { ...config, sqliteSynchronous, schedulerEnabled: false, logLevel: process.env.DEMO_LOG_LEVEL ?? 'warn' } });
  try {
    const db = app.get<Database.Database>(PROJECTIONS_DB);
    const checkpoints = (db.prepare('SELECT COUNT(*) AS n FROM ie_checkpoints WHERE position > 0').get() as { n: number }).n;
    if ((await app.get(EventStore).headPosition()) > 0 || checkpoints > 0) {
      console.error(`De demo vult alleen een lege store, maar ${waar} bevat al gegevens. Kies een ander SQLITE_PATH en PROJECTIONS_SQLITE_PATH, of verwijder ze eerst.`);
      process.exitCode = 1;
      return;
    }
    const dagen = Math.round((Date.parse(tot) - Date.parse(DEMO_START)) / 86_400_000) + 1;
    const { stappen, vuringen, geweigerd, gebeurtenissen } = await vulDemo(app, clock, seed, tot, voortgang('Demo', { totaal: dagen, eenheid: 'dagen' }));
    const registraties = stappen.filter((s) => s.actie === 'registreer').map((s) => s.body);
    const tel = (f: (b: Record<string, unknown>) => boolean) => registraties.filter(f).length;
    const gevuurd = (soort: string) => vuringen.filter((v) => v.soort === soort).length;
    console.log([
      `Demo 's-Hertogenbosch, seed ${seed}, ${DEMO_START} t/m ${tot}:`,
      `  ${registraties.length} trajecten: ${tel((b) => b.soort === 'inburgering' && b.doelgroep === 'asielstatushouder')} asielstatushouders, `
        + `${tel((b) => b.doelgroep === 'gezinsmigrant')} gezinsmigranten, ${tel((b) => b.soort === 'ondertussen')} ondertussen-groep`,
      `  ${gebeurtenissen} gebeurtenissen uit ${stappen.length} opdrachten; ${vuringen.length} termijnen verstreken door de scheduler `
        + `(screening ${gevuurd('screening')}, pip ${gevuurd('pip')}, ontzorging ${gevuurd('ontzorging')}, inburgeringstermijn ${gevuurd('inburgeringstermijn')})`,
      `  ${geweigerd.length} opdrachten geweigerd${geweigerd.length ? `:\n    ${geweigerd.slice(0, 10).join('\n    ')}` : ''}`,
      `  ${((performance.now() - begin) / 1000).toFixed(1)} s → ${waar}`,
    ].join('\n'));
    if (geweigerd.length) process.exitCode = 2;
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
