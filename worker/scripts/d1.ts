/**
 * Reads the worker's D1 database from Node through `wrangler d1 execute --json`, local or remote, for the
 * doctor and catalog scripts. The SQL comes from `src/db/`.
 * @module
 */
import { wrangler } from "./wrangler-cli.ts";

/** Which database: the local one of `wrangler dev` / `npm start`, or the deployed one. */
export interface D1Target {
  readonly remote: boolean;
  /** The wrangler configuration file (default wrangler.jsonc). */
  readonly config?: string;
  /** The local state folder (`--persist-to`), when not wrangler's default. */
  readonly persistTo?: string;
}

/** The wrangler arguments that select the database. */
export function targetArgs(target: D1Target): string[] {
  return [
    target.remote ? "--remote" : "--local",
    ...(target.config ? ["--config", target.config] : []),
    ...(target.persistTo && !target.remote ? ["--persist-to", target.persistTo] : []),
  ];
}

/**
 * The rows of each query, run in one wrangler call (one start of wrangler, one round trip), or the error
 * wrangler reported for the first that failed.
 */
export function d1Queries(
  sqls: readonly string[],
  target: D1Target,
): { rows: unknown[][] } | { error: string } {
  const command = sqls.map((sql) => sql.replace(/;\s*$/, "")).join("; ");
  const result = wrangler(
    ["d1", "execute", "DB", "--json", "--command", command, ...targetArgs(target)],
    {
      env: { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    },
  );
  try {
    const parsed = JSON.parse(result.stdout) as
      | { results?: unknown[] }[]
      | { error?: { text?: string } };
    if (Array.isArray(parsed)) return { rows: parsed.map((part) => part.results ?? []) };
    return { error: parsed.error?.text ?? "unknown error" };
  } catch {
    return { error: (result.stderr || result.stdout).trim().split("\n").slice(-3).join(" ") };
  }
}

/** The rows of one query, or the error wrangler reported. */
export function d1Query<T>(sql: string, target: D1Target): { rows: T[] } | { error: string } {
  const result = d1Queries([sql], target);
  return "error" in result ? result : { rows: (result.rows[0] ?? []) as T[] };
}

/**
 * Runs a SQL file (several statements) against the database.
 *
 * @throws {Error} with wrangler's output when it fails.
 */
export function d1ExecuteFile(file: string, target: D1Target): void {
  const result = wrangler(["d1", "execute", "DB", "--file", file, "--yes", ...targetArgs(target)], {
    env: { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true" },
  });
  if (result.status !== 0) throw new Error(`${result.stdout}${result.stderr}`.trim());
}
