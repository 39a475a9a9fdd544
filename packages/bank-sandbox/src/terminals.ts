/**
 * Terminal (TPE) configuration: what the bank knows about each merchant terminal — key, site code, MAC
 * format, Retour URL, payment mode and options (one mode per terminal, as the bank does).
 * @module
 */
import {
  importKey,
  type MacFormat,
  type SealKey,
  SOCIETE_PATTERN,
  TPE_PATTERN,
  usableKeyHex,
} from "@sceau/protocol";
import { SandboxError } from "./errors.ts";

/** The payment modes a terminal can be contracted for. */
export type PaymentMode = "immediate" | "deferred" | "partial" | "recurring" | "split";

const MODES: readonly PaymentMode[] = ["immediate", "deferred", "partial", "recurring", "split"];

/** A terminal as written in the JSON configuration. */
export interface TerminalSettings {
  /** The 7-character TPE number. */
  tpe: string;
  /** The 40-character merchant key (dev keys only: the sandbox prints nothing of it). */
  key: string;
  /** The site code (`societe`). */
  societe: string;
  /** MAC format: `v3` (CM-CIC p@iement 3.0) or `v4` (Monetico sorted fields). */
  format: MacFormat;
  /** The Retour (CGI2) URL the bank posts notifications to. */
  retourUrl: string;
  /** Payment mode (default `immediate`). */
  mode?: PaymentMode;
  /** Re-crédit (refund) service allowed (default true). */
  recredit?: boolean;
  /** Express payment (`aliascb`) allowed (default false). */
  express?: boolean;
  /** 3-D Secure enabled (default true). */
  threeDSecure?: boolean;
  /**
   * The "3-D Secure débrayable" option (default false): a v4 form may post `3dsdebrayable=1` to pay without
   * authenticating the cardholder — a phone or mail order, whose card the merchant keys (PROTOCOL.md §7.2).
   */
  threeDSecureBypass?: boolean;
  /** Deferred mode: days the authorisation waits for a capture, 0–7 (default 7). */
  deferredDays?: number;
  /** Deferred mode: what happens when the delay ends without a capture (default `abandon`). */
  deferredExpiry?: "abandon" | "capture";
  /** Partial mode: days during which captures are accepted, 8–120 (default 30). */
  partialDays?: number;
  /** Recurring mode: number of monthly renewals after the first payment; 0 means until stopped (default 0). */
  recurringMonths?: number;
  /** Split mode: number of instalments when the form sends no split fields, 2–4 (default 3). */
  splitCount?: number;
  /** Split mode: extra daily attempts for a refused instalment before `Annulation_pfN` (default 2). */
  splitRetries?: number;
  /** Where the bank's alert e-mails go (recorded in the outbox). */
  alertEmail?: string;
  /** A label for the card page (default `societe`). */
  name?: string;
}

/** A terminal ready to use: every default applied, key imported. */
export interface SandboxTerminal extends Required<Omit<TerminalSettings, "key">> {
  /** The imported seal key. */
  readonly sealKey: SealKey;
}

/** The terminals shipped for local development; the first matches the worker's local configuration. */
export const DEFAULT_TERMINALS: readonly TerminalSettings[] = [
  {
    tpe: "7654321",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v4",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "immediate",
    recredit: true,
    threeDSecureBypass: true,
    name: "La boutique du CD",
  },
  {
    tpe: "7654322",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v3",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "immediate",
    recredit: true,
    name: "La boutique du CD (v3)",
  },
  {
    tpe: "7654323",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v4",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "split",
    recredit: true,
    splitCount: 3,
    name: "La boutique du CD (paiement fractionné)",
  },
  {
    tpe: "7654324",
    key: "0123456789ABCDEF0123456789ABCDEF01234567",
    societe: "boutiqueducd",
    format: "v4",
    retourUrl: "http://127.0.0.1:8787/api/retour",
    mode: "deferred",
    recredit: true,
    deferredDays: 7,
    name: "La boutique du CD (paiement différé)",
  },
];

function fail(message: string): never {
  throw new SandboxError("ERR_CONFIG_INVALID", message);
}

function integer(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function bool(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") fail(`${name} must be true or false.`);
  return value;
}

/**
 * Checks one terminal's settings, applies the defaults and imports its key.
 *
 * @throws {SandboxError} `ERR_CONFIG_INVALID` naming the setting at fault.
 */
export async function prepareTerminal(settings: TerminalSettings): Promise<SandboxTerminal> {
  if (!settings || typeof settings !== "object") fail("A terminal must be an object.");
  const s = settings as Partial<TerminalSettings>;
  const at = `terminal ${JSON.stringify(s.tpe)}`;
  if (typeof s.tpe !== "string" || !TPE_PATTERN.test(s.tpe)) {
    fail(`${at}: tpe must be 7 letters or digits.`);
  }
  if (typeof s.societe !== "string" || !SOCIETE_PATTERN.test(s.societe)) {
    fail(`${at}: societe must be 1 to 20 letters or digits.`);
  }
  if (s.format !== "v3" && s.format !== "v4") fail(`${at}: format must be "v3" or "v4".`);
  if (typeof s.retourUrl !== "string" || !/^https?:\/\/\S+$/.test(s.retourUrl)) {
    fail(`${at}: retourUrl must be an absolute http(s) URL.`);
  }
  const mode = s.mode ?? "immediate";
  if (!MODES.includes(mode)) fail(`${at}: mode must be one of ${MODES.join(", ")}.`);
  if (s.deferredExpiry !== undefined && !["abandon", "capture"].includes(s.deferredExpiry)) {
    fail(`${at}: deferredExpiry must be "abandon" or "capture".`);
  }
  let sealKey: SealKey;
  try {
    usableKeyHex(String(s.key));
    sealKey = await importKey(String(s.key));
  } catch (error) {
    throw new SandboxError(
      "ERR_CONFIG_INVALID",
      `${at}: key must be the 40-character merchant key.`,
      { cause: error },
    );
  }
  return {
    tpe: s.tpe,
    societe: s.societe,
    format: s.format,
    retourUrl: s.retourUrl,
    mode,
    recredit: bool(s.recredit, `${at}: recredit`, true),
    express: bool(s.express, `${at}: express`, false),
    threeDSecure: bool(s.threeDSecure, `${at}: threeDSecure`, true),
    threeDSecureBypass: bool(s.threeDSecureBypass, `${at}: threeDSecureBypass`, false),
    deferredDays: integer(s.deferredDays, `${at}: deferredDays`, 0, 7, 7),
    deferredExpiry: s.deferredExpiry ?? "abandon",
    partialDays: integer(s.partialDays, `${at}: partialDays`, 8, 120, 30),
    recurringMonths: integer(s.recurringMonths, `${at}: recurringMonths`, 0, 120, 0),
    splitCount: integer(s.splitCount, `${at}: splitCount`, 2, 4, 3),
    splitRetries: integer(s.splitRetries, `${at}: splitRetries`, 0, 10, 2),
    alertEmail: s.alertEmail ?? `monitoring@${s.societe}.example`,
    name: s.name ?? s.societe,
    sealKey,
  };
}

/**
 * Reads a terminals document — an array of {@link TerminalSettings} or `{ "terminals": [...] }` — and
 * prepares every terminal, keyed by TPE.
 *
 * @throws {SandboxError} `ERR_CONFIG_INVALID` for a malformed document, a bad setting or a repeated TPE.
 */
export async function loadTerminals(document: unknown): Promise<Map<string, SandboxTerminal>> {
  const list =
    document && typeof document === "object" && !Array.isArray(document)
      ? (document as { terminals?: unknown }).terminals
      : document;
  if (!Array.isArray(list) || list.length === 0) {
    fail('The terminals document must be a non-empty array or { "terminals": [...] }.');
  }
  const terminals = new Map<string, SandboxTerminal>();
  for (const settings of list as TerminalSettings[]) {
    const terminal = await prepareTerminal(settings);
    if (terminals.has(terminal.tpe)) fail(`The TPE ${terminal.tpe} is configured twice.`);
    terminals.set(terminal.tpe, terminal);
  }
  return terminals;
}

/** A terminal's public description (no key), for the inspection endpoint. */
export function describeTerminal(terminal: SandboxTerminal): Omit<SandboxTerminal, "sealKey"> {
  const { sealKey: _unused, ...rest } = terminal;
  return rest;
}
