import Database from 'better-sqlite3';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DUO_AFLEVERING, DUO_BERICHTEN, DUO_NOTIFICATIES } from '../src/duo/duo.projections';
import { DuoStandIn } from './duo-stand-in/stand-in';
import { bsns } from './support/bsns';

jest.setTimeout(600_000);

const root = resolve(__dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const OIN_GEMEENTE = '00000001001172773000';
const OIN_DUO = '00000001800866472000';
const N = 15;
const BERICHTEN_PER_TRAJECT = 6;
const NIEUW = bsns(6, 300_000_000);

/**
 * Issue 13: the outbox and the inbound notifications survive SIGKILL. A child server seeds trajectories whose
 * messages go to a slow stand-in and receives notifications; it is killed while messages are queued and in flight
 * and while notifications arrive, twice; after a restart every message reaches DUO once by BerichtId and every
 * notification is applied once.
 */
describe('DUO outbox and notifications across SIGKILL', () => {
  const duo = new DuoStandIn({ vertragingMs: 15, oinDuo: OIN_DUO, oinGemeente: OIN_GEMEENTE });
  let dir: string;
  let env: Record<string, string>;
  const kinderen: ChildProcessWithoutNullStreams[] = [];

  beforeAll(async () => {
    await duo.start();
    for (const [i, bsn] of NIEUW.entries()) duo.zetPersoon(bsn, { naam: `Nieuw ${i}`, geboortedatum: '1992-02-02', geslacht: 'x', datumInschrijvingBrp: '2026-11-01' });
    dir = mkdtempSync(join(tmpdir(), 'duo-crash-'));
    env = {
      EVENTS: join(dir, 'events.sqlite'), PROJECTIONS: join(dir, 'projections.sqlite'), N: String(N), LOG_LEVEL: 'silent',
      DUO_BASE_URL: duo.url, DUO_OIN_GEMEENTE: OIN_GEMEENTE, DUO_OIN_DUO: OIN_DUO, BRP_API_URL: duo.brpUrl,
      DUO_INTERVAL_MS: '20', DUO_BACKOFF_MIN_MS: '50', DUO_BACKOFF_MAX_MS: '500',
    };
  });
  afterAll(async () => {
    for (const c of kinderen) if (c.exitCode === null) c.kill('SIGKILL');
    await duo.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(mode: string, waitFor: string): Promise<{ child: ChildProcessWithoutNullStreams; port: number; line: string }> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/support/duo-process.ts', mode], {
      cwd: root, env: { ...process.env, ...env },
    });
    kinderen.push(child);
    let out = '';
    let err = '';
    let port = 0;
    return new Promise((ok, fail) => {
      child.stdout.on('data', (d) => {
        out += d;
        port ||= Number(/PORT (\d+)/.exec(out)?.[1] ?? 0);
        const line = out.split('\n').find((l) => l.startsWith(waitFor));
        if (line && port) ok({ child, port, line });
      });
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => fail(new Error(`${mode} exited ${code}: ${err}${out}`)));
    });
  }
  const kill = (child: ChildProcessWithoutNullStreams) => new Promise<void>((ok) => {
    child.removeAllListeners('exit');
    child.on('exit', () => ok());
    child.kill('SIGKILL');
  });
  const uitDb = <T>(pad: string, sql: string): T => {
    const db = new Database(pad, { readonly: true });
    try {
      return db.prepare(sql).get() as T;
    } finally {
      db.close();
    }
  };

  /** DUO retries a notification until it is answered 201, with the same BerichtId. */
  const notificaties = NIEUW.map((bsn) => ({ berichtId: randomUUID(), body: { registratieDatumTijd: '2026-11-20T08:00:00+01:00', gebeurtenisId: 'SS139', bsn } }));
  const bevestigd = new Set<string>();
  async function stuurNotificaties(port: number, tot: () => boolean) {
    duo.notificeerApp(port);
    for (const n of notificaties) {
      if (tot()) return;
      try {
        if ((await duo.notificeer(n.body, { berichtId: n.berichtId })).status === 201) bevestigd.add(n.berichtId);
      } catch {
        /* the server is gone: DUO tries again later */
      }
      await sleep(30);
    }
  }

  it('delivers every message once by BerichtId and applies every notification once', async () => {
    // 1. Seed; kill while the sender is part-way through the queue and notifications arrive.
    const seed = await start('seed', 'SEEDED');
    let gedood = false;
    const verzonden = stuurNotificaties(seed.port, () => gedood);
    while (duo.geregistreerd().length < (N * BERICHTEN_PER_TRAJECT) / 4) await sleep(10);
    await sleep(20);
    gedood = true;
    await kill(seed.child);
    await verzonden;
    const naEersteKill = duo.geregistreerd().length;
    const wachtend = uitDb<{ n: number }>(env.PROJECTIONS, `SELECT COUNT(*) AS n FROM ${DUO_BERICHTEN} b LEFT JOIN ${DUO_AFLEVERING} a USING (bericht_id)
      WHERE b.weigering IS NULL AND (a.status IS NULL OR a.status = 'wachtend')`).n;
    expect(wachtend).toBeGreaterThan(0);

    // 2. Restart; kill again while sending.
    const tweede = await start('run', 'PORT');
    while (duo.geregistreerd().length < naEersteKill + 10) await sleep(5);
    await kill(tweede.child);

    // 3. Restart; DUO sends every notification again (those answered 201 too): each is applied once.
    const derde = await start('run', 'PORT');
    await stuurNotificaties(derde.port, () => false);
    expect(bevestigd.size).toBe(NIEUW.length);
    for (const n of notificaties) expect((await duo.notificeer(n.body, { berichtId: n.berichtId })).status).toBe(201);

    const totaal = N * BERICHTEN_PER_TRAJECT;
    for (let i = 0; ; i++) {
      const open = uitDb<{ n: number }>(env.PROJECTIONS, `SELECT COUNT(*) AS n FROM ${DUO_NOTIFICATIES} WHERE uitkomst = 'ontvangen'`).n;
      if (duo.geregistreerd().length >= totaal && open === 0) break;
      if (i > 6000) throw new Error(`niet klaar: ${duo.geregistreerd().length}/${totaal} berichten, ${open} notificaties open`);
      await sleep(50);
    }
    await sleep(300);
    await new Promise<void>((ok) => { derde.child.removeAllListeners('exit'); derde.child.on('exit', () => ok()); derde.child.kill('SIGTERM'); });

    // Every message DUO's rules allow reached DUO, each BerichtId registered once; redeliveries were answered as before.
    const berichten = uitDb<{ n: number }>(env.PROJECTIONS, `SELECT COUNT(*) AS n FROM ${DUO_BERICHTEN} WHERE weigering IS NULL`).n;
    expect(berichten).toBe(totaal);
    const geregistreerd = duo.geregistreerd().map((o) => o.berichtId);
    expect(new Set(geregistreerd).size).toBe(totaal);
    expect(geregistreerd).toHaveLength(totaal);
    expect(duo.ongeldig()).toEqual([]);
    const herhaald = duo.ontvangen.filter((o) => o.herhaling).length;
    // eslint-disable-next-line no-console
    console.log(`DUO crash: ${totaal} berichten geregistreerd, ${herhaald} keer opnieuw aangeboden na een kill (zelfde BerichtId)`);

    // Every notification recorded once and applied once: one new trajectory per BSN.
    const count = (sql: string) => uitDb<{ n: number }>(env.EVENTS, sql).n;
    expect(count(`SELECT COUNT(*) AS n FROM ie_events WHERE type = 'DuoNotificatieOntvangen'`)).toBe(NIEUW.length);
    expect(count(`SELECT COUNT(*) AS n FROM ie_events WHERE type = 'DuoNotificatieVerwerkt'`)).toBe(NIEUW.length);
    expect(count(`SELECT COUNT(*) AS n FROM ie_events WHERE type = 'InburgeraarGeregistreerd' AND json_extract(metadata, '$.actor.id') = 'duo'`)).toBe(NIEUW.length);
    expect(count(`SELECT COUNT(*) AS n FROM ie_events WHERE type = 'InburgeraarGeregistreerd'`)).toBe(N + NIEUW.length);
  });
});
