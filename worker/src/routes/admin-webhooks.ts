/**
 * `/api/admin/webhook-endpoints*` and `/api/admin/events`: the merchant's webhook endpoints (Stripe-like),
 * their delivery logs, test events, replays, and the events themselves.
 * @module
 */
import { Hono } from "hono";
import {
  type AttemptRow,
  attemptJson,
  type DeliveryListRow,
  deliveryJson,
  selectAttempts,
  selectDeliveries,
  selectDelivery,
} from "../db/webhook-deliveries.ts";
import {
  endpointJson,
  selectEndpoint,
  selectEndpoints,
  type WebhookEndpointHealthRow,
} from "../db/webhook-endpoints.ts";
import { selectEvents, type WebhookEventRow } from "../db/webhook-events.ts";
import { type AppEnv, replica } from "../env.ts";
import { ApiError } from "../errors.ts";
import { afterResponse } from "../middleware.ts";
import { ReplayBody, WebhookEndpointBody, WebhookEndpointChange } from "../schemas.ts";
import { jsonBody } from "../validation.ts";
import { dispatchDue } from "../webhooks/dispatch.ts";
import {
  changeEndpoint,
  createEndpoint,
  MAX_REPLAY,
  removeEndpoint,
  replay,
  sendTestEvent,
} from "../webhooks/endpoints.ts";
import { isEventType } from "../webhooks/events.ts";
import { parseLimit, parseSeq } from "./admin-orders.ts";

export const adminWebhooks = new Hono<AppEnv>();

const STATUSES = ["pending", "succeeded", "failed", "skipped", "cancelled"];

const notFound = (id: string) =>
  new ApiError("ERR_ENDPOINT_NOT_FOUND", `No webhook endpoint ${id}.`, { field: "id" });

/** The event's list entry: where it comes from, without its payload (GET the deliveries for that). */
function eventJson(row: WebhookEventRow) {
  return {
    id: row.id,
    type: row.type,
    occurredAt: row.occurred_at,
    reference: row.reference,
    notificationId: row.notification_id,
    operationId: row.operation_id,
  };
}

adminWebhooks.get("/webhook-endpoints", async (c) => {
  const { results } = await selectEndpoints(replica(c.env.DB)).all<WebhookEndpointHealthRow>();
  return c.json({ endpoints: results.map(endpointJson) });
});

adminWebhooks.post("/webhook-endpoints", jsonBody(WebhookEndpointBody), async (c) => {
  const row = await createEndpoint(c.env, c.req.valid("json"));
  return c.json({ endpoint: { ...endpointJson(row), secret: row.secret } }, 201);
});

adminWebhooks.get("/webhook-endpoints/:id", async (c) => {
  const id = c.req.param("id");
  const row = await selectEndpoint(c.env.DB, id).first<WebhookEndpointHealthRow>();
  if (!row) throw notFound(id);
  return c.json({ endpoint: endpointJson(row) });
});

adminWebhooks.patch("/webhook-endpoints/:id", jsonBody(WebhookEndpointChange), async (c) => {
  const row = await changeEndpoint(c.env, c.req.param("id"), c.req.valid("json"));
  afterResponse(c, () => dispatchDue(c.env));
  return c.json({ endpoint: endpointJson(row) });
});

adminWebhooks.delete("/webhook-endpoints/:id", async (c) => {
  const id = c.req.param("id");
  await removeEndpoint(c.env, id);
  return c.json({ deleted: true, id });
});

adminWebhooks.post("/webhook-endpoints/:id/test", async (c) => {
  const report = await sendTestEvent(c.env, c.req.param("id"), { fetch: c.get("deliveryFetch") });
  const { result } = report;
  return c.json({
    delivery: {
      eventId: report.eventId,
      status: report.status,
      attempts: report.attempt,
      nextAttemptAt: report.nextAttemptAt,
      lastAttempt: {
        ok: result.ok,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        error: result.error,
        response: result.response,
      },
    },
  });
});

adminWebhooks.get("/webhook-endpoints/:id/deliveries", async (c) => {
  const id = c.req.param("id");
  const limit = parseLimit(c.req.query("limit"));
  const before = parseSeq(c.req.query("before"), "before");
  const status = c.req.query("status");
  if (status !== undefined && !STATUSES.includes(status)) {
    throw new ApiError("ERR_FILTER_INVALID", `status must be one of ${STATUSES.join(", ")}.`, {
      field: "status",
    });
  }
  const db = replica(c.env.DB);
  const [endpoint, deliveries] = await c.env.DB.batch<unknown>([
    selectEndpoint(db, id),
    selectDeliveries(db, id, { status, before }, limit),
  ]);
  if (!endpoint?.results.length) throw notFound(id);
  const rows = (deliveries?.results ?? []) as DeliveryListRow[];
  const page = rows.slice(0, limit);
  return c.json({
    deliveries: page.map(deliveryJson),
    nextBefore: rows.length > limit ? String(page.at(-1)?.event_seq) : null,
  });
});

adminWebhooks.get("/webhook-endpoints/:id/deliveries/:eventId", async (c) => {
  const { id, eventId } = c.req.param();
  const [delivery, attempts] = await c.env.DB.batch<unknown>([
    selectDelivery(c.env.DB, id, eventId),
    selectAttempts(c.env.DB, id, eventId),
  ]);
  const row = delivery?.results[0] as DeliveryListRow | undefined;
  if (!row) {
    throw new ApiError("ERR_EVENT_NOT_FOUND", `No delivery of ${eventId} to ${id}.`, {
      field: "eventId",
    });
  }
  return c.json({
    delivery: deliveryJson(row),
    attempts: ((attempts?.results ?? []) as AttemptRow[]).map(attemptJson),
  });
});

adminWebhooks.post("/webhook-endpoints/:id/replay", jsonBody(ReplayBody), async (c) => {
  const body = c.req.valid("json");
  const now = new Date();
  const selection = body.eventId
    ? { eventId: body.eventId }
    : {
        from: new Date(body.from as string).toISOString(),
        to: body.to ? new Date(body.to).toISOString() : now.toISOString(),
        include: body.include,
        limit: MAX_REPLAY,
      };
  const replayed = await replay(c.env, c.req.param("id"), selection, now);
  afterResponse(c, () => dispatchDue(c.env));
  return c.json({ replayed, limit: MAX_REPLAY }, 202);
});

adminWebhooks.get("/events", async (c) => {
  const limit = parseLimit(c.req.query("limit"));
  const before = parseSeq(c.req.query("before"), "before");
  const type = c.req.query("type");
  if (type !== undefined && !isEventType(type)) {
    throw new ApiError("ERR_FILTER_INVALID", "type must be an event type.", { field: "type" });
  }
  const reference = c.req.query("reference");
  const { results } = await selectEvents(
    replica(c.env.DB),
    { type, reference, before },
    limit,
  ).all<WebhookEventRow>();
  const page = results.slice(0, limit);
  return c.json({
    events: page.map(eventJson),
    nextBefore: results.length > limit ? String(page.at(-1)?.seq) : null,
  });
});
