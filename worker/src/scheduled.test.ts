/**
 * Orders the bank never notified become `abandoned` under the scheduled job, after ABANDON_AFTER_MINUTES; the
 * lattice holds (a late notification still applies); the merchant sees the state in the JSON, the filter and
 * the CSV, with an order event.
 */
import { createScheduledController } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  adminOrder,
  call,
  checkout,
  env,
  OK,
  orderStatus,
  postRetour,
  refused,
} from "../test/helpers.ts";
import { countRoundTrips } from "./db/round-trips.ts";
import worker from "./index.ts";
import { abandonAfterMinutes, runScheduled } from "./scheduled.ts";

const MINUTE = 60_000;

/** Runs the Cron Trigger as Cloudflare does, at `minutes` after now. */
async function runJobIn(minutes: number, overrides: Partial<typeof env> = {}) {
  const scheduledTime = Date.now() + minutes * MINUTE;
  await worker.scheduled(createScheduledController({ scheduledTime, cron: "*/10 * * * *" }), {
    ...env,
    ...overrides,
  });
}

async function publicStatus(reference: string, token: string): Promise<string> {
  const response = await call(`/api/orders/${reference}?token=${encodeURIComponent(token)}`);
  return ((await response.json()) as { order: { status: string } }).order.status;
}

describe("orders the bank never notified", () => {
  it("become abandoned after 60 minutes, once, with an event; refused and paid orders stay as they are", async () => {
    const left = await checkout();
    const declined = await checkout();
    const paid = await checkout();
    expect(
      await (
        await postRetour(await refused(declined.order.reference, declined.order.total))
      ).text(),
    ).toBe(OK);
    expect(
      await (await postRetour(await accepted(paid.order.reference, paid.order.total))).text(),
    ).toBe(OK);

    await runJobIn(59);
    expect(await orderStatus(left.order.reference)).toBe("pending");

    await runJobIn(61);
    await runJobIn(75);
    expect(await orderStatus(left.order.reference)).toBe("abandoned");
    expect(await orderStatus(declined.order.reference)).toBe("refused");
    expect(await orderStatus(paid.order.reference)).toBe("paid");
    expect(await publicStatus(left.order.reference, left.order.token)).toBe("abandoned");

    const detail = await adminOrder(left.order.reference);
    expect(detail.order.status).toBe("abandoned");
    expect(detail.events).toEqual([
      expect.objectContaining({
        kind: "abandoned",
        detail: "no notification from the bank within 60 minutes",
        notification_id: null,
      }),
    ]);
    expect((await adminOrder(declined.order.reference)).events.map((e) => e.kind)).toEqual([
      "refused",
    ]);
  });

  it("are listed under status=abandoned and exported as such in the CSV", async () => {
    const { order } = await checkout();
    await runJobIn(61);
    const list = (await (
      await call(`/api/admin/orders?status=abandoned&reference=${order.reference}`, {
        headers: ADMIN,
      })
    ).json()) as { orders: { reference: string; status: string }[] };
    expect(list.orders).toEqual([
      expect.objectContaining({ reference: order.reference, status: "abandoned" }),
    ]);
    const csv = await (
      await call(`/api/admin/orders.csv?reference=${order.reference}`, { headers: ADMIN })
    ).text();
    const [, line] = csv.trim().split("\r\n");
    expect(line?.split(",").slice(0, 5)).toEqual([
      order.reference,
      expect.stringMatching(/^\d{4}-/),
      "abandoned",
      "29.98",
      "EUR",
    ]);
  });

  it("still get paid by a late acceptance, or refused by a late refusal", async () => {
    const late = await checkout();
    const declined = await checkout();
    await runJobIn(61);
    expect(await orderStatus(late.order.reference)).toBe("abandoned");
    // The bank's second attempt after an outage, or a payment finished at the last minute.
    expect(
      await (await postRetour(await accepted(late.order.reference, late.order.total))).text(),
    ).toBe(OK);
    expect(
      await (
        await postRetour(await refused(declined.order.reference, declined.order.total))
      ).text(),
    ).toBe(OK);
    expect(await orderStatus(late.order.reference)).toBe("paid");
    expect(await orderStatus(declined.order.reference)).toBe("refused");
    expect((await adminOrder(late.order.reference)).events.map((e) => e.kind)).toEqual([
      "abandoned",
      "paid",
    ]);
    expect((await adminOrder(late.order.reference)).order.ledger.totals.captured).toBe(
      late.order.total,
    );
    // Running the job again changes nothing any more.
    await runJobIn(120);
    expect(await orderStatus(late.order.reference)).toBe("paid");
    expect(await orderStatus(declined.order.reference)).toBe("refused");
  });

  it("wait ABANDON_AFTER_MINUTES when it is set", async () => {
    const { order } = await checkout();
    await runJobIn(89, { ABANDON_AFTER_MINUTES: "90" });
    expect(await orderStatus(order.reference)).toBe("pending");
    await runJobIn(91, { ABANDON_AFTER_MINUTES: "90" });
    expect(await orderStatus(order.reference)).toBe("abandoned");
    expect((await adminOrder(order.reference)).events[0]).toMatchObject({
      detail: "no notification from the bank within 90 minutes",
    });
  });

  it("are marked in the job's one batch, however many", async () => {
    const first = await checkout();
    const second = await checkout();
    const counted = countRoundTrips(env.DB);
    const { abandoned } = await runScheduled(
      { ...env, DB: counted.db },
      new Date(Date.now() + 61 * MINUTE),
    );
    // One read (the renewals to plan), then one batch that also abandons.
    expect(counted.count()).toBe(2);
    expect(abandoned).toBeGreaterThanOrEqual(2);
    expect(await orderStatus(first.order.reference)).toBe("abandoned");
    expect(await orderStatus(second.order.reference)).toBe("abandoned");
  });
});

describe("ABANDON_AFTER_MINUTES", () => {
  it("is 60 by default, whole minutes from 45 (the bank's card-entry time) to 1440", () => {
    expect(abandonAfterMinutes({})).toBe(60);
    expect(abandonAfterMinutes({ ABANDON_AFTER_MINUTES: "45" })).toBe(45);
    expect(abandonAfterMinutes({ ABANDON_AFTER_MINUTES: "1440" })).toBe(1440);
    for (const bad of ["44", "0", "-60", "60.5", "an hour", "1441"]) {
      expect(() => abandonAfterMinutes({ ABANDON_AFTER_MINUTES: bad }), bad).toThrow(
        expect.objectContaining({ code: "ERR_CONFIG_INVALID", field: "ABANDON_AFTER_MINUTES" }),
      );
    }
  });
});
