/**
 * The load and fold of one 200-event trajectory, in-process on a real SQLite file (synchronous FULL) behind the
 * encrypting store: `coldMs` reads the whole stream, decrypts and folds it (a fresh repository, no cache);
 * `warmMs` is the command path's load with the cache (the version check, nothing new to fold); `foldMs` is the
 * machine fold alone over events already in memory. Modules come from `root`, so another checkout can be measured.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordTrajectory } from '../traject-200';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureFold(root: string, runs = 300) {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { SqliteEventStore } = require(join(root, 'src/events/sqlite/sqlite-event-store'));
  const { EncryptingEventStore } = require(join(root, 'src/privacy/encrypting-event-store'));
  const { DEFAULT_FIELD_GROUPS } = require(join(root, 'src/privacy/field-groups'));
  const { KeyStore } = require(join(root, 'src/privacy/key-store'));
  const { TrajectRepository } = require(join(root, 'src/trajectories/core/traject-repository'));
  const { CommandHandler } = require(join(root, 'src/trajectories/core/command-handler'));
  const { fold } = require(join(root, 'src/trajectories/core/fold'));
  const { FixedClock } = require(join(root, 'src/events/clock'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dir = mkdtempSync(join(tmpdir(), 'ie-bench-fold-'));
  const keys = new KeyStore(join(dir, 'keys.sqlite'), randomBytes(32));
  const store = new EncryptingEventStore(new SqliteEventStore({ path: join(dir, 'events.sqlite'), synchronous: 'FULL' }), keys, DEFAULT_FIELD_GROUPS);
  try {
    const clock = new FixedClock(new Date('2026-11-29T10:00:00Z'));
    const handler = new CommandHandler(new TrajectRepository(store, keys), clock);
    const id = randomUUID();
    const version = await recordTrajectory(handler, id);

    const time = async (f: () => unknown) => {
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await f();
        xs.push(performance.now() - t0);
      }
      return median(xs);
    };
    // Without the key store: a repository given one subscribes to its erasures and, never destroyed here, each load's
    // repository (and its cached 200 events) would stay alive, the heap growing from load to load.
    const coldMs = await time(() => new TrajectRepository(store).load(id));
    const warmRepo = new TrajectRepository(store, keys);
    await warmRepo.load(id);
    const warmMs = await time(() => warmRepo.load(id));
    const { kind } = await warmRepo.load(id);
    const events = await store.readStream(`traject-${id}`);
    const foldMs = await time(() => fold(kind, id, events));
    return { events: version, runs, coldMs, warmMs, foldMs };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
