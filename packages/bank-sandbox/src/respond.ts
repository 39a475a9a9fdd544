/**
 * Response helpers: HTML pages with the sandbox's security headers, and the bank's plain-text answers.
 * @module
 */
import { decodeFormBody, decodeFormBytes } from "@sceau/protocol";
import { CONTENT_SECURITY_POLICY } from "./pages/layout.ts";

/** An HTML page; `errorCode` is echoed in `X-Sandbox-Error` so tools can tell pages apart. */
export function htmlResponse(body: string, status = 200, errorCode?: string): Response {
  const headers = new Headers({
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  if (errorCode) headers.set("x-sandbox-error", errorCode);
  return new Response(body, { status, headers });
}

/** A redirect after a form post. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

/** The capture and recredit services' `name=value` lines (LF, no final LF, as in the documentation). */
export function bankAnswer(lines: Record<string, string | undefined>): Response {
  const text = Object.entries(lines)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${value}`)
    .join("\n");
  return new Response(text, {
    status: 200,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Reads a form post (url-encoded or multipart) into plain string fields. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("multipart/form-data")) {
    const data = await request.formData();
    const fields: Record<string, string> = {};
    data.forEach((value, name) => {
      if (typeof value === "string") fields[name] = value;
    });
    return fields;
  }
  // The bytes as the library reads a form body (UTF-8, or ISO-8859-1 when not UTF-8), as the worker does.
  return decodeFormBody(decodeFormBytes(new Uint8Array(await request.arrayBuffer())));
}
