-- "La boutique du CD": the local development catalog (managed afterwards through /api/admin/products).
INSERT OR IGNORE INTO products (sku, name, description, unit_amount, currency, active, max_instalments, created_at, updated_at) VALUES
  ('CD-KIND-OF-BLUE', 'Miles Davis — Kind of Blue', 'CD, 1959, remastered', 1499, 'EUR', 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('CD-BLUE-TRAIN', 'John Coltrane — Blue Train', 'CD, 1957', 1299, 'EUR', 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('CD-GOLDBERG', 'Glenn Gould — Variations Goldberg (1981)', 'CD', 1150, 'EUR', 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('CD-BREL-INTEGRALE', 'Jacques Brel — Intégrale 16 CD', 'Coffret 16 CD, payable en 2 à 4 fois', 17990, 'EUR', 1, 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('CD-EPUISE', 'Barbara — Live à Pantin (épuisé)', 'Plus disponible', 1890, 'EUR', 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
