import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import Database from 'better-sqlite3';
import { Subscription, filter } from 'rxjs';
import { v5 as uuidv5 } from 'uuid';
import { APP_CONFIG, AppConfig } from '../config';
import { Clock } from '../events/clock';
import { ConcurrencyConflict } from '../events/errors';
import { ProjectionReader } from '../projections/projection';
import { PROJECTIONS_DB } from '../projections/projections-db';
import { ProjectionRunner } from '../projections/runner';
import { sqlOver } from '../projections/reader';
import { CommandHandler } from '../trajectories/core/command-handler';
import { CommandRejected } from '../trajectories/core/errors';
import { beginVanDag } from '../trajectories/core/kalender';
import { TrajectRepository, streamIdOf } from '../trajectories/core/traject-repository';
import { TERMIJN_ACTIE, termijnVeld } from '../trajectories';
import { Deadlinesoort, deadlineScheduleProjection, dueDeadlines, nextDueDate } from './deadline-schedule.projection';

/** Namespace of the deterministic deadline event ids: uuidv5(`${streamId}/${soort}/${dueDate}`, NAMESPACE). */
export const DEADLINE_NAMESPACE = '6f1d3c1e-8a4b-5c6d-9e0f-1a2b3c4d5e6f';
export const SYSTEEM = { id: 'systeem', rol: 'systeem' } as const;

/** Re-check at least this often, whatever the next due date (clock changes, other processes, missed wake-ups). */
export const MAX_SLEEP_MS = 5 * 60_000;
/** After a concurrency conflict, look again this soon. */
export const RETRY_MS = 1_000;

export const deadlineEventId = (streamId: string, soort: Deadlinesoort, dueDate: string): string =>
  uuidv5(`${streamId}/${soort}/${dueDate}`, DEADLINE_NAMESPACE);

/**
 * `gevuurd`: the command succeeded, so the deadline event is in the stream (when two instances append at the
 * same moment, the second append finds the deterministic id and writes nothing, and both report this);
 * `al-gevuurd`: its event was already in the stream (the schedule had not caught up yet);
 * `conflict`: someone wrote meanwhile, retried on the next tick; `geweigerd`: no longer current.
 */
export type Uitkomst = 'gevuurd' | 'al-gevuurd' | 'conflict' | 'geweigerd' | 'fout';
/** What /ready shows of the scheduler (times are wall-clock, ISO 8601). */
export interface SchedulerHealth {
  enabled: boolean;
  /** A tick is running now. */
  running: boolean;
  lastRun?: { finishedAt: string; fired: number; failed: number };
  /** The last error: of a whole tick (then it is retried after RETRY_MS) or of one firing (`fout`). */
  lastError?: { at: string; message: string; tick: boolean };
  nextWakeUp?: string;
}

export interface Vuring {
  traject: string;
  soort: Deadlinesoort;
  dueDate: string;
  uitkomst: Uitkomst;
}

/**
 * Turns due deadlines into events. Wakes at start-up (catching up after downtime), whenever the schedule
 * projection moves, and at the start of the next due day (Europe/Amsterdam; capped at MAX_SLEEP_MS).
 * Each firing goes through the trajectory's command path with a deterministic event id and the exact
 * version it decided on, so firing twice (a second tick, a second instance, a restart) writes once.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Scheduler.name);
  private readonly read: ProjectionReader;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private running?: Promise<Vuring[]>;
  private again = false;
  private stopped = false;
  private lastRun?: SchedulerHealth['lastRun'];
  private lastError?: SchedulerHealth['lastError'];
  private nextWakeUp?: Date;

  constructor(
    private readonly commands: CommandHandler,
    private readonly repository: TrajectRepository,
    private readonly clock: Clock,
    private readonly runner: ProjectionRunner,
    @Inject(PROJECTIONS_DB) db: Database.Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.read = sqlOver(db).reader;
  }

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    this.subscription = this.runner.updates$
      .pipe(filter((u) => u.projection === deadlineScheduleProjection.name))
      .subscribe(() => this.wake());
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Fires every deadline due today or earlier. Ticks never overlap: a tick asked for while one runs is done
   * right after it. Returns what this tick did.
   */
  tick(): Promise<Vuring[]> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async (): Promise<Vuring[]> => {
      const results: Vuring[] = [];
      do {
        this.again = false;
        results.push(...(await this.fireDue()));
      } while (this.again && !this.stopped);
      return results;
    };
    this.running = run().then(
      (results) => {
        this.lastRun = { finishedAt: new Date().toISOString(), fired: results.filter((r) => r.uitkomst === 'gevuurd').length, failed: results.filter((r) => r.uitkomst === 'fout').length };
        return results;
      },
      (err) => {
        // E.g. the schedule could not be read: never stop for good; /ready shows it until a tick succeeds.
        this.lastError = { at: new Date().toISOString(), message: (err as Error)?.message ?? String(err), tick: true };
        this.lastRun = undefined;
        this.logger.error(`Termijnbewaking mislukt, opnieuw over ${RETRY_MS} ms: ${(err as Error)?.stack ?? err}`);
        if (!this.stopped && this.config.schedulerEnabled) {
          if (this.timer) clearTimeout(this.timer);
          this.nextWakeUp = new Date(Date.now() + RETRY_MS);
          this.timer = setTimeout(() => this.wake(), RETRY_MS);
          this.timer.unref();
        }
        throw err;
      },
    ).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** A tick nobody awaits: its failure is logged and retried by tick() itself. */
  private wake(): void {
    this.tick().catch(() => undefined);
  }

  /** For /ready: the last run, the last error and the next wake-up. */
  health(): SchedulerHealth {
    return {
      enabled: this.config.schedulerEnabled && !this.stopped,
      running: this.running !== undefined,
      ...(this.lastRun ? { lastRun: this.lastRun } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(this.nextWakeUp ? { nextWakeUp: this.nextWakeUp.toISOString() } : {}),
    };
  }

  private async fireDue(): Promise<Vuring[]> {
    const today = this.clock.today();
    const results: Vuring[] = [];
    for (const d of dueDeadlines(this.read, today)) {
      if (this.stopped) break;
      results.push({ traject: d.traject, soort: d.soort, dueDate: d.due_date, uitkomst: await this.fire(d.traject, d.soort, d.datum, d.due_date) });
    }
    if (!this.stopped && this.config.schedulerEnabled) this.plan(today, results.some((r) => r.uitkomst === 'conflict'));
    return results;
  }

  /** One deadline: decided on the version just read, appended with exactly that version and a deterministic id. */
  private async fire(traject: string, soort: Deadlinesoort, datum: string, dueDate: string): Promise<Uitkomst> {
    const streamId = streamIdOf(traject);
    const actie = TERMIJN_ACTIE[soort];
    const veld = termijnVeld(soort);
    const eventId = deadlineEventId(streamId, soort, dueDate);
    try {
      const { state } = await this.repository.load(traject);
      if (state.events.some((e) => e.eventId === eventId)) return 'al-gevuurd';
      await this.commands.execute(traject, actie, { [veld]: datum }, {
        actor: { ...SYSTEEM }, correlationId: eventId, eventIds: [eventId], expectedVersion: state.version,
      }, { systeem: true });
      this.logger.log(`${actie} ${streamId} (${veld} ${datum})`);
      return 'gevuurd';
    } catch (err) {
      if (err instanceof ConcurrencyConflict) {
        this.logger.debug(`${actie} ${streamId}: ${err.message}; opnieuw bij de volgende tik`);
        return 'conflict';
      }
      if (err instanceof CommandRejected) {
        // The deadline is no longer current (cancelled, moved or already fired); the schedule will follow.
        this.logger.debug(`${actie} ${streamId} geweigerd: ${err.message}`);
        return 'geweigerd';
      }
      this.logger.error(`${actie} ${streamId} mislukt: ${(err as Error)?.stack ?? err}`);
      this.lastError = { at: new Date().toISOString(), message: `${actie} ${streamId}: ${(err as Error)?.message ?? err}`, tick: false };
      return 'fout';
    }
  }

  /** Sleeps until the start of the next due day, at most MAX_SLEEP_MS (RETRY_MS after a conflict). */
  private plan(today: string, conflict: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    const next = nextDueDate(this.read, today);
    const untilDue = next ? beginVanDag(next).getTime() - this.clock.now().getTime() : MAX_SLEEP_MS;
    const delay = Math.max(0, Math.min(untilDue, conflict ? RETRY_MS : MAX_SLEEP_MS));
    this.nextWakeUp = new Date(Date.now() + delay);
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }
}
