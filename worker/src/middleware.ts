/**
 * Edge middleware, on Hono's own: security headers, the sandbox's loopback guard, CORS for the browser
 * routes, the admin bearer token, and JSON bodies read within a size limit.
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import {
  adminOrigins,
  adminToken,
  isLocalBank,
  isLoopbackHost,
  isLoopbackOrigin,
  shopOrigins,
} from "./config.ts";
import type { AppEnv, Env } from "./env.ts";
import { ApiError, configError, errorBody } from "./errors.ts";

/** Largest body accepted: JSON (a 50-line cart with addresses is far below) and the Retour (~2 KiB). */
export const BODY_LIMIT = 16 * 1024;

/**
 * The security headers of every answer (an API: no script, no frame, no referrer), and `Cache-Control:
 * no-store`, each unless a route chose its own (the console's pages and the payment page set the
 * Content-Security-Policy they need).
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const headers = secureHeaders({
    overwrite: false,
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: "DENY",
    strictTransportSecurity: "max-age=63072000; includeSubDomains",
    crossOriginResourcePolicy: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  };
}

/**
 * Refuses every request when `BANK=sandbox` and the request did not come to a loopback host: the sandbox
 * configuration (loopback origins allowed, loopback clients not rate-limited, the documentation key) is for
 * local development, so a `wrangler.jsonc` deployed unchanged answers nothing but a configuration error.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` (500) naming `BANK`.
 */
export function sandboxOnLoopback(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isLocalBank(c.env) && !isLoopbackHost(new URL(c.req.url).hostname)) {
      throw configError(
        "BANK",
        "is sandbox, which answers only on localhost: set BANK to your bank (cm, cic, obc, monetico) before deploying.",
      );
    }
    await next();
  };
}

/** An allow-list of browser origins and the variable it comes from. */
export interface OriginList {
  read: (env: Env) => string[];
  variable: "SHOP_ORIGINS" | "ADMIN_ORIGINS";
}

/** The shop's pages: `SHOP_ORIGINS`. */
export const SHOP_CORS: OriginList = { read: shopOrigins, variable: "SHOP_ORIGINS" };

/** The admin API's own allow-list: `ADMIN_ORIGINS`, never the shop's. */
export const ADMIN_CORS: OriginList = { read: adminOrigins, variable: "ADMIN_ORIGINS" };

/**
 * CORS for the browser routes (Hono's `cors`): origins in the allow-list, plus any loopback origin when the
 * bank is the local sandbox. A cross-origin write or preflight from an origin not on the list is refused
 * (403), not just left unreadable. The admin API is authorised by a bearer token, never by cookies, so
 * allowing an origin grants nothing without the token.
 *
 * @throws {ApiError} `ERR_ORIGIN_NOT_ALLOWED` (403) naming the variable to add the origin to.
 */
export function browserCors(
  list: OriginList,
  options: { methods: string[]; headers: string[] },
): MiddlewareHandler<AppEnv> {
  const allowed = (origin: string, c: Context<AppEnv>) =>
    list.read(c.env).includes(origin) || (isLocalBank(c.env) && isLoopbackOrigin(origin));
  const headers = cors({
    origin: (origin, c) => (allowed(origin, c) ? origin : null),
    allowMethods: options.methods,
    allowHeaders: options.headers,
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header("Origin");
    // Browsers send Origin on same-origin writes too: the console, served by this worker, is not a CORS
    // caller and needs no allow-list.
    if (origin === new URL(c.req.url).origin) return next();
    const reads = c.req.method === "GET" || c.req.method === "HEAD";
    if (origin && !reads && !allowed(origin, c)) {
      throw new ApiError("ERR_ORIGIN_NOT_ALLOWED", `This origin is not in ${list.variable}.`);
    }
    return headers(c, next);
  };
}

/** Constant-time equality of two strings (compares SHA-256 digests, so lengths do not leak either). */
export async function timingSafeEqualText(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [da, db] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(da, db);
}

const REALM = 'Bearer realm="sceau-admin"';

/**
 * `Authorization: Bearer <ADMIN_TOKEN>` (Hono's `bearerAuth`), compared in constant time. Every refusal —
 * no header, another scheme, a malformed or a wrong token — is the same 401 answer, so a prober learns
 * nothing from it.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` when `ADMIN_TOKEN` is missing or too weak for a real bank.
 */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  const refusal = (c: Context<AppEnv>) =>
    c.json(errorBody("ERR_UNAUTHORIZED", "A valid admin bearer token is required."), 401);
  const answer = { message: refusal, wwwAuthenticateHeader: REALM };
  return bearerAuth({
    verifyToken: (token, c) => timingSafeEqualText(token, adminToken(c.env)),
    noAuthenticationHeader: answer,
    invalidAuthenticationHeader: answer,
    invalidToken: answer,
  });
}

/** The media type of a request, lower case, without parameters. */
export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function isJsonType(type: string): boolean {
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON request body for the validators: at most {@link BODY_LIMIT} bytes (413, streamed, Hono's
 * `bodyLimit`), `application/json` or `+json` (415), parseable (400). With `optional`, a request without a
 * body passes (an operation with no amount means "all of it").
 *
 * @throws {ApiError} `ERR_BODY_TOO_LARGE`, `ERR_UNSUPPORTED_MEDIA_TYPE`, `ERR_JSON_INVALID`.
 */
export function jsonRequests(options: { optional?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: BODY_LIMIT,
    onError: () => {
      throw new ApiError("ERR_BODY_TOO_LARGE", `The body is larger than ${BODY_LIMIT} bytes.`);
    },
  });
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") {
      return next();
    }
    const empty = !c.req.raw.body && !c.req.header("content-type");
    if (options.optional && empty) return next();
    if (!isJsonType(mediaType(c.req.raw))) {
      throw new ApiError("ERR_UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
    }
    return limit(c, async () => {
      try {
        await c.req.json();
      } catch {
        throw new ApiError("ERR_JSON_INVALID", "The body is not valid JSON.");
      }
      await next();
    });
  };
}

/**
 * Runs `work` after the answer is sent (`waitUntil`), so that it costs the caller nothing. Without an
 * execution context (a test calling `app.request` without one) the work is not started: what it does is also
 * done by a scheduled job.
 *
 * @example
 * afterResponse(c, () => dispatchDue(c.env));
 */
export function afterResponse(c: Context<AppEnv>, work: () => Promise<unknown>): void {
  let ctx: { waitUntil(promise: Promise<unknown>): void };
  try {
    ctx = c.executionCtx;
  } catch {
    return;
  }
  ctx.waitUntil(
    work().catch((error: unknown) => {
      console.error(
        JSON.stringify({
          event: "after-response-failed",
          message: error instanceof Error ? error.message.slice(0, 200) : "unknown",
        }),
      );
    }),
  );
}
