#!/usr/bin/env node
// A stand-in for wrangler talking to a Cloudflare account, which cannot be reached from the tests: it records
// each call (arguments and standard input) in $FAKE_WRANGLER_LOG and answers as wrangler 4 does.
import { appendFileSync, readFileSync } from "node:fs";

const args = process.argv.slice(2);
let input = "";
try {
  input = readFileSync(0, "utf8");
} catch {}
appendFileSync(process.env.FAKE_WRANGLER_LOG, `${JSON.stringify({ args, input })}\n`);

const command = args
  .filter((a) => !a.startsWith("-"))
  .slice(0, 2)
  .join(" ");
const answers = {
  whoami: "👋 You are logged in with an API Token, associated with the account Boutique.",
  "d1 list": "[]",
  "d1 create": `✅ Successfully created DB '${args[2]}'\n{\n  "d1_databases": [\n    {\n      "binding": "${args[2]}",\n      "database_name": "${args[2]}",\n      "database_id": "5b2d1c7e-3f4a-4b6c-8d9e-0a1b2c3d4e5f"\n    }\n  ]\n}`,
  "d1 migrations": "✅ Applied 5 migrations.",
  "secret list": "[]",
  "secret put": "✨ Success! Uploaded secret",
  deploy:
    "Uploaded sceau (1.23 sec)\nDeployed sceau triggers (0.45 sec)\n  https://sceau.boutique.workers.dev\n  schedule: 23 3 * * *",
};
const answer = answers[command] ?? answers[command.split(" ")[0]];
if (answer === undefined) {
  console.error(`fake wrangler: no answer for ${args.join(" ")}`);
  process.exit(1);
}
console.log(answer);
