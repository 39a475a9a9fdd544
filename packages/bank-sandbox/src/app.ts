/**
 * The sandbox app: a Hono app that plays the bank (payment page, Retour calls, capture and recredit
 * services, payment modes over a movable clock), runtime-agnostic — the merchant calls go through an
 * injectable `fetch`.
 * @module
 */
import { Hono } from "hono";
import { type Clock, createClock } from "./clock.ts";
import type { Limits, SandboxContext } from "./context.ts";
import { SandboxError } from "./errors.ts";
import { FaultQueue } from "./faults.ts";
import { html } from "./html.ts";
import { Ledger, type LedgerSnapshot } from "./ledger.ts";
import { faviconResponse, layout } from "./pages/layout.ts";
import { htmlResponse } from "./respond.ts";
import { createRetourSender } from "./retour-sender.ts";
import { createCaptureRoutes } from "./routes/capture.ts";
import { type ClientIp, createCardRoutes } from "./routes/card/index.ts";
import { createControlRoutes } from "./routes/control.ts";
import { createPaymentRoutes } from "./routes/paiement.ts";
import { createRecreditRoutes } from "./routes/recredit.ts";
import { DEFAULT_TERMINALS, loadTerminals, type SandboxTerminal } from "./terminals.ts";
import { advanceTo, type TimelineEvent } from "./timeline.ts";

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Terminals: an array of settings or `{ terminals: [...] }` (default {@link DEFAULT_TERMINALS}). */
  terminals?: unknown;
  /** The HTTP client for Retour calls (default the global `fetch`). */
  fetch?: typeof fetch;
  /** The clock's time source in ms (default `Date.now`). */
  now?: () => number;
  /** How long a merchant has to answer a Retour, ms (default 30 000, as the bank). */
  retourTimeoutMs?: number;
  /** Real-time delay before a Retour's second attempt, ms (default 10 000). */
  retryDelayMs?: number;
  /** The bank's limits (attempts, card-page minutes, form age, operation tolerance). */
  limits?: Partial<Limits>;
  /** Reads the buyer's IP when no proxy header gives it. */
  clientIp?: ClientIp;
  /** A state saved earlier (see `onChange`). */
  state?: LedgerSnapshot;
  /** Called after each change with the state to save. */
  onChange?: (snapshot: LedgerSnapshot) => void;
}

/** A running sandbox. */
export interface Sandbox {
  /** The Hono app (`app.fetch`, `app.request`). */
  readonly app: Hono;
  readonly ledger: Ledger;
  readonly clock: Clock;
  readonly terminals: ReadonlyMap<string, SandboxTerminal>;
  /** Resolves when every background Retour attempt has finished. */
  idle(): Promise<void>;
  /** Moves the clock ahead, running every due event (renewals, instalments, deadlines). */
  advance(ms: number): Promise<TimelineEvent[]>;
  /** Runs the events already due at the current time (call it periodically when serving). */
  tick(): Promise<TimelineEvent[]>;
  /** Forgets every transaction, notification and fault, and puts the clock back. */
  reset(): void;
}

const DEFAULT_LIMITS: Limits = {
  maxAttempts: 4,
  sessionMinutes: 45,
  formMaxAgeHours: 12,
  operationToleranceHours: 24,
};

function clientIpFromHeaders(request: Request): string | undefined {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || undefined;
}

/**
 * Creates a sandbox.
 *
 * @throws {SandboxError} `ERR_CONFIG_INVALID` for a bad terminal configuration.
 * @example
 * const sandbox = await createSandbox({ retryDelayMs: 0 });
 * const res = await sandbox.app.request("/test/paiement.cgi", { method: "POST", body });
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const terminals = await loadTerminals(options.terminals ?? DEFAULT_TERMINALS);
  const ledger = new Ledger();
  if (options.state) ledger.restore(options.state);
  const clock = createClock(options.now);
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  const faults = new FaultQueue();
  const sender = createRetourSender({
    ledger,
    clock,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.retourTimeoutMs ?? 30_000,
    retryDelayMs: options.retryDelayMs ?? 10_000,
    track,
    takeFault: () => faults.takeRetour(),
  });
  const ctx: SandboxContext = {
    terminals,
    ledger,
    clock,
    sender,
    faults,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    authorisationNumber() {
      const n = Number(ledger.nextId(""));
      return String(100000 + ((n * 7919) % 900000));
    },
    changed() {
      options.onChange?.(ledger.snapshot());
    },
  };

  async function idle(): Promise<void> {
    while (pending.size) await Promise.allSettled([...pending]);
  }
  function reset(): void {
    ledger.clear();
    faults.clear();
    clock.reset();
    ctx.changed();
  }

  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof SandboxError) {
      return c.json(
        {
          error: {
            code: error.code,
            message: error.message,
            ...(error.field && { field: error.field }),
          },
        },
        error.status as 400,
      );
    }
    console.error("[bank-sandbox]", error);
    return c.json({ error: { code: "ERR_INTERNAL", message: "Internal error." } }, 500);
  });
  app.notFound((c) =>
    c.json(
      { error: { code: "ERR_NOT_FOUND", message: `No route ${c.req.method} ${c.req.path}.` } },
      404,
    ),
  );

  app.get("/", () => htmlResponse(homePage(terminals)));
  app.get("/favicon.ico", () => faviconResponse());
  const clientIp: ClientIp = (c) => clientIpFromHeaders(c.req.raw) ?? options.clientIp?.(c);
  // The bank's test server under /test, its production paths under /.
  for (const prefix of ["/test", ""] as const) {
    const mount = prefix || "/";
    app.route(mount, createPaymentRoutes(ctx, prefix));
    app.route(mount, createCardRoutes(ctx, clientIp));
    app.route(mount, createCaptureRoutes(ctx));
    app.route(mount, createRecreditRoutes(ctx));
  }
  app.route("/_sandbox", createControlRoutes(ctx, { idle, reset }));

  return {
    app,
    ledger,
    clock,
    terminals,
    idle,
    reset,
    advance: (ms) => advanceTo(ctx, new Date(clock.now().getTime() + ms)),
    tick: () => advanceTo(ctx, clock.now()),
  };
}

function homePage(terminals: ReadonlyMap<string, SandboxTerminal>): string {
  const body = html`<section>
<h1>sceau bank sandbox</h1>
<p>A local stand-in for the CM-CIC p@iement / Monetico payment server. Point your terminal's base URL at
<code>/test/</code> (or <code>/</code> for the production paths).</p>
<h2>Terminals</h2>
<ul>${[...terminals.values()].map(
    (t) =>
      html`<li><code>${t.tpe}</code> ${t.name} — ${t.format}, ${t.mode}, Retour <code>${t.retourUrl}</code></li>`,
  )}</ul>
<h2>Inspection</h2>
<ul>
<li><a href="/_sandbox/transactions">/_sandbox/transactions</a></li>
<li><a href="/_sandbox/notifications">/_sandbox/notifications</a></li>
<li><a href="/_sandbox/outbox">/_sandbox/outbox</a></li>
<li><a href="/_sandbox/clock">/_sandbox/clock</a></li>
<li><a href="/_sandbox/cards">/_sandbox/cards</a></li>
<li><a href="/_sandbox/terminals">/_sandbox/terminals</a></li>
</ul>
</section>`;
  return layout({ lang: "en", title: "sceau bank sandbox", body });
}
