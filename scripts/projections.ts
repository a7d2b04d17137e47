/**
 * `npm run projections -- rebuild [--parallel|--enkel] [name…]`: rebuilds one, several or all projections from position
 * 0 on the configured event store (SQLITE_PATH or EVENTSTORE_CONNECTION_STRING, decrypting as the app does) into
 * PROJECTIONS_SQLITE_PATH, and prints the rate. On a SQLite log of more than PARALLEL_VANAF events (or with
 * `--parallel`) worker threads rebuild shares of the trajectories beside this thread (src/projections/herbouw-parallel.ts):
 * one per core besides this thread's, or `--werkers=N` (1 to 15); `--enkel`: all in this thread. `npm run projections -- status`: each
 * projection's checkpoint against the head of the log. Stop the application first: its runner would write the same
 * projections meanwhile.
 */
import { AppConfig, loadConfig } from '../src/config';
import { createEventStore } from '../src/events/events.module';
import { createEncryptingStore, createKeyStore } from '../src/privacy/privacy-providers';
import { herbouw, kies } from '../src/projections/herbouw';
import { openProjectionsDb } from '../src/projections/projections-db';
import { AppModule } from '../src/app.module';
import { projectionsOfApp } from '../src/projections/projection-catalog';
import { bsnIndexGeheim, projectieSleutels } from '../src/projections/zoeksleutels';
import { HerbouwWerker, bronVan, herbouwParallel, werkersVoorDezeMachine } from '../src/projections/herbouw-parallel';
import { ProjectionRunner } from '../src/projections/runner';
import { voortgang } from '../src/voortgang';

const GEBRUIK = 'Gebruik: npm run projections -- rebuild [--parallel|--enkel] [--werkers=N] [naam…] | status';
/** Below this many events, starting the worker (a second or more: it loads the application's code) costs more than it saves. */
const PARALLEL_VANAF = 100_000;

/** Runs one command; returns the exit code. Exported for the integration test. */
export async function projectionsCli(argv: string[], config: AppConfig = loadConfig(), out: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  const keuze = rest.includes('--parallel') ? 'parallel' : rest.includes('--enkel') ? 'enkel' : 'vanzelf';
  const werkersArg = rest.find((a) => a.startsWith('--werkers='));
  const aantalWerkers = werkersArg ? Number(werkersArg.slice('--werkers='.length)) : werkersVoorDezeMachine();
  const names = rest.filter((a) => a !== '--parallel' && a !== '--enkel' && a !== werkersArg);
  if ((command !== 'rebuild' && command !== 'status') || !Number.isInteger(aantalWerkers) || aantalWerkers < 1 || aantalWerkers > 15) {
    out(GEBRUIK);
    return 2;
  }
  const keys = createKeyStore(config);
  const projections = projectionsOfApp(AppModule, { sleutels: projectieSleutels(config, keys), config });
  let chosen;
  try {
    chosen = kies(projections, names);
  } catch (err) {
    keys.close();
    out((err as Error).message);
    return 2;
  }
  const store = createEncryptingStore(createEventStore(config), keys, config);
  const db = openProjectionsDb(config.projectionsPath);
  try {
    const runner = new ProjectionRunner(store, db, projections);
    if (command === 'status') {
      for (const s of await runner.status()) out(`${s.name}: ${s.position}/${s.head}`);
      const { reason } = await runner.mismatch();
      if (reason) out(`These read models do not belong to this event store (${reason}): the app or a rebuild rebuilds them all.`);
      return 0;
    }
    // Read models of another event store (or from beyond its head) are reset first, every one of them, as the app would.
    await runner.bind();
    out(`Herbouw van ${chosen.map((p) => p.name).join(', ')} vanaf positie 0 (${config.eventstoreConnectionString ? 'EventStoreDB' : config.sqlitePath} → ${config.projectionsPath})`);
    const v = voortgang('Herbouw', { eenheid: 'gebeurtenissen' });
    const sqlite = !config.eventstoreConnectionString;
    const parallel = sqlite && keuze !== 'enkel' && (keuze === 'parallel' || (await store.headPosition()) > PARALLEL_VANAF);
    let r;
    if (parallel) {
      const t0 = Date.now();
      const werkers = await Promise.all(Array.from({ length: aantalWerkers }, () => HerbouwWerker.start()));
      out(`Herbouwwerker${aantalWerkers === 1 ? '' : `s (${aantalWerkers})`} gestart in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      try {
        r = await herbouwParallel(runner, store, chosen, {
          werker: werkers, voortgang: v, duo: config.duo, bsnIndexGeheim: bsnIndexGeheim(config, keys),
          bron: bronVan(config),
        });
      } finally {
        await Promise.all(werkers.map((w) => w.stop()));
      }
      const p = r.parallel;
      out(p ? `  in de werker${p.werkers.length > 1 ? 's' : ''} (de trajecten op ${p.werkers.map((w) => w.eindigtOp).join(', ')}: ${p.werkerEvents.toLocaleString('en')} gebeurtenissen): ${p.werker.join(', ')}`
        : '  in de werker: - (geen projectie houdt de trajecten uit elkaar)');
    } else {
      r = await herbouw(runner, store, chosen, { voortgang: v });
    }
    for (const p of r.projecties) out(`  ${p.name.padEnd(16)} ${p.seconds.toFixed(2).padStart(8)} s  ${p.eventsPerSecond.toLocaleString('en')} events/s`);
    out(`${r.events.toLocaleString('en')} gebeurtenissen in ${r.seconds} s: ${r.eventsPerSecond.toLocaleString('en')} events/s`);
    return 0;
  } finally {
    await store.close();
    db.close();
  }
}

if (require.main === module) {
  projectionsCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (err) => {
    console.error(err);
    process.exit(1);
  });
}
