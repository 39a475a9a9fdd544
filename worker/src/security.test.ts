/**
 * Security properties: admin refusals that tell nothing, CORS for allow-listed origins only, the per-client
 * checkout rate limit, and no secret in the drop-in bundle. (The key/token scan of every answer and log
 * line of the whole suite is test/secret-scan.ts.)
 */
import { usableKeyHex } from "@sceau/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ADMIN, BILLING, call, env, KEY, postJson, REAL_BANK_TEST } from "../test/helpers.ts";
import { observed, secretForms } from "../test/secret-scan.ts";
import { timingSafeEqualText } from "./middleware.ts";
import {
  checkoutRateLimit,
  clientPrefix,
  DEFAULT_CHECKOUT_RATE_LIMIT,
  isLoopbackAddress,
} from "./rate-limit.ts";

const TOKEN = "dev-admin-token";

async function snapshot(response: Response) {
  return {
    status: response.status,
    body: await response.text(),
    authenticate: response.headers.get("WWW-Authenticate"),
  };
}

describe("admin routes refuse every wrong token the same way", () => {
  const routes: [string, RequestInit][] = [
    ["/api/admin/orders", {}],
    ["/api/admin/orders.csv", {}],
    ["/api/admin/orders/ABCDEF123456", {}],
    ["/api/admin/notifications", {}],
    ["/api/admin/orders/ABCDEF123456/capture", { method: "POST" }],
    ["/api/admin/orders/ABCDEF123456/recredit", { method: "POST" }],
  ];
  const probes: (string | undefined)[] = [
    undefined,
    "",
    "Bearer",
    "Bearer ",
    "Bearer wrong",
    `Bearer ${TOKEN.slice(0, -1)}`, // a prefix
    `Bearer ${TOKEN}x`, // an extension
    `Bearer ${TOKEN.slice(0, -1)}X`, // same length, last character wrong
    `Bearer X${TOKEN.slice(1)}`, // same length, first character wrong
    `Bearer ${TOKEN.toUpperCase()}`,
    `Bearer ${TOKEN} ${TOKEN}`,
    `Basic ${btoa(`admin:${TOKEN}`)}`,
    `Token ${TOKEN}`,
    `${TOKEN}`,
  ];

  it("same status, body and challenge for missing, wrong and probing tokens", async () => {
    const first = await snapshot(await call("/api/admin/orders"));
    expect(first.status).toBe(401);
    expect(JSON.parse(first.body).error.code).toBe("ERR_UNAUTHORIZED");
    for (const [path, init] of routes) {
      for (const probe of probes) {
        const headers: Record<string, string> = probe === undefined ? {} : { Authorization: probe };
        const seen = await snapshot(await call(path, { ...init, headers }));
        expect(seen, `${path} ${probe}`).toEqual(first);
      }
      // The token in the query string or a cookie is not a credential either.
      expect(await snapshot(await call(`${path}?token=${TOKEN}`, init))).toEqual(first);
      expect(
        await snapshot(await call(path, { ...init, headers: { Cookie: `token=${TOKEN}` } })),
      ).toEqual(first);
    }
    expect((await call("/api/admin/orders", { headers: ADMIN })).status).toBe(200);
  });

  it("any other Authorization header gets the same refusal (property)", async () => {
    const first = await snapshot(await call("/api/admin/orders"));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 40 }).map((t) => `Bearer ${t}`),
          fc.string({ maxLength: 40 }),
          fc
            .tuple(fc.nat({ max: TOKEN.length }), fc.string({ maxLength: 3 }))
            .map(([n, s]) => `Bearer ${TOKEN.slice(0, n)}${s}`),
        ),
        async (header) => {
          fc.pre(!/^bearer\s+dev-admin-token\s*$/i.test(header));
          let init: RequestInit;
          try {
            init = { headers: { Authorization: header } };
            new Headers(init.headers);
          } catch {
            return; // not a valid header value: no request could carry it
          }
          expect(await snapshot(await call("/api/admin/orders", init))).toEqual(first);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("compares tokens through fixed-size digests, so the length or a matching prefix changes nothing", async () => {
    expect(await timingSafeEqualText(TOKEN, TOKEN)).toBe(true);
    for (const other of ["", "d", TOKEN.slice(0, -1), `${TOKEN}x`, "x".repeat(10_000)]) {
      expect(await timingSafeEqualText(other, TOKEN)).toBe(false);
    }
  });
});

describe("CORS answers only the allow-listed origins", () => {
  const ALLOWED = ["http://localhost:5173", "http://127.0.0.1:5173"];
  const PRODUCTION_LIKE = REAL_BANK_TEST;
  const tricky = [
    "null",
    "http://localhost:5173.evil.example",
    "http://evil.example#http://localhost:5173",
    "http://localhost:5173@evil.example",
    "https://localhost:5173",
    "http://localhost:51730",
    "http://LOCALHOST:5173",
    "http://localhost:5173/",
    "http://localhost",
    "file://",
    "*",
  ];
  const origins = fc.oneof(
    {
      arbitrary: fc.constantFrom(...ALLOWED.map((o) => `${o}/`), "http://localhost:5173 x"),
      weight: 1,
    },
    fc.webUrl().map((u) => new URL(u).origin),
    fc.constantFrom(...tricky),
    fc.string({ maxLength: 30 }),
  );

  async function corsAnswers(origin: string, overrides = {}) {
    const get = await call("/api/products", { headers: { Origin: origin } }, overrides);
    const preflight = await call(
      "/api/checkout",
      { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "POST" } },
      overrides,
    );
    const post = await call(
      "/api/quote",
      {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/json" },
        body: JSON.stringify({ items: [{ sku: "CD-GOLDBERG", quantity: 1 }] }),
      },
      overrides,
    );
    const admin = await call(
      "/api/admin/orders",
      { method: "OPTIONS", headers: { Origin: origin } },
      overrides,
    );
    return { get, preflight, post, admin };
  }

  it("refuses writes and preflights from any other origin, and never echoes it (property)", async () => {
    await fc.assert(
      fc.asyncProperty(origins, fc.boolean(), async (origin, productionLike) => {
        const overrides = productionLike ? PRODUCTION_LIKE : {};
        const loopback = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(origin);
        // An empty Origin is no Origin (server-to-server calls): not a cross-origin request.
        fc.pre(origin.trim() !== "" && !ALLOWED.includes(origin) && (productionLike || !loopback));
        let answers: Awaited<ReturnType<typeof corsAnswers>>;
        try {
          new Headers({ Origin: origin });
        } catch {
          return;
        }
        answers = await corsAnswers(origin, overrides);
        expect(answers.get.status).toBe(200);
        for (const r of Object.values(answers)) {
          expect(r.headers.get("Access-Control-Allow-Origin")).toBeNull();
        }
        for (const r of [answers.preflight, answers.post, answers.admin]) {
          expect(r.status).toBe(403);
          expect(((await r.json()) as { error: { code: string } }).error.code).toBe(
            "ERR_ORIGIN_NOT_ALLOWED",
          );
        }
      }),
      { numRuns: 40 },
    );
  });

  it("answers the allow-listed origins (and loopback only against the sandbox)", async () => {
    for (const origin of ALLOWED) {
      const { admin, ...shop } = await corsAnswers(origin, PRODUCTION_LIKE);
      for (const r of Object.values(shop)) {
        expect(r.headers.get("Access-Control-Allow-Origin")).toBe(origin);
      }
      // A shop origin is not an admin origin: a script on the shop's pages cannot reach refunds.
      expect(admin.status).toBe(403);
      expect(await admin.json()).toMatchObject({
        error: { code: "ERR_ORIGIN_NOT_ALLOWED", message: "This origin is not in ADMIN_ORIGINS." },
      });
      const console = await corsAnswers(origin, { ...PRODUCTION_LIKE, ADMIN_ORIGINS: origin });
      expect(console.admin.status).toBe(204);
      expect(console.admin.headers.get("Access-Control-Allow-Origin")).toBe(origin);
      expect(Object.values(shop).map((r) => r.status)).toEqual([200, 204, 200]);
    }
    const dev = await corsAnswers("http://localhost:3000");
    expect(dev.post.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:3000");
    const deployed = await corsAnswers("http://localhost:3000", PRODUCTION_LIKE);
    expect(deployed.post.status).toBe(403);
  });

  it("gives the bank's Retour route no CORS at all", async () => {
    const response = await call("/api/retour", {
      method: "POST",
      headers: { Origin: ALLOWED[0] ?? "", "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("checkout is rate-limited per client", () => {
  const order = { items: [{ sku: "CD-GOLDBERG", quantity: 1 }], billing: BILLING };
  const from = (ip: string, overrides = {}) =>
    postJson("/api/checkout", order, { "CF-Connecting-IP": ip }, overrides);

  it("answers 429 ERR_RATE_LIMITED with Retry-After past the limit, per client", async () => {
    const LIMIT = { CHECKOUT_RATE_LIMIT: "3/86400" };
    for (let i = 0; i < 3; i++) expect((await from("198.51.100.7", LIMIT)).status).toBe(201);
    const limited = await from("198.51.100.7", LIMIT);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(await limited.json()).toMatchObject({ error: { code: "ERR_RATE_LIMITED" } });
    // Nothing was created by the refused call, and another client is unaffected.
    expect((await from("198.51.100.8", LIMIT)).status).toBe(201);
    // A browser can read the refusal (CORS headers are on it).
    const browser = await postJson(
      "/api/checkout",
      order,
      { "CF-Connecting-IP": "198.51.100.7", Origin: "http://localhost:5173" },
      LIMIT,
    );
    expect(browser.status).toBe(429);
    expect(browser.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:5173");
    // Quotes are not limited.
    const quote = await call(
      "/api/quote",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "CF-Connecting-IP": "198.51.100.7" },
        body: JSON.stringify(order),
      },
      LIMIT,
    );
    expect(quote.status).toBe(200);
  });

  it("counts an IPv6 /56 as one client", async () => {
    const LIMIT = { CHECKOUT_RATE_LIMIT: "2/86400" };
    expect((await from("2001:db8:1:2::1", LIMIT)).status).toBe(201);
    expect((await from("2001:db8:1:ff:ffff::9", LIMIT)).status).toBe(201);
    expect((await from("2001:0db8:0001:0000:0:0:0:42", LIMIT)).status).toBe(429);
    expect((await from("2001:db8:1:100::1", LIMIT)).status).toBe(201);
  });

  it("does not count loopback clients against the sandbox, but does in production-like setups", async () => {
    const LIMIT = { CHECKOUT_RATE_LIMIT: "1/86400" };
    for (let i = 0; i < 3; i++) expect((await from("127.0.0.1", LIMIT)).status).toBe(201);
    const deployed = { ...LIMIT, ...REAL_BANK_TEST };
    expect((await from("::1", deployed)).status).toBe(201);
    expect((await from("::1", deployed)).status).toBe(429);
  });

  it("is configured by CHECKOUT_RATE_LIMIT, generous by default", async () => {
    expect(env.CHECKOUT_RATE_LIMIT).toBe("120/600");
    expect(checkoutRateLimit({ DB: env.DB })).toEqual(DEFAULT_CHECKOUT_RATE_LIMIT);
    expect(checkoutRateLimit({ DB: env.DB, CHECKOUT_RATE_LIMIT: "off" })).toBeUndefined();
    expect(checkoutRateLimit({ DB: env.DB, CHECKOUT_RATE_LIMIT: " 5/60 " })).toEqual({
      limit: 5,
      windowSeconds: 60,
    });
    for (const bad of ["0/60", "5/0", "5", "five/60", "5/100000", "-1/60"]) {
      expect(() => checkoutRateLimit({ DB: env.DB, CHECKOUT_RATE_LIMIT: bad }), bad).toThrow(
        expect.objectContaining({ code: "ERR_CONFIG_INVALID", field: "CHECKOUT_RATE_LIMIT" }),
      );
    }
    const broken = await from("203.0.113.1", { CHECKOUT_RATE_LIMIT: "lots" });
    expect(broken.status).toBe(500);
    expect(await broken.json()).toMatchObject({
      error: { code: "ERR_CONFIG_INVALID", field: "CHECKOUT_RATE_LIMIT" },
    });
    // Off: no counting at all.
    for (let i = 0; i < 3; i++) {
      expect((await from("203.0.113.2", { CHECKOUT_RATE_LIMIT: "off" })).status).toBe(201);
    }
  });

  it("identifies clients by address prefix", () => {
    expect(clientPrefix("192.0.2.1")).toBe("192.0.2.1");
    expect(clientPrefix("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(clientPrefix("2001:DB8::1")).toBe("2001:db8:0:0::/56");
    expect(clientPrefix("2001:db8:0:0:1:2:3:4")).toBe("2001:db8:0:0::/56");
    expect(clientPrefix("2001:db8:1:2ff::")).toBe("2001:db8:1:200::/56");
    expect(clientPrefix("::1")).toBe("0:0:0:0::/56");
    expect(isLoopbackAddress("127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("::ffff:127.0.0.2")).toBe(true);
    expect(isLoopbackAddress("::1")).toBe(true);
    expect(isLoopbackAddress("128.0.0.1")).toBe(false);
  });
});

describe("the secret scan that runs after every test file (test/secret-scan.ts)", () => {
  it("sees every answer of the app and looks for every form of the key and the token", async () => {
    const before = observed.bodies.length;
    await call("/api/products");
    expect(observed.bodies.length).toBe(before + 1);
    expect(secretForms()).toEqual(
      expect.arrayContaining([KEY, KEY.toLowerCase(), usableKeyHex(KEY), TOKEN]),
    );
  });
});

describe("no secret in the drop-in bundle", () => {
  // The bundle is read from packages/checkout/dist when the suite starts (vitest.config.ts): a missing build
  // fails here rather than passing with nothing scanned. `npm test` builds before it tests.
  it("packages/checkout/dist holds neither the merchant key nor the admin token", () => {
    const files = env.TEST_CHECKOUT_DIST;
    expect(Object.keys(files), "no drop-in bundle: build packages/checkout first").toContain(
      "sceau-checkout.js",
    );
    const forms = [KEY, KEY.toLowerCase(), usableKeyHex(KEY), TOKEN];
    for (const [name, text] of Object.entries(files)) {
      for (const form of forms)
        expect(text.includes(form), `${name} contains a secret`).toBe(false);
    }
  });
});
