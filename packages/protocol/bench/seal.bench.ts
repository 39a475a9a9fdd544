// Seal and verify throughput of @sceau/protocol against the same MAC computed with node:crypto in the same
// run. Prints a markdown table; run with `pnpm --filter @sceau/protocol bench`. `benchProtocol()` is also
// imported by the product-wide benchmark (demo/bench/run.mjs), so both print figures from one implementation.
import { createHmac, timingSafeEqual } from "node:crypto";
import { pathToFileURL } from "node:url";
import {
  createTerminal,
  type Fields,
  importKey,
  notificationMacData,
  paymentMacData,
  seal,
  usableKeyHex,
  verifySeal,
} from "../src/index.ts";
import allerV3 from "../test/vectors/aller-v3.json" with { type: "json" };
import allerV4 from "../test/vectors/aller-v4.json" with { type: "json" };
import retourV3 from "../test/vectors/retour-v3.json" with { type: "json" };
import retourV4 from "../test/vectors/retour-v4.json" with { type: "json" };

const KEY = "0123456789ABCDEF0123456789ABCDEF01234567";
const DEFAULT_BUDGET_MS = Number(process.env.BENCH_MS ?? 700);

/** One operation measured against its node:crypto baseline, in the same run. */
export interface ProtocolResult {
  name: string;
  /** Milliseconds per operation with @sceau/protocol. */
  oursMs: number;
  /** Milliseconds per operation with node:crypto createHmac. */
  baseMs: number;
}

async function measure(run: () => Promise<unknown> | unknown, budgetMs: number): Promise<number> {
  for (let i = 0; i < 200; i++) await run(); // warm-up
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    for (let i = 0; i < 100; i++) await run();
    ops += 100;
    now = performance.now();
  }
  return (now - start) / ops; // ms per op
}

/** Measures every seal and verify case, @sceau/protocol then node:crypto, `budgetMs` per cell. */
export async function benchProtocol(budgetMs = DEFAULT_BUDGET_MS): Promise<ProtocolResult[]> {
  const rawKey = Buffer.from(usableKeyHex(KEY), "hex");
  const nodeSeal = (data: string) => createHmac("sha1", rawKey).update(data, "utf8").digest("hex");
  const nodeVerify = (data: string, mac: string) =>
    timingSafeEqual(Buffer.from(nodeSeal(data), "hex"), Buffer.from(mac.toLowerCase(), "hex"));

  const key = await importKey(KEY);
  const v3Fields = allerV3.vectors[0]?.fields as Fields;
  const v4Fields = allerV4.vectors[0]?.fields as Fields;
  const r3 = retourV3.vectors[0] as unknown as { fields: Record<string, string>; mac: string };
  const r4 = retourV4.vectors[0] as unknown as { fields: Record<string, string>; mac: string };
  const terminalV3 = await createTerminal({
    tpe: "1234567",
    key: KEY,
    societe: "monSite1",
    format: "v3",
    bank: "cm",
  });
  const terminalV4 = await createTerminal({
    tpe: "1234567",
    key: KEY,
    societe: "monSite1",
    format: "v4",
    bank: "monetico",
  });
  const bodyV3 = new URLSearchParams({ ...r3.fields, MAC: r3.mac }).toString();
  const bodyV4 = new URLSearchParams({ ...r4.fields, MAC: r4.mac }).toString();

  const cases: [string, () => unknown, () => unknown][] = [
    [
      "Aller v3: string + seal",
      () => seal(key, paymentMacData(v3Fields, "v3")),
      () => nodeSeal(paymentMacData(v3Fields, "v3")),
    ],
    [
      "Aller v4: string + seal",
      () => seal(key, paymentMacData(v4Fields, "v4")),
      () => nodeSeal(paymentMacData(v4Fields, "v4")),
    ],
    [
      "Retour v3: string + verify",
      () => verifySeal(key, notificationMacData(r3.fields, "v3", { tpe: "1234567" }), r3.mac),
      () => nodeVerify(notificationMacData(r3.fields, "v3", { tpe: "1234567" }), r3.mac),
    ],
    [
      "Retour v4: string + verify",
      () => verifySeal(key, notificationMacData(r4.fields, "v4", { tpe: "1234567" }), r4.mac),
      () => nodeVerify(notificationMacData(r4.fields, "v4", { tpe: "1234567" }), r4.mac),
    ],
    [
      "Retour v3: body → typed notification",
      () => terminalV3.verifyNotification(bodyV3),
      () =>
        nodeVerify(
          notificationMacData(Object.fromEntries(new URLSearchParams(bodyV3)), "v3", {
            tpe: "1234567",
          }),
          r3.mac,
        ),
    ],
    [
      "Retour v4: body → typed notification",
      () => terminalV4.verifyNotification(bodyV4),
      () =>
        nodeVerify(
          notificationMacData(Object.fromEntries(new URLSearchParams(bodyV4)), "v4", {
            tpe: "1234567",
          }),
          r4.mac,
        ),
    ],
  ];

  const results: ProtocolResult[] = [];
  for (const [name, ours, baseline] of cases) {
    const oursMs = await measure(ours, budgetMs);
    const baseMs = await measure(baseline, budgetMs);
    results.push({ name, oursMs, baseMs });
  }
  return results;
}

async function main(): Promise<void> {
  const results = await benchProtocol();
  const us = (ms: number) => (ms * 1000).toFixed(2);
  const perSecond = (ms: number) => Math.round(1000 / ms).toLocaleString("en-US");
  console.log(
    `\n@sceau/protocol vs node:crypto createHmac (Node ${process.version}, ${DEFAULT_BUDGET_MS} ms per cell)\n`,
  );
  console.log(
    "| operation | sceau µs/op | sceau ops/s | node:crypto µs/op | node:crypto ops/s | time ratio (sceau / node) |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const { name, oursMs, baseMs } of results) {
    console.log(
      `| ${name} | ${us(oursMs)} | ${perSecond(oursMs)} | ${us(baseMs)} | ${perSecond(baseMs)} | ${(oursMs / baseMs).toFixed(2)}× |`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
