/**
 * The JSON bodies the API accepts, as valibot schemas: shapes and ranges only, each check with its error
 * code. Rules that need the catalog, the terminal or the bank (prices, languages of the format, addresses
 * against the bank's schema) are checked by the domain code after these.
 * @module
 */
import { CONTROL_CHARACTERS } from "@sceau/protocol";
import * as v from "valibot";
import { reject } from "./validation.ts";

/** The most lines a cart may have. */
export const MAX_LINES = 50;
/** The most of one sku a cart may hold. */
export const MAX_QUANTITY = 99;
/** A catalog sku: letters, digits, `.`, `_`, `-`, at most 64, starting with a letter or digit. */
export const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const body = reject("ERR_JSON_INVALID", "The body must be a JSON object.");
const skuInvalid = reject("ERR_SKU_INVALID", "{field} must be a catalog sku.");
const quantityInvalid = reject(
  "ERR_QUANTITY_INVALID",
  `{field} must be an integer from 1 to ${MAX_QUANTITY}.`,
);
const instalmentsInvalid = reject(
  "ERR_INSTALMENTS_INVALID",
  "instalments must be 2, 3 or 4 (or absent for a single payment).",
);

const cartItem = v.object(
  {
    sku: v.pipe(v.string(skuInvalid), v.regex(SKU, skuInvalid)),
    quantity: v.pipe(
      v.number(quantityInvalid),
      v.integer(quantityInvalid),
      v.minValue(1, quantityInvalid),
      v.maxValue(MAX_QUANTITY, quantityInvalid),
    ),
  },
  reject("ERR_SKU_INVALID", "{field} must be a catalog sku.", "sku"),
);

const cartEmpty = reject("ERR_CART_EMPTY", "items must be a non-empty array of { sku, quantity }.");

/** The members a quote and a checkout share: the cart and the instalments asked for. */
const cart = {
  items: v.optional(
    v.pipe(
      v.array(cartItem, cartEmpty),
      v.maxLength(
        MAX_LINES,
        reject("ERR_CART_TOO_LARGE", `A cart has at most ${MAX_LINES} lines.`),
      ),
    ),
  ),
  instalments: v.nullish(
    v.union(
      [
        v.literal(1, instalmentsInvalid),
        v.literal(2, instalmentsInvalid),
        v.literal(3, instalmentsInvalid),
        v.literal(4, instalmentsInvalid),
      ],
      instalmentsInvalid,
    ),
  ),
};

/** A JSON object with these members (an array or a scalar is refused as a whole). */
function jsonObject<E extends v.ObjectEntries>(entries: E) {
  return v.pipe(
    v.unknown(),
    v.check((value) => typeof value === "object" && value !== null && !Array.isArray(value), body),
    v.object(entries, body),
  );
}

/** `POST /api/quote` (a missing `items` never reaches its own checks: the object checks it). */
export const QuoteBody = v.pipe(
  jsonObject(cart),
  v.forward(
    v.check((value) => (value.items?.length ?? 0) > 0, cartEmpty),
    ["items"],
  ),
);

const addressInvalid = (member: string) =>
  reject("ERR_ADDRESS_INVALID", `${member} must be an object.`);

/** The buyer's members of a checkout or of a merchant's order, checked against the bank's rules later. */
const buyer = {
  lang: v.nullish(
    v.string(reject("ERR_LANGUAGE_INVALID", "lang must be a language code such as FR.")),
  ),
  email: v.nullish(v.string(reject("ERR_EMAIL_INVALID", "email must be a plain e-mail address."))),
  billing: v.nullish(v.record(v.string(), v.unknown(), addressInvalid("billing"))),
  shipping: v.nullish(v.record(v.string(), v.unknown(), addressInvalid("shipping"))),
};

/** `POST /api/checkout`: the address members are checked against the bank's rules by the checkout. */
export const CheckoutBody = v.pipe(
  jsonObject({ ...cart, ...buyer }),
  v.forward(
    v.check((value) => (value.items?.length ?? 0) > 0, cartEmpty),
    ["items"],
  ),
);

const productInvalid = (text: string) => reject("ERR_PRODUCT_INVALID", text);

/** `PUT /api/admin/products/:sku`. */
export const ProductBody = jsonObject({
  name: v.pipe(
    v.string(productInvalid("name must be a non-empty string.")),
    v.trim(),
    v.minLength(1, productInvalid("name must be a non-empty string.")),
    v.maxLength(200, productInvalid("name must be a non-empty string.")),
  ),
  description: v.optional(
    v.pipe(
      v.string(productInvalid("description must be a string.")),
      v.maxLength(2000, productInvalid("description must be a string.")),
    ),
    "",
  ),
  unitAmount: v.pipe(
    v.number(productInvalid("unitAmount must be a positive integer in minor units.")),
    v.safeInteger(productInvalid("unitAmount must be a positive integer in minor units.")),
    v.minValue(1, productInvalid("unitAmount must be a positive integer in minor units.")),
  ),
  currency: v.string(productInvalid("currency must be an ISO 4217 code.")),
  active: v.optional(v.boolean(productInvalid("active must be true or false.")), true),
  maxInstalments: v.optional(
    v.pipe(
      v.number(productInvalid("maxInstalments must be 1 to 4.")),
      v.integer(productInvalid("maxInstalments must be 1 to 4.")),
      v.minValue(1, productInvalid("maxInstalments must be 1 to 4.")),
      v.maxValue(4, productInvalid("maxInstalments must be 1 to 4.")),
    ),
    1,
  ),
});

const amountInvalid = reject(
  "ERR_AMOUNT_INVALID",
  "amount must be a positive integer in minor units.",
);
const positiveAmount = v.pipe(
  v.number(amountInvalid),
  v.safeInteger(amountInvalid),
  v.minValue(1, amountInvalid),
);

/**
 * A line of text a person types (a description, a name): trimmed, 1 to `max` characters, no control
 * characters, line breaks or bidirectional overrides — it is shown in pages, CSV cells and logs.
 */
function typedText(max: number) {
  const invalid = reject(
    "ERR_TEXT_INVALID",
    `{field} must be 1 to ${max} characters of text on one line.`,
  );
  return v.pipe(
    v.string(invalid),
    v.trim(),
    v.minLength(1, invalid),
    v.maxLength(max, invalid),
    v.check((text) => !CONTROL_CHARACTERS.test(text), invalid),
  );
}

const contentInvalid = (text: string) => reject("ERR_ORDER_CONTENT_INVALID", text);
const channelInvalid = reject("ERR_CHANNEL_INVALID", 'channel must be "phone" or "link".');

/**
 * `POST /api/admin/orders`: catalog `items`, or a free `amount` (minor units) with its `currency` and a
 * `description`; the buyer's members as in a checkout; `channel` says how the card will be entered.
 */
export const MerchantOrderBody = v.pipe(
  jsonObject({
    channel: v.optional(v.picklist(["phone", "link"], channelInvalid)),
    items: cart.items,
    amount: v.optional(positiveAmount),
    currency: v.optional(
      v.pipe(
        v.string(reject("ERR_CURRENCY_UNKNOWN", "currency must be an ISO 4217 code such as EUR.")),
        v.regex(
          /^[A-Z]{3}$/,
          reject("ERR_CURRENCY_UNKNOWN", "currency must be an ISO 4217 code such as EUR."),
        ),
      ),
    ),
    description: v.optional(typedText(200)),
    operator: v.optional(typedText(64)),
    instalments: v.optional(
      v.literal(
        1,
        reject(
          "ERR_INSTALMENTS_UNAVAILABLE",
          "An order the merchant creates is paid in one payment: send no instalments.",
        ),
      ),
    ),
    ...buyer,
  }),
  v.forward(
    v.check((o) => o.channel !== undefined, channelInvalid),
    ["channel"],
  ),
  v.forward(
    v.check(
      (o) => (o.items?.length ?? 0) > 0 || o.amount !== undefined,
      contentInvalid("Give catalog items, or an amount with its currency and a description."),
    ),
    ["items"],
  ),
  v.forward(
    v.check(
      (o) => o.items === undefined || o.amount === undefined,
      contentInvalid("Give either catalog items or an amount, not both."),
    ),
    ["amount"],
  ),
  v.forward(
    v.check(
      (o) => o.amount === undefined || o.currency !== undefined,
      contentInvalid("currency is required with an amount."),
    ),
    ["currency"],
  ),
  v.forward(
    v.check(
      (o) => o.amount === undefined || o.description !== undefined,
      contentInvalid("description is required with an amount: say what the buyer pays for."),
    ),
    ["description"],
  ),
  // Checked above: the channel is set.
  v.transform((o) => ({ ...o, channel: o.channel as "phone" | "link" })),
);

/** `POST /api/admin/orders/:reference/<operation>`: an amount, or nothing for "all of it". */
export const OperationBody = jsonObject({ amount: v.nullish(positiveAmount) });
