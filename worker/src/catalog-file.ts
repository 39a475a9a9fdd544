/**
 * The merchant's catalog as a file in their repository — `catalog.json` or a CSV export — read and checked
 * before `npm run catalog -- push` puts it into D1. Every problem is reported at once, each with where it is
 * (`products[2].unitAmount`, `line 4, unitAmount`), so a merchant fixes the file in one pass.
 * @module
 */
import { minorDigits } from "@sceau/protocol";
import { SKU } from "./catalog.ts";
import type { Product } from "./db/products.ts";
import { DEFAULT_VAT_RATE } from "./schemas.ts";

/**
 * One product of the file, checked, with every default applied: a {@link Product} (`unitAmount` in minor units
 * of `currency`, VAT included; `vatRate` in basis points, read from the file's percent; `weight` in grams;
 * `stock` `null` when not counted).
 */
export type CatalogEntry = Product;

/**
 * A stored product as the file writes it (`npm run catalog -- pull`): `vatRate` back in percent, `stock` left
 * out when it is not counted, so that the output reads back as the same entry.
 */
export function catalogFileProduct(product: Product) {
  const { stock, vatRate, ...rest } = product;
  return { ...rest, vatRate: vatRate / 100, ...(stock !== null && { stock }) };
}

/** Where a problem is and what it is. */
export interface CatalogProblem {
  readonly at: string;
  readonly message: string;
}

/** The file read: its products, or every problem found. */
export type CatalogReading =
  | { readonly ok: true; readonly products: CatalogEntry[] }
  | { readonly ok: false; readonly problems: CatalogProblem[] };

/** The members a product may have (anything else is a typo the merchant wants to hear about). */
export const PRODUCT_MEMBERS = [
  "sku",
  "name",
  "description",
  "unitAmount",
  "currency",
  "active",
  "maxInstalments",
  "vatRate",
  "ships",
  "weight",
  "stock",
  "subscription",
] as const;

/** Control characters, which no product text needs and some terminals and CSV tools mangle. */
const CONTROL = /(?![\t\n])\p{Cc}/u;

type Report = (member: string, message: string) => void;

function text(value: unknown, member: string, max: number, report: Report): string | undefined {
  if (typeof value !== "string" || (member === "name" && value.trim() === "")) {
    report(member, `${member} must be ${member === "name" ? "a non-empty" : "a"} string.`);
  } else if (value.length > max) report(member, `${member} must be at most ${max} characters.`);
  else if (CONTROL.test(value)) report(member, `${member} must not contain control characters.`);
  else return member === "name" ? value.trim() : value;
  return undefined;
}

function integer(value: unknown, member: string, min: number, max: number, report: Report) {
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
    return value;
  }
  report(member, `${member} must be an integer from ${min} to ${max}.`);
  return undefined;
}

/** Checks one product object; `currency` is the file's default. */
function entry(raw: unknown, currency: unknown, report: Report): CatalogEntry | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    report("", "a product must be an object.");
    return undefined;
  }
  const p = raw as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    if (!(PRODUCT_MEMBERS as readonly string[]).includes(key)) {
      report(key, `unknown member (a product has ${PRODUCT_MEMBERS.join(", ")}).`);
    }
  }
  const sku = typeof p.sku === "string" && SKU.test(p.sku) ? p.sku : undefined;
  if (!sku) report("sku", "sku must be letters, digits, '.', '_' or '-' (at most 64).");
  const name = text(p.name, "name", 200, report);
  const description = text(p.description ?? "", "description", 2000, report);
  let unitAmount: number | undefined;
  if (typeof p.unitAmount === "number" && Number.isSafeInteger(p.unitAmount) && p.unitAmount > 0) {
    unitAmount = p.unitAmount;
  } else {
    const hint =
      typeof p.unitAmount === "number" && !Number.isInteger(p.unitAmount)
        ? ` (${p.unitAmount} is not: write ${Math.round(p.unitAmount * 100)} for ${p.unitAmount.toFixed(2)})`
        : "";
    report(
      "unitAmount",
      `unitAmount must be a positive integer in minor units, 1499 for 14.99${hint}.`,
    );
  }
  const code = p.currency ?? currency;
  try {
    minorDigits(String(code), "currency");
  } catch {
    report(
      "currency",
      `currency ${JSON.stringify(code ?? null)} is not an ISO 4217 code such as EUR.`,
    );
  }
  const active = p.active ?? true;
  if (typeof active !== "boolean") report("active", "active must be true or false.");
  // The period and the number of renewals are the recurring terminal's (RECURRING_* settings), not a product's.
  const subscription = p.subscription ?? false;
  if (typeof subscription !== "boolean") {
    report(
      "subscription",
      "subscription must be true or false (sold per period on a recurring terminal).",
    );
  }
  const maxInstalments = integer(p.maxInstalments ?? 1, "maxInstalments", 1, 4, report);
  let vatRate: number | undefined = DEFAULT_VAT_RATE;
  if (p.vatRate !== undefined) {
    // At most two decimals, checked on the written form: 2.1 * 100 is not an integer in floating point, so
    // the basis points are rounded (2.1 → 210).
    if (typeof p.vatRate === "number" && /^\d{1,2}(\.\d{1,2})?$/.test(String(p.vatRate))) {
      vatRate = Math.round(p.vatRate * 100);
    } else {
      vatRate = undefined;
      report("vatRate", "vatRate must be a percentage from 0 to 99.99, such as 20 or 5.5.");
    }
  }
  const ships = p.ships ?? true;
  if (typeof ships !== "boolean") {
    report("ships", "ships must be true or false (false: nothing to send, such as an e-book).");
  }
  const weight = integer(p.weight ?? 0, "weight", 0, 1_000_000, report);
  const stock = p.stock === undefined ? null : integer(p.stock, "stock", 0, 1_000_000, report);
  if (!sku || name === undefined || description === undefined || unitAmount === undefined) {
    return undefined;
  }
  if (maxInstalments === undefined || typeof active !== "boolean") return undefined;
  if (typeof subscription !== "boolean" || typeof ships !== "boolean") return undefined;
  if (vatRate === undefined || weight === undefined || stock === undefined) return undefined;
  return {
    sku,
    name,
    description,
    unitAmount,
    currency: String(code),
    active,
    maxInstalments,
    subscription,
    vatRate,
    ships,
    weight,
    stock,
  };
}

/** Checks a list of product objects; `where(i)` names the i-th for the problems. */
function entries(list: unknown[], currency: unknown, where: (i: number) => string): CatalogReading {
  const problems: CatalogProblem[] = [];
  const products: CatalogEntry[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const at = where(index);
    const product = entry(raw, currency, (member, message) =>
      problems.push({ at: member ? `${at}.${member}` : at, message }),
    );
    const sku = (raw as { sku?: unknown } | null)?.sku;
    if (typeof sku === "string" && seen.has(sku)) {
      problems.push({ at: `${at}.sku`, message: `${sku} appears twice.` });
    }
    if (typeof sku === "string") seen.add(sku);
    if (product) products.push(product);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, products };
}

/**
 * Reads `catalog.json`: `{ "currency"?: "EUR", "products": [ … ] }` (or a bare array of products).
 *
 * @example
 * ```ts
 * readCatalogJson('{ "currency": "EUR", "products": [{ "sku": "CD-1", "name": "CD", "unitAmount": 1499 }] }');
 * // → { ok: true, products: [{ sku: "CD-1", …, unitAmount: 1499, currency: "EUR", active: true, … }] }
 * ```
 */
export function readCatalogJson(source: string): CatalogReading {
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (error) {
    return { ok: false, problems: [{ at: "catalog.json", message: (error as Error).message }] };
  }
  const root = (Array.isArray(document) ? { products: document } : document) as {
    currency?: unknown;
    products?: unknown;
  } | null;
  if (!root || typeof root !== "object" || !Array.isArray(root.products)) {
    return {
      ok: false,
      problems: [{ at: "catalog.json", message: 'expected { "products": [ … ] }.' }],
    };
  }
  return entries(root.products, root.currency, (i) => `products[${i}]`);
}

/** Splits CSV text into rows of cells (RFC 4180 quoting; `,` or `;` as the separator). */
export function parseCsv(source: string, separator: "," | ";"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") i++;
      row.push(cell);
      if (row.some((c) => c !== "")) rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  row.push(cell);
  if (row.some((c) => c !== "")) rows.push(row);
  return rows;
}

/** The columns of a CSV catalog: a product's members. */
export const CSV_COLUMNS: readonly string[] = PRODUCT_MEMBERS;

/** A CSV cell as the JSON value of its column (numbers, booleans; empty = not given). */
function cellValue(column: string, cell: string): unknown {
  const value = cell.trim();
  if (value === "") return undefined;
  if (["unitAmount", "maxInstalments", "vatRate", "weight", "stock"].includes(column)) {
    const number = Number(value.replace(",", "."));
    return Number.isNaN(number) ? value : number;
  }
  const flag = column === "active" || column === "subscription" || column === "ships";
  if (flag && /^(true|1|yes|oui)$/i.test(value)) return true;
  if (flag && /^(false|0|no|non)$/i.test(value)) return false;
  return value;
}

/**
 * Reads a CSV export: a header row naming the columns (`sku`, `name`, `description`, `unitAmount`, `currency`,
 * `active`, `maxInstalments`, `vatRate`, `ships`, `weight`, `stock`, `subscription`), then one product per
 * line. `;` is the separator when the header holds one (French spreadsheets), `,` otherwise. A byte-order mark
 * is ignored.
 */
export function readCatalogCsv(source: string): CatalogReading {
  const text = source.replace(/^\uFEFF/, "");
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  const [columns = [], ...lines] = parseCsv(text, header.includes(";") ? ";" : ",");
  const names = columns.map((c) => c.trim());
  const unknown = names.filter((name) => !CSV_COLUMNS.includes(name));
  if (unknown.length > 0 || !names.includes("sku")) {
    const found = unknown.length > 0 ? `unknown: ${unknown.join(", ")}` : "sku is missing";
    const message = `the header names the columns among ${CSV_COLUMNS.join(", ")}; ${found}.`;
    return { ok: false, problems: [{ at: "line 1", message }] };
  }
  const objects = lines.map((cells) => {
    const product: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const value = cellValue(name, cells[i] ?? "");
      if (value !== undefined) product[name] = value;
    });
    return product;
  });
  return entries(objects, undefined, (i) => `line ${i + 2}`);
}

/** Reads a catalog file by its name: `.csv` as CSV, anything else as JSON. */
export function readCatalogFile(name: string, source: string): CatalogReading {
  return /\.csv$/i.test(name) ? readCatalogCsv(source) : readCatalogJson(source);
}
