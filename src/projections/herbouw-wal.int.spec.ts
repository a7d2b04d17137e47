import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { uitgesteldeCheckpoints } from './herbouw';
import { openProjectionsDb } from './projections-db';

/** A table `t` and a page of a rebuild's writes to it: page `n` commits 2,000 rows of 200 characters (about 125 pages). */
function tabelMetPaginas(db: Database.Database): (n: number) => void {
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  return db.transaction((n: number) => {
    for (let i = 0; i < 2000; i++) insert.run(`${n}-${i}`, 'x'.repeat(200));
  });
}

/** A rebuild's WAL: no automatic checkpoint while it writes, one at the end, and the setting as it was after. */
describe('uitgesteldeCheckpoints', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ie-herbouw-wal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every commit in the WAL while the rebuild runs, then checkpoints, empties the WAL and restores the setting', () => {
    const path = join(dir, 'p.sqlite');
    const db = openProjectionsDb(path);
    try {
      db.pragma('wal_autocheckpoint = 500');
      const page = tabelMetPaginas(db);
      const naAfloop = uitgesteldeCheckpoints(db);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      for (let n = 0; n < 10; n++) page(n);
      // About 1,250 pages: with the automatic checkpoint the WAL would have restarted at 500 (the file stays below ~650).
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(1000 * 4096);
      naAfloop();
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(500);
      expect(statSync(`${path}-wal`).size).toBe(0);
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 20_000 });
    } finally {
      db.close();
    }
  });
  it('nested (a parallel rebuild around this thread\'s): the inner end leaves the WAL to the outer, which checkpoints once', () => {
    const path = join(dir, 'p.sqlite');
    const db = openProjectionsDb(path);
    try {
      const page = tabelMetPaginas(db);
      const buiten = uitgesteldeCheckpoints(db);
      const binnen = uitgesteldeCheckpoints(db);
      for (let n = 0; n < 5; n++) page(n);
      binnen();
      // Still deferred after the inner end: what follows (the worker's rows, the indexes) joins the same WAL.
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(500 * 4096);
      for (let n = 5; n < 10; n++) page(n);
      buiten();
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(statSync(`${path}-wal`).size).toBe(0);
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 20_000 });
    } finally {
      db.close();
    }
  });
});
