/**
 * The "seal doctor": every payment-form value checked against the bank's limits and charsets before it is
 * sealed (PROTOCOL.md §3.1, §7.2, §7.3, §9).
 * @module
 */
import { minorDigits, parseAmount } from "./amount.ts";
import {
  type CalendarDay,
  compareDays,
  formatBankDay,
  parseBankDateTime,
  parseBankDay,
} from "./bank-date.ts";
import { FieldError, type FieldErrorCode } from "./errors.ts";
import { type Fields, type MacFormat, type SealedMessage, sealedFieldNames } from "./mac-data.ts";
import { decodeOrderContext, diagnoseOrderContext } from "./order-context.ts";
import {
  BANK_EMAIL_PATTERN,
  isEmailAddress,
  type RuleSet,
  SOCIETE_PATTERN,
  TPE_PATTERN,
} from "./rules.ts";
import { instalmentDay, type SplitDayRule } from "./schedule.ts";

/** Options of {@link diagnosePaymentFields}. */
export interface DiagnoseOptions {
  /** `sceau` (default): the bank's rules and sceau's own; `bank`: only what the bank documents. */
  rules?: RuleSet;
  /** The terminal's split day rule, which the posted `dateechN` must follow (default `anniversary`). */
  splitDayRule?: SplitDayRule;
}

/** Languages of the payment page per format (`JA` exists only in the Monetico era). */
export const LANGUAGES: Readonly<Record<MacFormat, readonly string[]>> = {
  v3: ["FR", "EN", "DE", "IT", "ES", "NL", "PT", "SV"],
  v4: ["FR", "EN", "DE", "IT", "ES", "NL", "PT", "SV", "JA"],
};

const ALNUM = /^[A-Za-z0-9]*$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const STRICT_AMOUNT = /^(\d+)(?:\.(\d+))?([A-Z]{3})$/;
const OPTION = /^[A-Za-z0-9_]+(=[^&=]*)?$/;
const V4_ENUMS: Record<string, readonly string[]> = {
  ThreeDSecureChallenge: [
    "no_preference",
    "challenge_preferred",
    "challenge_mandated",
    "no_challenge_requested",
    "no_challenge_requested_strong_authentication",
    "no_challenge_requested_trusted_third_party",
    "no_challenge_requested_risk_analysis",
  ],
  "3dsdebrayable": ["0", "1"],
  forcesaisiecb: ["0", "1"],
  protocole: ["1euro", "3xcb", "4xcb", "paypal", "lyfpay"],
};
const PAYMENT_MEANS = ["1euro", "3xcb", "4xcb", "paypal", "lyfpay"];

/**
 * Lists every value that would make a sealed string ambiguous: a `*` (the separator) in a value that goes
 * into the string, or, in the sorted format, a `*` or `=` in a field name. The bank's strings are values
 * joined by `*` (v3: by position; v4: `name=value` pairs), so a separator inside a value moves the cuts: the
 * seal of one message could then be the seal of a differently cut one — a payment form re-cut into a
 * notification, for instance. Each problem is a {@link FieldError} with code `ERR_FIELD_AMBIGUOUS`.
 *
 * @example
 * diagnoseSealedValues({ ...fields, mail: "a*3.0*paiement@x.fr" }, "payment", "v3"); // [FieldError mail]
 */
export function diagnoseSealedValues(
  fields: Fields,
  message: SealedMessage,
  format: MacFormat,
): FieldError[] {
  const problems: FieldError[] = [];
  for (const name of sealedFieldNames(fields, message, format)) {
    if (format === "v4" && /[*=]/.test(name)) {
      problems.push(
        new FieldError(
          "ERR_FIELD_AMBIGUOUS",
          name,
          `The field name ${JSON.stringify(name.slice(0, 40))} contains "*" or "=", which separate the sealed string; post no such field.`,
        ),
      );
    } else if (fields[name]?.includes("*")) {
      problems.push(
        new FieldError(
          "ERR_FIELD_AMBIGUOUS",
          name,
          `${name} contains "*", the separator of the sealed string: with it the seal could be re-cut into another message's. Remove it (encode free text with encodeTexteLibre).`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Throws the first problem {@link diagnoseSealedValues} finds.
 *
 * @throws {FieldError} `ERR_FIELD_AMBIGUOUS` naming the field.
 */
export function assertUnambiguous(fields: Fields, message: SealedMessage, format: MacFormat): void {
  const [first] = diagnoseSealedValues(fields, message, format);
  if (first) throw first;
}

class Collector {
  readonly problems: FieldError[] = [];
  add(code: FieldErrorCode, field: string, message: string): void {
    // A field whose value is ambiguous is reported once, with that code: its other checks add nothing.
    if (this.problems.some((p) => p.field === field && p.code === "ERR_FIELD_AMBIGUOUS")) return;
    this.problems.push(new FieldError(code, field, message));
  }
  /** Runs a parser and keeps its FieldError instead of throwing. */
  attempt<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      this.problems.push(error);
      return undefined;
    }
  }
}

function text(
  c: Collector,
  fields: Fields,
  name: string,
  rule: { required?: boolean; max: number; charset?: RegExp; charsetHint?: string },
): string | undefined {
  const value = fields[name];
  if (value === undefined || value === "") {
    if (rule.required) c.add("ERR_FIELD_MISSING", name, `${name} is required.`);
    return value;
  }
  if (value.length > rule.max) {
    c.add(
      "ERR_FIELD_TOO_LONG",
      name,
      `${name} is ${value.length} characters long; the bank accepts at most ${rule.max}.`,
    );
  } else if (/[\r\n]/.test(value)) {
    c.add("ERR_FIELD_CHARSET", name, `${name} must not contain line breaks.`);
  } else if (rule.charset && !rule.charset.test(value)) {
    c.add(
      "ERR_FIELD_CHARSET",
      name,
      `${name} ${rule.charsetHint ?? "has characters the bank does not accept"}.`,
    );
  }
  return value;
}

/**
 * Strict amount check for what we post: digits, optional `.` and at most the currency's decimals — and, with
 * `twoDecimals` (CM-CIC p@iement 3.0, which rounds any further decimal: PROTOCOL.md §3.1, §9.1), at most 2.
 */
function amount(
  c: Collector,
  fields: Fields,
  name: string,
  required: boolean,
  twoDecimals: boolean,
) {
  const value = fields[name];
  if (value === undefined || value === "") {
    if (required) c.add("ERR_FIELD_MISSING", name, `${name} is required, e.g. 62.73EUR.`);
    return undefined;
  }
  const m = value.length <= 20 ? STRICT_AMOUNT.exec(value) : null;
  if (!m) {
    c.add(
      "ERR_AMOUNT_INVALID",
      name,
      `${name} ${JSON.stringify(value.slice(0, 40))} must be digits, an optional "." with decimals, then the ISO 4217 currency, e.g. 62.73EUR (no spaces, no thousands separator, at most 20 characters).`,
    );
    return undefined;
  }
  const digits = c.attempt(() => minorDigits(m[3] ?? "", name));
  if (digits === undefined) return undefined;
  if ((m[2]?.length ?? 0) > digits) {
    c.add("ERR_AMOUNT_INVALID", name, `${name} has more decimals than ${m[3]} allows (${digits}).`);
    return undefined;
  }
  if (twoDecimals && (m[2] ?? "").replace(/0+$/, "").length > 2) {
    c.add(
      "ERR_AMOUNT_INVALID",
      name,
      `${name} has more than 2 decimals, which a CM-CIC p@iement 3.0 terminal rounds: charge a multiple of 0.01 ${m[3]}.`,
    );
    return undefined;
  }
  return parseAmount(value, name);
}

function splitRules(
  c: Collector,
  fields: Fields,
  orderDay: CalendarDay | undefined,
  total: ReturnType<typeof parseAmount> | undefined,
  rule: SplitDayRule,
  twoDecimals: boolean,
) {
  const names = ["nbrech", ...[1, 2, 3, 4].flatMap((i) => [`dateech${i}`, `montantech${i}`])];
  if (names.every((n) => !fields[n])) return;
  const count = Number(fields.nbrech);
  if (!/^[2-4]$/.test(fields.nbrech ?? "")) {
    c.add("ERR_SCHEDULE_INVALID", "nbrech", "nbrech must be 2, 3 or 4 when split fields are sent.");
    return;
  }
  let sum = 0;
  let first: CalendarDay | undefined;
  for (let i = 1; i <= 4; i++) {
    const dateName = `dateech${i}`;
    const amountName = `montantech${i}`;
    if (i > count) {
      for (const n of [dateName, amountName]) {
        if (fields[n]) c.add("ERR_SCHEDULE_INVALID", n, `${n} must be empty: nbrech is ${count}.`);
      }
      continue;
    }
    if (!fields[dateName]) {
      c.add("ERR_FIELD_MISSING", dateName, `${dateName} is required for ${count} instalments.`);
    }
    const day = fields[dateName]
      ? c.attempt(() => parseBankDay(fields[dateName] ?? "", dateName))
      : undefined;
    const part = amount(c, fields, amountName, true, twoDecimals);
    if (part && total && part.currency !== total.currency) {
      c.add(
        "ERR_SCHEDULE_INVALID",
        amountName,
        `${amountName} must be in ${total.currency}, the order's currency.`,
      );
    }
    if (part) sum += part.minor;
    if (i === 1 && day) {
      first = day;
      if (
        orderDay &&
        (day.year !== orderDay.year || day.month !== orderDay.month || day.day !== orderDay.day)
      ) {
        c.add(
          "ERR_SCHEDULE_INVALID",
          dateName,
          "dateech1 must be the order's day (the date field).",
        );
      }
    } else if (day && first) {
      const expected = instalmentDay(first, i, rule);
      if (compareDays(expected, day) !== 0) {
        const why =
          rule === "anniversary"
            ? "one calendar month after the previous instalment"
            : "on the terminal's fixed day (the 2nd for orders of the 1st–20th, the 15th after)";
        c.add(
          "ERR_SCHEDULE_INVALID",
          dateName,
          `${dateName} must be ${why}: ${formatBankDay(expected)}.`,
        );
      }
    }
  }
  if (total && !c.problems.some((p) => p.field.startsWith("montantech")) && sum !== total.minor) {
    c.add("ERR_SCHEDULE_INVALID", "montantech1", "The instalments must add up exactly to montant.");
  }
}

function v3Options(c: Collector, value: string | undefined) {
  if (!value) return;
  for (const item of value.split("&")) {
    if (!OPTION.test(item)) {
      c.add(
        "ERR_FIELD_FORMAT",
        "options",
        `options item ${JSON.stringify(item)} must be name or name=value, joined with &.`,
      );
    } else if (item.startsWith("aliascb=") && !/^aliascb=[A-Za-z0-9]{1,64}$/.test(item)) {
      c.add("ERR_FIELD_FORMAT", "options", "aliascb must be 1 to 64 letters or digits.");
    }
  }
}

function url(c: Collector, fields: Fields, name: string) {
  const value = text(c, fields, name, { max: 2048 });
  if (!value) return;
  if (!/^https?:\/\/[^\s]+$/.test(value)) {
    c.add("ERR_FIELD_FORMAT", name, `${name} must be an absolute http(s) URL.`);
  }
}

/**
 * Lists every problem in a payment form's fields, each a {@link FieldError} naming the field, with a stable
 * code and a message that says how to fix it. An empty list means the bank should accept the form. With the
 * default `rules: "sceau"` it also refuses what sceau never seals (see {@link diagnoseSealedValues}, and
 * plain e-mail addresses only); `rules: "bank"` checks only what the bank documents.
 *
 * @example
 * const problems = diagnosePaymentFields(fields, "v3");
 * if (problems.length) console.log(problems.map((p) => `${p.field}: ${p.message}`));
 */
export function diagnosePaymentFields(
  fields: Fields,
  format: MacFormat,
  options: DiagnoseOptions = {},
): FieldError[] {
  const bank = options.rules === "bank";
  const c = new Collector();
  if (!bank) c.problems.push(...diagnoseSealedValues(fields, "payment", format));
  if (fields.version !== "3.0") {
    c.add(
      fields.version ? "ERR_FIELD_FORMAT" : "ERR_FIELD_MISSING",
      "version",
      'version must be "3.0" (in both MAC formats).',
    );
  }
  text(c, fields, "TPE", {
    required: true,
    max: 7,
    charset: TPE_PATTERN,
    charsetHint: "must be the 7 letters or digits of your terminal number",
  });
  text(c, fields, "societe", {
    required: true,
    max: 20,
    charset: SOCIETE_PATTERN,
    charsetHint: "must be letters and digits only (the site code the bank gave you)",
  });
  text(c, fields, "reference", {
    required: true,
    max: format === "v3" ? 12 : 50,
    charset: ALNUM,
    charsetHint: "must be letters and digits only (no accents, no - or _)",
  });
  const lgue = text(c, fields, "lgue", { required: true, max: 2 });
  if (lgue && !LANGUAGES[format].includes(lgue)) {
    c.add(
      "ERR_FIELD_FORMAT",
      "lgue",
      `lgue must be one of ${LANGUAGES[format].join(" ")} (upper case).`,
    );
  }
  let orderDay: CalendarDay | undefined;
  if (!fields.date) c.add("ERR_FIELD_MISSING", "date", "date is required (dd/mm/yyyy:HH:MM:SS).");
  else if (!/^\d{2}\/\d{2}\/\d{4}:\d{2}:\d{2}:\d{2}$/.test(fields.date)) {
    c.add("ERR_DATE_INVALID", "date", "date must be dd/mm/yyyy:HH:MM:SS (24 h, Paris time).");
  } else if (c.attempt(() => parseBankDateTime(fields.date ?? "", "date"))) {
    orderDay = parseBankDay(fields.date.slice(0, 10));
  }
  const twoDecimals = format === "v3" && !bank;
  const total = amount(c, fields, "montant", true, twoDecimals);
  text(c, fields, "texte-libre", {
    max: 3200,
    charset: PRINTABLE_ASCII,
    charsetHint:
      "must be printable ASCII: base64- or URL-encode anything else, or the seal will not match",
  });
  const mail = text(c, fields, "mail", { max: 255 });
  if (mail && !(bank ? BANK_EMAIL_PATTERN.test(mail) : isEmailAddress(mail))) {
    c.add(
      "ERR_FIELD_FORMAT",
      "mail",
      "mail must be a plain e-mail address (letters, digits and . _ % + - before the @; no spaces, quotes, * = or ;).",
    );
  }
  for (const name of ["url_retour", "url_retour_ok", "url_retour_err"]) url(c, fields, name);
  splitRules(c, fields, orderDay, total, options.splitDayRule ?? "anniversary", twoDecimals);
  if (format === "v3") {
    v3Options(c, fields.options);
    return c.problems;
  }
  const context = fields.contexte_commande;
  if (!context) {
    c.add(
      "ERR_FIELD_MISSING",
      "contexte_commande",
      "contexte_commande is required in the Monetico format (billing address for 3-D Secure v2).",
    );
  } else {
    const decoded = c.attempt(() => decodeOrderContext(context));
    if (decoded) c.problems.push(...diagnoseOrderContext(decoded, options));
  }
  for (const [name, values] of Object.entries(V4_ENUMS)) {
    const value = fields[name];
    if (value !== undefined && !values.includes(value)) {
      c.add("ERR_FIELD_FORMAT", name, `${name} must be one of ${values.join(", ")}.`);
    }
  }
  const aliascb = fields.aliascb;
  if (aliascb !== undefined && !/^[A-Za-z0-9]{1,64}$/.test(aliascb)) {
    c.add("ERR_FIELD_FORMAT", "aliascb", "aliascb must be 1 to 64 letters or digits.");
  }
  const disabled = fields.desactivemoyenpaiement;
  if (disabled?.split(",").some((m) => !PAYMENT_MEANS.includes(m))) {
    c.add(
      "ERR_FIELD_FORMAT",
      "desactivemoyenpaiement",
      `desactivemoyenpaiement is a comma-separated list among ${PAYMENT_MEANS.join(", ")}.`,
    );
  }
  return c.problems;
}

/**
 * Throws the first problem {@link diagnosePaymentFields} finds.
 *
 * @throws {FieldError} with the code and field of the first problem.
 */
export function assertPaymentFields(
  fields: Fields,
  format: MacFormat,
  options: DiagnoseOptions = {},
): void {
  const [first] = diagnosePaymentFields(fields, format, options);
  if (first) throw first;
}
