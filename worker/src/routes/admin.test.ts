import { CAPTURE_ANSWERS, RECREDIT_ANSWERS } from "@sceau/bank-sandbox";
import { bankDay, formatBankDay } from "@sceau/protocol";
import { beforeEach, describe, expect, it } from "vitest";
import { referenceMac } from "../../../packages/protocol/test/reference-seal.mjs";
import {
  ADMIN,
  accepted,
  adminOrder,
  bank,
  CARDS,
  call,
  checkout,
  env,
  KEY,
  type LedgerView,
  notification,
  paidOrder,
  postRetour,
  sandbox,
  terminal,
  world,
} from "../../test/helpers.ts";
import { csvCell } from "../csv.ts";

type ErrorBody = { error: { code: string; message: string; field?: string } };
const DEFERRED = terminal("deferred");

/** Today in Paris, as the bank writes a day. */
function today(): string {
  return formatBankDay(bankDay(new Date()));
}

/** Makes the sandbox give its next answer of a service: one of its own documented answers. */
async function scriptBank(
  service: "capture" | "recredit",
  [cdr, lib]: readonly [number, string],
): Promise<void> {
  const response = await sandbox.app.request("/_sandbox/faults", {
    method: "POST",
    body: JSON.stringify({ service, cdr, lib }),
  });
  expect(response.status).toBe(201);
}

async function expectError(response: Response, status: number, code: string) {
  const body = (await response.json()) as ErrorBody & { operation?: { ok: boolean; lib: string } };
  expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
  return body;
}

function op(reference: string, kind: string, body?: unknown, overrides = {}) {
  return call(
    `/api/admin/orders/${reference}/${kind}`,
    {
      method: "POST",
      headers: { ...ADMIN, ...(body !== undefined && { "Content-Type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    },
    overrides,
  );
}

/** The MAC the bank expects on a request the worker sent, from the tests' own reference. */
function expectedMac(fields: Record<string, string>, kind: "capture" | "recredit") {
  return referenceMac(KEY, kind, "v4", fields);
}

beforeEach(() => bank.reset());

describe("admin authentication", () => {
  it("requires the bearer token", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: "Bearer wrong" },
      { Authorization: "dev-admin-token" },
      { Authorization: "Basic ZGV2LWFkbWluLXRva2Vu" },
      { Authorization: "Bearer dev-admin-token-and-more" },
    ]) {
      const response = await call("/api/admin/orders", { headers });
      await expectError(response, 401, "ERR_UNAUTHORIZED");
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
    expect((await call("/api/admin/orders", { headers: ADMIN })).status).toBe(200);
    expect(
      (await call("/api/admin/orders", { headers: { Authorization: "bearer dev-admin-token" } }))
        .status,
    ).toBe(200);
  });

  it("refuses the dev token in production, naming ADMIN_TOKEN", async () => {
    const response = await call(
      "/api/admin/orders",
      { headers: ADMIN },
      { BANK: "monetico", BANK_ENV: "production" },
    );
    const body = await expectError(response, 500, "ERR_CONFIG_INVALID");
    expect(body.error.field).toBe("ADMIN_TOKEN");
    const unset = await call("/api/admin/orders", { headers: ADMIN }, { ADMIN_TOKEN: undefined });
    expect((await expectError(unset, 500, "ERR_CONFIG_INVALID")).error.field).toBe("ADMIN_TOKEN");
  });

  it("lets the shop's origins call it from a browser (bearer token, no cookies)", async () => {
    const preflight = await call("/api/admin/orders/X/capture", {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Headers": "authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
    const get = await call("/api/admin/orders", {
      headers: { ...ADMIN, Origin: "http://localhost:5173" },
    });
    expect(get.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const denied = await call("/api/admin/orders", {
      headers: { Authorization: "Bearer wrong", Origin: "http://localhost:5173" },
    });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const evil = await call("/api/admin/orders/X/capture", {
      method: "POST",
      headers: { ...ADMIN, Origin: "https://evil.example" },
    });
    await expectError(evil, 403, "ERR_ORIGIN_NOT_ALLOWED");
  });
});

describe("listing and export", () => {
  const DAY = 86_400_000;
  const start = Date.parse("2026-01-01T08:00:00.000Z");

  async function seedHistory() {
    const existing = await env.DB.prepare(
      "SELECT count(*) AS n FROM orders WHERE reference LIKE 'HIST%'",
    ).first<{ n: number }>();
    if ((existing?.n ?? 0) > 0) return;
    const statements = Array.from({ length: 240 }, (_, i) => {
      // Pairs of orders share an instant, so the cursor's tie-break on the reference is exercised.
      const at = new Date(start + Math.floor(i / 2) * DAY * 1.6).toISOString();
      const status = ["pending", "paid", "refused", "anomaly"][i % 4];
      return env.DB.prepare(
        `INSERT INTO orders (reference, token_hash, status, total, currency, lang, email, cart, instalments, mac_format,
           tpe, order_date, created_at, updated_at, anomaly_reason)
         VALUES (?, 'x', ?, ?, 'EUR', 'FR', ?, '[]', 1, 'v4', '7654321', ?, ?, ?, ?)`,
      ).bind(
        `HIST${String(i).padStart(4, "0")}`,
        status,
        1000 + i,
        i === 7 ? "=cmd()@evil.example" : `c${i}@example.com`,
        at,
        at,
        at,
        status === "anomaly" ? "amount-mismatch: 1 instead of 2" : null,
      );
    });
    await env.DB.batch(statements);
  }

  it("pages through six months of orders with a cursor, newest first, each once", async () => {
    await seedHistory();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/admin/orders?reference=HIST&limit=50${cursor ? `&cursor=${cursor}` : ""}`;
      const body = (await (await call(query, { headers: ADMIN })).json()) as {
        orders: { reference: string; createdAt: string }[];
        nextCursor: string | null;
      };
      seen.push(...body.orders.map((o) => o.reference));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(240);
    expect(new Set(seen).size).toBe(240);
    expect(seen[0]).toBe("HIST0239");
    expect(seen.at(-1)).toBe("HIST0000");
  });

  it("filters by status and date range", async () => {
    await seedHistory();
    const response = await call(
      "/api/admin/orders?reference=HIST&status=paid,refused&from=2026-02-01&to=2026-02-28&limit=200",
      { headers: ADMIN },
    );
    const body = (await response.json()) as { orders: { reference: string }[] };
    // The seeded orders paid or refused and created in February (UTC), computed from the seed itself.
    const expected = Array.from({ length: 240 }, (_, i) => ({
      reference: `HIST${String(i).padStart(4, "0")}`,
      at: new Date(start + Math.floor(i / 2) * DAY * 1.6).toISOString(),
      status: ["pending", "paid", "refused", "anomaly"][i % 4],
    })).filter((o) => /^2026-02-/.test(o.at) && (o.status === "paid" || o.status === "refused"));
    expect(expected.length).toBe(17);
    expect(body.orders.map((o) => o.reference).sort()).toEqual(
      expected.map((o) => o.reference).sort(),
    );
  });

  it.each([
    ["status=shipped", "ERR_FILTER_INVALID"],
    ["from=yesterday", "ERR_FILTER_INVALID"],
    ["limit=0", "ERR_FILTER_INVALID"],
    ["limit=1000", "ERR_FILTER_INVALID"],
    ["cursor=garbage", "ERR_CURSOR_INVALID"],
    ["reference=a-b", "ERR_FILTER_INVALID"],
  ])("refuses %s", async (query, code) => {
    await expectError(await call(`/api/admin/orders?${query}`, { headers: ADMIN }), 400, code);
  });

  it("exports CSV, defused against spreadsheet formulas", async () => {
    await seedHistory();
    const response = await call("/api/admin/orders.csv?reference=HIST", { headers: ADMIN });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const text = await response.text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "reference,created_at,status,total,currency,captured,refunded,email,paid_at,authorisation_number,anomaly,subtotal,shipping,discount,promo_code,shipping_method,vat,vat_detail,channel,operator,description",
    );
    expect(lines).toHaveLength(241);
    expect(text).toContain("HIST0007");
    expect(text).toContain("'=cmd()@evil.example");
    expect(text).toMatch(/HIST0001,[^,]+,paid,10\.01,EUR,0\.00,0\.00,c1@example\.com/);
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("-1")).toBe("'-1");
  });

  it("shows an order with every notification, event and its schedule", async () => {
    const order = await paidOrder();
    await postRetour(await accepted(order.reference, order.total));
    const detail = await adminOrder(order.reference);
    expect(detail.order.status).toBe("paid");
    expect(detail.notifications).toHaveLength(2);
    expect(detail.notifications.every((n) => n.sealValid)).toBe(true);
    expect(detail.events.map((e) => e.kind)).toEqual(["paid"]);
    const missing = await call("/api/admin/orders/NOSUCHORDER1", { headers: ADMIN });
    await expectError(missing, 404, "ERR_ORDER_NOT_FOUND");
  });
});

describe("products", () => {
  it("creates, updates and deactivates a product", async () => {
    const put = (body: unknown) =>
      call("/api/admin/products/CD-TEST-1", {
        method: "PUT",
        headers: { ...ADMIN, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const created = await put({ name: "Test", unitAmount: 999, currency: "EUR" });
    expect(created.status).toBe(200);
    expect(((await created.json()) as { product: { active: boolean } }).product.active).toBe(true);
    await put({ name: "Test", unitAmount: 999, currency: "EUR", active: false });
    const list = (await (await call("/api/admin/products", { headers: ADMIN })).json()) as {
      products: { sku: string; active: boolean }[];
    };
    expect(list.products.find((p) => p.sku === "CD-TEST-1")?.active).toBe(false);
    const club = await put({ name: "Club", unitAmount: 990, currency: "EUR", subscription: true });
    expect(
      ((await club.json()) as { product: { subscription: boolean } }).product.subscription,
    ).toBe(true);
    for (const [body, code] of [
      [{ name: "x", unitAmount: 1, currency: "EUR", subscription: "yes" }, "ERR_PRODUCT_INVALID"],
      [{ name: "", unitAmount: 1, currency: "EUR" }, "ERR_PRODUCT_INVALID"],
      [{ name: "x", unitAmount: 0, currency: "EUR" }, "ERR_PRODUCT_INVALID"],
      [{ name: "x", unitAmount: 1, currency: "EURO" }, "ERR_CURRENCY_UNKNOWN"],
      [{ name: "x", unitAmount: 1, currency: "EUR", active: "yes" }, "ERR_PRODUCT_INVALID"],
      [{ name: "x", unitAmount: 1, currency: "EUR", maxInstalments: 9 }, "ERR_PRODUCT_INVALID"],
    ] as const) {
      await expectError(await put(body), 400, code);
    }
    const bad = await call("/api/admin/products/bad%20sku", {
      method: "PUT",
      headers: { ...ADMIN, "Content-Type": "application/json" },
      body: "{}",
    });
    await expectError(bad, 400, "ERR_SKU_INVALID");
  });
});

describe("capture and cancel, against the bank sandbox", () => {
  it("captures a deferred payment once, for less than authorised; the bank releases the rest", async () => {
    const order = await paidOrder(DEFERRED);
    const first = await op(order.reference, "capture", { amount: 1000 }, DEFERRED);
    expect(first.status).toBe(200);
    const json = (await first.json()) as {
      operation: { ok: boolean; lib: string; cdr: number };
      order: { status: string; ledger: LedgerView };
    };
    expect(json.operation).toMatchObject({ ok: true, cdr: 1, lib: "paiement accepte" });
    expect(json.order.status).toBe("captured");
    expect(json.order.ledger.totals).toMatchObject({
      captured: 1000,
      released: 1998,
      capturable: 0,
    });
    const sent = bank.requests[0];
    expect(sent?.url).toBe("http://127.0.0.1:8788/test/capture_paiement.cgi");
    expect(sent?.fields).toMatchObject({
      TPE: "7654324",
      date_commande: today(),
      montant: "29.98EUR",
      montant_a_capturer: "10.00EUR",
      montant_deja_capture: "0EUR",
      montant_restant: "19.98EUR",
      reference: order.reference,
    });
    expect(sent?.fields.MAC).toBe(expectedMac(sent?.fields ?? {}, "capture"));
    // Nothing is left authorised: neither offered nor sent.
    expect(json.order.ledger.actions.map((a) => a.kind)).toEqual(["recredit"]);
    await expectError(
      await op(order.reference, "capture", { amount: 1 }, DEFERRED),
      409,
      "ERR_AMOUNT_EXCEEDS_AUTHORISED",
    );
    await expectError(
      await op(order.reference, "cancel", undefined, DEFERRED),
      409,
      "ERR_NOTHING_TO_CANCEL",
    );
    expect(bank.requests).toHaveLength(1);
  });

  it("captures a partial payment several times, each under its own authorisation", async () => {
    const partial = terminal("partial");
    const order = await paidOrder(partial);
    expect((await op(order.reference, "capture", { amount: 1000 }, partial)).status).toBe(200);
    expect((await op(order.reference, "capture", { amount: 998 }, partial)).status).toBe(200);
    expect(bank.requests[1]?.fields).toMatchObject({
      montant_a_capturer: "9.98EUR",
      montant_deja_capture: "10.00EUR",
      montant_restant: "10.00EUR",
    });
    await expectError(
      await op(order.reference, "capture", { amount: 1001 }, partial),
      409,
      "ERR_AMOUNT_EXCEEDS_AUTHORISED",
    );
    expect(bank.requests).toHaveLength(2);
    const detail = await adminOrder(order.reference, partial);
    const numbers = detail.order.ledger.payments[0]?.authorisations.map((a) => a.number) ?? [];
    expect(new Set(numbers).size).toBe(2);
    expect(detail.operations.map((o) => o.lib)).toEqual(["paiement accepte", "paiement accepte"]);
  });

  it("cancels a deferred payment before its capture", async () => {
    const order = await paidOrder(DEFERRED);
    const res = await op(order.reference, "cancel", undefined, DEFERRED);
    expect(res.status).toBe(200);
    expect(bank.requests[0]?.fields).toMatchObject({
      montant_a_capturer: "0EUR",
      montant_deja_capture: "0EUR",
      montant_restant: "0EUR",
    });
    const body = (await res.json()) as { order: { status: string }; operation: { lib: string } };
    expect(body.order.status).toBe("cancelled");
    expect(body.operation.lib).toBe("commande annulee");
    await expectError(
      await op(order.reference, "capture", {}, DEFERRED),
      409,
      "ERR_AMOUNT_EXCEEDS_AUTHORISED",
    );
  });

  it("refuses operations on unpaid orders, unknown references and modes that do not have them", async () => {
    const { order } = await checkout();
    for (const kind of ["capture", "cancel", "recredit", "stop-recurrence"]) {
      await expectError(await op(order.reference, kind), 409, "ERR_ORDER_NOT_PAID");
    }
    await expectError(await op("NOSUCHORDER1", "capture"), 404, "ERR_ORDER_NOT_FOUND");
    const immediate = await paidOrder();
    for (const kind of ["capture", "cancel", "stop-recurrence"]) {
      await expectError(await op(immediate.reference, kind), 409, "ERR_OPERATION_UNAVAILABLE");
    }
    expect(bank.requests).toHaveLength(0);
    const paid = await paidOrder(DEFERRED);
    await expectError(
      await op(paid.reference, "capture", { amount: -5 }, DEFERRED),
      400,
      "ERR_AMOUNT_INVALID",
    );
  });

  it("records the bank's refusal word for word and leaves the ledger unchanged", async () => {
    const partial = terminal("partial");
    const order = await paidOrder(partial, { card: CARDS.laterRetry });
    const refused = await expectError(
      await op(order.reference, "capture", { amount: 100 }, partial),
      409,
      "ERR_BANK_REFUSED",
    );
    expect(refused.error.message).toBe("The bank answered cdr=0: autorisation refusee");
    expect(refused.operation).toMatchObject({ ok: false, lib: "autorisation refusee" });
    await scriptBank("capture", CAPTURE_ANSWERS.concurrent);
    await expectError(
      await op(order.reference, "capture", { amount: 100 }, partial),
      503,
      "ERR_BANK_BUSY",
    );
    for (const fault of ["timeout", "garbage", "http-500"] as const) {
      bank.faults.push(fault);
      await expectError(
        await op(order.reference, "capture", { amount: 100 }, partial),
        502,
        "ERR_BANK_UNAVAILABLE",
      );
    }
    const detail = await adminOrder(order.reference, partial);
    expect(detail.order.ledger.totals).toMatchObject({ captured: 0, capturable: 2998 });
    expect(detail.operations.map((o) => [o.ok, o.cdr])).toEqual([
      [false, 0],
      [false, -1],
      [false, null],
      [false, null],
      [false, null],
    ]);
    expect((await op(order.reference, "capture", { amount: 100 }, partial)).status).toBe(200);
  });

  it("runs one operation at a time per order", async () => {
    const order = await paidOrder(DEFERRED);
    let release: () => void = () => {};
    world.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = op(order.reference, "capture", { amount: 100 }, DEFERRED);
    // Wait until the first call is at the bank (it holds the lock then).
    for (let i = 0; i < 200 && bank.requests.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(bank.requests).toHaveLength(1);
    const second = await op(order.reference, "cancel", undefined, DEFERRED);
    await expectError(second, 409, "ERR_OPERATION_IN_PROGRESS");
    world.gate = undefined;
    release();
    expect((await first).status).toBe(200);
    const detail = await adminOrder(order.reference, DEFERRED);
    expect(detail.order.ledger.totals.captured).toBe(100);
  });
});

describe("recredit and stop recurrence, against the bank sandbox", () => {
  it("refunds partially, several times, never more than captured", async () => {
    const order = await paidOrder();
    const { order: paid } = await adminOrder(order.reference);
    const first = await op(order.reference, "recredit", { amount: 1000 });
    expect(first.status).toBe(200);
    const sent = bank.requests[0];
    expect(sent?.url).toBe("http://127.0.0.1:8788/test/recredit_paiement.cgi");
    expect(sent?.fields).toMatchObject({
      date_commande: today(),
      date_remise: today(),
      montant: "29.98EUR",
      montant_recredit: "10.00EUR",
      montant_possible: "29.98EUR",
      num_autorisation: paid.authorisationNumber,
    });
    expect(sent?.fields.MAC).toBe(expectedMac(sent?.fields ?? {}, "recredit"));
    await expectError(
      await op(order.reference, "recredit", { amount: 1999 }),
      409,
      "ERR_AMOUNT_EXCEEDS_REFUNDABLE",
    );
    const rest = await op(order.reference, "recredit");
    expect(rest.status).toBe(200);
    expect(bank.requests[1]?.fields).toMatchObject({
      montant_recredit: "19.98EUR",
      montant_possible: "19.98EUR",
    });
    const body = (await rest.json()) as { order: { status: string; ledger: LedgerView } };
    expect(body.order.status).toBe("refunded");
    expect(body.order.ledger.totals.refunded).toBe(2998);
    await expectError(
      await op(order.reference, "recredit", { amount: 1 }),
      409,
      "ERR_NOTHING_TO_REFUND",
    );
    expect(bank.requests).toHaveLength(2);
  });

  it("refuses to refund an authorised but uncaptured order", async () => {
    const order = await paidOrder(DEFERRED);
    await expectError(
      await op(order.reference, "recredit", { amount: 1 }, DEFERRED),
      409,
      "ERR_ORDER_NOT_CAPTURED",
    );
  });

  it("refuses to refund without the bank's authorisation number", async () => {
    const { order } = await checkout();
    const body = await notification({
      reference: order.reference,
      montant: "29.98EUR",
      "code-retour": "payetest",
    });
    await postRetour(body);
    await expectError(await op(order.reference, "recredit"), 409, "ERR_AUTHORISATION_UNKNOWN");
    await expectError(
      await op(order.reference, "recredit", { authorisation: "999999" }),
      409,
      "ERR_AUTHORISATION_UNKNOWN",
    );
    await expectError(
      await op(order.reference, "recredit", { authorisation: "12-34" }),
      400,
      "ERR_AUTHORISATION_INVALID",
    );
    expect(bank.requests).toHaveLength(0);
  });

  it("records a refused refund with the bank's code", async () => {
    const order = await paidOrder();
    await scriptBank("recredit", RECREDIT_ANSWERS.maximumReached);
    const body = await expectError(
      await op(order.reference, "recredit", { amount: 100 }),
      409,
      "ERR_BANK_REFUSED",
    );
    expect(body.error.message).toContain("cdr=-36");
  });

  it("stops a recurrence once, on a recurring terminal", async () => {
    const recurring = terminal("recurring");
    const order = await paidOrder(recurring, {
      body: { items: [{ sku: "CLUB-CD-DU-MOIS", quantity: 1 }] },
    });
    const res = await op(order.reference, "stop-recurrence", undefined, recurring);
    expect(res.status).toBe(200);
    expect(bank.requests[0]?.fields.stoprecurrence).toBe("oui");
    const body = (await res.json()) as {
      operation: { lib: string };
      order: { ledger: LedgerView };
    };
    expect(body.operation.lib).toBe("recurrence stoppee");
    expect(body.order.ledger.recurrence).toMatchObject({ active: false, next: null });
    await expectError(
      await op(order.reference, "stop-recurrence", undefined, recurring),
      409,
      "ERR_RECURRENCE_ALREADY_STOPPED",
    );
  });

  it("needs a valid configuration to call the bank", async () => {
    const order = await paidOrder();
    const res = await op(
      order.reference,
      "recredit",
      { amount: 1 },
      { MERCHANT_KEY: "x".repeat(40) },
    );
    const body = await expectError(res, 500, "ERR_CONFIG_INVALID");
    expect(body.error.field).toBe("MERCHANT_KEY");
  });
});
