import { accessSync, constants, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SynchronousLevel } from './events/sqlite/sqlite-event-store';
import { parseFieldGroups, parseGroupList } from './privacy/field-groups';
import type { DuoConfig } from './duo/duo-config';

/** The municipality's BRP (Haal Centraal "BRP Personen bevragen"): the person of a new inburgeringsplichtige DUO notifies. */
export interface BrpConfig {
  /** Base URL; undefined: no BRP, a notification for an unknown BSN waits on the DUO dashboard for a case worker. */
  url?: string;
  /** Sent as `X-API-Key` when set. */
  apiKey?: string;
}

/** All configuration comes from the environment; README.md lists every variable. */
export interface AppConfig {
  port: number;
  sqlitePath: string;
  sqliteSynchronous: SynchronousLevel;
  /** Read models (projections, schedule, audit index) live in their own SQLite file, whichever event store is used; unset: next to SQLITE_PATH. */
  projectionsPath: string;
  eventstoreConnectionString?: string;
  logLevel: string;
  /** development, production or test (validated). */
  nodeEnv: string;
  /** Whether the deadline scheduler fires due deadlines by itself (src/sagas/scheduler.ts). */
  schedulerEnabled: boolean;
  /** Crypto-shredding key store (SQLite); unset: `keys.sqlite` next to the SQLite event store. */
  keystorePath?: string;
  /** 32 bytes, hex or base64, wrapping every data key; required in production, generated in the data folder otherwise. */
  keystoreMasterKey?: string;
  /** JSON `{"groep": ["EventType.pad", …]}` replacing the default field groups (src/privacy/field-groups.ts). */
  erasureFieldGroups?: string;
  /** Comma-separated field groups erased once the retention period has passed; unset: every group. */
  retentionFieldGroups?: string;
  /** Years after a trajectory's final phase that its personal data is kept (Besluit inburgering 2021 art. 9.9). */
  retentionYears: number;
  /** The access log's `processing_activity_id`: this processing in the municipality's register. */
  processingActivityId: string;
  /** HMAC secret for the access log's pseudonymised data-subject id; unset: derived from the master key. */
  pseudonymSecret?: string;
  /** HS256 secret (≥ 32 characters) verifying bearer tokens; unset and no JWKS: a development secret in the data folder. */
  authJwtSecret?: string;
  /** The OIDC issuer's JWKS (e.g. `https://login.example.nl/realms/x/protocol/openid-connect/certs`) verifying RS/PS/ES/EdDSA tokens. */
  authJwksUrl?: string;
  /** Required `iss` of every token when set (required in production with a JWKS). */
  authIssuer?: string;
  /** Required `aud` of every token when set (required in production with a JWKS). */
  authAudience?: string;
  /** The claim holding the roles (an array or a space/comma-separated string); a dotted path such as `realm_access.roles` works too. */
  authRollenClaim: string;
  /** The longest a token may live: `exp` no further ahead than this, and `exp − iat` no longer (seconds). */
  authMaxTokenLifetimeSeconds: number;
  /** How long a fetched JWKS is used before it is fetched again (seconds). */
  authJwksCacheSeconds: number;
  /** The least time between two fetches of the JWKS, also for a token with an unknown `kid` (seconds). */
  authJwksCooldownSeconds: number;
  /** When a refetch fails, how long past its cache time the last good JWKS keeps being used (seconds); 0: not at all. */
  authJwksMaxStaleSeconds: number;
  /** Requests per minute per user (token subject); 0: no limit. */
  rateLimitPerMinute: number;
  /** Requests per minute per client address without a valid token; 0: no limit. */
  rateLimitAnonymousPerMinute: number;
  /** Open Server-Sent Events connections, all users together. */
  sseMaxConnections: number;
  /** Open Server-Sent Events connections of one user (token subject). */
  sseMaxConnectionsPerUser: number;
  /** Express `trust proxy` (e.g. `1` or `loopback`) so that the client address behind a reverse proxy is the real one; unset: off. */
  trustProxy?: string;
  /** The web console's public OIDC client id (code flow with PKCE against AUTH_ISSUER). */
  consoleOidcClientId: string;
  /** The scopes the console asks for. */
  consoleOidcScope: string;
  /** An RFC 8707 resource indicator the console sends; unset: none. */
  consoleOidcResource?: string;
  /** The DUO connection (README "DUO-koppeling"); `duo.baseUrl` undefined: off, nothing queues. */
  duo: DuoConfig;
  brp: BrpConfig;
}

/** A bad value in the environment: its message is the one line the process prints before it stops. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const DEFAULT_SQLITE_PATH = './data/inburgering.sqlite';
/** Variables whose value is never echoed in an error (secrets, credentials in a connection string). */
const SECRET = new Set(['KEYSTORE_MASTER_KEY', 'PSEUDONYM_SECRET', 'AUTH_JWT_SECRET', 'EVENTSTORE_CONNECTION_STRING', 'DUO_NOTIFICATIE_TOKEN', 'BRP_API_KEY']);

// --- one parser per kind of value; `accepts` is what the error line says the variable takes ---

/** A variable with a default: unset means the default, but an empty value is a mistake (e.g. `PORT=`), never "the default". */
const withDefault = <T extends z.ZodType>(schema: T, fallback: string, accepts: string) =>
  z.string().optional().transform((v, ctx) => {
    const value = v ?? fallback;
    const result = schema.safeParse(value.trim());
    if (!result.success || value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: accepts });
      return z.NEVER;
    }
    return result.data as z.output<T>;
  });

/** A variable without a default: unset or empty means "not set" (compose files pass `VAR=` for what they leave open). */
const optional = <T extends z.ZodType>(schema: T, accepts: string) =>
  z.string().optional().transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const result = schema.safeParse(v.trim());
    if (!result.success) {
      ctx.addIssue({ code: 'custom', message: accepts });
      return z.NEVER;
    }
    return result.data as z.output<T>;
  });

const integer = (min: number, max: number) =>
  z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));
const oneOf = <const T extends readonly [string, ...string[]]>(values: T, caseInsensitive = false) =>
  z.string().transform((v) => (caseInsensitive ? v.toUpperCase() : v)).pipe(z.enum(values));
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, '1': true, yes: true, on: true, false: false, '0': false, no: false, off: false };
const boolean = z.string().transform((v) => v.toLowerCase()).refine((v) => v in BOOLEAN_WORDS).transform((v) => BOOLEAN_WORDS[v]);
const text = (max: number) => z.string().min(1).max(max);
const httpUrl = z.string().refine((v) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
});
/** An http(s) URL without query or fragment, trailing slashes removed (a base path is appended to). */
const baseUrl = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return ['http:', 'https:'].includes(url.protocol) && !url.search && !url.hash;
  } catch {
    return false;
  }
}).transform((v) => v.replace(/\/+$/, ''));
const oin = z.string().regex(/^\d{20}$/);
const esdbUrl = z.string().regex(/^esdb(\+discover)?:\/\/\S+$/);
const masterKey = z.string().refine((v) =>
  /^[0-9a-fA-F]{64}$/.test(v) || (/^[A-Za-z0-9+/_-]{43}=?$/.test(v) && Buffer.from(v, 'base64').length === 32));
/** Express `trust proxy`: a hop count, true/false, or a comma-separated list of addresses, subnets and named ranges. */
const trustProxy = z.string().refine((v) =>
  /^(\d+|true|false)$/.test(v) ||
  v.split(',').map((s) => s.trim()).every((s) => ['loopback', 'linklocal', 'uniquelocal'].includes(s) || isIP(s.split('/')[0]) !== 0));

const MAX_RATE = 1_000_000;
const DAY_S = 86_400;

/** The one schema: every variable the application reads, what it accepts and its default. */
const ENV_SCHEMA = z.object({
  PORT: withDefault(integer(0, 65535), '3000', 'een poortnummer van 0 tot 65535 (0: een vrije poort)'),
  SQLITE_PATH: withDefault(text(4096), DEFAULT_SQLITE_PATH, 'een bestandspad (of :memory:)'),
  PROJECTIONS_SQLITE_PATH: optional(text(4096), 'een bestandspad (of :memory:)'),
  SQLITE_SYNCHRONOUS: withDefault(oneOf(['FULL', 'NORMAL', 'OFF', 'EXTRA'], true), 'FULL', 'FULL, NORMAL, OFF of EXTRA'),
  EVENTSTORE_CONNECTION_STRING: optional(esdbUrl, 'een EventStoreDB-adres als esdb://host:2113?tls=false'),
  LOG_LEVEL: withDefault(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info',
    'fatal, error, warn, info, debug, trace of silent'),
  NODE_ENV: withDefault(oneOf(['development', 'production', 'test']), 'development',
    'development, production of test (kleine letters)'),
  SCHEDULER_ENABLED: withDefault(boolean, 'true', 'true of false (ook 1/0, yes/no, on/off)'),
  KEYSTORE_PATH: optional(text(4096), 'een bestandspad'),
  KEYSTORE_MASTER_KEY: optional(masterKey, '32 bytes als 64 hex-tekens of base64 (openssl rand -hex 32)'),
  ERASURE_FIELD_GROUPS: optional(z.string().refine(validFieldGroups), 'JSON {"groep": ["Gebeurtenis.veld", …]}'),
  RETENTION_FIELD_GROUPS: optional(z.string().regex(/^[a-z0-9, -]+$/), 'een door komma’s gescheiden lijst van veldgroepen'),
  RETENTION_YEARS: withDefault(integer(0, 100), '5', 'een geheel aantal jaren van 0 tot 100'),
  PROCESSING_ACTIVITY_ID: withDefault(text(200), 'inburgering-zaakbehandeling', 'een niet-lege naam van hoogstens 200 tekens'),
  PSEUDONYM_SECRET: optional(z.string().min(32), 'een geheim van minstens 32 tekens'),
  AUTH_JWT_SECRET: optional(z.string().min(32), 'een geheim van minstens 32 tekens (openssl rand -base64 32)'),
  AUTH_JWKS_URL: optional(httpUrl, 'een https- (of http-)URL van de JWKS van de identiteitsprovider'),
  AUTH_ISSUER: optional(text(2048), 'de iss van de identiteitsprovider'),
  AUTH_AUDIENCE: optional(text(2048), 'de aud van deze API'),
  AUTH_ROLLEN_CLAIM: withDefault(z.string().regex(/^[^\s]{1,200}$/), 'rollen', 'een claimnaam zonder spaties (bv. rollen of realm_access.roles)'),
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: withDefault(integer(60, 31 * DAY_S), String(DAY_S), 'een aantal seconden van 60 tot 2678400 (31 dagen)'),
  AUTH_JWKS_CACHE_SECONDS: withDefault(integer(1, DAY_S), '600', 'een aantal seconden van 1 tot 86400'),
  AUTH_JWKS_COOLDOWN_SECONDS: withDefault(integer(0, 3600), '30', 'een aantal seconden van 0 tot 3600'),
  AUTH_JWKS_MAX_STALE_SECONDS: withDefault(integer(0, 7 * DAY_S), '3600', 'een aantal seconden van 0 tot 604800 (7 dagen)'),
  RATE_LIMIT_PER_MINUTE: withDefault(integer(0, MAX_RATE), '1000', `een geheel getal van 0 tot ${MAX_RATE} (0: geen limiet)`),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: withDefault(integer(0, MAX_RATE), '300', `een geheel getal van 0 tot ${MAX_RATE} (0: geen limiet)`),
  SSE_MAX_CONNECTIONS: withDefault(integer(1, 100_000), '200', 'een geheel getal van 1 tot 100000'),
  SSE_MAX_CONNECTIONS_PER_USER: withDefault(integer(1, 1000), '5', 'een geheel getal van 1 tot 1000'),
  TRUST_PROXY: optional(trustProxy, 'een aantal proxy’s (bv. 1), true/false, of adressen/subnetten/loopback/linklocal/uniquelocal'),
  CONSOLE_OIDC_CLIENT_ID: withDefault(z.string().regex(/^[^\s]{1,200}$/), 'inburgering-console', 'een client id zonder spaties'),
  CONSOLE_OIDC_SCOPE: withDefault(z.string().regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/), 'openid profile', 'scopes gescheiden door één spatie (bv. openid profile)'),
  CONSOLE_OIDC_RESOURCE: optional(z.string().url(), 'een absolute URL (RFC 8707 resource indicator)'),
  DUO_BASE_URL: optional(baseUrl, 'DUO\u2019s basispad met de hoofdversie, bv. https://duo.example:1234/v1 (http:// alleen buiten productie)'),
  DUO_OIN_GEMEENTE: optional(oin, 'het OIN van de gemeente: 20 cijfers'),
  DUO_OIN_DUO: optional(oin, 'het OIN van DUO: 20 cijfers'),
  DUO_TLS_CERT: optional(text(4096), 'het pad van het PKIoverheid-clientcertificaat (PEM)'),
  DUO_TLS_KEY: optional(text(4096), 'het pad van de sleutel van het clientcertificaat (PEM)'),
  DUO_TLS_CA: optional(text(4096), 'het pad van de CA die DUO\u2019s servercertificaat ondertekent (PEM)'),
  DUO_NOTIFICATIE_TOKEN: optional(z.string().min(16).regex(/^[\x21-\x7e]+$/), 'een token van minstens 16 tekens zonder spaties'),
  DUO_INTERVAL_MS: withDefault(integer(10, 3_600_000), '1000', 'een aantal milliseconden van 10 tot 3600000'),
  DUO_BACKOFF_MIN_MS: withDefault(integer(10, 3_600_000), '1000', 'een aantal milliseconden van 10 tot 3600000'),
  DUO_BACKOFF_MAX_MS: withDefault(integer(10, 86_400_000), '300000', 'een aantal milliseconden van 10 tot 86400000'),
  BRP_API_URL: optional(baseUrl, 'de https-URL van Haal Centraal BRP Personen bevragen (http:// alleen buiten productie)'),
  BRP_API_KEY: optional(text(4096), 'een niet-lege API-sleutel'),
});

/** The TLS variables: each a readable file, checked at start so a wrong path is not found at the first message. */
const TLS_FILES = ['DUO_TLS_CERT', 'DUO_TLS_KEY', 'DUO_TLS_CA'] as const;

function unreadableFile(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return 'is geen bestand';
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'bestaat niet' : 'is niet leesbaar';
  }
}

/** The DUO and BRP rules that span variables (issue 13): on only with both OINs; https in production; files exist. */
function duoChecks(env: Env): string | undefined {
  const productie = env.NODE_ENV === 'production';
  for (const name of ['DUO_BASE_URL', 'BRP_API_URL'] as const) {
    const url = env[name];
    if (url && productie && !url.startsWith('https:')) return `${name}=${JSON.stringify(url)} is ongeldig: verwacht https:// met NODE_ENV=production (http:// alleen buiten productie)`;
  }
  if (env.DUO_BASE_URL) {
    for (const name of ['DUO_OIN_GEMEENTE', 'DUO_OIN_DUO'] as const) {
      if (!env[name]) return `${name} ontbreekt: verplicht naast DUO_BASE_URL (een OIN van 20 cijfers)`;
    }
  }
  for (const name of TLS_FILES) {
    const path = env[name];
    const problem = path && unreadableFile(path);
    if (problem) return `${name}=${JSON.stringify(path)} is ongeldig: het bestand ${problem}`;
  }
  if (!!env.DUO_TLS_CERT !== !!env.DUO_TLS_KEY) return `${env.DUO_TLS_CERT ? 'DUO_TLS_KEY' : 'DUO_TLS_CERT'} ontbreekt: DUO_TLS_CERT en DUO_TLS_KEY horen bij elkaar`;
  if (env.DUO_BACKOFF_MIN_MS > env.DUO_BACKOFF_MAX_MS) return 'DUO_BACKOFF_MIN_MS is ongeldig: verwacht hoogstens DUO_BACKOFF_MAX_MS';
  return undefined;
}

function validFieldGroups(json: string): boolean {
  try {
    parseFieldGroups(json);
    return true;
  } catch {
    return false;
  }
}

type Env = z.output<typeof ENV_SCHEMA>;

/** Rules that span variables; each names the variable to change. */
function crossChecks(env: Env): string | undefined {
  try {
    parseGroupList(env.RETENTION_FIELD_GROUPS, parseFieldGroups(env.ERASURE_FIELD_GROUPS), 'RETENTION_FIELD_GROUPS');
  } catch (err) {
    return `RETENTION_FIELD_GROUPS: ${(err as Error).message.replace(/^RETENTION_FIELD_GROUPS: /, '')}; verwacht veldgroepen uit ERASURE_FIELD_GROUPS`;
  }
  const duo = duoChecks(env);
  if (duo) return duo;
  if (env.NODE_ENV === 'production') {
    if (!env.KEYSTORE_MASTER_KEY) return 'KEYSTORE_MASTER_KEY ontbreekt: verplicht met NODE_ENV=production (32 bytes, 64 hex-tekens of base64)';
    if (!env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL) return 'AUTH_JWKS_URL (met AUTH_ISSUER en AUTH_AUDIENCE) of AUTH_JWT_SECRET ontbreekt: verplicht met NODE_ENV=production';
    if (env.AUTH_JWKS_URL && (!env.AUTH_ISSUER || !env.AUTH_AUDIENCE)) return 'AUTH_ISSUER en AUTH_AUDIENCE zijn verplicht met NODE_ENV=production naast AUTH_JWKS_URL';
  }
  return undefined;
}

/** `SQLITE_PATH="x"`, or without the value for a secret. */
const shown = (name: string, env: NodeJS.ProcessEnv) => (SECRET.has(name) ? name : `${name}=${JSON.stringify(env[name] ?? '')}`);

/**
 * Parses and checks every variable at once. A bad value throws a `ConfigError` whose message is one line naming the
 * variable (value shown unless secret) and what it accepts; main.ts prints that line and stops.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = ENV_SCHEMA.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${shown(String(i.path[0]), env)} is ongeldig: verwacht ${i.message}`);
    throw new ConfigError(`Configuratiefout: ${problems.join('; ')}`);
  }
  const e = result.data;
  const cross = crossChecks(e);
  if (cross) throw new ConfigError(`Configuratiefout: ${cross}`);
  return {
    port: e.PORT,
    sqlitePath: e.SQLITE_PATH,
    // Next to the event store: another SQLITE_PATH never reads another store's read models (issue 8).
    projectionsPath: e.PROJECTIONS_SQLITE_PATH ?? projectionsPathNextTo(e.SQLITE_PATH),
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    eventstoreConnectionString: e.EVENTSTORE_CONNECTION_STRING,
    logLevel: e.LOG_LEVEL,
    nodeEnv: e.NODE_ENV,
    schedulerEnabled: e.SCHEDULER_ENABLED,
    keystorePath: e.KEYSTORE_PATH,
    keystoreMasterKey: e.KEYSTORE_MASTER_KEY,
    erasureFieldGroups: e.ERASURE_FIELD_GROUPS,
    retentionFieldGroups: e.RETENTION_FIELD_GROUPS,
    retentionYears: e.RETENTION_YEARS,
    processingActivityId: e.PROCESSING_ACTIVITY_ID,
    pseudonymSecret: e.PSEUDONYM_SECRET,
    authJwtSecret: e.AUTH_JWT_SECRET,
    authJwksUrl: e.AUTH_JWKS_URL,
    authIssuer: e.AUTH_ISSUER,
    authAudience: e.AUTH_AUDIENCE,
    authRollenClaim: e.AUTH_ROLLEN_CLAIM,
    authMaxTokenLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    authJwksCacheSeconds: e.AUTH_JWKS_CACHE_SECONDS,
    authJwksCooldownSeconds: e.AUTH_JWKS_COOLDOWN_SECONDS,
    authJwksMaxStaleSeconds: e.AUTH_JWKS_MAX_STALE_SECONDS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitAnonymousPerMinute: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    sseMaxConnections: e.SSE_MAX_CONNECTIONS,
    sseMaxConnectionsPerUser: e.SSE_MAX_CONNECTIONS_PER_USER,
    trustProxy: e.TRUST_PROXY,
    consoleOidcClientId: e.CONSOLE_OIDC_CLIENT_ID,
    consoleOidcScope: e.CONSOLE_OIDC_SCOPE,
    consoleOidcResource: e.CONSOLE_OIDC_RESOURCE,
    duo: {
      baseUrl: e.DUO_BASE_URL,
      oinGemeente: e.DUO_OIN_GEMEENTE ?? '',
      oinDuo: e.DUO_OIN_DUO ?? '',
      tls: { cert: e.DUO_TLS_CERT, key: e.DUO_TLS_KEY, ca: e.DUO_TLS_CA },
      notificatieToken: e.DUO_NOTIFICATIE_TOKEN,
      intervalMs: e.DUO_INTERVAL_MS,
      backoffMinMs: e.DUO_BACKOFF_MIN_MS,
      backoffMaxMs: e.DUO_BACKOFF_MAX_MS,
    },
    brp: { url: e.BRP_API_URL, apiKey: e.BRP_API_KEY },
  };
}

/** Every variable the schema reads (README's table and .env.example are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(ENV_SCHEMA.shape);

/** `projections.sqlite` in the event store's folder (in memory with an in-memory store). */
export function projectionsPathNextTo(sqlitePath: string): string {
  return sqlitePath === ':memory:' ? ':memory:' : join(dirname(sqlitePath), 'projections.sqlite');
}

export const APP_CONFIG = Symbol('APP_CONFIG');
