/**
 * What each state change sends, with orders paid on the real bank sandbox: the event types and their data,
 * the order as the change's transaction left it (its ledger: payments and authorisations), and the list of
 * types against the database's own.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type TerminalName } from "../../test/bank.ts";
import {
  ADMIN,
  accepted,
  CARDS,
  checkout,
  env,
  type LedgerView,
  pay,
  terminal,
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
import { dispatchDue } from "./dispatch.ts";
import { EVENT_TYPES } from "./events.ts";

const HOOK = "https://merchant.example/hooks/all";
/** Saturday 31 January 2026, 10:00 in Paris; the bank and the worker's scheduled job on one clock. */
const START = Date.parse("2026-01-31T09:00:00Z");
const DAY = 86_400_000;
const world = await createWorld({ now: () => START, cron: true });

let hooks: ReturnType<typeof receiver>;
let e: Env;
let queue: ReturnType<typeof recordingQueue>;
const mailer = { send: async () => {} };

beforeEach(async () => {
  world.sandbox.reset();
  world.requests.length = 0;
  world.faults.length = 0;
  await deleteEndpoints();
  hooks = receiver();
  queue = recordingQueue();
  e = envWith(queue);
  await createEndpoint(hooks, HOOK);
});

/** Sends what is due (the bank's Retour calls and the scheduled job leave it to the sweep) and delivers it. */
async function flush(vars: Partial<Env>): Promise<void> {
  await dispatchDue({ ...e, ...vars });
  await drain({ ...e, ...vars }, queue, { fetch: hooks.fetch, mailer });
}

/** Calls the app with the recording queue and an execution context, then delivers what it queued. */
async function send(path: string, init: RequestInit, vars: Partial<Env> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await world.app.request(
    `http://127.0.0.1:8787${path}`,
    init,
    { ...e, ...vars },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  await flush(vars);
  return response;
}

/** An order of `cart` bought on a test terminal, paid on the sandbox's card page; its events delivered. */
async function buy(name: TerminalName, card: string = CARDS.visa, cart?: object) {
  const vars = terminal(name);
  const { order, form } = await checkout(cart ? { items: [cart] } : {}, vars, world);
  expect((await pay(form, card, world)).status).toBe(200);
  await flush(vars);
  return { ...order, vars };
}

type Bought = Awaited<ReturnType<typeof buy>>;

const operation = (order: Bought, kind: string, body: object = {}) =>
  send(
    `/api/admin/orders/${order.reference}/${kind}`,
    {
      method: "POST",
      headers: { ...ADMIN, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    },
    order.vars,
  );

/** Moves the clock by days (the bank runs what falls due, then the scheduled job), and delivers. */
async function days(order: Bought, n: number): Promise<void> {
  await world.advance(order.vars, n * DAY);
  await flush(order.vars);
}

type EventOrder = { status: string; reference: string; paidAt: string | null; ledger: LedgerView };

function eventsOf(reference: string): Received["event"][] {
  return hooks.received
    .map((r) => r.event)
    .filter((event) => (event.data.order as EventOrder | undefined)?.reference === reference);
}

const orderOf = (event: Received["event"] | undefined) => event?.data.order as EventOrder;

describe("merchant operations", () => {
  it("order.paid, then operation.succeeded: each shows the ledger as its transaction left it", async () => {
    const order = await buy("deferred");
    const [paid] = eventsOf(order.reference);
    expect(paid?.type).toBe("order.paid");
    expect(orderOf(paid).status).toBe("paid");
    // The card's authorisation is written after the paid event, in the same batch.
    expect(orderOf(paid).ledger.totals).toMatchObject({
      authorised: 2998,
      captured: 0,
      capturable: 2998,
    });
    expect(orderOf(paid).ledger.payments[0]).toMatchObject({ label: "order", state: "authorised" });
    expect((await operation(order, "capture")).status).toBe(200);
    const captured = eventsOf(order.reference)[1];
    expect(captured?.type).toBe("operation.succeeded");
    expect(orderOf(captured).status).toBe("captured");
    expect(orderOf(captured).ledger.totals).toMatchObject({ captured: 2998, capturable: 0 });
    expect(captured?.data.operation).toMatchObject({ kind: "capture", amount: 2998, ok: true });
    // The paid event keeps the order as it was then.
    expect(orderOf(eventsOf(order.reference)[0]).ledger.totals.captured).toBe(0);
  });

  it("operation.failed carries what went wrong, the order unchanged", async () => {
    const order = await buy("deferred");
    world.faults.push("http-500");
    expect((await operation(order, "capture")).status).toBe(502);
    const failed = eventsOf(order.reference)[1];
    expect(failed?.type).toBe("operation.failed");
    expect(failed?.data.operation).toMatchObject({ kind: "capture", ok: false, error: "HTTP 500" });
    expect(orderOf(failed).status).toBe("paid");
    expect(orderOf(failed).ledger.totals.captured).toBe(0);
  });

  it("a partial refund's event shows what was refunded under the authorisation", async () => {
    const order = await buy("immediate");
    expect((await operation(order, "recredit", { amount: 1000 })).status).toBe(200);
    const refund = eventsOf(order.reference)[1];
    expect(refund?.type).toBe("operation.succeeded");
    expect(orderOf(refund).ledger.totals).toMatchObject({ captured: 2998, refunded: 1000 });
    expect(orderOf(refund).ledger.payments[0]?.authorisations[0]?.refundable).toBe(1998);
    expect((await operation(order, "recredit")).status).toBe(200);
    const last = eventsOf(order.reference)[2];
    expect(orderOf(last).status).toBe("refunded");
    expect(orderOf(last).ledger.totals.refunded).toBe(2998);
  });
});

describe("notifications and deadlines", () => {
  it("order.anomaly carries the reason, the order marked anomaly and never paid", async () => {
    const vars = terminal("immediate");
    const { order } = await checkout({}, vars, world);
    await send(
      "/api/retour",
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: await accepted(order.reference, order.total + 1),
      },
      vars,
    );
    const [anomaly] = eventsOf(order.reference);
    expect(anomaly?.type).toBe("order.anomaly");
    expect(anomaly?.data.reason).toBe("amount-mismatch: 2999 instead of 2998");
    expect(orderOf(anomaly)).toMatchObject({ status: "anomaly", paidAt: null });
  });

  it("order.expired when the bank abandons an authorisation nobody captured", async () => {
    const order = await buy("deferred");
    await days(order, 12);
    const events = eventsOf(order.reference);
    expect(events.map((event) => event.type)).toEqual(["order.paid", "order.expired"]);
    expect(orderOf(events[1]).status).toBe("expired");
    expect(orderOf(events[1]).ledger.payments[0]).toMatchObject({
      state: "abandoned",
      released: 2998,
    });
  });

  it("payment.auto_captured when the bank captures an authorisation at the end of its delay", async () => {
    const order = await buy("deferredAutoCapture");
    await days(order, 5);
    const events = eventsOf(order.reference);
    expect(events.map((event) => event.type)).toEqual(["order.paid", "payment.auto_captured"]);
    expect(events[1]?.data.payment).toMatchObject({
      label: "order",
      state: "captured",
      captured: 2998,
    });
    expect(orderOf(events[1]).status).toBe("captured");
  });

  it("split payments: instalment.collected for each instalment the bank collects", async () => {
    const order = await buy("split", CARDS.visa, { sku: "CD-BREL-INTEGRALE", quantity: 1 });
    const [paid] = eventsOf(order.reference);
    expect(orderOf(paid).ledger.payments.map((p) => p.state)).toEqual([
      "authorised",
      "scheduled",
      "scheduled",
    ]);
    expect((await operation(order, "capture")).status).toBe(200);
    await days(order, 29);
    await days(order, 31);
    const events = eventsOf(order.reference);
    expect(events.map((event) => event.type)).toEqual([
      "order.paid",
      "operation.succeeded",
      "instalment.collected",
      "instalment.collected",
    ]);
    expect(events[2]?.data.instalment).toMatchObject({ label: "instalment-2", state: "captured" });
    expect(events[3]?.data.instalment).toMatchObject({ label: "instalment-3", state: "captured" });
    expect(orderOf(events[3]).ledger.totals.captured).toBe(17990);
  });

  it("split payments: instalment.refused once the bank gives up; the instalments after it cancelled", async () => {
    const order = await buy("split", CARDS.laterRefused, {
      sku: "CD-BREL-INTEGRALE",
      quantity: 1,
    });
    expect((await operation(order, "capture")).status).toBe(200);
    for (const step of [29, 3, 3, 3]) await days(order, step);
    const events = eventsOf(order.reference);
    expect(events.map((event) => event.type)).toEqual([
      "order.paid",
      "operation.succeeded",
      "instalment.refused",
    ]);
    expect(events[2]?.data.instalment).toMatchObject({ label: "instalment-2", state: "refused" });
    expect(orderOf(events[2]).ledger.payments.map((p) => p.state)).toEqual([
      "captured",
      "refused",
      "cancelled",
    ]);
  });

  it("subscriptions: renewal.collected when the bank captures a renewal on its day", async () => {
    const order = await buy("recurring", CARDS.visa, { sku: "CLUB-CD-DU-MOIS", quantity: 1 });
    expect((await operation(order, "capture")).status).toBe(200);
    await days(order, 32);
    const renewal = eventsOf(order.reference).find((event) => event.type === "renewal.collected");
    expect(renewal?.data.renewal).toMatchObject({ label: "renewal-1", state: "captured" });
    expect(orderOf(renewal).ledger.recurrence).toMatchObject({ active: true, renewals: 1 });
  });

  it("subscriptions: renewal.due when a renewal the merchant captures opens", async () => {
    const order = await buy("recurringManual", CARDS.visa, { sku: "CLUB-CD-DU-MOIS", quantity: 1 });
    expect((await operation(order, "capture")).status).toBe(200);
    await days(order, 32);
    const events = eventsOf(order.reference);
    expect(events.map((event) => event.type)).toEqual([
      "order.paid",
      "operation.succeeded",
      "renewal.due",
    ]);
    expect(events[2]?.data.renewal).toMatchObject({ label: "renewal-1", state: "open" });
    // A renewal charges the order's total: the subscription (9.90) and its shipping each month.
    expect(order.total).toBe(990 + 290);
    expect(orderOf(events[2]).ledger.actions).toContainEqual({
      kind: "capture",
      payment: "renewal-1",
      // A renewal charges what the first payment did: the period's price and its delivery.
      max: order.total,
    });
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
