/** The closed error vocabulary of the application; one global filter maps each to problem+json. */

export interface FieldError {
  veld: string;
  fouten: string[];
}

/** 400: the payload, query or a header is malformed. */
export class ValidationFailed extends Error {
  constructor(message: string, readonly errors: FieldError[] = []) {
    super(message);
    this.name = 'ValidationFailed';
  }
}

/** 404: unknown trajectory or unknown action. */
export class NotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFound';
  }
}

/** 412: the client's If-Match names a revision that is no longer current. */
export class StaleRevision extends Error {
  constructor(readonly expected: number, readonly revisie: number) {
    super(`If-Match noemt revisie ${expected}, maar het traject staat op revisie ${revisie}`);
    this.name = 'StaleRevision';
  }
}

/** 422: the machine or a rule refuses the action in the current state. */
export class CommandRejected extends Error {
  constructor(
    message: string,
    readonly fase: string,
    readonly status: unknown,
    readonly toegestaneActies: string[],
    /** The body fields a rule requires but the command lacked (422 member `ontbrekendeVelden`). */
    readonly ontbrekendeVelden: string[] = [],
  ) {
    super(message);
    this.name = 'CommandRejected';
  }
}

/** 500, loudly: a stored event the machine refuses. Never skipped. */
export class CorruptStream extends Error {
  constructor(readonly streamId: string, readonly version: number, readonly type: string, detail: string) {
    super(`Stream ${streamId} version ${version} (${type}) cannot be folded: ${detail}`);
    this.name = 'CorruptStream';
  }
}
