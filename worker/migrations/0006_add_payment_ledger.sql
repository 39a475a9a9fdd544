-- The ledger per payment and per authorisation (issue 12): an order's payments are the order itself, each split
-- instalment and each recurring renewal; each payment holds the bank's authorisations (a partial payment takes
-- one per capture). It replaces the instalments table and the ledger columns of orders (captured_amount,
-- authorised_remaining, refunded_amount, capture_date), which are no longer written: SQLite cannot drop them
-- while the table's CHECK constraints name them.

-- The mode the order was paid in (the terminal's PAYMENT_MODE at checkout).
ALTER TABLE orders ADD COLUMN payment_mode TEXT NOT NULL DEFAULT 'immediate';
UPDATE orders SET payment_mode = 'split' WHERE instalments > 1;
UPDATE orders SET payment_mode = 'deferred'
WHERE instalments <= 1 AND (authorised_remaining > 0 OR EXISTS (
  SELECT 1 FROM operations WHERE operations.reference = orders.reference AND kind = 'capture' AND ok = 1));

-- A subscription is sold per period on a recurring terminal (its price is the price of one period); the demo's
-- subscription product comes with demo/catalog.json.
ALTER TABLE products ADD COLUMN subscription INTEGER NOT NULL DEFAULT 0 CHECK (subscription IN (0, 1));

CREATE TABLE payments (
  reference TEXT NOT NULL REFERENCES orders (reference),
  kind TEXT NOT NULL CHECK (kind IN ('order', 'instalment', 'renewal')),
  -- 0 for the order, 1–4 for an instalment, 1, 2… for a renewal.
  number INTEGER NOT NULL CHECK (number >= 0),
  -- YYYY-MM-DD in Paris: the order's or the renewal's day (its date_commande), an instalment's due day.
  day TEXT NOT NULL,
  -- When it falls due (ISO): the bank collects an instalment, creates a renewal, at the order's time of day.
  due_at TEXT NOT NULL,
  -- Minor units; an instalment grows when a refused one is carried over to it.
  amount INTEGER NOT NULL CHECK (amount > 0),
  -- pending (order not accepted yet) | scheduled | open | authorised | captured | refused | carried-over
  -- | cancelled | abandoned | expired | closed (the bank sandbox's words, README "The books")
  state TEXT NOT NULL,
  -- The end of the merchant's captures (ISO) and what the bank does then: the bank notifies neither.
  deadline TEXT,
  at_deadline TEXT CHECK (at_deadline IN ('capture', 'abandon', 'close')),
  -- The Paris day that begins at the deadline (an automatic capture's date_remise).
  deadline_day TEXT,
  -- No longer capturable: released after a smaller capture, cancelled, expired, carried over.
  released INTEGER NOT NULL DEFAULT 0 CHECK (released >= 0),
  -- The notification, operation or scheduled run that changed it last (its events are written from that).
  changed_by TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (reference, kind, number)
);
CREATE INDEX payments_due ON payments (state, deadline);
CREATE INDEX payments_changed_by ON payments (changed_by);

CREATE TABLE authorisations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT NOT NULL,
  kind TEXT NOT NULL,
  payment_number INTEGER NOT NULL,
  -- The bank's number (numauto, aut): a refund's num_autorisation. NULL when the bank gave none.
  numauto TEXT,
  at TEXT NOT NULL,
  authorised INTEGER NOT NULL CHECK (authorised > 0),
  captured INTEGER NOT NULL DEFAULT 0,
  -- YYYY-MM-DD in Paris: a refund's date_remise.
  captured_day TEXT,
  refunded INTEGER NOT NULL DEFAULT 0,
  FOREIGN KEY (reference, kind, payment_number) REFERENCES payments (reference, kind, number),
  CHECK (captured >= 0 AND captured <= authorised AND refunded >= 0 AND refunded <= captured)
);
CREATE INDEX authorisations_payment ON authorisations (reference, kind, payment_number);
CREATE UNIQUE INDEX authorisations_numauto ON authorisations (reference, kind, payment_number, numauto);

-- Orders of the previous version, from their ledger columns (days are UTC days there; no deadline is known).
INSERT INTO payments (reference, kind, number, day, due_at, amount, state, released, updated_at)
SELECT reference, 'order', 0, substr(order_date, 1, 10), order_date, total,
  CASE
    WHEN status IN ('pending', 'refused', 'anomaly') THEN 'pending'
    WHEN status = 'cancelled' THEN 'cancelled'
    WHEN captured_amount = 0 AND authorised_remaining > 0 THEN 'authorised'
    ELSE 'captured'
  END,
  CASE
    WHEN status IN ('pending', 'refused', 'anomaly') THEN 0
    WHEN captured_amount = 0 AND authorised_remaining > 0 AND status <> 'cancelled' THEN 0
    ELSE total - captured_amount
  END,
  updated_at
FROM orders WHERE instalments <= 1;

INSERT INTO payments (reference, kind, number, day, due_at, amount, state, released, updated_at)
SELECT i.reference, 'instalment', i.number, i.due_date, i.due_date || substr(o.order_date, 11), i.amount,
  CASE
    WHEN o.status IN ('pending', 'refused', 'anomaly') AND i.number = 1 THEN 'pending'
    WHEN i.status = 'collected' THEN 'captured'
    WHEN i.status = 'refused' THEN 'refused'
    ELSE 'scheduled'
  END,
  CASE WHEN i.status = 'refused' THEN i.amount ELSE 0 END,
  i.updated_at
FROM instalments AS i JOIN orders AS o ON o.reference = i.reference;

INSERT INTO authorisations (reference, kind, payment_number, numauto, at, authorised, captured, captured_day,
  refunded)
SELECT reference, 'order', 0, authorisation_number, COALESCE(paid_at, updated_at), total, captured_amount,
  capture_date, refunded_amount
FROM orders
WHERE instalments <= 1 AND status NOT IN ('pending', 'refused', 'anomaly')
  AND (authorisation_number IS NOT NULL OR captured_amount > 0);

INSERT INTO authorisations (reference, kind, payment_number, numauto, at, authorised, captured, captured_day)
SELECT i.reference, 'instalment', i.number, CASE WHEN i.number = 1 THEN o.authorisation_number END,
  i.updated_at, i.amount, i.amount, CASE WHEN i.number = 1 THEN o.capture_date ELSE substr(i.updated_at, 1, 10) END
FROM instalments AS i JOIN orders AS o ON o.reference = i.reference
WHERE i.status = 'collected';

DROP TABLE instalments;
