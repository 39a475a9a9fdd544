import { describe, expect, it } from "vitest";
import { ADMIN, call, env, KEY } from "../../test/helpers.ts";
import type { Env } from "../env.ts";

interface Settings {
  terminal: Record<string, string> | null;
  urls: Record<string, string | null>;
  shopOrigins: string[] | null;
  adminOrigins: string[] | null;
  checkoutRateLimit: string | null;
  problems: { variable: string; message: string }[];
  warnings: { variable: string; message: string }[];
}

async function settings(overrides: Partial<Env> = {}): Promise<Settings> {
  const headers = overrides.ADMIN_TOKEN
    ? { Authorization: `Bearer ${overrides.ADMIN_TOKEN}` }
    : ADMIN;
  const response = await call("/api/admin/settings", { headers }, overrides);
  expect(response.status).toBe(200);
  return response.json();
}

describe("GET /api/admin/settings", () => {
  it("shows the terminal, its bank's URLs and the worker's own, with no problem on the dev configuration", async () => {
    expect(await settings()).toEqual({
      terminal: {
        tpe: "7654321",
        societe: "boutiqueducd",
        macFormat: "v4",
        paymentMode: "immediate",
        bank: "sandbox",
        environment: "test",
      },
      urls: {
        payment: "http://127.0.0.1:8788/test/paiement.cgi",
        capture: "http://127.0.0.1:8788/test/capture_paiement.cgi",
        recredit: "http://127.0.0.1:8788/test/recredit_paiement.cgi",
        retour: "http://127.0.0.1:8787/api/retour",
        returnOk: "http://localhost:5173/merci.html",
        returnError: "http://localhost:5173/erreur.html",
        returnCancel: "http://localhost:5173/",
      },
      shopOrigins: ["http://localhost:5173", "http://127.0.0.1:5173"],
      adminOrigins: [],
      checkoutRateLimit: "120/600",
      retourInvalidRateLimit: "30/600",
      retourLogRetentionDays: 30,
      problems: [],
      warnings: [],
    });
  });

  it("names every misconfigured variable instead of failing, and shows what still works", async () => {
    const body = await settings({
      MAC_FORMAT: "v9",
      RETURN_URL_OK: "not a url",
      SHOP_ORIGINS: "https://shop.example/path",
      CHECKOUT_RATE_LIMIT: "lots",
      RETOUR_LOG_RETENTION_DAYS: "forever",
    });
    expect(body.problems.map((p) => p.variable)).toEqual([
      "MAC_FORMAT",
      "RETURN_URL_OK",
      "SHOP_ORIGINS",
      "CHECKOUT_RATE_LIMIT",
      "RETOUR_LOG_RETENTION_DAYS",
    ]);
    expect(body.problems[0]?.message).toMatch(/^MAC_FORMAT: /);
    expect(body.terminal).toBeNull();
    expect(body.urls.payment).toBeNull();
    expect(body.urls.retour).toBe("http://127.0.0.1:8787/api/retour");
    expect(body.shopOrigins).toBeNull();
    expect(body.checkoutRateLimit).toBeNull();
  });

  it("says the key is wrong without showing it", async () => {
    const wrongKey = "ZZ".repeat(20);
    const response = await call(
      "/api/admin/settings",
      { headers: ADMIN },
      { MERCHANT_KEY: wrongKey },
    );
    const text = await response.text();
    const body = JSON.parse(text) as Settings;
    expect(body.problems).toEqual([
      { variable: "MERCHANT_KEY", message: expect.stringMatching(/^MERCHANT_KEY: /) },
    ]);
    expect(body.terminal?.tpe).toBe("7654321");
    for (const secret of [wrongKey, KEY, env.ADMIN_TOKEN ?? "dev-admin-token"]) {
      expect(text).not.toContain(secret);
      expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });

  it("names BANK_ENV and the documentation key when a real bank is set without them", async () => {
    const body = await settings({
      BANK: "cic",
      BANK_ENV: "",
      ADMIN_TOKEN: "a-long-random-admin-token-for-tests-0123456789",
    });
    expect(body.problems.map((p) => p.variable)).toEqual(["BANK_ENV"]);
    expect(body.terminal).toBeNull();
    const withEnv = await settings({
      BANK: "cic",
      BANK_ENV: "test",
      ADMIN_TOKEN: "a-long-random-admin-token-for-tests-0123456789",
    });
    expect(withEnv.problems.map((p) => p.variable)).toEqual(["MERCHANT_KEY"]);
  });

  it("warns about a real bank's test server and an empty shop origin list", async () => {
    const body = await settings({
      BANK: "cic",
      BANK_ENV: "test",
      MERCHANT_KEY: "1234567890ABCDEF1234567890ABCDEF12345678",
      SHOP_ORIGINS: "",
      ADMIN_TOKEN: "a-long-random-admin-token-for-tests-0123456789",
    });
    expect(body.problems).toEqual([]);
    expect(body.terminal?.bank).toBe("cic");
    expect(body.urls.payment).toMatch(/^https:\/\/ssl\.paiement\.cic-banques\.fr\/test\//);
    expect(body.warnings.map((w) => w.variable)).toEqual(["BANK_ENV", "SHOP_ORIGINS"]);
  });

  it("warns about http return pages in production", async () => {
    const { warnings } = await settings({
      BANK: "cic",
      BANK_ENV: "production",
      MERCHANT_KEY: "1234567890ABCDEF1234567890ABCDEF12345678",
      ADMIN_TOKEN: "a-long-random-admin-token-for-tests-0123456789",
      SHOP_ORIGINS: "https://shop.example",
      RETURN_URL_OK: "http://shop.example/merci",
      RETURN_URL_ERR: "https://shop.example/erreur",
      RETURN_URL: "",
    });
    expect(warnings.map((w) => w.variable)).toEqual(["RETURN_URL_OK"]);
  });

  it("is behind the admin token", async () => {
    expect((await call("/api/admin/settings")).status).toBe(401);
  });
});
