import { captureMacData, importKey, recreditMacData, verifySeal } from "@sceau/protocol";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  adminOrder,
  bank,
  call,
  checkout,
  env,
  KEY,
  notification,
  postRetour,
} from "../../test/helpers.ts";
import { csvCell } from "../csv.ts";

type ErrorBody = { error: { code: string; message: string; field?: string } };
const DEFERRED = { PAYMENT_MODE: "deferred" };

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

async function paidOrder(overrides = {}) {
  const { order } = await checkout({}, overrides);
  expect(
    await (await postRetour(await accepted(order.reference, order.total), overrides)).text(),
  ).toBe("version=2\ncdr=0\n");
  return order;
}

async function sealIsValid(fields: Record<string, string>, kind: "capture" | "recredit") {
  const key = await importKey(KEY);
  const data = kind === "capture" ? captureMacData(fields, "v4") : recreditMacData(fields, "v4");
  return verifySeal(key, data, fields.MAC ?? "");
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
    const body = (await response.json()) as { orders: { status: string; createdAt: string }[] };
    expect(body.orders.length).toBeGreaterThan(5);
    for (const o of body.orders) {
      expect(["paid", "refused"]).toContain(o.status);
      expect(o.createdAt >= "2026-02-01" && o.createdAt < "2026-03-01").toBe(true);
    }
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
      "reference,created_at,status,total,currency,captured,refunded,email,paid_at,authorisation_number,anomaly,channel,operator,description",
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
    for (const [body, code] of [
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

describe("capture and cancel", () => {
  it("captures partially several times, then refuses more than authorised without calling the bank", async () => {
    const order = await paidOrder(DEFERRED);
    const first = await op(order.reference, "capture", { amount: 1000 }, DEFERRED);
    expect(first.status).toBe(200);
    const json = (await first.json()) as {
      operation: { ok: boolean; lib: string; cdr: number };
      order: { status: string; ledger: { captured: number; authorisedRemaining: number } };
    };
    expect(json.operation).toMatchObject({ ok: true, cdr: 1, lib: "paiement accepte" });
    expect(json.order.status).toBe("captured");
    expect(json.order.ledger).toMatchObject({ captured: 1000, authorisedRemaining: 1998 });
    const sent = bank.requests[0];
    expect(sent?.url).toBe("http://127.0.0.1:8788/test/capture_paiement.cgi");
    expect(sent?.fields).toMatchObject({
      TPE: "7654321",
      montant: "29.98EUR",
      montant_a_capturer: "10.00EUR",
      montant_deja_capture: "0EUR",
      montant_restant: "19.98EUR",
      reference: order.reference,
    });
    expect(await sealIsValid(sent?.fields ?? {}, "capture")).toBe(true);

    expect((await op(order.reference, "capture", { amount: 998 }, DEFERRED)).status).toBe(200);
    expect(bank.requests[1]?.fields).toMatchObject({
      montant_a_capturer: "9.98EUR",
      montant_deja_capture: "10.00EUR",
      montant_restant: "10.00EUR",
    });
    await expectError(
      await op(order.reference, "capture", { amount: 1001 }, DEFERRED),
      409,
      "ERR_AMOUNT_EXCEEDS_AUTHORISED",
    );
    expect(bank.requests).toHaveLength(2);
    const detail = await adminOrder(order.reference);
    expect(detail.operations.map((o) => o.lib)).toEqual(["paiement accepte", "paiement accepte"]);
  });

  it("cancels the rest after a partial capture, then refuses to capture or cancel", async () => {
    const order = await paidOrder(DEFERRED);
    expect((await op(order.reference, "capture", { amount: 500 }, DEFERRED)).status).toBe(200);
    const res = await op(order.reference, "cancel", undefined, DEFERRED);
    expect(res.status).toBe(200);
    const cancel = bank.requests[1]?.fields ?? {};
    expect(cancel).toMatchObject({
      montant: "29.98EUR",
      montant_a_capturer: "0EUR",
      montant_deja_capture: "5.00EUR",
      montant_restant: "0EUR",
    });
    expect(await sealIsValid(cancel, "capture")).toBe(true);
    const body = (await res.json()) as { order: { status: string; ledger: { captured: number } } };
    expect(body.order).toMatchObject({
      status: "captured",
      ledger: { captured: 500, authorisedRemaining: 0 },
    });
    await expectError(
      await op(order.reference, "capture", {}, DEFERRED),
      409,
      "ERR_AMOUNT_EXCEEDS_AUTHORISED",
    );
    await expectError(
      await op(order.reference, "cancel", undefined, DEFERRED),
      409,
      "ERR_NOTHING_TO_CANCEL",
    );
  });

  it("cancels what is left of an authorisation", async () => {
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
  });

  it("refuses operations on unpaid orders and unknown references", async () => {
    const { order } = await checkout();
    for (const kind of ["capture", "cancel", "recredit", "stop-recurrence"]) {
      await expectError(await op(order.reference, kind), 409, "ERR_ORDER_NOT_PAID");
    }
    expect(bank.requests).toHaveLength(0);
    await expectError(await op("NOSUCHORDER1", "capture"), 404, "ERR_ORDER_NOT_FOUND");
    const paid = await paidOrder(DEFERRED);
    await expectError(
      await op(paid.reference, "capture", { amount: -5 }, DEFERRED),
      400,
      "ERR_AMOUNT_INVALID",
    );
  });

  it("records the bank's refusal word for word and leaves the ledger unchanged", async () => {
    const order = await paidOrder(DEFERRED);
    bank.answer = () => new Response("version=1.0\ncdr=0\nlib=commande expiree\n");
    const body = await expectError(
      await op(order.reference, "capture", { amount: 100 }, DEFERRED),
      409,
      "ERR_BANK_REFUSED",
    );
    expect(body.error.message).toContain("commande expiree");
    expect(body.operation).toMatchObject({ ok: false, lib: "commande expiree" });
    bank.answer = () => new Response("version=1.0\ncdr=-1\nlib=autre traitement en cours\n");
    await expectError(
      await op(order.reference, "capture", { amount: 100 }, DEFERRED),
      503,
      "ERR_BANK_BUSY",
    );
    bank.answer = () => {
      throw new TypeError("connection refused");
    };
    await expectError(
      await op(order.reference, "capture", { amount: 100 }, DEFERRED),
      502,
      "ERR_BANK_UNAVAILABLE",
    );
    bank.answer = () => new Response("<html>maintenance</html>", { status: 200 });
    await expectError(
      await op(order.reference, "capture", { amount: 100 }, DEFERRED),
      502,
      "ERR_BANK_UNAVAILABLE",
    );
    bank.answer = () => new Response("oops", { status: 500 });
    await expectError(
      await op(order.reference, "capture", { amount: 100 }, DEFERRED),
      502,
      "ERR_BANK_UNAVAILABLE",
    );
    const detail = await adminOrder(order.reference);
    expect(detail.order.ledger).toMatchObject({ captured: 0, authorisedRemaining: 2998 });
    expect(detail.operations).toHaveLength(5);
    expect(detail.operations.every((o) => !o.ok)).toBe(true);
    bank.reset();
    expect((await op(order.reference, "capture", { amount: 100 }, DEFERRED)).status).toBe(200);
  });

  it("runs one operation at a time per order", async () => {
    const order = await paidOrder(DEFERRED);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    bank.answer = async () => {
      await gate;
      return new Response("version=1.0\ncdr=1\nlib=paiement accepte\naut=1\n");
    };
    const first = op(order.reference, "capture", { amount: 100 }, DEFERRED);
    // Wait until the first call is at the bank (it holds the lock then).
    for (let i = 0; i < 200 && bank.requests.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(bank.requests).toHaveLength(1);
    const second = await op(order.reference, "capture", { amount: 100 }, DEFERRED);
    await expectError(second, 409, "ERR_OPERATION_IN_PROGRESS");
    release();
    expect((await first).status).toBe(200);
    const detail = await adminOrder(order.reference);
    expect(detail.order.ledger.captured).toBe(100);
  });
});

describe("recredit and stop recurrence", () => {
  it("refunds partially, several times, never more than captured", async () => {
    const order = await paidOrder();
    const first = await op(order.reference, "recredit", { amount: 1000 });
    expect(first.status).toBe(200);
    const sent = bank.requests[0];
    expect(sent?.url).toBe("http://127.0.0.1:8788/test/recredit_paiement.cgi");
    expect(sent?.fields).toMatchObject({
      montant: "29.98EUR",
      montant_recredit: "10.00EUR",
      montant_possible: "29.98EUR",
      num_autorisation: "123456",
    });
    expect(sent?.fields.date_remise).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await sealIsValid(sent?.fields ?? {}, "recredit")).toBe(true);
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
    const body = (await rest.json()) as { order: { status: string; ledger: { refunded: number } } };
    expect(body.order).toMatchObject({ status: "refunded", ledger: { refunded: 2998 } });
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
    expect(bank.requests).toHaveLength(0);
  });

  it("records a refused refund with the bank's code", async () => {
    const order = await paidOrder();
    bank.answer = () =>
      new Response("version=1.0\ncdr=-36\nlib=le maximum de recredit a ete atteint\n");
    const body = await expectError(
      await op(order.reference, "recredit", { amount: 100 }),
      409,
      "ERR_BANK_REFUSED",
    );
    expect(body.error.message).toContain("cdr=-36");
  });

  it("stops a recurrence once", async () => {
    const order = await paidOrder();
    const res = await op(order.reference, "stop-recurrence");
    expect(res.status).toBe(200);
    expect(bank.requests[0]?.fields.stoprecurrence).toBe("oui");
    await expectError(
      await op(order.reference, "stop-recurrence"),
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
