/**
 * What each state change sends: the event types and their data, the order as the change's transaction left
 * it (an operation's ledger, a split payment's schedule), and the list of types against the database's own.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  app,
  bank,
  checkout,
  env,
  notification,
  SPLIT,
} from "../../test/helpers.ts";
import {
  createEndpoint,
  deleteEndpoints,
  drain,
  envWith,
  type Received,
  receiver,
  recordingQueue,
} from "../../test/webhooks.ts";
import type { Env } from "../env.ts";
import { EVENT_TYPES } from "./events.ts";

const HOOK = "https://merchant.example/hooks/all";
const DEFERRED = { PAYMENT_MODE: "deferred", TPE: "7654324" };

let hooks: ReturnType<typeof receiver>;
let e: Env;
let queue: ReturnType<typeof recordingQueue>;
const mailer = { send: async () => {} };

beforeEach(async () => {
  bank.reset();
  await deleteEndpoints();
  hooks = receiver();
  queue = recordingQueue();
  e = envWith(queue);
  await createEndpoint(hooks, HOOK);
});

/** Calls the app with the recording queue and an execution context, then delivers what it queued. */
async function send(
  path: string,
  init: RequestInit,
  overrides: Partial<Env> = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.request(
    `http://127.0.0.1:8787${path}`,
    init,
    { ...e, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  await drain({ ...e, ...overrides }, queue, { fetch: hooks.fetch, mailer });
  return response;
}

const retour = (body: string, overrides: Partial<Env> = {}) =>
  send(
    "/api/retour",
    { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body },
    overrides,
  );

const operation = (reference: string, kind: string, overrides: Partial<Env>) =>
  send(
    `/api/admin/orders/${reference}/${kind}`,
    { method: "POST", headers: { ...ADMIN, "Content-Type": "application/json" }, body: "{}" },
    overrides,
  );

function eventsOf(reference: string): Received["event"][] {
  return hooks.received
    .map((r) => r.event)
    .filter(
      (event) => (event.data.order as { reference?: string } | undefined)?.reference === reference,
    );
}

describe("merchant operations", () => {
  it("operation.succeeded shows the order as the capture left it (captured, ledger)", async () => {
    const { order } = await checkout({}, DEFERRED);
    await retour(await accepted(order.reference, order.total, { TPE: "7654324" }), DEFERRED);
    const paid = eventsOf(order.reference)[0];
    expect(paid?.data.order).toMatchObject({
      status: "paid",
      ledger: { captured: 0, authorisedRemaining: 2998 },
    });
    expect((await operation(order.reference, "capture", DEFERRED)).status).toBe(200);
    const captured = eventsOf(order.reference)[1];
    expect(captured?.type).toBe("operation.succeeded");
    expect(captured?.data.order).toMatchObject({
      status: "captured",
      ledger: { captured: 2998, authorisedRemaining: 0 },
    });
    expect(captured?.data.operation).toMatchObject({ kind: "capture", amount: 2998, ok: true });
  });

  it("operation.failed carries what went wrong, the order unchanged", async () => {
    const { order } = await checkout({}, DEFERRED);
    await retour(await accepted(order.reference, order.total, { TPE: "7654324" }), DEFERRED);
    bank.answer = () => new Response("down", { status: 500 });
    expect((await operation(order.reference, "capture", DEFERRED)).status).toBe(502);
    const failed = eventsOf(order.reference)[1];
    expect(failed?.type).toBe("operation.failed");
    expect(failed?.data.operation).toMatchObject({ kind: "capture", ok: false, error: "HTTP 500" });
    expect(failed?.data.order).toMatchObject({ status: "paid", ledger: { captured: 0 } });
  });
});

describe("notifications", () => {
  it("order.anomaly carries the reason, the order marked anomaly and never paid", async () => {
    const { order } = await checkout();
    await retour(await accepted(order.reference, order.total + 1));
    const [anomaly] = eventsOf(order.reference);
    expect(anomaly?.type).toBe("order.anomaly");
    expect(anomaly?.data.reason).toBe("amount-mismatch: 2999 instead of 2998");
    expect(anomaly?.data.order).toMatchObject({ status: "anomaly", paidAt: null });
  });

  it("split payments: order.paid with instalment 1 collected, then instalment.collected and .refused", async () => {
    const { order } = await checkout(
      { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }], instalments: 3 },
      SPLIT,
    );
    await retour(await accepted(order.reference, order.total, { TPE: "7654323" }), SPLIT);
    const [paid] = eventsOf(order.reference);
    const snapshot = paid?.data.order as
      | { schedule: { amount: number; status: string }[] }
      | undefined;
    const schedule = snapshot?.schedule ?? [];
    expect(schedule.map((i) => i.status)).toEqual(["collected", "scheduled", "scheduled"]);
    const instalment = (code: string, n: number) =>
      notification(
        {
          reference: order.reference,
          montant: "179.90EUR",
          "code-retour": code,
          montantech: `${((schedule[n - 1]?.amount ?? 0) / 100).toFixed(2)}EUR`,
        },
        { tpe: "7654323" },
      );
    await retour(await instalment("paiement_pf2", 2), SPLIT);
    await retour(await instalment("Annulation_pf3", 3), SPLIT);
    await retour(await instalment("paiement_pf2", 2), SPLIT);
    const events = eventsOf(order.reference);
    expect(events.map((event) => event.type)).toEqual([
      "order.paid",
      "instalment.collected",
      "instalment.refused",
    ]);
    expect(events[1]?.data.instalment).toMatchObject({ number: 2, status: "collected" });
    expect(events[2]?.data.instalment).toMatchObject({ number: 3, status: "refused" });
  });
});

describe("event types", () => {
  it("every type the database maps an order change to is a documented type, and the reverse", async () => {
    const { results } = await env.DB.prepare("SELECT DISTINCT type FROM webhook_event_kinds").all<{
      type: string;
    }>();
    const mapped = results.map((r) => r.type).sort();
    const documented = EVENT_TYPES.filter((t) => t !== "notification.orphan").sort();
    expect(mapped).toEqual(documented);
  });
});
