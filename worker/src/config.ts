/**
 * Configuration from wrangler vars and secrets, validated on each request path that needs it, with errors that
 * name the variable and never echo a secret.
 * @module
 */
import {
  type Bank,
  type BankEnvironment,
  bankUrls,
  CONTROL_CHARACTERS,
  createTerminal,
  type MacFormat,
  ProtocolError,
  SOCIETE_PATTERN,
  type Terminal,
  TPE_PATTERN,
  usableKeyHex,
} from "@sceau/protocol";
import { sha256Hex } from "./encoding.ts";
import type { Env } from "./env.ts";
import { configError } from "./errors.ts";
import { type PaymentRules, paymentRules } from "./payment-mode.ts";
import type { EmailRequirement } from "./requirements.ts";

/**
 * SHA-256 of the key printed in the bank's documentation (the dev key in .dev.vars): fine for the sandbox,
 * refused with any real bank. Only the hash is in the bundle, so no key text ever ships with the worker.
 */
const DOCUMENTATION_KEY_SHA256 = "3af8e91b5c7e0c4d945296e81104578262bcd85782d3b999239e11f25dadf459";

const DEV_ADMIN_TOKEN = "dev-admin-token";

export type BankName = Bank | "sandbox";

/** What the payment paths need. */
export interface TerminalSettings {
  tpe: string;
  societe: string;
  format: MacFormat;
  bank: BankName;
  environment: BankEnvironment;
  /** The terminal's payment mode and its settings (payment-mode.ts). */
  rules: PaymentRules;
  terminal: Terminal;
}

function required(env: Env, name: keyof Env): string {
  const value = env[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw configError(name, "is not set (see worker/README.md, Configuration).");
  }
  return value.trim();
}

function httpUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError(name, "is not an absolute URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw configError(name, "must be an http(s) URL.");
  }
  return url;
}

const BANKS: readonly BankName[] = ["cm", "cic", "obc", "monetico", "sandbox"];

/** True for `http(s)://localhost:*`, `127.0.0.1:*`, `[::1]:*`. */
export function isLoopbackOrigin(origin: string): boolean {
  return /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(origin);
}

/**
 * Checks the variables that do not need the key: bank, environment, format, TPE, societe, payment mode and
 * its settings.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` (500) naming the variable at fault.
 */
export function checkTerminalVars(env: Env) {
  const tpe = required(env, "TPE");
  if (!TPE_PATTERN.test(tpe)) throw configError("TPE", "must be 7 letters or digits.");
  const societe = required(env, "SOCIETE");
  if (!SOCIETE_PATTERN.test(societe)) {
    throw configError("SOCIETE", "must be 1 to 20 letters or digits (the site code).");
  }
  const format = required(env, "MAC_FORMAT");
  if (format !== "v3" && format !== "v4") throw configError("MAC_FORMAT", 'must be "v3" or "v4".');
  const bank = required(env, "BANK") as BankName;
  if (!BANKS.includes(bank)) {
    throw configError("BANK", `must be one of ${BANKS.join(", ")}.`);
  }
  // A real bank has no default environment: an unset BANK_ENV must not quietly mean the test server.
  const environment = (
    bank === "sandbox" ? env.BANK_ENV?.trim() || "test" : required(env, "BANK_ENV")
  ) as BankEnvironment;
  if (environment !== "test" && environment !== "production") {
    throw configError("BANK_ENV", 'must be "test" or "production".');
  }
  if (bank === "sandbox" && environment === "production") {
    throw configError(
      "BANK_ENV",
      "the sandbox is a test bank: use BANK_ENV=test with BANK=sandbox.",
    );
  }
  const rules = paymentRules(env);
  const sandboxUrl =
    bank === "sandbox" ? httpUrl("BANK_SANDBOX_URL", required(env, "BANK_SANDBOX_URL")) : undefined;
  return { tpe, societe, format, bank, environment, rules, sandboxUrl } as const;
}

async function checkKey(key: string, bank: BankName): Promise<void> {
  try {
    usableKeyHex(key);
  } catch {
    // The library's message is key-free, but ours is fixed text to be certain.
    throw configError(
      "MERCHANT_KEY",
      "is not a bank key (40 characters whose usable form is 40 hex digits); copy it again.",
    );
  }
  if (bank !== "sandbox" && (await sha256Hex(key.toUpperCase())) === DOCUMENTATION_KEY_SHA256) {
    throw configError(
      "MERCHANT_KEY",
      "is the documentation's example key, which only the local sandbox accepts: put your terminal's key.",
    );
  }
}

let cached: { fingerprint: string; settings: TerminalSettings } | undefined;

/**
 * The configured terminal, created once per isolate and configuration. The key is checked (shape, and the
 * documentation key's hash with a real bank) only when the configuration changes: a cached configuration
 * passed that check with the same key and bank.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` (500) naming the variable at fault.
 */
export async function terminalSettings(env: Env): Promise<TerminalSettings> {
  const vars = checkTerminalVars(env);
  const key = required(env, "MERCHANT_KEY");
  const fingerprint = JSON.stringify([vars, key]);
  if (cached?.fingerprint === fingerprint) return cached.settings;
  await checkKey(key, vars.bank);
  let terminal: Terminal;
  try {
    terminal = await createTerminal({
      tpe: vars.tpe,
      key,
      societe: vars.societe,
      format: vars.format,
      ...(vars.sandboxUrl
        ? { baseUrl: vars.sandboxUrl.href }
        : { bank: vars.bank as Bank, environment: vars.environment }),
    });
  } catch (error) {
    if (error instanceof ProtocolError) {
      throw configError(
        error.code === "ERR_KEY_INVALID" ? "MERCHANT_KEY" : "BANK",
        "was refused by the protocol library.",
      );
    }
    throw error;
  }
  const { sandboxUrl: _, ...rest } = vars;
  const settings: TerminalSettings = { ...rest, terminal };
  cached = { fingerprint, settings };
  return settings;
}

/**
 * Whether the shop asks the buyer for an e-mail address (`BUYER_EMAIL`): `required`, `optional` (the default)
 * or `none` (the element does not ask).
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` (500) naming `BUYER_EMAIL`.
 */
export function buyerEmail(env: Env): EmailRequirement {
  const value = env.BUYER_EMAIL?.trim() || "optional";
  if (value !== "required" && value !== "optional" && value !== "none") {
    throw configError("BUYER_EMAIL", 'must be "required", "optional" or "none".');
  }
  return value;
}

/** The buyer's return pages; `RETURN_URL` (cancel) is optional. */
export function returnUrls(env: Env): { ok: URL; error: URL; cancel?: URL } {
  const ok = httpUrl("RETURN_URL_OK", required(env, "RETURN_URL_OK"));
  const error = httpUrl("RETURN_URL_ERR", required(env, "RETURN_URL_ERR"));
  const cancel = env.RETURN_URL?.trim() ? httpUrl("RETURN_URL", env.RETURN_URL.trim()) : undefined;
  return { ok, error, ...(cancel && { cancel }) };
}

/** A CORS allow-list variable: comma- or space-separated bare origins. */
function originList(env: Env, name: "SHOP_ORIGINS" | "ADMIN_ORIGINS"): string[] {
  const raw = env[name]?.trim() ?? "";
  if (raw === "") return [];
  return raw.split(/[\s,]+/).map((entry) => {
    const trimmed = entry.replace(/\/$/, "");
    let origin: string;
    try {
      origin = new URL(trimmed).origin;
    } catch {
      throw configError(name, "must list origins such as https://shop.example.");
    }
    if (origin !== trimmed) {
      throw configError(name, "must list bare origins (scheme://host[:port]), no path.");
    }
    return origin;
  });
}

/** The shop pages allowed to call the browser routes: `SHOP_ORIGINS`. */
export function shopOrigins(env: Env): string[] {
  return originList(env, "SHOP_ORIGINS");
}

/**
 * The pages allowed to call the admin API from a browser: `ADMIN_ORIGINS` (empty by default: the console is
 * served by the worker itself). Separate from the shop's, so that a script injected into a shop page can
 * never reach refunds.
 */
export function adminOrigins(env: Env): string[] {
  return originList(env, "ADMIN_ORIGINS");
}

/** True when the worker runs against a local bank: loopback browser origins are then allowed. */
export function isLocalBank(env: Env): boolean {
  return env.BANK?.trim() === "sandbox";
}

/** True for `localhost`, `127.0.0.0/8` and `[::1]` host names. */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i.test(hostname);
}

/**
 * The admin bearer token, checked for a sane shape: with a real bank (test or production), a random secret
 * of at least 32 characters, never the dev token.
 */
export function adminToken(env: Env): string {
  const token = required(env, "ADMIN_TOKEN");
  if (!isLocalBank(env) && (token === DEV_ADMIN_TOKEN || token.length < 32)) {
    throw configError(
      "ADMIN_TOKEN",
      "must be a random secret of at least 32 characters with a real bank (generate one with `openssl rand -hex 32`).",
    );
  }
  return token;
}

/** The merchant's name as buyers know it (`MERCHANT_NAME`; the site code `SOCIETE` when unset). */
export function merchantName(env: Env): string {
  const name = env.MERCHANT_NAME?.trim() || required(env, "SOCIETE");
  if (name.length > 80 || CONTROL_CHARACTERS.test(name)) {
    throw configError("MERCHANT_NAME", "must be at most 80 characters on one line.");
  }
  return name;
}

/** How long a payment link can be paid when `PAYMENT_LINK_DAYS` is unset. */
export const DEFAULT_PAYMENT_LINK_DAYS = 7;

/**
 * How many days a new payment link can be paid (`PAYMENT_LINK_DAYS`, 1 to 90; default
 * {@link DEFAULT_PAYMENT_LINK_DAYS}).
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` naming `PAYMENT_LINK_DAYS` for any other value.
 */
export function paymentLinkDays(env: Env): number {
  const raw = env.PAYMENT_LINK_DAYS?.trim();
  if (!raw) return DEFAULT_PAYMENT_LINK_DAYS;
  const days = Number(raw);
  if (!/^\d{1,2}$/.test(raw) || days < 1 || days > 90) {
    throw configError("PAYMENT_LINK_DAYS", "must be a number of days from 1 to 90.");
  }
  return days;
}

/**
 * The origin of the bank's payment page, the only place a page of this worker may post a form to (the
 * payment link's page, the console's phone orders); `'none'` when the terminal's variables are not valid.
 */
export function bankPaymentOrigin(env: Env): string {
  try {
    const vars = checkTerminalVars(env);
    const payment = vars.sandboxUrl
      ? new URL("paiement.cgi", vars.sandboxUrl).href
      : bankUrls(vars.bank as Bank, vars.environment).payment;
    return new URL(payment).origin;
  } catch {
    return "'none'";
  }
}
