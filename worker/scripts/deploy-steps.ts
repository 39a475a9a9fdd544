/**
 * What each step of the deployment plan (deploy-plan.ts) does, against the merchant's Cloudflare account,
 * and the doctor's checks a deployment must pass first.
 * @module
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type DoctorCheckId, doctor } from "../src/doctor.ts";
import type { Env } from "../src/env.ts";
import { bankUrls, type DeployStepId } from "./deploy-plan.ts";
import { askSecret, confirm } from "./terminal.ts";
import { WORKER_DIR, wrangler, wranglerOk } from "./wrangler-cli.ts";
import {
  type DeployAnswers,
  PRODUCTION_CONFIG,
  productionConfig,
  productionConfigText,
  type WranglerConfig,
} from "./wrangler-config.ts";

/** The doctor's checks that a deployment must pass (the others come after: receipts, production). */
const BEFORE_DEPLOY: readonly DoctorCheckId[] = [
  "variables",
  "bank",
  "https",
  "return-urls",
  "key",
];

/** What stops these variables (and this key, when given) from taking payments, with the fixes. */
export async function deployProblems(
  vars: Record<string, string>,
  key?: string,
): Promise<string[]> {
  const env = {
    ...vars,
    MERCHANT_KEY: key,
    ADMIN_TOKEN: "generated-by-npm-run-deploy-at-first-run",
  };
  const checks = await doctor(env as unknown as Env, { expectedMigrations: [] });
  return checks
    .filter((c) => !c.ok && BEFORE_DEPLOY.includes(c.id) && (c.id !== "key" || key !== undefined))
    .map((c) => `${c.detail} (fix: ${c.fix})`);
}

/** The secrets the deployed worker has (none when it does not exist yet). */
function secretNames(): Set<string> {
  const listed = wrangler(["secret", "list", "--format", "json", "--config", PRODUCTION_CONFIG]);
  try {
    return new Set((JSON.parse(listed.stdout) as { name: string }[]).map((s) => s.name));
  } catch {
    return new Set();
  }
}

/** What the steps work with; the database step fills in `answers.databaseId`. */
export interface DeployContext {
  readonly base: WranglerConfig;
  readonly answers: DeployAnswers;
  readonly vars: Record<string, string>;
  /** A person is at the terminal (no `--yes`, standard input is a TTY). */
  readonly interactive: boolean;
  /** `--production`: offer to replace the key by default. */
  readonly production: boolean;
}

/**
 * The implementation of every step, in the plan's vocabulary; each throws an Error whose message says what to
 * do.
 */
export function deploySteps(ctx: DeployContext): Record<DeployStepId, () => Promise<void> | void> {
  const config = ["--config", PRODUCTION_CONFIG];
  let workerUrl = ctx.answers.domain ? `https://${ctx.answers.domain}` : "";
  return {
    login() {
      if (wrangler(["whoami"]).stdout.includes("You are logged in")) return;
      if (!ctx.interactive)
        throw new Error(
          "wrangler is not logged in: run `npx wrangler login` in worker/, or set CLOUDFLARE_API_TOKEN.",
        );
      if (wrangler(["login"], { interactive: true }).status !== 0)
        throw new Error("wrangler login failed.");
    },
    database() {
      const list = JSON.parse(wranglerOk(["d1", "list", "--json"])) as {
        uuid: string;
        name: string;
      }[];
      const found = list.find((db) => db.name === ctx.answers.databaseName);
      if (found) {
        ctx.answers.databaseId = found.uuid;
        return;
      }
      const created = wranglerOk(["d1", "create", ctx.answers.databaseName]);
      // wrangler prints the binding to paste: JSON for a wrangler.jsonc, TOML otherwise.
      const id = /database_id"?\s*[:=]\s*"([0-9a-f-]{36})"/.exec(created)?.[1];
      if (!id) throw new Error(`wrangler d1 create printed no database id:\n${created}`);
      ctx.answers.databaseId = id;
    },
    config() {
      writeFileSync(
        join(WORKER_DIR, PRODUCTION_CONFIG),
        productionConfigText(productionConfig(ctx.base, ctx.answers, { workerDir: WORKER_DIR })),
      );
    },
    migrations() {
      wranglerOk(["d1", "migrations", "apply", "DB", "--remote", ...config], { input: "y\n" });
    },
    async secrets() {
      const existing = secretNames();
      const replaceKey =
        !existing.has("MERCHANT_KEY") ||
        (ctx.interactive && (await confirm("Replace the merchant key?", ctx.production)));
      if (replaceKey) {
        const key =
          process.env.SCEAU_MERCHANT_KEY ??
          (ctx.interactive
            ? await askSecret("Merchant key (40 characters, from the bank's back office)")
            : "");
        const keyProblems = await deployProblems(ctx.vars, key);
        if (keyProblems.length > 0) throw new Error(keyProblems.join("\n"));
        wranglerOk(["secret", "put", "MERCHANT_KEY", ...config], { input: key });
      }
      if (!existing.has("ADMIN_TOKEN")) {
        const token = randomBytes(32).toString("base64url");
        wranglerOk(["secret", "put", "ADMIN_TOKEN", ...config], { input: token });
        console.log(
          `\n  Admin token (for the console and /api/admin; shown once, keep it in your password manager):\n  ${token}\n`,
        );
      }
    },
    console() {
      const pnpm = join(WORKER_DIR, "..", ".ci", "pnpm.mjs");
      const build = spawnSync(process.execPath, [pnpm, "--filter", "@sceau/console", "build"], {
        stdio: "inherit",
      });
      if (build.status !== 0) throw new Error("the console's build failed.");
    },
    deploy() {
      const out = wranglerOk(["deploy", ...config]);
      process.stdout.write(out);
      workerUrl ||= /https:\/\/\S+\.workers\.dev/.exec(out)?.[0] ?? "";
    },
    urls() {
      console.log(
        `\nGive the bank these (GOING-LIVE.md says where):\n\n${bankUrls(workerUrl || "https://<your worker>", ctx.vars)}\n`,
      );
    },
  };
}
