/**
 * The go-live doctor: is this configuration ready to take real payments? Each check says what is wrong and
 * how to fix it. The variable rules are the worker's own (config.ts, rate-limit.ts), run as they would run in
 * production; what the database knows (migrations, the last notifications) comes in as facts, read by the
 * admin route from D1 or by `npm run doctor` through wrangler, with the same queries (db/doctor.ts).
 * @module
 */
import {
  adminOrigins,
  adminToken,
  checkTerminalVars,
  returnUrls,
  shopOrigins,
  terminalSettings,
} from "./config.ts";
import type { Env } from "./env.ts";
import { ApiError } from "./errors.ts";
import { checkoutRateLimit, retourInvalidRateLimit } from "./rate-limit.ts";
import { retentionDays } from "./scheduled.ts";

/** One line of the checklist. */
export interface DoctorCheck {
  /** Stable identifier, e.g. `https`. */
  readonly id: DoctorCheckId;
  /** What is checked, as a title. */
  readonly title: string;
  readonly ok: boolean;
  /** What was found: the failure, or what passed. */
  readonly detail: string;
  /** How to fix a failure. */
  readonly fix?: string;
}

/** Every check, in the order of the checklist. */
export type DoctorCheckId =
  | "variables"
  | "bank"
  | "bank-env"
  | "key"
  | "admin-token"
  | "https"
  | "return-urls"
  | "migrations"
  | "receipts";

/** One notification of the log, as the receipts rule needs it (newest first). */
export interface NotificationFact {
  readonly tpe: string | null;
  readonly sealValid: boolean;
  readonly codeRetour: string | null;
  readonly reference: string | null;
  readonly receivedAt: string;
}

/** What the database says; a member left undefined is a check that could not run (reported as such). */
export interface DoctorFacts {
  /** Names of the migrations applied, from `d1_migrations`. */
  readonly appliedMigrations?: readonly string[];
  /** Names of the migration files the worker was built with. */
  readonly expectedMigrations: readonly string[];
  /** The newest notifications, newest first (db/doctor.ts reads the last 20). */
  readonly notifications?: readonly NotificationFact[];
}

/** The bank's production rule: this many test payments in a row with a valid receipt [doc §1.3.3.3, §5.1]. */
export const RECEIPTS_BEFORE_PRODUCTION = 3;

const REAL_BANKS = ["monetico", "cm", "cic", "obc"];

/** What `run` reports (a string), or the message of the configuration error it throws. */
function problem(run: () => unknown): string | undefined {
  try {
    const found = run();
    return typeof found === "string" ? found : undefined;
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
}

/** The same variables as a production worker would have them, to run the worker's production rules. */
function inProduction(env: Env): Env {
  const bank = env.BANK?.trim();
  return {
    ...env,
    BANK: bank && REAL_BANKS.includes(bank) ? bank : "monetico",
    BANK_ENV: "production",
  };
}

function check(
  id: DoctorCheckId,
  title: string,
  failure: string | undefined,
  passed: string,
  fix: string,
): DoctorCheck {
  return failure === undefined
    ? { id, title, ok: true, detail: passed }
    : { id, title, ok: false, detail: failure, fix };
}

/** The browser-facing URLs that are not https, as `NAME value`. */
function notHttps(env: Env): string[] {
  const named: [string, string | undefined][] = [
    ["RETURN_URL_OK", env.RETURN_URL_OK],
    ["RETURN_URL_ERR", env.RETURN_URL_ERR],
    ["RETURN_URL", env.RETURN_URL],
    ...(["SHOP_ORIGINS", "ADMIN_ORIGINS"] as const).flatMap((name) =>
      (env[name] ?? "")
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((origin): [string, string] => [name, origin]),
    ),
  ];
  return named
    .map(([name, value]) => [name, value?.trim() ?? ""])
    .filter(([, value]) => value !== "" && !value.startsWith("https://"))
    .map(([name, value]) => `${name} ${value}`);
}

/** The return pages whose origin is not one of SHOP_ORIGINS. */
function returnUrlsOutside(env: Env): string | undefined {
  const origins = new Set(shopOrigins(env));
  const urls = returnUrls(env);
  const outside = Object.entries({
    RETURN_URL_OK: urls.ok,
    RETURN_URL_ERR: urls.error,
    RETURN_URL: urls.cancel,
  })
    .filter(([, url]) => url && !origins.has(url.origin))
    .map(([name, url]) => `${name} (${url?.origin})`);
  return outside.length > 0 ? `${outside.join(", ")} not in SHOP_ORIGINS` : undefined;
}

function migrationsProblem(facts: DoctorFacts): string | undefined {
  if (!facts.appliedMigrations)
    return "could not read d1_migrations: no migration applied yet, or the database is unreachable";
  const applied = new Set(facts.appliedMigrations);
  const missing = facts.expectedMigrations.filter((name) => !applied.has(name));
  return missing.length > 0 ? `not applied: ${missing.join(", ")}` : undefined;
}

function receiptsProblem(env: Env, facts: DoctorFacts): string | undefined {
  if (env.BANK_ENV?.trim() === "production") return undefined;
  if (!facts.notifications) return "could not read the notification log";
  const tpe = env.TPE?.trim();
  const last = facts.notifications
    .filter((n) => n.tpe === tpe)
    .slice(0, RECEIPTS_BEFORE_PRODUCTION);
  if (last.length < RECEIPTS_BEFORE_PRODUCTION) {
    return `${last.length} of the ${RECEIPTS_BEFORE_PRODUCTION} test payments the bank requires have reached the worker for TPE ${tpe}`;
  }
  const invalid = last.filter((n) => !n.sealValid);
  return invalid.length > 0
    ? `among the last ${RECEIPTS_BEFORE_PRODUCTION}, ${invalid.length} had an invalid seal (receipt cdr=1): ${invalid.map((n) => n.receivedAt).join(", ")}`
    : undefined;
}

/**
 * The checklist for going live with `env` (the worker's variables and secrets) and what the database says.
 * Never throws for a bad configuration: every failure is a failed check with its fix.
 *
 * @example
 * ```ts
 * const checks = await doctor(env, { expectedMigrations, appliedMigrations, notifications });
 * const ready = checks.every((c) => c.ok);
 * ```
 */
export async function doctor(env: Env, facts: DoctorFacts): Promise<DoctorCheck[]> {
  const production = inProduction(env);
  const bank = env.BANK?.trim() ?? "";
  const bankEnv = env.BANK_ENV?.trim() ?? "";
  let keyProblem: string | undefined;
  try {
    await terminalSettings(production);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    keyProblem = error.field === "MERCHANT_KEY" ? error.message : undefined;
  }
  return [
    check(
      "variables",
      "Every variable follows its rule",
      problem(() => {
        checkTerminalVars(production);
        returnUrls(env);
        shopOrigins(env);
        adminOrigins(env);
        checkoutRateLimit(env);
        retourInvalidRateLimit(env);
        retentionDays(env);
        return undefined;
      }),
      "TPE, SOCIETE, MAC_FORMAT, PAYMENT_MODE, return URLs, origins, rate limits and retention are valid",
      "set the variable named above in wrangler.production.jsonc (npm run deploy asks for each)",
    ),
    check(
      "bank",
      "A real bank",
      REAL_BANKS.includes(bank)
        ? undefined
        : `BANK=${bank || "(unset)"}: ${bank === "sandbox" ? "the local sandbox" : "not a bank"}`,
      `BANK=${bank}`,
      `set BANK to ${REAL_BANKS.join(", ")} (your contract's bank)`,
    ),
    check(
      "bank-env",
      "The bank's production server",
      bankEnv === "production" ? undefined : `BANK_ENV=${bankEnv || "(unset)"}`,
      "BANK_ENV=production",
      "after the three test receipts and the bank's activation: npm run deploy -- --production",
    ),
    check(
      "key",
      "The merchant key is a real key",
      env.MERCHANT_KEY?.trim() ? keyProblem : "MERCHANT_KEY is not set",
      "MERCHANT_KEY is a bank key, not the documentation's example key",
      "copy the key from the bank's back office: wrangler secret put MERCHANT_KEY",
    ),
    check(
      "admin-token",
      "The admin token is strong",
      env.ADMIN_TOKEN?.trim()
        ? problem(() => void adminToken(production))
        : "ADMIN_TOKEN is not set",
      "ADMIN_TOKEN is a long random secret",
      "a random secret of 32 characters or more: npm run deploy generates one (wrangler secret put ADMIN_TOKEN)",
    ),
    check(
      "https",
      "https everywhere the buyer goes",
      notHttps(env).length > 0 ? `not https: ${notHttps(env).join(", ")}` : undefined,
      "the shop's origins and return pages are https",
      "use https:// addresses in SHOP_ORIGINS, ADMIN_ORIGINS and the RETURN_URL_* variables",
    ),
    check(
      "return-urls",
      "Return pages on the shop's origins",
      problem(() => returnUrlsOutside(env)),
      "every return page is on an origin of SHOP_ORIGINS",
      "put the return pages (RETURN_URL_OK, RETURN_URL_ERR, RETURN_URL) on an origin of SHOP_ORIGINS",
    ),
    check(
      "migrations",
      "The database has every migration",
      migrationsProblem(facts),
      `${facts.expectedMigrations.length} migrations applied`,
      "npm run deploy applies them (wrangler d1 migrations apply DB --remote --config wrangler.production.jsonc)",
    ),
    check(
      "receipts",
      `The last ${RECEIPTS_BEFORE_PRODUCTION} test payments got a valid receipt`,
      receiptsProblem(env, facts),
      `the last ${RECEIPTS_BEFORE_PRODUCTION} notifications had a valid seal and got version=2 cdr=0`,
      "set the confirmation URL in the bank's back office to <worker>/api/retour, then pay three test orders (GOING-LIVE.md)",
    ),
  ];
}
