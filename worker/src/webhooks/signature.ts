/**
 * Standard Webhooks signatures (spec/standard-webhooks.md, "Signature scheme"): HMAC-SHA256 over
 * `<webhook-id>.<webhook-timestamp>.<body>` with the endpoint's secret, sent as `v1,<base64>`.
 * @module
 */
import { base64, fromBase64 } from "../encoding.ts";

const PREFIX = "whsec_";
/** Secret size: the specification asks for 24 to 64 random bytes. */
const SECRET_BYTES = 32;

/** A new endpoint secret: `whsec_` and 32 random bytes in base64. */
export function newSecret(): string {
  return PREFIX + base64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
}

/** What is signed for one attempt. */
export interface SignedContent {
  /** The event's id, the same for every attempt and endpoint (`webhook-id`). */
  id: string;
  /** The attempt's time in whole seconds since the epoch (`webhook-timestamp`). */
  timestamp: number;
  /** The exact body sent. */
  body: string;
}

/**
 * The `webhook-signature` header value for a delivery: `v1,` and the base64 HMAC-SHA256.
 *
 * @example
 * const signature = await signatureHeader(endpoint.secret, { id: event.id, timestamp: 1674087231, body });
 * // "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="
 */
export async function signatureHeader(secret: string, content: SignedContent): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    fromBase64(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signed = new TextEncoder().encode(`${content.id}.${content.timestamp}.${content.body}`);
  const mac = await crypto.subtle.sign("HMAC", key, signed);
  return `v1,${base64(new Uint8Array(mac))}`;
}
