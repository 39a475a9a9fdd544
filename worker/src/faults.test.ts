/**
 * Fault injection: D1 failing while a notification is stored, the bank's services timing out, answering
 * garbage or "autre traitement en cours", and notifications racing for one order.
 */
import { type Book, CAPTURE_ANSWERS, RECREDIT_ANSWERS } from "@sceau/bank-sandbox";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import type { NetworkFault } from "../test/bank.ts";
import {
  ADMIN,
  accepted,
  adminOrder,
  bank,
  call,
  checkout,
  env,
  notification,
  OK,
  paidOrder,
  postRetour,
  refused,
  SPLIT,
  sandbox,
  terminal,
} from "../test/helpers.ts";

/**
 * A D1 binding that fails the statements `matches` picks, `times` times: `before` the real database sees
 * them (nothing written, as when D1 is unreachable) or `after` they are committed (the write happened, the
 * answer was lost). Everything else goes to the real database.
 */
function faultyDb(
  real: D1Database,
  matches: (sql: string) => boolean,
  fault: { when: "before" | "after"; times: number },
): D1Database {
  const sqlOf = new WeakMap<object, string>();
  const trips = (sql: string | undefined) => {
    if (fault.times <= 0 || sql === undefined || !matches(sql)) return false;
    fault.times--;
    return true;
  };
  const failure = () => new Error("D1_ERROR: simulated storage failure");
  const track = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    sqlOf.set(statement, sql);
    const bind = statement.bind.bind(statement);
    const run = statement.run.bind(statement);
    Object.assign(statement, {
      bind: (...values: unknown[]) => track(bind(...values), sql),
      run: async () => {
        const hit = trips(sql);
        if (hit && fault.when === "before") throw failure();
        const result = await run();
        if (hit) throw failure();
        return result;
      },
    });
    return statement;
  };
  return new Proxy(real, {
    get(target, property) {
      if (property === "prepare") return (sql: string) => track(target.prepare(sql), sql);
      if (property === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          const hit = statements.some((s) => trips(sqlOf.get(s)));
          if (hit && fault.when === "before") throw failure();
          const results = await target.batch(statements);
          if (hit) throw failure();
          return results;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const storesNotification = (sql: string) => sql.includes("INSERT INTO notifications");

async function count(sql: string, ...values: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...values)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

async function orderRow(reference: string) {
  return env.DB.prepare("SELECT status, op_lock FROM orders WHERE reference = ?")
    .bind(reference)
    .first<{ status: string; op_lock: string | null }>();
}

describe("D1 fails while a notification is being stored", () => {
  for (const when of ["before", "after"] as const) {
    it(`answers no receipt when the write fails (${when} commit), and the bank's retry applies once`, async () => {
      const { order } = await checkout();
      const body = await accepted(order.reference, order.total);
      const DB = faultyDb(env.DB, storesNotification, { when, times: 1 });
      const failed = await postRetour(body, { DB });
      expect(failed.status).toBe(500);
      const text = await failed.text();
      expect(text).not.toContain("cdr=");
      expect(JSON.parse(text).error.code).toBe("ERR_INTERNAL");
      const stored = await count(
        "SELECT count(*) AS n FROM notifications WHERE reference = ?",
        order.reference,
      );
      // Before the commit nothing is written (one transaction); after it, the batch is whole.
      expect(stored).toBe(when === "before" ? 0 : 1);
      expect((await orderRow(order.reference))?.status).toBe(
        when === "before" ? "pending" : "paid",
      );
      // The webhook event is part of the same transaction: no change without its event, no event without it.
      const paidEvents = () =>
        count(
          "SELECT count(*) AS n FROM webhook_events WHERE reference = ? AND type = 'order.paid'",
          order.reference,
        );
      expect(await paidEvents()).toBe(when === "before" ? 0 : 1);

      // The bank retries: this time the receipt is sent and the order is paid exactly once.
      for (let i = 0; i < 2; i++) expect(await (await postRetour(body)).text()).toBe(OK);
      expect((await orderRow(order.reference))?.status).toBe("paid");
      expect(
        await count(
          "SELECT count(*) AS n FROM order_events WHERE reference = ? AND kind = 'paid'",
          order.reference,
        ),
      ).toBe(1);
      expect(await paidEvents()).toBe(1);
      expect(
        await count(
          "SELECT count(*) AS n FROM authorisations WHERE reference = ?",
          order.reference,
        ),
      ).toBe(1);
    });
  }

  it("answers no receipt when an invalid seal, an orphan or a refusal cannot be stored", async () => {
    const { order } = await checkout();
    const bodies = [
      "MAC=00&reference=X",
      await notification({
        reference: "NOSUCHORDER1",
        montant: "1.00EUR",
        "code-retour": "payetest",
      }),
      await refused(order.reference, order.total),
    ];
    for (const body of bodies) {
      const before = await count("SELECT count(*) AS n FROM notifications");
      const DB = faultyDb(env.DB, storesNotification, { when: "before", times: 1 });
      const response = await postRetour(body, { DB });
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("cdr=");
      expect(await count("SELECT count(*) AS n FROM notifications")).toBe(before);
    }
    expect((await orderRow(order.reference))?.status).toBe("pending");
  });

  it("answers no receipt when the log write fails under a broken configuration", async () => {
    const DB = faultyDb(env.DB, storesNotification, { when: "before", times: 1 });
    const response = await postRetour("a=1", { DB, TPE: "bad" });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("cdr=");
  });
});

/** A failure between the worker and the bank: the network's, or the bank's own "busy" answer. */
type Fault = "ok" | NetworkFault | "busy";

/** The bank sandbox's books of an order (what it captured and refunded). */
async function books(tpe: string, reference: string) {
  const response = await sandbox.app.request(`/_sandbox/books/${tpe}/${reference}`);
  return ((await response.json()) as Book).totals;
}

/** Plays a fault on the next call to the bank: in front of it, or as its own scripted answer. */
async function arm(fault: Fault, service: "capture" | "recredit"): Promise<void> {
  if (fault === "ok") return;
  if (fault !== "busy") {
    bank.faults.push(fault);
    return;
  }
  const [cdr, lib] =
    service === "capture" ? CAPTURE_ANSWERS.concurrent : RECREDIT_ANSWERS.concurrent;
  await sandbox.app.request("/_sandbox/faults", {
    method: "POST",
    body: JSON.stringify({ service, cdr, lib }),
  });
}

const PARTIAL = terminal("partial");

function op(reference: string, kind: "capture" | "recredit", body: Record<string, unknown> = {}) {
  return call(
    `/api/admin/orders/${reference}/${kind}`,
    {
      method: "POST",
      headers: { ...ADMIN, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    },
    PARTIAL,
  );
}

/** What the worker's ledger says was captured and refunded. */
async function ledger(reference: string) {
  return (await adminOrder(reference, PARTIAL)).order.ledger;
}

describe("the bank's capture and recredit services fail", () => {
  beforeEach(() => bank.reset());

  it("records every failure with the bank's words and retries without double capture or refund (property)", async () => {
    const fault = fc.constantFrom<Fault>(
      "ok",
      "timeout",
      "timeout-after-done",
      "garbage",
      "http-500",
      "busy",
    );
    const step = fc.record({
      kind: fc.constantFrom<"capture" | "recredit">("capture", "recredit"),
      amount: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }),
      fault,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        bank.reset();
        const order = await paidOrder(PARTIAL);
        let ambiguous = false;
        for (const s of steps) {
          const calls = bank.requests.length;
          const { actions } = await ledger(order.reference);
          const offered = actions.find((a) => a.kind === s.kind) as
            | { max: number; authorisation?: string }
            | undefined;
          // The bank's own "busy" answer is scripted only for a call that will reach it.
          const reaches = offered && (s.amount ?? 0) <= offered.max;
          await arm(s.fault === "busy" && !reaches ? "ok" : s.fault, s.kind);
          const response = await op(order.reference, s.kind, {
            ...(s.amount !== undefined && { amount: s.amount }),
            ...(offered?.authorisation && { authorisation: offered.authorisation }),
          });
          const json = (await response.json()) as {
            error?: { code: string; message: string };
            operation?: {
              ok: boolean;
              lib: string | null;
              error: string | null;
              response: string | null;
            };
          };
          if (response.status === 200) continue;
          const answer = { status: response.status, code: json.error?.code };
          if (bank.requests.length === calls) {
            // Refused by the ledger before any call to the bank (the network fault stays unplayed).
            expect(response.status).toBe(409);
            bank.faults.length = 0;
            continue;
          }
          // The bank was called and it failed: recorded, with the bank's own words where it had any.
          expect(json.operation?.ok).toBe(false);
          if (s.fault === "busy") {
            expect(answer).toEqual({ status: 503, code: "ERR_BANK_BUSY" });
            expect(json.operation?.lib).toBe("autre traitement en cours");
          } else if (s.fault === "garbage") {
            expect(answer).toEqual({ status: 502, code: "ERR_BANK_UNAVAILABLE" });
            expect(json.operation?.response).toContain("Maintenance");
          } else if (s.fault === "http-500") {
            expect(answer).toEqual({ status: 502, code: "ERR_BANK_UNAVAILABLE" });
            expect(json.operation?.error).toBe("HTTP 500");
          } else if (s.fault.startsWith("timeout")) {
            expect(answer).toEqual({ status: 502, code: "ERR_BANK_UNAVAILABLE" });
            expect(json.operation?.error).toMatch(/TimeoutError/);
            ambiguous ||= s.fault === "timeout-after-done";
          } else {
            // No fault: the bank itself refused, in its own words (an ambiguity earlier put the
            // worker's amounts out of phase with the bank's).
            expect(ambiguous).toBe(true);
            expect(answer).toEqual({ status: 409, code: "ERR_BANK_REFUSED" });
          }
        }
        const bankBooks = await books("7654325", order.reference);
        const { totals } = await ledger(order.reference);
        // The worker never claims more than the bank did, and the bank never did more than allowed.
        expect(bankBooks.captured).toBeLessThanOrEqual(order.total);
        expect(bankBooks.refunded).toBeLessThanOrEqual(bankBooks.captured);
        expect(totals.captured).toBeLessThanOrEqual(bankBooks.captured);
        expect(totals.refunded).toBeLessThanOrEqual(bankBooks.refunded);
        if (!ambiguous) {
          expect({ captured: totals.captured, refunded: totals.refunded }).toEqual({
            captured: bankBooks.captured,
            refunded: bankBooks.refunded,
          });
        }
        expect((await orderRow(order.reference))?.op_lock).toBeNull();
        // Every call to the bank is in the operations log.
        expect(
          await count("SELECT count(*) AS n FROM operations WHERE reference = ?", order.reference),
        ).toBe(bank.requests.length);
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("a retried refund after a busy answer is not refunded twice by the ledger", async () => {
    const order = await paidOrder(PARTIAL);
    expect((await op(order.reference, "capture")).status).toBe(200);
    await arm("busy", "recredit");
    expect((await op(order.reference, "recredit")).status).toBe(503);
    expect((await op(order.reference, "recredit")).status).toBe(200);
    const again = await op(order.reference, "recredit");
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      "ERR_NOTHING_TO_REFUND",
    );
    expect(await books("7654325", order.reference)).toMatchObject({
      captured: order.total,
      refunded: order.total,
    });
    expect((await orderRow(order.reference))?.status).toBe("refunded");
  });

  it("two refunds at once: one reaches the bank, the other is refused by the lock", async () => {
    const order = await paidOrder(PARTIAL);
    expect((await op(order.reference, "capture")).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => op(order.reference, "recredit").then((r) => r.status)),
    );
    expect(answers.filter((s) => s === 200)).toHaveLength(1);
    expect(answers.filter((s) => s === 409)).toHaveLength(4);
    expect((await books("7654325", order.reference)).refunded).toBe(order.total);
    expect((await ledger(order.reference)).totals.refunded).toBe(order.total);
  });
});

describe("notifications for one order, in parallel and in any order", () => {
  type Kind = "accept" | "refuse" | "anomaly" | "foreign" | "junk";

  async function bodyFor(kind: Kind, reference: string, total: number): Promise<string> {
    switch (kind) {
      case "accept":
        return accepted(reference, total);
      case "refuse":
        return refused(reference, total);
      case "anomaly":
        return accepted(reference, total + 1);
      case "foreign":
        return notification(
          { reference, montant: "1.00EUR", "code-retour": "payetest" },
          { key: "ABCDEF0123456789ABCDEF0123456789ABCDEF01" },
        );
      case "junk":
        return `reference=${reference}&MAC=00`;
    }
  }

  async function settle(reference: string) {
    const row = await env.DB.prepare(
      "SELECT status, anomaly_reason IS NOT NULL AS flagged FROM orders WHERE reference = ?",
    )
      .bind(reference)
      .first<{ status: string; flagged: number }>();
    const paid = await count(
      "SELECT count(*) AS n FROM order_events WHERE reference = ? AND kind = 'paid'",
      reference,
    );
    return { ...row, paid };
  }

  it("settles to the state of a sequential delivery (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Kind>("accept", "refuse", "anomaly", "foreign", "junk"), {
          minLength: 2,
          maxLength: 10,
        }),
        fc.infiniteStream(fc.nat()),
        async (kinds, randomness) => {
          const sequential = await checkout();
          const parallel = await checkout();
          // Same amounts for both orders, so the same notifications mean the same thing.
          expect(parallel.order.total).toBe(sequential.order.total);
          for (const kind of kinds) {
            await postRetour(
              await bodyFor(kind, sequential.order.reference, sequential.order.total),
            );
          }
          const bodies = await Promise.all(
            kinds.map((kind) => bodyFor(kind, parallel.order.reference, parallel.order.total)),
          );
          const logged = await count("SELECT count(*) AS n FROM notifications");
          // A random order of delivery, all in flight at once.
          const it = randomness[Symbol.iterator]();
          const shuffled = bodies
            .map((b) => ({ b, k: it.next().value as number }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.b);
          const answers = await Promise.all(
            shuffled.map((b) => postRetour(b).then((r) => r.status)),
          );
          expect(answers.every((s) => s === 200)).toBe(true);
          expect(await settle(parallel.order.reference)).toEqual(
            await settle(sequential.order.reference),
          );
          // Every call is logged (those with a bad seal linked to no order).
          expect((await count("SELECT count(*) AS n FROM notifications")) - logged).toBe(
            kinds.length,
          );
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);

  it("split payments: what the bank sent, delivered in any order and any number of times, settles alike (property)", async () => {
    const split = { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }], instalments: 3 };
    type Outcome = "collected" | "refused";
    /** A notification of the split terminal: the acceptance (n = 1) or instalment n's outcome. */
    function splitBody(reference: string, n: number, outcome: Outcome, amount: number) {
      const code =
        n === 1 ? "payetest" : `${outcome === "collected" ? "paiement" : "Annulation"}_pf${n}`;
      return notification(
        {
          reference,
          montant: "179.90EUR",
          "code-retour": code,
          montantech: `${(amount / 100).toFixed(2)}EUR`,
          ...(outcome === "collected" && { numauto: `10000${n}` }),
        },
        { tpe: "7654323" },
      );
    }
    async function state(reference: string) {
      const { results } = await env.DB.prepare(
        `SELECT p.number, p.state, (SELECT count(*) FROM authorisations AS a WHERE a.reference = p.reference
           AND a.payment_number = p.number) AS authorisations
         FROM payments AS p WHERE p.reference = ? ORDER BY p.number`,
      )
        .bind(reference)
        .all();
      return { order: await settle(reference), payments: results };
    }
    // What the bank may have sent: the acceptance, instalment 2's outcome, and instalment 3's unless the
    // refusal of instalment 2 cancelled it (this terminal cancels); a wrong amount now and then.
    const history = fc
      .record({
        second: fc.constantFrom<Outcome>("collected", "refused"),
        third: fc.constantFrom<Outcome>("collected", "refused"),
        wrongAmount: fc.boolean(),
      })
      .map(({ second, third, wrongAmount }) => [
        { n: 1, outcome: "collected" as Outcome, wrong: false },
        { n: 2, outcome: second, wrong: wrongAmount },
        ...(second === "collected" ? [{ n: 3, outcome: third, wrong: false }] : []),
      ]);
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 8 }),
        fc.infiniteStream(fc.nat()),
        async (sent, picks, randomness) => {
          const a = await checkout(split, SPLIT);
          const b = await checkout(split, SPLIT);
          const amounts = (await adminOrder(a.order.reference, SPLIT)).schedule.map(
            (i) => i.amount,
          );
          const delivered = picks.map((i) => sent[i % sent.length]).filter((x) => x !== undefined);
          const bodies = (reference: string) =>
            Promise.all(
              delivered.map((x) =>
                splitBody(reference, x.n, x.outcome, x.wrong ? 1 : (amounts[x.n - 1] ?? 0)),
              ),
            );
          // a: in the order the bank sent them, one after the other; b: all at once, shuffled.
          const inOrder = [...(await bodies(a.order.reference))].map((body, i) => ({
            body,
            n: delivered[i]?.n ?? 0,
          }));
          inOrder.sort((x, y) => x.n - y.n);
          for (const { body } of inOrder) await postRetour(body, SPLIT);
          const it = randomness[Symbol.iterator]();
          const shuffled = (await bodies(b.order.reference))
            .map((body) => ({ body, k: it.next().value as number }))
            .sort((x, y) => x.k - y.k);
          await Promise.all(shuffled.map(({ body }) => postRetour(body, SPLIT)));
          expect(await state(b.order.reference)).toEqual(await state(a.order.reference));
        },
      ),
      { numRuns: 10 },
    );
  }, 60_000);
});
