/**
 * The `webhook_endpoints` table: the merchant's webhook endpoints, and the two built-in e-mail channels
 * (`email:merchant`, `email:buyer`) that receive events the same way.
 * @module
 */
import type { D1Reader } from "../env.ts";

/** How a destination receives its events. */
export type Channel = "webhook" | "merchant-email" | "buyer-email";

/** The most webhook endpoints a shop may have. */
export const MAX_ENDPOINTS = 16;

export interface WebhookEndpointRow {
  id: string;
  channel: Channel;
  url: string | null;
  events: string;
  secret: string | null;
  description: string;
  enabled: number;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** An endpoint with its delivery counts and last attempt, for the merchant's list. */
export interface WebhookEndpointHealthRow extends WebhookEndpointRow {
  pending: number;
  failed: number;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_ok: number | null;
}

/** The merchant's view of an endpoint; the secret is shown only when it is created. */
export function endpointJson(row: WebhookEndpointRow | WebhookEndpointHealthRow) {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    description: row.description,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...("pending" in row && {
      deliveries: {
        pending: row.pending,
        failed: row.failed,
        // Failing: the newest attempt failed, or an event was dead-lettered and not replayed since.
        failing: row.failed > 0 || row.last_ok === 0,
        lastAttempt: row.last_attempt_at
          ? { at: row.last_attempt_at, statusCode: row.last_status_code, ok: row.last_ok === 1 }
          : null,
      },
    }),
  };
}

const HEALTH = `SELECT e.*,
    (SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = e.id AND status = 'pending') AS pending,
    (SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = e.id AND status = 'failed') AS failed,
    a.at AS last_attempt_at, a.status_code AS last_status_code, a.ok AS last_ok
  FROM webhook_endpoints AS e
  LEFT JOIN webhook_attempts AS a ON a.seq = (
    SELECT max(t.seq) FROM webhook_attempts AS t JOIN webhook_deliveries AS d ON d.id = t.delivery_id
    WHERE d.endpoint_id = e.id)`;

/** The webhook endpoints (not deleted), oldest first, with their delivery health. */
export function selectEndpoints(db: D1Reader): D1PreparedStatement {
  return db.prepare(
    `${HEALTH} WHERE e.channel = 'webhook' AND e.deleted_at IS NULL ORDER BY e.created_at, e.id`,
  );
}

/** One webhook endpoint (not deleted), with its delivery health. */
export function selectEndpoint(db: D1Reader, id: string): D1PreparedStatement {
  return db
    .prepare(`${HEALTH} WHERE e.id = ? AND e.channel = 'webhook' AND e.deleted_at IS NULL`)
    .bind(id);
}

/** A new webhook endpoint. */
export interface NewEndpoint {
  id: string;
  url: string;
  events: readonly string[];
  secret: string;
  description: string;
  at: string;
}

/** Creates an endpoint unless the shop already has {@link MAX_ENDPOINTS}; returns the row when created. */
export function insertEndpoint(db: D1Database, endpoint: NewEndpoint): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO webhook_endpoints (id, channel, url, events, secret, description, created_at, updated_at)
       SELECT ?1, 'webhook', ?2, ?3, ?4, ?5, ?6, ?6
       WHERE (SELECT count(*) FROM webhook_endpoints WHERE channel = 'webhook' AND deleted_at IS NULL) < ?7
       RETURNING *`,
    )
    .bind(
      endpoint.id,
      endpoint.url,
      JSON.stringify(endpoint.events),
      endpoint.secret,
      endpoint.description,
      endpoint.at,
      MAX_ENDPOINTS,
    );
}

/** What the merchant may change on an endpoint; absent members stay as they are. */
export interface EndpointChange {
  url?: string | undefined;
  events?: readonly string[] | undefined;
  description?: string | undefined;
  enabled?: boolean | undefined;
}

/** Changes an endpoint; enabling it again clears the reason it was disabled. Returns the row. */
export function updateEndpoint(
  db: D1Database,
  id: string,
  change: EndpointChange,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhook_endpoints SET url = coalesce(?1, url), events = coalesce(?2, events),
         description = coalesce(?3, description), enabled = coalesce(?4, enabled),
         disabled_reason = CASE WHEN ?4 = 1 THEN NULL ELSE disabled_reason END, updated_at = ?5
       WHERE id = ?6 AND channel = 'webhook' AND deleted_at IS NULL
       RETURNING *`,
    )
    .bind(
      change.url ?? null,
      change.events ? JSON.stringify(change.events) : null,
      change.description ?? null,
      change.enabled === undefined ? null : change.enabled ? 1 : 0,
      at,
      id,
    );
}

/** Deletes an endpoint (kept, marked deleted, for its delivery log); returns its id when it existed. */
export function deleteEndpoint(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhook_endpoints SET deleted_at = ?1, enabled = 0, updated_at = ?1
       WHERE id = ?2 AND channel = 'webhook' AND deleted_at IS NULL RETURNING id`,
    )
    .bind(at, id);
}

/** Disables an endpoint on the worker's own decision (a receiver that answered 410 Gone). */
export function disableEndpoint(
  db: D1Database,
  id: string,
  reason: string,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ? AND enabled = 1",
    )
    .bind(reason, at, id);
}
