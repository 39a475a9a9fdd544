/**
 * The steps of a deployment, as data: what `npm run deploy` does, in order, with the command each runs and
 * what it needs from a person. `--dry-run` prints this plan; the real run executes the same list.
 * @module
 */
import { PRODUCTION_CONFIG } from "./wrangler-config.ts";

/** The steps, in the order they run. */
export type DeployStepId =
  | "login"
  | "database"
  | "config"
  | "migrations"
  | "secrets"
  | "console"
  | "deploy"
  | "urls";

/** One step of the plan. */
export interface DeployStep {
  readonly id: DeployStepId;
  /** What it does. */
  readonly title: string;
  /** The commands it runs (wrangler's arguments prefixed with `wrangler`). */
  readonly commands: readonly string[];
  /** The condition under which it runs, when it does not always run. */
  readonly when?: string;
  /** What a person must do during this step, if anything. */
  readonly person?: string;
}

/** What the plan depends on. */
export interface PlanInput {
  readonly workerName: string;
  readonly databaseName: string;
  /** Secrets to put: the names only. */
  readonly secrets: readonly string[];
  /** Whether `packages/console` exists (its build becomes the worker's static assets). */
  readonly hasConsole: boolean;
  readonly domain?: string;
  readonly production: boolean;
}

/**
 * The deployment plan for these answers.
 *
 * @example
 * ```ts
 * deployPlan({ workerName: "sceau", databaseName: "sceau", secrets: ["MERCHANT_KEY", "ADMIN_TOKEN"],
 *   hasConsole: false, production: false }).map((s) => s.title);
 * ```
 */
export function deployPlan(input: PlanInput): DeployStep[] {
  const config = ["--config", PRODUCTION_CONFIG];
  const steps: DeployStep[] = [
    {
      id: "login",
      title: "Check that wrangler is logged in to your Cloudflare account",
      commands: ["wrangler whoami"],
      person:
        "when it is not: `wrangler login` opens the browser to authorise wrangler (once per machine)",
    },
    {
      id: "database",
      title: `Find the D1 database "${input.databaseName}", or create it`,
      commands: ["wrangler d1 list --json", `wrangler d1 create ${input.databaseName}`],
      when: "the create only when no database has that name",
    },
    {
      id: "config",
      title: `Write ${PRODUCTION_CONFIG}: worker "${input.workerName}", the database id, your variables${input.domain ? `, the domain ${input.domain}` : ""}`,
      commands: [],
    },
    {
      id: "migrations",
      title: "Apply the D1 migrations to the remote database",
      commands: [`wrangler d1 migrations apply DB --remote ${config.join(" ")}`],
    },
    {
      id: "secrets",
      title: `Put the secrets ${input.secrets.join(", ")}`,
      commands: input.secrets.map((name) => `wrangler secret put ${name} ${config.join(" ")}`),
      person:
        "type the merchant key from the bank's back office (hidden); the admin token is generated and shown once",
    },
  ];
  if (input.hasConsole) {
    steps.push({
      id: "console",
      title: "Build the merchant console (served by the worker at /admin/)",
      commands: ["pnpm --filter @sceau/console build"],
    });
  }
  steps.push(
    {
      id: "deploy",
      title: `Deploy the worker${input.hasConsole ? " and the console's assets" : ""}`,
      commands: [`wrangler deploy ${config.join(" ")}`],
      ...(input.domain && {
        person: `the zone of ${input.domain} must be on this Cloudflare account for the custom domain`,
      }),
    },
    {
      id: "urls",
      title: "Print the URLs to give the bank",
      commands: [],
      person: input.production
        ? "paste the confirmation (CGI2) URL into the bank's production back office"
        : "paste the confirmation (CGI2) URL into the bank's test back office, then make three test payments",
    },
  );
  return steps;
}

/** The plan as text, numbered, for `--dry-run` and the start of a real run. */
export function formatPlan(steps: readonly DeployStep[]): string {
  return steps
    .map((step, index) => {
      const lines = [`${index + 1}. ${step.title}`];
      for (const command of step.commands) lines.push(`     $ ${command}`);
      if (step.when) lines.push(`     (${step.when})`);
      if (step.person) lines.push(`     you: ${step.person}`);
      return lines.join("\n");
    })
    .join("\n");
}

/** The URLs the bank's back office needs, from the deployed worker's URL and the return pages. */
export function bankUrls(workerUrl: string, vars: Record<string, string | undefined>): string {
  const base = workerUrl.replace(/\/+$/, "");
  return [
    `  Confirmation URL (CGI2, "URL de confirmation"):  ${base}/api/retour`,
    `  Return page after a payment:                    ${vars.RETURN_URL_OK ?? "(RETURN_URL_OK not set)"}`,
    `  Return page after a refusal:                    ${vars.RETURN_URL_ERR ?? "(RETURN_URL_ERR not set)"}`,
    `  Merchant console:                               ${base}/admin/`,
  ].join("\n");
}
