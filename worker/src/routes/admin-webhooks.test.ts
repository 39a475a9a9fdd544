/**
 * The merchant's webhook API: endpoints (create with a secret shown once, list, change, delete), the URL and
 * event rules, test events, the delivery log, replays and the event list.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  call,
  checkout,
  postJson,
  postRetour,
  REAL_BANK_TEST,
} from "../../test/helpers.ts";
import {
  createEndpoint,
  deleteEndpoints,
  envWith,
  receiver,
  recordingQueue,
} from "../../test/webhooks.ts";
import { createApp } from "../app.ts";
import { MAX_ENDPOINTS } from "../db/webhook-endpoints.ts";

const JSON_ADMIN = { ...ADMIN, "Content-Type": "application/json" };

async function errorOf(response: Response) {
  return {
    status: response.status,
    ...((await response.json()) as { error: { code: string; field?: string } }).error,
  };
}

beforeEach(deleteEndpoints);

describe("POST /api/admin/webhook-endpoints", () => {
  it("creates an endpoint for every event by default, with a whsec_ secret shown only then", async () => {
    const response = await postJson(
      "/api/admin/webhook-endpoints",
      { url: "https://a.example/h" },
      ADMIN,
    );
    expect(response.status).toBe(201);
    const { endpoint } = (await response.json()) as { endpoint: Record<string, unknown> };
    expect(endpoint).toMatchObject({ url: "https://a.example/h", events: ["*"], enabled: true });
    expect(endpoint.id).toMatch(/^we_[0-9a-f]{24}$/);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await call("/api/admin/webhook-endpoints", { headers: ADMIN });
    const text = await listed.text();
    expect(text).not.toContain(String(endpoint.secret).slice(6));
    const { endpoints } = JSON.parse(text) as { endpoints: { id: string; deliveries: unknown }[] };
    expect(endpoints.map((x) => x.id)).toEqual([endpoint.id]);
    expect(endpoints[0]?.deliveries).toEqual({
      pending: 0,
      failed: 0,
      failing: false,
      lastAttempt: null,
    });
  });

  it("keeps the event types asked for, once each", async () => {
    const response = await postJson(
      "/api/admin/webhook-endpoints",
      { url: "https://a.example/h", events: ["order.paid", "order.paid", "operation.failed"] },
      ADMIN,
    );
    expect(((await response.json()) as { endpoint: { events: string[] } }).endpoint.events).toEqual(
      ["order.paid", "operation.failed"],
    );
  });

  it.each([
    [{ url: "http://a.example/h" }, "ERR_WEBHOOK_URL_INVALID", "url"],
    [{ url: "ftp://a.example/h" }, "ERR_WEBHOOK_URL_INVALID", "url"],
    [{ url: "https://user:pw@a.example/h" }, "ERR_WEBHOOK_URL_INVALID", "url"],
    [{ url: "https://a.example/h#x" }, "ERR_WEBHOOK_URL_INVALID", "url"],
    [
      { url: `https://a.example/${"x".repeat(2100)}`.slice(0, 2100) },
      "ERR_WEBHOOK_URL_INVALID",
      "url",
    ],
    [{ url: "not a url" }, "ERR_WEBHOOK_URL_INVALID", "url"],
    [{ url: 42 }, "ERR_WEBHOOK_URL_INVALID", "url"],
    [{}, "ERR_WEBHOOK_URL_INVALID", "url"],
    [{ url: "https://a.example/h", events: [] }, "ERR_WEBHOOK_EVENTS_INVALID", "events"],
    [
      { url: "https://a.example/h", events: ["order.shipped"] },
      "ERR_WEBHOOK_EVENTS_INVALID",
      "events[0]",
    ],
    [{ url: "https://a.example/h", events: "order.paid" }, "ERR_WEBHOOK_EVENTS_INVALID", "events"],
    [
      { url: "https://a.example/h", description: "d".repeat(201) },
      "ERR_WEBHOOK_ENDPOINT_INVALID",
      "description",
    ],
  ])("refuses body %# with its code", async (body, code, field) => {
    expect(
      await errorOf(await postJson("/api/admin/webhook-endpoints", body, ADMIN)),
    ).toMatchObject({
      status: 400,
      code,
      field,
    });
  });

  it("accepts http:// to a loopback host only with the sandbox bank", async () => {
    const local = await postJson(
      "/api/admin/webhook-endpoints",
      { url: "http://127.0.0.1:9999/h" },
      ADMIN,
    );
    expect(local.status).toBe(201);
    const real = await postJson(
      "/api/admin/webhook-endpoints",
      { url: "http://127.0.0.1:9999/h" },
      { Authorization: `Bearer ${REAL_BANK_TEST.ADMIN_TOKEN}` },
      REAL_BANK_TEST,
    );
    expect(await errorOf(real)).toMatchObject({ status: 400, code: "ERR_WEBHOOK_URL_INVALID" });
  });

  it(`allows at most ${MAX_ENDPOINTS} endpoints`, async () => {
    for (let i = 0; i < MAX_ENDPOINTS; i++) {
      expect(
        (await postJson("/api/admin/webhook-endpoints", { url: `https://a.example/${i}` }, ADMIN))
          .status,
      ).toBe(201);
    }
    const over = await postJson(
      "/api/admin/webhook-endpoints",
      { url: "https://a.example/x" },
      ADMIN,
    );
    expect(await errorOf(over)).toMatchObject({ status: 409, code: "ERR_ENDPOINT_LIMIT" });
  });

  it("needs the admin token", async () => {
    const response = await postJson("/api/admin/webhook-endpoints", { url: "https://a.example/h" });
    expect(response.status).toBe(401);
  });
});

describe("PATCH and DELETE /api/admin/webhook-endpoints/:id", () => {
  it("changes the URL, events, description and enabled; a deleted endpoint is gone", async () => {
    const hooks = receiver();
    const { id } = await createEndpoint(hooks, "https://a.example/h");
    const changed = await call(`/api/admin/webhook-endpoints/${id}`, {
      method: "PATCH",
      headers: JSON_ADMIN,
      body: JSON.stringify({
        url: "https://b.example/h",
        events: ["order.paid"],
        description: "ERP",
        enabled: false,
      }),
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { endpoint: unknown }).endpoint).toMatchObject({
      url: "https://b.example/h",
      events: ["order.paid"],
      description: "ERP",
      enabled: false,
    });
    const bad = await call(`/api/admin/webhook-endpoints/${id}`, {
      method: "PATCH",
      headers: JSON_ADMIN,
      body: JSON.stringify({ url: "http://b.example/h" }),
    });
    expect(await errorOf(bad)).toMatchObject({ status: 400, code: "ERR_WEBHOOK_URL_INVALID" });
    const deleted = await call(`/api/admin/webhook-endpoints/${id}`, {
      method: "DELETE",
      headers: ADMIN,
    });
    expect(await deleted.json()).toEqual({ deleted: true, id });
    for (const init of [{ headers: ADMIN }, { method: "DELETE", headers: ADMIN }]) {
      const gone = await call(`/api/admin/webhook-endpoints/${id}`, init);
      expect(await errorOf(gone)).toMatchObject({ status: 404, code: "ERR_ENDPOINT_NOT_FOUND" });
    }
  });
});

describe("test events, the delivery log, replays, events", () => {
  it("sends a signed webhook.test at once and answers with the attempt", async () => {
    const hooks = receiver();
    const testApp = createApp({ deliveryFetch: hooks.fetch });
    const { id } = await createEndpoint(hooks, "https://a.example/h", ["order.paid"]);
    const queue = recordingQueue();
    const response = await testApp.request(
      `http://127.0.0.1:8787/api/admin/webhook-endpoints/${id}/test`,
      { method: "POST", headers: ADMIN },
      envWith(queue),
    );
    expect(response.status).toBe(200);
    const { delivery } = (await response.json()) as { delivery: Record<string, unknown> };
    expect(delivery).toMatchObject({
      status: "succeeded",
      attempts: 1,
      lastAttempt: { ok: true, statusCode: 200 },
    });
    expect(hooks.received.map((r) => [r.event.type, r.verified])).toEqual([["webhook.test", true]]);
    const log = await call(`/api/admin/webhook-endpoints/${id}/deliveries`, { headers: ADMIN });
    const { deliveries } = (await log.json()) as { deliveries: { type: string; status: string }[] };
    expect(deliveries.map((d) => [d.type, d.status])).toEqual([["webhook.test", "succeeded"]]);
  });

  it("replays a time range: only what the endpoint did not receive, unless include is all", async () => {
    const { order } = await checkout();
    const from = new Date().toISOString();
    await postRetour(await accepted(order.reference, order.total));
    const hooks = receiver();
    const { id } = await createEndpoint(hooks, "https://a.example/h", ["order.paid"]);
    const replay = (body: unknown) =>
      call(`/api/admin/webhook-endpoints/${id}/replay`, {
        method: "POST",
        headers: JSON_ADMIN,
        body: JSON.stringify(body),
      });
    // The event happened before the endpoint existed: a range replay sends it.
    expect(await (await replay({ from })).json()).toEqual({ replayed: 1, limit: 1000 });
    // Now pending: not replayed again unless everything is asked for.
    expect(await (await replay({ from })).json()).toEqual({ replayed: 0, limit: 1000 });
    expect(await (await replay({ from, include: "all" })).json()).toEqual({
      replayed: 1,
      limit: 1000,
    });
    const events = await call(`/api/admin/events?reference=${order.reference}`, { headers: ADMIN });
    const listed = (await events.json()) as { events: { id: string; type: string }[] };
    expect(listed.events.map((x) => x.type)).toEqual(["order.paid"]);
    const pending = await call(`/api/admin/webhook-endpoints/${id}/deliveries?status=pending`, {
      headers: ADMIN,
    });
    expect(
      ((await pending.json()) as { deliveries: { eventId: string }[] }).deliveries.map(
        (d) => d.eventId,
      ),
    ).toEqual([listed.events[0]?.id]);
  });

  it.each([
    [{}, "ERR_REPLAY_INVALID"],
    [{ eventId: "evt_0", from: "2026-01-01" }, "ERR_REPLAY_INVALID"],
    [{ from: "yesterday" }, "ERR_REPLAY_INVALID"],
    [{ from: "2026-01-01", include: "some" }, "ERR_REPLAY_INVALID"],
    [{ eventId: "evt_000000000000000000000000" }, "ERR_EVENT_NOT_FOUND"],
  ])("refuses the replay %j with %s", async (body, code) => {
    const { id } = await createEndpoint(receiver(), "https://a.example/h");
    const response = await call(`/api/admin/webhook-endpoints/${id}/replay`, {
      method: "POST",
      headers: JSON_ADMIN,
      body: JSON.stringify(body),
    });
    expect((await errorOf(response)).code).toBe(code);
  });

  it("refuses an unknown endpoint and bad filters with their codes", async () => {
    for (const path of [
      "/webhook-endpoints/we_nope/deliveries",
      "/webhook-endpoints/we_nope/test",
    ]) {
      const response = await call(`/api/admin${path}`, {
        method: path.endsWith("test") ? "POST" : "GET",
        headers: ADMIN,
      });
      expect(await errorOf(response)).toMatchObject({
        status: 404,
        code: "ERR_ENDPOINT_NOT_FOUND",
      });
    }
    const badType = await call("/api/admin/events?type=order.shipped", { headers: ADMIN });
    expect(await errorOf(badType)).toMatchObject({
      status: 400,
      code: "ERR_FILTER_INVALID",
      field: "type",
    });
  });
});
