-- The cart a real shop needs (src/catalog.ts, src/checkout.ts): VAT, shipping and stock per product; shipping
-- methods; promo codes; the priced parts of an order; stock and promo-code holds, taken on payment and released
-- on abandonment by triggers on the order's status. Schema only: the demo shop's data is a separate file.

-- VAT rate in basis points (2000 = 20 %), included in unit_amount. `ships`: a physical product (a CD), as
-- opposed to a gift card or an e-booklet. `weight` in grams, for rates by weight. `stock`: units on hand, NULL
-- for unlimited; it may go below zero only when a payment arrives after its hold expired (never at checkout).
ALTER TABLE products ADD COLUMN vat_rate INTEGER NOT NULL DEFAULT 2000 CHECK (vat_rate BETWEEN 0 AND 10000);
ALTER TABLE products ADD COLUMN ships INTEGER NOT NULL DEFAULT 1 CHECK (ships IN (0, 1));
ALTER TABLE products ADD COLUMN weight INTEGER NOT NULL DEFAULT 0 CHECK (weight >= 0);
ALTER TABLE products ADD COLUMN stock INTEGER;

-- The order's price, as the buyer saw it: total = subtotal + shipping_amount - discount_amount. `vat`: JSON
-- [{ rate, net, amount }] per rate. `subtotal` and `vat` are NULL on orders made before this migration.
ALTER TABLE orders ADD COLUMN subtotal INTEGER;
ALTER TABLE orders ADD COLUMN shipping_method TEXT;
ALTER TABLE orders ADD COLUMN shipping_name TEXT;
ALTER TABLE orders ADD COLUMN shipping_amount INTEGER NOT NULL DEFAULT 0 CHECK (shipping_amount >= 0);
ALTER TABLE orders ADD COLUMN promo_code TEXT;
ALTER TABLE orders ADD COLUMN discount_amount INTEGER NOT NULL DEFAULT 0 CHECK (discount_amount >= 0);
ALTER TABLE orders ADD COLUMN vat TEXT;

-- How parcels travel and what they cost (src/shipping.ts). `zones`: JSON, checked by the admin API:
-- [{ countries: ["FR", ...] | ["*"], basis: "weight" | "total", rates: [{ upTo, amount }], freeFrom? }].
CREATE TABLE shipping_methods (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  zones TEXT NOT NULL,
  phone_required INTEGER NOT NULL DEFAULT 0 CHECK (phone_required IN (0, 1)),
  pickup INTEGER NOT NULL DEFAULT 0 CHECK (pickup IN (0, 1)),
  -- contexte_commande.shipping.deliveryTimeframe (v4), when the carrier's delay is known.
  delivery_timeframe TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Promo codes (src/promo.ts). `rate` in basis points for percentage codes, `amount` in minor units for fixed
-- ones; `minimum` is the subtotal the cart must reach; `starts_at` inclusive, `ends_at` exclusive (ISO 8601 UTC).
CREATE TABLE promo_codes (
  code TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('percent', 'amount')),
  rate INTEGER,
  amount INTEGER,
  currency TEXT,
  minimum INTEGER NOT NULL DEFAULT 0 CHECK (minimum >= 0),
  starts_at TEXT,
  ends_at TEXT,
  usage_limit INTEGER CHECK (usage_limit IS NULL OR usage_limit > 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((kind = 'percent' AND rate BETWEEN 1 AND 10000 AND amount IS NULL)
      OR (kind = 'amount' AND amount > 0 AND rate IS NULL))
);

-- One use of a code per order: `held` from checkout until `expires_at`, `used` once the order is paid,
-- `released` when it is abandoned. A code's uses are its used rows plus its unexpired held rows.
CREATE TABLE promo_redemptions (
  reference TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'used', 'released')),
  expires_at TEXT NOT NULL
);
CREATE INDEX promo_redemptions_code ON promo_redemptions (code, status, expires_at);

-- Units an order holds (products with a stock only): `held` from checkout until `expires_at`, `taken` once the
-- order is paid (products.stock is decreased), `released` when it is abandoned. A product's available units
-- are its stock minus its unexpired held rows.
CREATE TABLE stock_holds (
  reference TEXT NOT NULL,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'taken', 'released')),
  expires_at TEXT NOT NULL,
  PRIMARY KEY (reference, sku)
) WITHOUT ROWID;
CREATE INDEX stock_holds_sku ON stock_holds (sku, status, expires_at);

-- Payment takes what the order holds, expired or released or not: the bank took the money, so the sale stands
-- (a payment after the hold expired may take the stock below zero; the merchant sees it in the admin API).
CREATE TRIGGER orders_paid_take_holds AFTER UPDATE OF status ON orders
WHEN NEW.status = 'paid' AND OLD.status <> 'paid'
BEGIN
  UPDATE products
     SET stock = stock - (SELECT h.quantity FROM stock_holds h
                           WHERE h.reference = NEW.reference AND h.sku = products.sku)
   WHERE stock IS NOT NULL
     AND sku IN (SELECT sku FROM stock_holds WHERE reference = NEW.reference AND status <> 'taken');
  UPDATE stock_holds SET status = 'taken' WHERE reference = NEW.reference AND status <> 'taken';
  UPDATE promo_redemptions SET status = 'used' WHERE reference = NEW.reference;
END;

-- An abandoned order (no notification within the bank's session lifetime) gives its holds back at once rather
-- than at their expiry. A refusal does not: the bank lets the buyer try again on the same order.
CREATE TRIGGER orders_abandoned_release_holds AFTER UPDATE OF status ON orders
WHEN NEW.status = 'abandoned'
BEGIN
  UPDATE stock_holds SET status = 'released' WHERE reference = NEW.reference AND status = 'held';
  UPDATE promo_redemptions SET status = 'released' WHERE reference = NEW.reference AND status = 'held';
END;
