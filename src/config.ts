import { SynchronousLevel } from './events/sqlite/sqlite-event-store';

/** All configuration comes from the environment; README.md lists every variable. */
export interface AppConfig {
  port: number;
  sqlitePath: string;
  sqliteSynchronous: SynchronousLevel;
  /** Read models (projections, schedule, audit index) live in their own SQLite file, whichever event store is used. */
  projectionsPath: string;
  eventstoreConnectionString?: string;
  logLevel: string;
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
  /** Requests per minute per user (token subject); 0: no limit. */
  rateLimitPerMinute: number;
  /** Requests per minute per client address without a valid token; 0: no limit. */
  rateLimitAnonymousPerMinute: number;
  /** Express `trust proxy` (e.g. `1` or `loopback`) so that the client address behind a reverse proxy is the real one; unset: off. */
  trustProxy?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    sqlitePath: env.SQLITE_PATH ?? './data/inburgering.sqlite',
    projectionsPath: env.PROJECTIONS_SQLITE_PATH ?? './data/projections.sqlite',
    sqliteSynchronous: (env.SQLITE_SYNCHRONOUS?.toUpperCase() as SynchronousLevel) ?? 'FULL',
    eventstoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    nodeEnv: env.NODE_ENV ?? 'development',
    schedulerEnabled: !/^(false|0|no|off)$/i.test(env.SCHEDULER_ENABLED ?? ''),
    keystorePath: env.KEYSTORE_PATH || undefined,
    keystoreMasterKey: env.KEYSTORE_MASTER_KEY || undefined,
    erasureFieldGroups: env.ERASURE_FIELD_GROUPS || undefined,
    retentionFieldGroups: env.RETENTION_FIELD_GROUPS || undefined,
    retentionYears: Number(env.RETENTION_YEARS ?? 5),
    processingActivityId: env.PROCESSING_ACTIVITY_ID || 'inburgering-zaakbehandeling',
    pseudonymSecret: env.PSEUDONYM_SECRET || undefined,
    authJwtSecret: env.AUTH_JWT_SECRET || undefined,
    authJwksUrl: env.AUTH_JWKS_URL || undefined,
    authIssuer: env.AUTH_ISSUER || undefined,
    authAudience: env.AUTH_AUDIENCE || undefined,
    authRollenClaim: env.AUTH_ROLLEN_CLAIM || 'rollen',
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MINUTE ?? 1000),
    rateLimitAnonymousPerMinute: Number(env.RATE_LIMIT_ANONYMOUS_PER_MINUTE ?? 300),
    trustProxy: env.TRUST_PROXY || undefined,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
