/**
 * Where the worker may send deliveries: `https://` URLs, and `http://` on a loopback host only while the
 * worker runs against the local bank (`BANK=sandbox`), for a receiver on the developer's machine.
 * @module
 */
import { isLocalBank, isLoopbackHost } from "../config.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../errors.ts";

/** The longest URL an endpoint may have. */
export const MAX_URL_LENGTH = 2048;

/**
 * The URL as it will be called, checked.
 *
 * @throws {ApiError} `ERR_WEBHOOK_URL_INVALID` (field `field`) for another scheme, http on a real bank or to
 *   a host that is not loopback, credentials in the URL, a fragment, or more than 2048 characters.
 * @example
 * deliveryUrl("https://shop.example/hooks/sceau", env); // "https://shop.example/hooks/sceau"
 */
export function deliveryUrl(raw: string, env: Pick<Env, "BANK">, field = "url"): string {
  const refuse = (why: string) =>
    new ApiError("ERR_WEBHOOK_URL_INVALID", `${field} ${why}`, { field });
  if (raw.length > MAX_URL_LENGTH) throw refuse(`must be at most ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse("must be an absolute https:// URL.");
  }
  if (url.username || url.password) throw refuse("must not carry a user name or password.");
  if (url.hash) throw refuse("must not have a #fragment.");
  if (url.protocol === "https:") return url.href;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname) && isLocalBank(env as Env)) {
    return url.href;
  }
  throw refuse(
    "must be an https:// URL (http:// only to localhost, 127.0.0.1 or [::1] with BANK=sandbox).",
  );
}
