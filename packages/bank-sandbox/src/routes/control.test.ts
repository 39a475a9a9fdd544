import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  json,
  type Merchant,
  open,
  pay,
  sandboxFor,
  sealedForm,
  startMerchant,
} from "../../test/harness.ts";
import { createSandbox } from "../app.ts";
import type { LedgerSnapshot, Transaction } from "../ledger.ts";
import { TEST_CARDS } from "../test-cards.ts";

let merchant: Merchant;
beforeAll(async () => {
  merchant = await startMerchant();
});
afterAll(() => merchant.close());

describe("inspection and control", () => {
  it("lists terminals without their keys, and the test cards", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const terminals = await json<Record<string, unknown>[]>(sandbox, "/_sandbox/terminals");
    expect(terminals.map((t) => t.tpe)).toContain("7654321");
    expect(JSON.stringify(terminals)).not.toContain("0123456789ABCDEF");
    expect(terminals.every((t) => !("key" in t) && !("sealKey" in t))).toBe(true);
    const cards = await json<{ number: string }[]>(sandbox, "/_sandbox/cards");
    expect(cards.map((c) => c.number)).toEqual(TEST_CARDS.map((c) => c.number));
  });

  it("filters transactions and resets everything", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const a = await sealedForm("7654321", "v4");
    const b = await sealedForm("7654322", "v3");
    await pay(sandbox, await open(sandbox, a), "4000000000000002");
    await open(sandbox, b);
    expect(await json<Transaction[]>(sandbox, "/_sandbox/transactions")).toHaveLength(2);
    const one = await json<Transaction[]>(
      sandbox,
      `/_sandbox/transactions?reference=${a.reference}`,
    );
    expect(one.map((t) => t.status)).toEqual(["captured"]);
    expect(await json<Transaction[]>(sandbox, "/_sandbox/transactions?tpe=7654322")).toHaveLength(
      1,
    );
    const missing = await sandbox.app.request("/_sandbox/transactions/7654321/NOPE");
    expect(missing.status).toBe(404);
    await sandbox.advance(86_400_000);
    const reset = await sandbox.app.request("/_sandbox/reset", { method: "POST" });
    expect(reset.status).toBe(200);
    expect(await json<Transaction[]>(sandbox, "/_sandbox/transactions")).toHaveLength(0);
    expect(await json<unknown[]>(sandbox, "/_sandbox/notifications")).toHaveLength(0);
    expect(sandbox.clock.offsetMs).toBe(0);
  });

  it("validates scripted faults", async () => {
    const sandbox = await sandboxFor(merchant.url);
    for (const body of [
      '{"service":"paiement","cdr":1,"lib":"x"}',
      '{"service":"capture"}',
      "not json",
    ]) {
      const res = await sandbox.app.request("/_sandbox/faults", { method: "POST", body });
      expect(res.status).toBe(400);
    }
  });

  it("answers unknown routes with a coded 404 and serves a home page", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const res = await sandbox.app.request("/nope");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("ERR_NOT_FOUND");
    const home = await (await sandbox.app.request("/")).text();
    expect(home).toContain("/_sandbox/transactions");
  });

  it("saves its state through onChange and restores it", async () => {
    let saved: LedgerSnapshot | undefined;
    const sandbox = await sandboxFor(merchant.url, {
      onChange: (s) => {
        saved = JSON.parse(JSON.stringify(s)) as LedgerSnapshot;
      },
    });
    const fields = await sealedForm("7654321", "v4");
    await pay(sandbox, await open(sandbox, fields), "4000000000000002");
    expect(saved?.transactions).toHaveLength(1);
    const again = await sandboxFor(merchant.url, saved ? { state: saved } : {});
    const tx = await json<Transaction>(again, `/_sandbox/transactions/7654321/${fields.reference}`);
    expect(tx.status).toBe("captured");
  });

  it("uses the shipped terminals by default", async () => {
    const sandbox = await createSandbox();
    expect([...sandbox.terminals.keys()]).toEqual(["7654321", "7654322", "7654323", "7654324"]);
    const main = sandbox.terminals.get("7654321");
    expect(main).toMatchObject({
      societe: "boutiqueducd",
      format: "v4",
      mode: "immediate",
      retourUrl: "http://127.0.0.1:8787/api/retour",
      recredit: true,
    });
  });
});
