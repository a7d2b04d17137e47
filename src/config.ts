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
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
