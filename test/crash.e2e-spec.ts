import Database from 'better-sqlite3';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenFor } from './support/auth';

/**
 * Crash suite (issues 10 and 12): a real server process (test/support/crash-server.ts: SQLite synchronous FULL, the
 * deadline scheduler on) under a multi-client write load — registrations back-dated so that deadlines fire at once,
 * multi-event commands (registreer-bijstand for an asielstatushouder: BijstandToegekend + OntzorgingGestart) — is
 * killed with SIGKILL at a random moment, then restarted on the same files. After every restart:
 * - every acknowledged command (2xx) is in its stream: its events (by correlation id = X-Request-Id) and the revision
 *   it answered;
 * - nothing is half-written: the events of one request are one contiguous run in one stream, and a registreer-bijstand
 *   that is there at all is there whole;
 * - no deadline fired twice (no two system events of one type with the same data in a stream);
 * - the hash chain verifies (GET /api/v1/audit/integriteit) and /ready answers 200.
 * CRASH_ROUNDS (default 10) sets the number of kills; CRASH_CLIENTS (default 8) the concurrent clients.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);
const CLIENTS = Number(process.env.CRASH_CLIENTS ?? 8);
jest.setTimeout(60_000 + ROUNDS * 45_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server { child: ChildProcess; port: number; exited: Promise<unknown> }
interface Ack { requestId: string; traject: string; actie: string; revisie: number }

function startServer(dir: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'support/crash-server.ts')], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, DIR: dir, TS_NODE_PROJECT: join(__dirname, '../tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      const m = /LISTENING (\d+)/.exec(String(d));
      if (m) resolve({ child, port: Number(m[1]), exited });
    });
    void exited.then((code) => reject(new Error(`crash server stopped (${code}): ${err.slice(-3000)}`)));
  });
}

const REGISTRATIE = {
  soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2025-06-02', datumKoppeling: '2025-05-28', datumMeldingDuo: '2025-06-02',
  persoon: { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw' },
};
/** After registration; a step the machine refuses (422, e.g. after a deadline fired) is simply not acknowledged. */
const STAPPEN: [string, Record<string, unknown>][] = [
  ['registreer-bijstand', { ingangsdatum: '2025-06-03' }],
  ['registreer-inschrijving-brp', { datum: '2025-06-04' }],
  ['start-brede-intake', { datum: '2025-06-10' }],
  ['registreer-leerbaarheidstoets', { datum: '2025-06-10', adviesNiveau: 'B1', adviesLeerroute: 'b1' }],
  ['rond-brede-intake-af', { datum: '2025-06-12', bevindingen: { opleiding: 'havo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' } }],
  ['stel-pip-vast', { datum: '2025-06-20', leerroute: 'b1', voortgangsgesprekken: 2, participatieactiviteiten: [] }],
  ['registreer-uren', { datum: '2025-07-01', soort: 'nt2', uren: 10 }],
  ['registreer-uren', { datum: '2025-08-01', soort: 'nt2', uren: 10 }],
];

describe(`crash suite: SIGKILL under a ${CLIENTS}-client write load, ${ROUNDS} rounds`, () => {
  let dir: string;
  let server: Server | undefined;
  let klantmanager: string;
  let compliance: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ie-crash-'));
    klantmanager = `Bearer ${await tokenFor('klantmanager', 'kim')}`;
    compliance = `Bearer ${await tokenFor('compliance', 'carla')}`;
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await Promise.race([server.exited, sleep(10_000)]);
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged command, writes nothing half, fires no deadline twice, and the chain verifies', async () => {
    const acked: Ack[] = [];
    const bijstandRequests = new Set<string>();
    const sent = { requests: 0, refused: 0, failed: 0 };
    const totals = { rounds: 0, acknowledged: 0, lost: 0, halfWritten: 0, doubledDeadlines: 0, deadlineEvents: 0 };

    const post = async (port: number, path: string, body: unknown, requestId: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST', body: JSON.stringify(body),
        headers: { authorization: klantmanager, 'content-type': 'application/json', 'x-request-id': requestId },
      });
      return { status: res.status, body: (await res.json()) as { id?: string; revisie?: number } };
    };

    /** One client: trajectories one after another, each registered and taken through STAPPEN, until its server dies. */
    const client = async (port: number, alive: () => boolean) => {
      while (alive()) {
        try {
          const requestId = randomUUID();
          sent.requests++;
          const reg = await post(port, '/api/v1/trajecten', REGISTRATIE, requestId);
          if (reg.status !== 201) throw new Error(`register ${reg.status}: ${JSON.stringify(reg.body)}`);
          const traject = reg.body.id!;
          acked.push({ requestId, traject, actie: 'registreer', revisie: reg.body.revisie! });
          for (const [actie, body] of STAPPEN) {
            if (!alive()) return;
            const id = randomUUID();
            if (actie === 'registreer-bijstand') bijstandRequests.add(id);
            sent.requests++;
            const res = await post(port, `/api/v1/trajecten/${traject}/acties/${actie}`, body, id);
            if (res.status === 200) acked.push({ requestId: id, traject, actie, revisie: res.body.revisie! });
            else if (res.status === 422 || res.status === 409) sent.refused++;
            else throw new Error(`${actie} ${res.status}: ${JSON.stringify(res.body)}`);
          }
        } catch (err) {
          // The server was killed mid-request: that request is unacknowledged. Anything else is a failure.
          if (alive()) throw err;
          sent.failed++;
        }
      }
    };

    const waitReady = async (port: number) => {
      for (let i = 0; i < 300; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
        if (res?.status === 200) return;
        await sleep(100);
      }
      throw new Error('/ready did not answer 200 within 30 s after restart');
    };

    /** Reads the event file directly (read-only, beside the running server) and checks the four promises. */
    const verify = () => {
      const db = new Database(join(dir, 'events.sqlite'), { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare(`SELECT stream_id, version, type, data, metadata FROM ie_events WHERE stream_id LIKE 'traject-%' ORDER BY position`)
          .all() as { stream_id: string; version: number; type: string; data: string; metadata: string }[];
        const heads = new Map<string, number>();
        const byRequest = new Map<string, { stream: string; versions: number[]; types: string[] }>();
        const system = new Map<string, number>();
        for (const r of rows) {
          heads.set(r.stream_id, Math.max(heads.get(r.stream_id) ?? 0, r.version));
          const meta = JSON.parse(r.metadata) as { correlationId: string; actor: { id: string } };
          const g = byRequest.get(meta.correlationId) ?? { stream: r.stream_id, versions: [], types: [] };
          if (g.stream !== r.stream_id) g.stream = '(several)';
          g.versions.push(r.version);
          g.types.push(r.type);
          byRequest.set(meta.correlationId, g);
          if (meta.actor.id === 'systeem') {
            const key = `${r.stream_id} ${r.type} ${r.data}`;
            system.set(key, (system.get(key) ?? 0) + 1);
          }
        }
        const lost = acked.filter((a) => {
          const g = byRequest.get(a.requestId);
          return !g || g.stream !== `traject-${a.traject}` || (heads.get(g.stream) ?? 0) < a.revisie + 1;
        });
        const half = [...byRequest.entries()].filter(([requestId, g]) =>
          g.stream === '(several)' ||
          g.versions.some((v, i) => i > 0 && v !== g.versions[i - 1] + 1) ||
          (bijstandRequests.has(requestId) && !(g.types.includes('BijstandToegekend') && g.types.includes('OntzorgingGestart'))));
        const doubled = [...system.entries()].filter(([, n]) => n > 1);
        return { lost, half, doubled, deadlineEvents: [...system.values()].reduce((a, b) => a + b, 0) };
      } finally {
        db.close();
      }
    };

    server = await startServer(dir);
    for (let round = 1; round <= ROUNDS; round++) {
      const current = server;
      let alive = true;
      const load = Promise.all(Array.from({ length: CLIENTS }, () => client(current.port, () => alive)));
      // A random moment under load: mid-batch, mid-deadline, mid-projection.
      await sleep(500 + Math.random() * 2500);
      alive = false;
      current.child.kill('SIGKILL');
      await current.exited;
      await load;

      server = await startServer(dir);
      await waitReady(server.port);
      const integriteit = await fetch(`http://127.0.0.1:${server.port}/api/v1/audit/integriteit`, { headers: { authorization: compliance } });
      expect(integriteit.status).toBe(200);
      const rapport = (await integriteit.json()) as { ok: boolean; gebroken: unknown[] };
      expect(rapport.gebroken).toEqual([]);
      expect(rapport.ok).toBe(true);

      const { lost, half, doubled, deadlineEvents } = verify();
      totals.rounds = round;
      totals.acknowledged = acked.length;
      totals.lost = lost.length;
      totals.halfWritten = half.length;
      totals.doubledDeadlines = doubled.length;
      totals.deadlineEvents = deadlineEvents;
      expect(lost).toEqual([]);
      expect(half).toEqual([]);
      expect(doubled).toEqual([]);
    }
    console.log(`crash suite: ${JSON.stringify({ ...totals, clients: CLIENTS, ...sent })}`);
    // The load did real work: commands were acknowledged, deadlines fired and multi-event commands ran.
    expect(totals.acknowledged).toBeGreaterThan(ROUNDS);
    expect(acked.some((a) => a.actie === 'registreer-bijstand')).toBe(true);
    expect(totals.deadlineEvents).toBeGreaterThan(0);
  });
});
