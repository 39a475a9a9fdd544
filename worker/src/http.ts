/**
 * Reading request bodies with a size limit and a content-type check.
 * @module
 */
import { decodeFormBytes } from "@sceau/protocol";
import { ApiError, badRequest } from "./errors.ts";

/** Largest JSON body accepted (a 50-line cart with addresses is far below). */
export const JSON_LIMIT = 16 * 1024;
/** Largest Retour body accepted (a v4 notification with 3-D Secure data is ~2 KiB). */
export const FORM_LIMIT = 16 * 1024;

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, "ERR_BODY_TOO_LARGE", `The body is larger than ${limit} bytes.`);
}

/** Reads the body's bytes, refusing more than `limit` bytes (413) without buffering more. */
export async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Reads the body as UTF-8 text (invalid sequences replaced), refusing more than `limit` bytes (413). */
export async function readText(request: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBytes(request, limit));
}

/** Reads a JSON object body: 415 unless `application/json`, 413 over the limit, 400 if not an object. */
export async function readJson(
  request: Request,
  limit = JSON_LIMIT,
): Promise<Record<string, unknown>> {
  const type = mediaType(request);
  if (type !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new ApiError(415, "ERR_UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  const text = await readText(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("ERR_JSON_INVALID", "The body is not valid JSON.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest("ERR_JSON_INVALID", "The body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/**
 * Reads an `application/x-www-form-urlencoded` body as raw text (415 otherwise), decoded by
 * `decodeFormBytes` (UTF-8, else ISO-8859-1).
 */
export async function readFormText(request: Request, limit = FORM_LIMIT): Promise<string> {
  const type = mediaType(request);
  if (type !== "application/x-www-form-urlencoded" && type !== "") {
    throw new ApiError(
      415,
      "ERR_UNSUPPORTED_MEDIA_TYPE",
      "The Retour body must be application/x-www-form-urlencoded.",
    );
  }
  return decodeFormBytes(await readBytes(request, limit));
}
