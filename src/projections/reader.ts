import type Database from 'better-sqlite3';
import { ProjectionReader } from './projection';

/** Parameters as better-sqlite3 takes them: none, positional (an array) or named (one object). */
export const sqlArgs = (params?: Record<string, unknown> | unknown[]): unknown[] =>
  (params === undefined ? [] : Array.isArray(params) ? params : [params]);

/**
 * A ProjectionReader over a read-model file, and `stmt` for its writes: each SQL text is prepared once (callers pass
 * constant SQL with parameters, so the set stays small; SQLite re-prepares a statement itself after a schema change).
 */
export function sqlOver(db: Database.Database): { stmt(sql: string): Database.Statement; reader: ProjectionReader } {
  const statements = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare(sql)));
    return st;
  };
  return {
    stmt,
    reader: {
      get: (sql, params) => stmt(sql).get(...sqlArgs(params)) as any,
      all: (sql, params) => stmt(sql).all(...sqlArgs(params)) as any,
    },
  };
}
