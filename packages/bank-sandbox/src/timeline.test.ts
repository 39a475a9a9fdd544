import { describe, expect, it } from "vitest";
import { json, open, pay, START, sandboxPerTest, sealedForm } from "../test/harness.ts";

const DAY = 86_400_000;
const env = sandboxPerTest();

async function paid(tpe: string, format: "v3" | "v4", card = "4000000000000002", order = {}) {
  const fields = await sealedForm(tpe, format, { amount: 10000, ...order });
  await pay(env.sandbox, await open(env.sandbox, fields), card);
  return fields.reference ?? "";
}

describe("clock endpoint", () => {
  it("reports, advances by hours and jumps to a date, never backwards", async () => {
    const now = await json<{ now: string }>(env.sandbox, "/_sandbox/clock");
    expect(now.now).toBe(new Date(START).toISOString());
    const res = await env.sandbox.app.request("/_sandbox/clock", {
      method: "POST",
      body: JSON.stringify({ advanceHours: 2, advanceMinutes: 30 }),
    });
    expect(((await res.json()) as { now: string }).now).toBe(
      new Date(START + 2.5 * 3_600_000).toISOString(),
    );
    const back = await env.sandbox.app.request("/_sandbox/clock", {
      method: "POST",
      body: JSON.stringify({ to: "2020-01-01T00:00:00Z" }),
    });
    expect(((await back.json()) as { now: string }).now).toBe(
      new Date(START + 2.5 * 3_600_000).toISOString(),
    );
  });

  it("rejects bad input with a coded error", async () => {
    for (const body of ['{"advanceDays":-1}', '{"to":"never"}', "[1]"]) {
      const res = await env.sandbox.app.request("/_sandbox/clock", { method: "POST", body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "ERR_CONTROL_INVALID",
      );
    }
  });
});

describe("concurrent clock moves", () => {
  it("never runs an event twice", async () => {
    await paid("7654326", "v4");
    const results = await Promise.all([
      env.sandbox.advance(40 * DAY),
      env.sandbox.tick(),
      env.sandbox.advance(1 * DAY),
    ]);
    const renewals = results.flat().filter((e) => e.kind === "renewal-captured");
    expect(renewals).toHaveLength(1);
    expect(env.merchant.received.map((r) => r["code-retour"])).toEqual(["payetest", "payetest"]);
  });
});
