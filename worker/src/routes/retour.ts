/**
 * `POST /api/retour` (form body) and `GET /api/retour?…` (the bank's alert e-mail replays the call that way).
 * @module
 */
import { decodeFormBytes } from "@sceau/protocol";
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type TerminalSettings, terminalSettings } from "../config.ts";
import { insertNotification } from "../db/notifications.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { afterResponse, BODY_LIMIT, mediaType } from "../middleware.ts";
import { countedClient, rateLimited, retourInvalidRateLimit } from "../rate-limit.ts";
import { processRetour, storedCall } from "../retour.ts";
import { dispatchDue } from "../webhooks/dispatch.ts";

export const retour = new Hono<AppEnv>();

/** Appends a call whose seal was never checked to the log (`unverified`, or `malformed` when unreadable). */
async function storeUnchecked(
  c: Context<AppEnv>,
  body: string,
  classification: "unverified" | "malformed",
  detail: string,
): Promise<void> {
  const stored = await storedCall(
    { body, method: c.req.method, receivedAt: c.get("now")().toISOString() },
    undefined,
  );
  await insertNotification(c.env.DB, stored, classification, detail).run();
}

/**
 * Logs a call refused before it could be read (too large, wrong media type) as `malformed`, with an empty
 * body and the refusal's code, so that every call to the route is in the log; then throws the refusal.
 */
async function refuse(c: Context<AppEnv>, error: ApiError): Promise<never> {
  await storeUnchecked(c, "", "malformed", error.code);
  throw error;
}

const tooLarge = (what: string) =>
  new ApiError("ERR_BODY_TOO_LARGE", `The ${what} is larger than ${BODY_LIMIT} bytes.`);

async function handle(c: Context<AppEnv>, body: string): Promise<Response> {
  let settings: TerminalSettings;
  try {
    settings = await terminalSettings(c.env);
  } catch (error) {
    // Without a valid configuration the seal cannot be checked: keep the call, answer no receipt, and let
    // the bank try again once the configuration is fixed.
    const detail = error instanceof ApiError ? error.message : "configuration error";
    await storeUnchecked(c, body, "unverified", detail);
    if (error instanceof ApiError) {
      throw new ApiError(error.code, error.message, { field: error.field, status: 503 });
    }
    throw error;
  }
  const result = await processRetour(c.env.DB, settings, body, {
    method: c.req.method,
    now: c.get("now")(),
    invalidLimit: await countedClient(c, "retour-invalid", retourInvalidRateLimit(c.env)),
  });
  if (result.limited) throw rateLimited(result.limited.retryAfter, "unverified calls");
  // The batch may have written events (order paid, orphan…): send them now rather than at the next sweep.
  if (result.reference !== undefined) afterResponse(c, () => dispatchDue(c.env));
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

retour.post(
  "/",
  bodyLimit({ maxSize: BODY_LIMIT, onError: (c) => refuse(c, tooLarge("body")) }),
  async (c) => {
    const type = mediaType(c.req.raw);
    if (type !== "application/x-www-form-urlencoded" && type !== "") {
      return refuse(
        c,
        new ApiError(
          "ERR_UNSUPPORTED_MEDIA_TYPE",
          "The Retour body must be application/x-www-form-urlencoded.",
        ),
      );
    }
    return handle(c, decodeFormBytes(new Uint8Array(await c.req.arrayBuffer())));
  },
);

retour.get("/", async (c) => {
  const url = c.req.url;
  const q = url.indexOf("?");
  const query = q < 0 ? "" : (url.slice(q + 1).split("#")[0] ?? "");
  if (query.length > BODY_LIMIT) return refuse(c, tooLarge("query"));
  return handle(c, query);
});
