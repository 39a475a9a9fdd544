import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  json,
  type Merchant,
  open,
  pay,
  post,
  sandboxFor,
  sealedForm,
  startMerchant,
} from "../../test/harness.ts";
import { createSandbox } from "../app.ts";
import type { Book } from "../books.ts";
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
    expect(one.map((t) => [t.status, t.payments[0]?.state])).toEqual([["accepted", "captured"]]);
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

  it("shows each order's books per authorisation, as stable JSON with every member present", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const a = await sealedForm("7654324", "v4", { amount: 4200 });
    await pay(sandbox, await open(sandbox, a), "4000000000000002");
    await open(sandbox, await sealedForm("7654321", "v4"));
    const books = await json<Book[]>(sandbox, "/_sandbox/books?tpe=7654324");
    expect(books).toHaveLength(1);
    const numauto = merchant.received.at(-1)?.numauto;
    expect(books[0]).toEqual({
      tpe: "7654324",
      reference: a.reference,
      mode: "deferred",
      currency: "EUR",
      amount: 4200,
      orderDay: "31/01/2026",
      status: "accepted",
      recurrence: null,
      payments: [
        {
          kind: "order",
          index: 0,
          day: "31/01/2026",
          dueAt: "2026-01-31T09:00:00.000Z",
          amount: 4200,
          state: "authorised",
          deadline: "2026-02-10T23:00:00.000Z",
          autoCaptureAt: null,
          nextAttemptAt: null,
          attempts: 0,
          refusals: 0,
          authorised: 4200,
          captured: 0,
          refunded: 0,
          released: 0,
          capturable: 4200,
          authorisations: [
            {
              number: numauto,
              at: "2026-01-31T09:00:00.000Z",
              authorised: 4200,
              captured: 0,
              capturedDay: null,
              refunded: 0,
              refundable: 0,
            },
          ],
        },
      ],
      totals: { authorised: 4200, captured: 0, refunded: 0, released: 0, capturable: 4200 },
    });
    const pending = await json<Book[]>(sandbox, "/_sandbox/books?tpe=7654321");
    expect(pending.map((b) => [b.status, b.payments])).toEqual([["pending", []]]);
    const one = await json<Book>(sandbox, `/_sandbox/books/7654324/${a.reference}`);
    expect(one).toEqual(books[0]);
    expect((await sandbox.app.request("/_sandbox/books/7654324/NOPE")).status).toBe(404);
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
    expect([tx.status, tx.payments[0]?.state]).toEqual(["accepted", "captured"]);
  });

  it("restores a state saved before orders had payments, and moves its clock without failing", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654324", "v4");
    await pay(sandbox, await open(sandbox, fields), "4000000000000002");
    const old = JSON.parse(JSON.stringify(sandbox.ledger.snapshot())) as LedgerSnapshot;
    for (const t of old.transactions as unknown as Record<string, unknown>[]) {
      delete t.payments;
      delete t.laterRefusals;
      t.status = "authorised";
    }
    const again = await sandboxFor(merchant.url, { state: old });
    const repost = await post(again, "/test/paiement.cgi", fields);
    expect(repost.headers.get("x-sandbox-error")).toBe("ERR_ORDER_PROCESSED");
    expect(await again.advance(30 * 86_400_000)).toEqual([]);
  });

  it("uses the shipped terminals by default", async () => {
    const sandbox = await createSandbox();
    expect([...sandbox.terminals.keys()]).toEqual([
      "7654321",
      "7654322",
      "7654323",
      "7654324",
      "7654325",
      "7654326",
    ]);
    expect([...sandbox.terminals.values()].map((t) => t.mode)).toEqual([
      "immediate",
      "immediate",
      "split",
      "deferred",
      "partial",
      "recurring",
    ]);
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
