import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { resolveAuthSettings } from '../src/auth/auth-settings';
import { AppConfig, loadConfig } from '../src/config';
import { resolveMasterKey } from '../src/privacy/master-key';

/**
 * Docker does not run here, so `docker compose up` is checked by reading: the compose file's structure, the app's
 * environment as compose would resolve it (with and without the README's `.env`), put through the same start-up
 * checks the app runs (master key, authentication), and the image's Dockerfile.
 */
const ROOT = join(__dirname, '..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** `KEY=value` lines (a .env file). */
const dotenv = (text: string): Record<string, string> =>
  Object.fromEntries(text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => {
    const i = l.indexOf('=');
    return [l.slice(0, i), l.slice(i + 1)];
  }));

/** The app container's environment as compose gives it: `${VAR:-default}` from `.env`, env_file, then `environment`. */
function appEnvironment(dotEnv: Record<string, string> = {}): Record<string, string> {
  const app = compose.services.app;
  const interpolate = (v: unknown) => String(v).replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name: string, dflt?: string) => dotEnv[name] || dflt || '');
  const fromFile = (app.env_file ?? []).some((f: { path: string }) => f.path === '.env') ? dotEnv : {};
  const environment = Object.fromEntries(Object.entries(app.environment ?? {}).map(([k, v]) => [k, interpolate(v)]));
  return { ...fromFile, ...environment };
}

/** The start-up checks of src/privacy/master-key.ts and src/auth/auth-settings.ts, with the data folder in a temp dir. */
function startupChecks(env: Record<string, string>): void {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'));
  try {
    const config: AppConfig = { ...loadConfig(env), sqlitePath: join(dir, 'inburgering.sqlite'), keystorePath: undefined };
    resolveMasterKey(config);
    resolveAuthSettings(config);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('docker compose and the image', () => {
  it('starts EventStoreDB and the app, the app once EventStoreDB is healthy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'eventstore']);
    expect(compose.services.eventstore.healthcheck.test.join(' ')).toMatch(/health/);
    expect(compose.services.app.depends_on).toEqual({ eventstore: { condition: 'service_healthy' } });
    expect(compose.services.app.build).toBe('.');
  });

  it('out of the box (no .env): development settings that pass the app\'s start-up checks, pointing at the eventstore service', () => {
    const env = appEnvironment();
    expect(env.NODE_ENV).toBe('development');
    startupChecks(env);
    const config = loadConfig(env);
    const esdb = new URL(config.eventstoreConnectionString!.replace(/^esdb:/, 'http:'));
    expect(esdb.hostname).toBe('eventstore');
    expect(compose.services.eventstore.ports.map((p: string) => p.split(':').at(-1))).toContain(esdb.port);
    // Everything the app keeps (read models, key store, generated development secrets) is in the mounted volume.
    const mounts = compose.services.app.volumes.map((v: string) => v.split(':')[1]);
    for (const path of [config.sqlitePath, config.projectionsPath]) expect(mounts).toContain(posix.dirname(path));
    expect(compose.services.app.ports).toContain(`${config.port}:${config.port}`);
  });

  it('the README\'s production .env makes a production app that passes the start-up checks; without it production refuses', () => {
    const block = /```dotenv\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const production = appEnvironment(dotenv(block![1]));
    expect(production.NODE_ENV).toBe('production');
    startupChecks(production);
    expect(() => startupChecks(appEnvironment({ NODE_ENV: 'production' }))).toThrow(/KEYSTORE_MASTER_KEY|AUTH_/);
  });

  it('the image runs Node 22 LTS, has the scripts (token, demo, projections) and exposes the compose port', () => {
    expect(dockerfile.match(/^FROM node:(\d+)/gm)).toEqual(['FROM node:22', 'FROM node:22']);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist-scripts \.\/dist-scripts/);
    expect(dockerfile).toMatch(/npm run build:scripts/);
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
  });

  it('the scripts compile for the image (tsconfig.scripts.json) without dev-only tools', () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-scripts-'));
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.scripts.json'), '--outDir', out], { stdio: 'pipe' });
      for (const script of ['token', 'demo', 'projections']) expect(readFileSync(join(out, 'scripts', `${script}.js`), 'utf8').length).toBeGreaterThan(0);
      // The parallel rebuild's worker thread runs from the compiled files too (its entry is not imported by any script).
      const data = join(out, 'data');
      const rebuild = execFileSync(process.execPath, [join(out, 'scripts', 'projections.js'), 'rebuild', '--parallel'], {
        env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), SQLITE_PATH: join(data, 'ev.sqlite'), PROJECTIONS_SQLITE_PATH: join(data, 'p.sqlite'), LOG_LEVEL: 'silent' },
        stdio: 'pipe',
      }).toString();
      // One worker per core besides the main thread's: one on a 2-core machine, more elsewhere.
      expect(rebuild).toMatch(/Herbouwwerkers?( \(\d+\))? gestart/);
      expect(rebuild).toMatch(/in de werkers? \(.*: .*schedule/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
