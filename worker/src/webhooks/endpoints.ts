/**
 * The merchant's webhook endpoints: creation with a new signing secret, changes, deletion, test events and
 * replays. Routes call these after validating the body's shape (schemas.ts).
 * @module
 */
import {
  cancelDeliveries,
  type ReplaySelection,
  replayDeliveries,
  selectDelivery,
} from "../db/webhook-deliveries.ts";
import {
  deleteEndpoint,
  type EndpointChange,
  insertEndpoint,
  MAX_ENDPOINTS,
  selectEndpoint,
  updateEndpoint,
  type WebhookEndpointRow,
} from "../db/webhook-endpoints.ts";
import { insertTestEvent } from "../db/webhook-events.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../errors.ts";
import { type DeliverOptions, type DeliveryReport, deliverMessages } from "./deliver.ts";
import { deliveryUrl } from "./endpoint-url.ts";
import { newSecret } from "./signature.ts";

/** The most events one range replay re-delivers (ask again for the rest). */
export const MAX_REPLAY = 1000;

/** Random hex of `bytes` bytes, for ids. */
function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** `["*"]` when the list has it, else the list without repeats. */
function eventList(events: readonly string[]): string[] {
  return events.includes("*") ? ["*"] : [...new Set(events)];
}

const notFound = (id: string) =>
  new ApiError("ERR_ENDPOINT_NOT_FOUND", `No webhook endpoint ${id}.`, { field: "id" });

/**
 * Creates an endpoint; resolves with its row, secret included (the only time it is shown).
 *
 * @throws {ApiError} `ERR_WEBHOOK_URL_INVALID`, `ERR_ENDPOINT_LIMIT` (at most 16 endpoints).
 */
export async function createEndpoint(
  env: Env,
  input: { url?: string | undefined; events: readonly string[]; description: string },
  now = new Date(),
): Promise<WebhookEndpointRow> {
  const row = await insertEndpoint(env.DB, {
    id: `we_${randomHex(12)}`,
    url: deliveryUrl(input.url ?? "", env),
    events: eventList(input.events),
    secret: newSecret(),
    description: input.description,
    at: now.toISOString(),
  }).first<WebhookEndpointRow>();
  if (!row) {
    throw new ApiError(
      "ERR_ENDPOINT_LIMIT",
      `A shop has at most ${MAX_ENDPOINTS} webhook endpoints.`,
    );
  }
  return row;
}

/**
 * Changes an endpoint.
 *
 * @throws {ApiError} `ERR_ENDPOINT_NOT_FOUND`, `ERR_WEBHOOK_URL_INVALID`.
 */
export async function changeEndpoint(
  env: Env,
  id: string,
  change: EndpointChange,
  now = new Date(),
): Promise<WebhookEndpointRow> {
  const row = await updateEndpoint(
    env.DB,
    id,
    {
      ...change,
      ...(change.url !== undefined && { url: deliveryUrl(change.url, env) }),
      ...(change.events && { events: eventList(change.events) }),
    },
    now.toISOString(),
  ).first<WebhookEndpointRow>();
  if (!row) throw notFound(id);
  return row;
}

/**
 * Deletes an endpoint and cancels its pending deliveries (its delivery log is kept).
 *
 * @throws {ApiError} `ERR_ENDPOINT_NOT_FOUND`.
 */
export async function removeEndpoint(env: Env, id: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const [deleted] = await env.DB.batch([
    deleteEndpoint(env.DB, id, at),
    cancelDeliveries(env.DB, id, at),
  ]);
  if (!deleted?.results.length) throw notFound(id);
}

/**
 * Sends a `webhook.test` event to one endpoint now and resolves with the attempt; a failed test is retried
 * like any delivery.
 *
 * @throws {ApiError} `ERR_ENDPOINT_NOT_FOUND` (also for a disabled endpoint: enable it first).
 */
export async function sendTestEvent(
  env: Env,
  id: string,
  options: DeliverOptions,
): Promise<DeliveryReport> {
  const at = (options.now ?? new Date()).toISOString();
  const eventId = `evt_${randomHex(12)}`;
  const [, found] = await env.DB.batch<{ id: number }>([
    insertTestEvent(env.DB, { id: eventId, endpointId: id, at }),
    selectDelivery(env.DB, id, eventId),
  ]);
  const delivery = found?.results[0];
  if (!delivery) throw notFound(id);
  const [report] = await deliverMessages(env, [delivery.id], options);
  if (!report) throw notFound(id);
  return report;
}

/**
 * Delivers events again to an endpoint; resolves with how many were scheduled (now).
 *
 * @throws {ApiError} `ERR_ENDPOINT_NOT_FOUND`, `ERR_EVENT_NOT_FOUND` (no such event for this endpoint).
 */
export async function replay(
  env: Env,
  id: string,
  selection: ReplaySelection,
  now = new Date(),
): Promise<number> {
  const [endpoint, replayed] = await env.DB.batch([
    selectEndpoint(env.DB, id),
    replayDeliveries(env.DB, id, selection, now.toISOString()),
  ]);
  if (!endpoint?.results.length) throw notFound(id);
  const results = replayed?.results ?? [];
  if (results.length === 0 && "eventId" in selection) {
    throw new ApiError(
      "ERR_EVENT_NOT_FOUND",
      `No event ${selection.eventId} that endpoint ${id} subscribes to.`,
      { field: "eventId" },
    );
  }
  return results.length;
}
