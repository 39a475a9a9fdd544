/**
 * Per-client rate limit for order creation: a fixed window counted in D1, keyed by a hash of the client's
 * address (`CF-Connecting-IP`, which Cloudflare sets on every request and a client cannot forge; IPv6
 * clients count per /64, since one subscriber owns a whole /64). Configured by `CHECKOUT_RATE_LIMIT`.
 * Against the local bank sandbox, loopback clients are not counted (the demo, end-to-end tests and load
 * benchmarks all run from 127.0.0.1), as loopback origins are allowed by CORS there.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { configError, isLocalBank } from "./config.ts";
import { sha256Hex } from "./encoding.ts";
import type { AppEnv, Env } from "./env.ts";
import { errorBody } from "./errors.ts";

/** At most `limit` requests per client in each fixed window of `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** The default: generous for a shop (and for the demo and end-to-end tests), far from a scripted flood. */
export const DEFAULT_CHECKOUT_RATE_LIMIT: RateLimit = { limit: 120, windowSeconds: 600 };

/**
 * Reads `CHECKOUT_RATE_LIMIT`: `"<requests>/<seconds>"` (e.g. `"120/600"`), `"off"` to disable; unset means
 * {@link DEFAULT_CHECKOUT_RATE_LIMIT}.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` (field `CHECKOUT_RATE_LIMIT`) for any other value.
 */
export function checkoutRateLimit(env: Env): RateLimit | undefined {
  const raw = env.CHECKOUT_RATE_LIMIT?.trim();
  if (!raw) return DEFAULT_CHECKOUT_RATE_LIMIT;
  if (raw === "off") return undefined;
  const match = /^(\d{1,7})\/(\d{1,6})$/.exec(raw);
  const limit = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (!match || limit < 1 || windowSeconds < 1 || windowSeconds > 86_400) {
    throw configError(
      "CHECKOUT_RATE_LIMIT",
      'must be "<requests>/<seconds>" (at least 1 request, 1 to 86400 seconds) or "off".',
    );
  }
  return { limit, windowSeconds };
}

/** True for 127.0.0.0/8 and ::1, also IPv4-mapped. */
export function isLoopbackAddress(address: string): boolean {
  const ip = address.trim().toLowerCase();
  return ip === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

/** The part of an address that identifies one client: the IPv4 address, or the /64 of an IPv6 address. */
export function clientPrefix(address: string): string {
  const ip = address.trim().toLowerCase();
  if (!ip.includes(":")) return ip;
  if (ip.includes(".")) return ip.slice(ip.lastIndexOf(":") + 1); // IPv4-mapped (::ffff:192.0.2.1)
  const [head = "", tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * Counts this request against its client's window and answers `429 ERR_RATE_LIMITED` with `Retry-After`
 * once the window's limit is spent. Requests without `CF-Connecting-IP` (never the case on Cloudflare; tests
 * and server-side tools) are not counted, nor loopback clients with `BANK=sandbox`. One D1 round trip (one
 * batch: drop past windows, count this one).
 */
export function rateLimit(read: (env: Env) => RateLimit | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const settings = read(c.env);
    const address = c.req.header("CF-Connecting-IP");
    if (!settings || !address || (isLocalBank(c.env) && isLoopbackAddress(address))) return next();
    const now = Math.floor(Date.now() / 1000);
    const windowStart = now - (now % settings.windowSeconds);
    // The first 128 bits of the digest: enough to tell clients apart, and never the address itself.
    const client = (await sha256Hex(`checkout:${clientPrefix(address)}`)).slice(0, 32);
    const [, counted] = await c.env.DB.batch<{ count: number }>([
      c.env.DB.prepare("DELETE FROM rate_limits WHERE window_start < ?").bind(
        windowStart - settings.windowSeconds,
      ),
      c.env.DB.prepare(
        `INSERT INTO rate_limits (client, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (client, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
      ).bind(client, windowStart),
    ]);
    const count = counted?.results[0]?.count ?? 0;
    if (count > settings.limit) {
      const retryAfter = windowStart + settings.windowSeconds - now;
      return c.json(
        errorBody(
          "ERR_RATE_LIMITED",
          `Too many orders from this client; try again in ${retryAfter} s.`,
        ),
        429,
        { "Retry-After": String(retryAfter) },
      );
    }
    return next();
  };
}
