import { afterEach, describe, expect, it } from "vitest";
import { referenceMac } from "../../protocol/test/reference-seal.mjs";
import {
  DOC_KEY,
  deadUrl,
  json,
  type Merchant,
  open,
  pay,
  sandboxFor,
  sealedForm,
  startMerchant,
} from "../test/harness.ts";
import type { Sandbox } from "./app.ts";
import type { NotificationRecord, OutboxMessage } from "./ledger.ts";
import { replayUrl } from "./retour-sender.ts";

let merchant: Merchant | undefined;
afterEach(async () => {
  await merchant?.close();
  merchant = undefined;
});

async function payOnce(sandbox: Sandbox): Promise<{ page: string; reference: string }> {
  const fields = await sealedForm("7654321", "v4");
  const page = await (await pay(sandbox, await open(sandbox, fields), "4000000000000002")).text();
  await sandbox.idle();
  return { page, reference: fields.reference ?? "" };
}

async function state(sandbox: Sandbox) {
  return {
    notifications: await json<NotificationRecord[]>(sandbox, "/_sandbox/notifications"),
    outbox: await json<OutboxMessage[]>(sandbox, "/_sandbox/outbox"),
  };
}

describe("Retour delivery", () => {
  it("accepts the kits' receipt without the final line feed", async () => {
    merchant = await startMerchant(() => ({ body: "version=2\ncdr=0" }));
    const sandbox = await sandboxFor(merchant.url);
    await payOnce(sandbox);
    const { notifications, outbox } = await state(sandbox);
    expect(notifications[0]?.delivered).toBe(true);
    expect(notifications[0]?.attempts).toHaveLength(1);
    expect((await payOnce(sandbox)).page).toContain("accusé de réception valide");
    expect(outbox).toHaveLength(0);
    expect(merchant.raw[0]).toContain("TPE=7654321");
  });

  const bad: [string, (n: number) => ReturnType<Merchant["reply"]>][] = [
    ["cdr=1", () => ({ body: "version=2\ncdr=1\n" })],
    ["CRLF line ends", () => ({ body: "version=2\r\ncdr=0\r\n" })],
    ["extra text", () => ({ body: "version=2\ncdr=0\nOK" })],
    ["an HTTP 500", () => ({ status: 500, body: "version=2\ncdr=0\n" })],
    ["a redirect", () => ({ status: 302, body: "" })],
  ];
  for (const [name, reply] of bad) {
    it(`makes a second attempt and writes an alert e-mail after ${name}`, async () => {
      merchant = await startMerchant((_f, n) =>
        n === 1 ? reply(n) : { body: "version=2\ncdr=0\n" },
      );
      const sandbox = await sandboxFor(merchant.url);
      const { page, reference } = await payOnce(sandbox);
      expect(page).toContain('id="ticket"');
      const { notifications, outbox } = await state(sandbox);
      const n = notifications[0];
      expect(n?.attempts.map((a) => a.ok)).toEqual([false, true]);
      expect(n?.delivered).toBe(true);
      expect(merchant.received).toHaveLength(2);
      expect(merchant.raw[1]).toBe(merchant.raw[0]);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]?.errorCode).toBe("0");
      expect(outbox[0]?.to).toBe("monitoring@boutiqueducd.example");
      expect(outbox[0]?.reference).toBe(reference);
      expect(outbox[0]?.replayUrl).toBe(replayUrl(merchant.url, n?.fields ?? {}));
      expect(outbox[0]?.replayUrl).toContain(`reference=${reference}`);
      expect(outbox[0]?.replayUrl).toContain("MAC=");
    });
  }

  it("records both failures when the merchant is down, and the buyer still gets the ticket", async () => {
    const sandbox = await sandboxFor(await deadUrl());
    const { page } = await payOnce(sandbox);
    expect(page).toContain('id="ticket"');
    expect(page).toContain("pas d'accusé de réception valide".replace("'", "&#x27;"));
    expect(page).toContain("connection refused");
    const { notifications, outbox } = await state(sandbox);
    expect(notifications[0]?.attempts).toHaveLength(2);
    expect(
      notifications[0]?.attempts.every((a) => !a.ok && a.error?.includes("connection refused")),
    ).toBe(true);
    expect(notifications[0]?.delivered).toBe(false);
    expect(outbox[0]?.errorCode).toBe("7");
  });

  it("gives up on a merchant slower than the timeout", async () => {
    merchant = await startMerchant((_f, n) =>
      n === 1 ? "hang" : { body: "version=2\ncdr=0\n", delayMs: 600 },
    );
    const sandbox = await sandboxFor(merchant.url, { retourTimeoutMs: 150 });
    await payOnce(sandbox);
    const { notifications, outbox } = await state(sandbox);
    expect(notifications[0]?.attempts.map((a) => a.error?.startsWith("timeout"))).toEqual([
      true,
      true,
    ]);
    expect(outbox[0]?.errorCode).toBe("28");
  });

  it("counts a reset connection as a failure", async () => {
    merchant = await startMerchant((_f, n) => (n === 1 ? "reset" : { body: "version=2\ncdr=0\n" }));
    const sandbox = await sandboxFor(merchant.url);
    await payOnce(sandbox);
    const { notifications } = await state(sandbox);
    expect(notifications[0]?.attempts.map((a) => a.ok)).toEqual([false, true]);
  });

  it("replays a notification on request", async () => {
    merchant = await startMerchant((_f, n) =>
      n <= 2 ? { body: "nope" } : { body: "version=2\ncdr=0\n" },
    );
    const sandbox = await sandboxFor(merchant.url);
    await payOnce(sandbox);
    const before = await state(sandbox);
    expect(before.notifications[0]?.delivered).toBe(false);
    const res = await sandbox.app.request(
      `/_sandbox/notifications/${before.notifications[0]?.id}/replay`,
      {
        method: "POST",
      },
    );
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    const after = await state(sandbox);
    expect(after.notifications[0]?.delivered).toBe(true);
    expect(after.notifications[0]?.attempts).toHaveLength(3);
  });

  it("waits the configured real-time delay before the second attempt", async () => {
    merchant = await startMerchant((_f, n) =>
      n === 1 ? { body: "KO" } : { body: "version=2\ncdr=0\n" },
    );
    const sandbox = await sandboxFor(merchant.url, { retryDelayMs: 200 });
    const fields = await sealedForm("7654321", "v4");
    await pay(sandbox, await open(sandbox, fields), "4000000000000002");
    expect(merchant.received).toHaveLength(1);
    await sandbox.idle();
    expect(merchant.received).toHaveLength(2);
  });

  it("sends a scripted bad seal the merchant must answer with cdr=1", async () => {
    // A merchant that answers like the worker: the receipt depends only on the seal, checked here against
    // the tests' own reference.
    const verdicts: boolean[] = [];
    const replies: string[] = [];
    merchant = await startMerchant(() => ({ body: replies.shift() ?? "version=2\ncdr=0\n" }));
    const sandbox = await sandboxFor(merchant.url, {
      fetch: async (input, init) => {
        const fields = Object.fromEntries(new URLSearchParams(String(init?.body)));
        const sealValid = fields.MAC === referenceMac(DOC_KEY, "notification", "v4", fields);
        verdicts.push(sealValid);
        replies.push(`version=2\ncdr=${sealValid ? 0 : 1}\n`);
        return fetch(input, init);
      },
    });
    const res = await sandbox.app.request("/_sandbox/faults", {
      method: "POST",
      body: JSON.stringify({ service: "retour", kind: "bad-seal" }),
    });
    expect(res.status).toBe(201);
    await payOnce(sandbox);
    expect(verdicts).toEqual([false, false]);
    const { notifications, outbox } = await state(sandbox);
    expect(notifications[0]?.fault).toBe("bad-seal");
    expect(notifications[0]?.attempts.map((a) => a.receipt)).toEqual([
      "version=2\ncdr=1\n",
      "version=2\ncdr=1\n",
    ]);
    expect(outbox).toHaveLength(1);
    await payOnce(sandbox);
    expect(verdicts.at(-1)).toBe(true);
  });

  it("sends a scripted duplicate call", async () => {
    merchant = await startMerchant();
    const sandbox = await sandboxFor(merchant.url);
    await sandbox.app.request("/_sandbox/faults", {
      method: "POST",
      body: JSON.stringify({ service: "retour", kind: "duplicate" }),
    });
    await payOnce(sandbox);
    expect(merchant.raw).toHaveLength(2);
    expect(merchant.raw[0]).toBe(merchant.raw[1]);
    const { notifications } = await state(sandbox);
    expect(notifications[0]?.attempts.map((a) => a.ok)).toEqual([true, true]);
  });

  it("uses the injected fetch", async () => {
    const calls: string[] = [];
    const sandbox = await sandboxFor("http://merchant.invalid/retour", {
      fetch: async (input) => {
        calls.push(String(input));
        return new Response("version=2\ncdr=0\n");
      },
    });
    await payOnce(sandbox);
    expect(calls).toEqual(["http://merchant.invalid/retour"]);
  });
});
