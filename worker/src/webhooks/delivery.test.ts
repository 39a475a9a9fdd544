/**
 * Webhook delivery end to end inside workerd, on the real D1: the Retour writes the event in its own batch,
 * the producer queues it after the answer, the consumer signs and posts it to a receiver that checks it with
 * the independent `standardwebhooks` package; retries, dead letter, a refusing queue, order per order, 410.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, accepted, app, call, checkout, env, OK, refused } from "../../test/helpers.ts";
import {
  createEndpoint,
  deleteEndpoints,
  drain,
  envWith,
  type RecordingQueue,
  receiver,
  recordingQueue,
} from "../../test/webhooks.ts";
import type { OutgoingEmail } from "../email/message.ts";
import type { Env } from "../env.ts";
import { deliverMessages } from "./deliver.ts";
import { dispatchDue } from "./dispatch.ts";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "./retry.ts";

const HOOK = "https://merchant.example/hooks/sceau";

/** Posts a Retour body the way the bank does, with an execution context, and waits for its `waitUntil`s. */
async function retour(e: Env, body: string): Promise<string> {
  const ctx = createExecutionContext();
  const response = await app.request(
    "http://127.0.0.1:8787/api/retour",
    { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body },
    e,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response.text();
}

/** The merchant's e-mails, recorded instead of sent (the e-mail tests use the real binding). */
const mails: OutgoingEmail[] = [];
const mailer = { send: async (email: OutgoingEmail) => void mails.push(email) };

let hooks: ReturnType<typeof receiver>;
let queue: RecordingQueue;
let e: Env;

beforeEach(async () => {
  await deleteEndpoints();
  hooks = receiver();
  queue = recordingQueue();
  e = envWith(queue);
  mails.length = 0;
});

/** The events the receiver got for an order, by type, in arrival order. */
function typesFor(reference: string): string[] {
  return hooks.received
    .filter(
      (r) => (r.event.data.order as { reference?: string } | undefined)?.reference === reference,
    )
    .map((r) => r.event.type);
}

async function attemptsOf(endpointId: string, eventId: string) {
  const response = await call(`/api/admin/webhook-endpoints/${endpointId}/deliveries/${eventId}`, {
    headers: ADMIN,
  });
  return (await response.json()) as {
    delivery: { status: string; attempts: number; nextAttemptAt: string | null };
    attempts: { attempt: number; ok: boolean; statusCode: number | null; at: string }[];
  };
}

describe("a paid order reaches the merchant's endpoint", () => {
  it("signed (Standard Webhooks, checked by the standardwebhooks package), right after the Retour", async () => {
    const endpoint = await createEndpoint(hooks, HOOK);
    const { order } = await checkout();
    expect(await retour(e, await accepted(order.reference, order.total))).toBe(OK);
    // The Retour's waitUntil queued the delivery: webhook, merchant e-mail, buyer e-mail.
    expect(queue.messages).toHaveLength(3);
    await drain(e, queue, { fetch: hooks.fetch, mailer });
    const [delivery] = hooks.received;
    expect(hooks.received).toHaveLength(1);
    expect(delivery?.verified).toBe(true);
    expect(delivery?.url).toBe(HOOK);
    expect(delivery?.headers["webhook-id"]).toBe(delivery?.event.id);
    expect(delivery?.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(delivery?.event.type).toBe("order.paid");
    const data = delivery?.event.data as {
      order: {
        reference: string;
        status: string;
        total: number;
        currency: string;
        lines: unknown[];
      };
      notification: { codeRetour: string };
    };
    expect(data.order).toMatchObject({
      reference: order.reference,
      status: "paid",
      total: 2998,
      currency: "EUR",
    });
    expect(data.order.lines).toHaveLength(1);
    expect(data.notification.codeRetour).toBe("payetest");
    // The merchant's alert went out too; the buyer's channel is not configured.
    expect(mails.map((m) => m.subject.replace(/\s/g, " "))).toEqual([
      `Commande ${order.reference} payée (29,98 €)`,
    ]);
    const log = await attemptsOf(endpoint.id, delivery?.event.id ?? "");
    expect(log.delivery).toMatchObject({ status: "succeeded", attempts: 1, nextAttemptAt: null });
    expect(log.attempts.map((a) => [a.ok, a.statusCode])).toEqual([[true, 200]]);
  });

  it("once for 50 copies of the acceptance arriving at the same time", async () => {
    await createEndpoint(hooks, HOOK, ["order.paid"]);
    const { order } = await checkout();
    const body = await accepted(order.reference, order.total);
    const answers = await Promise.all(Array.from({ length: 50 }, () => retour(e, body)));
    expect(new Set(answers)).toEqual(new Set([OK]));
    await drain(e, queue, { fetch: hooks.fetch, mailer });
    expect(typesFor(order.reference)).toEqual(["order.paid"]);
    const { results } = await env.DB.prepare("SELECT type FROM webhook_events WHERE reference = ?")
      .bind(order.reference)
      .all();
    expect(results).toEqual([{ type: "order.paid" }]);
  });

  it("out of order: a refusal after the payment makes no event; refused then paid makes both, in order", async () => {
    await createEndpoint(hooks, HOOK);
    const first = (await checkout()).order;
    await retour(e, await accepted(first.reference, first.total));
    await retour(e, await refused(first.reference, first.total));
    await retour(e, await accepted(first.reference, first.total));
    const second = (await checkout()).order;
    await retour(e, await refused(second.reference, second.total));
    await retour(e, await accepted(second.reference, second.total));
    await drain(e, queue, { fetch: hooks.fetch, mailer });
    expect(typesFor(first.reference)).toEqual(["order.paid"]);
    expect(typesFor(second.reference)).toEqual(["order.refused", "order.paid"]);
    expect(hooks.received.every((r) => r.verified)).toBe(true);
  });

  it("an orphan notification makes one notification.orphan, however often the bank sends it", async () => {
    await createEndpoint(hooks, HOOK, ["notification.orphan"]);
    const body = await accepted("ORPHAN000042", 1234);
    for (let i = 0; i < 3; i++) await retour(e, body);
    await drain(e, queue, { fetch: hooks.fetch, mailer });
    const orphans = hooks.received.filter(
      (r) =>
        (r.event.data.notification as { reference?: string } | undefined)?.reference ===
        "ORPHAN000042",
    );
    expect(orphans.map((r) => r.event.type)).toEqual(["notification.orphan"]);
    expect(orphans[0]?.event.data.order).toBeUndefined();
  });
});

describe("the buyer's confirmation", () => {
  it("goes through the configured provider to the order's e-mail, in its language", async () => {
    const posted: { auth: string | null; body: { to: string[]; subject: string } }[] = [];
    const provider = async (request: Request) => {
      if (request.url !== "https://mail.example/emails") return hooks.fetch(request);
      posted.push({ auth: request.headers.get("Authorization"), body: await request.json() });
      return new Response("{}", { status: 200 });
    };
    const configured = envWith(queue, {
      BUYER_EMAIL_API_URL: "https://mail.example/emails",
      BUYER_EMAIL_FROM: "boutique@boutiqueducd.example",
      BUYER_EMAIL_API_KEY: "provider-key",
    });
    const { order } = await checkout({ email: "client@example.fr", lang: "EN" });
    await retour(configured, await accepted(order.reference, order.total));
    await drain(configured, queue, { fetch: provider, mailer });
    expect(posted).toEqual([
      {
        auth: "Bearer provider-key",
        body: expect.objectContaining({
          to: ["client@example.fr"],
          subject: `Your order ${order.reference} is confirmed`,
        }),
      },
    ]);
  });
});

describe("retries", () => {
  /** Moves the clock to the next attempt of every pending delivery: the producer, then the consumer. */
  async function later(ms: number, start: number): Promise<Date> {
    const now = new Date(start + ms);
    await dispatchDue(e, now);
    await drain(e, queue, { fetch: hooks.fetch, mailer, now, random: () => 0 });
    return now;
  }

  it("receiver down: tried again after 5 s, 5 min and 30 min, then delivered", async () => {
    const endpoint = await createEndpoint(hooks, HOOK, ["order.paid"]);
    let down = 3;
    hooks.status = () => (down-- > 0 ? 503 : 200);
    const { order } = await checkout();
    await retour(e, await accepted(order.reference, order.total));
    const start = Date.now();
    const first = { fetch: hooks.fetch, mailer, random: () => 0, now: new Date(start) };
    await deliverMessages(e, queue.take(), first);
    // The first retry is only 5 s away: it has its own delayed queue message.
    expect(queue.messages.map((m) => m.delaySeconds)).toEqual([5]);
    let at = start;
    for (const delay of RETRY_DELAYS_MS.slice(0, 3)) at = (await later(delay, at)).getTime();
    const eventId = hooks.received[0]?.event.id ?? "";
    expect(hooks.received.map((r) => r.event.id)).toEqual([eventId, eventId, eventId, eventId]);
    expect(hooks.received.every((r) => r.verified)).toBe(true);
    const log = await attemptsOf(endpoint.id, eventId);
    expect(log.attempts.map((a) => a.statusCode)).toEqual([503, 503, 503, 200]);
    expect(log.delivery.status).toBe("succeeded");
  });

  it("receiver always failing: dead-lettered after 10 attempts over about 3 days, shown as failing, replayed", async () => {
    const endpoint = await createEndpoint(hooks, HOOK, ["order.paid"]);
    hooks.status = () => 500;
    const { order } = await checkout();
    await retour(e, await accepted(order.reference, order.total));
    const start = Date.now();
    // The first attempt at `start`: the retries below count from it, whatever the clock did meanwhile.
    await drain(e, queue, { fetch: hooks.fetch, mailer, random: () => 0, now: new Date(start) });
    let at = start;
    for (const delay of RETRY_DELAYS_MS) at = (await later(delay, at)).getTime();
    expect(hooks.received).toHaveLength(MAX_ATTEMPTS);
    expect((at - start) / 3_600_000).toBeCloseTo(75.6, 1);
    const eventId = hooks.received[0]?.event.id ?? "";
    const log = await attemptsOf(endpoint.id, eventId);
    expect(log.delivery).toMatchObject({ status: "failed", attempts: 10, nextAttemptAt: null });
    // Nothing more is sent, even much later.
    await later(7 * 86_400_000, at);
    expect(hooks.received).toHaveLength(MAX_ATTEMPTS);
    const listed = await call(`/api/admin/webhook-endpoints/${endpoint.id}`, { headers: ADMIN });
    const { endpoint: health } = (await listed.json()) as {
      endpoint: { deliveries: { failed: number; failing: boolean } };
    };
    expect(health.deliveries).toMatchObject({ failed: 1, failing: true });
    // Once the receiver is fixed, the merchant replays it.
    hooks.status = () => 200;
    const replayed = await call(`/api/admin/webhook-endpoints/${endpoint.id}/replay`, {
      method: "POST",
      headers: { ...ADMIN, "Content-Type": "application/json" },
      body: JSON.stringify({ eventId }),
    });
    expect(replayed.status).toBe(202);
    await dispatchDue(e);
    await drain(e, queue, { fetch: hooks.fetch, mailer });
    expect((await attemptsOf(endpoint.id, eventId)).delivery.status).toBe("succeeded");
  });

  it("a queue that refuses messages loses nothing: the next producer run sends them", async () => {
    await createEndpoint(hooks, HOOK, ["order.paid"]);
    queue.failing = true;
    const { order } = await checkout();
    await retour(e, await accepted(order.reference, order.total));
    expect(queue.messages).toHaveLength(0);
    queue.failing = false;
    expect(await dispatchDue(e)).toBeGreaterThanOrEqual(1);
    await drain(e, queue, { fetch: hooks.fetch, mailer });
    expect(typesFor(order.reference)).toEqual(["order.paid"]);
  });

  it("in order per order: order.paid waits until the earlier order.refused is delivered", async () => {
    await createEndpoint(hooks, HOOK, ["order.refused", "order.paid"]);
    let refusals = 0;
    hooks.status = (r) => (r.event.type === "order.refused" && refusals++ === 0 ? 500 : 200);
    const { order } = await checkout();
    await retour(e, await refused(order.reference, order.total));
    await retour(e, await accepted(order.reference, order.total));
    const start = Date.now();
    // The first attempt at `start`: the retries below count from it, whatever the clock did meanwhile.
    await drain(e, queue, { fetch: hooks.fetch, mailer, random: () => 0, now: new Date(start) });
    expect(typesFor(order.reference)).toEqual(["order.refused"]);
    await later(RETRY_DELAYS_MS[0] as number, start);
    expect(typesFor(order.reference)).toEqual(["order.refused", "order.refused", "order.paid"]);
  });

  it("410 Gone disables the endpoint and ends the delivery", async () => {
    const endpoint = await createEndpoint(hooks, HOOK, ["order.paid"]);
    hooks.status = () => 410;
    const { order } = await checkout();
    await retour(e, await accepted(order.reference, order.total));
    const [report] = (await drain(e, queue, { fetch: hooks.fetch, mailer })).filter(
      (r) => r.endpointId === endpoint.id,
    );
    expect(report).toMatchObject({ status: "failed", nextAttemptAt: null });
    const response = await call(`/api/admin/webhook-endpoints/${endpoint.id}`, { headers: ADMIN });
    const body = (await response.json()) as {
      endpoint: { enabled: boolean; disabledReason: string };
    };
    expect(body.endpoint).toMatchObject({
      enabled: false,
      disabledReason: "the receiver answered 410 Gone",
    });
  });
});

describe("on the real queue binding", () => {
  it("the producer's message reaches the worker's own queue handler, which delivers it", async () => {
    const { vi } = await import("vitest");
    const spy = vi
      .spyOn(globalThis, "fetch")
      .mockImplementation((input, init) => hooks.fetch(new Request(input as RequestInfo, init)));
    try {
      await createEndpoint(hooks, HOOK, ["order.paid"]);
      const { order } = await checkout();
      // env, not e: the real WEBHOOK_QUEUE of wrangler.jsonc, consumed by src/index.ts's queue().
      await retour({ ...env, MERCHANT_EMAIL: "" }, await accepted(order.reference, order.total));
      for (let i = 0; i < 100 && typesFor(order.reference).length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(typesFor(order.reference)).toEqual(["order.paid"]);
      expect(hooks.received[0]?.verified).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});
