/**
 * Scripted answers for the capture and recredit services, so the answers that depend on the bank's own
 * state (`probleme technique`, `autre traitement en cours`, `-41`, `-44`, `-1 recredit refuse`) can be tested.
 * @module
 */

/** One scripted answer. */
export interface Fault {
  readonly service: "capture" | "recredit";
  readonly cdr: number;
  readonly lib: string;
  /** How many requests get it (default 1). */
  remaining: number;
}

/** A scripted answer as the services send it. */
export interface ScriptedAnswer {
  readonly cdr: number;
  readonly lib: string;
}

/** A deliberately broken Retour, to exercise the merchant's error paths. */
export type RetourFault = "bad-seal" | "duplicate";

/** A queue of scripted answers. */
export class FaultQueue {
  readonly faults: Fault[] = [];
  readonly retour: { kind: RetourFault; remaining: number }[] = [];

  /** Breaks the next `count` notifications: a wrong MAC, or the same call sent twice. */
  addRetour(kind: RetourFault, count: number): void {
    this.retour.push({ kind, remaining: count });
  }

  /** Takes the next Retour fault, if any. */
  takeRetour(): RetourFault | undefined {
    const fault = this.retour[0];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.retour.shift();
    return fault.kind;
  }

  /** Adds a scripted answer. */
  add(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Takes the next scripted answer for a service, if any. */
  take(service: Fault["service"]): ScriptedAnswer | undefined {
    const fault = this.faults.find((f) => f.service === service && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return { cdr: fault.cdr, lib: fault.lib };
  }

  /** Forgets every scripted answer. */
  clear(): void {
    this.faults.length = 0;
    this.retour.length = 0;
  }
}
