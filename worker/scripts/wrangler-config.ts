/**
 * The worker's wrangler configuration as data: reading `wrangler.jsonc` (JSON with comments) and writing the
 * production configuration `npm run deploy` keeps beside it. Pure functions; the scripts do the file I/O.
 * @module
 */
import { join, relative } from "node:path";

/** The members of a wrangler configuration the deploy and doctor scripts read or write. */
export interface WranglerConfig {
  name: string;
  main: string;
  vars?: Record<string, string>;
  d1_databases?: {
    binding: string;
    database_name: string;
    database_id: string;
    migrations_dir?: string;
  }[];
  routes?: { pattern: string; custom_domain: boolean }[];
  assets?: { directory: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** The file `npm run deploy` writes and the production scripts read, beside `wrangler.jsonc`. */
export const PRODUCTION_CONFIG = "wrangler.production.jsonc";

/** The database id wrangler.jsonc ships with: a placeholder that no real database has. */
export const PLACEHOLDER_DATABASE_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Parses JSON with `//` and `/* *\/` comments and trailing commas, as wrangler.jsonc is written.
 *
 * @throws {SyntaxError} when what remains is not JSON.
 */
export function parseJsonc(text: string): unknown {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (char === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (char === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2) + 1 || text.length;
    } else {
      out += char;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"));
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** What `npm run deploy` decided: the worker, its database, its variables and an optional custom domain. */
export interface DeployAnswers {
  workerName: string;
  databaseName: string;
  databaseId: string;
  vars: Record<string, string>;
  domain?: string;
}

/**
 * The production configuration: `wrangler.jsonc` with the merchant's worker name, variables, database and
 * domain. Paths stay right when the file is written to `configDir` instead of the worker's folder.
 */
export function productionConfig(
  base: WranglerConfig,
  answers: DeployAnswers,
  { workerDir, configDir = workerDir }: { workerDir: string; configDir?: string },
): WranglerConfig {
  const rebase = (path: string) => relative(configDir, join(workerDir, path)) || ".";
  const [database] = base.d1_databases ?? [];
  const config: WranglerConfig = {
    ...base,
    name: answers.workerName,
    main: rebase(base.main),
    vars: answers.vars,
    d1_databases: [
      {
        binding: database?.binding ?? "DB",
        database_name: answers.databaseName,
        database_id: answers.databaseId,
        migrations_dir: rebase(database?.migrations_dir ?? "migrations"),
      },
    ],
  };
  if (base.assets) config.assets = { ...base.assets, directory: rebase(base.assets.directory) };
  if (answers.domain) config.routes = [{ pattern: answers.domain, custom_domain: true }];
  else delete config.routes;
  delete config.$schema;
  return config;
}

/** The text of the production configuration file, with a header saying where it comes from. */
export function productionConfigText(config: WranglerConfig): string {
  return `// Written by \`npm run deploy\` from wrangler.jsonc and your answers; run it again to change them.
// No secret is here: MERCHANT_KEY and ADMIN_TOKEN are the worker's secrets (wrangler secret put).
${JSON.stringify(config, null, 2)}
`;
}
