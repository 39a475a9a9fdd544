/**
 * `POST /api/retour` (form body) and `GET /api/retour?…` (the bank's alert e-mail replays the call that way).
 * @module
 */

import type { Context } from "hono";
import { Hono } from "hono";
import { type TerminalSettings, terminalSettings } from "../config.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { FORM_LIMIT, readFormText } from "../http.ts";
import { clientKey, countedAddress, rateLimited, retourInvalidRateLimit } from "../rate-limit.ts";
import { insertNotification, processRetour } from "../retour.ts";

export const retour = new Hono<AppEnv>();

/** Appends a call whose seal was never checked to the log. */
async function storeUnchecked(
  c: Context<AppEnv>,
  body: string,
  classification: "unverified" | "malformed",
  detail: string,
): Promise<unknown> {
  const statement = await insertNotification(c.env.DB, {
    id: crypto.randomUUID(),
    receivedAt: new Date().toISOString(),
    method: c.req.method,
    body,
    sealValid: false,
    fields: {},
    classification,
    detail,
  });
  return statement.run();
}

/** The client counted for calls whose seal is not valid (never the bank's valid ones), if counted. */
async function invalidLimit(c: Context<AppEnv>) {
  const limit = retourInvalidRateLimit(c.env);
  const address = countedAddress(c);
  if (!limit || !address) return undefined;
  return { limit, client: await clientKey(c.env, "retour-invalid", address) };
}

async function handle(c: Context<AppEnv>, body: string): Promise<Response> {
  let settings: TerminalSettings;
  try {
    settings = await terminalSettings(c.env);
  } catch (error) {
    // Without a valid configuration the seal cannot be checked: keep the call, answer no receipt, and let
    // the bank try again once the configuration is fixed.
    await storeUnchecked(
      c,
      body,
      "unverified",
      error instanceof ApiError ? error.message : "configuration error",
    );
    if (error instanceof ApiError) {
      throw new ApiError(503, error.code, error.message, error.field);
    }
    throw error;
  }
  const limit = await invalidLimit(c);
  const result = await processRetour(c.env.DB, settings, body, c.req.method, {
    ...(limit && { invalidLimit: limit }),
  });
  if (result.limited) return rateLimited(result.limited.retryAfter, "unverified calls");
  console.log(
    JSON.stringify({
      event: "retour",
      id: result.id,
      classification: result.classification,
      reference: result.reference,
    }),
  );
  return c.body(result.receipt, 200, {
    "Content-Type": "text/plain",
    "Cache-Control": "no-store",
    Pragma: "no-cache",
  });
}

/**
 * Logs a call refused before it could be read (too large, wrong media type) as `malformed`, with an empty
 * body and the refusal's code, so that every call to the route is in the log; then rethrows the refusal.
 */
async function logRefusal(c: Context<AppEnv>, error: unknown): Promise<never> {
  if (error instanceof ApiError) await storeUnchecked(c, "", "malformed", error.code);
  throw error;
}

retour.post("/", async (c) => {
  const body = await readFormText(c.req.raw).catch((error: unknown) => logRefusal(c, error));
  return handle(c, body);
});

retour.get("/", async (c) => {
  const url = c.req.url;
  const q = url.indexOf("?");
  const query = q < 0 ? "" : (url.slice(q + 1).split("#")[0] ?? "");
  if (query.length > FORM_LIMIT) {
    return logRefusal(
      c,
      new ApiError(413, "ERR_BODY_TOO_LARGE", `The query is larger than ${FORM_LIMIT} bytes.`),
    );
  }
  return handle(c, query);
});
