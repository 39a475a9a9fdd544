-- Webhooks and e-mail alerts (src/webhooks/). The outbox is written by triggers, inside the statement that
-- records a state change, so an event exists exactly when its change committed: a crash between the two is
-- impossible, and a change recorded once (50 copies of one notification change an order once) makes one event.
--
--   order_events row (every change of an order)  ─┐
--   notifications row classified `orphan`         ─┼─► webhook_events (the outbox) ─► webhook_deliveries
--                                                  │        one row per event            one row per event
--                                                  │                                     and endpoint
-- Deliveries are sent through Cloudflare Queues and their outcome is recorded in webhook_attempts.

-- Where events go: the merchant's webhook endpoints, and two built-in e-mail channels (configured by variables).
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  -- webhook | merchant-email | buyer-email
  channel TEXT NOT NULL DEFAULT 'webhook',
  url TEXT,
  -- JSON array of event types; "*" means every type, present and future.
  events TEXT NOT NULL,
  -- Standard Webhooks signing secret, whsec_<base64>; only webhook endpoints have one.
  secret TEXT,
  description TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- Why the worker disabled it (the receiver answered 410 Gone), or NULL.
  disabled_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
INSERT INTO webhook_endpoints (id, channel, events, created_at, updated_at) VALUES
  ('email:merchant', 'merchant-email',
   '["order.paid","order.anomaly","notification.orphan","operation.failed"]',
   '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('email:buyer', 'buyer-email', '["order.paid"]',
   '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

-- Which order_events kinds are events, and of which type (GLOB patterns; the longest match wins). A change
-- that adds an order_events kind adds its row here in its own migration. The kinds (migrations/0006,
-- src/db/payments.ts `insertPaymentEvents`): the order's lattice (paid, refused, anomaly); its settled status
-- (cancelled, expired, refunded); a payment's change, `<payment>-<word>` (instalment-2-collected,
-- renewal-3-refused, order-auto-captured…); a merchant operation, `<kind>-done` or `<kind>-failed`.
CREATE TABLE webhook_event_kinds (
  pattern TEXT PRIMARY KEY,
  type TEXT NOT NULL
);
INSERT INTO webhook_event_kinds (pattern, type) VALUES
  ('paid', 'order.paid'),
  ('refused', 'order.refused'),
  ('anomaly', 'order.anomaly'),
  ('expired', 'order.expired'),
  ('instalment-*-collected', 'instalment.collected'),
  ('instalment-*-refused', 'instalment.refused'),
  ('renewal-*-collected', 'renewal.collected'),
  ('renewal-*-refused', 'renewal.refused'),
  ('renewal-*-due', 'renewal.due'),
  ('*-auto-captured', 'payment.auto_captured'),
  ('*-done', 'operation.succeeded'),
  ('*-failed', 'operation.failed');

-- The order as an event shows it: its row (less the buyer's token hash and the operation lock) with its payments
-- and their authorisations, the rows src/ledger.ts `ledgerJson` reads (payments in selectPayments' order).
CREATE VIEW order_snapshots AS
SELECT o.reference, json_object(
  'reference', o.reference, 'status', o.status, 'total', o.total, 'currency', o.currency, 'lang', o.lang,
  'email', o.email, 'cart', o.cart, 'billing', o.billing, 'shipping', o.shipping,
  'instalments', o.instalments, 'mac_format', o.mac_format, 'tpe', o.tpe, 'order_date', o.order_date,
  'created_at', o.created_at, 'updated_at', o.updated_at, 'paid_at', o.paid_at,
  'paid_notification_id', o.paid_notification_id, 'authorisation_number', o.authorisation_number,
  'card_brand', o.card_brand, 'test_payment', o.test_payment, 'anomaly_reason', o.anomaly_reason,
  'payment_mode', o.payment_mode, 'recurrence_stopped', o.recurrence_stopped,
  'payments', json((SELECT json_group_array(json_object('reference', p.reference, 'kind', p.kind,
      'number', p.number, 'day', p.day, 'due_at', p.due_at, 'amount', p.amount, 'state', p.state,
      'deadline', p.deadline, 'at_deadline', p.at_deadline, 'deadline_day', p.deadline_day,
      'released', p.released, 'changed_by', p.changed_by, 'updated_at', p.updated_at))
    FROM (SELECT * FROM payments WHERE reference = o.reference
      ORDER BY CASE kind WHEN 'order' THEN 0 WHEN 'instalment' THEN 1 ELSE 2 END, number) AS p)),
  'authorisations', json((SELECT json_group_array(json_object('id', a.id, 'reference', a.reference,
      'kind', a.kind, 'payment_number', a.payment_number, 'numauto', a.numauto, 'at', a.at,
      'authorised', a.authorised, 'captured', a.captured, 'captured_day', a.captured_day,
      'refunded', a.refunded))
    FROM (SELECT * FROM authorisations WHERE reference = o.reference ORDER BY id) AS a))
) AS snapshot
FROM orders AS o;

-- The outbox: one row per event, never changed once its transaction is over.
CREATE TABLE webhook_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  reference TEXT,
  -- The order_events kind it comes from (instalment-2-collected…), its notification and operation.
  source_kind TEXT,
  notification_id TEXT,
  operation_id TEXT,
  detail TEXT,
  -- The order_snapshots row as the transaction that made the event left the order.
  order_json TEXT,
  -- Set for an event meant for one endpoint only (a test event); NULL: every endpoint subscribed to its type.
  endpoint_id TEXT
);
CREATE INDEX webhook_events_reference ON webhook_events (reference, occurred_at);
CREATE INDEX webhook_events_occurred ON webhook_events (occurred_at, seq);

-- One delivery per event and endpoint: pending until it succeeds, is dead-lettered (failed), skipped (an e-mail
-- channel that is not configured) or cancelled (its endpoint was deleted).
CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_seq INTEGER NOT NULL REFERENCES webhook_events (seq),
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id),
  reference TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  -- A queue message is on its way for the next attempt until then (the sweep sends another after it).
  queued_until TEXT,
  -- The consumer that holds the delivery while it sends it, and until when.
  lease_token TEXT,
  lease_until TEXT,
  last_attempt_at TEXT,
  last_status_code INTEGER,
  last_latency_ms INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  completed_at TEXT,
  UNIQUE (endpoint_id, event_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, reference, event_seq);
CREATE INDEX webhook_deliveries_lease ON webhook_deliveries (lease_token);

-- The delivery log: every attempt, with the receiver's status code, the latency and what went wrong.
CREATE TABLE webhook_attempts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id),
  attempt INTEGER NOT NULL,
  at TEXT NOT NULL,
  status_code INTEGER,
  latency_ms INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  error TEXT,
  response TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, seq);

-- An order change that is an event: written by the statement that records the change.
CREATE TRIGGER webhook_events_from_order_events AFTER INSERT ON order_events
WHEN EXISTS (SELECT 1 FROM webhook_event_kinds WHERE NEW.kind GLOB pattern)
BEGIN
  INSERT INTO webhook_events (id, type, occurred_at, reference, source_kind, notification_id, operation_id,
    detail, order_json)
  SELECT 'evt_' || lower(hex(randomblob(12))),
    (SELECT type FROM webhook_event_kinds WHERE NEW.kind GLOB pattern ORDER BY length(pattern) DESC LIMIT 1),
    NEW.at, NEW.reference, NEW.kind, NEW.notification_id, NEW.operation_id, NEW.detail,
    (SELECT snapshot FROM order_snapshots WHERE reference = NEW.reference);
END;

-- A validly sealed notification for no known order, once per distinct body (the bank's retries are copies).
CREATE TRIGGER webhook_events_from_orphans AFTER INSERT ON notifications
WHEN NEW.classification = 'orphan' AND NOT EXISTS (
  SELECT 1 FROM notifications
  WHERE reference = NEW.reference AND classification = 'orphan' AND body_sha256 = NEW.body_sha256
    AND seq < NEW.seq)
BEGIN
  INSERT INTO webhook_events (id, type, occurred_at, reference, notification_id)
  VALUES ('evt_' || lower(hex(randomblob(12))), 'notification.orphan', NEW.received_at, NEW.reference, NEW.id);
END;

-- A transaction may change the order after writing its event (an operation's ledger, the payments the card's
-- acceptance opens): the events of that transaction — the same instant, the `updated_at` of the row it changes,
-- the `at` of the authorisation it adds — show the order as the transaction left it. Two changes carry no
-- instant: a refund (only ever made by the operation recorded earlier in its own transaction, so the events of
-- the order's latest operation) and the renewals dropped when a recurrence stops (after the order's
-- `recurrence_stopped` and `updated_at` in the same transaction, so the events of the order's last change).
CREATE TRIGGER webhook_events_order_refresh AFTER UPDATE ON orders
WHEN EXISTS (SELECT 1 FROM webhook_events WHERE reference = NEW.reference AND occurred_at = NEW.updated_at)
BEGIN
  UPDATE webhook_events SET order_json = (SELECT snapshot FROM order_snapshots WHERE reference = NEW.reference)
  WHERE reference = NEW.reference AND occurred_at = NEW.updated_at;
END;
CREATE TRIGGER webhook_events_payment_refresh AFTER UPDATE ON payments
WHEN EXISTS (SELECT 1 FROM webhook_events WHERE reference = NEW.reference AND occurred_at = NEW.updated_at)
BEGIN
  UPDATE webhook_events SET order_json = (SELECT snapshot FROM order_snapshots WHERE reference = NEW.reference)
  WHERE reference = NEW.reference AND occurred_at = NEW.updated_at;
END;
CREATE TRIGGER webhook_events_payment_drop_refresh AFTER DELETE ON payments
BEGIN
  UPDATE webhook_events SET order_json = (SELECT snapshot FROM order_snapshots WHERE reference = OLD.reference)
  WHERE reference = OLD.reference
    AND occurred_at = (SELECT updated_at FROM orders WHERE reference = OLD.reference);
END;
CREATE TRIGGER webhook_events_authorisation_refresh AFTER INSERT ON authorisations
WHEN EXISTS (SELECT 1 FROM webhook_events WHERE reference = NEW.reference AND occurred_at = NEW.at)
BEGIN
  UPDATE webhook_events SET order_json = (SELECT snapshot FROM order_snapshots WHERE reference = NEW.reference)
  WHERE reference = NEW.reference AND occurred_at = NEW.at;
END;
CREATE TRIGGER webhook_events_refund_refresh AFTER UPDATE OF refunded ON authorisations
WHEN NEW.refunded <> OLD.refunded
BEGIN
  UPDATE webhook_events SET order_json = (SELECT snapshot FROM order_snapshots WHERE reference = NEW.reference)
  WHERE reference = NEW.reference AND occurred_at = (SELECT requested_at FROM operations
    WHERE reference = NEW.reference AND kind = 'recredit' AND ok = 1 ORDER BY seq DESC LIMIT 1);
END;

-- Fan-out: a delivery for each enabled endpoint subscribed to the event's type (or the one it is meant for).
CREATE TRIGGER webhook_deliveries_fan_out AFTER INSERT ON webhook_events
BEGIN
  INSERT INTO webhook_deliveries (event_seq, endpoint_id, reference, next_attempt_at, created_at)
  SELECT NEW.seq, e.id, NEW.reference, NEW.occurred_at, NEW.occurred_at
  FROM webhook_endpoints AS e
  WHERE e.deleted_at IS NULL AND e.enabled = 1
    AND (e.id = NEW.endpoint_id
      OR (NEW.endpoint_id IS NULL
        AND EXISTS (SELECT 1 FROM json_each(e.events) WHERE value IN (NEW.type, '*'))));
END;
