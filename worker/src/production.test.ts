/**
 * Production fails closed: a real bank needs an explicit environment, a real key and a strong admin token,
 * and the local sandbox configuration answers only on a loopback host.
 */
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  app,
  BANK_KEY,
  BILLING,
  call,
  env,
  postJson,
  REAL_BANK_TEST,
  STRONG_TOKEN,
} from "../test/helpers.ts";
import { observed } from "../test/secret-scan.ts";

const CART = { items: [{ sku: "CD-BLUE-TRAIN", quantity: 1 }], billing: BILLING };

async function errorOf(response: Response) {
  return { status: response.status, ...((await response.json()) as { error: object }).error };
}

describe("production fails closed", () => {
  it("refuses checkouts on a real bank without BANK_ENV, naming it", async () => {
    for (const bank of ["cm", "cic", "obc", "monetico"]) {
      const response = await postJson(
        "/api/checkout",
        CART,
        {},
        {
          ...REAL_BANK_TEST,
          BANK: bank,
          BANK_ENV: undefined,
        },
      );
      expect(await errorOf(response), bank).toMatchObject({
        status: 500,
        code: "ERR_CONFIG_INVALID",
        field: "BANK_ENV",
      });
    }
  });

  it("refuses the documentation key with a real bank, even on its test server", async () => {
    const response = await postJson(
      "/api/checkout",
      CART,
      {},
      {
        ...REAL_BANK_TEST,
        MERCHANT_KEY: env.MERCHANT_KEY,
      },
    );
    expect(await errorOf(response)).toMatchObject({
      code: "ERR_CONFIG_INVALID",
      field: "MERCHANT_KEY",
    });
  });

  it("requires a strong admin token with a real bank, whatever BANK_ENV says", async () => {
    for (const [token, environment] of [
      ["dev-admin-token", "test"],
      ["dev-admin-token", "production"],
      ["short-but-not-the-dev-token", "test"],
    ]) {
      const response = await call(
        "/api/admin/orders",
        { headers: { Authorization: `Bearer ${token}` } },
        { ...REAL_BANK_TEST, ADMIN_TOKEN: token, BANK_ENV: environment },
      );
      expect(await errorOf(response), `${token} ${environment}`).toMatchObject({
        status: 500,
        code: "ERR_CONFIG_INVALID",
        field: "ADMIN_TOKEN",
      });
    }
    const strong = await call(
      "/api/admin/orders",
      { headers: { Authorization: `Bearer ${STRONG_TOKEN}` } },
      REAL_BANK_TEST,
    );
    expect(strong.status).toBe(200);
  });

  it("answers with the sandbox bank only on a loopback host", async () => {
    for (const host of ["localhost:8787", "127.0.0.1", "127.1.2.3:8787", "[::1]:8787"]) {
      const response = await app.request(`http://${host}/api/health`, {}, env);
      expect(response.status, host).toBe(200);
    }
    for (const host of [
      "sceau-worker.example.workers.dev",
      "shop.example",
      "localhost.evil.example",
    ]) {
      for (const path of ["/api/health", "/api/products", "/api/retour", "/api/admin/orders"]) {
        const response = await app.request(`https://${host}${path}`, { headers: ADMIN }, env);
        expect(await errorOf(response), `${host}${path}`).toMatchObject({
          status: 500,
          code: "ERR_CONFIG_INVALID",
          field: "BANK",
        });
      }
    }
    // A real bank answers on any host.
    const deployed = await app.request(
      "https://pay.shop.example/api/health",
      {},
      {
        ...env,
        ...REAL_BANK_TEST,
      },
    );
    expect(deployed.status).toBe(200);
  });

  it("warns once per order when a real bank's test server takes the payments", async () => {
    const before = observed.lines.length;
    const response = await postJson("/api/checkout", CART, {}, REAL_BANK_TEST);
    expect(response.status).toBe(201);
    const { order } = (await response.json()) as { order: { reference: string } };
    const warnings = observed.lines.slice(before).filter((line) => line.includes('"test-bank"'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] ?? "{}")).toMatchObject({
      event: "test-bank",
      reference: order.reference,
    });
    expect(warnings[0]).toContain("BANK_ENV=production");
    const production = await postJson(
      "/api/checkout",
      CART,
      {},
      {
        ...REAL_BANK_TEST,
        BANK_ENV: "production",
        MERCHANT_KEY: BANK_KEY,
      },
    );
    expect(production.status).toBe(201);
    const sandbox = await postJson("/api/checkout", CART);
    expect(sandbox.status).toBe(201);
    expect(observed.lines.slice(before).filter((l) => l.includes('"test-bank"'))).toHaveLength(1);
  });
});
