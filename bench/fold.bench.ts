/**
 * The load and fold of one 200-event trajectory, in-process: `npm run bench:fold`.
 *
 * On a real SQLite file (synchronous FULL) behind the encrypting store, a trajectory is recorded through the
 * command handler (registration, intake, PIP, then `registreer-uren` up to 200 events). Then, side by side in the
 * same process:
 *   - baseline: the bare read of its 200 rows with one prepared statement and JSON.parse of data and metadata;
 *   - the adapter's readStream, and the encrypting store's readStream (decryption);
 *   - the machine fold alone over events in memory;
 *   - cold load: a load that misses the cache (the repository forgets the trajectory first): read, decrypt, upcast and
 *     fold through XState (a fresh repository per load, as before, kept every one alive through its key-store listener,
 *     and the heap growing from load to load weighed on the figure);
 *   - cached load: the command path's load with the cache (one indexed read finding nothing newer);
 *   - XState's own floor, the same events through XState's pure transition of bare machines with a one-field assign
 *     and no guards: the trajectory's state shape (`uitvoering` one state of a compound root; no fold of this shape
 *     through XState can be cheaper), and the shape it had on main 9a78640 (`uitvoering` as four parallel regions,
 *     eleven active state nodes); and one machine of a single state and no action, below which no fold through XState
 *     goes.
 * With BENCH_BASELINE_ROOT=<another checkout> (e.g. /work/main, or `git archive <commit>` with node_modules linked), that
 * checkout's own fold alone and cold load (its fold.ts and repository, on this run's store and events) run beside them.
 * Each figure is the median over BENCH_RUNS runs of each run's median of BENCH_ITERATIONS loads; the ratio is to the
 * baseline of the same run.
 *
 * The same fold alone and cold load (and the baseline's) of a realistic trajectory of as many events
 * (traject-200.ts `recordRealisticTrajectory`: hours of three kinds, activities, interviews, PIP changes, exam results,
 * bijstand and ontzorging, 33 events with encrypted fields), and XState's floor with the trajectory's own context.
 *
 * Then the command path without HTTP, synchronous FULL, at 1, 16 and 64 concurrent callers for BENCH_SECONDS each:
 * commands (`registreer-uren` through the CommandHandler, each caller on its own trajectory: load, validate, decide,
 * encrypt, group commit) and dossier reads (load, the case view, and the access-log entry appended and committed
 * before the read counts), beside the store's bare appends of one small event per call (the same group commit, the
 * ceiling for anything that appends). Results also go to bench/results/fold-<date>.json.
 */
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '../src/config';
import { InzageService } from '../src/audit/inzage.service';
import { traceFrom } from '../src/audit/trace-context';
import { FixedClock } from '../src/events/clock';
import { SqliteEventStore } from '../src/events/sqlite/sqlite-event-store';
import { EncryptingEventStore } from '../src/privacy/encrypting-event-store';
import { DEFAULT_FIELD_GROUPS } from '../src/privacy/field-groups';
import { KeyStore } from '../src/privacy/key-store';
import { CommandHandler } from '../src/trajectories/core/command-handler';
import { fold } from '../src/trajectories/core/fold';
import { TrajectRepository } from '../src/trajectories/core/traject-repository';
import { trajectView } from '../src/trajectories/core/view';
import { writeResults } from './results';
import { initialContext } from '../src/trajectories/inburgering/context';
import { recordIntake, recordRealisticTrajectory, recordTrajectory } from './traject-200';
import { AnyStateMachine, assign, createActor, createMachine, initialTransition } from 'xstate';

/** XState's pure transition of `events` through `machine`, as fold.ts steps (one inert scope, no actor). */
function xstateFloor(machine: AnyStateMachine): (events: { type: string; data: unknown }[]) => unknown {
  const self = createActor(machine);
  const ignore = () => undefined;
  const scope = { self, defer: ignore, id: '', logger: ignore, sessionId: '', stopChild: ignore, system: self.system, emit: ignore, actionExecutor: ignore } as never;
  return (events) => {
    let snapshot = initialTransition(machine)[0];
    for (const e of events) snapshot = machine.transition(snapshot, { type: e.type, data: e.data }, scope);
    return snapshot;
  };
}
const count = assign(({ context }: { context: { n: number } }) => ({ n: context.n + 1 }));
const atomic = { initial: 'x', states: { x: {} } };
/** The machine's state shape on main 9a78640: {uitvoering: {leerroute: {b1: 'bezig'}, pvt: 'open', map: 'open', ontzorging: 'geen'}}. */
const bareParallel = createMachine({
  id: 'floor', initial: 'uitvoering', context: { n: 0 },
  states: { uitvoering: { type: 'parallel', on: { '*': { actions: count as never } }, states: { leerroute: { initial: 'b1', states: { b1: atomic } }, pvt: atomic, map: atomic, ontzorging: atomic } } },
});
/** Today's: the phases are states of the root, and uitvoering is one of them (machine.ts). */
const bareFlat = createMachine({ id: 'floor2', initial: 'uitvoering', context: { n: 0 }, states: { uitvoering: { on: { '*': { actions: count as never } } } } });
/**
 * The same with the trajectory's own context (its 33 fields; the hours added as `wijziging` adds them): XState's assign
 * copies the whole context per event with Object.assign into a new object, which V8 keeps as a dictionary beyond ~16
 * fields, so the copy weighs on every event whatever the machine decides.
 */
type Uren = { type: string; data: { soort: 'nt2'; uren: number } };
const urenErbij = assign(({ context, event }: { context: ReturnType<typeof initialContext>; event: Uren }) =>
  event.type === 'UrenGeregistreerd' ? { uren: { ...context.uren, [event.data.soort]: context.uren[event.data.soort] + event.data.uren } } : {});
const bareFlatContext = createMachine({ id: 'floor3', initial: 'uitvoering', context: initialContext, states: { uitvoering: { on: { '*': { actions: urenErbij as never } } } } });
const bareAtomic = createMachine({ id: 'floor1', initial: 'x', states: { x: { on: { '*': { actions: () => undefined } } } } });

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const EVENTS = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CALLERS = [1, 16, 64];

const BASELINE = process.env.BENCH_BASELINE_ROOT ? resolve(process.env.BENCH_BASELINE_ROOT) : null;

/** The baseline checkout's own fold alone and cold load, on the same store and events (none without BENCH_BASELINE_ROOT). */
async function baselineCases(store: EncryptingEventStore, keys: KeyStore, id: string, events: unknown[]): Promise<Record<string, () => unknown>> {
  if (!BASELINE) return {};
  /* eslint-disable @typescript-eslint/no-require-imports */
  const base = {
    fold: require(join(BASELINE, 'src/trajectories/core/fold')).fold,
    TrajectRepository: require(join(BASELINE, 'src/trajectories/core/traject-repository')).TrajectRepository,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const repository = new base.TrajectRepository(store, keys);
  const { kind } = await repository.load(id);
  return {
    [`fold alone, ${BASELINE}`]: () => base.fold(kind, id, events),
    [`cold load, ${BASELINE}`]: () => (repository.forget(id), repository.load(id)),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Each of `callers` calls `f` in a loop for `seconds`; throughput and latency percentiles. */
async function drive(callers: number, seconds: number, f: (caller: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: callers }, async (_, c) => {
    while (performance.now() < end) {
      const s = performance.now();
      await f(c);
      latencies.push(performance.now() - s);
    }
  }));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { callers, perSecond: latencies.length / elapsed, p50Ms: pct(0.5), p99Ms: pct(0.99) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ie-bench-fold-'));
  const keys = new KeyStore(join(dir, 'keys.sqlite'), randomBytes(32));
  const inner = new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'FULL' });
  const store = new EncryptingEventStore(inner, keys, DEFAULT_FIELD_GROUPS);
  const raw = new Database(join(dir, 'events.sqlite'), { readonly: true });
  try {
    const clock = new FixedClock(new Date('2026-11-29T10:00:00Z'));
    const handler = new CommandHandler(new TrajectRepository(store, keys), clock);
    const id = randomUUID();
    const streamId = `traject-${id}`;
    const events = await recordTrajectory(handler, id, EVENTS);
    const realId = randomUUID();
    const realEvents = await recordRealisticTrajectory(handler, realId, EVENTS);
    const realDecrypted = await store.readStream(`traject-${realId}`);
    const { kind } = await new TrajectRepository(store, keys).load(id);
    const decrypted = await store.readStream(streamId);
    const bare = raw.prepare('SELECT * FROM ie_events WHERE stream_id = ? AND version > ? ORDER BY version');
    const warm = new TrajectRepository(store, keys);
    await warm.load(id);
    const cold = new TrajectRepository(store, keys);
    const baseline = baselineCases(store, keys, id, decrypted);
    const realBaseline = baselineCases(store, keys, realId, realDecrypted);

    const parallelFloor = xstateFloor(bareParallel);
    const flatFloor = xstateFloor(bareFlat);
    const contextFloor = xstateFloor(bareFlatContext);
    const atomicFloor = xstateFloor(bareAtomic);
    const cases: Record<string, () => unknown> = {
      'baseline: bare SELECT + JSON.parse': () =>
        bare.all(streamId, 0).map((r: any) => ({ ...r, data: JSON.parse(r.data), metadata: JSON.parse(r.metadata) })),
      'adapter readStream': () => inner.readStream(streamId),
      'encrypting readStream (decrypt)': () => store.readStream(streamId),
      'fold alone (events in memory)': () => fold(kind, id, decrypted),
      'cold load: read + decrypt + fold': () => (cold.forget(id), cold.load(id)),
      ...(await baseline),
      'cached load (version check)': () => warm.load(id),
      [`realistic (${realEvents} events): fold alone`]: () => fold(kind, realId, realDecrypted),
      [`realistic (${realEvents} events): cold load`]: () => (cold.forget(realId), cold.load(realId)),
      ...Object.fromEntries(Object.entries(await realBaseline).map(([k, f]) => [`realistic (${realEvents} events): ${k}`, f])),
      'XState floor: same state shape, one assign': () => flatFloor(decrypted),
      "XState floor: same state shape, the trajectory's context, one assign": () => contextFloor(decrypted),
      'XState floor: parallel regions (main 9a78640), one assign': () => parallelFloor(decrypted),
      'XState floor: one state, no action': () => atomicFloor(decrypted),
    };
    const perRun: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    for (let run = 0; run < RUNS; run++) {
      // Interleaved, so the machine's noise falls on every case alike.
      for (const [name, f] of Object.entries(cases)) {
        const xs: number[] = [];
        for (let i = 0; i < ITERATIONS; i++) {
          const t0 = performance.now();
          await f();
          xs.push(performance.now() - t0);
        }
        perRun[name].push(median(xs));
      }
      process.stderr.write(`run ${run + 1}/${RUNS}\n`);
    }
    const bareRead = median(perRun['baseline: bare SELECT + JSON.parse']);
    const rows = Object.entries(perRun).map(([name, xs]) => ({ name, medianMs: median(xs), ratioToBaseline: median(xs) / bareRead, runsMs: xs }));
    const lines = [
      `Load and fold of a ${events}-event trajectory, median of ${RUNS} runs × ${ITERATIONS} loads (ms per load; ratio to the bare read in the same run)`,
      '',
      '| | median ms | × bare read |',
      '|---|---|---|',
      ...rows.map((r) => `| ${r.name} | ${r.medianMs.toFixed(3)} | ${r.ratioToBaseline.toFixed(2)} |`),
    ];
    console.log(lines.join('\n'));

    // The command path without HTTP.
    const repository = new TrajectRepository(store, keys);
    const commands = new CommandHandler(repository, clock);
    const config = { processingActivityId: 'bench', pseudonymSecret: 'bench' } as AppConfig;
    const inzage = new InzageService(store, clock, keys, config);
    const ids = Array.from({ length: Math.max(...CALLERS) }, () => randomUUID());
    for (const tid of ids) await recordIntake(commands, tid);
    const ctx = { actor: { id: 'bench', rol: 'klantmanager' }, correlationId: randomUUID() };
    const trace = traceFrom(undefined);
    const small = (c: number) => ({ eventId: randomUUID(), type: 'BenchAangevuld', data: { c }, metadata: { ...ctx, causationId: null, datum: '2026-11-29', recordedAt: clock.now().toISOString(), schemaVersion: 1 } });
    const throughput: Record<string, Awaited<ReturnType<typeof drive>>[]> = { 'bare append (store)': [], commands: [], 'dossier reads (+ access log)': [] };
    for (const callers of CALLERS) {
      throughput['bare append (store)'].push(await drive(callers, SECONDS, (c) => inner.append(`bench-${c}`, [small(c)], 'any')));
      throughput.commands.push(await drive(callers, SECONDS, (c) => commands.execute(ids[c], 'registreer-uren', { datum: '2026-06-01', soort: 'nt2', uren: 1 }, ctx)));
      throughput['dossier reads (+ access log)'].push(await drive(callers, SECONDS, async (c) => {
        const { kind: k, state } = await repository.load(ids[c]);
        const view = trajectView(k, state, clock.today());
        await inzage.trajectIngezien(ids[c], { lezer: { sub: 'bench', rol: 'klantmanager' }, trace, endpoint: 'GET /api/v1/trajecten/:id', correlationId: ctx.correlationId });
        return view;
      }));
      process.stderr.write(`${callers} callers done\n`);
    }
    const tp = [
      '',
      `In-process command path, synchronous FULL, ${SECONDS} s per cell (per second; p50 / p99 ms)`,
      '',
      `| | ${CALLERS.map((c) => `${c} caller${c > 1 ? 's' : ''}`).join(' | ')} |`,
      `|---|${CALLERS.map(() => '---').join('|')}|`,
      ...Object.entries(throughput).map(([name, xs]) => `| ${name} | ${xs.map((x) => `${Math.round(x.perSecond)}/s; ${x.p50Ms.toFixed(1)} / ${x.p99Ms.toFixed(1)}`).join(' | ')} |`),
    ];
    console.log(tp.join('\n'));
    lines.push(...tp);
    const out = writeResults('fold', { events, realisticEvents: realEvents, runs: RUNS, iterations: ITERATIONS, baselineRoot: BASELINE ?? null, rows, throughput, seconds: SECONDS, table: lines });
    console.log(`\n→ ${out}`);
  } finally {
    raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
