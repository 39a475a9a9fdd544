/**
 * `GET /api/admin/settings`: the worker's configuration as the merchant console shows it (terminal, mode,
 * bank, environment, URLs) and what is wrong with it. Never a secret: of `MERCHANT_KEY` and `ADMIN_TOKEN` it
 * says only whether they pass their checks, in the fixed messages of those checks.
 * @module
 */
import { Hono } from "hono";
import {
  adminOrigins,
  checkTerminalVars,
  isLocalBank,
  returnUrls,
  shopOrigins,
  type TerminalSettings,
  terminalSettings,
} from "../config.ts";
import type { AppEnv, Env } from "../env.ts";
import { ApiError } from "../errors.ts";
import { checkoutRateLimit, type RateLimit, retourInvalidRateLimit } from "../rate-limit.ts";
import { retentionDays } from "../scheduled.ts";

/** A variable that breaks a route (`problems`) or deserves a second look (`warnings`). */
export interface ConfigNote {
  variable: string;
  message: string;
}

/** Runs one configuration check; a configuration error becomes a problem and the result `undefined`. */
async function checked<T>(problems: ConfigNote[], check: () => T | Promise<T>) {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "ERR_CONFIG_INVALID") throw error;
    problems.push({ variable: error.field ?? "", message: error.message });
    return undefined;
  }
}

/** A limit as its variable writes it: `"120/600"`, or `"off"`. */
const limitText = (limit: RateLimit | undefined) =>
  limit ? `${limit.limit}/${limit.windowSeconds}` : "off";

/** Settings that work but that a merchant going live should look at twice. */
function configWarnings(env: Env, settings: TerminalSettings | undefined): ConfigNote[] {
  const warnings: ConfigNote[] = [];
  if (!settings) return warnings;
  if (settings.bank !== "sandbox" && settings.environment === "test") {
    warnings.push({
      variable: "BANK_ENV",
      message: "BANK_ENV: test — payments go to the bank's test server; no card is charged.",
    });
  }
  if (settings.environment === "production") {
    for (const name of ["RETURN_URL_OK", "RETURN_URL_ERR", "RETURN_URL"] as const) {
      if (env[name]?.trim().startsWith("http:")) {
        warnings.push({
          variable: name,
          message: `${name}: is not https; buyers come back to it from the bank.`,
        });
      }
    }
  }
  if (!isLocalBank(env) && !env.SHOP_ORIGINS?.trim()) {
    warnings.push({
      variable: "SHOP_ORIGINS",
      message: "SHOP_ORIGINS: is empty; no shop page on another origin can call the worker.",
    });
  }
  return warnings;
}

export const adminSettings = new Hono<AppEnv>();

adminSettings.get("/settings", async (c) => {
  const problems: ConfigNote[] = [];
  const vars = await checked(problems, () => checkTerminalVars(c.env));
  // Builds the terminal, which checks MERCHANT_KEY (shape, and the documentation key in production).
  const settings = vars ? await checked(problems, () => terminalSettings(c.env)) : undefined;
  const urls = await checked(problems, () => returnUrls(c.env));
  const origins = await checked(problems, () => shopOrigins(c.env));
  const admins = await checked(problems, () => adminOrigins(c.env));
  const checkoutLimit = await checked(problems, () => limitText(checkoutRateLimit(c.env)));
  const retourLimit = await checked(problems, () => limitText(retourInvalidRateLimit(c.env)));
  const retention = await checked(problems, () => retentionDays(c.env));
  const origin = new URL(c.req.url).origin;
  return c.json({
    terminal: vars
      ? {
          tpe: vars.tpe,
          societe: vars.societe,
          macFormat: vars.format,
          paymentMode: vars.paymentMode,
          bank: vars.bank,
          environment: vars.environment,
        }
      : null,
    urls: {
      payment: settings?.terminal.urls.payment ?? null,
      capture: settings?.terminal.urls.capture ?? null,
      recredit: settings?.terminal.urls.recredit ?? null,
      retour: `${origin}/api/retour`,
      returnOk: urls?.ok.href ?? null,
      returnError: urls?.error.href ?? null,
      returnCancel: urls?.cancel?.href ?? null,
    },
    shopOrigins: origins ?? null,
    adminOrigins: admins ?? null,
    checkoutRateLimit: checkoutLimit ?? null,
    retourInvalidRateLimit: retourLimit ?? null,
    retourLogRetentionDays: retention ?? null,
    problems,
    warnings: configWarnings(c.env, settings),
  });
});
