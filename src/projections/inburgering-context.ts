import { StoredEvent } from '../events/envelope';
import { withoutPersonalData } from '../privacy/field-groups';
import { asDomainEvent } from '../trajectories/core/fold';
import { DomainEvent } from '../trajectories/core/kind';
import { idOfStream } from '../trajectories/core/traject-repository';
import { InburgeringContext } from '../trajectories/inburgering/context';
import { reduce } from '../trajectories/inburgering/reduce';
import { faseNa } from './fase';
import { ProjectionReader } from './projection';

/** What a read model keeps per inburgering trajectory to fold the next event: the context and the phase. */
export interface Gevouwen {
  context: InburgeringContext;
  fase: string;
}

export interface Stap {
  traject: string;
  /** The event as the machine sees it (upcast, personal data included: use it, never store it). */
  event: DomainEvent;
  voor: Gevouwen | null;
  na: Gevouwen;
}

/**
 * The next fold of an inburgering trajectory with the pure `reduce` (the machine accepted every stored event, so
 * reduce alone reproduces its context), or null for other streams, the ondertussen-groep and unknown trajectories.
 * The context is folded without personal data (privacy/field-groups.ts), so a read model can store it.
 */
export function volgendeStap(stored: StoredEvent, lees: (traject: string) => Gevouwen | null): Stap | null {
  if (!stored.streamId.startsWith('traject-')) return null;
  const traject = idOfStream(stored.streamId);
  const event = asDomainEvent(stored);
  let voor: Gevouwen | null = null;
  if (event.type === 'InburgeraarGeregistreerd') {
    if ((event.data as { soort?: string }).soort === 'ondertussen') return null;
  } else {
    voor = lees(traject);
    if (!voor) return null;
  }
  const zonder = { ...event, data: withoutPersonalData(event.type, event.data) };
  const context = reduce(voor?.context as InburgeringContext, zonder as never) ?? voor!.context;
  return { traject, event, voor, na: { context, fase: faseNa(voor?.fase ?? null, event.type, event.data) ?? 'aangemeld' } };
}

/** Reads a stored fold from a table with columns `traject`, `context` (JSON) and `fase`. */
export const leesUit = (read: ProjectionReader, table: string) => (traject: string): Gevouwen | null => {
  const row = read.get<{ context: string; fase: string }>(`SELECT context, fase FROM ${table} WHERE traject = ?`, [traject]);
  return row ? { context: JSON.parse(row.context), fase: row.fase } : null;
};
