/**
 * The terminal's payment mode and its settings, from wrangler vars. The bank gives a terminal exactly one of
 * five modes (PROTOCOL.md §5, issue 12 "The rules"); the settings below are the terminal's, as contracted
 * with the bank, with the same meaning and defaults as the bank sandbox's terminals (its README,
 * "Configuration"), so that the worker computes the same deadlines the bank applies without telling anyone.
 * @module
 */
import {
  ConfigError,
  deferredDeadline,
  partialDeadline,
  type RecurrenceRule,
  renewalDay,
  type SplitDayRule,
  splitSchedule,
} from "@sceau/protocol";
import type { Env } from "./env.ts";
import { configError } from "./errors.ts";

/**
 * The terminal's contracted mode: `immediate` (captured at payment), `deferred` (authorised, captured by the
 * merchant within a delay), `partial` (card checked, each capture authorised), `recurring` (a subscription
 * renewed by the bank) or `split` (2–4 instalments collected by the bank).
 */
export type PaymentMode = "immediate" | "deferred" | "partial" | "recurring" | "split";

/** The modes, in the order the documentation lists them. */
export const PAYMENT_MODES: readonly PaymentMode[] = [
  "immediate",
  "deferred",
  "partial",
  "recurring",
  "split",
];

/** How a recurring renewal is captured: by the bank on its day, on its period's last day, or by the merchant. */
export type RenewalCapture = "renewal-day" | "period-end" | "manual";

/** The mode and every setting, defaults applied (a setting of another mode keeps its default). */
export interface PaymentRules {
  readonly mode: PaymentMode;
  /** Deferred and split (first instalment): the capture delay in working days, 0–7. */
  readonly deferredDays: number;
  /** Deferred and split (first instalment): at the end of the delay, captured by the bank or abandoned. */
  readonly deferredExpiry: "abandon" | "capture";
  /** Partial: the capture window in days, 8–120. */
  readonly partialDays: number;
  /** Recurring: the period and the renewal day. */
  readonly recurrence: RecurrenceRule;
  /** Recurring: the most renewals after the first payment; 0 = until stopped. */
  readonly recurringMaxRenewals: number;
  readonly recurringCapture: RenewalCapture;
  /**
   * Split: the instalments when the buyer does not choose, 2–4. A split terminal splits every payment (the
   * bank applies its own count to a form without a schedule), so the worker always posts one.
   */
  readonly splitCount: number;
  /** Split: instalments 2–4 on the order's anniversary or on the fixed day (2nd or 15th). */
  readonly splitDayRule: SplitDayRule;
  /** Split: each instalment's share in percent (deposit and balance); sets the number of instalments. */
  readonly splitPercentages?: readonly number[];
  /** Split: after an instalment's last refused attempt, cancel the remaining ones or carry its amount over. */
  readonly splitOnRefusal: "cancel" | "carry-over";
}

type SettingVar =
  | "DEFERRED_DAYS"
  | "DEFERRED_EXPIRY"
  | "PARTIAL_DAYS"
  | "RECURRING_DAY"
  | "RECURRING_PERIOD_MONTHS"
  | "RECURRING_MAX_RENEWALS"
  | "RECURRING_CAPTURE"
  | "SPLIT_COUNT"
  | "SPLIT_DAY_RULE"
  | "SPLIT_PERCENTAGES"
  | "SPLIT_ON_REFUSAL";

/** The modes each setting belongs to; setting one on another mode's terminal is a mistake (as in the sandbox). */
const SETTING_MODES: Record<SettingVar, readonly PaymentMode[]> = {
  DEFERRED_DAYS: ["deferred", "split"],
  DEFERRED_EXPIRY: ["deferred", "split"],
  PARTIAL_DAYS: ["partial"],
  RECURRING_DAY: ["recurring"],
  RECURRING_PERIOD_MONTHS: ["recurring"],
  RECURRING_MAX_RENEWALS: ["recurring"],
  RECURRING_CAPTURE: ["recurring"],
  SPLIT_COUNT: ["split"],
  SPLIT_DAY_RULE: ["split"],
  SPLIT_PERCENTAGES: ["split"],
  SPLIT_ON_REFUSAL: ["split"],
};

function integer(name: SettingVar, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,4}$/.test(raw)) throw configError(name, "must be a whole number.");
  return Number(raw);
}

function oneOf<T extends string>(name: SettingVar, raw: string | undefined, allowed: readonly T[]) {
  if (raw === undefined) return allowed[0] as T;
  if (!allowed.includes(raw as T)) {
    throw configError(name, `must be ${allowed.map((a) => `"${a}"`).join(" or ")}.`);
  }
  return raw as T;
}

/**
 * Reads `PAYMENT_MODE` (default `immediate`) and the settings of that mode; an empty variable means its
 * default. Ranges are checked by the very functions that compute the deadlines (`@sceau/protocol`): 0–7
 * working days, 8–120 days, periods of 1, 2, 3, 6 or 12 months, percentages adding up to 100.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` naming the variable: an unknown mode, a malformed value, a value
 *   out of the bank's range, or a setting of another mode.
 * @example
 * paymentRules({ PAYMENT_MODE: "deferred", DEFERRED_DAYS: "3" }).deferredDays; // 3
 */
export function paymentRules(env: Partial<Env>): PaymentRules {
  const mode = (env.PAYMENT_MODE?.trim() || "immediate") as PaymentMode;
  if (!PAYMENT_MODES.includes(mode)) {
    throw configError("PAYMENT_MODE", `must be one of ${PAYMENT_MODES.join(", ")}.`);
  }
  const vars = env as Partial<Record<SettingVar, string>>;
  const read = (name: SettingVar): string | undefined => {
    const raw = vars[name]?.trim() || undefined;
    if (raw !== undefined && !SETTING_MODES[name].includes(mode)) {
      throw configError(
        name,
        `applies to ${SETTING_MODES[name].join(" and ")} terminals, not ${mode}.`,
      );
    }
    return raw;
  };
  const recurringDay = read("RECURRING_DAY");
  const percentages = read("SPLIT_PERCENTAGES")
    ?.split(/[\s,]+/)
    .map((p) => {
      if (!/^\d{1,3}$/.test(p)) {
        throw configError("SPLIT_PERCENTAGES", "must list percentages, e.g. 30,70.");
      }
      return Number(p);
    });
  const rules: PaymentRules = {
    mode,
    deferredDays: integer("DEFERRED_DAYS", read("DEFERRED_DAYS"), 7),
    deferredExpiry: oneOf("DEFERRED_EXPIRY", read("DEFERRED_EXPIRY"), ["abandon", "capture"]),
    partialDays: integer("PARTIAL_DAYS", read("PARTIAL_DAYS"), 30),
    recurrence: {
      periodMonths: integer("RECURRING_PERIOD_MONTHS", read("RECURRING_PERIOD_MONTHS"), 1),
      day:
        recurringDay === undefined || recurringDay === "anniversary"
          ? "anniversary"
          : integer("RECURRING_DAY", recurringDay, 0),
    },
    recurringMaxRenewals: integer("RECURRING_MAX_RENEWALS", read("RECURRING_MAX_RENEWALS"), 0),
    recurringCapture: oneOf("RECURRING_CAPTURE", read("RECURRING_CAPTURE"), [
      "renewal-day",
      "period-end",
      "manual",
    ]),
    splitCount: percentages?.length ?? integer("SPLIT_COUNT", read("SPLIT_COUNT"), 3),
    splitDayRule: oneOf("SPLIT_DAY_RULE", read("SPLIT_DAY_RULE"), ["anniversary", "fixed"]),
    ...(percentages && { splitPercentages: percentages }),
    splitOnRefusal: oneOf("SPLIT_ON_REFUSAL", read("SPLIT_ON_REFUSAL"), ["cancel", "carry-over"]),
  };
  checkRanges(rules);
  return rules;
}

const VARIABLE_OF_SETTING: Record<string, SettingVar> = {
  deferredDays: "DEFERRED_DAYS",
  partialDays: "PARTIAL_DAYS",
  recurringPeriodMonths: "RECURRING_PERIOD_MONTHS",
  recurringDay: "RECURRING_DAY",
};

/** Computes one deadline, renewal and schedule with the settings: the protocol's range checks are the bank's. */
function checkRanges(rules: PaymentRules): void {
  const probe = new Date(Date.UTC(2026, 0, 1));
  const firstDay = { year: 2026, month: 1, day: 1 };
  try {
    deferredDeadline(probe, rules.deferredDays);
    partialDeadline(probe, rules.partialDays);
    renewalDay(firstDay, 1, rules.recurrence);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw configError(VARIABLE_OF_SETTING[error.setting] ?? "PAYMENT_MODE", error.message);
  }
  const shares = rules.splitPercentages;
  try {
    splitSchedule({
      total: 10_000,
      firstDay,
      ...(shares ? { percentages: shares } : { count: rules.splitCount }),
    });
  } catch (error) {
    throw configError(shares ? "SPLIT_PERCENTAGES" : "SPLIT_COUNT", (error as Error).message);
  }
}
