import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ADMIN,
  accepted,
  call,
  checkout,
  env,
  KEY,
  notification,
  postJson,
  postRetour,
} from "../test/helpers.ts";

const logged: string[] = [];

beforeEach(() => {
  logged.length = 0;
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

function assertNoSecrets(text: string) {
  expect(text).not.toContain(KEY);
  expect(text.toLowerCase()).not.toContain(KEY.toLowerCase());
  expect(text).not.toContain("dev-admin-token");
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe("no key, token or stack in any response or log", () => {
  it("holds across a full flow, failures included", async () => {
    const bodies: string[] = [];
    const keep = async (response: Response | Promise<Response>) => {
      const r = await response;
      bodies.push(await r.text());
    };
    const { order } = await checkout();
    await keep(postRetour(await accepted(order.reference, order.total)));
    await keep(
      postRetour(await notification({ reference: order.reference }, { key: "F".repeat(40) })),
    );
    await keep(postRetour("MAC=zz"));
    await keep(postRetour("a=1", { MERCHANT_KEY: `${KEY.slice(0, 39)}Z` }));
    await keep(
      postJson(
        "/api/checkout",
        { items: [{ sku: "CD-BLUE-TRAIN", quantity: 1 }] },
        {},
        { MERCHANT_KEY: "x" },
      ),
    );
    await keep(call(`/api/admin/orders/${order.reference}`, { headers: ADMIN }));
    await keep(call("/api/admin/orders", { headers: { Authorization: "Bearer nope" } }));
    await keep(
      call(`/api/admin/orders/${order.reference}/recredit`, { method: "POST", headers: ADMIN }),
    );
    // An internal failure (no database binding): generic 500, nothing more.
    const broken = await call("/api/products", {}, { DB: undefined as unknown as D1Database });
    expect(broken.status).toBe(500);
    const text = await broken.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "ERR_INTERNAL", message: "Internal error." },
    });
    bodies.push(text);
    for (const body of bodies) assertNoSecrets(body);
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) assertNoSecrets(line);
  });

  it("keeps the form's MAC but never the key in the checkout answer", async () => {
    const response = await postJson("/api/checkout", {
      items: [{ sku: "CD-BLUE-TRAIN", quantity: 1 }],
      billing: { addressLine1: "1 rue X", city: "Paris", postalCode: "75001", country: "FR" },
    });
    assertNoSecrets(await response.text());
    expect(env.MERCHANT_KEY).toBe(KEY);
  });
});
