/**
 * The console's one error type: the worker's `{ error: { code, message, field? } }` answers, and the two ways a
 * call can fail before one arrives.
 * @module
 */

/** Codes of the console itself; every other code is the worker's, passed through. */
export type ConsoleErrorCode = "ERR_NETWORK" | "ERR_RESPONSE_INVALID";

/** A failed call to the admin API, with the worker's stable code (or a console code) and its HTTP status. */
export class ConsoleError extends Error {
  /** `ERR_NETWORK`, `ERR_RESPONSE_INVALID`, or the worker's code (`ERR_UNAUTHORIZED`, `ERR_BANK_REFUSED`…). */
  readonly code: ConsoleErrorCode | (string & {});
  /** The HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** The request member at fault, when the worker names one. */
  readonly field: string | undefined;
  /** The whole error body (a refused operation carries the recorded `operation`). */
  readonly body: Record<string, unknown>;
  constructor(
    code: string,
    message: string,
    options: { status?: number; field?: string; body?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "ConsoleError";
    this.code = code;
    this.status = options.status ?? 0;
    this.field = options.field;
    this.body = options.body ?? {};
  }
}
