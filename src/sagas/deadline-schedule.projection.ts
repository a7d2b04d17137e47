import { StoredEvent } from '../events/envelope';
import { Change, Projection, ProjectionReader } from '../projections/projection';
import { plusDagen } from '../trajectories/core/kalender';
import { withoutPersonalData } from '../privacy/field-groups';
import { asDomainEvent } from '../trajectories/core/fold';
import { idOfStream } from '../trajectories/core/traject-repository';
import { InburgeringContext, ontzorgingActief } from '../trajectories/inburgering/context';
import { reduce } from '../trajectories/inburgering/reduce';
import { pipTermijnOpgeschort, pipUiterlijk, screeningUiterlijk } from '../trajectories/inburgering/rules/termijnen';

/** The four deadlines of trajectory.md ("Deadlines (sagas)"). */
export type Deadlinesoort = 'screening' | 'pip' | 'ontzorging' | 'inburgeringstermijn';
/** `gepland`: will fire on due_date; `opgeschort`: PIP term suspended; `gevuurd`: its event is in the stream; `vervallen`: cancelled. */
export type Deadlinestatus = 'gepland' | 'opgeschort' | 'gevuurd' | 'vervallen';

export interface Deadline {
  soort: Deadlinesoort;
  /** The date the system action carries: `uiterlijk` (screening, pip), `tot` (ontzorging) or `eind` (inburgeringstermijn). */
  datum: string | null;
  /** The calendar day (Europe/Amsterdam) from whose start the deadline fires; null unless `gepland`. */
  dueDate: string | null;
  status: Deadlinestatus;
}

/** Per deadline: the system action that fires it and the payload field naming its date. */
export const TERMIJN_ACTIE: Record<Deadlinesoort, { actie: string; veld: 'uiterlijk' | 'tot' | 'eind' }> = {
  screening: { actie: 'verstrijk-screeningtermijn', veld: 'uiterlijk' },
  pip: { actie: 'verstrijk-piptermijn', veld: 'uiterlijk' },
  ontzorging: { actie: 'beeindig-ontzorging-na-termijn', veld: 'tot' },
  inburgeringstermijn: { actie: 'verstrijk-inburgeringstermijn', veld: 'eind' },
};

const gepland = (soort: Deadlinesoort, datum: string, dueDate: string): Deadline => ({ soort, datum, dueDate, status: 'gepland' });
const klaar = (soort: Deadlinesoort, datum: string | null, status: 'gevuurd' | 'vervallen' | 'opgeschort'): Deadline =>
  ({ soort, datum, dueDate: null, status });

/**
 * The deadlines a trajectory has, from what it remembers. Pure. A "last day on time" is due the day after it;
 * an exclusive end (`tot`, `eind`) is due on that day. A trajectory in a final phase has nothing due.
 */
export function deadlinesOf(c: InburgeringContext): Deadline[] {
  const finaal = c.einde !== null;
  const out: Deadline[] = [];

  // Bossche ambitie 1: screening within 10 weeks of koppeling; cancelled by ScreeningUitgevoerd.
  const screening = screeningUiterlijk(c);
  if (c.verstreken.screening) out.push(klaar('screening', c.verstreken.screening, 'gevuurd'));
  else if (screening) out.push(c.screening || finaal ? klaar('screening', screening, 'vervallen') : gepland('screening', screening, plusDagen(screening, 1)));

  // Besluit art. 5.3: cancelled by PipVastgesteld; no last day while suspended for third-party information.
  const pip = pipUiterlijk(c);
  if (c.verstreken.pip) out.push(klaar('pip', c.verstreken.pip, 'gevuurd'));
  else if (c.pip || finaal) {
    if (pip || pipTermijnOpgeschort(c)) out.push(klaar('pip', pip, 'vervallen'));
  } else if (pipTermijnOpgeschort(c)) out.push(klaar('pip', null, 'opgeschort'));
  else if (pip) out.push(gepland('pip', pip, plusDagen(pip, 1)));

  // Pw art. 56a: ontzorging ends on `tot` (exclusive); moved by OntzorgingVerlengd, cancelled by OntzorgingBeeindigd.
  const o = c.ontzorging;
  if (o) {
    if (ontzorgingActief(c)) out.push(finaal ? klaar('ontzorging', o.tot, 'vervallen') : gepland('ontzorging', o.tot, o.tot));
    else out.push(klaar('ontzorging', o.tot, o.reden === 'termijn-verstreken' ? 'gevuurd' : 'vervallen'));
  }

  // Wi art. 11/12: the inburgeringstermijn ends on `eind` (exclusive); a verlenging makes a new eind due again.
  const t = c.inburgeringstermijn;
  if (t) {
    if (c.verstreken.inburgeringstermijn.includes(t.eind)) out.push(klaar('inburgeringstermijn', t.eind, 'gevuurd'));
    else out.push(finaal ? klaar('inburgeringstermijn', t.eind, 'vervallen') : gepland('inburgeringstermijn', t.eind, t.eind));
  }
  return out;
}

const DEADLINES = 'ie_p_schedule_deadlines';
const CONTEXT = 'ie_p_schedule_context';

interface Row {
  soort: Deadlinesoort;
  datum: string | null;
  due_date: string | null;
  status: Deadlinestatus;
}

/**
 * The deadline schedule: per inburgering trajectory the context folded with the pure `reduce` (the machine
 * accepted every stored event, so reduce alone reproduces its context), and the deadlines derived from it.
 * The scheduler reads `gepland` rows whose due_date has come.
 */
export const deadlineScheduleProjection: Projection = {
  name: 'schedule',
  // 2: the stored context holds no personal data (crypto-shredding would not reach a copy here).
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS ${CONTEXT} (traject TEXT PRIMARY KEY, context TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${DEADLINES} (
      traject TEXT NOT NULL, soort TEXT NOT NULL, datum TEXT, due_date TEXT, status TEXT NOT NULL,
      PRIMARY KEY (traject, soort));
    CREATE INDEX IF NOT EXISTS ${DEADLINES}_due ON ${DEADLINES}(status, due_date);`,
  tables: [CONTEXT, DEADLINES],

  handle(event: StoredEvent, read: ProjectionReader): Change[] {
    if (!event.streamId.startsWith('traject-')) return [];
    const traject = idOfStream(event.streamId);
    const domain = asDomainEvent(event);
    const e = { ...domain, data: withoutPersonalData(domain.type, domain.data) };
    let before: InburgeringContext | undefined;
    if (e.type === 'InburgeraarGeregistreerd') {
      if ((e.data as { soort?: string }).soort === 'ondertussen') return [];
    } else {
      const row = read.get<{ context: string }>(`SELECT context FROM ${CONTEXT} WHERE traject = ?`, [traject]);
      if (!row) return [];
      before = JSON.parse(row.context);
    }
    const after = reduce(before as InburgeringContext, e as never) ?? before!;
    const changes: Change[] = [{
      sql: `INSERT INTO ${CONTEXT} (traject, context) VALUES (?, ?) ON CONFLICT(traject) DO UPDATE SET context = excluded.context`,
      params: [traject, JSON.stringify(after)],
    }];
    const stored = new Map(read.all<Row>(`SELECT soort, datum, due_date, status FROM ${DEADLINES} WHERE traject = ?`, [traject]).map((r) => [r.soort, r]));
    for (const d of deadlinesOf(after)) {
      const r = stored.get(d.soort);
      if (r && r.datum === d.datum && r.due_date === d.dueDate && r.status === d.status) continue;
      changes.push({
        sql: `INSERT INTO ${DEADLINES} (traject, soort, datum, due_date, status) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT(traject, soort) DO UPDATE SET datum = excluded.datum, due_date = excluded.due_date, status = excluded.status`,
        params: [traject, d.soort, d.datum, d.dueDate, d.status],
      });
    }
    return changes;
  },
};

/** The `gepland` deadlines due on or before `today`, soonest first. */
export function dueDeadlines(read: ProjectionReader, today: string): { traject: string; soort: Deadlinesoort; datum: string; due_date: string }[] {
  return read.all(`SELECT traject, soort, datum, due_date FROM ${DEADLINES} WHERE status = 'gepland' AND due_date <= ? ORDER BY due_date, traject, soort`, [today]);
}

/** The first due date after `today` still to come, or null. */
export function nextDueDate(read: ProjectionReader, today: string): string | null {
  return read.get<{ d: string | null }>(`SELECT MIN(due_date) AS d FROM ${DEADLINES} WHERE status = 'gepland' AND due_date > ?`, [today])?.d ?? null;
}
