/**
 * The events a merchant can subscribe to, and the JSON each is delivered as (Standard Webhooks payload
 * structure: `type`, `timestamp`, `data`, plus the event's `id`). Money is in minor units with the currency.
 * @module
 */
import { type InstalmentRow, instalmentJson } from "../db/instalments.ts";
import { notificationJson } from "../db/notifications.ts";
import { operationJson } from "../db/operations.ts";
import { adminOrderJson, type OrderColumns } from "../db/orders.ts";
import { type EventSources, TEST_EVENT_TYPE } from "../db/webhook-events.ts";

/** Every event type, in the order the docs list them. */
export const EVENT_TYPES = [
  "order.paid",
  "order.refused",
  "order.anomaly",
  "order.expired",
  "notification.orphan",
  "operation.succeeded",
  "operation.failed",
  "instalment.collected",
  "instalment.refused",
  "renewal.collected",
  "renewal.refused",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** True for a type of {@link EVENT_TYPES}. */
export function isEventType(value: unknown): value is EventType {
  return (EVENT_TYPES as readonly unknown[]).includes(value);
}

/** An order as the event's transaction left it (see migrations/0006, `order_snapshots`). */
type OrderSnapshot = OrderColumns & { schedule: InstalmentRow[] };

/** The order as events show it: the merchant's view, with its schedule. */
function eventOrderJson(snapshot: OrderSnapshot) {
  const { macFormat: _format, tpe: _tpe, ...order } = adminOrderJson(snapshot);
  return { ...order, schedule: snapshot.schedule.map(instalmentJson) };
}

/** The number in an order_events kind such as `instalment-2-collected`. */
function kindNumber(kind: string | null): number | null {
  const match = /-(\d+)-/.exec(kind ?? "");
  return match ? Number(match[1]) : null;
}

/** The `data` member of an event. */
function eventData({ event, notification, operation }: EventSources): Record<string, unknown> {
  if (event.type === TEST_EVENT_TYPE) {
    return { endpointId: event.endpoint_id, message: "A test event sent from the admin API." };
  }
  const order = event.order_json
    ? eventOrderJson(JSON.parse(event.order_json) as OrderSnapshot)
    : undefined;
  const number = kindNumber(event.source_kind);
  return {
    ...(order && { order }),
    ...(event.type.startsWith("instalment.") && {
      instalment: order?.schedule.find((i) => i.number === number) ?? { number },
    }),
    ...(event.type.startsWith("renewal.") && { renewal: { number } }),
    ...(operation && { operation: operationJson(operation) }),
    ...(notification && { notification: notificationJson(notification) }),
    ...(event.detail !== null && { reason: event.detail }),
  };
}

/**
 * The JSON of an event, as every endpoint receives it (the same bytes on every attempt).
 *
 * @example
 * const body = JSON.stringify(eventPayload({ event, notification, operation }));
 */
export function eventPayload(sources: EventSources) {
  const { event } = sources;
  return { id: event.id, type: event.type, timestamp: event.occurred_at, data: eventData(sources) };
}

/** The payload's type, for code that renders it (e-mails). */
export type EventPayload = ReturnType<typeof eventPayload>;
