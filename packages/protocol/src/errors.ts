/**
 * Errors of `@sceau/protocol`: one base class, {@link ProtocolError}, with a stable `code` per failure.
 * @module
 */

/** Every code a {@link ProtocolError} can carry; stable across versions. */
export type ProtocolErrorCode =
  | "ERR_KEY_INVALID"
  | "ERR_CONFIG_INVALID"
  | "ERR_FIELD_MISSING"
  | "ERR_FIELD_TOO_LONG"
  | "ERR_FIELD_CHARSET"
  | "ERR_FIELD_FORMAT"
  | "ERR_FIELD_AMBIGUOUS"
  | "ERR_AMOUNT_INVALID"
  | "ERR_CURRENCY_UNKNOWN"
  | "ERR_DATE_INVALID"
  | "ERR_SCHEDULE_INVALID"
  | "ERR_CONTEXT_INVALID"
  | "ERR_NOTIFICATION_MALFORMED"
  | "ERR_RESPONSE_MALFORMED";

/** Base class of every error this library throws on purpose; switch on `code`, never on `message`. */
export class ProtocolError extends Error {
  /** Stable machine-readable code. */
  readonly code: ProtocolErrorCode;

  constructor(code: ProtocolErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The merchant key is not 40 characters, or its usable form is not 40 hex digits (`ERR_KEY_INVALID`). */
export class KeyFormatError extends ProtocolError {
  declare readonly code: "ERR_KEY_INVALID";
  constructor(message: string) {
    super("ERR_KEY_INVALID", message);
  }
}

/** A terminal configuration value is wrong: bank, environment, format, TPE, URLs (`ERR_CONFIG_INVALID`). */
export class ConfigError extends ProtocolError {
  declare readonly code: "ERR_CONFIG_INVALID";
  /** The configuration member at fault. */
  readonly setting: string;
  constructor(setting: string, message: string) {
    super("ERR_CONFIG_INVALID", message);
    this.setting = setting;
  }
}

/** Codes a {@link FieldError} can carry. */
export type FieldErrorCode = Extract<
  ProtocolErrorCode,
  | "ERR_FIELD_MISSING"
  | "ERR_FIELD_TOO_LONG"
  | "ERR_FIELD_CHARSET"
  | "ERR_FIELD_FORMAT"
  | "ERR_FIELD_AMBIGUOUS"
  | "ERR_AMOUNT_INVALID"
  | "ERR_CURRENCY_UNKNOWN"
  | "ERR_DATE_INVALID"
  | "ERR_SCHEDULE_INVALID"
  | "ERR_CONTEXT_INVALID"
>;

/** A value breaks the bank's rules for one field; `field` names the form field (e.g. `reference`). */
export class FieldError extends ProtocolError {
  declare readonly code: FieldErrorCode;
  /** The bank's name of the field at fault (`montant`, `dateech2`, `contexte_commande.billing.city`…). */
  readonly field: string;
  constructor(code: FieldErrorCode, field: string, message: string) {
    super(code, message);
    this.field = field;
  }
}

/** A Retour (CGI2) body cannot be read as a notification (`ERR_NOTIFICATION_MALFORMED`). */
export class NotificationError extends ProtocolError {
  declare readonly code: "ERR_NOTIFICATION_MALFORMED";
  /** The field at fault, when one is. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super("ERR_NOTIFICATION_MALFORMED", message);
    this.field = field;
  }
}

/** A capture or recredit answer from the bank cannot be read (`ERR_RESPONSE_MALFORMED`). */
export class ResponseError extends ProtocolError {
  declare readonly code: "ERR_RESPONSE_MALFORMED";
  constructor(message: string) {
    super("ERR_RESPONSE_MALFORMED", message);
  }
}
