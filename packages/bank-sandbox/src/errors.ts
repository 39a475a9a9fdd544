/**
 * Errors of `@sceau/bank-sandbox`: one base class, {@link SandboxError}, with a stable `code` per failure.
 * @module
 */

/** Every code a {@link SandboxError} can carry; stable across versions. */
export type SandboxErrorCode =
  | "ERR_CONFIG_INVALID"
  | "ERR_TERMINAL_UNKNOWN"
  | "ERR_MERCHANT_UNIDENTIFIED"
  | "ERR_SEAL_INVALID"
  | "ERR_FORM_INVALID"
  | "ERR_SCHEDULE_INVALID"
  | "ERR_MODE_UNAVAILABLE"
  | "ERR_ORDER_EXPIRED"
  | "ERR_ORDER_PROCESSED"
  | "ERR_ATTEMPTS_EXHAUSTED"
  | "ERR_SESSION_UNKNOWN"
  | "ERR_SESSION_EXPIRED"
  | "ERR_CONTROL_INVALID"
  | "ERR_NOT_FOUND";

/** HTTP status of each code when it reaches the error handler. */
const STATUS: Record<SandboxErrorCode, number> = {
  ERR_CONFIG_INVALID: 500,
  ERR_TERMINAL_UNKNOWN: 400,
  ERR_MERCHANT_UNIDENTIFIED: 400,
  ERR_SEAL_INVALID: 400,
  ERR_FORM_INVALID: 400,
  ERR_SCHEDULE_INVALID: 400,
  ERR_MODE_UNAVAILABLE: 400,
  ERR_ORDER_EXPIRED: 400,
  ERR_ORDER_PROCESSED: 409,
  ERR_ATTEMPTS_EXHAUSTED: 409,
  ERR_SESSION_UNKNOWN: 404,
  ERR_SESSION_EXPIRED: 410,
  ERR_CONTROL_INVALID: 400,
  ERR_NOT_FOUND: 404,
};

/** Base class of every error the sandbox raises on purpose; switch on `code`, never on `message`. */
export class SandboxError extends Error {
  /** Stable machine-readable code. */
  readonly code: SandboxErrorCode;
  /** The field at fault, when one is. */
  readonly field: string | undefined;

  constructor(
    code: SandboxErrorCode,
    message: string,
    options?: { field?: string; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options?.field;
    this.name = new.target.name;
  }

  /** The HTTP status the sandbox answers with for this error. */
  get status(): number {
    return STATUS[this.code];
  }
}
