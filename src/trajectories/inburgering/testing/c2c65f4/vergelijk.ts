import { AnyMachineSnapshot } from 'xstate';
import { StoredEvent } from '../../../../events/envelope';
import { accepts, asDomainEvent, initialSnapshot, stepIfAccepted } from '../../../core/fold';
import { DomainEvent, TrajectState, TrajectoryKind } from '../../../core/kind';
import { trajectView } from '../../../core/view';
import { inburgeringKind } from '../../kind';
import { inburgeringMachine as machineC2c65f4 } from './machine';

/**
 * The inburgering kind as it was on main c2c65f4 (its machine and reduce, kept here only to compare against): the
 * machine whose regions moved by eventless transitions, its `status` its own state value (the regions). Everything else
 * (actions, view, rules) is today's. Today's machine has one `uitvoering` state and derives the parts' status from the
 * context (status.ts): compared is that status against the regions, not the machines' internal values.
 */
export const kindC2c65f4: TrajectoryKind = { ...inburgeringKind, machine: machineC2c65f4, status: (snapshot) => snapshot.value };

const json = (x: unknown) => JSON.stringify(x);

const staat = (kind: TrajectoryKind, snapshot: AnyMachineSnapshot, version: number): TrajectState =>
  ({ id: 'vergelijk', soort: kind.soort, snapshot, context: snapshot.context, version, events: [] });

/** What a state shows, byte for byte: `status` (the API's state, key order too), XState status (active/done), context, the case view with toegestaneActies. */
function toont(kind: TrajectoryKind, snapshot: AnyMachineSnapshot, version: number, today: string): string {
  return json({ value: kind.status(snapshot), status: snapshot.status, context: snapshot.context, view: trajectView(kind, staat(kind, snapshot, version), today) });
}

/** Which of the actions (system ones too) the machine accepts now, asked as toegestaneActies asks (probe payloads). */
function aanvaardt(kind: TrajectoryKind, snapshot: AnyMachineSnapshot, today: string): string {
  return kind.acties
    .map((a) => {
      const data = a.probe ? a.probe(snapshot.context) : {};
      return `${a.naam}:${data !== null && accepts(snapshot, { type: a.event, data, datum: today })}`;
    })
    .join(',');
}

/**
 * Folds `events` through today's machine and c2c65f4's, prefix by prefix, and lists every difference: whether each
 * stored fact is accepted; after each, what the state shows (value, status, context, view, toegestaneActies) and which
 * actions are accepted; and, for each distinct fact of `kandidaten` (default: the stream's own facts), whether it would
 * be accepted next and what it would lead to. Empty: the two machines decide alike on this stream.
 */
export function verschillen(events: StoredEvent[], today: string, kandidaten: DomainEvent[] = events.map(asDomainEvent)): string[] {
  const uniek = [...new Map(kandidaten.map((e) => [json([e.type, e.data, e.datum]), e])).values()];
  const out: string[] = [];
  const plek = (i: number) => `${events[0]?.streamId ?? ''} na versie ${i}`;
  let oud = initialSnapshot(kindC2c65f4);
  let nieuw = initialSnapshot(inburgeringKind);
  for (let i = 0; i <= events.length && out.length < 5; i++) {
    if (i > 0) {
      const e = asDomainEvent(events[i - 1]);
      const o = stepIfAccepted(kindC2c65f4, oud, e);
      const n = stepIfAccepted(inburgeringKind, nieuw, e);
      if (!o !== !n) out.push(`${plek(i - 1)}: ${e.type} aanvaard oud ${!!o}, nieuw ${!!n}`);
      if (!o || !n) break;
      oud = o;
      nieuw = n;
      const [to, tn] = [toont(kindC2c65f4, oud, i, today), toont(inburgeringKind, nieuw, i, today)];
      if (to !== tn) out.push(`${plek(i)}: toont oud ${to}\n  nieuw ${tn}`);
    }
    const [ao, an] = [aanvaardt(kindC2c65f4, oud, today), aanvaardt(inburgeringKind, nieuw, today)];
    if (ao !== an) out.push(`${plek(i)}: acties oud ${ao}\n  nieuw ${an}`);
    for (const k of uniek) {
      const o = stepIfAccepted(kindC2c65f4, oud, k);
      const n = stepIfAccepted(inburgeringKind, nieuw, k);
      const [wo, wn] = [o && json([kindC2c65f4.status(o), o.status, o.context]), n && json([inburgeringKind.status(n), n.status, n.context])];
      if (wo !== wn) out.push(`${plek(i)}: daarna ${k.type} ${json(k.data)}: oud ${wo}\n  nieuw ${wn}`);
    }
  }
  return out;
}
