/**
 * The JSON bodies the API accepts, as valibot schemas: shapes and ranges only, each check with its error
 * code. Rules that need the catalog, the terminal or the bank (prices, languages of the format, addresses
 * against the bank's schema) are checked by the domain code after these.
 * @module
 */
import { CONTROL_CHARACTERS, DELIVERY_TIMEFRAMES } from "@sceau/protocol";
import * as v from "valibot";
import { reject } from "./validation.ts";
import { EVENT_TYPES } from "./webhooks/events.ts";

/** The VAT rate of a product that states none, in basis points: the French standard rate, 20 % (the column's default). */
export const DEFAULT_VAT_RATE = 2000;

/** The most lines a cart may have. */
export const MAX_LINES = 50;
/** The most of one sku a cart may hold. */
export const MAX_QUANTITY = 99;
/** A catalog sku: letters, digits, `.`, `_`, `-`, at most 64, starting with a letter or digit. */
export const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The largest amount a setting may hold (minor units): the most an order may total. */
const MAX_AMOUNT = 10_000_000;

const body = reject("ERR_JSON_INVALID", "The body must be a JSON object.");

/** An integer from `min` to `max`, every failure with the same message. */
function integer(message: string, min: number, max: number) {
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}
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

const promoUnknown = reject("ERR_PROMO_UNKNOWN", "promoCode must be a promo code of this shop.");
const methodUnknown = reject(
  "ERR_SHIPPING_METHOD_UNKNOWN",
  "shippingMethod must be a shipping method of this shop.",
);

/**
 * The members a quote and a checkout share: the cart, the instalments, the promo code and the shipping method
 * asked for (an empty string is no code, no method).
 */
const cart = {
  promoCode: v.nullish(v.pipe(v.string(promoUnknown), v.maxLength(64, promoUnknown))),
  shippingMethod: v.nullish(v.pipe(v.string(methodUnknown), v.maxLength(64, methodUnknown))),
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

const addressInvalid = (member: string) =>
  reject("ERR_ADDRESS_INVALID", `${member} must be an object.`);

/**
 * `POST /api/quote` (a missing `items` never reaches its own checks: the object checks it). `shipping` is the
 * destination: only its `country` is read.
 */
export const QuoteBody = v.pipe(
  jsonObject({
    ...cart,
    shipping: v.nullish(v.record(v.string(), v.unknown(), addressInvalid("shipping"))),
  }),
  v.forward(
    v.check((value) => (value.items?.length ?? 0) > 0, cartEmpty),
    ["items"],
  ),
);

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
  maxInstalments: v.optional(integer(productInvalid("maxInstalments must be 1 to 4."), 1, 4), 1),
  vatRate: v.optional(
    integer(
      productInvalid("vatRate must be basis points from 0 to 10000 (2000 = 20 %)."),
      0,
      10_000,
    ),
    DEFAULT_VAT_RATE,
  ),
  ships: v.optional(v.boolean(productInvalid("ships must be true or false.")), true),
  weight: v.optional(
    integer(productInvalid("weight must be grams, 0 to 1000000."), 0, 1_000_000),
    0,
  ),
  stock: v.optional(
    v.nullable(
      integer(
        productInvalid("stock must be null or a number of units, 0 to 1000000."),
        0,
        1_000_000,
      ),
    ),
  ),
  subscription: v.optional(
    v.boolean(
      productInvalid(
        "subscription must be true or false (sold per period on a recurring terminal).",
      ),
    ),
    false,
  ),
});

/** `POST /api/admin/products/:sku/stock`: units received (positive) or gone (negative). */
export const StockBody = jsonObject({
  delta: integer(
    productInvalid("delta must be a whole number of units, -1000000 to 1000000."),
    -1_000_000,
    1_000_000,
  ),
});

const methodInvalid = (text: string) => reject("ERR_SHIPPING_METHOD_INVALID", text);
const money = (message: string) => integer(methodInvalid(message), 0, MAX_AMOUNT);

const shippingRate = v.object(
  {
    upTo: v.nullable(
      integer(methodInvalid("{field} must be null or a positive bound."), 1, MAX_AMOUNT),
    ),
    amount: money("{field} must be an amount in minor units."),
  },
  methodInvalid("{field} must be { upTo, amount }."),
);

const countryInvalid = methodInvalid('{field} must be an ISO 3166-1 alpha-2 code (FR) or "*".');
const countryOrAll = v.union(
  [v.literal("*"), v.pipe(v.string(countryInvalid), v.regex(/^[A-Z]{2}$/, countryInvalid))],
  countryInvalid,
);

const shippingZone = v.object(
  {
    countries: v.pipe(
      v.array(countryOrAll, methodInvalid("{field} must be a list of countries.")),
      v.minLength(1, methodInvalid("{field} must list at least one country.")),
      v.maxLength(300, methodInvalid("{field} lists too many countries.")),
    ),
    basis: v.picklist(["weight", "total"], methodInvalid('{field} must be "weight" or "total".')),
    rates: v.pipe(
      v.array(shippingRate, methodInvalid("{field} must be a list of rates.")),
      v.minLength(1, methodInvalid("{field} must have at least one rate.")),
      v.maxLength(50, methodInvalid("{field} has too many rates.")),
      v.check(
        (rates) =>
          rates.every((rate, i) => {
            const next = rates[i + 1];
            if (!next) return true;
            return rate.upTo !== null && (next.upTo === null || next.upTo > rate.upTo);
          }),
        methodInvalid("{field} must go up: increasing upTo, and null (no bound) only last."),
      ),
    ),
    freeFrom: v.optional(v.nullable(money("{field} must be an amount in minor units.")), null),
  },
  methodInvalid("{field} must be { countries, basis, rates, freeFrom? }."),
);

/** `PUT /api/admin/shipping-methods/:id` (the id is in the path). */
export const ShippingMethodBody = jsonObject({
  name: v.pipe(
    v.string(methodInvalid("name must be a non-empty string.")),
    v.trim(),
    v.minLength(1, methodInvalid("name must be a non-empty string.")),
    v.maxLength(100, methodInvalid("name must be at most 100 characters.")),
  ),
  currency: v.string(methodInvalid("currency must be an ISO 4217 code.")),
  zones: v.pipe(
    v.array(shippingZone, methodInvalid("zones must be a list of zones.")),
    v.minLength(1, methodInvalid("zones must have at least one zone.")),
    v.maxLength(50, methodInvalid("zones has too many zones.")),
  ),
  phoneRequired: v.optional(
    v.boolean(methodInvalid("phoneRequired must be true or false.")),
    false,
  ),
  pickup: v.optional(v.boolean(methodInvalid("pickup must be true or false.")), false),
  deliveryTimeframe: v.optional(
    v.nullable(
      v.picklist(
        DELIVERY_TIMEFRAMES,
        methodInvalid(`deliveryTimeframe must be one of ${DELIVERY_TIMEFRAMES.join(", ")}.`),
      ),
    ),
    null,
  ),
  position: v.optional(integer(methodInvalid("position must be an integer."), -1000, 1000), 0),
  active: v.optional(v.boolean(methodInvalid("active must be true or false.")), true),
});

const promoInvalid = (text: string) => reject("ERR_PROMO_INVALID", text);
/** An instant with its time zone (`2026-07-01T00:00:00+02:00`), normalized to ISO 8601 UTC. */
const instant = (field: string) =>
  v.nullish(
    v.pipe(
      v.string(promoInvalid(`${field} must be an ISO 8601 date and time with a time zone.`)),
      v.regex(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
        promoInvalid(`${field} must be an ISO 8601 date and time with a time zone.`),
      ),
      v.check(
        (text) => !Number.isNaN(Date.parse(text)),
        promoInvalid(`${field} must be a real date and time.`),
      ),
      v.transform((text) => new Date(text).toISOString()),
    ),
    null,
  );

/** `PUT /api/admin/promo-codes/:code` (the code is in the path). */
export const PromoCodeBody = v.pipe(
  jsonObject({
    kind: v.picklist(["percent", "amount"], promoInvalid('kind must be "percent" or "amount".')),
    rate: v.nullish(
      integer(promoInvalid("rate must be basis points from 1 to 10000 (1000 = 10 %)."), 1, 10_000),
      null,
    ),
    amount: v.nullish(
      integer(promoInvalid("amount must be a positive amount in minor units."), 1, MAX_AMOUNT),
      null,
    ),
    currency: v.nullish(v.string(promoInvalid("currency must be an ISO 4217 code.")), null),
    minimum: v.optional(
      integer(promoInvalid("minimum must be an amount in minor units."), 0, MAX_AMOUNT),
      0,
    ),
    startsAt: instant("startsAt"),
    endsAt: instant("endsAt"),
    usageLimit: v.nullish(
      integer(
        promoInvalid("usageLimit must be null or a positive number of orders."),
        1,
        1_000_000_000,
      ),
      null,
    ),
    active: v.optional(v.boolean(promoInvalid("active must be true or false.")), true),
    description: v.optional(
      v.pipe(
        v.string(promoInvalid("description must be a string.")),
        v.maxLength(200, promoInvalid("description must be at most 200 characters.")),
      ),
      "",
    ),
  }),
  v.forward(
    v.check(
      (p) =>
        (p.kind === "percent") === (p.rate !== null) &&
        (p.kind === "amount") === (p.amount !== null),
      promoInvalid(
        'A "percent" code has a rate and no amount; an "amount" code an amount and no rate.',
      ),
    ),
    ["kind"],
  ),
  v.forward(
    v.check(
      (p) => p.currency !== null || (p.amount === null && p.minimum === 0),
      promoInvalid("currency is required with an amount or a minimum."),
    ),
    ["currency"],
  ),
  v.forward(
    v.check(
      (p) => p.startsAt === null || p.endsAt === null || p.endsAt > p.startsAt,
      promoInvalid("endsAt must be after startsAt."),
    ),
    ["endsAt"],
  ),
);

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
    promoCode: cart.promoCode,
    shippingMethod: cart.shippingMethod,
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

const authorisationInvalid = reject(
  "ERR_AUTHORISATION_INVALID",
  "authorisation must be the bank's authorisation number (letters and digits).",
);

/**
 * `POST /api/admin/orders/:reference/<operation>`: an amount, or nothing for "all of it"; a refund may name
 * the authorisation it is made under.
 */
export const OperationBody = jsonObject({
  amount: v.nullish(positiveAmount),
  authorisation: v.nullish(
    v.pipe(v.string(authorisationInvalid), v.regex(/^[A-Za-z0-9]{1,20}$/, authorisationInvalid)),
  ),
});

const urlInvalid = reject("ERR_WEBHOOK_URL_INVALID", "url must be an absolute https:// URL.");
const eventsInvalid = reject(
  "ERR_WEBHOOK_EVENTS_INVALID",
  `events must be a non-empty list of event types (${EVENT_TYPES.join(", ")}) or ["*"].`,
);
const endpointInvalid = (text: string) => reject("ERR_WEBHOOK_ENDPOINT_INVALID", text);

/** The members of a webhook endpoint the merchant sets (the URL's rules need the configuration: see webhooks/). */
const endpointMembers = {
  url: v.pipe(v.string(urlInvalid), v.minLength(1, urlInvalid)),
  events: v.pipe(
    v.array(v.picklist([...EVENT_TYPES, "*"], eventsInvalid), eventsInvalid),
    v.minLength(1, eventsInvalid),
    v.maxLength(EVENT_TYPES.length + 1, eventsInvalid),
  ),
  description: v.pipe(
    v.string(endpointInvalid("description must be a string of at most 200 characters.")),
    v.maxLength(200, endpointInvalid("description must be a string of at most 200 characters.")),
  ),
};

/** `POST /api/admin/webhook-endpoints`: every event type unless `events` says otherwise. */
export const WebhookEndpointBody = v.pipe(
  jsonObject({
    // Optional here and required below, so that a missing url gets the url's own code.
    url: v.optional(endpointMembers.url),
    events: v.optional(endpointMembers.events, ["*"]),
    description: v.optional(endpointMembers.description, ""),
  }),
  v.forward(
    v.check((body) => body.url !== undefined, urlInvalid),
    ["url"],
  ),
);

/** `PATCH /api/admin/webhook-endpoints/:id`: the members to change. */
export const WebhookEndpointChange = jsonObject({
  url: v.optional(endpointMembers.url),
  events: v.optional(endpointMembers.events),
  description: v.optional(endpointMembers.description),
  enabled: v.optional(v.boolean(endpointInvalid("enabled must be true or false."))),
});

const replayInvalid = (text: string) => reject("ERR_REPLAY_INVALID", text);
const replayInstant = (member: string) =>
  v.pipe(
    v.string(replayInvalid(`${member} must be a date (YYYY-MM-DD) or an ISO 8601 instant.`)),
    v.check(
      (value) =>
        /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) &&
        !Number.isNaN(Date.parse(value)),
      replayInvalid(`${member} must be a date (YYYY-MM-DD) or an ISO 8601 instant.`),
    ),
  );

/** `POST /api/admin/webhook-endpoints/:id/replay`: one event, or a time range (to defaults to now). */
export const ReplayBody = v.pipe(
  jsonObject({
    eventId: v.optional(
      v.pipe(
        v.string(replayInvalid("eventId must be an event id (evt_…).")),
        v.regex(/^evt_[0-9a-f]{24}$/, replayInvalid("eventId must be an event id (evt_…).")),
      ),
    ),
    from: v.optional(replayInstant("from")),
    to: v.optional(replayInstant("to")),
    include: v.optional(
      v.picklist(["failed", "all"], replayInvalid('include must be "failed" or "all".')),
      "failed",
    ),
  }),
  v.check(
    (body) => (body.eventId === undefined) !== (body.from === undefined),
    replayInvalid("Give either eventId or from (and optionally to)."),
  ),
);
