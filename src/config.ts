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
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
