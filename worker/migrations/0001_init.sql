-- sceau worker schema. Money is always integer minor units plus an ISO 4217 currency.

CREATE TABLE products (
  sku TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  unit_amount INTEGER NOT NULL CHECK (unit_amount > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  -- A hint for shop pages: the most instalments this product is sold with (1 = single payment).
  max_instalments INTEGER NOT NULL DEFAULT 1 CHECK (max_instalments BETWEEN 1 AND 4),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE orders (
  reference TEXT PRIMARY KEY,
  -- SHA-256 (hex) of the buyer's token; the token itself is only ever in the buyer's hands.
  token_hash TEXT NOT NULL,
  -- pending | refused | anomaly | paid | captured | cancelled | refunded
  status TEXT NOT NULL DEFAULT 'pending',
  total INTEGER NOT NULL CHECK (total > 0),
  currency TEXT NOT NULL,
  lang TEXT NOT NULL,
  email TEXT,
  -- Cart snapshot with the prices charged: [{sku,name,quantity,unitAmount,amount}].
  cart TEXT NOT NULL,
  billing TEXT,
  shipping TEXT,
  instalments INTEGER NOT NULL DEFAULT 1,
  mac_format TEXT NOT NULL,
  tpe TEXT NOT NULL,
  -- The instant sealed in the form's `date` (date_commande of later operations), ISO 8601 UTC.
  order_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- Set once, by the first matching acceptance.
  paid_at TEXT,
  paid_notification_id TEXT,
  authorisation_number TEXT,
  card_brand TEXT,
  test_payment INTEGER NOT NULL DEFAULT 0,
  -- The first reason a valid notification did not match this order (amount, currency, TPE, test payment).
  anomaly_reason TEXT,
  -- Ledger (minor units).
  captured_amount INTEGER NOT NULL DEFAULT 0,
  authorised_remaining INTEGER NOT NULL DEFAULT 0,
  refunded_amount INTEGER NOT NULL DEFAULT 0,
  capture_date TEXT,
  recurrence_stopped INTEGER NOT NULL DEFAULT 0,
  -- Serialises merchant operations on one order (released after the bank answers; stale after 60 s).
  op_lock TEXT,
  op_lock_at TEXT,
  CHECK (captured_amount >= 0 AND authorised_remaining >= 0 AND refunded_amount >= 0),
  CHECK (refunded_amount <= captured_amount),
  CHECK (captured_amount + authorised_remaining <= total)
);
CREATE INDEX orders_created ON orders (created_at DESC, reference DESC);
CREATE INDEX orders_status_created ON orders (status, created_at DESC, reference DESC);

CREATE TABLE instalments (
  reference TEXT NOT NULL REFERENCES orders (reference),
  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 4),
  due_date TEXT NOT NULL,
  amount INTEGER NOT NULL,
  -- scheduled | refused | collected
  status TEXT NOT NULL DEFAULT 'scheduled',
  notification_id TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (reference, number)
);

-- Append-only: every Retour call, as received, before it is acknowledged.
CREATE TABLE notifications (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  received_at TEXT NOT NULL,
  method TEXT NOT NULL,
  body TEXT NOT NULL,
  seal_valid INTEGER NOT NULL,
  reference TEXT,
  code_retour TEXT,
  montant TEXT,
  tpe TEXT,
  -- accepted | refused | instalment-collected | instalment-refused | anomaly | orphan | invalid-seal
  -- | malformed | unverified
  classification TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX notifications_reference ON notifications (reference, seq);
CREATE INDEX notifications_classification ON notifications (classification, seq);
CREATE TRIGGER notifications_no_update BEFORE UPDATE ON notifications
BEGIN SELECT RAISE(ABORT, 'notifications are append-only'); END;
CREATE TRIGGER notifications_no_delete BEFORE DELETE ON notifications
BEGIN SELECT RAISE(ABORT, 'notifications are append-only'); END;

-- What a notification or an operation changed on an order (written in the same batch as the change).
CREATE TABLE order_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  notification_id TEXT,
  operation_id TEXT,
  detail TEXT
);
CREATE INDEX order_events_reference ON order_events (reference, seq);

-- Capture, cancel, recredit and stop-recurrence calls, with the bank's own words.
CREATE TABLE operations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  reference TEXT NOT NULL,
  kind TEXT NOT NULL,
  amount INTEGER NOT NULL,
  requested_at TEXT NOT NULL,
  request TEXT NOT NULL,
  http_status INTEGER,
  response TEXT,
  cdr INTEGER,
  lib TEXT,
  ok INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX operations_reference ON operations (reference, seq);
CREATE TRIGGER operations_no_update BEFORE UPDATE ON operations
BEGIN SELECT RAISE(ABORT, 'operations are append-only'); END;
CREATE TRIGGER operations_no_delete BEFORE DELETE ON operations
BEGIN SELECT RAISE(ABORT, 'operations are append-only'); END;
