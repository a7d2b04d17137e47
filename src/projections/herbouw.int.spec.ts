import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectionsCli } from '../../scripts/projections';
import { DEMO_START, vulDemo } from '../../scripts/demo/vul';
import { createApp } from '../app.factory';
import { AppConfig, loadConfig } from '../config';
import { FixedClock } from '../events/clock';
import { PrivacyService } from '../privacy/privacy.service';
import { beginVanDag } from '../trajectories/core/kalender';
import { TRAJECTEN, TRAJECTEN_ZOEK } from './trajecten.projection';
import { AppModule } from '../app.module';
import { projectionsOfApp } from './projection-catalog';
import { ProjectionRunner } from './runner';
import { Projection } from './projection';
import { openProjectionsDb } from './projections-db';
import { bsnIndexGeheim, projectieSleutels } from './zoeksleutels';
import { HerbouwWerker, bronVan, herbouwParallel } from './herbouw-parallel';
import { herbouw } from './herbouw';
import { createEventStore } from '../events/events.module';
import { createEncryptingStore, createKeyStore } from '../privacy/privacy-providers';

/** Only their names and tables are read here. */
const PROJECTIONS = projectionsOfApp(AppModule);

jest.setTimeout(120_000);


/** Every projection table's rows, in a stable order, and the checkpoints. */
function inhoud(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of PROJECTIONS.flatMap((p) => p.tables)) {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((_, i) => i + 1);
      out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')}`).all();
    }
    out.ie_checkpoints = db.prepare('SELECT name, position, version FROM ie_checkpoints ORDER BY name').all();
    // The search keys' order of registration (the rowid) is read: trajectBijBsn's last tie-break.
    out.zoekVolgorde = db.prepare(`SELECT rowid, id FROM ${TRAJECTEN_ZOEK} ORDER BY rowid`).all();
    return out;
  } finally {
    db.close();
  }
}

/**
 * `npm run projections -- rebuild`: on a demo log recorded through the command path (with deadlines fired by the
 * scheduler and one erasure), a rebuilt projection equals the one the running app built event by event.
 */
describe('rebuilding projections from the log', () => {
  let dir: string;
  let config: AppConfig;
  let live: Record<string, unknown[]>;
  let gewist: string;
  const lines: string[] = [];
  const cli = (...argv: string[]) => projectionsCli(argv, config, (l) => lines.push(l));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ie-herbouw-'));
    config = { ...loadConfig({}), logLevel: process.env.LOG_LEVEL ?? 'silent', sqlitePath: join(dir, 'events.sqlite'), projectionsPath: join(dir, 'projections.sqlite') };
    const clock = new FixedClock(beginVanDag(DEMO_START));
    const app = await createApp({ clock, config });
    try {
      const { geweigerd } = await vulDemo(app, clock, 2021, '2022-08-31');
      expect(geweigerd).toEqual([]);
      const runner = app.get(ProjectionRunner);
      const bijgewerkt = async () => {
        for (const start = Date.now(); ; await new Promise((r) => setTimeout(r, 20))) {
          const status = await runner.status();
          if (status.every((s) => s.position === s.head && !s.failed)) return;
          if (Date.now() - start > 20_000) throw new Error(JSON.stringify(status));
        }
      };
      await bijgewerkt();
      const db = new Database(config.projectionsPath, { readonly: true });
      gewist = (db.prepare(`SELECT id FROM ${TRAJECTEN} WHERE naam IS NOT NULL ORDER BY id LIMIT 1`).get() as { id: string }).id;
      db.close();
      await app.get(PrivacyService).wis(gewist, 'test', undefined, { id: 'bram', rol: 'beheerder' }, 'c');
      await bijgewerkt();
    } finally {
      await app.close();
    }
    live = inhoud(config.projectionsPath);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('built a realistic read model, with the erased trajectory blanked', () => {
    expect(live[TRAJECTEN].length).toBeGreaterThan(100);
    expect(live.ie_p_termijnen_termijnen.length).toBeGreaterThan(100);
    expect(live.ie_p_ambities_feiten.length).toBeGreaterThan(50);
    expect(live[TRAJECTEN]).toContainEqual(expect.objectContaining({ id: gewist, naam: null, geslacht: null }));
  });

  it('rebuilding all gives exactly the same tables and checkpoints', async () => {
    expect(await cli('rebuild')).toBe(0);
    expect(lines.at(-1)).toMatch(/gebeurtenissen in .* s: [\d,]+ events\/s$/);
    expect(inhoud(config.projectionsPath)).toEqual(live);
  });

  it('rebuilding in parallel (a worker thread rebuilds half of the trajectories) gives exactly the same tables and checkpoints', async () => {
    lines.length = 0;
    expect(await cli('rebuild', '--parallel', '--werkers=1')).toBe(0);
    // Every projection in the worker too (in the modules' registration order, which the test does not fix).
    const inWerker = /in de werker \(de trajecten op 89abcdef: [\d,]+ gebeurtenissen\): (.+)/.exec(lines.join('\n'));
    expect(inWerker?.[1].split(', ').sort()).toEqual(
      ['ambities', 'bewaartermijnen', 'duo-notificaties', 'duo-outbox', 'inzage', 'schedule', 'termijnen', 'trajecten'],
    );
    expect(inhoud(config.projectionsPath)).toEqual(live);
    // Some of each kind, in parallel: the worker's rows replace what was there.
    const db = new Database(config.projectionsPath);
    db.prepare(`UPDATE ${TRAJECTEN} SET fase = 'kapot'`).run();
    db.prepare(`UPDATE ie_p_schedule_deadlines SET status = 'kapot'`).run();
    db.close();
    lines.length = 0;
    expect(await cli('rebuild', '--parallel', '--werkers=2', 'trajecten', 'schedule')).toBe(0);
    expect(lines.join('\n')).toMatch(/in de werkers \(de trajecten op 56789a, bcdef: [\d,]+ gebeurtenissen\): (trajecten, schedule|schedule, trajecten)/);
    expect(inhoud(config.projectionsPath)).toEqual(live);
  }, 180_000);

  /** The app's store and projections, `trajecten` marked as not keeping trajectories apart, and a started worker. */
  const parallelMetTrajectenHeel = async () => {
    const keys = createKeyStore(config);
    const store = createEncryptingStore(createEventStore(config), keys, config);
    const projections = projectionsOfApp(AppModule, { sleutels: projectieSleutels(config, keys), config })
      .map((p) => (p.name === 'trajecten' ? { ...p, byTrajectory: false } : p));
    return { keys, store, projections, db: openProjectionsDb(config.projectionsPath), werker: await HerbouwWerker.start() };
  };

  it('in parallel, a projection that does not keep trajectories apart is rebuilt whole in this thread, the others split; same tables', async () => {
    const { keys, store, projections, db, werker } = await parallelMetTrajectenHeel();
    try {
      db.prepare(`UPDATE ${TRAJECTEN} SET fase = 'kapot'`).run();
      // The end's WAL checkpoint made slow (300 ms more): it must count in the rebuild's time, as the copy does.
      const pragma = db.pragma.bind(db);
      db.pragma = ((sql: string, o?: Database.PragmaOptions) => {
        if (/wal_checkpoint/.test(sql)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
        return pragma(sql, o);
      }) as typeof db.pragma;
      const r = await herbouwParallel(new ProjectionRunner(store, db, projections), store, projections, {
        werker, bron: bronVan(config), bsnIndexGeheim: bsnIndexGeheim(config, keys), duo: config.duo, werkerEindigtOp: '02468ace', pageSize: 700,
      });
      expect(r.parallel?.checkpointSeconds).toBeGreaterThanOrEqual(0.3);
      expect(r.seconds).toBeGreaterThanOrEqual(r.parallel!.hierSeconds + r.parallel!.overnameSeconds + r.parallel!.checkpointSeconds - 0.02);
      expect(r.parallel?.werker).not.toContain('trajecten');
      expect(r.parallel?.werkerEvents).toBeGreaterThan(0);
      expect(r.parallel?.eindigtOp).toEqual({ hier: '13579bdf', werker: '02468ace' });
    } finally {
      await werker.stop();
      db.close();
      await store.close();
    }
    expect(inhoud(config.projectionsPath)).toEqual(live);
  }, 180_000);

  it('in parallel with two workers (three shares of the trajectories) gives exactly the same tables and checkpoints', async () => {
    const keys = createKeyStore(config);
    const store = createEncryptingStore(createEventStore(config), keys, config);
    const projections = projectionsOfApp(AppModule, { sleutels: projectieSleutels(config, keys), config });
    const db = openProjectionsDb(config.projectionsPath);
    const werkers = await Promise.all([HerbouwWerker.start(), HerbouwWerker.start()]);
    try {
      db.prepare(`UPDATE ${TRAJECTEN} SET fase = 'kapot'`).run();
      const r = await herbouwParallel(new ProjectionRunner(store, db, projections), store, projections, {
        werker: werkers, bron: bronVan(config), bsnIndexGeheim: bsnIndexGeheim(config, keys), duo: config.duo, pageSize: 700,
      });
      expect(r.parallel?.werkers.map((w) => w.eindigtOp)).toEqual(['56789a', 'bcdef']);
      expect(r.parallel?.eindigtOp).toEqual({ hier: '01234', werker: '56789abcdef' });
      for (const w of r.parallel!.werkers) expect(w.events).toBeGreaterThan(0);
      expect(r.events).toBe(await store.headPosition());
    } finally {
      await Promise.all(werkers.map((w) => w.stop()));
      db.close();
      await store.close();
    }
    expect(inhoud(config.projectionsPath)).toEqual(live);
  }, 180_000);

  it('in parallel, when the worker fails, the split projections are left empty at position 0 (never half), the others rebuilt', async () => {
    const { keys, store, projections, db, werker } = await parallelMetTrajectenHeel();
    try {
      const runner = new ProjectionRunner(store, db, projections);
      // A master key of the wrong length: the worker cannot open the key store.
      await expect(herbouwParallel(runner, store, projections, {
        werker, bron: { ...bronVan(config), masterKey: new Uint8Array(3) }, bsnIndexGeheim: bsnIndexGeheim(config, keys), duo: config.duo,
      })).rejects.toThrow(/Herbouw in de werker mislukt/);
      const head = await store.headPosition();
      for (const p of projections) expect([p.name, runner.checkpoint(p.name)]).toEqual([p.name, p.name === 'trajecten' ? head : 0]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM ie_p_termijnen_termijnen').get()).toEqual({ n: 0 });
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${TRAJECTEN}`).get()).toEqual({ n: live[TRAJECTEN].length });
    } finally {
      await werker.stop();
      db.close();
      await store.close();
    }
    expect(await cli('rebuild')).toBe(0);
    expect(inhoud(config.projectionsPath)).toEqual(live);
  }, 180_000);

  it('rebuilding only projections that declare their types reads only those types, and their checkpoints still reach the head', async () => {
    const db = new Database(config.projectionsPath);
    db.prepare(`UPDATE ie_p_termijnen_termijnen SET status_voor = 'kapot'`).run();
    db.close();
    expect(await cli('rebuild', '--enkel', 'schedule', 'termijnen', 'duo-notificaties')).toBe(0);
    expect(inhoud(config.projectionsPath)).toEqual(live);
  });

  it('rebuilding one leaves the others alone and gives the same table', async () => {
    const db = new Database(config.projectionsPath);
    db.prepare(`UPDATE ${TRAJECTEN} SET fase = 'kapot'`).run();
    db.close();
    expect(await cli('rebuild', 'trajecten')).toBe(0);
    expect(inhoud(config.projectionsPath)).toEqual(live);
  });

  it('declared event types and batch handlers change nothing: event by event, every event to every handler, gives the same tables', async () => {
    // Each projection as it was before it declared `types` and a batch handler: `handle` on every single event.
    const keys = createKeyStore(config);
    const store = createEncryptingStore(createEventStore(config), keys, config);
    const projections = projectionsOfApp(AppModule, { sleutels: projectieSleutels(config, keys), config });
    expect(projections.filter((p) => p.types).length).toBeGreaterThanOrEqual(5);
    expect(projections.filter((p) => p.handleBatch).length).toBeGreaterThanOrEqual(5);
    const eenVoorEen = projections.map((p): Projection => ({ name: p.name, version: p.version, schema: p.schema, tables: p.tables, handle: p.handle }));
    const path = join(dir, 'een-voor-een.sqlite');
    const db = openProjectionsDb(path);
    try {
      const runner = new ProjectionRunner(store, db, eenVoorEen);
      for (let page = await store.readAll({ limit: 1000 }); page.length; page = await store.readAll({ after: page[page.length - 1].position, limit: 1000 })) {
        for (const event of page) for (const p of eenVoorEen) runner.apply(p, [event]);
      }
    } finally {
      db.close();
      await store.close();
    }
    expect(inhoud(path)).toEqual(live);
  });

  it('rebuilding in many small pages (rows and deadlines spanning pages, read back or known absent) gives the same tables', async () => {
    // The demo log fits in one page of the CLI's rebuild; here every trajectory's rows are written over many pages.
    const keys = createKeyStore(config);
    const store = createEncryptingStore(createEventStore(config), keys, config);
    const projections = projectionsOfApp(AppModule, { sleutels: projectieSleutels(config, keys), config });
    const path = join(dir, 'kleine-paginas.sqlite');
    const db = openProjectionsDb(path);
    try {
      const { events } = await herbouw(new ProjectionRunner(store, db, projections), store, projections, { pageSize: 97 });
      expect(events).toBeGreaterThan(10 * 97);
    } finally {
      db.close();
      await store.close();
    }
    expect(inhoud(path)).toEqual(live);
  });

  it('status shows every projection at the head; an unknown name or command is refused', async () => {
    lines.length = 0;
    expect(await cli('status')).toBe(0);
    expect(lines).toHaveLength(PROJECTIONS.length);
    for (const l of lines) expect(l).toMatch(/^[a-z-]+: (\d+)\/\1$/);
    expect(await cli('rebuild', 'bestaat-niet')).toBe(2);
    expect(lines.at(-1)).toMatch(/Onbekende projectie: bestaat-niet/);
    expect(await cli('wis')).toBe(2);
    for (const n of ['0', '16', 'twee']) {
      expect(await cli('rebuild', '--parallel', `--werkers=${n}`)).toBe(2);
      expect(lines.at(-1)).toMatch(/--werkers=N/);
    }
  });
});
