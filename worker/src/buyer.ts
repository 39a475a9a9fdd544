/**
 * The buyer's details of a checkout: language, e-mail, billing and shipping addresses read against the bank's
 * rules, and checked against what the cart requires (the quote's `requirements`).
 * @module
 */
import { diagnoseAddress, isEmailAddress, LANGUAGES, type OrderAddress } from "@sceau/protocol";
import type * as v from "valibot";
import type { TerminalSettings } from "./config.ts";
import { ApiError } from "./errors.ts";
import { bankPhone } from "./phone.ts";
import type { Requirements } from "./requirements.ts";
import type { CheckoutBody } from "./schemas.ts";

const ADDRESS_MEMBERS = [
  "civility",
  "name",
  "firstName",
  "lastName",
  "addressLine1",
  "addressLine2",
  "addressLine3",
  "city",
  "postalCode",
  "country",
  "stateOrProvince",
  "email",
  "phone",
  "mobilePhone",
] as const;

/** The members a delivery needs (those 3-D Secure v2 needs in a billing address). */
const DELIVERY_MEMBERS = ["addressLine1", "city", "postalCode", "country"] as const;

/** The members of an address that say where it is (compared to tell "same as billing"). */
const PLACE_MEMBERS = [
  "addressLine1",
  "addressLine2",
  "addressLine3",
  "city",
  "postalCode",
  "country",
];

/**
 * Reads an address of the body: only the documented members, as strings, each checked against the bank's
 * rules (lengths, formats, no control characters) in either MAC format — on a v3 terminal the address is
 * only stored, but it still ends up in the merchant's pages and exports. The country is upper-cased and phone
 * numbers are put in the bank's form (`+33-612345678`), read in the address's country when written without
 * their code.
 *
 * @throws {ApiError} `ERR_ADDRESS_INVALID` naming the member (`billing.city`).
 */
function readAddress(
  source: Record<string, unknown> | null | undefined,
  field: "billing" | "shipping",
  required: boolean,
): OrderAddress | undefined {
  if (!source) return undefined;
  const address: Record<string, string> = {};
  for (const name of ADDRESS_MEMBERS) {
    const member = source[name];
    if (member === undefined || member === null || member === "") continue;
    if (typeof member !== "string" || member.length > 255) {
      throw new ApiError("ERR_ADDRESS_INVALID", `${field}.${name} must be a short string.`, {
        field: `${field}.${name}`,
      });
    }
    address[name] = name === "country" ? member.trim().toUpperCase() : member.trim();
  }
  for (const name of ["phone", "mobilePhone"] as const) {
    const text = address[name];
    if (text === undefined) continue;
    const phone = bankPhone(text, address.country);
    if (!phone) {
      throw new ApiError(
        "ERR_ADDRESS_INVALID",
        `${field}.${name} must be a phone number, such as +33 6 12 34 56 78 (with its country code outside ${address.country ?? "the address's country"}).`,
        { field: `${field}.${name}` },
      );
    }
    address[name] = phone;
  }
  const [problem] = diagnoseAddress(address, field, { required });
  if (problem) {
    throw new ApiError("ERR_ADDRESS_INVALID", problem.message, {
      field: problem.field.slice("contexte_commande.".length),
    });
  }
  return address as OrderAddress;
}

/** The buyer's members of a checkout or of a merchant's order, as validated by their schema. */
export type BuyerFields = Pick<
  v.InferOutput<typeof CheckoutBody>,
  "lang" | "email" | "billing" | "shipping"
>;

/**
 * The buyer's details of a checkout, checked against the terminal's format: the same rules for what a buyer
 * types at checkout and what a merchant types for a phone order or a payment link.
 *
 * @throws {ApiError} `ERR_LANGUAGE_INVALID`, `ERR_EMAIL_INVALID`, `ERR_ADDRESS_INVALID`, `ERR_BILLING_REQUIRED`.
 */
export function readBuyer(body: BuyerFields, settings: TerminalSettings) {
  const languages = LANGUAGES[settings.format];
  const lang = (body.lang ?? "FR").toUpperCase();
  if (!languages.includes(lang)) {
    throw new ApiError("ERR_LANGUAGE_INVALID", `lang must be one of ${languages.join(", ")}.`, {
      field: "lang",
    });
  }
  const email = body.email || undefined;
  if (email !== undefined && !isEmailAddress(email)) {
    throw new ApiError(
      "ERR_EMAIL_INVALID",
      "email must be a plain e-mail address (letters, digits and . _ % + - before the @; no spaces, quotes, * = or ;).",
      { field: "email" },
    );
  }
  const billing = readAddress(body.billing, "billing", settings.format === "v4");
  const shipping = readAddress(body.shipping, "shipping", false);
  if (settings.format === "v4" && !billing) {
    throw new ApiError(
      "ERR_BILLING_REQUIRED",
      "A billing address (addressLine1, city, postalCode, country) is required for 3-D Secure v2.",
      { field: "billing" },
    );
  }
  return { lang, email, billing, shipping };
}

/** The buyer's details, as read. */
export type Buyer = ReturnType<typeof readBuyer>;

/** True when two addresses name the same place. */
function samePlace(a: OrderAddress, b: OrderAddress): boolean {
  const key = (address: OrderAddress) =>
    PLACE_MEMBERS.map((name) => (address as Record<string, string | undefined>)[name] ?? "")
      .map((value) => value.trim().toLowerCase())
      .join("\u0000");
  return key(a) === key(b);
}

/** Where the parcel goes: the shipping address, or the billing address when none was given. */
export interface Delivery {
  address: OrderAddress | undefined;
  sameAsBilling: boolean;
}

/**
 * Checks that the buyer gave what this cart needs (the quote's `requirements`), and settles the delivery
 * address: the shipping address, or "same as billing" when the body has none.
 *
 * @throws {ApiError} `ERR_EMAIL_REQUIRED`, `ERR_SHIPPING_REQUIRED`, `ERR_PHONE_REQUIRED` (400),
 *   `ERR_ADDRESS_INVALID` for a delivery address without street, city, postal code or country.
 */
export function checkRequirements(buyer: Buyer, requirements: Requirements): Delivery {
  if (requirements.email === "required" && !buyer.email) {
    throw new ApiError("ERR_EMAIL_REQUIRED", "This shop needs an e-mail address for the order.", {
      field: "email",
    });
  }
  if (!requirements.shippingAddress) return { address: buyer.shipping, sameAsBilling: false };
  const address = buyer.shipping ?? buyer.billing;
  if (!address) {
    throw new ApiError(
      "ERR_SHIPPING_REQUIRED",
      "A shipping address (addressLine1, city, postalCode, country) is required: this order is delivered.",
      { field: "shipping" },
    );
  }
  const field = buyer.shipping ? "shipping" : "billing";
  for (const name of DELIVERY_MEMBERS) {
    if (!address[name]) {
      throw new ApiError(
        "ERR_ADDRESS_INVALID",
        `${field}.${name} is needed to deliver the order.`,
        {
          field: `${field}.${name}`,
        },
      );
    }
  }
  if (requirements.phone && !address.phone) {
    throw new ApiError(
      "ERR_PHONE_REQUIRED",
      "The carrier of this shipping method needs a phone number (shipping.phone).",
      { field: "shipping.phone" },
    );
  }
  const sameAsBilling = !buyer.shipping || (!!buyer.billing && samePlace(address, buyer.billing));
  return { address, sameAsBilling };
}
