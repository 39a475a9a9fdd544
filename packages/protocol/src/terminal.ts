/**
 * The terminal API: one configured TPE that builds payment forms, checks notifications and prepares
 * capture, cancel and recredit requests.
 * @module
 */
import { formatAmount, type Money } from "./amount.ts";
import { bankDay, type CalendarDay, formatBankDateTime, formatBankDay } from "./bank-date.ts";
import { type Bank, type BankEnvironment, type BankUrls, bankUrls, urlsFromBase } from "./banks.ts";
import { ConfigError, FieldError, type ProtocolError } from "./errors.ts";
import { decodeFormBody } from "./form-body.ts";
import { importKey, type SealKey } from "./key.ts";
import {
  assertFormat,
  captureMacData,
  type MacFormat,
  notificationMacData,
  paymentMacData,
  recreditMacData,
} from "./mac-data.ts";
import {
  notificationShapeError,
  type PaymentNotification,
  parseNotification,
  receipt,
} from "./notification.ts";
import { encodeOrderContext, type OrderContext } from "./order-context.ts";
import { SOCIETE_PATTERN, TPE_PATTERN } from "./rules.ts";
import { type Instalment, type SplitDayRule, splitSchedule } from "./schedule.ts";
import { type SealEncoding, type SealOptions, seal, verifySeal } from "./seal.ts";
import { assertPaymentFields, assertUnambiguous } from "./validate.ts";

/** How to reach and speak to one terminal (TPE). */
export interface TerminalConfig {
  /** The 7-character TPE number. */
  tpe: string;
  /** The 40-character merchant key; imported once, never kept as text. */
  key: string;
  /** The site code (`societe`) the bank gave you. */
  societe: string;
  /** The terminal's MAC format. */
  format: MacFormat;
  /** The bank whose servers to use; or give `baseUrl` (e.g. the sandbox's) or explicit `urls`. */
  bank?: Bank;
  /** Test or production server (default `test`). */
  environment?: BankEnvironment;
  /** A base URL ending in `/` under which `paiement.cgi` and the services live. */
  baseUrl?: string;
  /** Explicit service URLs. */
  urls?: BankUrls;
  /** Bytes sealed for non-ASCII values (default UTF-8; PROTOCOL.md §9.3). */
  encoding?: SealEncoding;
}

/** An order to pay, with money in integer minor units. */
export interface PaymentOrder {
  /** Unique per payment request: letters and digits, ≤ 12 (v3) or ≤ 50 (v4). */
  reference: string;
  /** Total in minor units (6273 = 62.73 EUR). */
  amount: number;
  /** ISO 4217 code (default EUR). */
  currency?: string;
  /** Payment-page language: FR EN DE IT ES NL PT SV (JA in v4); default FR. */
  language?: string;
  /** The order's instant (default now). */
  date?: Date;
  email?: string;
  /** Free text echoed in the Retour; printable ASCII (encode anything else). */
  texteLibre?: string;
  /** Return links shown to the buyer. */
  returnUrls?: { ok?: string; error?: string; cancel?: string };
  /**
   * Split payment: a count (equal shares), percentages, or a ready schedule; `dayRule` is the terminal's
   * (default `anniversary`).
   */
  split?: {
    count?: number;
    percentages?: number[];
    schedule?: Instalment[];
    dayRule?: SplitDayRule;
  };
  /** v3 `options` items (`{ aliascb: "client1", forcesaisiecb: "1" }`); in v4 they are posted as fields. */
  options?: Record<string, string>;
  /** v4 order context (billing address required by 3-D Secure v2). */
  context?: OrderContext;
  /** Further v4 fields posted as they are (`ThreeDSecureChallenge`, `libelleMonetique`…). */
  extraFields?: Record<string, string>;
}

/** A sealed form, ready to be posted by the buyer's browser. */
export interface PaymentForm {
  readonly action: string;
  readonly method: "POST";
  /** Every field to post, `MAC` included, raw (escape them when writing HTML). */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * The outcome of checking a Retour body. The receipt is `cdr=0` only for a valid seal over a readable
 * notification: a validly sealed body that is no notification (a payment form posted back, an unknown
 * `code-retour`) gets `cdr=1`, so no other sealed message can pass for one.
 */
export interface VerifiedNotification {
  /** True when the seal matches this terminal's key (false when the body's shape ruled it out first). */
  readonly sealValid: boolean;
  /** The exact text to answer the bank with. */
  readonly receipt: string;
  /** The fields as posted (decoded), `MAC` included. */
  readonly fields: Readonly<Record<string, string>>;
  /** The typed notification, when the seal is valid and the fields are readable. */
  readonly notification?: PaymentNotification;
  /** Why the body is unreadable, or why a validly sealed body could not be typed. */
  readonly error?: ProtocolError;
  /** True when the posted TPE is not this terminal's (checked separately from the seal). */
  readonly tpeMismatch: boolean;
}

/** A server-to-server request to the capture or recredit service. */
export interface BankRequest {
  readonly url: string;
  /** The sealed fields. */
  readonly fields: Readonly<Record<string, string>>;
  /** The `application/x-www-form-urlencoded` body. */
  readonly body: string;
}

/** Amounts of a capture request, in minor units. */
export interface CaptureOrder {
  reference: string;
  /** The original order's instant or day (`date_commande`). */
  orderDate: Date | CalendarDay;
  /** The authorised total. */
  amount: Money;
  /** What to capture now. */
  capture: number;
  /** What was captured before. */
  alreadyCaptured?: number;
  /** What stays authorised after this capture (default: the rest); 0 ends the authorisation. */
  remaining?: number;
  language?: string;
  texteLibre?: string;
  /** The request's instant (default now). */
  date?: Date;
}

/** A refund request, in minor units. */
export interface RecreditOrder {
  reference: string;
  orderDate: Date | CalendarDay;
  /** The capture's day (`date_remise`). */
  captureDate: Date | CalendarDay;
  /** The authorisation number (`num_autorisation`). */
  authorisationNumber: string;
  /** The original total. */
  amount: Money;
  /** What to refund now. */
  refund: number;
  /** The most that can still be refunded (captured minus earlier refunds). */
  refundable: number;
  language?: string;
  texteLibre?: string;
  date?: Date;
}

/** A configured terminal; create it with {@link createTerminal}. */
export interface Terminal {
  readonly tpe: string;
  readonly societe: string;
  readonly format: MacFormat;
  readonly urls: BankUrls;
  /** Builds, validates and seals the payment form for an order. */
  paymentForm(order: PaymentOrder): Promise<PaymentForm>;
  /** Checks a Retour body (raw form text, `URLSearchParams` or decoded fields) and types it. */
  verifyNotification(
    body: string | URLSearchParams | Record<string, string>,
  ): Promise<VerifiedNotification>;
  /** A sealed capture request (total or partial). */
  captureRequest(order: CaptureOrder): Promise<BankRequest>;
  /** A sealed cancel request: nothing captured now, nothing left authorised. */
  cancelRequest(order: Omit<CaptureOrder, "capture" | "remaining">): Promise<BankRequest>;
  /** A sealed stop-recurrence request. */
  stopRecurrenceRequest(order: Omit<CaptureOrder, "capture" | "remaining">): Promise<BankRequest>;
  /** A sealed refund request. */
  recreditRequest(order: RecreditOrder): Promise<BankRequest>;
}

function day(value: Date | CalendarDay): string {
  return formatBankDay(value instanceof Date ? bankDay(value) : value);
}

function encodeBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function checkConfig(config: TerminalConfig): BankUrls {
  if (!config || typeof config !== "object")
    throw new ConfigError("config", "Expected a terminal configuration.");
  if (typeof config.tpe !== "string" || !TPE_PATTERN.test(config.tpe)) {
    throw new ConfigError(
      "tpe",
      "The TPE must be the 7 letters or digits of your terminal number.",
    );
  }
  if (typeof config.societe !== "string" || !SOCIETE_PATTERN.test(config.societe)) {
    throw new ConfigError(
      "societe",
      "societe must be 1 to 20 letters or digits (the site code from the bank).",
    );
  }
  assertFormat(config.format);
  if (
    config.encoding !== undefined &&
    config.encoding !== "utf-8" &&
    config.encoding !== "latin1"
  ) {
    throw new ConfigError("encoding", 'encoding must be "utf-8" or "latin1".');
  }
  if (config.urls) return config.urls;
  if (config.baseUrl) return urlsFromBase(config.baseUrl);
  if (config.bank) return bankUrls(config.bank, config.environment ?? "test");
  throw new ConfigError(
    "bank",
    "Say which bank to use: bank (cm, cic, obc, monetico), baseUrl or urls.",
  );
}

/** What every request of one terminal needs: its identity, its key and where to send things. */
interface TerminalState {
  readonly tpe: string;
  readonly societe: string;
  readonly format: MacFormat;
  readonly urls: BankUrls;
  readonly key: SealKey;
  readonly sealOptions: SealOptions;
}

/** Seals a request's fields, refusing any value that would make the sealed string ambiguous. */
async function sealed(
  t: TerminalState,
  fields: Record<string, string>,
  message: "payment" | "capture" | "recredit",
): Promise<Record<string, string>> {
  assertUnambiguous(fields, message, t.format);
  const data =
    message === "payment"
      ? paymentMacData(fields, t.format)
      : message === "capture"
        ? captureMacData(fields, t.format)
        : recreditMacData(fields, t.format);
  return { ...fields, MAC: await seal(t.key, data, t.sealOptions) };
}

function scheduleOf(order: PaymentOrder, date: Date): Instalment[] | undefined {
  if (!order.split || order.split.schedule) return order.split?.schedule;
  return splitSchedule({
    total: order.amount,
    firstDay: bankDay(date),
    ...(order.split.count !== undefined && { count: order.split.count }),
    ...(order.split.percentages && { percentages: order.split.percentages }),
    ...(order.split.dayRule && { dayRule: order.split.dayRule }),
  });
}

function paymentFields(t: TerminalState, order: PaymentOrder): Record<string, string> {
  const { format } = t;
  const currency = order.currency ?? "EUR";
  const date = order.date ?? new Date();
  const fields: Record<string, string> = {
    version: "3.0",
    TPE: t.tpe,
    date: formatBankDateTime(date),
    montant: formatAmount(order.amount, currency),
    reference: order.reference,
    lgue: order.language ?? "FR",
    societe: t.societe,
  };
  const optional = (name: string, value: string | undefined) => {
    if (value !== undefined) fields[name] = value;
    else if (format === "v3") fields[name] = "";
  };
  optional("texte-libre", order.texteLibre);
  optional("mail", order.email);
  const schedule = scheduleOf(order, date);
  optional("nbrech", schedule ? String(schedule.length) : undefined);
  for (let i = 1; i <= 4; i++) {
    const instalment = schedule?.[i - 1];
    optional(`dateech${i}`, instalment ? formatBankDay(instalment.date) : undefined);
    optional(
      `montantech${i}`,
      instalment ? formatAmount(instalment.amount, currency, `montantech${i}`) : undefined,
    );
  }
  const options = Object.entries(order.options ?? {});
  if (format === "v3") {
    fields.options = options
      .map(([name, value]) => (value === "" ? name : `${name}=${value}`))
      .join("&");
  } else {
    for (const [name, value] of options) fields[name] = value;
    if (order.context) fields.contexte_commande = encodeOrderContext(order.context);
    for (const [name, value] of Object.entries(order.extraFields ?? {})) fields[name] = value;
  }
  const urlsFor = order.returnUrls ?? {};
  if (urlsFor.cancel ?? urlsFor.error) fields.url_retour = urlsFor.cancel ?? urlsFor.error ?? "";
  if (urlsFor.ok) fields.url_retour_ok = urlsFor.ok;
  if (urlsFor.error) fields.url_retour_err = urlsFor.error;
  // The v4 kit never posts url_retour; only what is posted is sealed.
  if (format === "v4") delete fields.url_retour;
  return fields;
}

async function paymentForm(t: TerminalState, order: PaymentOrder): Promise<PaymentForm> {
  if (!Number.isSafeInteger(order?.amount) || order.amount <= 0) {
    throw new FieldError(
      "ERR_AMOUNT_INVALID",
      "montant",
      "A payment needs a positive integer amount in minor units.",
    );
  }
  const fields = paymentFields(t, order);
  assertPaymentFields(fields, t.format, {
    ...(order.split?.dayRule && { splitDayRule: order.split.dayRule }),
  });
  return { action: t.urls.payment, method: "POST", fields: await sealed(t, fields, "payment") };
}

async function verifyNotification(
  t: TerminalState,
  body: string | URLSearchParams | Record<string, string>,
): Promise<VerifiedNotification> {
  let fields: Record<string, string>;
  try {
    fields =
      typeof body === "string" || body instanceof URLSearchParams
        ? decodeFormBody(body)
        : { ...body };
  } catch (error) {
    return {
      sealValid: false,
      receipt: receipt(false),
      fields: {},
      error: error as ProtocolError,
      tpeMismatch: false,
    };
  }
  const tpeMismatch = fields.TPE !== t.tpe;
  const shape = notificationShapeError(fields, t.format);
  if (shape) {
    return { sealValid: false, receipt: receipt(false), fields, error: shape, tpeMismatch };
  }
  const sealValid = await verifySeal(
    t.key,
    notificationMacData(fields, t.format, { tpe: t.tpe }),
    fields.MAC,
    t.sealOptions,
  );
  if (!sealValid) return { sealValid, receipt: receipt(false), fields, tpeMismatch };
  try {
    const notification = parseNotification(fields);
    return { sealValid, receipt: receipt(true), fields, notification, tpeMismatch };
  } catch (error) {
    return {
      sealValid,
      receipt: receipt(false),
      fields,
      error: error as ProtocolError,
      tpeMismatch,
    };
  }
}

/** The fields every capture and recredit request carries. */
function operationBase(
  t: TerminalState,
  order: Omit<CaptureOrder, "capture" | "remaining"> | RecreditOrder,
  extra: Record<string, string>,
): Record<string, string> {
  const fields: Record<string, string> = {
    version: "3.0",
    TPE: t.tpe,
    date: formatBankDateTime(order.date ?? new Date()),
    date_commande: day(order.orderDate),
    montant: formatAmount(order.amount.minor, order.amount.currency),
    reference: order.reference,
    lgue: order.language ?? "FR",
    societe: t.societe,
    ...extra,
  };
  // The third-party v4 field sets send no texte-libre; v3 seals it (empty when absent).
  if (t.format === "v3") fields["texte-libre"] = order.texteLibre ?? "";
  return fields;
}

async function captureService(
  t: TerminalState,
  order: Omit<CaptureOrder, "capture" | "remaining">,
  amounts: Record<string, string>,
): Promise<BankRequest> {
  const all = await sealed(t, operationBase(t, order, amounts), "capture");
  return { url: t.urls.capture, fields: all, body: encodeBody(all) };
}

async function captureRequest(t: TerminalState, order: CaptureOrder): Promise<BankRequest> {
  const currency = order.amount.currency;
  const already = order.alreadyCaptured ?? 0;
  const remaining = order.remaining ?? order.amount.minor - already - order.capture;
  if (order.capture + already + remaining !== order.amount.minor || remaining < 0) {
    throw new FieldError(
      "ERR_AMOUNT_INVALID",
      "montant_a_capturer",
      "montant_a_capturer + montant_deja_capture + montant_restant must equal montant, none negative.",
    );
  }
  return captureService(t, order, {
    montant_a_capturer: formatAmount(order.capture, currency, "montant_a_capturer"),
    montant_deja_capture: formatAmount(already, currency, "montant_deja_capture"),
    montant_restant: formatAmount(remaining, currency, "montant_restant"),
  });
}

// A cancel releases what is left: the bank's sum rule does not apply (PROTOCOL.md §5, example 0EUR0EUR0EUR).
async function cancelRequest(
  t: TerminalState,
  order: Omit<CaptureOrder, "capture" | "remaining">,
): Promise<BankRequest> {
  const currency = order.amount.currency;
  return captureService(t, order, {
    montant_a_capturer: formatAmount(0, currency),
    montant_deja_capture: formatAmount(
      order.alreadyCaptured ?? 0,
      currency,
      "montant_deja_capture",
    ),
    montant_restant: formatAmount(0, currency),
  });
}

async function stopRecurrenceRequest(
  t: TerminalState,
  order: Omit<CaptureOrder, "capture" | "remaining">,
): Promise<BankRequest> {
  const cancel = await cancelRequest(t, order);
  const fields = { ...cancel.fields, stoprecurrence: t.format === "v3" ? "OUI" : "oui" };
  delete (fields as Record<string, string>).MAC;
  const all = await sealed(t, fields, "capture");
  return { url: t.urls.capture, fields: all, body: encodeBody(all) };
}

async function recreditRequest(t: TerminalState, order: RecreditOrder): Promise<BankRequest> {
  const currency = order.amount.currency;
  if (order.refund <= 0 || order.refund > order.refundable) {
    throw new FieldError(
      "ERR_AMOUNT_INVALID",
      "montant_recredit",
      "The refund must be positive and at most what can still be refunded (montant_possible).",
    );
  }
  const fields = operationBase(t, order, {
    date_remise: day(order.captureDate),
    num_autorisation: order.authorisationNumber,
    montant_recredit: formatAmount(order.refund, currency, "montant_recredit"),
    montant_possible: formatAmount(order.refundable, currency, "montant_possible"),
  });
  const all = await sealed(t, fields, "recredit");
  return { url: t.urls.recredit, fields: all, body: encodeBody(all) };
}

/**
 * Configures a terminal: checks the settings and imports the key once (non-extractable).
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for a bad TPE, societe, format, bank, environment or URL.
 * @throws {KeyFormatError} `ERR_KEY_INVALID` for a key that is not a bank key.
 * @example
 * const terminal = await createTerminal({
 *   tpe: "1234567", key: env.MERCHANT_KEY, societe: "monSite1", format: "v4", bank: "monetico",
 * });
 * const form = await terminal.paymentForm({ reference: "A1B2C3", amount: 6273, currency: "EUR" });
 */
export async function createTerminal(config: TerminalConfig): Promise<Terminal> {
  const urls = checkConfig(config);
  const t: TerminalState = {
    tpe: config.tpe,
    societe: config.societe,
    format: config.format,
    urls,
    key: await importKey(config.key),
    sealOptions: { encoding: config.encoding ?? "utf-8" },
  };
  return {
    tpe: t.tpe,
    societe: t.societe,
    format: t.format,
    urls,
    paymentForm: (order) => paymentForm(t, order),
    verifyNotification: (body) => verifyNotification(t, body),
    captureRequest: (order) => captureRequest(t, order),
    cancelRequest: (order) => cancelRequest(t, order),
    stopRecurrenceRequest: (order) => stopRecurrenceRequest(t, order),
    recreditRequest: (order) => recreditRequest(t, order),
  };
}
