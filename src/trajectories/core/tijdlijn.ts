import { StoredEvent } from '../../events/envelope';
import { accepts, asDomainEvent, initialSnapshot, step } from './fold';
import { TrajectState, TrajectoryKind } from './kind';
import { gebeurtenisView, trajectView } from './view';

export interface TijdlijnOpties {
  /** State as it stood on this business date: the events whose `datum` is on or before it. */
  peildatum?: string;
  /** State after the event with this revision. */
  totRevisie?: number;
}

/**
 * Replays a stream event by event: each entry carries the event and the state after it.
 * With a peildatum, events dated later are left out; a fact recorded in the stream before an earlier-dated
 * one may then no longer fit the machine: such an entry is marked `nietToepasbaar` rather than failing the replay.
 */
export function tijdlijn(kind: TrajectoryKind, id: string, events: StoredEvent[], today: string, opties: TijdlijnOpties) {
  const selectie = events.filter((e) =>
    (opties.totRevisie === undefined || e.version - 1 <= opties.totRevisie) &&
    (opties.peildatum === undefined || e.metadata.datum <= opties.peildatum));
  const peil = opties.peildatum ?? today;
  let snapshot = initialSnapshot(kind);
  const toegepast: StoredEvent[] = [];
  const stappen = selectie.map((stored) => {
    const event = asDomainEvent(stored);
    if (!accepts(snapshot, event)) {
      return { gebeurtenis: gebeurtenisView(stored), nietToepasbaar: true, fase: kind.fase(snapshot), status: kind.status(snapshot) };
    }
    snapshot = step(kind, snapshot, event);
    toegepast.push(stored);
    return { gebeurtenis: gebeurtenisView(stored), fase: kind.fase(snapshot), status: kind.status(snapshot) };
  });
  const state: TrajectState = { id, soort: kind.soort, snapshot, context: snapshot.context, version: toegepast.length, events: toegepast };
  const laatste = toegepast.at(-1);
  return {
    id,
    peildatum: opties.peildatum ?? null,
    totRevisie: opties.totRevisie ?? null,
    stappen,
    staat: toegepast.length ? { ...trajectView(kind, state, peil), revisie: laatste!.version - 1 } : null,
  };
}
