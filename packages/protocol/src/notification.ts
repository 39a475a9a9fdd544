/**
 * The Retour (CGI2) notification: typed fields, outcome kinds and the receipt (PROTOCOL.md §4, §7.4).
 * @module
 */
import { type Money, parseAmount } from "./amount.ts";
import { parseBankDateTime } from "./bank-date.ts";
import { FieldError, NotificationError } from "./errors.ts";
import { type MacFormat, sealedFieldNames } from "./mac-data.ts";
import { TPE_PATTERN } from "./rules.ts";

/** What the notification says happened, from `code-retour`. */
export type PaymentOutcome =
  | { readonly kind: "accepted" }
  | { readonly kind: "accepted-test" }
  | { readonly kind: "refused" }
  | { readonly kind: "instalment-collected"; readonly instalment: 2 | 3 | 4 }
  | { readonly kind: "instalment-refused"; readonly instalment: 2 | 3 | 4 };

/** The 3-D Secure part of a notification: `status3ds` (v3) and/or the decoded `authentification` (v4). */
export interface ThreeDSecureInfo {
  /** v3 `status3ds`: -1 not 3DS, 1 low risk, 2 impossible but authenticated, 3 high risk, 4 very high. */
  readonly status3ds?: number;
  /** v4 `authentification.status` (`authenticated`, `not_authenticated`, …), absent when `null`. */
  readonly status?: string;
  /** v4 protocol version (`2.1.0`…). */
  readonly version?: string;
  /** v4 `details.liabilityShift` (`Y`, `N`, `NA`). */
  readonly liabilityShift?: string;
  /** The decoded v4 JSON, as the bank sent it. */
  readonly raw?: unknown;
}

/** A parsed Retour notification; every value is as the bank posted it, typed where the bank defines a type. */
export interface PaymentNotification {
  readonly tpe: string;
  readonly reference: string;
  /** The authorisation request's instant (`date`, Paris time). */
  readonly date: Date;
  /** `montant` (or `montantestime` for pre-authorisation terminals). */
  readonly amount: Money;
  readonly texteLibre: string;
  /** `code-retour` exactly as posted. */
  readonly code: string;
  readonly outcome: PaymentOutcome;
  /** `cvx`: whether the buyer entered the card's security code. */
  readonly cvx?: boolean;
  /** `vld`: card expiry `MMAA`. */
  readonly expiry?: string;
  /** `brand`: `AM`, `CB`, `MC`, `VI` or `na` (always `na` on the test server). */
  readonly brand?: string;
  /** `numauto`: authorisation number, when granted. */
  readonly authorisationNumber?: string;
  /** `motifrefus`: why it was refused (`Refus`, `Interdit`, `filtrage`, `3DSecure`…). */
  readonly refusalReason?: string;
  /** `motifrefusautorisation` (v4): the refusal's detail (`Refus critique`…). */
  readonly refusalDetail?: string;
  readonly threeDSecure: ThreeDSecureInfo;
  /** `originecb`: card country, ISO 3166-1 alpha-3. */
  readonly cardCountry?: string;
  /** `bincb`: the card's BIN. */
  readonly bin?: string;
  /** `hpancb`: hash of the card number. */
  readonly hashedCard?: string;
  /** `cbmasquee`: masked card number. */
  readonly maskedCard?: string;
  /** `ipclient`: the buyer's IP address. */
  readonly clientIp?: string;
  /** `originetr`: the transaction's country. */
  readonly transactionCountry?: string;
  /** `montantech`: this instalment's amount (split payments). */
  readonly instalmentAmount?: Money;
  /** `filtragecause`, `filtragevaleur`, `filtrage_etat`: fraud-filter details. */
  readonly filtering?: {
    readonly causes: string[];
    readonly values: string[];
    readonly state?: string;
  };
  /** `cbenregistree`: whether the card was stored for express payment. */
  readonly cardStored?: boolean;
  /** `modepaiement` (v4): `CB`, `paypal`, `1euro`… */
  readonly paymentMethod?: string;
  /** Every posted field but `MAC`. */
  readonly fields: Readonly<Record<string, string>>;
}

/** The receipt for a valid seal: `version=2`, `cdr=0`, LF line ends. */
export const RECEIPT_OK = "version=2\ncdr=0\n";
/** The receipt for an invalid seal: `version=2`, `cdr=1`. */
export const RECEIPT_INVALID = "version=2\ncdr=1\n";

/**
 * Why a Retour body cannot be one the bank sent, checked before its seal: a `TPE` that is not 7 letters or
 * digits, or, in the positional (v3) format, a `*` inside a sealed field. The bank never sends either, and a
 * `*` inside a positional value would let the seal of another message (a payment form) be re-cut to fit.
 * The sorted (v4) format needs no such check: the bank's own values contain `*` (`cbmasquee`), and a body
 * whose cuts do not name a documented `code-retour` is refused after the seal anyway.
 *
 * @example
 * notificationShapeError({ TPE: "123", ... }, "v4"); // NotificationError, field "TPE"
 */
export function notificationShapeError(
  fields: Readonly<Record<string, string>>,
  format: MacFormat,
): NotificationError | undefined {
  const tpe = fields.TPE;
  if (tpe === undefined || !TPE_PATTERN.test(tpe)) {
    return new NotificationError(
      "TPE must be the 7 letters or digits of a terminal number.",
      "TPE",
    );
  }
  if (format !== "v3") return undefined;
  const name = sealedFieldNames(fields, "notification", format).find((n) =>
    fields[n]?.includes("*"),
  );
  return name === undefined
    ? undefined
    : new NotificationError(
        `${name} contains "*", which the bank never sends in a v3 field.`,
        name,
      );
}

/**
 * The exact receipt text the bank expects: `cdr=0` for a valid seal over a readable notification (the
 * documentation ties the receipt to the seal "provided code-retour is one of the listed values", PROTOCOL.md
 * §4.4), `cdr=1` otherwise.
 *
 * @example
 * return new Response(receipt(sealValid), { headers: { "content-type": "text/plain" } });
 */
export function receipt(sealValid: boolean): string {
  return sealValid ? RECEIPT_OK : RECEIPT_INVALID;
}

const SPLIT = /^(paiement|Annulation)_pf([234])$/;

/**
 * Reads `code-retour` into an outcome.
 *
 * @throws {NotificationError} `ERR_NOTIFICATION_MALFORMED` for a code the bank does not document.
 */
export function parseOutcome(code: string): PaymentOutcome {
  if (code === "paiement") return { kind: "accepted" };
  if (code === "payetest") return { kind: "accepted-test" };
  if (code === "Annulation") return { kind: "refused" };
  const split = SPLIT.exec(code);
  if (split) {
    const instalment = Number(split[2]) as 2 | 3 | 4;
    return split[1] === "paiement"
      ? { kind: "instalment-collected", instalment }
      : { kind: "instalment-refused", instalment };
  }
  throw new NotificationError(
    `Unknown code-retour ${JSON.stringify(code.slice(0, 40))}.`,
    "code-retour",
  );
}

function optional(fields: Record<string, string>, name: string): string | undefined {
  const value = fields[name];
  return value === undefined || value === "" ? undefined : value;
}

function decodeAuthentication(value: string): ThreeDSecureInfo {
  try {
    const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
    const raw: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (raw === null || typeof raw !== "object") return { raw };
    const doc = raw as {
      status?: unknown;
      version?: unknown;
      details?: { liabilityShift?: unknown };
    };
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    return {
      raw,
      ...(str(doc.status) && { status: str(doc.status) }),
      ...(str(doc.version) && { version: str(doc.version) }),
      ...(str(doc.details?.liabilityShift) && { liabilityShift: str(doc.details?.liabilityShift) }),
    };
  } catch {
    throw new NotificationError(
      "authentification is not base64 of a JSON document.",
      "authentification",
    );
  }
}

function required(fields: Record<string, string>, name: string): string {
  const value = fields[name];
  if (value === undefined)
    throw new NotificationError(`The notification has no ${name} field.`, name);
  return value;
}

/** Re-throws amount and date problems as malformed-notification errors naming the field. */
function field<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FieldError) throw new NotificationError(error.message, name);
    throw error;
  }
}

/**
 * Types a notification's fields (already decoded, seal already checked).
 *
 * @throws {NotificationError} `ERR_NOTIFICATION_MALFORMED` when a required field (`TPE`, `date`, `montant`,
 *   `reference`, `code-retour`) is missing or unreadable.
 */
export function parseNotification(fields: Readonly<Record<string, string>>): PaymentNotification {
  const f = { ...fields };
  delete f.MAC;
  const amountField =
    f.montant === undefined && f.montantestime !== undefined ? "montantestime" : "montant";
  const code = required(f, "code-retour");
  const status3ds = optional(f, "status3ds");
  const auth = optional(f, "authentification");
  const causes = optional(f, "filtragecause");
  const montantech = optional(f, "montantech");
  const cvx = optional(f, "cvx");
  const stored = optional(f, "cbenregistree");
  return {
    tpe: required(f, "TPE"),
    reference: required(f, "reference"),
    date: field("date", () => parseBankDateTime(required(f, "date"), "date")),
    amount: field(amountField, () => parseAmount(required(f, amountField), amountField)),
    texteLibre: f["texte-libre"] ?? "",
    code,
    outcome: parseOutcome(code),
    ...(cvx && { cvx: cvx === "oui" }),
    ...(optional(f, "vld") && { expiry: optional(f, "vld") }),
    ...(optional(f, "brand") && { brand: optional(f, "brand") }),
    ...(optional(f, "numauto") && { authorisationNumber: optional(f, "numauto") }),
    ...(optional(f, "motifrefus") && { refusalReason: optional(f, "motifrefus") }),
    ...(optional(f, "motifrefusautorisation") && {
      refusalDetail: optional(f, "motifrefusautorisation"),
    }),
    threeDSecure: {
      ...(status3ds && /^-?\d$/.test(status3ds) && { status3ds: Number(status3ds) }),
      ...(auth && decodeAuthentication(auth)),
    },
    ...(optional(f, "originecb") && { cardCountry: optional(f, "originecb") }),
    ...(optional(f, "bincb") && { bin: optional(f, "bincb") }),
    ...(optional(f, "hpancb") && { hashedCard: optional(f, "hpancb") }),
    ...(optional(f, "cbmasquee") && { maskedCard: optional(f, "cbmasquee") }),
    ...(optional(f, "ipclient") && { clientIp: optional(f, "ipclient") }),
    ...(optional(f, "originetr") && { transactionCountry: optional(f, "originetr") }),
    ...(montantech && {
      instalmentAmount: field("montantech", () => parseAmount(montantech, "montantech")),
    }),
    ...(causes && {
      filtering: {
        causes: causes.split("-").filter(Boolean),
        values: (f.filtragevaleur ?? "").split("-").filter(Boolean),
        ...(optional(f, "filtrage_etat") && { state: optional(f, "filtrage_etat") }),
      },
    }),
    ...(stored && { cardStored: stored === "1" }),
    ...(optional(f, "modepaiement") && { paymentMethod: optional(f, "modepaiement") }),
    fields: f,
  };
}
