/**
 * The payment form's sealed string and MAC rebuilt from PROTOCOL.md, independently of the library: tests
 * check what the worker sealed against these, not against what the library says it sealed.
 */
import { KEY } from "./helpers.ts";

/** PROTOCOL.md §3.3: the 19 positional fields of the v3 payment string. */
export const V3_PAYMENT = [
  "TPE",
  "date",
  "montant",
  "reference",
  "texte-libre",
  "version",
  "lgue",
  "societe",
  "mail",
  "nbrech",
  "dateech1",
  "montantech1",
  "dateech2",
  "montantech2",
  "dateech3",
  "montantech3",
  "dateech4",
  "montantech4",
  "options",
];

/** The payment string as the bank builds it (PROTOCOL.md §3.3 for v3, §7.1 for v4). */
export function paymentString(fields: Record<string, string>, format: "v3" | "v4"): string {
  if (format === "v3") return V3_PAYMENT.map((name) => fields[name] ?? "").join("*");
  return Object.keys(fields)
    .filter((name) => name !== "MAC")
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join("*");
}

/** HMAC-SHA-1 under the documentation key (whose usable form is itself, PROTOCOL.md §2.2), lower-case hex. */
export async function hmacHex(data: string): Promise<string> {
  const bytes = Uint8Array.from(KEY.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  const key = await crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-1" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** True when a form's MAC is the documentation key's HMAC of its sealed string. */
export async function sealMatches(fields: Record<string, string>, format: "v3" | "v4") {
  return (await hmacHex(paymentString(fields, format))) === fields.MAC;
}
