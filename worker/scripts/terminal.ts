/**
 * Questions on the terminal for the deploy and catalog scripts: a value with a default, a yes/no, a secret
 * typed without echo.
 * @module
 */
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";

/** Asks for a value; an empty answer takes `fallback`. */
export async function ask(question: string, fallback = ""): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(`${question}${fallback ? ` [${fallback}]` : ""}: `)).trim();
    return answer || fallback;
  } finally {
    rl.close();
  }
}

/** Asks a yes/no question; an empty answer takes `fallback`. */
export async function confirm(question: string, fallback: boolean): Promise<boolean> {
  const answer = await ask(`${question} (${fallback ? "Y/n" : "y/N"})`);
  return answer === "" ? fallback : /^y(es)?|^o(ui)?/i.test(answer);
}

/** Asks for a secret without echoing what is typed. */
export async function askSecret(question: string): Promise<string> {
  process.stdout.write(`${question}: `);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return (await rl.question("")).trim();
  } finally {
    rl.close();
    process.stdout.write("\n");
  }
}
