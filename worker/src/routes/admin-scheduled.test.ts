import { describe, expect, it } from "vitest";
import { ADMIN, call, expectError, REAL_BANK_TEST, STRONG_TOKEN } from "../../test/helpers.ts";

const post = (query: string, headers: Record<string, string> = ADMIN) =>
  call(`/api/admin/scheduled${query}`, { method: "POST", headers });

describe("POST /api/admin/scheduled (the Cron Trigger, played locally)", () => {
  it("runs the job at the instant asked for, with the sandbox bank", async () => {
    const response = await post(`?time=${Date.parse("2026-03-01T10:00:00Z")}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { scheduled: Record<string, number> };
    expect(Object.keys(body.scheduled).sort()).toEqual(["abandoned", "purged", "renewalsPlanned"]);
  });

  it("refuses an instant that is not milliseconds since 1970, naming the parameter", async () => {
    for (const query of ["", "?time=", "?time=2026-03-01", "?time=-5", "?time=1e12"]) {
      await expectError(await post(query), 400, "ERR_FILTER_INVALID", "time");
    }
  });

  it("does not exist for a real bank, and needs the admin token", async () => {
    const real = await call(
      `/api/admin/scheduled?time=${Date.now()}`,
      { method: "POST", headers: { Authorization: `Bearer ${STRONG_TOKEN}` } },
      REAL_BANK_TEST,
    );
    await expectError(real, 404, "ERR_NOT_FOUND");
    await expectError(await post(`?time=${Date.now()}`, {}), 401, "ERR_UNAUTHORIZED");
  });
});
