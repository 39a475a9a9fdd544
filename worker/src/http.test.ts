import { describe, expect, it } from "vitest";
import { readFormText, readJson, readText } from "./http.ts";

function streamed(size: number): Request {
  const chunk = new Uint8Array(1024).fill(120);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("body limits", () => {
  it("stops reading a body without Content-Length at the limit", async () => {
    await expect(readText(streamed(64 * 1024), 16 * 1024)).rejects.toMatchObject({
      code: "ERR_BODY_TOO_LARGE",
      status: 413,
    });
    expect(await readText(streamed(4 * 1024), 16 * 1024)).toHaveLength(4 * 1024);
  });

  it("trusts a too-large Content-Length without reading", async () => {
    const request = new Request("http://x/", {
      method: "POST",
      headers: { "Content-Length": "999999", "Content-Type": "application/json" },
      body: "{}",
    });
    await expect(readJson(request)).rejects.toMatchObject({ code: "ERR_BODY_TOO_LARGE" });
  });

  it("accepts application/json with a charset and +json types", async () => {
    for (const type of ["application/json; charset=utf-8", "application/vnd.sceau+json"]) {
      const request = new Request("http://x/", {
        method: "POST",
        headers: { "Content-Type": type },
        body: '{"a":1}',
      });
      expect(await readJson(request)).toEqual({ a: 1 });
    }
  });
});

describe("form body text", () => {
  it("reads a raw ISO-8859-1 body with its characters (UTF-8 otherwise)", async () => {
    const request = new Request("http://x/", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: Uint8Array.from([0x61, 0x3d, 0xe9]),
    });
    expect(await readFormText(request)).toBe("a=é");
  });
});
