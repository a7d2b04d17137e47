/** The shape every event has, in every store. Types and data are domain words; the envelope is plumbing. */

export interface Actor {
  /** Token subject, or `systeem` for events the sagas append. */
  id: string;
  rol: string;
}

export interface EventMetadata {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  /** Business date (YYYY-MM-DD, Europe/Amsterdam) on which the fact happened, as entered by the case worker. */
  datum: string;
  /** Server time the event was recorded (ISO 8601, UTC). */
  recordedAt: string;
  schemaVersion: number;
  /** SHA-256 over this event's canonical content and `prevHash`; set by the store on append. */
  hash?: string;
  prevHash?: string;
  [extra: string]: unknown;
}

export interface NewEvent<T extends string = string, D = Record<string, unknown>> {
  eventId: string;
  type: T;
  data: D;
  metadata: EventMetadata;
}

export interface StoredEvent<T extends string = string, D = Record<string, unknown>> extends NewEvent<T, D> {
  streamId: string;
  /** The stream's version after this event: 1 for the first event. The API's `revisie` is version − 1. */
  version: number;
  /** Position in the global log, strictly increasing; 0 is "before the first event". */
  position: number;
}
