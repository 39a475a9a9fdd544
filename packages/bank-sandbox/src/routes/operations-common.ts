/**
 * What the capture and recredit services share: reading the request and recording the answer, and the
 * checks of the terminal, the seal, dates and amounts.
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
import type { Transaction } from "../ledger.ts";
import { bankAnswer, readForm } from "../respond.ts";
import type { SandboxTerminal } from "../terminals.ts";

/** One capture or recredit request: its fields, and the transaction it concerns once one is found. */
export interface Operation {
  readonly fields: Record<string, string>;
  /** Set once the request names a known order: the answers from then on are recorded on it. */
  tx: Transaction | undefined;
  /** Answers `version`, `reference`, `cdr`, `lib` (and `aut`, `phonie` when given), recording it on `tx`. */
  reply(
    cdr: number,
    lib: string,
    extra?: { aut?: string | undefined; phonie?: string | undefined },
  ): Response;
}

/** Reads a capture or recredit request (an unreadable body is an empty form). */
export async function readOperation(
  ctx: SandboxContext,
  service: "capture" | "recredit",
  request: Request,
): Promise<Operation> {
  const fields = await readForm(request).catch(() => ({}) as Record<string, string>);
  const operation: Operation = {
    fields,
    tx: undefined,
    reply(cdr, lib, extra = {}) {
      operation.tx?.operations.push({
        at: ctx.clock.now().toISOString(),
        service,
        fields,
        answer: `cdr=${cdr} lib=${lib}`,
      });
      ctx.changed();
      const reference = fields.reference ?? "";
      return bankAnswer({ version: "1.0", reference, cdr: String(cdr), lib, ...extra });
    },
  };
  return operation;
}

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
