/** The worker's bindings: wrangler vars, secrets and the D1 database (see README.md, "Configuration"). */
export interface Env {
  DB: D1Database;
  TPE?: string;
  SOCIETE?: string;
  MAC_FORMAT?: string;
  BANK?: string;
  BANK_ENV?: string;
  BANK_SANDBOX_URL?: string;
  PAYMENT_MODE?: string;
  SHOP_ORIGINS?: string;
  /** Origins allowed to call the admin API from a browser (empty by default: the console is same-origin). */
  ADMIN_ORIGINS?: string;
  RETURN_URL_OK?: string;
  RETURN_URL_ERR?: string;
  RETURN_URL?: string;
  /** Per-client limit on order creation, `"<requests>/<seconds>"` or `"off"` (see rate-limit.ts). */
  CHECKOUT_RATE_LIMIT?: string;
  /** Per-client limit on Retour calls whose seal is not valid, `"<requests>/<seconds>"` or `"off"`. */
  RETOUR_INVALID_RATE_LIMIT?: string;
  /** Days to keep Retour calls whose seal is not valid before the scheduled purge (default 30). */
  RETOUR_LOG_RETENTION_DAYS?: string;
  MERCHANT_KEY?: string;
  ADMIN_TOKEN?: string;
}

/** How the worker reaches the bank's web services; injectable so tests can stand in for the bank. */
export type BankFetch = (request: Request) => Promise<Response>;

/** The Hono environment of the app. */
export interface AppEnv {
  Bindings: Env;
  Variables: { bankFetch: BankFetch };
}

/** What a read-only query needs: the primary database or a read-replica session. */
export type D1Reader = Pick<D1Database, "prepare">;

/**
 * A session that may read from the nearest D1 replica (read replication), for reads that tolerate a few
 * seconds of lag: catalog, quotes, admin listings. Falls back to the primary where sessions do not exist.
 */
export function replica(db: D1Database): D1Reader {
  return typeof db.withSession === "function" ? db.withSession("first-unconstrained") : db;
}
