/** The store's own errors: adapters translate theirs into these, so nothing adapter-specific crosses the port. */

export class ConcurrencyConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${expected}`);
    this.name = 'ConcurrencyConflict';
  }
}

export class EventStoreUnavailable extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'EventStoreUnavailable';
  }
}
