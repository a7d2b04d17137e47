import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config';

/**
 * The configuration suite (issue 12 point 1-2, issue 11 point 4): every bad value is refused at start, by the real
 * entry point (src/main.ts in a child process), with exit code 1 and ONE line on stderr naming the variable and what
 * it accepts; nothing is written and no port is opened. Secrets are never echoed.
 */
const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'src', 'main.ts');

/** [variable, bad value, what the line must also say]. */
const BAD: [string, string, RegExp][] = [
  ['RATE_LIMIT_PER_MINUTE', 'abc', /geheel getal/],
  ['RATE_LIMIT_PER_MINUTE', '-5', /geheel getal/],
  ['RATE_LIMIT_PER_MINUTE', '1.5', /geheel getal/],
  ['RATE_LIMIT_PER_MINUTE', '', /geheel getal/],
  ['RATE_LIMIT_ANONYMOUS_PER_MINUTE', 'abc', /geheel getal/],
  ['PORT', '', /poortnummer/],
  ['PORT', '70000', /poortnummer/],
  ['PORT', 'http', /poortnummer/],
  ['NODE_ENV', 'Production', /development, production of test/],
  ['NODE_ENV', 'prod', /development, production of test/],
  ['SQLITE_SYNCHRONOUS', 'FUL', /FULL, NORMAL, OFF of EXTRA/],
  ['SQLITE_SYNCHRONOUS', '', /FULL, NORMAL, OFF of EXTRA/],
  ['LOG_LEVEL', 'verbose', /fatal, error, warn, info/],
  ['SCHEDULER_ENABLED', 'misschien', /true of false/],
  ['RETENTION_YEARS', '-1', /jaren/],
  ['RETENTION_YEARS', 'vijf', /jaren/],
  ['KEYSTORE_MASTER_KEY', 'abc123xyz', /32 bytes/],
  ['AUTH_JWT_SECRET', 'Wachtwoord1', /minstens 32 tekens/],
  ['PSEUDONYM_SECRET', 'Zout123', /minstens 32 tekens/],
  ['AUTH_JWKS_URL', 'ftp://idp.example/certs', /https/],
  ['AUTH_JWKS_URL', 'geen url', /https/],
  ['ERASURE_FIELD_GROUPS', '{"persoon":', /JSON/],
  ['RETENTION_FIELD_GROUPS', 'adres', /onbekende veldgroep/],
  ['EVENTSTORE_CONNECTION_STRING', 'http://localhost:2113', /esdb:\/\//],
  ['TRUST_PROXY', 'banaan', /proxy/],
  ['AUTH_MAX_TOKEN_LIFETIME_SECONDS', '0', /seconden/],
  ['AUTH_JWKS_MAX_STALE_SECONDS', 'een uur', /seconden/],
  ['AUTH_JWKS_CACHE_SECONDS', '0', /seconden/],
  ['SSE_MAX_CONNECTIONS', '0', /geheel getal/],
  ['SSE_MAX_CONNECTIONS_PER_USER', 'veel', /geheel getal/],
  ['DUO_BASE_URL', 'duo.example/v1', /basispad/],
  ['DUO_BASE_URL', 'ftp://duo.example/v1', /basispad/],
  ['DUO_OIN_GEMEENTE', '123', /20 cijfers/],
  ['DUO_OIN_DUO', '0000000180086647200X', /20 cijfers/],
  ['DUO_TLS_CERT', '/bestaat/niet/duo-client.crt', /bestaat niet/],
  ['DUO_TLS_KEY', '/bestaat/niet/duo-client.key', /bestaat niet/],
  ['DUO_TLS_CA', '/bestaat/niet/duo-ca.crt', /bestaat niet/],
  ['DUO_NOTIFICATIE_TOKEN', 'kort-geheim', /16 tekens/],
  ['DUO_INTERVAL_MS', 'snel', /milliseconden/],
  ['DUO_BACKOFF_MIN_MS', '-1', /milliseconden/],
  ['DUO_BACKOFF_MAX_MS', '', /milliseconden/],
  ['BRP_API_URL', 'brp.gemeente.nl', /BRP Personen bevragen/],
];
const SECRETS = new Set(['KEYSTORE_MASTER_KEY', 'AUTH_JWT_SECRET', 'PSEUDONYM_SECRET', 'EVENTSTORE_CONNECTION_STRING', 'DUO_NOTIFICATIE_TOKEN', 'BRP_API_KEY']);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real entry point with exactly this environment (plus PATH), in a temp folder; killed after `ms`. */
function start(env: Record<string, string>, dir: string, until?: RegExp, ms = 60_000): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', MAIN], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), NODE_PATH: join(ROOT, 'node_modules'), SQLITE_PATH: join(dir, 'data', 'events.sqlite'), ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.stdout.on('data', (c) => {
      stdout += c;
      if (until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** At most `n` at a time: the machine is shared. */
async function inBatches<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += n) out.push(...(await Promise.all(items.slice(i, i + n).map(fn))));
  return out;
}

describe('configuration refused at start', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ie-config-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`each of ${BAD.length} bad values stops the real start with one clear line (exit 1, nothing written)`, async () => {
    const runs = await inBatches(BAD, 4, async ([name, value]) => ({ name, value, run: await start({ [name]: value }, dir) }));
    const summary = runs.map(({ name, value, run }) => {
      const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
      return { name, value, code: run.code, lines: lines.length, line: lines[0] ?? '', stdout: run.stdout };
    });
    for (const [i, s] of summary.entries()) {
      const [, , says] = BAD[i];
      expect({ ...s, ok: s.code === 1 && s.lines === 1 && s.stdout === '' }).toMatchObject({ ok: true });
      expect(s.line).toMatch(new RegExp(`^Configuratiefout: ${s.name}\\b`));
      expect(s.line).toMatch(says);
      if (SECRETS.has(s.name) && s.value) expect(s.line).not.toContain(s.value);
    }
    // Refused before anything was made: no data folder, no development secret or master key.
    expect(readdirSync(dir)).toEqual([]);
  }, 240_000);

  it('production without its secrets stops with one line naming what is missing', async () => {
    const run = await start({ NODE_ENV: 'production' }, dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Configuratiefout: KEYSTORE_MASTER_KEY ontbreekt/)]);
    const jwks = await start({ NODE_ENV: 'production', KEYSTORE_MASTER_KEY: 'ab'.repeat(32), AUTH_JWKS_URL: 'https://idp.example/certs' }, dir);
    expect(jwks.stderr.trim().split('\n')).toEqual([expect.stringMatching(/AUTH_ISSUER en AUTH_AUDIENCE/)]);
  }, 60_000);

  it('a good configuration starts (lower-case synchronous level accepted, projections next to SQLITE_PATH)', async () => {
    const good = mkdtempSync(join(tmpdir(), 'ie-config-good-'));
    try {
      const run = await start({ PORT: '0', SQLITE_SYNCHRONOUS: 'normal', LOG_LEVEL: 'info', SCHEDULER_ENABLED: 'false', SQLITE_PATH: join(good, 'store', 'events.sqlite') }, good, /luistert op/);
      expect(run.stdout).toMatch(/luistert op/);
      expect(run.stdout).toMatch(/synchronous=NORMAL/);
      expect(readdirSync(join(good, 'store'))).toEqual(expect.arrayContaining(['events.sqlite', 'projections.sqlite', 'keys.sqlite', 'dev-jwt-secret']));
    } finally {
      rmSync(good, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('loadConfig (the one schema)', () => {
  it('throws a ConfigError for each bad value, and reads the defaults without any variable', () => {
    for (const [name, value] of BAD) expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(loadConfig({})).toMatchObject({
      port: 3000, sqliteSynchronous: 'FULL', nodeEnv: 'development', rateLimitPerMinute: 1000, rateLimitAnonymousPerMinute: 300,
      projectionsPath: join('data', 'projections.sqlite'), authMaxTokenLifetimeSeconds: 86_400, sseMaxConnections: 200,
    });
  });

  it('.env.example is a valid configuration, and it and the README name exactly the variables of the schema', () => {
    const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const env = Object.fromEntries(text.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(() => loadConfig(env)).not.toThrow();
    expect(Object.keys(env).sort()).toEqual([...CONFIG_VARIABLES].sort());
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').split(/^## Configuration$/m)[1].split(/^## /m)[0];
    const inReadme = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(inReadme.sort()).toEqual([...CONFIG_VARIABLES].sort());
    for (const [name] of BAD) expect({ name, inSchema: CONFIG_VARIABLES.includes(name) }).toEqual({ name, inSchema: true });
  });

  it('DUO and BRP (issue 13): off without DUO_BASE_URL; on only with both OINs; http:// only outside production; TLS files exist', () => {
    const OINS = { DUO_OIN_GEMEENTE: '00000001001172773000', DUO_OIN_DUO: '00000001800866472000' };
    expect(loadConfig({}).duo).toMatchObject({ baseUrl: undefined, intervalMs: 1000, backoffMinMs: 1000, backoffMaxMs: 300_000 });
    expect(loadConfig({}).brp).toEqual({ url: undefined, apiKey: undefined });
    expect(loadConfig({ DUO_BASE_URL: 'http://127.0.0.1:8443/v1/', ...OINS }).duo.baseUrl).toBe('http://127.0.0.1:8443/v1');
    const prod = { NODE_ENV: 'production', KEYSTORE_MASTER_KEY: 'ab'.repeat(32), AUTH_JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...prod, DUO_BASE_URL: 'https://duo.example:1234/v1', ...OINS }).duo.baseUrl).toBe('https://duo.example:1234/v1');
    const fout = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (err) {
        return (err as Error).message;
      }
      return 'geen fout';
    };
    expect(fout({ ...prod, DUO_BASE_URL: 'http://duo.example/v1', ...OINS })).toMatch(/^Configuratiefout: DUO_BASE_URL="http:\/\/duo.example\/v1" is ongeldig: verwacht https:\/\//);
    expect(fout({ ...prod, BRP_API_URL: 'http://brp.example/api' })).toMatch(/^Configuratiefout: BRP_API_URL=.* verwacht https:\/\//);
    expect(fout({ DUO_BASE_URL: 'https://duo.example/v1', DUO_OIN_DUO: OINS.DUO_OIN_DUO })).toMatch(/^Configuratiefout: DUO_OIN_GEMEENTE ontbreekt/);
    expect(fout({ DUO_BASE_URL: 'https://duo.example/v1?x=1', ...OINS })).toMatch(/^Configuratiefout: DUO_BASE_URL=/);
    expect(fout({ DUO_BACKOFF_MIN_MS: '5000', DUO_BACKOFF_MAX_MS: '1000' })).toMatch(/^Configuratiefout: DUO_BACKOFF_MIN_MS/);
    // TLS: paths of readable files, certificate and key together; a folder is no file.
    const certDir = mkdtempSync(join(tmpdir(), 'ie-config-tls-'));
    try {
      const cert = join(certDir, 'client.crt');
      writeFileSync(cert, '-----BEGIN CERTIFICATE-----\n');
      expect(fout({ DUO_TLS_CERT: cert })).toMatch(/^Configuratiefout: DUO_TLS_KEY ontbreekt/);
      expect(fout({ DUO_TLS_CERT: cert, DUO_TLS_KEY: certDir })).toMatch(/^Configuratiefout: DUO_TLS_KEY=.* is geen bestand/);
      expect(loadConfig({ DUO_TLS_CERT: cert, DUO_TLS_KEY: cert, DUO_TLS_CA: cert }).duo.tls).toEqual({ cert, key: cert, ca: cert });
    } finally {
      rmSync(certDir, { recursive: true, force: true });
    }
  });

  it('nothing reads DUO_* or BRP_* from the environment outside the schema', () => {
    const bestanden = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? bestanden(join(dir, d.name)) : d.name.endsWith('.ts') && !d.name.includes('.spec.') ? [join(dir, d.name)] : []));
    const lezers = bestanden(join(ROOT, 'src')).filter((f) => /process\.env(\.|\[')(DUO|BRP)_/.test(readFileSync(f, 'utf8')) || (/process\.env/.test(readFileSync(f, 'utf8')) && f.includes(`${join('src', 'duo')}`)));
    expect(lezers).toEqual([]);
  });

  it('an empty optional variable means unset (compose passes AUTH_JWKS_URL= and KEYSTORE_MASTER_KEY=)', () => {
    expect(loadConfig({ AUTH_JWKS_URL: '', KEYSTORE_MASTER_KEY: '', TRUST_PROXY: '' })).toMatchObject({ authJwksUrl: undefined, keystoreMasterKey: undefined });
  });

  it('PROJECTIONS_SQLITE_PATH defaults next to SQLITE_PATH, so a new store never reads another store’s read models', () => {
    expect(loadConfig({ SQLITE_PATH: '/srv/b/events.sqlite' }).projectionsPath).toBe('/srv/b/projections.sqlite');
    expect(loadConfig({ SQLITE_PATH: '/srv/b/events.sqlite', PROJECTIONS_SQLITE_PATH: '/x/p.sqlite' }).projectionsPath).toBe('/x/p.sqlite');
  });
});
