/**
 * The `promo_codes` and `promo_redemptions` tables: the merchant's codes, and one row per order that uses one —
 * held from checkout, used once paid, released on abandonment (triggers of migration 0006). A code's uses are
 * its used rows plus its unexpired held rows, and a redemption is written in the order's own batch only while
 * that count is under the limit, so concurrent checkouts never use a code more often than it allows.
 * @module
 */
import type { D1Reader } from "../env.ts";
import type { PromoCode, PromoCodeWithUses } from "../promo.ts";

export interface PromoCodeRow {
  code: string;
  kind: "percent" | "amount";
  rate: number | null;
  amount: number | null;
  currency: string | null;
  minimum: number;
  starts_at: string | null;
  ends_at: string | null;
  usage_limit: number | null;
  active: number;
  description: string;
  created_at: string;
  updated_at: string;
  uses: number;
}

/** The code's JSON view (admin API), with its uses. */
export function promoCodeJson(row: PromoCodeRow): PromoCodeWithUses {
  return {
    code: row.code,
    kind: row.kind,
    rate: row.rate,
    amount: row.amount,
    currency: row.currency,
    minimum: row.minimum,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    usageLimit: row.usage_limit,
    active: row.active === 1,
    description: row.description,
    uses: row.uses,
  };
}

/** The SQL expression of a code's uses at an instant (both SQL expressions). */
function uses(code: string, now: string): string {
  return `(SELECT COUNT(*) FROM promo_redemptions r
           WHERE r.code = ${code} AND (r.status = 'used' OR (r.status = 'held' AND r.expires_at > ${now})))`;
}

/** One code with its uses at `now`. */
export function selectPromoCode(db: D1Reader, code: string, now: string): D1PreparedStatement {
  return db
    .prepare(`SELECT c.*, ${uses("c.code", "?2")} AS uses FROM promo_codes c WHERE c.code = ?1`)
    .bind(code, now);
}

/** Every code, by code, with its uses at `now`. */
export function selectAllPromoCodes(db: D1Reader, now: string): D1PreparedStatement {
  return db
    .prepare(`SELECT c.*, ${uses("c.code", "?1")} AS uses FROM promo_codes c ORDER BY c.code`)
    .bind(now);
}

/** Creates or replaces a code, returning it with its uses at `at`. */
export function upsertPromoCode(db: D1Database, code: PromoCode, at: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO promo_codes (code, kind, rate, amount, currency, minimum, starts_at, ends_at, usage_limit,
         active, description, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
       ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, rate = excluded.rate, amount = excluded.amount,
         currency = excluded.currency, minimum = excluded.minimum, starts_at = excluded.starts_at,
         ends_at = excluded.ends_at, usage_limit = excluded.usage_limit, active = excluded.active,
         description = excluded.description, updated_at = excluded.updated_at
       RETURNING *, ${uses("promo_codes.code", "?12")} AS uses`,
    )
    .bind(
      code.code,
      code.kind,
      code.rate,
      code.amount,
      code.currency,
      code.minimum,
      code.startsAt,
      code.endsAt,
      code.usageLimit,
      code.active ? 1 : 0,
      code.description,
      at,
    );
}

/** A use of a code to place for order `reference`, held until `expiresAt`. */
export interface NewRedemption {
  reference: string;
  code: string;
  expiresAt: string;
}

/** Holds a use of the code for the order while its uses at `now` are under its limit; changes no row otherwise. */
export function insertRedemptionWithinLimit(
  db: D1Database,
  redemption: NewRedemption,
  now: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO promo_redemptions (reference, code, status, expires_at)
       SELECT ?1, ?2, 'held', ?3 FROM promo_codes c
       WHERE c.code = ?2 AND (c.usage_limit IS NULL OR ${uses("?2", "?4")} < c.usage_limit)`,
    )
    .bind(redemption.reference, redemption.code, redemption.expiresAt, now);
}

/** The condition, inside the order's INSERT, that the order's use of a code was placed. */
export function redeemed(reference: string): { sql: string; values: unknown[] } {
  return {
    sql: "EXISTS (SELECT 1 FROM promo_redemptions WHERE reference = ?)",
    values: [reference],
  };
}

/** Removes the use of an order the batch did not create. */
export function deleteRedemptionWithoutOrder(
  db: D1Database,
  reference: string,
): D1PreparedStatement {
  return db
    .prepare(
      "DELETE FROM promo_redemptions WHERE reference = ?1 AND NOT EXISTS (SELECT 1 FROM orders WHERE reference = ?1)",
    )
    .bind(reference);
}
