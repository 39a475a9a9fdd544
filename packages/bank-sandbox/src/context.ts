/**
 * What every route shares: terminals, the ledger, the clock, the Retour sender, scripted faults and the
 * bank's limits.
 * @module
 */
import type { Clock } from "./clock.ts";
import type { FaultQueue } from "./faults.ts";
import type { Ledger } from "./ledger.ts";
import type { RetourSender } from "./retour-sender.ts";
import type { SandboxTerminal } from "./terminals.ts";

/** The bank's limits (PROTOCOL.md §9.5). */
export interface Limits {
  /** Card attempts per reference (4). */
  readonly maxAttempts: number;
  /** Minutes the buyer has on the card page (45). */
  readonly sessionMinutes: number;
  /** Hours after which a form's `date` is too old (12). */
  readonly formMaxAgeHours: number;
  /** Hours of tolerance on capture and recredit `date` (24). */
  readonly operationToleranceHours: number;
}

/** The shared state of one sandbox. */
export interface SandboxContext {
  readonly terminals: ReadonlyMap<string, SandboxTerminal>;
  readonly ledger: Ledger;
  readonly clock: Clock;
  readonly sender: RetourSender;
  readonly faults: FaultQueue;
  readonly limits: Limits;
  /** A new authorisation number (6 digits). */
  authorisationNumber(): string;
  /** Called after every change (saves the state file when configured). */
  changed(): void;
}
