/**
 * The bank of the worker's tests: the real bank sandbox (`@sceau/bank-sandbox`), in-process in workerd. The
 * worker calls its capture and recredit services, its Retour calls go to the worker's app, and both run on
 * the same clock. In front of its services, a thin layer plays what only a network does — a timeout, a
 * page that is no answer, an HTTP 500 — since the sandbox, like the bank, always answers in its own words.
 *
 * One table of terminals configures both sides: each terminal's sandbox settings, and the worker's wrangler
 * vars derived from them (the same settings, named the wrangler way), so that worker and bank are told the
 * same thing.
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createSandbox, type Sandbox, type TerminalSettings } from "@sceau/bank-sandbox";
import type { Hono } from "hono";
import { createApp } from "../src/app.ts";
import type { AppEnv, Env } from "../src/env.ts";
import worker from "../src/index.ts";

/** The documentation's example key (dev only), the key of every sandbox terminal and of `.dev.vars`. */
export const KEY = "0123456789ABCDEF0123456789ABCDEF01234567";

const RETOUR = "http://127.0.0.1:8787/api/retour";
const base = { key: KEY, societe: "boutiqueducd", retourUrl: RETOUR } as const;

/**
 * The terminals of the tests, by name: the sandbox's six shipped terminals (same TPE, same settings) and
 * variants for the settings each mode has.
 */
export const TERMINALS = {
  immediate: { ...base, tpe: "7654321", format: "v4", mode: "immediate" },
  v3: { ...base, tpe: "7654322", format: "v3", mode: "immediate" },
  split: { ...base, tpe: "7654323", format: "v4", mode: "split", splitCount: 3 },
  deferred: { ...base, tpe: "7654324", format: "v4", mode: "deferred", deferredDays: 7 },
  partial: { ...base, tpe: "7654325", format: "v4", mode: "partial", partialDays: 30 },
  recurring: {
    ...base,
    tpe: "7654326",
    format: "v4",
    mode: "recurring",
    recurringCapture: "renewal-day",
  },
  deferredAutoCapture: {
    ...base,
    tpe: "7654327",
    format: "v3",
    mode: "deferred",
    deferredDays: 2,
    deferredExpiry: "capture",
  },
  splitCarryOver: {
    ...base,
    tpe: "7654328",
    format: "v4",
    mode: "split",
    splitCount: 4,
    splitOnRefusal: "carry-over",
  },
  splitFixedDay: {
    ...base,
    tpe: "7654329",
    format: "v4",
    mode: "split",
    splitDayRule: "fixed",
    splitPercentages: [30, 70],
    deferredDays: 1,
    deferredExpiry: "capture",
  },
  recurringPeriodEnd: {
    ...base,
    tpe: "7654330",
    format: "v4",
    mode: "recurring",
    recurringDay: 5,
    recurringPeriodMonths: 3,
    recurringMaxRenewals: 2,
    recurringCapture: "period-end",
  },
  recurringManual: {
    ...base,
    tpe: "7654331",
    format: "v3",
    mode: "recurring",
    recurringCapture: "manual",
  },
  partialShort: { ...base, tpe: "7654332", format: "v4", mode: "partial", partialDays: 8 },
} as const satisfies Record<string, TerminalSettings>;

export type TerminalName = keyof typeof TERMINALS;

/** `deferredDays` → `DEFERRED_DAYS`. */
function varName(setting: string): string {
  return setting.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

const NOT_VARS = new Set(["key", "societe", "retourUrl", "tpe", "format", "mode"]);

/** The worker's wrangler vars for a terminal: TPE, MAC format, mode and every setting it has. */
export function varsOf(terminal: TerminalSettings): Partial<Env> {
  const vars: Record<string, string> = {
    TPE: terminal.tpe,
    MAC_FORMAT: terminal.format,
    PAYMENT_MODE: terminal.mode ?? "immediate",
  };
  for (const [setting, value] of Object.entries(terminal)) {
    if (NOT_VARS.has(setting)) continue;
    vars[varName(setting)] = Array.isArray(value) ? value.join(",") : String(value);
  }
  return vars as Partial<Env>;
}

/** A network fault in front of the bank's services (the bank itself answers in its own words). */
export type NetworkFault = "timeout" | "timeout-after-done" | "garbage" | "http-500";

/** A bank and a worker wired to each other. */
export interface World {
  readonly sandbox: Sandbox;
  readonly app: Hono<AppEnv>;
  /** Every request the worker sent the bank's services (decoded fields), in order. */
  readonly requests: { url: string; fields: Record<string, string> }[];
  /** Network faults for the next calls to the bank's services, in order. */
  readonly faults: NetworkFault[];
  /** While set, calls to the bank's services wait for it (a bank that takes its time). */
  gate: Promise<void> | undefined;
  /** The worker's vars for the terminal a TPE belongs to. */
  varsFor(tpe: string): Partial<Env>;
  /** Runs the worker's scheduled job (its Cron Trigger's handler) at the sandbox's time, as a terminal. */
  scheduled(vars: Partial<Env>): Promise<void>;
  /**
   * Moves the sandbox's clock (the bank runs what falls due, its Retour calls reach the worker), then runs
   * the worker's scheduled job at the new time.
   */
  advance(vars: Partial<Env>, ms: number): Promise<void>;
}

/** The text of a form body (without the runtime's warning about reading a form as text). */
async function formText(request: Request): Promise<string> {
  return new TextDecoder().decode(await request.clone().arrayBuffer());
}

/**
 * Creates a sandbox with the test terminals and a worker app that calls it; the Retour calls reach the
 * app with the vars of the notification's terminal. `now` (ms) is the sandbox's time source, and the
 * worker's clock follows the sandbox's clock (moved by `advance`). With `cron`, the worker's scheduled job
 * runs before each Retour call, as a Cron Trigger every few minutes would have.
 */
export async function createWorld(
  options: { now?: () => number; cron?: boolean } = {},
): Promise<World> {
  const byTpe = new Map<string, Partial<Env>>(
    Object.values(TERMINALS).map((t) => [t.tpe, varsOf(t)]),
  );
  const varsFor = (tpe: string) => byTpe.get(tpe) ?? {};
  const requests: World["requests"] = [];
  const faults: NetworkFault[] = [];
  const world = { gate: undefined } as { gate: Promise<void> | undefined };
  let app: Hono<AppEnv> | undefined;
  const sandbox = await createSandbox({
    terminals: Object.values(TERMINALS),
    retryDelayMs: 0,
    retourTimeoutMs: 10_000,
    ...(options.now && { now: options.now }),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const tpe = new URLSearchParams(await formText(request)).get("TPE") ?? "";
      if (options.cron) await scheduled(varsFor(tpe));
      return (app as Hono<AppEnv>).fetch(request, { ...env, ...varsFor(tpe) });
    },
  });
  const scheduled = async (vars: Partial<Env>) => {
    const controller = createScheduledController({ scheduledTime: sandbox.clock.now() });
    await worker.scheduled(controller, { ...env, ...vars } as Env);
  };
  app = createApp({
    now: () => sandbox.clock.now(),
    bankFetch: async (request) => {
      const text = await formText(request);
      requests.push({ url: request.url, fields: Object.fromEntries(new URLSearchParams(text)) });
      await world.gate;
      const fault = faults.shift();
      if (fault === "timeout") throw new DOMException("The operation timed out.", "TimeoutError");
      if (fault === "garbage") return new Response("<html><body>Maintenance</body></html>");
      if (fault === "http-500") return new Response("Internal Server Error", { status: 500 });
      const answer = await sandbox.app.fetch(request);
      if (fault === "timeout-after-done") {
        // The bank did it; its answer never arrived.
        throw new DOMException("The operation timed out.", "TimeoutError");
      }
      return answer;
    },
  });
  const advance = async (vars: Partial<Env>, ms: number) => {
    await sandbox.advance(ms);
    await scheduled(vars);
  };
  return Object.assign(world, { sandbox, app, requests, faults, varsFor, scheduled, advance });
}
