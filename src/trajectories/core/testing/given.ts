import { AnyMachineSnapshot } from 'xstate';
import { StoredEvent } from '../../../events/envelope';
import { KINDS } from '../../kinds';
import { RegistreerTrajectDto } from '../../registratie.commands';
import { CommandRejected, NotFound, ValidationFailed } from '../errors';
import { accepts, fold, step, toegestaneActies } from '../fold';
import { metGevolgen } from '../gevolgen';
import { DomainEvent, TrajectState, TrajectoryKind } from '../kind';
import { Geweigerd } from '../regels';
import { validatePayload } from '../validate-payload';
import { trajectView } from '../view';

/**
 * given/when/then for the pure domain, along the command handler's path: find the action (a name another kind
 * knows is a 422, an unknown one a 404), validatePayload (400), decide (Geweigerd → 422), then the gate: every
 * produced fact must be accepted by the machine in order (else 422). The given facts are folded as a stored stream.
 */

export const ID = '00000000-0000-4000-8000-000000000001';
const STREAM = `traject-${ID}`;

export const stored = (events: DomainEvent[], from = 0): StoredEvent[] =>
  events.map((e, i) => ({
    eventId: `e-${from + i + 1}`, streamId: STREAM, version: from + i + 1, position: from + i + 1, type: e.type, data: e.data,
    metadata: {
      actor: { id: 'kim', rol: 'klantmanager' }, correlationId: 'test', causationId: null,
      datum: e.datum, recordedAt: `${e.datum}T12:00:00.000Z`, schemaVersion: e.schemaVersion ?? 1,
    },
  }));

export interface When {
  today: string;
  /** Run a system (saga) action, which HTTP does not offer. */
  systeem?: boolean;
}

type Uitkomst = { events: DomainEvent[] } | { error: Error };

export class Outcome {
  constructor(private readonly kind: TrajectoryKind, private readonly given: DomainEvent[], private readonly uitkomst: Uitkomst, private readonly today: string) {}

  private get appended(): DomainEvent[] {
    if ('error' in this.uitkomst) {
      const e = this.uitkomst.error;
      throw new Error(`Expected the command to be accepted, but it was refused: ${e.name}: ${e.message}`);
    }
    return this.uitkomst.events;
  }

  /**
   * The facts appended, in order; `data`/`datum` are compared (toEqual, so asymmetric matchers work) when given.
   * The deadline facts (Termijn*) the decider adds are compared only when the expectation names one.
   */
  thenAppends(expected: { type: string; data?: unknown; datum?: string }[]): this {
    const termijn = (e: { type: string }) => e.type.startsWith('Termijn');
    const actual = expected.some(termijn) ? this.appended : this.appended.filter((e) => !termijn(e));
    expect(actual.map((e) => e.type)).toEqual(expected.map((e) => e.type));
    expected.forEach((e, i) => {
      if (e.data !== undefined) expect(actual[i].data).toEqual(e.data);
      if (e.datum !== undefined) expect(actual[i].datum).toBe(e.datum);
    });
    return this;
  }

  /** Refused with this error (`CommandRejected` = 422, `ValidationFailed` = 400, `NotFound` = 404), its text matching. */
  thenRejects(code: 'CommandRejected' | 'ValidationFailed' | 'NotFound', message?: RegExp): this {
    if (!('error' in this.uitkomst)) {
      throw new Error(`Expected ${code}, but the command appended ${this.uitkomst.events.map((e) => e.type).join(', ') || 'nothing'}`);
    }
    const error = this.uitkomst.error;
    expect(`${error.name}: ${error.message}`).toMatch(new RegExp(`^${code}: `));
    // A ValidationFailed says what is wrong per field: the message is matched against those too.
    const fouten = error instanceof ValidationFailed ? error.errors.flatMap((f) => [f.veld, ...f.fouten]) : [];
    if (message) expect([error.message, ...fouten].join('\n')).toMatch(message);
    return this;
  }

  /** A 422 whose `ontbrekendeVelden` (the fields a rule needs but the body lacked) are exactly these. */
  thenMissing(velden: string[]): this {
    const error = 'error' in this.uitkomst ? this.uitkomst.error : null;
    if (!(error instanceof CommandRejected)) throw new Error(`Expected CommandRejected, got ${error ? error.name : 'an accepted command'}`);
    expect(error.ontbrekendeVelden).toEqual(velden);
    return this;
  }

  /** The trajectory folded (with fold(), as a reload would) from the given facts plus the appended ones. */
  get state(): TrajectState {
    const all = [...this.given, ...this.appended];
    return fold(this.kind, ID, stored(all));
  }

  /** The state (`status`) after the command: a string exactly, an object as the parts named. */
  thenState(value: string | Record<string, unknown>): this {
    const actual = this.kind.status(this.state.snapshot);
    if (typeof value === 'string') expect(actual).toEqual(value);
    else expect(actual).toMatchObject(value);
    return this;
  }

  /** The case view after the command, on the day given (default the command's day). */
  view(today = this.today): Record<string, any> {
    return trajectView(this.kind, this.state, today);
  }
}

/**
 * The command handler's decision on a folded state, without the store: the facts to append, or it throws
 * NotFound (unknown action), ValidationFailed (payload), CommandRejected (a rule or the machine).
 */
export function voerUit(kind: TrajectoryKind, state: TrajectState, actie: string, payload: unknown, { today, systeem = false }: When): DomainEvent[] {
  return gate(kind, state, today, () => {
    const action = kind.acties.find((a) => a.naam === actie && (systeem || !a.systeem));
    if (!action) {
      const known = Object.values(KINDS).some((k) => k.acties.some((a) => a.naam === actie && !a.systeem));
      if (!known) throw new NotFound(`Onbekende actie ${actie}`);
      throw rejection(kind, state, `Actie ${actie} bestaat niet voor een ${kind.soort}traject`, today);
    }
    return action.decide(validatePayload(action.dto, payload), state, today);
  });
}

/** Registration (POST /trajecten) on a new stream, via kind.registreer. */
export function registreerNieuw(kind: TrajectoryKind, payload: unknown, today: string): DomainEvent[] {
  const leeg = fold(kind, ID, []);
  return gate(kind, leeg, today, () => kind.registreer(validatePayload(RegistreerTrajectDto, payload), today));
}

/** Runs decide, then checks every fact against the machine in order; a Geweigerd or a refused fact is a 422. */
function gate(kind: TrajectoryKind, state: TrajectState, today: string, decide: () => DomainEvent[]): DomainEvent[] {
  let events: DomainEvent[];
  try {
    events = decide();
  } catch (err) {
    if (err instanceof Geweigerd) throw rejection(kind, state, err.message, today, err.ontbrekendeVelden);
    throw err;
  }
  const alle = metGevolgen(kind, state.snapshot, events, today);
  let snapshot: AnyMachineSnapshot = state.snapshot;
  for (const event of alle) {
    if (!accepts(snapshot, event)) throw rejection(kind, state, `${event.type} is niet toegestaan in fase ${fase(kind, state)}`, today);
    snapshot = step(kind, snapshot, event);
  }
  return alle;
}

const fase = (kind: TrajectoryKind, state: TrajectState): string => (state.version ? kind.fase(state.snapshot) : 'nieuw');

function rejection(kind: TrajectoryKind, state: TrajectState, message: string, today: string, ontbrekendeVelden: string[] = []): CommandRejected {
  const acties = state.version ? toegestaneActies(kind, state, today) : [];
  return new CommandRejected(message, fase(kind, state), kind.status(state.snapshot), acties, ontbrekendeVelden);
}

export class Given {
  readonly state: TrajectState;

  readonly events: DomainEvent[];

  /** The given facts as the decider would have recorded them: each with the deadline facts that follow from it. */
  constructor(readonly kind: TrajectoryKind, feiten: DomainEvent[]) {
    let snapshot = fold(kind, ID, []).snapshot;
    this.events = [];
    for (const feit of feiten) {
      const met = feit.type.startsWith('Termijn') ? [feit] : metGevolgen(kind, snapshot, [feit], feit.datum);
      for (const e of met) snapshot = step(kind, snapshot, e);
      this.events.push(...met);
    }
    this.state = fold(kind, ID, stored(this.events));
  }

  /** Runs an action as the command handler would, on `today`. Never throws: the outcome holds the error. */
  when(actie: string, payload: unknown, when: When): Outcome {
    return this.outcome(when.today, () => voerUit(this.kind, this.state, actie, payload, when));
  }

  /** Registration on a new stream, via kind.registreer (POST /trajecten). */
  registreer(payload: unknown, { today }: { today: string }): Outcome {
    if (this.events.length) throw new Error('registreer needs an empty stream: given(kind) without facts');
    return this.outcome(today, () => registreerNieuw(this.kind, payload, today));
  }

  private outcome(today: string, run: () => DomainEvent[]): Outcome {
    let uitkomst: Uitkomst;
    try {
      uitkomst = { events: run() };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      uitkomst = { error };
    }
    return new Outcome(this.kind, this.events, uitkomst, today);
  }
}

/** The trajectory that these facts (already recorded, so folded strictly) make. */
export const given = (kind: TrajectoryKind, ...events: DomainEvent[]): Given => new Given(kind, events);
