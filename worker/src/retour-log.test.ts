/**
 * The Retour log stays bounded on a public route: calls whose seal is not valid keep a prefix, a hash and a
 * size, are linked to no order, are limited per client and purged after the retention period; validly
 * sealed notifications are kept whole, never limited, never deleted.
 */
import { createScheduledController } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ADMIN, accepted, call, checkout, env, INVALID, OK, postRetour } from "../test/helpers.ts";
import worker from "./index.ts";
import { UNVERIFIED_PREFIX } from "./retour.ts";
import { retentionDays } from "./scheduled.ts";

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

interface LogRow {
  body: string;
  body_sha256: string;
  body_size: number;
  reference: string | null;
  seal_valid: number;
}

async function lastRow(): Promise<LogRow | null> {
  return env.DB.prepare(
    "SELECT body, body_sha256, body_size, reference, seal_valid FROM notifications ORDER BY seq DESC LIMIT 1",
  ).first<LogRow>();
}

async function logSize(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM notifications").first<{
    n: number;
  }>();
  return row?.n ?? 0;
}

describe("the Retour log", () => {
  it("keeps a bounded prefix, the SHA-256 and the size of a call whose seal is not valid, linked to no order", async () => {
    const { order } = await checkout();
    const body = `${(await accepted(order.reference, order.total)).replace(/MAC=\w+/, "MAC=00")}&junk=${"x".repeat(10_000)}`;
    expect(await (await postRetour(body)).text()).toBe(INVALID);
    const row = await lastRow();
    expect(row?.body).toBe(body.slice(0, UNVERIFIED_PREFIX));
    expect(row).toMatchObject({
      body_sha256: await sha256Hex(body),
      body_size: body.length,
      reference: null,
      seal_valid: 0,
    });
    expect(
      (await (
        await call(`/api/admin/orders/${order.reference}`, { headers: ADMIN })
      ).json()) as object,
    ).toMatchObject({ notifications: [] });
  });

  it("keeps a validly sealed notification whole, with its hash and size", async () => {
    const { order } = await checkout();
    const body = await accepted(order.reference, order.total, { "texte-libre": "y".repeat(3000) });
    expect(await (await postRetour(body)).text()).toBe(OK);
    expect(await lastRow()).toEqual({
      body,
      body_sha256: await sha256Hex(body),
      body_size: body.length,
      reference: order.reference,
      seal_valid: 1,
    });
  });
});

describe("calls whose seal is not valid are limited per client", () => {
  async function post(body: string, address: string) {
    return call(
      "/api/retour",
      {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "CF-Connecting-IP": address,
        },
        body,
      },
      { RETOUR_INVALID_RATE_LIMIT: "3/600" },
    );
  }

  it("stores the first ones, then answers 429 and stores nothing; never limits a valid seal", async () => {
    const { order } = await checkout();
    const valid = await accepted(order.reference, order.total);
    const forged = valid.replace(/MAC=\w+/, "MAC=0000000000000000000000000000000000000000");
    for (let i = 0; i < 3; i++)
      expect(await (await post(forged, "203.0.113.50")).text()).toBe(INVALID);
    const before = await logSize();
    const limited = await post(forged, "203.0.113.50");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: { code: "ERR_RATE_LIMITED" } });
    expect(await logSize()).toBe(before);
    // Another client is not affected, and the bank's valid notification always gets through.
    expect(await (await post(forged, "203.0.113.51")).text()).toBe(INVALID);
    for (let i = 0; i < 3; i++) expect(await (await post(valid, "203.0.113.50")).text()).toBe(OK);
    expect(await logSize()).toBe(before + 4);
  });
});

describe("the scheduled purge", () => {
  async function insert(id: string, sealValid: number, receivedAt: string) {
    await env.DB.prepare(
      `INSERT INTO notifications (id, received_at, method, body, seal_valid, classification)
       VALUES (?, ?, 'POST', 'x', ?, ?)`,
    )
      .bind(id, receivedAt, sealValid, sealValid ? "orphan" : "invalid-seal")
      .run();
  }

  async function exists(id: string): Promise<boolean> {
    return (
      (await env.DB.prepare("SELECT 1 FROM notifications WHERE id = ?").bind(id).first()) !== null
    );
  }

  it("deletes calls with a bad seal older than the retention period, and nothing else", async () => {
    const now = Date.parse("2026-11-30T03:23:00Z");
    const day = 86_400_000;
    await insert("old-invalid", 0, new Date(now - 31 * day).toISOString());
    await insert("recent-invalid", 0, new Date(now - 29 * day).toISOString());
    await insert("old-valid", 1, new Date(now - 400 * day).toISOString());
    await worker.scheduled(
      createScheduledController({ scheduledTime: now, cron: "23 3 * * *" }),
      env,
    );
    expect(await exists("old-invalid")).toBe(false);
    expect(await exists("recent-invalid")).toBe(true);
    expect(await exists("old-valid")).toBe(true);
    // With a retention of 7 days, the recent one goes too.
    await worker.scheduled(createScheduledController({ scheduledTime: now }), {
      ...env,
      RETOUR_LOG_RETENTION_DAYS: "7",
    });
    expect(await exists("recent-invalid")).toBe(false);
  });

  it("can never delete or change a validly sealed notification", async () => {
    await insert("kept-forever", 1, "2020-01-01T00:00:00.000Z");
    await expect(
      env.DB.prepare("DELETE FROM notifications WHERE id = 'kept-forever'").run(),
    ).rejects.toThrow(/append-only/);
    await expect(
      env.DB.prepare("UPDATE notifications SET body = 'y' WHERE id = 'kept-forever'").run(),
    ).rejects.toThrow(/append-only/);
  });

  it("reads RETOUR_LOG_RETENTION_DAYS, 30 by default", () => {
    expect(retentionDays({})).toBe(30);
    expect(retentionDays({ RETOUR_LOG_RETENTION_DAYS: "90" })).toBe(90);
    for (const bad of ["0", "-1", "1.5", "thirty", "4000"]) {
      expect(() => retentionDays({ RETOUR_LOG_RETENTION_DAYS: bad }), bad).toThrow(
        expect.objectContaining({ code: "ERR_CONFIG_INVALID", field: "RETOUR_LOG_RETENTION_DAYS" }),
      );
    }
  });
});

describe("an order's detail pages its notifications", () => {
  it("shows 50 at a time, oldest first, with the cursor of the next page", async () => {
    const { order } = await checkout();
    const body = await accepted(order.reference, order.total);
    for (let i = 0; i < 60; i++) await postRetour(body);
    const first = (await (
      await call(`/api/admin/orders/${order.reference}`, { headers: ADMIN })
    ).json()) as { notifications: { id: string }[]; notificationsNextAfter: string | null };
    expect(first.notifications).toHaveLength(50);
    expect(first.notificationsNextAfter).toMatch(/^\d+$/);
    const rest = (await (
      await call(
        `/api/admin/orders/${order.reference}/notifications?after=${first.notificationsNextAfter}`,
        { headers: ADMIN },
      )
    ).json()) as { notifications: { id: string }[]; notificationsNextAfter: string | null };
    expect(rest.notifications).toHaveLength(10);
    expect(rest.notificationsNextAfter).toBeNull();
    const ids = new Set([...first.notifications, ...rest.notifications].map((n) => n.id));
    expect(ids.size).toBe(60);
    const bad = await call(`/api/admin/orders/${order.reference}/notifications?after=x`, {
      headers: ADMIN,
    });
    expect(await bad.json()).toMatchObject({
      error: { code: "ERR_CURSOR_INVALID", field: "after" },
    });
  });
});
