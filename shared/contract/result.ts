/** Every call answers with a Result, so a transport never has to turn an exception into something the UI can show. */
/** Every error code a call can answer with; the UI has a text for each in every language (renderer/src/i18n). */
export const ERROR_CODES = [
  'unknown_call',
  'invalid_input',
  'forbidden',
  'not_found',
  'conflict',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level detail for invalid input, the marketplace's request id, ... */
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractErrorBody };

/** Thrown by station code to answer a call with a specific error; anything else becomes 'internal'. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}
