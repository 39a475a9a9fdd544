-- "La boutique du CD": the demo shop's shipping methods and promo code, which are not products (those are
-- demo/catalog.json). Demo data only, never a migration, so that no production database gets them: `npm start`
-- (demo/scripts/stack.mjs) applies this file to its local D1 after the catalog push, and the worker tests
-- (worker/test/apply-migrations.ts) apply it to theirs. INSERT OR IGNORE: applying it again changes nothing.
-- A real shop manages these through /api/admin/shipping-methods and /api/admin/promo-codes.

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
