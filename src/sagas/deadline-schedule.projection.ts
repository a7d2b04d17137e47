import { Change, Projection, ProjectionReader, perBatch } from '../projections/projection';
import { TermijnData, Termijnsoort, idOfStream, termijnDatum, upcast } from '../trajectories';

/** The deadlines of trajectory.md, as the trajectory slice records them. */
export type Deadlinesoort = Termijnsoort;
/** `gepland`: will fire on due_date; `opgeschort`: PIP term suspended; `gevuurd`: its event is in the stream; `vervallen`: ended otherwise. */
export type Deadlinestatus = 'gepland' | 'opgeschort' | 'gevuurd' | 'vervallen';

const DEADLINES = 'ie_p_schedule_deadlines';
const UPSERT = `INSERT INTO ${DEADLINES} (traject, soort, datum, due_date, status) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT(traject, soort) DO UPDATE SET datum = excluded.datum, due_date = excluded.due_date, status = excluded.status`;

/**
 * The deadline schedule: per trajectory and deadline, the recorded deadline facts and nothing else. TermijnGesteld /
 * TermijnGewijzigd plan it on its `verstrijktOp` (the day it is exceeded), TermijnVervallen ends it. No rule is
 * applied here: the trajectory slice (rules/termijnen.ts) decided every date. The scheduler reads the `gepland` rows
 * whose due date has come.
 */
export const deadlineScheduleProjection: Projection = {
  name: 'schedule',
  // 3: reads the recorded deadline facts; the folded context (ie_p_schedule_context) is gone.
  version: 3,
  schema: `
    DROP TABLE IF EXISTS ie_p_schedule_context;
    CREATE TABLE IF NOT EXISTS ${DEADLINES} (
      traject TEXT NOT NULL, soort TEXT NOT NULL, datum TEXT, due_date TEXT, status TEXT NOT NULL,
      PRIMARY KEY (traject, soort));
    CREATE INDEX IF NOT EXISTS ${DEADLINES}_due ON ${DEADLINES}(status, due_date);`,
  tables: [DEADLINES],
  byTrajectory: true,
  types: ['TermijnGesteld', 'TermijnGewijzigd', 'TermijnVervallen'],

  // Each fact sets the whole row of its deadline: of a batch, only the last fact per deadline is written.
  ...perBatch((events) => {
    const rijen = new Map<string, unknown[]>();
    for (const stored of events) {
      if (stored.type !== 'TermijnGesteld' && stored.type !== 'TermijnGewijzigd' && stored.type !== 'TermijnVervallen') continue;
      const e = upcast(stored);
      const t = e.data as unknown as TermijnData & { reden?: string };
      const [datum, dueDate, status]: [string | null, string | null, Deadlinestatus] = e.type === 'TermijnVervallen'
        ? [termijnDatum(t), null, t.reden === 'termijn-verstreken' ? 'gevuurd' : 'vervallen']
        : t.opgeschort || t.verstrijktOp === null ? [null, null, 'opgeschort'] : [termijnDatum(t), t.verstrijktOp, 'gepland'];
      const traject = idOfStream(e.streamId);
      const key = `${traject}\n${t.soort}`;
      // Deleted first, so that the rows are written in the order of their last fact.
      rijen.delete(key);
      rijen.set(key, [traject, t.soort, datum, dueDate, status]);
    }
    return [...rijen.values()].map((params): Change => ({ sql: UPSERT, params }));
  }),
};

/** The `gepland` deadlines due on or before `today`, soonest first. */
export function dueDeadlines(read: ProjectionReader, today: string): { traject: string; soort: Deadlinesoort; datum: string; due_date: string }[] {
  return read.all(`SELECT traject, soort, datum, due_date FROM ${DEADLINES} WHERE status = 'gepland' AND due_date <= ? ORDER BY due_date, traject, soort`, [today]);
}

/** The first due date after `today` still to come, or null. */
export function nextDueDate(read: ProjectionReader, today: string): string | null {
  return read.get<{ d: string | null }>(`SELECT MIN(due_date) AS d FROM ${DEADLINES} WHERE status = 'gepland' AND due_date > ?`, [today])?.d ?? null;
}

/** Every row of one trajectory (for tests and the agreement check). */
export function deadlinesVan(read: ProjectionReader, traject: string): { soort: Deadlinesoort; datum: string | null; due_date: string | null; status: Deadlinestatus }[] {
  return read.all(`SELECT soort, datum, due_date, status FROM ${DEADLINES} WHERE traject = ? ORDER BY soort`, [traject]);
}
