// Types of reference-seal.mjs (tests only).

/** A message the bank or the merchant seals. */
export type ReferenceKind = "payment" | "notification" | "capture" | "recredit";

/** HMAC-SHA-1 of `data` under a merchant key of 40 hex digits → 40 lower-case hex digits. */
export function referenceHmac(key: string, data: string, encoding?: "utf-8" | "latin1"): string;

/** HMAC-SHA-1 of raw bytes → 40 lower-case hex digits. */
export function referenceHmacBytes(key: Uint8Array, message: Uint8Array): string;

/** The string the bank seals for a message, from the fields as posted. */
export function referenceMacString(
  kind: ReferenceKind,
  format: "v3" | "v4",
  fields: Record<string, string>,
  options?: { tpe?: string },
): string;

/** The MAC of a message, as the bank or the merchant must compute it. */
export function referenceMac(
  key: string,
  kind: ReferenceKind,
  format: "v3" | "v4",
  fields: Record<string, string>,
  options?: { tpe?: string; encoding?: "utf-8" | "latin1" },
): string;
