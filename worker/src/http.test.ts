import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { call } from "../test/helpers.ts";
import type { AppEnv } from "./env.ts";
import { ApiError } from "./errors.ts";
import { jsonRequests } from "./middleware.ts";

/** A route behind `jsonRequests()` that echoes the parsed body, and the worker's error answers. */
const echo = new Hono<AppEnv>()
  .use("*", jsonRequests())
  .post("/", async (c) => c.json(await c.req.json()))
  .onError((error, c) =>
    error instanceof ApiError
      ? c.json({ code: error.code, status: error.status }, error.status)
      : c.json({ code: "other" }, 500),
  );

/** A JSON string of `size` "x", streamed in 1 KiB chunks without Content-Length. */
function streamed(size: number): Request {
  const chunk = new Uint8Array(1024).fill(120);
  const quote = new TextEncoder().encode('"');
  let sent = -1;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent < 0) {
        sent = 0;
        return controller.enqueue(quote);
      }
      if (sent >= size) {
        controller.enqueue(quote);
        return controller.close();
      }
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return new Request("http://x/", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
    duplex: "half",
  } as RequestInit);
}

describe("body limits", () => {
  it("stops reading a body without Content-Length at the limit", async () => {
    expect(await (await echo.request(streamed(64 * 1024))).json()).toMatchObject({
      code: "ERR_BODY_TOO_LARGE",
      status: 413,
    });
    expect(await (await echo.request(streamed(4 * 1024))).json()).toHaveLength(4 * 1024);
  });

  it("trusts a too-large Content-Length without reading", async () => {
    const request = new Request("http://x/", {
      method: "POST",
      headers: { "Content-Length": "999999", "Content-Type": "application/json" },
      body: "{}",
    });
    expect(await (await echo.request(request)).json()).toMatchObject({
      code: "ERR_BODY_TOO_LARGE",
    });
  });

  it("accepts application/json with a charset and +json types", async () => {
    for (const type of ["application/json; charset=utf-8", "application/vnd.sceau+json"]) {
      const request = new Request("http://x/", {
        method: "POST",
        headers: { "Content-Type": type },
        body: '{"a":1}',
      });
      expect(await (await echo.request(request)).json()).toEqual({ a: 1 });
    }
  });
});

describe("form body text", () => {
  it("reads a raw ISO-8859-1 body with its characters (UTF-8 otherwise)", async () => {
    await call("/api/retour", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: Uint8Array.from([0x61, 0x3d, 0xe9]),
    });
    const { env } = await import("../test/helpers.ts");
    const row = await env.DB.prepare(
      "SELECT body FROM notifications ORDER BY seq DESC LIMIT 1",
    ).first<{ body: string }>();
    expect(row?.body).toBe("a=é");
  });
});
