/**
 * Checks shared by the capture and recredit services: the terminal, the seal, dates and amounts.
 * @module
 */
import {
  type Fields,
  LANGUAGES,
  type MacFormat,
  type Money,
  parseAmount,
  parseBankDateTime,
  verifySeal,
} from "@sceau/protocol";
import type { SandboxContext } from "../context.ts";
import type { SandboxTerminal } from "../terminals.ts";

/** The terminal of a request when TPE, societe and lgue match one. */
export function identify(ctx: SandboxContext, fields: Fields): SandboxTerminal | undefined {
  const terminal = fields.TPE ? ctx.terminals.get(fields.TPE) : undefined;
  if (!terminal || fields.societe !== terminal.societe) return undefined;
  if (!LANGUAGES[terminal.format].includes(fields.lgue ?? "")) return undefined;
  return terminal;
}

/** True when the request's MAC matches the string built by `macData` in the terminal's format. */
export function sealValid(
  terminal: SandboxTerminal,
  fields: Fields,
  macData: (fields: Fields, format: MacFormat) => string,
): Promise<boolean> {
  return verifySeal(terminal.sealKey, macData(fields, terminal.format), fields.MAC ?? "");
}

/** A request `date` (`dd/mm/yyyy:HH:MM:SS`), or undefined when malformed. */
export function requestDate(text: string | undefined): Date | undefined {
  if (!text || !/^\d{2}\/\d{2}\/\d{4}:\d{2}:\d{2}:\d{2}$/.test(text)) return undefined;
  try {
    return parseBankDateTime(text);
  } catch {
    return undefined;
  }
}

/** True when `dd/mm/yyyy` is well formed. */
export function isDay(text: string | undefined): boolean {
  return !!text && /^\d{2}\/\d{2}\/\d{4}$/.test(text);
}

/** An amount with the bank's reading rule, or undefined when unreadable. */
export function amount(text: string | undefined): Money | undefined {
  if (!text) return undefined;
  try {
    return parseAmount(text);
  } catch {
    return undefined;
  }
}

/** True when `date` is within the tolerance of the sandbox clock. */
export function withinTolerance(ctx: SandboxContext, date: Date): boolean {
  const tolerance = ctx.limits.operationToleranceHours * 3_600_000;
  return Math.abs(ctx.clock.now().getTime() - date.getTime()) <= tolerance;
}

/** The `dd/mm/yyyy` day of an ISO instant, Paris time. */
export function parisDay(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(new Date(iso));
}
