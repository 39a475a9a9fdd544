import { usableKeyHex } from "@sceau/protocol";
import { describe, expect, it } from "vitest";
import { ADMIN, call, env, KEY } from "../../test/helpers.ts";
import { consoleCsp } from "./console.ts";

/** The local terminal posts to the sandbox. */
const CONSOLE_CSP = consoleCsp("http://127.0.0.1:8788");

const PAGE_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
};

describe("GET /admin/: the merchant console from the worker's static assets", () => {
  it("serves the console's page with a strict policy of its own and no cache", async () => {
    const response = await call("/admin/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    for (const [name, value] of Object.entries(PAGE_HEADERS)) {
      expect(response.headers.get(name), name).toBe(value);
    }
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toBe(CONSOLE_CSP);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "require-trusted-types-for 'script'",
      "form-action http://127.0.0.1:8788",
    ]) {
      expect(csp.split("; ")).toContain(directive);
    }
    expect(csp.replace("form-action http://127.0.0.1:8788", "")).not.toMatch(/unsafe|https?:|\*/);
    const html = await response.text();
    expect(html).toContain("<sceau-console>");
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|\sstyle=|\son[a-z]+=/i);
  });

  it("serves every script and style the page links, from /admin/assets/, cached for good", async () => {
    const html = await (await call("/admin/")).text();
    const linked = [...html.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    expect(linked.some((path) => path.endsWith(".js"))).toBe(true);
    for (const path of linked) {
      const response = await call(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toMatch(
        /^(text\/javascript|application\/javascript|text\/css)/,
      );
      expect(response.headers.get("cache-control"), path).toBe(
        "public, max-age=31536000, immutable",
      );
      expect(response.headers.get("content-security-policy"), path).toBe(CONSOLE_CSP);
    }
  });

  it("redirects /admin to /admin/ and /admin/index.html to /admin/", async () => {
    for (const path of ["/admin", "/admin/index.html"]) {
      const response = await call(path, { redirect: "manual" });
      expect(response.status, path).toBe(307);
      expect(
        new URL(response.headers.get("location") ?? "", "http://127.0.0.1:8787/").pathname,
      ).toBe("/admin/");
    }
  });

  it("answers the API's JSON 404, with the API's policy, for what the console does not have", async () => {
    for (const path of ["/admin/nope.js", "/admin/assets/missing.js", "/admin.html", "/"]) {
      const response = await call(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "ERR_NOT_FOUND" } });
      expect(response.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
    const post = await call("/admin/", { method: "POST", body: "x" });
    expect(post.status).toBe(404);
  });

  it("needs no token for the page itself, while the API it calls does", async () => {
    expect((await call("/admin/")).status).toBe(200);
    expect((await call("/api/admin/settings")).status).toBe(401);
    expect((await call("/api/admin/settings", { headers: ADMIN })).status).toBe(200);
  });

  it("lets the console's own writes through the admin CORS check, with an empty ADMIN_ORIGINS", async () => {
    const token = "a-long-random-admin-token-for-tests-0123456789";
    const deployed = { BANK: "cic", BANK_ENV: "production", ADMIN_TOKEN: token, ADMIN_ORIGINS: "" };
    const put = (origin: string) =>
      call(
        "/api/admin/products/CD-CORS",
        {
          method: "PUT",
          headers: {
            Authorization: `Bearer ${token}`,
            Origin: origin,
            "Content-Type": "application/json",
          },
          body: JSON.stringify({ name: "CORS", unitAmount: 100, currency: "EUR" }),
        },
        deployed,
      );
    const own = await put("http://127.0.0.1:8787");
    expect(own.status).toBe(200);
    expect(own.headers.get("access-control-allow-origin")).toBeNull();
    const other = await put("https://shop.example");
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ error: { code: "ERR_ORIGIN_NOT_ALLOWED" } });
  });

  it("answers 404 when the worker is deployed without the console", async () => {
    const response = await call("/admin/", {}, { ASSETS: undefined });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "ERR_NOT_FOUND" } });
  });

  it("ships neither the merchant key nor the admin token in the console's files", () => {
    const files = env.TEST_CONSOLE_DIST;
    expect(Object.keys(files)).toContain("admin/index.html");
    const forms = [KEY, KEY.toLowerCase(), usableKeyHex(KEY), env.ADMIN_TOKEN ?? "dev-admin-token"];
    for (const [name, text] of Object.entries(files)) {
      for (const form of forms)
        expect(text.includes(form), `${name} contains a secret`).toBe(false);
    }
  });
});
