/**
 * `contexte_commande` (v4): base64 of the order-context JSON, with the kit's escaping (PROTOCOL.md §7.3).
 * @module
 */
import { FieldError } from "./errors.ts";
import { BANK_EMAIL_PATTERN, CONTROL_CHARACTERS, EMAIL_PATTERN, type RuleSet } from "./rules.ts";

/** A JSON value of the order context. */
export type ContextValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ContextObject
  | ContextValue[];
/** A JSON object of the order context. */
export interface ContextObject {
  [member: string]: ContextValue;
}

/** Address members shared by `billing`, `shipping` and `client` (lengths per the Monetico documentation). */
export interface OrderAddress {
  civility?: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  middleName?: string;
  address?: string;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  city?: string;
  postalCode?: string;
  country?: string;
  stateOrProvince?: string;
  countrySubdivision?: string;
  email?: string;
  phone?: string;
  mobilePhone?: string;
  homePhone?: string;
  workPhone?: string;
}

/** The order context of a v4 payment: `billing` is required; other members as in PROTOCOL.md §7.3. */
export interface OrderContext {
  billing: OrderAddress;
  shipping?: OrderAddress & {
    shipIndicator?: string;
    deliveryTimeframe?: string;
    firstUseDate?: string;
    matchBillingAddress?: boolean;
  };
  client?: ContextObject;
  shoppingCart?: ContextObject;
}

/** Drops `null`/`undefined` members and objects left empty, as the kit does. */
function prune(value: ContextValue): ContextValue {
  if (Array.isArray(value)) return value.map(prune).filter((v) => v !== undefined);
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "object") return value;
  const out: ContextObject = {};
  for (const [name, member] of Object.entries(value)) {
    const pruned = prune(member);
    if (pruned !== undefined) out[name] = pruned;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** JSON with every non-ASCII character as `\uXXXX` and `/` as `\/`, like PHP's `json_encode`. */
function kitJson(value: ContextValue): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function base64(ascii: string): string {
  return btoa(ascii);
}

/**
 * Encodes the order context as the kit does: members in the given order, `null`/empty members dropped,
 * ASCII-only JSON, standard base64 with padding.
 *
 * @throws {FieldError} `ERR_CONTEXT_INVALID` when the context breaks the schema (see {@link diagnoseOrderContext}).
 * @example
 * encodeOrderContext({ billing: { addressLine1: "1 rue X", city: "Paris", postalCode: "75001", country: "FR" } });
 */
export function encodeOrderContext(context: OrderContext): string {
  const problems = diagnoseOrderContext(context);
  if (problems[0]) throw problems[0];
  return base64(kitJson(prune(context as unknown as ContextObject) ?? {}));
}

/**
 * Decodes a `contexte_commande` value back into its JSON.
 *
 * @throws {FieldError} `ERR_CONTEXT_INVALID` when the value is not base64 of a UTF-8 JSON object.
 */
export function decodeOrderContext(value: string): ContextObject {
  try {
    const binary = atob(value);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const json = JSON.parse(
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes),
    );
    if (json === null || typeof json !== "object" || Array.isArray(json))
      throw new Error("not an object");
    return json as ContextObject;
  } catch (cause) {
    throw new FieldError(
      "ERR_CONTEXT_INVALID",
      "contexte_commande",
      `contexte_commande must be base64 of a JSON object (${(cause as Error).message}).`,
    );
  }
}

/** The values of `shipping.deliveryTimeframe` (PROTOCOL.md §7.3). */
export const DELIVERY_TIMEFRAMES = [
  "same_day",
  "overnight",
  "two_day",
  "three_day",
  "long",
  "other",
  "none",
] as const;

/** How soon the goods arrive, as the bank's order context says it. */
export type DeliveryTimeframe = (typeof DELIVERY_TIMEFRAMES)[number];

type Rule = { max?: number; pattern?: RegExp; oneOf?: readonly string[]; bool?: true; int?: true };

const PHONE = { max: 18, pattern: /^\+\d{1,3}-\d{1,15}$/ };
const ALPHA2 = { max: 2, pattern: /^[A-Z]{2}$/ };
const DAY = { max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/ };
const ADDRESS: Record<string, Rule> = {
  civility: { max: 32, pattern: /^\p{L}*$/u },
  name: { max: 45 },
  firstName: { max: 45 },
  lastName: { max: 45 },
  middleName: { max: 150 },
  address: { max: 255 },
  addressLine1: { max: 50 },
  addressLine2: { max: 50 },
  addressLine3: { max: 50 },
  city: { max: 50 },
  postalCode: { max: 10 },
  country: ALPHA2,
  stateOrProvince: { max: 6 },
  countrySubdivision: { max: 6 },
  email: { max: 254, pattern: EMAIL_PATTERN },
  phone: PHONE,
  mobilePhone: PHONE,
  homePhone: PHONE,
  workPhone: PHONE,
};
const SHIPPING: Record<string, Rule> = {
  ...ADDRESS,
  shipIndicator: {
    oneOf: [
      "digital_goods",
      "travel_and_event",
      "billing_address",
      "verified_address",
      "another_address",
      "pick-up",
      "other",
    ],
  },
  deliveryTimeframe: { oneOf: DELIVERY_TIMEFRAMES },
  firstUseDate: DAY,
  matchBillingAddress: { bool: true },
};
const REQUIRED_BILLING = ["addressLine1", "city", "postalCode", "country"];

function checkObject(
  value: unknown,
  path: string,
  documented: Record<string, Rule>,
  problems: FieldError[],
  ruleSet: RuleSet = "sceau",
): void {
  const rules: Record<string, Rule> =
    ruleSet === "bank"
      ? { ...documented, email: { max: 254, pattern: BANK_EMAIL_PATTERN } }
      : documented;
  const fail = (field: string, message: string) =>
    problems.push(new FieldError("ERR_CONTEXT_INVALID", `contexte_commande.${field}`, message));
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(path, `${path} must be an object.`);
    return;
  }
  for (const [name, member] of Object.entries(value)) {
    const rule = rules[name];
    if (rule === undefined || member === null || member === undefined) continue;
    const field = `${path}.${name}`;
    if (rule.bool) {
      if (typeof member !== "boolean") fail(field, `${field} must be true or false.`);
      continue;
    }
    if (typeof member !== "string") {
      fail(field, `${field} must be a string.`);
    } else if (CONTROL_CHARACTERS.test(member)) {
      fail(field, `${field} must not contain control characters or line breaks.`);
    } else if (rule.max !== undefined && member.length > rule.max) {
      fail(field, `${field} is ${member.length} characters; the bank accepts at most ${rule.max}.`);
    } else if (rule.pattern && !rule.pattern.test(member)) {
      fail(field, `${field} has the wrong format (${JSON.stringify(member.slice(0, 40))}).`);
    } else if (rule.oneOf && !rule.oneOf.includes(member)) {
      fail(field, `${field} must be one of ${rule.oneOf.join(", ")}.`);
    }
  }
}

/**
 * Lists every way one address breaks the bank's schema (lengths and formats of the documented members, no
 * control characters); with `required`, the members 3-D Secure v2 needs in a billing address too. Each
 * problem names its field as `contexte_commande.<member>.<name>`.
 *
 * @example
 * diagnoseAddress({ city: "Paris", country: "France" }, "billing"); // [country has the wrong format]
 */
export function diagnoseAddress(
  address: unknown,
  member: "billing" | "shipping",
  options: { required?: boolean; rules?: RuleSet } = {},
): FieldError[] {
  const problems: FieldError[] = [];
  checkObject(address, member, member === "billing" ? ADDRESS : SHIPPING, problems, options.rules);
  const isObject = address !== null && typeof address === "object" && !Array.isArray(address);
  if (!options.required || !isObject) return problems;
  for (const name of REQUIRED_BILLING) {
    const value = (address as Record<string, unknown>)[name];
    if (typeof value !== "string" || value.trim() === "") {
      problems.push(
        new FieldError(
          "ERR_CONTEXT_INVALID",
          `contexte_commande.${member}.${name}`,
          `${member}.${name} is required by 3-D Secure v2.`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Lists every way an order context breaks the bank's schema: `billing` with `addressLine1`, `city`,
 * `postalCode` and an upper-case ISO 3166-1 `country` required, lengths and formats of the documented
 * members.
 */
export function diagnoseOrderContext(
  context: unknown,
  options: { rules?: RuleSet } = {},
): FieldError[] {
  if (context === null || typeof context !== "object" || Array.isArray(context)) {
    return [
      new FieldError(
        "ERR_CONTEXT_INVALID",
        "contexte_commande",
        "The order context must be an object.",
      ),
    ];
  }
  const { billing, shipping } = context as Record<string, unknown>;
  const problems =
    billing === undefined || billing === null
      ? [
          new FieldError(
            "ERR_CONTEXT_INVALID",
            "contexte_commande.billing",
            "The order context needs a billing address (addressLine1, city, postalCode, country).",
          ),
        ]
      : diagnoseAddress(billing, "billing", { required: true, ...options });
  if (shipping !== undefined && shipping !== null) {
    problems.push(...diagnoseAddress(shipping, "shipping", options));
  }
  return problems;
}
