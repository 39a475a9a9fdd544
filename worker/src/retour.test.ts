import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accepted,
  adminOrder,
  BILLING,
  call,
  checkout,
  env,
  INVALID,
  notification,
  OK,
  orderStatus,
  postRetour,
  refused,
  SPLIT,
} from "../test/helpers.ts";

const PROD_KEY = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";
const PRODUCTION = { BANK: "monetico", BANK_ENV: "production", MERCHANT_KEY: PROD_KEY };

async function paidEvents(reference: string): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT count(*) AS n FROM order_events WHERE reference = ? AND kind = 'paid'",
  )
    .bind(reference)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe("Retour receipt", () => {
  it("answers cdr=0 as text/plain for a valid seal and marks the order paid", async () => {
    const { order } = await checkout();
    const response = await postRetour(await accepted(order.reference, order.total));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(await response.text()).toBe(OK);
    const detail = await adminOrder(order.reference);
    expect(detail.order.status).toBe("paid");
    expect(detail.order.authorisationNumber).toBe("123456");
    expect(detail.notifications).toHaveLength(1);
    expect(detail.notifications[0]?.classification).toBe("accepted");
    expect(detail.events.map((e) => e.kind)).toEqual(["paid"]);
  });

  it("answers cdr=1 for a tampered body and leaves the order alone", async () => {
    const { order } = await checkout();
    const body = (await accepted(order.reference, order.total)).replace(
      /montant=[^&]*/,
      "montant=0.01EUR",
    );
    const response = await postRetour(body);
    expect(await response.text()).toBe(INVALID);
    expect(await orderStatus(order.reference)).toBe("pending");
    const stored = await env.DB.prepare(
      "SELECT classification, seal_valid, reference FROM notifications ORDER BY seq DESC LIMIT 1",
    ).first<{ classification: string; seal_valid: number; reference: string | null }>();
    // Kept, but linked to no order: anyone can post any reference with a wrong seal.
    expect(stored).toEqual({ classification: "invalid-seal", seal_valid: 0, reference: null });
  });

  it("answers cdr=1 for a seal made with another key", async () => {
    const { order } = await checkout();
    const body = await notification(
      { reference: order.reference, montant: "29.98EUR", "code-retour": "payetest" },
      { key: PROD_KEY },
    );
    expect(await (await postRetour(body)).text()).toBe(INVALID);
    expect(await orderStatus(order.reference)).toBe("pending");
  });

  it("answers cdr=1 for a body without MAC and for a flipped MAC digit", async () => {
    const { order } = await checkout();
    const body = await accepted(order.reference, order.total);
    const noMac = body.replace(/&?MAC=[0-9a-f]+/, "");
    expect(await (await postRetour(noMac)).text()).toBe(INVALID);
    const flipped = body.replace(
      /MAC=([0-9a-f])/,
      (_, d: string) => `MAC=${d === "0" ? "1" : "0"}`,
    );
    expect(await (await postRetour(flipped)).text()).toBe(INVALID);
    expect(await orderStatus(order.reference)).toBe("pending");
  });

  it("stores a malformed body (repeated field) and answers cdr=1", async () => {
    const response = await postRetour("reference=A&reference=B&MAC=00");
    expect(await response.text()).toBe(INVALID);
    const row = await env.DB.prepare(
      "SELECT classification FROM notifications ORDER BY seq DESC LIMIT 1",
    ).first<{ classification: string }>();
    expect(row?.classification).toBe("malformed");
  });

  it("answers cdr=1 for a validly sealed but unreadable notification, without touching the order", async () => {
    const { order } = await checkout();
    const body = await notification({
      reference: order.reference,
      montant: "29.98EUR",
      "code-retour": "peut-etre",
    });
    expect(await (await postRetour(body)).text()).toBe(INVALID);
    expect(await orderStatus(order.reference)).toBe("pending");
  });

  it("records an unknown reference as an orphan", async () => {
    const body = await accepted("NOSUCHORDER1", 1000);
    expect(await (await postRetour(body)).text()).toBe(OK);
    const row = await env.DB.prepare(
      "SELECT classification FROM notifications WHERE reference = 'NOSUCHORDER1'",
    ).first<{ classification: string }>();
    expect(row?.classification).toBe("orphan");
    const list = await call("/api/admin/notifications?classification=orphan", {
      headers: { Authorization: "Bearer dev-admin-token" },
    });
    const json = (await list.json()) as { notifications: { reference: string }[] };
    expect(json.notifications.some((n) => n.reference === "NOSUCHORDER1")).toBe(true);
  });

  it("accepts the GET replay of the bank's alert e-mail", async () => {
    const { order } = await checkout();
    const query = await accepted(order.reference, order.total);
    const response = await call(`/api/retour?${query}`);
    expect(await response.text()).toBe(OK);
    expect(await orderStatus(order.reference)).toBe("paid");
    const row = await env.DB.prepare("SELECT method FROM notifications WHERE reference = ?")
      .bind(order.reference)
      .first<{ method: string }>();
    expect(row?.method).toBe("GET");
  });

  it("answers cdr=1 to an empty GET and accepts a POST without Content-Type", async () => {
    const empty = await call("/api/retour");
    expect(await empty.text()).toBe(INVALID);
    const { order } = await checkout();
    const bare = await call("/api/retour", {
      method: "POST",
      body: new TextEncoder().encode(await accepted(order.reference, order.total)),
    });
    expect(await bare.text()).toBe(OK);
    expect(await orderStatus(order.reference)).toBe("paid");
  });

  it("refuses a non-form body (415) and an oversized one (413)", async () => {
    const json = await call("/api/retour", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe(
      "ERR_UNSUPPORTED_MEDIA_TYPE",
    );
    const big = await postRetour(`texte-libre=${"x".repeat(20_000)}`);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe(
      "ERR_BODY_TOO_LARGE",
    );
    const bigGet = await call(`/api/retour?texte-libre=${"x".repeat(20_000)}`);
    expect(bigGet.status).toBe(413);
  });

  it("keeps the call and answers 503 (no receipt) when the configuration is broken", async () => {
    const response = await postRetour("reference=ABC&MAC=00", { MERCHANT_KEY: "short" });
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).toContain("ERR_CONFIG_INVALID");
    expect(body).toContain("MERCHANT_KEY");
    const row = await env.DB.prepare(
      "SELECT classification FROM notifications ORDER BY seq DESC LIMIT 1",
    ).first<{ classification: string }>();
    expect(row?.classification).toBe("unverified");
  });

  it("keeps the log append-only", async () => {
    await expect(env.DB.prepare("DELETE FROM notifications").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("UPDATE notifications SET body = ''").run()).rejects.toThrow(
      /append-only/,
    );
  });
});

describe("Retour mismatches", () => {
  it("flags an amount mismatch as an anomaly, never paid", async () => {
    const { order } = await checkout();
    expect(await (await postRetour(await accepted(order.reference, order.total - 1))).text()).toBe(
      OK,
    );
    const detail = await adminOrder(order.reference);
    expect(detail.order.status).toBe("anomaly");
    expect(detail.order.anomaly).toMatch(/^amount-mismatch/);
  });

  it("flags a currency mismatch", async () => {
    const { order } = await checkout();
    const body = await notification({
      reference: order.reference,
      montant: "29.98USD",
      "code-retour": "payetest",
    });
    await postRetour(body);
    const detail = await adminOrder(order.reference);
    expect(detail.order.status).toBe("anomaly");
    expect(detail.order.anomaly).toMatch(/^currency-mismatch/);
  });

  it("flags a notification for another TPE", async () => {
    const { order } = await checkout();
    const body = await notification(
      { reference: order.reference, montant: "29.98EUR", "code-retour": "payetest" },
      { tpe: "1111111" },
    );
    expect(await (await postRetour(body)).text()).toBe(OK);
    const detail = await adminOrder(order.reference);
    expect(detail.order.status).toBe("anomaly");
    expect(detail.order.anomaly).toMatch(/^tpe-mismatch/);
  });

  it("accepts payetest on a test terminal only", async () => {
    const test = await checkout();
    await postRetour(await accepted(test.order.reference, test.order.total));
    expect(await orderStatus(test.order.reference)).toBe("paid");
    const row = await env.DB.prepare("SELECT test_payment FROM orders WHERE reference = ?")
      .bind(test.order.reference)
      .first<{ test_payment: number }>();
    expect(row?.test_payment).toBe(1);

    const prod = await checkout({}, PRODUCTION);
    const payetest = await notification(
      { reference: prod.order.reference, montant: "29.98EUR", "code-retour": "payetest" },
      { key: PROD_KEY },
    );
    expect(await (await postRetour(payetest, PRODUCTION)).text()).toBe(OK);
    expect(await orderStatus(prod.order.reference)).toBe("anomaly");

    const real = await checkout({}, PRODUCTION);
    const paiement = await notification(
      { reference: real.order.reference, montant: "29.98EUR", "code-retour": "paiement" },
      { key: PROD_KEY },
    );
    expect(await (await postRetour(paiement, PRODUCTION)).text()).toBe(OK);
    expect(await orderStatus(real.order.reference)).toBe("paid");
  });

  it("a later matching acceptance still pays an order flagged by an earlier mismatch", async () => {
    const { order } = await checkout();
    await postRetour(await accepted(order.reference, 1));
    await postRetour(await accepted(order.reference, order.total));
    const detail = await adminOrder(order.reference);
    expect(detail.order.status).toBe("paid");
    expect(detail.order.anomaly).toMatch(/^amount-mismatch/);
  });
});

type Step = "accept" | "refuse" | "anomaly";
const RANK: Record<string, number> = { pending: 0, refused: 1, anomaly: 2, paid: 3 };

async function deliver(reference: string, total: number, step: Step) {
  const body =
    step === "accept"
      ? await accepted(reference, total)
      : step === "refuse"
        ? await refused(reference, total)
        : await accepted(reference, total + 100);
  const response = await postRetour(body);
  expect(await response.text()).toBe(OK);
}

function expected(steps: Step[]): string {
  let best = "pending";
  for (const step of steps) {
    const target = step === "accept" ? "paid" : step === "refuse" ? "refused" : "anomaly";
    if ((RANK[target] ?? 0) > (RANK[best] ?? 0)) best = target;
  }
  return best;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe("Retour state machine", () => {
  it("ends in the same state for every ordering of accept, refuse, replay and mismatch", async () => {
    const orderings = permutations<Step>(["refuse", "accept", "accept", "anomaly"]);
    for (const steps of orderings) {
      const { order } = await checkout();
      for (const step of steps) await deliver(order.reference, order.total, step);
      expect(await orderStatus(order.reference), steps.join(",")).toBe("paid");
      expect(await paidEvents(order.reference)).toBe(1);
    }
  });

  it("refusal then acceptance ends paid; acceptance then refusal stays paid", async () => {
    for (const steps of [
      ["refuse", "accept"],
      ["accept", "refuse"],
      ["refuse", "refuse"],
      ["refuse", "anomaly"],
      ["anomaly", "refuse"],
    ] as Step[][]) {
      const { order } = await checkout();
      for (const step of steps) await deliver(order.reference, order.total, step);
      expect(await orderStatus(order.reference), steps.join(",")).toBe(expected(steps));
    }
  });

  it("is a lattice: any sequence ends in its highest state (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Step>("accept", "refuse", "anomaly"), {
          minLength: 1,
          maxLength: 5,
        }),
        async (steps) => {
          const { order } = await checkout();
          for (const step of steps) await deliver(order.reference, order.total, step);
          expect(await orderStatus(order.reference)).toBe(expected(steps));
          expect(await paidEvents(order.reference)).toBe(steps.includes("accept") ? 1 : 0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("changes the order once when the same notification arrives 50 times at once", async () => {
    const { order } = await checkout();
    const body = await accepted(order.reference, order.total);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => postRetour(body).then((r) => r.text())),
    );
    expect(answers.every((a) => a === OK)).toBe(true);
    expect(await orderStatus(order.reference)).toBe("paid");
    expect(await paidEvents(order.reference)).toBe(1);
    const stored = await env.DB.prepare(
      "SELECT count(*) AS n FROM notifications WHERE reference = ?",
    )
      .bind(order.reference)
      .first<{ n: number }>();
    expect(stored?.n).toBe(50);
  });

  it("ends paid when 25 refusals and 25 acceptances race", async () => {
    const { order } = await checkout();
    const accept = await accepted(order.reference, order.total);
    const refuse = await refused(order.reference, order.total);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postRetour(i % 2 ? accept : refuse).then((r) => r.text()),
      ),
    );
    expect(await orderStatus(order.reference)).toBe("paid");
    expect(await paidEvents(order.reference)).toBe(1);
  });
});

describe("Retour for split payments", () => {
  it("updates the instalment schedule, idempotently and in any order", async () => {
    const { order } = await checkout(
      { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }], instalments: 3 },
      SPLIT,
    );
    const first = await adminOrder(order.reference);
    expect(first.schedule.map((i) => i.status)).toEqual(["scheduled", "scheduled", "scheduled"]);
    const amounts = first.schedule.map((i) => i.amount);
    const split = (code: string, n: number) =>
      notification({
        reference: order.reference,
        montant: "179.90EUR",
        "code-retour": code,
        montantech: `${((amounts[n - 1] ?? 0) / 100).toFixed(2)}EUR`,
      });
    await postRetour(await split("paiement_pf2", 2));
    await postRetour(await accepted(order.reference, order.total));
    await postRetour(await split("Annulation_pf3", 3));
    await postRetour(await split("Annulation_pf2", 2));
    await postRetour(await split("paiement_pf2", 2));
    const detail = await adminOrder(order.reference);
    expect(detail.order.status).toBe("paid");
    expect(detail.schedule.map((i) => i.status)).toEqual(["collected", "collected", "refused"]);
  });

  it("flags an instalment amount that does not match the schedule", async () => {
    const { order } = await checkout(
      { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }], instalments: 2 },
      SPLIT,
    );
    await postRetour(await accepted(order.reference, order.total));
    const body = await notification({
      reference: order.reference,
      montant: "179.90EUR",
      "code-retour": "paiement_pf2",
      montantech: "1.00EUR",
    });
    await postRetour(body);
    const detail = await adminOrder(order.reference);
    expect(detail.order.status).toBe("paid");
    expect(detail.order.anomaly).toMatch(/^instalment-amount-mismatch/);
    expect(detail.schedule[1]?.status).toBe("scheduled");
  });
});

describe("Retour in the v3 format", () => {
  it("checks the v3 seal and pays the order", async () => {
    const v3 = { MAC_FORMAT: "v3" };
    const { order, form } = await checkout({ billing: undefined, shipping: BILLING }, v3);
    expect(form.fields.reference).toHaveLength(12);
    const body = await notification(
      { reference: order.reference, montant: "29.98EUR", "code-retour": "payetest" },
      { format: "v3" },
    );
    expect(await (await postRetour(body, v3)).text()).toBe(OK);
    expect(await orderStatus(order.reference)).toBe("paid");
    // The same body checked as v4 does not verify.
    const other = await checkout({}, {});
    const v3Body = await notification(
      { reference: other.order.reference, montant: "29.98EUR", "code-retour": "payetest" },
      { format: "v3" },
    );
    expect(await (await postRetour(v3Body)).text()).toBe(INVALID);
  });
});
