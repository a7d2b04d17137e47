import { Injectable } from '@nestjs/common';
import { NewEvent, StoredEvent } from '../../events/envelope';
import { EventStore, ExpectedVersion } from '../../events/event-store';
import { KINDS } from '../kinds';
import { CorruptStream, NotFound } from './errors';
import { fold, soortOf } from './fold';
import { TrajectState, TrajectoryKind } from './kind';

export const streamIdOf = (id: string): string => `traject-${id}`;
export const idOfStream = (streamId: string): string => streamId.replace(/^traject-/, '');

/** Loads trajectories from their streams and appends to them: the one place the write side touches the store. */
@Injectable()
export class TrajectRepository {
  constructor(private readonly store: EventStore) {}

  async events(id: string): Promise<StoredEvent[]> {
    const events = await this.store.readStream(streamIdOf(id));
    if (events.length === 0) throw new NotFound(`Traject ${id} bestaat niet`);
    return events;
  }

  kindOf(events: StoredEvent[]): TrajectoryKind {
    const soort = soortOf(events);
    if (!soort || !KINDS[soort]) throw new CorruptStream(events[0].streamId, 1, events[0].type, 'first event is not a registration');
    return KINDS[soort];
  }

  async load(id: string): Promise<{ kind: TrajectoryKind; state: TrajectState }> {
    const events = await this.events(id);
    const kind = this.kindOf(events);
    return { kind, state: fold(kind, id, events) };
  }

  append(id: string, events: NewEvent[], expected: ExpectedVersion) {
    return this.store.append(streamIdOf(id), events, expected);
  }
}
