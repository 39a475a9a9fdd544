/**
 * The migrations this worker's code expects, in order (the files of `migrations/`). A test compares this list
 * with the folder, so adding a migration means adding its name here.
 * @module
 */
export const MIGRATIONS: readonly string[] = [
  "0001_init.sql",
  "0002_seed_catalog.sql",
  "0003_rate_limits.sql",
  "0004_orders_email_index.sql",
  "0005_bound_retour_log.sql",
  "0006_add_payment_ledger.sql",
  "0007_add_cart_pricing.sql",
  "0008_add_webhooks.sql",
  "0009_add_dashboard_indexes.sql",
  "0010_add_merchant_orders.sql",
];
