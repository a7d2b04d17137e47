/**
 * `npm run bench:http`: in one run, side by side, with one load client (undici) and the same request sequence:
 * - bare Node `http` (the floor), minimal NestJS apps on Express and on Fastify (the framework's own cost),
 * - this project (src/main.ts: real SQLite files, synchronous FULL, the access log, auth, rate limit on but high),
 * - the peer: Emmett 0.42 on its SQLite store behind bare `http` (bench/http/emmett-server.ts).
 * Each client repeats: register, start-brede-intake, registreer-leerbaarheidstoets, rond-brede-intake-af, stel-pip-vast,
 * then registreer-uren ×UREN; at 1, 16 and 64 concurrent clients. Then dossier reads (GET view, each appending its
 * access-log entry) at 64 clients. Finally, in this process, the load and fold of a 200-event trajectory, and the
 * store's appends/s with 1, 16 and 64 concurrent writers (what group commit buys, as a ratio within the run).
 *
 * Environment: BENCH_SECONDS (per measurement, default 5), BENCH_LEVELS (default 1,16,64), BENCH_SERVERS (subset,
 * e.g. `project,bare`; `project-x2`: two processes of this project on the same files, the clients spread over both),
 * BENCH_READS=0 (commands only), BENCH_SYNCHRONOUS=NORMAL (the project's events without a sync per commit: an experiment), BENCH_PROFILE=<dir> (a CPU profile of the project process), BENCH_PROJECT_ROOT (another checkout of this project to measure instead, for before/after).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import { Pool } from 'undici';
import { writeResults } from './results';
import { measureAppends } from './http/append-measure';
import { measureFold } from './http/fold-measure';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LEVELS = (process.env.BENCH_LEVELS ?? '1,16,64').split(',').map(Number);
const UREN = 20;
const ROOT = resolve(process.env.BENCH_PROJECT_ROOT ?? join(__dirname, '..'));
const SERVERS = (process.env.BENCH_SERVERS ?? 'bare,nest-express,nest-fastify,project,emmett').split(',');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];
/**
 * FULL unless BENCH_SYNCHRONOUS says otherwise: `NORMAL` (no sync at commit in WAL mode) is an experiment, not a result:
 * the most that taking the commit's fsync off the event loop (a worker thread owning the write connection) could give.
 */
const SYNCHRONOUS = process.env.BENCH_SYNCHRONOUS ?? 'FULL';

interface Server {
  name: string; port: number; child: ChildProcess; headers: Record<string, string>; dir?: string;
  /** More instances of the same server on the same files (`project-x2`): the clients are spread over all of them. */
  others?: Server[];
}
interface Run { throughput: number; p50: number; p99: number; ok: number; errors: number; firstError?: string; cpuMsPerRequest?: number }

/**
 * CPU time (user + system, ms) the server process has used so far, from /proc (Linux; undefined elsewhere). Its
 * growth over a measurement divided by the requests answered is the server's CPU per request: what a core can carry,
 * less disturbed by other work on a shared machine than req/s.
 */
function cpuMsOf(child: ChildProcess): number | undefined {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** Starts a child that prints `LISTENING <port>`. */
function startListening(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Server> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { cwd: join(__dirname, '..'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err = (err + d).slice(-4000))); // the tail, for a failure: the log of every request would pile up here
    child.stdout!.on('data', (d) => {
      const m = /LISTENING (\d+)/.exec(String(d));
      if (m) res({ name, port: Number(m[1]), child, headers: {} });
    });
    child.on('exit', (code) => rej(new Error(`${name} stopped (${code}): ${err.slice(-2000)}`)));
  });
}

/**
 * This project as deployed: `node src/main.ts` with its own SQLite files in a temp folder, synchronous FULL. With
 * `instances` > 1, that many processes on the same files (as two instances behind a load balancer, or node:cluster
 * workers: the store's cross-process cache invalidation keeps them consistent), each on its own port.
 */
async function startProject(name = 'project', instances = 1): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'ie-bench-http-'));
  const secret = randomBytes(32).toString('hex');
  const first = await startProjectIn(dir, secret, name);
  // One after the other: the first made the files, keys and development secrets the others then open.
  first.others = [];
  for (let i = 1; i < instances; i++) first.others.push(await startProjectIn(dir, secret, name));
  return first;
}

/** The Node flags the measured checkout starts with (`npm start`: `node <flags> dist/main.js`), so it runs as deployed. */
function deployedNodeFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts?.start ?? '';
  return /^node\s+(.*?)\s*dist\/main\.js/.exec(start)?.[1].split(/\s+/).filter(Boolean) ?? [];
}

async function startProjectIn(dir: string, secret: string, name: string): Promise<Server> {
  const port = await freePort();
  // BENCH_PROFILE=<dir>: a CPU profile of the project process (written when it stops), to see what limits it.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE)}`] : [];
  const child = spawn(process.execPath, [...deployedNodeFlags(), ...profile, ...TS_NODE, join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: String(port), SQLITE_PATH: join(dir, 'events.sqlite'), PROJECTIONS_SQLITE_PATH: join(dir, 'projections.sqlite'),
      KEYSTORE_PATH: join(dir, 'keys.sqlite'), SQLITE_SYNCHRONOUS: SYNCHRONOUS, AUTH_JWT_SECRET: secret, NODE_ENV: 'development',
      RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000', SCHEDULER_ENABLED: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-4000))); // the tail, for a failure: the log of every request would pile up here
  const token = await new SignJWT({ name: 'Bench', rollen: ['klantmanager'] })
    .setProtectedHeader({ alg: 'HS256' }).setSubject('bench').setIssuedAt().setExpirationTime('2h')
    .sign(Buffer.from(secret));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`project stopped: ${err.slice(-2000)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/ready`);
      if (r.ok) return { name, port, child, dir, headers: { authorization: `Bearer ${token}` } };
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error('project did not become ready');
}

async function start(name: string): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), `ie-bench-${name}-`));
  switch (name) {
    case 'bare': return startListening(name, [...TS_NODE, join(__dirname, 'http/bare-server.ts')]);
    case 'nest-express': return startListening(name, [...TS_NODE, join(__dirname, 'http/nest-server.ts'), 'express']);
    case 'nest-fastify': return startListening(name, [...TS_NODE, join(__dirname, 'http/nest-server.ts'), 'fastify']);
    case 'emmett': return { ...(await startListening(name, [...TS_NODE, join(__dirname, 'http/emmett-server.ts'), join(dir, 'emmett.sqlite')])), dir };
    case 'project': return startProject();
    case 'project-x2': return startProject(name, 2);
    default: throw new Error(`unknown server ${name}`);
  }
}

async function stop(s: Server): Promise<void> {
  for (const o of s.others ?? []) await stop({ ...o, dir: undefined });
  s.child.kill('SIGTERM');
  await Promise.race([new Promise((r) => s.child.once('exit', r)), sleep(5000)]);
  if (s.child.exitCode === null) s.child.kill('SIGKILL');
  if (s.dir) rmSync(s.dir, { recursive: true, force: true });
}

const REGISTRATIE = {
  soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2026-01-10', datumKoppeling: '2026-01-06',
  persoon: { naam: 'Noor Jansen', geboortedatum: '1990-01-01', geslacht: 'vrouw' },
};
const STAPPEN: [string, Record<string, unknown>][] = [
  ['start-brede-intake', { datum: '2026-02-01' }],
  ['registreer-leerbaarheidstoets', { datum: '2026-02-01', adviesNiveau: 'B1', adviesLeerroute: 'b1' }],
  ['rond-brede-intake-af', { datum: '2026-02-02', bevindingen: { opleiding: 'havo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' } }],
  ['stel-pip-vast', { datum: '2026-03-01', leerroute: 'b1', voortgangsgesprekken: 2, participatieactiviteiten: ['werkervaringsplek'] }],
  ...Array.from({ length: UREN }, (): [string, Record<string, unknown>] => ['registreer-uren', { datum: '2026-06-01', soort: 'nt2', uren: 1 }]),
];

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN);

/** Runs `clients` loops of `step` for SECONDS; each step is one timed request. */
async function drive(s: Server, clients: number, loop: (send: (method: string, path: string, body?: unknown) => Promise<any>) => Promise<void>): Promise<Run> {
  const servers = [s, ...(s.others ?? [])];
  const pools = servers.map((x) => new Pool(`http://127.0.0.1:${x.port}`, { connections: Math.ceil(clients / servers.length), pipelining: 1 }));
  let nextClient = 0;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let measuring = false;
  let stopAt = Date.now() + 1000; // warm-up
  const send = (pool: Pool) => async (method: string, path: string, body?: unknown) => {
    const t0 = performance.now();
    const res = await pool.request({ method: method as 'GET', path, headers: { ...s.headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.body.text();
    const ms = performance.now() - t0;
    if (measuring) {
      if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(ms);
      else {
        errors++;
        firstError ??= `${method} ${path} → ${res.statusCode} ${text.slice(0, 300)}`;
      }
    }
    if (Date.now() > stopAt) throw new Stop();
    try {
      return JSON.parse(text);
    } catch {
      return {};
    }
  };
  const clientLoop = async () => {
    // Client i talks to instance i mod n, on that instance's connection pool.
    const mySend = send(pools[nextClient++ % pools.length]);
    for (;;) {
      try {
        await loop(mySend);
      } catch (err) {
        if (err instanceof Stop) return;
        errors++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, clientLoop));
  measuring = true;
  stopAt = Date.now() + SECONDS * 1000;
  const t0 = Date.now();
  const cpuOf = () => servers.reduce<number | undefined>((sum, x) => { const c = cpuMsOf(x.child); return sum === undefined || c === undefined ? undefined : sum + c; }, 0);
  const cpu0 = cpuOf();
  await Promise.all(Array.from({ length: clients }, clientLoop));
  const elapsed = (Date.now() - t0) / 1000;
  const cpu1 = cpuOf();
  await Promise.all(pools.map((p) => p.close()));
  latencies.sort((a, b) => a - b);
  const cpuMsPerRequest = cpu0 !== undefined && cpu1 !== undefined && latencies.length > 0 ? (cpu1 - cpu0) / (latencies.length + errors) : undefined;
  return { throughput: latencies.length / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), ok: latencies.length, errors, firstError, cpuMsPerRequest };
}

class Stop extends Error {}

/** One trajectory's commands; the ids of registered trajectories are kept for the read phase. */
const commands = (ids: string[]) => async (send: (m: string, p: string, b?: unknown) => Promise<any>) => {
  const reg = await send('POST', '/api/v1/trajecten', REGISTRATIE);
  const id = typeof reg.id === 'string' ? reg.id : randomUUID();
  if (ids.length < 5000 && typeof reg.id === 'string') ids.push(id);
  for (const [actie, body] of STAPPEN) await send('POST', `/api/v1/trajecten/${id}/acties/${actie}`, body);
};

const reads = (ids: string[]) => {
  let i = 0;
  return async (send: (m: string, p: string) => Promise<any>) => {
    await send('GET', `/api/v1/trajecten/${ids[i++ % Math.max(1, ids.length)] ?? randomUUID()}`);
  };
};

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');

async function main(): Promise<void> {
  const results: Record<string, Record<string, Run>> = {};
  for (const name of SERVERS) {
    process.stderr.write(`${name}: starting\n`);
    let server: Server;
    try {
      server = await start(name);
    } catch (err) {
      process.stderr.write(`${name}: could not start: ${(err as Error).message}\n`);
      continue;
    }
    results[name] = {};
    const ids: string[] = [];
    try {
      for (const c of LEVELS) {
        process.stderr.write(`${name}: commands, ${c} clients\n`);
        results[name][`commands@${c}`] = await drive(server, c, commands(ids));
      }
      const c = Math.max(...LEVELS);
      if (process.env.BENCH_READS !== '0') {
        process.stderr.write(`${name}: reads, ${c} clients\n`);
        results[name][`reads@${c}`] = await drive(server, c, reads(ids));
      }
    } finally {
      await stop(server);
    }
  }

  process.stderr.write('fold: 200-event trajectory\n');
  const fold = await measureFold(ROOT);
  process.stderr.write('store: concurrent appends\n');
  const appends = await measureAppends(ROOT);

  const keys = [...new Set(Object.values(results).flatMap((r) => Object.keys(r)))];
  const lines = ['| server | measurement | req/s | p50 ms | p99 ms | errors | server CPU ms/req | × bare | × peer |', '|---|---|---|---|---|---|---|---|---|'];
  for (const [name, runs] of Object.entries(results)) {
    for (const key of keys) {
      const r = runs[key];
      if (!r) continue;
      const bare = results.bare?.[key]?.throughput;
      const peer = results.emmett?.[key];
      // Compared with the peer only where it completed the run (under 1% failed requests).
      const peerCompleted = peer && peer.ok > 0 && peer.errors <= peer.ok / 100;
      const peerRatio = peerCompleted ? r.throughput / peer.throughput : NaN;
      lines.push(`| ${name} | ${key} | ${fmt(r.throughput)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.errors} | ${fmt(r.cpuMsPerRequest ?? NaN, 3)} | ${bare ? fmt(r.throughput / bare, 2) : '—'} | ${fmt(peerRatio, 1)} |`);
    }
  }
  lines.push('× peer: — where the peer did not complete the run (1% or more of its requests failed).', '', `Load and fold of a 200-event trajectory (median of ${fold.runs}): from the store ${fmt(fold.coldMs, 3)} ms, cached (version check) ${fmt(fold.warmMs, 3)} ms, fold alone ${fmt(fold.foldMs, 3)} ms`);
  const one = appends['1 writers'];
  lines.push('', `Store alone, synchronous FULL, single-event appends/s: ${Object.entries(appends).map(([k, v]) => `${k} ${fmt(v)} (${fmt(v / one, 1)}×)`).join(', ')}`);
  console.log(lines.join('\n'));
  for (const [name, runs] of Object.entries(results)) {
    for (const [key, r] of Object.entries(runs)) if (r.firstError) console.log(`${name} ${key}: first error: ${r.firstError}`);
  }
  const out = writeResults('http', { seconds: SECONDS, levels: LEVELS, projectRoot: ROOT, synchronous: SYNCHRONOUS, results, fold, appends, table: lines });
  console.log(`\n${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
