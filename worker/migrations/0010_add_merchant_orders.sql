-- Orders the merchant creates (src/merchant-orders.ts): phone and mail orders, whose card the merchant keys on
-- the bank's page, and payment links the buyer opens at /pay/<reference>. Shop orders keep channel 'shop'.
ALTER TABLE orders ADD COLUMN channel TEXT NOT NULL DEFAULT 'shop' CHECK (channel IN ('shop', 'phone', 'link'));
-- Who at the merchant's took the order (as typed in the console), and what a free amount pays for.
ALTER TABLE orders ADD COLUMN operator TEXT;
ALTER TABLE orders ADD COLUMN description TEXT;
-- The payment link: the random input its token is derived from (src/payment-link.ts; only the token's
-- SHA-256 is stored, in token_hash), until when it can be paid, and when the buyer first opened it.
ALTER TABLE orders ADD COLUMN link_nonce TEXT;
ALTER TABLE orders ADD COLUMN link_expires_at TEXT;
ALTER TABLE orders ADD COLUMN link_opened_at TEXT;
-- The merchant's order list filters by channel.
CREATE INDEX orders_channel_created ON orders (channel, created_at DESC, reference DESC);

-- Events show an order's origin like the admin API does: the snapshot of 0008 with the new columns (the
-- link's nonce stays out of it, as the token hash does).
DROP VIEW order_snapshots;
CREATE VIEW order_snapshots AS
SELECT o.reference, json_object(
  'reference', o.reference, 'status', o.status, 'total', o.total, 'currency', o.currency, 'lang', o.lang,
  'email', o.email, 'cart', o.cart, 'billing', o.billing, 'shipping', o.shipping,
  'instalments', o.instalments, 'mac_format', o.mac_format, 'tpe', o.tpe, 'order_date', o.order_date,
  'created_at', o.created_at, 'updated_at', o.updated_at, 'paid_at', o.paid_at,
  'paid_notification_id', o.paid_notification_id, 'authorisation_number', o.authorisation_number,
  'card_brand', o.card_brand, 'test_payment', o.test_payment, 'anomaly_reason', o.anomaly_reason,
  'payment_mode', o.payment_mode, 'recurrence_stopped', o.recurrence_stopped,
  'channel', o.channel, 'operator', o.operator, 'description', o.description,
  'link_expires_at', o.link_expires_at, 'link_opened_at', o.link_opened_at,
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
