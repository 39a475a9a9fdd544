/**
 * Fault injection: D1 failing while a notification is stored, the bank's services timing out, answering
 * garbage or "autre traitement en cours", and notifications racing for one order.
 */
import { parseAmount } from "@sceau/protocol";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  bank,
  call,
  checkout,
  env,
  notification,
  OK,
  postRetour,
  refused,
  SPLIT,
} from "../test/helpers.ts";

const DEFERRED = { PAYMENT_MODE: "deferred" };

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
  return env.DB.prepare(
    "SELECT status, captured_amount, refunded_amount, authorised_remaining, op_lock FROM orders WHERE reference = ?",
  )
    .bind(reference)
    .first<{
      status: string;
      captured_amount: number;
      refunded_amount: number;
      authorised_remaining: number;
      op_lock: string | null;
    }>();
}

describe("D1 fails while a notification is being stored", () => {
  for (const when of ["before", "after"] as const) {
    it(`answers no receipt when the write fails (${when} commit), and the bank's retry applies once`, async () => {
      const { order } = await checkout();
      const body = await accepted(order.reference, order.total);
      const DB = faultyDb(env.DB, storesNotification, { when, times: 1 });
      const failed = await postRetour(body, { DB });
      expect(failed.status).toBeGreaterThanOrEqual(500);
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
          "SELECT count(*) AS n FROM instalments WHERE reference = ? AND status = 'collected'",
          order.reference,
        ),
      ).toBeLessThanOrEqual(1);
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
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(await response.text()).not.toContain("cdr=");
      expect(await count("SELECT count(*) AS n FROM notifications")).toBe(before);
    }
    expect((await orderRow(order.reference))?.status).toBe("pending");
  });

  it("answers no receipt when the log write fails under a broken configuration", async () => {
    const DB = faultyDb(env.DB, storesNotification, { when: "before", times: 1 });
    const response = await postRetour("a=1", { DB, TPE: "bad" });
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(await response.text()).not.toContain("cdr=");
  });
});

/**
 * A stand-in bank that keeps its own books: what it captured and refunded per reference. It refuses what
 * exceeds them, as the real bank does, and can be told to fail in the ways real networks fail.
 */
type Fault = "ok" | "timeout" | "timeout-after-done" | "garbage" | "http-500" | "busy";

function bookkeepingBank(total: number) {
  const books = { captured: 0, refunded: 0, ambiguous: false };
  const faults: Fault[] = [];
  bank.answer = (url, fields) => {
    const fault = faults.shift() ?? "ok";
    const recredit = url.endsWith("recredit_paiement.cgi");
    if (fault === "timeout") throw new DOMException("The operation timed out.", "TimeoutError");
    if (fault === "garbage") return new Response("<html><body>Erreur 42</body></html>");
    if (fault === "http-500") return new Response("Internal Server Error", { status: 500 });
    if (fault === "busy") {
      return new Response(
        recredit
          ? "version=1.0\ncdr=-41\nlib=traitement en cours\n"
          : "version=1.0\ncdr=-1\nlib=autre traitement en cours\n",
      );
    }
    let answer: string;
    if (recredit) {
      const amount = parseAmount(fields.montant_recredit ?? "0EUR").minor;
      if (books.refunded + amount > books.captured) {
        answer = "version=1.0\ncdr=-31\nlib=montant trop eleve\n";
      } else {
        books.refunded += amount;
        answer = `version=1.0\nreference=${fields.reference}\ncdr=0\nlib=recredit effectue\n`;
      }
    } else {
      const amount = parseAmount(fields.montant_a_capturer ?? "0EUR").minor;
      if (books.captured + amount > total) {
        answer = "version=1.0\ncdr=0\nlib=montant depasse\n";
      } else {
        books.captured += amount;
        answer = `version=1.0\nreference=${fields.reference}\ncdr=1\nlib=paiement accepte\naut=123456\n`;
      }
    }
    if (fault === "timeout-after-done") {
      // The bank did it; the answer never arrived.
      books.ambiguous = true;
      throw new DOMException("The operation timed out.", "TimeoutError");
    }
    return new Response(answer);
  };
  return { books, faults };
}

function op(reference: string, kind: "capture" | "recredit", amount?: number) {
  return call(
    `/api/admin/orders/${reference}/${kind}`,
    {
      method: "POST",
      headers: { ...ADMIN, "Content-Type": "application/json" },
      body: JSON.stringify(amount === undefined ? {} : { amount }),
    },
    DEFERRED,
  );
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
        const { order } = await checkout({}, DEFERRED);
        await postRetour(await accepted(order.reference, order.total), DEFERRED);
        const { books, faults } = bookkeepingBank(order.total);
        for (const s of steps) {
          faults.push(s.fault);
          const calls = bank.requests.length;
          const response = await op(order.reference, s.kind, s.amount);
          const json = (await response.json()) as {
            error?: { code: string; message: string };
            operation?: {
              ok: boolean;
              lib: string | null;
              error: string | null;
              response: string | null;
            };
          };
          expect(response.status).toBeLessThan(600);
          if (response.status === 200) continue;
          const code = json.error?.code ?? "";
          if (bank.requests.length === calls) {
            // Refused by the ledger before any call to the bank.
            expect(response.status).toBe(409);
            faults.shift();
            continue;
          }
          // The bank was called and it failed: recorded, with the bank's own words where it had any.
          expect(json.operation?.ok).toBe(false);
          if (s.fault === "busy") {
            expect(code).toBe("ERR_BANK_BUSY");
            expect(json.operation?.lib).toMatch(/traitement en cours/);
          } else if (s.fault === "garbage") {
            expect(code).toBe("ERR_BANK_UNAVAILABLE");
            expect(json.operation?.response).toContain("Erreur 42");
          } else if (s.fault === "http-500") {
            expect(json.operation?.error).toBe("HTTP 500");
          } else if (s.fault.startsWith("timeout")) {
            expect(json.operation?.error).toMatch(/TimeoutError/);
          }
        }
        const row = await orderRow(order.reference);
        // The worker never claims more than the bank did, and the bank never did more than allowed.
        expect(books.captured).toBeLessThanOrEqual(order.total);
        expect(books.refunded).toBeLessThanOrEqual(books.captured);
        expect(row?.captured_amount).toBeLessThanOrEqual(books.captured);
        expect(row?.refunded_amount).toBeLessThanOrEqual(books.refunded);
        if (!books.ambiguous) {
          expect(row?.captured_amount).toBe(books.captured);
          expect(row?.refunded_amount).toBe(books.refunded);
        }
        expect(row?.op_lock).toBeNull();
        // Every call to the bank is in the operations log.
        expect(
          await count("SELECT count(*) AS n FROM operations WHERE reference = ?", order.reference),
        ).toBe(bank.requests.length);
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("a retried refund after a lost answer is not refunded twice by the ledger", async () => {
    const { order } = await checkout({}, DEFERRED);
    await postRetour(await accepted(order.reference, order.total), DEFERRED);
    const { books, faults } = bookkeepingBank(order.total);
    expect((await op(order.reference, "capture")).status).toBe(200);
    faults.push("busy");
    expect((await op(order.reference, "recredit")).status).toBe(503);
    expect((await op(order.reference, "recredit")).status).toBe(200);
    const again = await op(order.reference, "recredit");
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe(
      "ERR_NOTHING_TO_REFUND",
    );
    expect(books).toMatchObject({ captured: order.total, refunded: order.total });
    expect((await orderRow(order.reference))?.status).toBe("refunded");
  });

  it("two refunds at once: one reaches the bank, the other is refused by the lock", async () => {
    const { order } = await checkout({}, DEFERRED);
    await postRetour(await accepted(order.reference, order.total), DEFERRED);
    const { books } = bookkeepingBank(order.total);
    expect((await op(order.reference, "capture")).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => op(order.reference, "recredit").then((r) => r.status)),
    );
    expect(answers.filter((s) => s === 200)).toHaveLength(1);
    expect(answers.filter((s) => s === 409)).toHaveLength(4);
    expect(books.refunded).toBe(order.total);
    expect((await orderRow(order.reference))?.refunded_amount).toBe(order.total);
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

  it("split payments: instalment notifications in parallel settle like sequential ones (property)", async () => {
    type Split = "accept" | "pf2" | "pf2-refused" | "pf3" | "pf3-refused" | "pf2-wrong-amount";
    const split = { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }], instalments: 3 };
    async function splitBody(kind: Split, reference: string, total: number, amounts: number[]) {
      if (kind === "accept") return accepted(reference, total);
      const n = kind.startsWith("pf2") ? 2 : 3;
      const each = kind === "pf2-wrong-amount" ? 1 : (amounts[n - 1] ?? 0);
      return notification({
        reference,
        montant: `${(total / 100).toFixed(2)}EUR`,
        "code-retour": kind.endsWith("refused") ? `Annulation_pf${n}` : `paiement_pf${n}`,
        montantech: `${(each / 100).toFixed(2)}EUR`,
      });
    }
    async function state(reference: string) {
      const { results } = await env.DB.prepare(
        "SELECT number, status FROM instalments WHERE reference = ? ORDER BY number",
      )
        .bind(reference)
        .all<{ number: number; status: string }>();
      return { order: await settle(reference), instalments: results };
    }
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom<Split>(
            "accept",
            "pf2",
            "pf2-refused",
            "pf3",
            "pf3-refused",
            "pf2-wrong-amount",
          ),
          { minLength: 2, maxLength: 8 },
        ),
        async (kinds) => {
          const a = await checkout(split, SPLIT);
          const b = await checkout(split, SPLIT);
          const amounts = (
            await env.DB.prepare(
              "SELECT amount FROM instalments WHERE reference = ? ORDER BY number",
            )
              .bind(a.order.reference)
              .all<{ amount: number }>()
          ).results.map((r) => r.amount);
          for (const kind of kinds) {
            await postRetour(await splitBody(kind, a.order.reference, a.order.total, amounts));
          }
          const bodies = await Promise.all(
            kinds.map((kind) => splitBody(kind, b.order.reference, b.order.total, amounts)),
          );
          await Promise.all(bodies.reverse().map((body) => postRetour(body)));
          expect(await state(b.order.reference)).toEqual(await state(a.order.reference));
        },
      ),
      { numRuns: 10 },
    );
  }, 60_000);
});
