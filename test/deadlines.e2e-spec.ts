import { INestApplication } from '@nestjs/common';
import Database from 'better-sqlite3';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../src/app.factory';
import { FixedClock } from '../src/events/clock';
import { EventStore } from '../src/events/event-store';
import { SqliteEventStore } from '../src/events/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../src/projections/runner';
import { Scheduler, deadlineEventId } from '../src/sagas/scheduler';
import { authHeaders } from './support/auth';
import { TrajectClient } from './support/traject-client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until every projection has seen the whole log. */
async function caughtUp(app: INestApplication): Promise<void> {
  const runner = app.get(ProjectionRunner);
  const head = await app.get(EventStore).headPosition();
  while (runner.projections.some((p) => runner.checkpoint(p.name) < head)) await sleep(10);
}

/** The schedule as the projection has it now, then one tick. */
async function tick(app: INestApplication) {
  await caughtUp(app);
  return app.get(Scheduler).tick();
}

const persoon = { naam: 'Amal Haddad', geboortedatum: '1994-05-02', geslacht: 'vrouw' };
const gezinsmigrant = { soort: 'inburgering', doelgroep: 'gezinsmigrant', datum: '2025-01-15', datumMeldingDuo: '2025-01-15', datumInschrijvingBrp: '2025-01-10', persoon };
const asielstatushouder = {
  soort: 'inburgering', doelgroep: 'asielstatushouder', datum: '2025-01-15', datumKoppeling: '2025-01-10', datumMeldingDuo: '2025-01-15', persoon,
};
const amsterdam = (datum: string, tijd = '12:00') => new Date(`${datum}T${tijd}:00+01:00`);

async function ofType(client: TrajectClient, id: string, type: string) {
  return (await client.gebeurtenissen(id)).filter((e) => e.type === type) as any[];
}

describe('durable deadlines', () => {
  describe('with the scheduler running', () => {
    let app: INestApplication;
    let client: TrajectClient;
    beforeAll(async () => ({ app, client } = await TrajectClient.start('2025-06-01T10:00:00Z', { config: { schedulerEnabled: true } })));
    afterAll(() => app.close());

    it('a back-dated koppeling whose screening deadline has passed fires at once', async () => {
      const { body } = await client.registreer(asielstatushouder);
      let fired: any[] = [];
      for (let i = 0; i < 200 && fired.length === 0; i++) {
        await sleep(20);
        fired = await ofType(client, body.id, 'ScreeningTermijnVerstreken');
      }
      expect(fired).toEqual([expect.objectContaining({
        eventId: deadlineEventId(`traject-${body.id}`, 'screening', '2025-03-22'),
        data: { uiterlijk: '2025-03-21' }, datum: '2025-03-22', actor: { id: 'systeem', rol: 'systeem' },
      })]);
      expect((await client.view(body.id)).termijnen.screening).toEqual({ uiterlijk: '2025-03-21', status: 'verstreken' });
    });
  });

  describe('driven by tick()', () => {
    let app: INestApplication;
    let client: TrajectClient;
    let clock: FixedClock;
    beforeEach(async () => ({ app, client, clock } = await TrajectClient.start('2025-01-20T10:00:00Z')));
    afterEach(() => app.close());

    it('PIP: fires once when the clock passes the last day in Amsterdam, however often it ticks', async () => {
      const { body } = await client.registreer(gezinsmigrant);
      expect(body.termijnen.pip.uiterlijk).toBe('2025-03-26');
      clock.set(amsterdam('2025-03-26', '23:59'));
      expect(await tick(app)).toEqual([]);
      clock.set('2025-03-26T23:30:00Z'); // 00:30 on 27 March in Amsterdam
      // A tick asked for while one runs joins it and runs once more right after it.
      const [first, second] = await Promise.all([tick(app), app.get(Scheduler).tick()]);
      expect(second).toBe(first);
      expect(first).toEqual([
        { traject: body.id, soort: 'pip', dueDate: '2025-03-27', uitkomst: 'gevuurd' },
        { traject: body.id, soort: 'pip', dueDate: '2025-03-27', uitkomst: 'al-gevuurd' },
      ]);
      // The schedule may lag behind the stream: a tick before it caught up writes nothing.
      expect((await app.get(Scheduler).tick()).map((r) => r.uitkomst)).not.toContain('gevuurd');
      expect(await tick(app)).toEqual([]);
      expect(await ofType(client, body.id, 'PipTermijnVerstreken')).toEqual([
        expect.objectContaining({ data: { uiterlijk: '2025-03-26' }, datum: '2025-03-27', actor: { id: 'systeem', rol: 'systeem' } }),
      ]);
    });

    it('PIP: suspension stops it; informatie derden moves it to max(old last day, receipt + 14)', async () => {
      const { body } = await client.registreer(gezinsmigrant);
      clock.set(amsterdam('2025-03-01'));
      await client.actie(body.id, 'stel-pip-termijn-op', { datum: '2025-03-01', reden: 'wacht op medisch advies' });
      clock.set(amsterdam('2025-04-01'));
      expect(await tick(app)).toEqual([]);
      const { body: view } = await client.actie(body.id, 'registreer-informatie-derden', { datum: '2025-04-01' });
      expect(view.termijnen.pip).toMatchObject({ uiterlijk: '2025-04-15', opgeschort: false });
      clock.set(amsterdam('2025-04-15'));
      expect(await tick(app)).toEqual([]);
      clock.set(amsterdam('2025-04-16', '00:01'));
      expect((await tick(app)).map((r) => r.uitkomst)).toEqual(['gevuurd']);
      expect((await ofType(client, body.id, 'PipTermijnVerstreken')).map((e) => e.data)).toEqual([{ uiterlijk: '2025-04-15' }]);
    });

    it('ontzorging: ends on tot with reden termijn-verstreken, later when verlengd', async () => {
      const { body } = await client.registreer({ ...asielstatushouder, datumInschrijvingBrp: '2025-01-15' });
      await client.actie(body.id, 'registreer-screening', { datum: '2025-01-20' });
      await client.actie(body.id, 'registreer-bijstand', { ingangsdatum: '2025-01-20' });
      clock.set(amsterdam('2025-07-01'));
      await client.actie(body.id, 'verleng-ontzorging', { datum: '2025-07-01', tot: '2025-09-20', reden: 'schuldhulp loopt nog' });
      clock.set(amsterdam('2025-09-19'));
      expect((await tick(app)).map((r) => r.soort)).toEqual(['pip']);
      expect(await ofType(client, body.id, 'OntzorgingBeeindigd')).toEqual([]);
      clock.set(amsterdam('2025-09-20', '00:00'));
      expect(await tick(app)).toEqual([{ traject: body.id, soort: 'ontzorging', dueDate: '2025-09-20', uitkomst: 'gevuurd' }]);
      expect(await ofType(client, body.id, 'OntzorgingBeeindigd')).toEqual([
        expect.objectContaining({ data: { datum: '2025-09-20', reden: 'termijn-verstreken' }, datum: '2025-09-20' }),
      ]);
      expect((await client.view(body.id)).ontzorging).toMatchObject({ actief: false, einddatum: '2025-09-20', reden: 'termijn-verstreken' });
    });

    it('inburgeringstermijn: fires at eind, and again at the new eind after a verlenging', async () => {
      const { body } = await client.registreer(gezinsmigrant);
      await client.actie(body.id, 'start-brede-intake', { datum: '2025-01-16' });
      await client.actie(body.id, 'registreer-leerbaarheidstoets', { datum: '2025-01-16', adviesNiveau: 'B1', adviesLeerroute: 'b1' });
      await client.actie(body.id, 'rond-brede-intake-af', { datum: '2025-01-17', bevindingen: { opleiding: 'mbo', werkervaring: 'horeca', gezondheid: 'goed', kinderenVve: 'n.v.t.' } });
      await client.actie(body.id, 'stel-pip-vast', { datum: '2025-01-20', leerroute: 'b1', voortgangsgesprekken: 4, participatieactiviteiten: [] });
      expect(await tick(app)).toEqual([]);
      clock.set(amsterdam('2028-01-20'));
      expect(await tick(app)).toEqual([]);
      clock.set(amsterdam('2028-01-21', '00:00'));
      expect(await tick(app)).toEqual([{ traject: body.id, soort: 'inburgeringstermijn', dueDate: '2028-01-21', uitkomst: 'gevuurd' }]);
      clock.set(amsterdam('2028-02-01'));
      await client.actie(body.id, 'verleng-inburgeringstermijn', { datum: '2028-02-01', nieuweEinddatum: '2028-07-21', grond: 'niet-verwijtbaar' });
      expect(await tick(app)).toEqual([]);
      clock.set(amsterdam('2028-07-21'));
      expect((await tick(app)).map((r) => r.dueDate)).toEqual(['2028-07-21']);
      expect(await tick(app)).toEqual([]);
      expect((await ofType(client, body.id, 'InburgeringstermijnVerstreken')).map((e) => e.data)).toEqual([{ eind: '2028-01-21' }, { eind: '2028-07-21' }]);
    });

    it('a deadline cancelled after the schedule last looked is refused, and nothing is written', async () => {
      const { body } = await client.registreer(asielstatushouder);
      clock.set(amsterdam('2025-04-01'));
      await caughtUp(app);
      app.get(ProjectionRunner).stop(); // the schedule still says: screening due since 22 March
      await client.actie(body.id, 'registreer-screening', { datum: '2025-03-15' });
      expect(await app.get(Scheduler).tick()).toEqual([{ traject: body.id, soort: 'screening', dueDate: '2025-03-22', uitkomst: 'geweigerd' }]);
      expect(await ofType(client, body.id, 'ScreeningTermijnVerstreken')).toEqual([]);
    });
  });

  it('two instances on the same files fire a deadline once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deadlines-'));
    const config = { sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite') };
    const clock = new FixedClock(new Date('2025-01-20T10:00:00Z'));
    const [a, b] = [await createApp({ clock, config }), await createApp({ clock, config })];
    try {
      const client = new TrajectClient(a, await authHeaders('klantmanager', 'kim'));
      const { body } = await client.registreer(gezinsmigrant);
      clock.set(amsterdam('2025-03-27'));
      await Promise.all([caughtUp(a), caughtUp(b)]);
      // Both decide on version 1 and both append: the second append finds the deterministic id and writes nothing.
      const results = (await Promise.all([a.get(Scheduler).tick(), b.get(Scheduler).tick()])).flat();
      expect(results.filter((r) => r.uitkomst === 'gevuurd').length).toBeGreaterThanOrEqual(1);
      // Registration with its deadline facts (pip, aow), then the firing with the PIP deadline's end: once.
      expect(await a.get(EventStore).headPosition()).toBe(5);
      await Promise.all([caughtUp(a), caughtUp(b)]);
      expect([...(await tick(a)), ...(await tick(b))]).toEqual([]);
      expect(await ofType(new TrajectClient(b, client.headers), body.id, 'PipTermijnVerstreken')).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('killed between the due moment and the firing', () => {
    const root = resolve(__dirname, '..');
    const dir = mkdtempSync(join(tmpdir(), 'deadlines-crash-'));
    const env = { EVENTS: join(dir, 'events.sqlite'), PROJECTIONS: join(dir, 'projections.sqlite'), NOW: '2025-06-01T10:00:00Z' };
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Starts test/support/deadline-process.ts; resolves with the first line starting with `waitFor` (the process then keeps running). */
    function start(mode: string, waitFor: string, scheduler = false): Promise<{ child: ChildProcessWithoutNullStreams; line: string }> {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'test/support/deadline-process.ts', mode], {
        cwd: root, env: { ...process.env, ...env, SCHEDULER: String(scheduler), LOG_LEVEL: 'silent' },
      });
      let out = '';
      let err = '';
      return new Promise((ok, fail) => {
        child.stdout.on('data', (d) => {
          out += d;
          const line = out.split('\n').find((l) => l.startsWith(waitFor));
          if (line) ok({ child, line });
        });
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code, signal) => fail(new Error(`${mode} exited (${code ?? signal}) before ${waitFor}: ${out}${err}`)));
      });
    }
    const kill9 = (child: ChildProcessWithoutNullStreams) => new Promise<void>((ok) => {
      child.removeAllListeners('exit');
      child.on('exit', () => ok());
      child.kill('SIGKILL');
    });
    const count = (type: string) => {
      const db = new Database(env.EVENTS, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM ie_events WHERE type = ?').get(type) as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const scheduleRow = (id: string) => {
      const db = new Database(env.PROJECTIONS, { readonly: true });
      try {
        return db.prepare("SELECT status FROM ie_p_schedule_deadlines WHERE traject = ? AND soort = 'screening'").get(id);
      } finally {
        db.close();
      }
    };

    it('fires exactly once after a restart, whether killed before or right after the firing; a rebuild gives the same read models', async () => {
      // 1. A process whose scheduler is off records a fact whose deadline has passed, and is killed -9.
      const seeded = await start('seed', 'DUE');
      const [, id, due] = seeded.line.split(' ');
      expect(due).toBe('1');
      await kill9(seeded.child);
      expect(count('ScreeningTermijnVerstreken')).toBe(0);

      // 2. Restarted with the scheduler on, it catches up: the deadline event is in the stream once.
      const first = await start('run', 'DONE', true);
      await new Promise((ok) => first.child.on('exit', ok));
      expect(count('ScreeningTermijnVerstreken')).toBe(1);

      // 3. Another trajectory: fired, then killed -9 before the schedule saw the event; the restart does not fire again.
      const seededAgain = await start('seed', 'DUE');
      const id2 = seededAgain.line.split(' ')[1];
      await kill9(seededAgain.child);
      const firing = await start('fire', 'FIRED');
      expect(firing.line).toBe('FIRED 1');
      await kill9(firing.child);
      expect(count('ScreeningTermijnVerstreken')).toBe(2);
      expect(scheduleRow(id2)).toEqual({ status: 'gepland' });
      const second = await start('run', 'DONE', true);
      await new Promise((ok) => second.child.on('exit', ok));
      expect(count('ScreeningTermijnVerstreken')).toBe(2);
      expect([scheduleRow(id), scheduleRow(id2)]).toEqual([{ status: 'gevuurd' }, { status: 'gevuurd' }]);

      const store = new SqliteEventStore({ path: env.EVENTS });
      try {
        for (const traject of [id, id2]) {
          const types = (await store.readStream(`traject-${traject}`)).map((e) => e.type);
          expect(types).toEqual(['InburgeraarGeregistreerd', 'TermijnGesteld', 'TermijnGesteld', 'ScreeningTermijnVerstreken', 'TermijnVervallen']);
        }
      } finally {
        await store.close();
      }

      // 4. Every projection rebuilt from position 0 equals the one the live processes left behind.
      const app = await createApp({ clock: new FixedClock(new Date(env.NOW)), config: { sqlitePath: env.EVENTS, projectionsPath: env.PROJECTIONS } });
      try {
        await caughtUp(app);
        const runner = app.get(ProjectionRunner);
        runner.stop();
        const db = new Database(env.PROJECTIONS, { readonly: true });
        const tables = () => Object.fromEntries(runner.projections.flatMap((p) => p.tables).map((t) => [
          t, (db.prepare(`SELECT * FROM ${t}`).all() as unknown[]).map((r) => JSON.stringify(r)).sort(),
        ]));
        const live = tables();
        // Two screening deadlines fired, and each registration also scheduled its AOW deadline.
        expect(live.ie_p_schedule_deadlines.filter((r) => r.includes('"soort":"screening"'))).toHaveLength(2);
        for (const p of runner.projections) await runner.rebuild(p);
        expect(tables()).toEqual(live);
        db.close();
      } finally {
        await app.close();
      }
    }, 120_000);
  });
});
