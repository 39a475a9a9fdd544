/**
 * Request bodies checked with valibot schemas through `@hono/standard-validator`. Each check of a schema
 * carries its error code ({@link reject}); one hook turns the first issue into an {@link ApiError} whose
 * `field` is the issue's path (`items[0].sku`).
 * @module
 */
import { sValidator } from "@hono/standard-validator";
import type { MiddlewareHandler } from "hono";
import * as v from "valibot";
import type { AppEnv } from "./env.ts";
import { ApiError, type ErrorCode, isErrorCode } from "./errors.ts";

const SEPARATOR = "\u001f";

/**
 * The message of a failed check: its error code and its text, where `{field}` stands for the field's path;
 * `at` names a member below the failing value (`sku` when an item is not an object at all).
 *
 * @example
 * v.pipe(v.string(), v.regex(SKU, reject("ERR_SKU_INVALID", "{field} must be a catalog sku.")))
 */
export function reject(code: ErrorCode, text: string, at?: string): string {
  return [code, at ?? "", text].join(SEPARATOR);
}

type PathItem = { key: unknown } | PropertyKey;

/** `items[0].sku` from an issue's path. */
function fieldOf(path: readonly PathItem[] | undefined): string {
  let field = "";
  for (const item of path ?? []) {
    const key = typeof item === "object" && item !== null && "key" in item ? item.key : item;
    field += typeof key === "number" ? `[${key}]` : field === "" ? String(key) : `.${String(key)}`;
  }
  return field;
}

/** The error of the first issue: its code, its field, its text. */
export function issueError(issue: { message: string; path?: readonly PathItem[] }): ApiError {
  const [code, at, text] = issue.message.split(SEPARATOR);
  const base = fieldOf(issue.path);
  const field = at ? (base ? `${base}.${at}` : at) : base;
  if (!isErrorCode(code) || text === undefined) {
    // A check without a code of ours is a schema bug; the caller still gets a 400, never a 500.
    return new ApiError("ERR_JSON_INVALID", issue.message, { field: field || undefined });
  }
  return new ApiError(code, text.replaceAll("{field}", field), { field: field || undefined });
}

/**
 * Validates a value against a schema outside a route (domain code, tests).
 *
 * @throws {ApiError} the code the first failing check carries.
 */
export function validate<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  if (!result.success) throw issueError(result.issues[0]);
  return result.output;
}

/**
 * The route middleware that validates the JSON body (already read and size-checked by `jsonRequests()`),
 * making it available as `c.req.valid("json")`.
 *
 * @throws {ApiError} the code the first failing check carries.
 */
export function jsonBody<S extends v.GenericSchema>(
  schema: S,
): MiddlewareHandler<
  AppEnv,
  string,
  { in: { json: v.InferInput<S> }; out: { json: v.InferOutput<S> } }
> {
  return sValidator("json", schema, (result) => {
    if (!result.success) throw issueError(result.error[0] as { message: string });
  });
}
