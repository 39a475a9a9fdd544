#!/usr/bin/env node
/**
 * `npm run deploy`: a first deployment of the worker, or the next one — wrangler login, the D1 database
 * (created when missing, its id written down), remote migrations, the secrets, the deploy, and the URLs the
 * bank needs. The answers are kept in wrangler.production.jsonc; `wrangler.jsonc` stays the local one.
 *
 * `--dry-run` prints the plan and builds the production bundle with `wrangler deploy --dry-run`, offline.
 * @module
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { deployPlan, formatPlan } from "./deploy-plan.ts";
import { deployProblems, deploySteps } from "./deploy-steps.ts";
import { ask, confirm } from "./terminal.ts";
import { WORKER_DIR, wrangler } from "./wrangler-cli.ts";
import {
  type DeployAnswers,
  PLACEHOLDER_DATABASE_ID,
  PRODUCTION_CONFIG,
  parseJsonc,
  productionConfig,
  productionConfigText,
  type WranglerConfig,
} from "./wrangler-config.ts";

const HELP = `npm run deploy -- [options]

  --dry-run          print the plan and build the bundle (wrangler deploy --dry-run); no network, no change
  --production       BANK_ENV=production (after the bank's three valid test receipts; see GOING-LIVE.md)
  --name <worker>    the worker's name (default: the last one, else "sceau")
  --database <name>  the D1 database's name (default: the last one, else "sceau")
  --domain <host>    a custom domain for the worker, e.g. pay.my-shop.fr (its zone must be on the account)
  --var NAME=value   a variable without asking (repeatable): TPE, SOCIETE, BANK, SHOP_ORIGINS…
  --yes              ask nothing: flags, the last answers and the defaults; keep existing secrets
                     (the key then comes from SCEAU_MERCHANT_KEY; CLOUDFLARE_API_TOKEN replaces the login)
  -h, --help         this text`;

/** The variables asked for, in order, with the default offered when there is no earlier answer. */
const QUESTIONS: readonly {
  name: string;
  question: string;
  fallback: (v: Record<string, string>) => string;
}[] = [
  {
    name: "TPE",
    question: "Terminal number (TPE, 7 characters, from the bank)",
    fallback: () => "",
  },
  { name: "SOCIETE", question: "Site code (societe, from the bank)", fallback: () => "" },
  { name: "BANK", question: "Bank: monetico, cm, cic or obc", fallback: () => "monetico" },
  {
    name: "MAC_FORMAT",
    question: "Seal format: v4 (Monetico Paiement) or v3 (CM-CIC p@iement 3.0)",
    fallback: () => "v4",
  },
  { name: "PAYMENT_MODE", question: "Payment mode of your contract", fallback: () => "immediate" },
  {
    name: "SHOP_ORIGINS",
    question: "Your shop's origin(s), e.g. https://www.my-shop.fr",
    fallback: () => "",
  },
  {
    name: "RETURN_URL_OK",
    question: "Page after a payment",
    fallback: (v) => (v.SHOP_ORIGINS ? `${firstOrigin(v)}/merci.html` : ""),
  },
  {
    name: "RETURN_URL_ERR",
    question: "Page after a refusal",
    fallback: (v) => (v.SHOP_ORIGINS ? `${firstOrigin(v)}/erreur.html` : ""),
  },
  {
    name: "RETURN_URL",
    question: "Page when the buyer cancels",
    fallback: (v) => (v.SHOP_ORIGINS ? `${firstOrigin(v)}/` : ""),
  },
];

/** Local-development variables that have no meaning in production. */
const LOCAL_ONLY = ["BANK_SANDBOX_URL"];

function firstOrigin(vars: Record<string, string>): string {
  return (vars.SHOP_ORIGINS ?? "").split(/[\s,]+/)[0]?.replace(/\/$/, "") ?? "";
}

function readConfig(path: string): WranglerConfig {
  return parseJsonc(readFileSync(path, "utf8")) as WranglerConfig;
}

const { values: flags } = parseArgs({
  options: {
    "dry-run": { type: "boolean" },
    production: { type: "boolean" },
    name: { type: "string" },
    database: { type: "string" },
    domain: { type: "string" },
    var: { type: "string", multiple: true },
    yes: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (flags.help) {
  console.log(HELP);
  process.exit(0);
}
const dryRun = flags["dry-run"] === true;
const interactive = !dryRun && !flags.yes && process.stdin.isTTY === true;

const base = readConfig(join(WORKER_DIR, "wrangler.jsonc"));
const productionPath = join(WORKER_DIR, PRODUCTION_CONFIG);
const previous = existsSync(productionPath) ? readConfig(productionPath) : undefined;

const given: Record<string, string> = {};
for (const pair of flags.var ?? []) {
  const at = pair.indexOf("=");
  if (at < 1) {
    console.error(`--var ${pair}: write NAME=value.`);
    process.exit(2);
  }
  given[pair.slice(0, at)] = pair.slice(at + 1);
}

// The questions' variables first, then BANK_ENV, then whatever else the last deployment or wrangler.jsonc
// had (CHECKOUT_RATE_LIMIT, ADMIN_ORIGINS…), minus what only makes sense locally.
const earlier: Record<string, string> = { ...(base.vars ?? {}), ...(previous?.vars ?? {}) };
const vars: Record<string, string> = {};
for (const { name, question, fallback } of QUESTIONS) {
  const known = given[name] ?? previous?.vars?.[name] ?? fallback(vars);
  vars[name] = interactive && given[name] === undefined ? await ask(question, known) : known;
}
vars.BANK_ENV = flags.production
  ? "production"
  : (given.BANK_ENV ?? previous?.vars?.BANK_ENV ?? "test");
for (const [name, value] of Object.entries({ ...earlier, ...given })) {
  if (!(name in vars) && !LOCAL_ONLY.includes(name)) vars[name] = value;
}

const answers: DeployAnswers = {
  workerName: flags.name ?? previous?.name ?? "sceau",
  databaseName: flags.database ?? previous?.d1_databases?.[0]?.database_name ?? "sceau",
  databaseId: previous?.d1_databases?.[0]?.database_id ?? PLACEHOLDER_DATABASE_ID,
  vars,
  ...((flags.domain ?? previous?.routes?.[0]?.pattern) && {
    domain: flags.domain ?? previous?.routes?.[0]?.pattern,
  }),
};
const hasConsole = existsSync(join(WORKER_DIR, "..", "packages", "console", "package.json"));
const steps = deployPlan({
  workerName: answers.workerName,
  databaseName: answers.databaseName,
  secrets: ["MERCHANT_KEY", "ADMIN_TOKEN"],
  hasConsole,
  production: vars.BANK_ENV === "production",
  ...(answers.domain && { domain: answers.domain }),
});

console.log(`\nDeploying the sceau worker "${answers.workerName}" (BANK_ENV=${vars.BANK_ENV}):\n`);
console.log(formatPlan(steps));
console.log("\nVariables:");
for (const [name, value] of Object.entries(vars)) console.log(`  ${name}=${value}`);
const problems = await deployProblems(vars);
if (problems.length > 0) {
  console.log("\nTo fix before the worker can take payments:");
  for (const problem of problems) console.log(`  ✗ ${problem}`);
}

if (dryRun) {
  const dir = mkdtempSync(join(tmpdir(), "sceau-deploy-"));
  try {
    const config = join(dir, PRODUCTION_CONFIG);
    writeFileSync(
      config,
      productionConfigText(
        productionConfig(base, answers, { workerDir: WORKER_DIR, configDir: dir }),
      ),
    );
    const out = join(dir, "out");
    const build = wrangler(["deploy", "--dry-run", "--outdir", out, "--config", config], {
      env: { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    });
    if (build.status !== 0) {
      console.error(`\nwrangler deploy --dry-run failed:\n${build.stdout}${build.stderr}`);
      process.exit(1);
    }
    const size = statSync(join(out, "index.js")).size;
    console.log(
      `\nDry run: wrangler deploy --dry-run built the production bundle (${(size / 1024).toFixed(0)} KiB); nothing was changed.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

if (problems.length > 0) {
  console.error("\nFix the variables above (run again, or --var NAME=value), then deploy.");
  process.exit(1);
}
if (interactive && !(await confirm("\nGo ahead?", true))) process.exit(0);

const run = deploySteps({
  base,
  answers,
  vars,
  interactive,
  production: flags.production === true,
});

for (const [index, step] of steps.entries()) {
  console.log(`\n[${index + 1}/${steps.length}] ${step.title}`);
  try {
    await run[step.id]();
  } catch (error) {
    console.error(
      `\n✗ ${(error as Error).message}\nNothing after this step was done; fix it and run npm run deploy again.`,
    );
    process.exit(1);
  }
}
