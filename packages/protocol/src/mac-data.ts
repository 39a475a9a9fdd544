/**
 * The exact strings the bank seals, for the two MAC formats (PROTOCOL.md §3.3, §4.3, §5, §6, §7.1).
 * @module
 */
import { ConfigError } from "./errors.ts";

/** The two MAC formats: `"v3"` CM-CIC p@iement 3.0 positional, `"v4"` Monetico sorted `name=value`. */
export type MacFormat = "v3" | "v4";

/** Form fields as posted: plain strings keyed by the bank's field names. `undefined` means "not posted". */
export type Fields = Readonly<Record<string, string | undefined>>;

const V3_PAYMENT = [
  "TPE",
  "date",
  "montant",
  "reference",
  "texte-libre",
  "version",
  "lgue",
  "societe",
  "mail",
  "nbrech",
  "dateech1",
  "montantech1",
  "dateech2",
  "montantech2",
  "dateech3",
  "montantech3",
  "dateech4",
  "montantech4",
  "options",
] as const;

const V3_NOTIFICATION_AFTER_VERSION = [
  "code-retour",
  "cvx",
  "vld",
  "brand",
  "status3ds",
  "numauto",
  "motifrefus",
  "originecb",
  "bincb",
  "hpancb",
  "ipclient",
  "originetr",
  "veres",
  "pares",
] as const;

/** The four kinds of message the bank seals. */
export type SealedMessage = "payment" | "notification" | "capture" | "recredit";

/** The v3 fields whose values go into each sealed string (PROTOCOL.md §3.3, §4.3, §5, §6). */
const V3_SEALED: Readonly<Record<SealedMessage, readonly string[]>> = {
  payment: V3_PAYMENT,
  notification: [
    "TPE",
    "date",
    "montant",
    "reference",
    "texte-libre",
    ...V3_NOTIFICATION_AFTER_VERSION,
  ],
  capture: [
    "TPE",
    "date",
    "montant_a_capturer",
    "montant_deja_capture",
    "montant_restant",
    "reference",
    "texte-libre",
    "version",
    "lgue",
    "societe",
  ],
  recredit: [
    "TPE",
    "date",
    "montant_recredit",
    "montant_possible",
    "reference",
    "texte-libre",
    "version",
    "lgue",
    "societe",
  ],
};

/**
 * The names of the fields whose values go into a message's sealed string: the fixed list of the positional
 * format, or every posted field but `MAC` in the sorted format.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for an unknown format.
 */
export function sealedFieldNames(
  fields: Fields,
  message: SealedMessage,
  format: MacFormat,
): readonly string[] {
  assertFormat(format);
  if (format === "v3") return V3_SEALED[message];
  return Object.keys(fields).filter((name) => name !== "MAC" && fields[name] !== undefined);
}

/** Checks the format argument, which often comes from configuration text. */
export function assertFormat(format: unknown): asserts format is MacFormat {
  if (format !== "v3" && format !== "v4") {
    throw new ConfigError(
      "format",
      `Unknown MAC format ${JSON.stringify(format)}: use "v3" or "v4".`,
    );
  }
}

/** Absent fields are sealed as empty strings in the positional format, as the kits do. */
function value(fields: Fields, name: string): string {
  return fields[name] ?? "";
}

/**
 * The v4 rule: every posted field except `MAC`, sorted by name in byte order, `name=value` joined by `*`.
 * Field names are ASCII, so UTF-16 code-unit order (the default sort) is byte order.
 */
export function sortedMacData(fields: Fields): string {
  return Object.keys(fields)
    .filter((name) => name !== "MAC" && fields[name] !== undefined)
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join("*");
}

/**
 * The string sealed for an Aller (payment form): 19 positional slots in v3, sorted `name=value` in v4.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for an unknown format.
 * @example
 * paymentMacData(fields, "v3"); // "1234567*05/12/2006:11:55:23*62.73EUR*…**********"
 */
export function paymentMacData(fields: Fields, format: MacFormat): string {
  assertFormat(format);
  if (format === "v4") return sortedMacData(fields);
  return V3_PAYMENT.map((name) => value(fields, name)).join("*");
}

/** Options of {@link notificationMacData}. */
export interface NotificationMacOptions {
  /**
   * The merchant's own TPE number: the v3 string uses it, not the posted `TPE` (PROTOCOL.md §4.2). Without
   * it the posted `TPE` is used, which is only right once you have checked that it is yours.
   */
  tpe?: string;
}

/**
 * The string sealed for a Retour (CGI2) notification: v3 uses the merchant's TPE, the literal `3.0` and a
 * trailing `*`; v4 seals every posted field but `MAC`.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for an unknown format.
 */
export function notificationMacData(
  fields: Fields,
  format: MacFormat,
  options: NotificationMacOptions = {},
): string {
  assertFormat(format);
  if (format === "v4") return sortedMacData(fields);
  const head = [
    options.tpe ?? value(fields, "TPE"),
    value(fields, "date"),
    value(fields, "montant"),
    value(fields, "reference"),
    value(fields, "texte-libre"),
    "3.0",
  ];
  const tail = V3_NOTIFICATION_AFTER_VERSION.map((name) => value(fields, name));
  return `${[...head, ...tail].join("*")}*`;
}

/** The common v3 tail of capture and recredit strings: `reference*texte-libre*version*lgue*societe*`. */
function operationTail(fields: Fields): string {
  return ["reference", "texte-libre", "version", "lgue", "societe"]
    .map((name) => `${value(fields, name)}*`)
    .join("");
}

/**
 * The string sealed for a capture, cancel or stop-recurrence request (`capture_paiement.cgi`): in v3 the three
 * amounts are concatenated without separator.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for an unknown format.
 */
export function captureMacData(fields: Fields, format: MacFormat): string {
  assertFormat(format);
  if (format === "v4") return sortedMacData(fields);
  const amounts =
    value(fields, "montant_a_capturer") +
    value(fields, "montant_deja_capture") +
    value(fields, "montant_restant");
  return `${value(fields, "TPE")}*${value(fields, "date")}*${amounts}*${operationTail(fields)}`;
}

/**
 * The string sealed for a refund request (`recredit_paiement.cgi`): in v3 the two amounts are concatenated.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for an unknown format.
 */
export function recreditMacData(fields: Fields, format: MacFormat): string {
  assertFormat(format);
  if (format === "v4") return sortedMacData(fields);
  const amounts = value(fields, "montant_recredit") + value(fields, "montant_possible");
  return `${value(fields, "TPE")}*${value(fields, "date")}*${amounts}*${operationTail(fields)}`;
}
