import { describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  call,
  env,
  INVALID,
  notification,
  OK,
  postRetour,
} from "../test/helpers.ts";
import { readDoctorFacts } from "./db/doctor.ts";
import { MIGRATIONS } from "./db/migrations.ts";
import { type DoctorCheck, type DoctorFacts, doctor, type NotificationFact } from "./doctor.ts";
import type { Env } from "./env.ts";

const PRODUCTION_KEY = "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678";

/** A configuration ready for production, checked against nothing but the rules. */
const READY: Env = {
  ...env,
  TPE: "1234567",
  SOCIETE: "maboutique",
  MAC_FORMAT: "v4",
  BANK: "monetico",
  BANK_ENV: "production",
  BANK_SANDBOX_URL: "",
  PAYMENT_MODE: "immediate",
  SHOP_ORIGINS: "https://www.ma-boutique.fr",
  RETURN_URL_OK: "https://www.ma-boutique.fr/merci/",
  RETURN_URL_ERR: "https://www.ma-boutique.fr/erreur/",
  RETURN_URL: "https://www.ma-boutique.fr/",
  MERCHANT_KEY: PRODUCTION_KEY,
  ADMIN_TOKEN: "f3Q9xK2mV7pL4sT8wZ1cR6yN0bH5jD3gE9aU",
};

const APPLIED: DoctorFacts = { expectedMigrations: MIGRATIONS, appliedMigrations: MIGRATIONS };

function payment(tpe: string, sealValid: boolean, receivedAt: string): NotificationFact {
  return { tpe, sealValid, codeRetour: "payetest", reference: "R1", receivedAt };
}

function failed(checks: DoctorCheck[]) {
  return Object.fromEntries(checks.filter((c) => !c.ok).map((c) => [c.id, c.detail]));
}

describe("doctor", () => {
  it("passes a configuration ready for production", async () => {
    const checks = await doctor(READY, APPLIED);
    expect(checks.map((c) => c.id)).toEqual([
      "variables",
      "bank",
      "bank-env",
      "key",
      "admin-token",
      "https",
      "return-urls",
      "migrations",
      "receipts",
    ]);
    expect(failed(checks)).toEqual({});
  });

  it("lists what the local development configuration must change, each with a fix", async () => {
    const checks = await doctor(env, APPLIED);
    expect(Object.keys(failed(checks))).toEqual([
      "bank",
      "bank-env",
      "key",
      "admin-token",
      "https",
      "receipts",
    ]);
    expect(failed(checks)).toMatchObject({
      bank: "BANK=sandbox: the local sandbox",
      "bank-env": "BANK_ENV=test",
      key: expect.stringMatching(/^MERCHANT_KEY: .*documentation's example key/),
      "admin-token": expect.stringMatching(/^ADMIN_TOKEN: .*32 characters/),
      https: expect.stringContaining("RETURN_URL_OK http://localhost:5173/merci.html"),
    });
    for (const check of checks.filter((c) => !c.ok)) expect(check.fix).toMatch(/\w{4}/);
  });

  it("never repeats a secret, however it is wrong", async () => {
    for (const secrets of [
      { MERCHANT_KEY: PRODUCTION_KEY, ADMIN_TOKEN: "short-admin-secret" },
      { MERCHANT_KEY: `${PRODUCTION_KEY.slice(0, 39)}*`, ADMIN_TOKEN: READY.ADMIN_TOKEN },
    ]) {
      const text = JSON.stringify(await doctor({ ...READY, ...secrets }, APPLIED));
      expect(text).not.toContain(secrets.MERCHANT_KEY.slice(0, 20));
      expect(text).not.toContain(secrets.ADMIN_TOKEN);
    }
  });

  it("names a variable that breaks its rule", async () => {
    const checks = await doctor({ ...READY, TPE: "12*4567", CHECKOUT_RATE_LIMIT: "lots" }, APPLIED);
    expect(failed(checks).variables).toMatch(/^TPE: /);
    const rate = await doctor({ ...READY, CHECKOUT_RATE_LIMIT: "lots" }, APPLIED);
    expect(failed(rate)).toEqual({ variables: expect.stringMatching(/^CHECKOUT_RATE_LIMIT: /) });
  });

  it("finds http and return pages off the shop's origins", async () => {
    const checks = await doctor(
      {
        ...READY,
        SHOP_ORIGINS: "https://www.ma-boutique.fr http://shop.test",
        RETURN_URL_ERR: "https://pay.elsewhere.example/erreur",
      },
      APPLIED,
    );
    expect(failed(checks)).toEqual({
      https: "not https: SHOP_ORIGINS http://shop.test",
      "return-urls": "RETURN_URL_ERR (https://pay.elsewhere.example) not in SHOP_ORIGINS",
    });
  });

  it("requires a key and an admin token", async () => {
    const checks = await doctor({ ...READY, MERCHANT_KEY: "", ADMIN_TOKEN: " " }, APPLIED);
    expect(failed(checks)).toEqual({
      key: "MERCHANT_KEY is not set",
      "admin-token": "ADMIN_TOKEN is not set",
    });
    const short = await doctor({ ...READY, MERCHANT_KEY: "not a key" }, APPLIED);
    expect(failed(short).key).toMatch(/^MERCHANT_KEY: is not a bank key/);
  });

  it("names the migrations not applied, and says when it could not read them", async () => {
    const some = await doctor(READY, {
      expectedMigrations: MIGRATIONS,
      appliedMigrations: MIGRATIONS.slice(0, 2),
    });
    expect(failed(some).migrations).toBe(`not applied: ${MIGRATIONS.slice(2).join(", ")}`);
    const unknown = await doctor(READY, { expectedMigrations: MIGRATIONS });
    expect(failed(unknown).migrations).toMatch(/could not read/);
  });

  describe("the bank's three valid receipts before production", () => {
    const test = { ...READY, BANK_ENV: "test" };

    it("counts the terminal's own notifications, newest first", async () => {
      const notifications = [
        payment("1234567", true, "2026-11-30T10:03:00Z"),
        payment("9999999", false, "2026-11-30T10:02:30Z"),
        payment("1234567", true, "2026-11-30T10:02:00Z"),
        payment("1234567", true, "2026-11-30T10:01:00Z"),
        payment("1234567", false, "2026-11-30T09:00:00Z"),
      ];
      expect(failed(await doctor(test, { ...APPLIED, notifications }))).toEqual({
        "bank-env": "BANK_ENV=test",
      });
    });

    it("fails with fewer than three, or an invalid seal among the last three", async () => {
      const two = [payment("1234567", true, "b"), payment("1234567", true, "a")];
      expect(failed(await doctor(test, { ...APPLIED, notifications: two })).receipts).toBe(
        "2 of the 3 test payments the bank requires have reached the worker for TPE 1234567",
      );
      const broken = [payment("1234567", true, "c"), payment("1234567", false, "b"), ...two];
      expect(failed(await doctor(test, { ...APPLIED, notifications: broken })).receipts).toBe(
        "among the last 3, 1 had an invalid seal (receipt cdr=1): b",
      );
    });
  });
});

describe("GET /api/admin/doctor", () => {
  it("needs the admin token", async () => {
    expect((await call("/api/admin/doctor")).status).toBe(401);
  });

  it("checks the running worker against its own database", async () => {
    const response = await call("/api/admin/doctor", { headers: ADMIN });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ready: boolean; checks: DoctorCheck[] };
    expect(body.ready).toBe(false);
    expect(body.checks.find((c) => c.id === "migrations")).toMatchObject({ ok: true });
    expect(body.checks.find((c) => c.id === "bank")).toMatchObject({ ok: false });
  });

  it("reads the receipts from the notification log", async () => {
    const tpe = { TPE: "7654398" };
    const receipts = async () =>
      (await doctor({ ...READY, ...tpe, BANK_ENV: "test" }, await readDoctorFacts(env.DB))).find(
        (c) => c.id === "receipts",
      );
    for (const reference of ["DOC1", "DOC2"]) {
      expect(await (await postRetour(await accepted(reference, 100, tpe), tpe)).text()).toBe(OK);
    }
    expect(await receipts()).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^2 of the 3/),
    });
    const forged = await notification(
      { reference: "DOC3", montant: "1.00EUR", "code-retour": "payetest" },
      { tpe: tpe.TPE, key: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF" },
    );
    expect(await (await postRetour(forged, tpe)).text()).toBe(INVALID);
    expect(await receipts()).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/invalid seal/),
    });
    for (const reference of ["DOC4", "DOC5", "DOC6"]) {
      expect(await (await postRetour(await accepted(reference, 100, tpe), tpe)).text()).toBe(OK);
    }
    expect(await receipts()).toMatchObject({ ok: true });
  });

  it("knows every migration of the folder", () => {
    expect(MIGRATIONS).toEqual(env.TEST_MIGRATIONS.map((m) => m.name));
  });
});
