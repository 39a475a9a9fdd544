/**
 * Terminal (TPE) configuration: what the bank knows about each merchant terminal — key, site code, MAC
 * format, Retour URL, payment mode and options (one mode per terminal, as the bank does).
 * @module
 */
import {
  deferredDeadline,
  importKey,
  type MacFormat,
  partialDeadline,
  type RecurrenceRule,
  renewalDay,
  type SealKey,
  SOCIETE_PATTERN,
  type SplitDayRule,
  splitSchedule,
  TPE_PATTERN,
  usableKeyHex,
} from "@sceau/protocol";
import { SandboxError } from "./errors.ts";

/** The payment modes a terminal can be contracted for. */
export type PaymentMode = "immediate" | "deferred" | "partial" | "recurring" | "split";

const MODES: readonly PaymentMode[] = ["immediate", "deferred", "partial", "recurring", "split"];

/** How a recurring renewal is captured. */
export type RenewalCapture =
  /** The bank captures the renewal on its day. */
  | "renewal-day"
  /** The bank captures it on the last day of its period, unless the merchant captured something before. */
  | "period-end"
  /** The merchant captures it (capture service) during its period. */
  | "manual";

/** A terminal as written in the JSON configuration. */
export interface TerminalSettings {
  /** The 7-character TPE number. */
  tpe: string;
  /** The 40-character merchant key (dev keys only: the sandbox prints nothing of it). */
  key: string;
  /** The site code (`societe`). */
  societe: string;
  /** MAC format: `v3` (CM-CIC p@iement 3.0) or `v4` (Monetico sorted fields). */
  format: MacFormat;
  /** The Retour (CGI2) URL the bank posts notifications to. */
  retourUrl: string;
  /** Payment mode (default `immediate`). */
  mode?: PaymentMode;
  /** Re-crédit (refund) service allowed (default true). */
  recredit?: boolean;
  /** Express payment (`aliascb`) allowed (default false). */
  express?: boolean;
  /** 3-D Secure: on by default for immediate and deferred terminals; the other modes do not use it. */
  threeDSecure?: boolean;
  /**
   * The "3-D Secure débrayable" option (default false): a v4 form may post `3dsdebrayable=1` to pay without
   * authenticating the cardholder — a phone or mail order, whose card the merchant keys (PROTOCOL.md §7.2).
   */
  threeDSecureBypass?: boolean;
  /** Deferred and split (first instalment): working days the authorisation waits for a capture, 0–7 (default 7). */
  deferredDays?: number;
  /** Deferred and split (first instalment): at the end of the delay, `abandon` (default) or `capture`. */
  deferredExpiry?: "abandon" | "capture";
  /** Partial: days during which captures are accepted, 8–120 (default 30). */
  partialDays?: number;
  /** Recurring: the renewal day, `anniversary` (default) or a day of the month 1–31. */
  recurringDay?: "anniversary" | number;
  /** Recurring: months between payments, 1, 2, 3, 6 or 12 (default 1). */
  recurringPeriodMonths?: number;
  /** Recurring: most renewals after the first payment; 0 means until stopped (default 0). */
  recurringMaxRenewals?: number;
  /** Recurring: how each renewal is captured (default `renewal-day`). */
  recurringCapture?: RenewalCapture;
  /** Split: instalments when the form sends no split fields, 2–4 (default 3). */
  splitCount?: number;
  /** Split: instalments 2–4 on the order's anniversary (default) or on the fixed day (2nd or 15th). */
  splitDayRule?: SplitDayRule;
  /** Split: each instalment's share in percent (deposit and balance), e.g. `[30, 70]`; sets the count. */
  splitPercentages?: number[];
  /** Split: after an instalment's last refused attempt, `cancel` the remaining ones (default) or `carry-over` its amount to the next. */
  splitOnRefusal?: "cancel" | "carry-over";
  /** Where the bank's alert e-mails go (recorded in the outbox). */
  alertEmail?: string;
  /** A label for the card page (default `societe`). */
  name?: string;
}

/** A terminal ready to use: every default applied, key imported. */
export interface SandboxTerminal
  extends Required<Omit<TerminalSettings, "key" | "splitPercentages">> {
  /** Split: the shares in percent, when the terminal sets them. */
  readonly splitPercentages?: readonly number[];
  /** The imported seal key. */
  readonly sealKey: SealKey;
}

/** The settings that belong to some modes only; setting one on another mode's terminal is a mistake. */
const MODE_SETTINGS: Record<string, readonly PaymentMode[]> = {
  deferredDays: ["deferred", "split"],
  deferredExpiry: ["deferred", "split"],
  partialDays: ["partial"],
  recurringDay: ["recurring"],
  recurringPeriodMonths: ["recurring"],
  recurringMaxRenewals: ["recurring"],
  recurringCapture: ["recurring"],
  splitCount: ["split"],
  splitDayRule: ["split"],
  splitPercentages: ["split"],
  splitOnRefusal: ["split"],
};

/** The modes that use 3-D Secure (issue 12: partial, recurring and split payments do not). */
const THREE_D_SECURE_MODES: readonly PaymentMode[] = ["immediate", "deferred"];

/** The terminals shipped for local development; the first matches the worker's local configuration. */
export const DEFAULT_TERMINALS: readonly TerminalSettings[] = [
  {
    tpe: "7654321",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v4",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "immediate",
    recredit: true,
    threeDSecureBypass: true,
    name: "La boutique du CD",
  },
  {
    tpe: "7654322",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v3",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "immediate",
    recredit: true,
    name: "La boutique du CD (v3)",
  },
  {
    tpe: "7654323",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v4",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "split",
    recredit: true,
    splitCount: 3,
    name: "La boutique du CD (paiement fractionné)",
  },
  {
    tpe: "7654324",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v4",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "deferred",
    recredit: true,
    deferredDays: 7,
    name: "La boutique du CD (paiement différé)",
  },
  {
    tpe: "7654325",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v4",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "partial",
    recredit: true,
    partialDays: 30,
    name: "La boutique du CD (paiement partiel)",
  },
  {
    tpe: "7654326",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v4",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "recurring",
    recredit: true,
    recurringCapture: "renewal-day",
    name: "La boutique du CD (abonnement)",
  },
];

function fail(message: string): never {
  throw new SandboxError("ERR_CONFIG_INVALID", message);
}

function integer(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function oneOf<T extends string>(
  value: unknown,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T))
    fail(`${name} must be ${allowed.map((a) => `"${a}"`).join(" or ")}.`);
  return value as T;
}

function bool(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") fail(`${name} must be true or false.`);
  return value;
}

/**
 * Checks one terminal's settings, applies the defaults and imports its key.
 *
 * @throws {SandboxError} `ERR_CONFIG_INVALID` naming the setting at fault.
 */
export async function prepareTerminal(settings: TerminalSettings): Promise<SandboxTerminal> {
  if (!settings || typeof settings !== "object") fail("A terminal must be an object.");
  const s = settings as Partial<TerminalSettings>;
  const at = `terminal ${JSON.stringify(s.tpe)}`;
  if (typeof s.tpe !== "string" || !TPE_PATTERN.test(s.tpe)) {
    fail(`${at}: tpe must be 7 letters or digits.`);
  }
  if (typeof s.societe !== "string" || !SOCIETE_PATTERN.test(s.societe)) {
    fail(`${at}: societe must be 1 to 20 letters or digits.`);
  }
  if (s.format !== "v3" && s.format !== "v4") fail(`${at}: format must be "v3" or "v4".`);
  if (typeof s.retourUrl !== "string" || !/^https?:\/\/\S+$/.test(s.retourUrl)) {
    fail(`${at}: retourUrl must be an absolute http(s) URL.`);
  }
  const mode = s.mode ?? "immediate";
  if (!MODES.includes(mode)) fail(`${at}: mode must be one of ${MODES.join(", ")}.`);
  for (const [name, modes] of Object.entries(MODE_SETTINGS)) {
    if ((s as Record<string, unknown>)[name] !== undefined && !modes.includes(mode)) {
      fail(`${at}: ${name} applies to ${modes.join(" and ")} terminals, not ${mode} ones.`);
    }
  }
  const threeDSecure = bool(
    s.threeDSecure,
    `${at}: threeDSecure`,
    THREE_D_SECURE_MODES.includes(mode),
  );
  if (threeDSecure && !THREE_D_SECURE_MODES.includes(mode)) {
    fail(`${at}: ${mode} payments do not use 3-D Secure; remove threeDSecure.`);
  }
  if (s.splitPercentages !== undefined && !Array.isArray(s.splitPercentages)) {
    fail(`${at}: splitPercentages must be a list of percentages, e.g. [30, 70].`);
  }
  let sealKey: SealKey;
  try {
    usableKeyHex(String(s.key));
    sealKey = await importKey(String(s.key));
  } catch (error) {
    throw new SandboxError(
      "ERR_CONFIG_INVALID",
      `${at}: key must be the 40-character merchant key.`,
      { cause: error },
    );
  }
  const terminal: SandboxTerminal = {
    tpe: s.tpe,
    societe: s.societe,
    format: s.format,
    retourUrl: s.retourUrl,
    mode,
    recredit: bool(s.recredit, `${at}: recredit`, true),
    express: bool(s.express, `${at}: express`, false),
    threeDSecure,
    threeDSecureBypass: bool(s.threeDSecureBypass, `${at}: threeDSecureBypass`, false),
    deferredDays: s.deferredDays ?? 7,
    deferredExpiry: oneOf(
      s.deferredExpiry,
      `${at}: deferredExpiry`,
      ["abandon", "capture"],
      "abandon",
    ),
    partialDays: s.partialDays ?? 30,
    recurringDay: s.recurringDay ?? "anniversary",
    recurringPeriodMonths: s.recurringPeriodMonths ?? 1,
    recurringMaxRenewals: integer(s.recurringMaxRenewals, `${at}: recurringMaxRenewals`, 0, 999, 0),
    recurringCapture: oneOf(
      s.recurringCapture,
      `${at}: recurringCapture`,
      ["renewal-day", "period-end", "manual"],
      "renewal-day",
    ),
    splitCount: s.splitPercentages?.length ?? s.splitCount ?? 3,
    splitDayRule: oneOf(
      s.splitDayRule,
      `${at}: splitDayRule`,
      ["anniversary", "fixed"],
      "anniversary",
    ),
    ...(s.splitPercentages && { splitPercentages: s.splitPercentages }),
    splitOnRefusal: oneOf(
      s.splitOnRefusal,
      `${at}: splitOnRefusal`,
      ["cancel", "carry-over"],
      "cancel",
    ),
    alertEmail: s.alertEmail ?? `monitoring@${s.societe}.example`,
    name: s.name ?? s.societe,
    sealKey,
  };
  checkCalendar(terminal, at);
  return terminal;
}

/**
 * Computes the terminal's deadlines and schedule once with `@sceau/protocol`, whose range checks are the
 * bank's (0–7 working days, 8–120 days, periods of 1/2/3/6/12 months, 2–4 instalments adding up to 100 %).
 */
function checkCalendar(terminal: SandboxTerminal, at: string): void {
  const probe = new Date(Date.UTC(2026, 0, 1));
  const firstDay = { year: 2026, month: 1, day: 1 };
  try {
    deferredDeadline(probe, terminal.deferredDays);
    partialDeadline(probe, terminal.partialDays);
    renewalDay(firstDay, 1, recurrenceRuleOf(terminal));
  } catch (error) {
    fail(`${at}: ${(error as Error).message}`);
  }
  try {
    splitSchedule({
      total: 10_000,
      firstDay,
      ...(terminal.splitPercentages
        ? { percentages: terminal.splitPercentages }
        : { count: terminal.splitCount }),
    });
  } catch (error) {
    const setting = terminal.splitPercentages ? "splitPercentages" : "splitCount";
    fail(`${at}: ${setting}: ${(error as Error).message}`);
  }
}

/** The recurrence rule of a terminal (its recurring settings). */
export function recurrenceRuleOf(terminal: SandboxTerminal): RecurrenceRule {
  return { periodMonths: terminal.recurringPeriodMonths, day: terminal.recurringDay };
}

/**
 * Reads a terminals document — an array of {@link TerminalSettings} or `{ "terminals": [...] }` — and
 * prepares every terminal, keyed by TPE.
 *
 * @throws {SandboxError} `ERR_CONFIG_INVALID` for a malformed document, a bad setting or a repeated TPE.
 */
export async function loadTerminals(document: unknown): Promise<Map<string, SandboxTerminal>> {
  const list =
    document && typeof document === "object" && !Array.isArray(document)
      ? (document as { terminals?: unknown }).terminals
      : document;
  if (!Array.isArray(list) || list.length === 0) {
    fail('The terminals document must be a non-empty array or { "terminals": [...] }.');
  }
  const terminals = new Map<string, SandboxTerminal>();
  for (const settings of list as TerminalSettings[]) {
    const terminal = await prepareTerminal(settings);
    if (terminals.has(terminal.tpe)) fail(`The TPE ${terminal.tpe} is configured twice.`);
    terminals.set(terminal.tpe, terminal);
  }
  return terminals;
}

/** A terminal's public description (no key), for the inspection endpoint. */
export function describeTerminal(terminal: SandboxTerminal): Omit<SandboxTerminal, "sealKey"> {
  const { sealKey: _unused, ...rest } = terminal;
  return rest;
}
