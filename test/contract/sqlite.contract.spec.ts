import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '../../src/events/event-store';
import { SqliteEventStore } from '../../src/events/sqlite/sqlite-event-store';
import { ByteOffsetPositions, describeAuditPagingContract } from './audit-paging.contract';
import { describeEventStoreContract } from './event-store.contract';
import { expectValidChain, newEvents, streamId } from './helpers';

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ie-contract-'));
  return { dir, path: join(dir, 'events.sqlite') };
};

describeEventStoreContract('SQLite', async () => {
  const { dir, path } = tempFile();
  const opened: EventStore[] = [];
  const open = () => {
    const store = new SqliteEventStore({ path, pollIntervalMs: 20 });
    opened.push(store);
    return store;
  };
  return {
    store: open(),
    openAnother: async () => open(),
    cleanup: async () => {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const CHILD = join(__dirname, 'fixtures', 'sqlite-append-child.ts');
const child = (...args: string[]): ChildProcess =>
  spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', CHILD, ...args], {
    cwd: join(__dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });

/** Resolves with the first stdout line starting with `prefix`; rejects if the child dies first. */
function lineFrom(proc: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    proc.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith(prefix));
      if (line !== undefined) resolve(line);
    });
    proc.on('exit', (code) => reject(new Error(`child exited (${code}) before ${prefix}: ${err}`)));
  });
}

describe('SqliteEventStore durability (SQLite only)', () => {
  let dir: string;
  let path: string;
  beforeEach(() => ({ dir, path } = tempFile()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps an acknowledged append after closing and reopening the file', async () => {
    const s = streamId();
    const first = new SqliteEventStore({ path });
    await first.append(s, newEvents(3), 'no-stream');
    const before = await first.readStream(s);
    await first.close();
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.readStream(s)).toEqual(before);
    expect(await reopened.append(s, newEvents(1), 3)).toMatchObject({ nextVersion: 4 });
    expectValidChain(await reopened.readStream(s));
    await reopened.close();
  });

  it('keeps its identity across reopening; another file has another one', async () => {
    const first = new SqliteEventStore({ path });
    const id = await first.identity();
    await first.close();
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.identity()).toBe(id);
    await reopened.close();
    const other = tempFile();
    const elsewhere = new SqliteEventStore({ path: other.path });
    expect(await elsewhere.identity()).not.toBe(id);
    await elsewhere.close();
    rmSync(other.dir, { recursive: true, force: true });
  });

  it('keeps an acknowledged append when the writing process is killed (SIGKILL) right after it', async () => {
    const s = streamId();
    const proc = child('append', path, s, '5');
    const ok = await lineFrom(proc, 'OK');
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    const reopened = new SqliteEventStore({ path });
    const stored = await reopened.readStream(s);
    expect(stored.map((e) => e.eventId)).toEqual(ok.split(' ').slice(1));
    expectValidChain(stored);
    await reopened.close();
  }, 30_000);

  it('lets exactly one of several processes win each version of one stream', async () => {
    const s = streamId();
    const versions = 150;
    await new SqliteEventStore({ path }).close(); // create the schema once, before the race
    const procs = Array.from({ length: 4 }, () => child('race', path, s, String(versions)));
    await Promise.all(procs.map((p) => lineFrom(p, 'READY')));
    const results = procs.map((p) => lineFrom(p, 'WON'));
    procs.forEach((p) => p.stdin!.write('go\n'));
    const won = (await Promise.all(results)).map((line) => line.split(' ').slice(1).filter(Boolean));
    const store = new SqliteEventStore({ path });
    const stored = await store.readStream(s);
    expect(stored.map((e) => e.version)).toEqual(Array.from({ length: versions }, (_, i) => i + 1));
    expect(won.flat().sort()).toEqual(stored.map((e) => e.eventId).sort());
    expectValidChain(stored);
    await store.close();
  }, 60_000);
});

/** The audit paging on SQLite, and on SQLite with positions that are sparse and refused inside a record (as EventStoreDB's). */
for (const [name, wrap] of [['SQLite', (s: EventStore) => s], ['SQLite with byte-offset positions', (s: EventStore) => new ByteOffsetPositions(s)]] as const) {
  describeAuditPagingContract(name, async () => {
    const { dir, path } = tempFile();
    const store = wrap(new SqliteEventStore({ path, pollIntervalMs: 20 }));
    return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  });
}
