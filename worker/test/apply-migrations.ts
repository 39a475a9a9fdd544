import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { readCatalogJson } from "../src/catalog-file.ts";
import { catalogDiff, catalogStatements } from "../src/db/catalog-sync.ts";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// The demo shop's catalog, pushed as `npm run catalog -- push` pushes it into the database of `npm start`.
const demo = readCatalogJson(env.TEST_DEMO_CATALOG);
if (!demo.ok) throw new Error(`demo/catalog.json: ${JSON.stringify(demo.problems)}`);
const statements = catalogStatements(catalogDiff([], demo.products), "2026-01-01T00:00:00.000Z");
await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));

// The demo's shipping methods and promo code (demo/seed-shop.sql), as `npm start` applies them after the push.
const seed = env.TEST_DEMO_SEED.split(/;\s*$/m)
  .map((sql) => sql.replace(/^--.*$/gm, "").trim())
  .filter((sql) => sql !== "");
await env.DB.batch(seed.map((sql) => env.DB.prepare(sql)));
