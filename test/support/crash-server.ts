/**
 * A real application process for the crash suite (test/crash.e2e-spec.ts), run with
 * `node -r ts-node/register/transpile-only test/support/crash-server.ts`; also the second instance of the cache test
 * (test/second-instance.e2e-spec.ts). Environment: DIR (its SQLite files: events, projections, keys and the development
 * master key stay there across restarts), PROJECTIONS (another projections file, optional), SCHEDULER (`false` to turn
 * the deadline scheduler off). The scheduler runs on the system clock by default: back-dated facts make it fire at once.
 * Prints `LISTENING <port>` and serves until killed.
 */
import { join } from 'node:path';
import { createApp } from '../../src/app.factory';

async function main(): Promise<void> {
  const dir = process.env.DIR!;
  const app = await createApp({
    config: {
      sqlitePath: join(dir, 'events.sqlite'),
      projectionsPath: process.env.PROJECTIONS ?? join(dir, 'projections.sqlite'),
      sqliteSynchronous: 'FULL',
      schedulerEnabled: process.env.SCHEDULER !== 'false',
      rateLimitPerMinute: 1_000_000,
    },
  });
  await app.listen(0, '127.0.0.1');
  console.log(`LISTENING ${(app.getHttpServer().address() as { port: number }).port}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
