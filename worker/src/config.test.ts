import { describe, expect, it } from "vitest";
import { env } from "../test/helpers.ts";
import {
  adminToken,
  isLoopbackOrigin,
  returnUrls,
  shopOrigins,
  terminalSettings,
} from "./config.ts";
import { ApiError } from "./errors.ts";

async function failure(run: () => unknown): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error("expected a configuration error");
}

describe("configuration", () => {
  it("builds the local sandbox terminal from wrangler.jsonc and .dev.vars", async () => {
    const settings = await terminalSettings(env);
    expect(settings).toMatchObject({
      tpe: "7654321",
      societe: "boutiqueducd",
      format: "v4",
      bank: "sandbox",
      environment: "test",
      rules: { mode: "immediate" },
    });
    expect(settings.terminal.urls.payment).toBe("http://127.0.0.1:8788/test/paiement.cgi");
    expect(await terminalSettings(env)).toBe(settings);
  });

  it("uses the bank's own servers outside the sandbox", async () => {
    const settings = await terminalSettings({
      ...env,
      BANK: "cic",
      BANK_ENV: "production",
      MERCHANT_KEY: "ABCDEF0123456789ABCDEF0123456789ABCDEF01",
    });
    expect(settings.terminal.urls.capture).toBe(
      "https://ssl.paiement.cic-banques.fr/capture_paiement.cgi",
    );
  });

  it("refuses the documentation key in production (any case)", async () => {
    const error = await failure(() =>
      terminalSettings({
        ...env,
        BANK: "cm",
        BANK_ENV: "production",
        MERCHANT_KEY: env.MERCHANT_KEY?.toLowerCase(),
      }),
    );
    expect(error.field).toBe("MERCHANT_KEY");
    expect(error.message).not.toContain("0123456789");
  });

  it("validates return URLs, origins and the admin token", async () => {
    expect(returnUrls(env).ok.href).toBe("http://localhost:5173/merci.html");
    expect(
      (await failure(() => returnUrls({ ...env, RETURN_URL: "javascript:alert(1)" }))).field,
    ).toBe("RETURN_URL");
    expect(shopOrigins({ ...env, SHOP_ORIGINS: "https://a.example, https://b.example/" })).toEqual([
      "https://a.example",
      "https://b.example",
    ]);
    expect(shopOrigins({ ...env, SHOP_ORIGINS: "" })).toEqual([]);
    expect((await failure(() => shopOrigins({ ...env, SHOP_ORIGINS: "not a url" }))).field).toBe(
      "SHOP_ORIGINS",
    );
    expect(adminToken(env)).toBe("dev-admin-token");
    const strong = "s".repeat(40);
    expect(adminToken({ ...env, BANK_ENV: "production", ADMIN_TOKEN: strong })).toBe(strong);
  });

  it("recognises loopback origins only", () => {
    for (const origin of [
      "http://localhost:5173",
      "http://127.0.0.1",
      "https://localhost:8443",
      "http://[::1]:3000",
    ]) {
      expect(isLoopbackOrigin(origin), origin).toBe(true);
    }
    for (const origin of [
      "http://localhost.evil.example",
      "http://127.0.0.1.nip.io",
      "http://10.0.0.1:80",
      "null",
    ]) {
      expect(isLoopbackOrigin(origin), origin).toBe(false);
    }
  });
});
