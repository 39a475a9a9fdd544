import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { waitForHttp } from "../../../demo/scripts/stack.mjs";
import { installation } from "./installation.ts";

const KEY = "0123456789ABCDEF0123456789ABCDEF01234567";
const running: ChildProcess[] = [];

function npx(args: string[]) {
  return spawnSync("npx", ["sceau-bank-sandbox", ...args], {
    cwd: installation().app,
    encoding: "utf8",
  });
}

/** A free loopback port, found by letting the system pick one. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `npx sceau-bank-sandbox` in the installed shop on a free port; stopped after each test. */
async function startSandbox(args: string[] = []): Promise<string> {
  const port = await freePort();
  const child = spawn("npx", ["sceau-bank-sandbox", "--port", String(port), ...args], {
    cwd: installation().app,
    detached: true,
    stdio: "ignore",
  });
  running.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/_sandbox/clock`, 20_000, () => child.exitCode === null);
  return url;
}

afterEach(() => {
  for (const child of running.splice(0)) {
    try {
      process.kill(-(child.pid ?? 0), "SIGTERM");
    } catch {}
  }
});

/** The Monetico (v4) seal as any other stack computes it: sorted `name=value` joined by `*`, HMAC-SHA1. */
function v4Seal(fields: Record<string, string>): string {
  const data = Object.keys(fields)
    .filter((name) => name !== "MAC")
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join("*");
  return createHmac("sha1", Buffer.from(KEY, "hex")).update(data, "utf8").digest("hex");
}

function bankDate(date: Date): string {
  const part = (type: string) =>
    new Intl.DateTimeFormat("fr-FR", {
      timeZone: "Europe/Paris",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .find((p) => p.type === type)?.value;
  return `${part("day")}/${part("month")}/${part("year")}:${part("hour")}:${part("minute")}:${part("second")}`;
}

/** A merchant's Retour endpoint on another stack: records each call and answers the receipt. */
function retourEndpoint(): Promise<{ server: Server; url: string; calls: URLSearchParams[] }> {
  const calls: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      calls.push(new URLSearchParams(body));
      res.writeHead(200, { "content-type": "text/plain" }).end("version=2\ncdr=0\n");
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/retour.php`, calls });
    }),
  );
}

describe("npx sceau-bank-sandbox, installed with npm", () => {
  it("prints its usage with --help, and refuses an unknown flag", () => {
    const help = npx(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: sceau-bank-sandbox [options]");
    const wrong = npx(["--prot", "9000"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("--prot");
  });

  it("serves the terminals the package ships on the port asked for", async () => {
    const url = await startSandbox();
    const terminals = (await (await fetch(`${url}/_sandbox/terminals`)).json()) as {
      tpe: string;
    }[];
    // v4 immediate, v3 immediate, split, deferred, partial, recurring (the sandbox README's table).
    expect(terminals.map((t) => t.tpe)).toEqual([
      "7654321",
      "7654322",
      "7654323",
      "7654324",
      "7654325",
      "7654326",
    ]);
  });

  it("takes another stack's terminal: its sealed form, a card payment, its Retour with a receipt", async () => {
    const retour = await retourEndpoint();
    try {
      const url = await startSandbox([
        "--terminal",
        `tpe=0012345,key=${KEY},societe=phpshop,name=Chez PHP`,
        "--retour-url",
        retour.url,
      ]);
      const fields: Record<string, string> = {
        TPE: "0012345",
        societe: "phpshop",
        lgue: "FR",
        version: "3.0",
        reference: `PHP${Date.now()}`,
        date: bankDate(new Date()),
        montant: "42.50EUR",
        contexte_commande: Buffer.from(
          JSON.stringify({
            billing: {
              addressLine1: "1 rue de la Paix",
              city: "Paris",
              postalCode: "75002",
              country: "FR",
            },
          }),
        ).toString("base64"),
        "texte-libre": "panier-7",
        url_retour_ok: "https://php.shop.test/ok",
        url_retour_err: "https://php.shop.test/err",
      };
      fields.MAC = v4Seal(fields);
      const posted = await fetch(`${url}/test/paiement.cgi`, {
        method: "POST",
        body: new URLSearchParams(fields),
        redirect: "manual",
      });
      expect(posted.status).toBe(303);
      const cardPage = new URL(posted.headers.get("location") ?? "", url);
      const paid = await fetch(cardPage, {
        method: "POST",
        body: new URLSearchParams({
          numero: "4000000000000002",
          mois: "12",
          annee: String(new Date().getFullYear() + 2),
          cvv: "123",
        }),
      });
      expect(paid.status).toBe(200);
      await expect.poll(() => retour.calls.length, { timeout: 10_000 }).toBe(1);
      const notification = Object.fromEntries(retour.calls[0] ?? []);
      expect(notification).toMatchObject({
        TPE: "0012345",
        reference: fields.reference,
        montant: "42.50EUR",
        "texte-libre": "panier-7",
        "code-retour": "payetest",
      });
      expect(notification.MAC?.toLowerCase()).toBe(v4Seal(notification));
      const records = (await (
        await fetch(`${url}/_sandbox/notifications?reference=${fields.reference}`)
      ).json()) as { delivered: boolean }[];
      expect(records.map((r) => r.delivered)).toEqual([true]);
    } finally {
      await new Promise((resolve) => retour.server.close(resolve));
    }
  });
});
