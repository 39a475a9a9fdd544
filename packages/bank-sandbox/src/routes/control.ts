/**
 * The sandbox's own endpoints under `/_sandbox/`: inspection (terminals, test cards, transactions,
 * notifications with their receipts, outbox), the clock, scripted faults, replay and reset. JSON only.
 * @module
 */
import { Hono } from "hono";
import { daysToMs } from "../clock.ts";
import type { SandboxContext } from "../context.ts";
import { SandboxError } from "../errors.ts";
import { FAVICON, STYLESHEET } from "../pages/layout.ts";
import { describeTerminal } from "../terminals.ts";
import { TEST_CARDS } from "../test-cards.ts";
import { advanceTo } from "../timeline.ts";

function numberOr(value: unknown, name: string): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new SandboxError("ERR_CONTROL_INVALID", `${name} must be a non-negative number.`, {
      field: name,
    });
  }
  return value;
}

async function body(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new SandboxError("ERR_CONTROL_INVALID", "Send a JSON object.");
}

/**
 * The control and inspection endpoints as a Hono app, to mount under `/_sandbox`.
 *
 * @example
 * app.route("/_sandbox", createControlRoutes(ctx, { idle, reset }));
 */
export function createControlRoutes(
  ctx: SandboxContext,
  hooks: { idle: () => Promise<void>; reset: () => void },
): Hono {
  const app = new Hono();
  app.get(
    "/assets/sandbox.css",
    () =>
      new Response(STYLESHEET, {
        headers: { "content-type": "text/css; charset=utf-8", "cache-control": "max-age=300" },
      }),
  );

  app.get(
    "/assets/favicon.svg",
    () =>
      new Response(FAVICON, {
        headers: { "content-type": "image/svg+xml", "cache-control": "max-age=86400" },
      }),
  );

  app.get("/terminals", (c) => c.json([...ctx.terminals.values()].map(describeTerminal)));
  app.get("/cards", (c) => c.json(TEST_CARDS));

  app.get("/transactions", (c) => {
    const tpe = c.req.query("tpe");
    const reference = c.req.query("reference");
    const list = [...ctx.ledger.transactions.values()].filter(
      (t) => (!tpe || t.tpe === tpe) && (!reference || t.reference === reference),
    );
    return c.json(list);
  });

  app.get("/transactions/:tpe/:reference", (c) => {
    const tx = ctx.ledger.find(c.req.param("tpe"), c.req.param("reference"));
    if (!tx) throw new SandboxError("ERR_NOT_FOUND", "No such transaction.");
    return c.json(tx);
  });

  app.get("/notifications", (c) => {
    const reference = c.req.query("reference");
    const tpe = c.req.query("tpe");
    return c.json(
      ctx.ledger.notifications.filter(
        (n) => (!reference || n.reference === reference) && (!tpe || n.tpe === tpe),
      ),
    );
  });

  app.post("/notifications/:id/replay", async (c) => {
    const record = ctx.ledger.notifications.find((n) => n.id === c.req.param("id"));
    const terminal = record && ctx.terminals.get(record.tpe);
    if (!record || !terminal) throw new SandboxError("ERR_NOT_FOUND", "No such notification.");
    const attempt = await ctx.sender.replay(terminal, record);
    ctx.changed();
    return c.json(attempt);
  });

  app.get("/outbox", (c) => c.json(ctx.ledger.outbox));

  app.get("/clock", (c) =>
    c.json({ now: ctx.clock.now().toISOString(), offsetMs: ctx.clock.offsetMs }),
  );

  app.post("/clock", async (c) => {
    const input = await body(c.req.raw);
    let target: Date;
    if (input.to !== undefined) {
      target = new Date(String(input.to));
      if (Number.isNaN(target.getTime())) {
        throw new SandboxError("ERR_CONTROL_INVALID", "to must be an ISO date-time.", {
          field: "to",
        });
      }
    } else {
      const ms =
        daysToMs(numberOr(input.advanceDays, "advanceDays")) +
        numberOr(input.advanceHours, "advanceHours") * 3_600_000 +
        numberOr(input.advanceMinutes, "advanceMinutes") * 60_000 +
        numberOr(input.advanceSeconds, "advanceSeconds") * 1000;
      target = new Date(ctx.clock.now().getTime() + ms);
    }
    const events = await advanceTo(ctx, target);
    if (input.wait === true) await hooks.idle();
    return c.json({ now: ctx.clock.now().toISOString(), offsetMs: ctx.clock.offsetMs, events });
  });

  app.post("/faults", async (c) => {
    const input = await body(c.req.raw);
    const service = input.service;
    const count =
      input.count === undefined ? 1 : Math.max(1, Math.floor(numberOr(input.count, "count")));
    if (service === "retour") {
      if (input.kind !== "bad-seal" && input.kind !== "duplicate") {
        throw new SandboxError("ERR_CONTROL_INVALID", 'kind must be "bad-seal" or "duplicate".', {
          field: "kind",
        });
      }
      ctx.faults.addRetour(input.kind, count);
      return c.json({ faults: ctx.faults.faults, retour: ctx.faults.retour }, 201);
    }
    if (service !== "capture" && service !== "recredit") {
      throw new SandboxError(
        "ERR_CONTROL_INVALID",
        'service must be "capture", "recredit" or "retour".',
        { field: "service" },
      );
    }
    if (typeof input.cdr !== "number" || typeof input.lib !== "string") {
      throw new SandboxError("ERR_CONTROL_INVALID", "cdr (number) and lib (text) are required.");
    }
    ctx.faults.add({ service, cdr: input.cdr, lib: input.lib, remaining: count });
    return c.json({ faults: ctx.faults.faults, retour: ctx.faults.retour }, 201);
  });

  app.post("/idle", async (c) => {
    await hooks.idle();
    return c.json({ idle: true });
  });

  app.post("/reset", (c) => {
    hooks.reset();
    return c.json({ reset: true, now: ctx.clock.now().toISOString() });
  });
  return app;
}
