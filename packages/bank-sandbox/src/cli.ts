#!/usr/bin/env node
/**
 * `sceau-bank-sandbox` (`npx @sceau/bank-sandbox`): reads the command line ({@link cliRequest}), sets the
 * variables it stands for, and starts the sandbox server (`main.ts`).
 * @module
 */
import { cliRequest, HELP } from "./cli-args.ts";

let request: ReturnType<typeof cliRequest>;
try {
  request = cliRequest(process.argv.slice(2));
} catch (error) {
  console.error(
    `sceau-bank-sandbox: ${(error as Error).message}\nRun with --help for the options.`,
  );
  process.exit(2);
}
if (request.help) {
  console.log(HELP);
} else {
  Object.assign(process.env, request.env);
  await import("./main.ts");
}
