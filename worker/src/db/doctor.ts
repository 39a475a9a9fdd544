/**
 * What the go-live doctor reads from D1: the applied migrations and the newest notifications. The same SQL
 * runs through the D1 binding (the admin route) and through `wrangler d1 execute` (`npm run doctor`).
 * @module
 */
import type { DoctorFacts, NotificationFact } from "../doctor.ts";
import { MIGRATIONS } from "./migrations.ts";

/** The migrations wrangler recorded as applied (its own table). */
export const APPLIED_MIGRATIONS_SQL = "SELECT name FROM d1_migrations ORDER BY id";

/** The newest notifications, enough to find the last three of one TPE among stray calls. */
export const RECENT_NOTIFICATIONS_SQL =
  "SELECT tpe, seal_valid, code_retour, reference, received_at FROM notifications ORDER BY seq DESC LIMIT 20";

/** A row of {@link RECENT_NOTIFICATIONS_SQL}. */
export interface NotificationFactRow {
  tpe: string | null;
  seal_valid: number;
  code_retour: string | null;
  reference: string | null;
  received_at: string;
}

/** The rows of the two queries turned into the doctor's facts (`undefined` for a query that failed). */
export function doctorFacts(
  migrations: readonly { name: string }[] | undefined,
  notifications: readonly NotificationFactRow[] | undefined,
): DoctorFacts {
  return {
    expectedMigrations: MIGRATIONS,
    ...(migrations && { appliedMigrations: migrations.map((row) => row.name) }),
    ...(notifications && {
      notifications: notifications.map(
        (row): NotificationFact => ({
          tpe: row.tpe,
          sealValid: row.seal_valid === 1,
          codeRetour: row.code_retour,
          reference: row.reference,
          receivedAt: row.received_at,
        }),
      ),
    }),
  };
}

async function rows<T>(db: D1Database, sql: string): Promise<T[] | undefined> {
  try {
    return (await db.prepare(sql).all<T>()).results;
  } catch {
    return undefined;
  }
}

/** Reads the doctor's facts from the worker's database; a query that fails leaves its fact unknown. */
export async function readDoctorFacts(db: D1Database): Promise<DoctorFacts> {
  const [migrations, notifications] = await Promise.all([
    rows<{ name: string }>(db, APPLIED_MIGRATIONS_SQL),
    rows<NotificationFactRow>(db, RECENT_NOTIFICATIONS_SQL),
  ]);
  return doctorFacts(migrations, notifications);
}
