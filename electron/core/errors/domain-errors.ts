/**
 * Why the station core refuses what it was asked, in its own terms. The core never speaks the transport's language:
 * the dispatcher (contract/dispatch.ts) is the one place that turns these into contract errors.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable';

  constructor(
    message: string,
    /** What the caller may show beside the message (a field, a retry time...). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request cannot be right whatever the station's state: a bad value, a setting that does not validate. */
export class InvalidRequest extends DomainError {
  readonly kind = 'invalid';
}

/** The person asking may not do this (a wrong PIN, a packer where a supervisor must act). */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}

export class NotFound extends DomainError {
  readonly kind = 'not_found';
}

/** The request is fine but the station's state refuses it now (a printed job, a closed batch...). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

export class Unavailable extends DomainError {
  readonly kind = 'unavailable';
}
