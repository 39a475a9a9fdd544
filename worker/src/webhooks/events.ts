/**
 * The events a merchant can subscribe to, and the JSON each is delivered as (Standard Webhooks payload
 * structure: `type`, `timestamp`, `data`, plus the event's `id`). Money is in minor units with the currency.
 * @module
 */
import type { AuthorisationRow } from "../db/authorisations.ts";
import { notificationJson } from "../db/notifications.ts";
import { operationJson } from "../db/operations.ts";
import { adminOrderJson, type OrderColumns } from "../db/orders.ts";
import type { PaymentRow } from "../db/payments.ts";
import { type EventSources, TEST_EVENT_TYPE } from "../db/webhook-events.ts";
import { ledgerJson } from "../ledger.ts";
import type { PaymentRules } from "../payment-mode.ts";

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
  "renewal.due",
  "payment.auto_captured",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** True for a type of {@link EVENT_TYPES}. */
export function isEventType(value: unknown): value is EventType {
  return (EVENT_TYPES as readonly unknown[]).includes(value);
}

/** An order as the event's transaction left it (see migrations/0008, `order_snapshots`). */
type OrderSnapshot = OrderColumns & { payments: PaymentRow[]; authorisations: AuthorisationRow[] };

/**
 * The order as events show it: the merchant's view with its ledger (as the admin API shows it), at the
 * event's instant.
 */
function eventOrderJson(snapshot: OrderSnapshot, rules: PaymentRules, at: string) {
  const { payments, authorisations, ...columns } = snapshot;
  const { macFormat: _format, tpe: _tpe, ...order } = adminOrderJson(columns);
  const ledger = ledgerJson({ order: columns, payments, authorisations }, rules, new Date(at));
  return { ...order, ledger };
}

/** The payment an order_events kind such as `instalment-2-collected` is about: `instalment-2`. */
function paymentLabelOf(kind: string | null): string | null {
  const match = /^(order|(?:instalment|renewal)-\d+)-/.exec(kind ?? "");
  return match?.[1] ?? null;
}

/** The types whose `data` holds the payment they are about, under the type's first word. */
const PAYMENT_MEMBERS = ["instalment", "renewal", "payment"] as const;

/** The `data` member of an event. */
function eventData(
  { event, notification, operation }: EventSources,
  rules: PaymentRules,
): Record<string, unknown> {
  if (event.type === TEST_EVENT_TYPE) {
    return { endpointId: event.endpoint_id, message: "A test event sent from the admin API." };
  }
  const order = event.order_json
    ? eventOrderJson(JSON.parse(event.order_json) as OrderSnapshot, rules, event.occurred_at)
    : undefined;
  const label = paymentLabelOf(event.source_kind);
  const member = PAYMENT_MEMBERS.find((m) => event.type.startsWith(`${m}.`));
  const payment = label ? order?.ledger.payments.find((p) => p.label === label) : undefined;
  return {
    ...(order && { order }),
    ...(member && { [member]: payment ?? { label } }),
    ...(operation && { operation: operationJson(operation) }),
    ...(notification && { notification: notificationJson(notification) }),
    ...(event.detail !== null && { reason: event.detail }),
  };
}

/**
 * The JSON of an event, as every endpoint receives it (the same bytes on every attempt): the order's ledger
 * is computed with the terminal's `rules` at the event's instant.
 *
 * @example
 * const body = JSON.stringify(eventPayload({ event, notification, operation }, paymentRules(env)));
 */
export function eventPayload(sources: EventSources, rules: PaymentRules) {
  const { event } = sources;
  return {
    id: event.id,
    type: event.type,
    timestamp: event.occurred_at,
    data: eventData(sources, rules),
  };
}

/** The payload's type, for code that renders it (e-mails). */
export type EventPayload = ReturnType<typeof eventPayload>;
