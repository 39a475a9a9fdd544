/**
 * Runs the worker's own wrangler (worker/node_modules/.bin/wrangler) from the worker's folder, for the
 * deploy, doctor and catalog scripts.
 * @module
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The worker's folder. */
export const WORKER_DIR = join(import.meta.dirname, "..");

/** The worker's wrangler; `SCEAU_WRANGLER` names another (the tests' stand-in for a Cloudflare account). */
const WRANGLER = process.env.SCEAU_WRANGLER ?? join(WORKER_DIR, "node_modules", ".bin", "wrangler");

/** What a wrangler run printed, and how it ended. */
export interface WranglerResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `wrangler <args>`. With `interactive`, wrangler talks to the person directly (login, prompts) and
 * nothing is captured; otherwise its output is returned, and `input` is written to its standard input.
 */
export function wrangler(
  args: readonly string[],
  options: { input?: string; interactive?: boolean; env?: Record<string, string> } = {},
): WranglerResult {
  const result = spawnSync(WRANGLER, [...args], {
    cwd: WORKER_DIR,
    env: { ...process.env, WRANGLER_HIDE_BANNER: "true", NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    ...(options.interactive ? { stdio: "inherit" } : { input: options.input ?? "" }),
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

/**
 * Runs `wrangler <args>` and returns its standard output.
 *
 * @throws {Error} with wrangler's own output when it fails.
 */
export function wranglerOk(args: readonly string[], options: { input?: string } = {}): string {
  const result = wrangler(args, options);
  if (result.status !== 0) {
    throw new Error(`wrangler ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`.trim());
  }
  return result.stdout;
}
