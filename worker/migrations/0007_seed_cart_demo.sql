-- "La boutique du CD", continued: the demo shop's VAT rates, weights, shipping methods and promo code. Demo data
-- only (the schema is 0006_add_cart_pricing.sql), kept apart so that it moves with the demo catalog into the
-- demo's own seed. Managed afterwards through /api/admin/products, /api/admin/shipping-methods and
-- /api/admin/promo-codes.

-- CDs: 20 % VAT (the column's default), about 120 g in their case, the box set 1.4 kg.
UPDATE products SET weight = 120 WHERE sku IN ('CD-KIND-OF-BLUE', 'CD-BLUE-TRAIN', 'CD-GOLDBERG', 'CD-EPUISE');
UPDATE products SET weight = 1400 WHERE sku = 'CD-BREL-INTEGRALE';

-- A product that does not ship (digital books: 5.5 % VAT in France), and a limited edition with a stock.
INSERT OR IGNORE INTO products (sku, name, description, unit_amount, currency, active, max_instalments, vat_rate,
    ships, weight, stock, created_at, updated_at) VALUES
  ('LIVRET-JAZZ-PDF', 'Livret numérique — Petite histoire du jazz', 'PDF, 48 pages, envoyé par e-mail', 490, 'EUR',
   1, 1, 550, 0, 0, NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('CD-LOVE-SUPREME-LTD', 'John Coltrane — A Love Supreme (édition limitée)', 'CD, 1965, tirage numéroté', 1990,
   'EUR', 1, 1, 2000, 1, 150, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

-- France and Monaco: a tracked letter for light parcels, Colissimo (free from 25 €) for everything. Belgium,
-- Luxembourg and the nearby EU: Colissimo International, which needs a phone number for the carrier.
INSERT OR IGNORE INTO shipping_methods (id, name, currency, zones, phone_required, pickup, delivery_timeframe,
    position, active, created_at, updated_at) VALUES
  ('colissimo', 'Colissimo', 'EUR',
   '[{"countries":["FR","MC"],"basis":"weight","rates":[{"upTo":250,"amount":495},{"upTo":1000,"amount":695},{"upTo":null,"amount":895}],"freeFrom":2500}]',
   0, 0, 'two_day', 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('lettre-suivie', 'Lettre suivie', 'EUR',
   '[{"countries":["FR","MC"],"basis":"weight","rates":[{"upTo":250,"amount":290},{"upTo":500,"amount":450}]}]',
   0, 0, 'three_day', 2, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('colissimo-international', 'Colissimo International', 'EUR',
   '[{"countries":["BE","LU"],"basis":"weight","rates":[{"upTo":500,"amount":990},{"upTo":2000,"amount":1390},{"upTo":null,"amount":1990}],"freeFrom":6000},{"countries":["DE","NL","IT","ES","AT","PT","IE"],"basis":"weight","rates":[{"upTo":500,"amount":1290},{"upTo":2000,"amount":1790},{"upTo":null,"amount":2590}]}]',
   1, 0, 'long', 3, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

-- 10 % off, for everyone, without end.
INSERT OR IGNORE INTO promo_codes (code, kind, rate, amount, currency, minimum, starts_at, ends_at, usage_limit,
    active, description, created_at, updated_at) VALUES
  ('BIENVENUE10', 'percent', 1000, NULL, NULL, 0, NULL, NULL, NULL, 1, 'Bienvenue : 10 % sur les disques',
   '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
