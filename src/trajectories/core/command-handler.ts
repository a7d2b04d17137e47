import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../events/clock';
import { Actor, NewEvent } from '../../events/envelope';
import { ConcurrencyConflict } from '../../events/errors';
import { storedEventsOf } from '../../events/event-store';
import { KINDS } from '../kinds';
import { RegistreerTrajectDto } from '../registratie.commands';
import { CommandRejected, NotFound, StaleRevision } from './errors';
import { initialSnapshot, toegestaneActies } from './fold';
import { gegateMetGevolgen } from './gevolgen';
import { ActionDefinition, DomainEvent, TrajectState, TrajectoryKind } from './kind';
import { Geweigerd, nietVoorRegistratie } from './regels';
import { TrajectRepository } from './traject-repository';
import { validatePayload } from './validate-payload';

export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  /** The revision the client looked at (If-Match); never retried. */
  ifMatch?: number;
  /** System commands: deterministic event ids, so firing twice writes once. */
  eventIds?: string[];
  /** System commands: the exact version they decided on. */
  expectedVersion?: number;
}

/** When no If-Match pins the revision, a command that lost a race is decided again on the fresh state. */
export const MAX_ATTEMPTS = 4;

/** Load, fold, decide, gate every produced event with the machine, append with the version read. */
@Injectable()
export class CommandHandler {
  constructor(private readonly repository: TrajectRepository, private readonly clock: Clock) {}

  async register(id: string, payload: RegistreerTrajectDto, ctx: CommandContext): Promise<TrajectState> {
    const kind = KINDS[payload.soort];
    const today = this.clock.today();
    const empty: TrajectState = { id, soort: kind.soort, snapshot: initialSnapshot(kind), context: {}, version: 0, events: [] };
    const { events: decided, snapshot } = this.decide(kind, empty, today, () => kind.registreer(payload, today));
    const envelopes = this.envelope(decided, ctx);
    const storedEvents = storedEventsOf(await this.repository.append(id, envelopes, 'no-stream'));
    return (await this.repository.load(id, { after: empty, eventIds: envelopes.map((e) => e.eventId), snapshot, storedEvents })).state;
  }

  async execute(id: string, actie: string, body: unknown, ctx: CommandContext, opts: { systeem?: boolean } = {}) {
    for (let attempt = 1; ; attempt++) {
      const { kind, state } = await this.repository.load(id);
      const action = this.action(kind, state, actie, !!opts.systeem);
      const payload = validatePayload(action.dto, body);
      if (ctx.ifMatch !== undefined && ctx.ifMatch !== state.version - 1) throw new StaleRevision(ctx.ifMatch, state.version - 1);
      if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== state.version) {
        throw new ConcurrencyConflict(`traject-${id}`, ctx.expectedVersion, state.version);
      }
      const today = this.clock.today();
      const { events: decided, snapshot } = this.decide(kind, state, today, () => action.decide(payload, state, today));
      if (!opts.systeem) nietVoorRegistratie(state.events[0]?.metadata.datum, decided);
      // Nothing to record (a catch-up that found every deadline recorded already).
      if (decided.length === 0) return { kind, state };
      try {
        const envelopes = this.envelope(decided, ctx);
        const storedEvents = storedEventsOf(await this.repository.append(id, envelopes, state.version));
        // Only the events written since `state` are read (not even those, when the store gave ours as stored and
        // nothing came after them); when they are exactly ours, the snapshot the gate already stepped to is their
        // fold, else they are folded onto the cached state.
        return await this.repository.load(id, { after: state, eventIds: envelopes.map((e) => e.eventId), snapshot, storedEvents });
      } catch (err) {
        const retry = err instanceof ConcurrencyConflict && ctx.ifMatch === undefined && ctx.expectedVersion === undefined;
        if (!retry || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  private action(kind: TrajectoryKind, state: TrajectState, actie: string, systeem: boolean): ActionDefinition {
    const action = kind.acties.find((a) => a.naam === actie && (systeem || !a.systeem));
    if (action) return action;
    const known = Object.values(KINDS).some((k) => k.acties.some((a) => a.naam === actie && !a.systeem));
    if (!known) throw new NotFound(`Onbekende actie ${actie}`);
    throw this.rejection(kind, state, `Actie ${actie} bestaat niet voor een ${kind.soort}traject`);
  }

  /**
   * Runs decide and checks every fact against the machine, in order; a refusal becomes a 422 naming the state. Also
   * answers the snapshot after the facts: the fold of exactly what is appended.
   */
  private decide(kind: TrajectoryKind, state: TrajectState, today: string, decide: () => DomainEvent[]) {
    let events: DomainEvent[];
    try {
      // The facts as they will be read back (JSON), so the machine gates, and steps to, what the stream will hold.
      events = decide().map((e) => ({ ...e, data: JSON.parse(JSON.stringify(e.data)) as Record<string, unknown> }));
    } catch (err) {
      if (err instanceof Geweigerd) throw this.rejection(kind, state, err.message, err.ontbrekendeVelden);
      throw err;
    }
    // The deadline step: what these facts change in the trajectory's deadlines is appended with them, atomically.
    const gated = gegateMetGevolgen(kind, state.snapshot, events, today);
    if ('geweigerd' in gated) throw this.rejection(kind, state, `${gated.geweigerd.type} is niet toegestaan in fase ${kind.fase(state.snapshot)}`);
    return gated;
  }

  rejection(kind: TrajectoryKind, state: TrajectState, message: string, ontbrekendeVelden: string[] = []): CommandRejected {
    const fase = state.version === 0 ? 'nieuw' : kind.fase(state.snapshot);
    const acties = state.version === 0 ? [] : toegestaneActies(kind, state, this.clock.today());
    return new CommandRejected(message, fase, kind.status(state.snapshot), acties, ontbrekendeVelden);
  }

  private envelope(events: DomainEvent[], ctx: CommandContext): NewEvent[] {
    const recordedAt = this.clock.now().toISOString();
    return events.map((e, i) => ({
      eventId: ctx.eventIds?.[i] ?? randomUUID(),
      type: e.type,
      data: e.data,
      metadata: {
        actor: ctx.actor, correlationId: ctx.correlationId, causationId: ctx.causationId ?? null,
        datum: e.datum, recordedAt, schemaVersion: e.schemaVersion ?? 1,
      },
    }));
  }
}
