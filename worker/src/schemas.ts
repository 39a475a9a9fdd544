/**
 * The JSON bodies the API accepts, as valibot schemas: shapes and ranges only, each check with its error
 * code. Rules that need the catalog, the terminal or the bank (prices, languages of the format, addresses
 * against the bank's schema) are checked by the domain code after these.
 * @module
 */
import * as v from "valibot";
import { reject } from "./validation.ts";
import { EVENT_TYPES } from "./webhooks/events.ts";

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

/** `POST /api/checkout`: the address members are checked against the bank's rules by the checkout. */
export const CheckoutBody = v.pipe(
  jsonObject({
    ...cart,
    lang: v.nullish(
      v.string(reject("ERR_LANGUAGE_INVALID", "lang must be a language code such as FR.")),
    ),
    email: v.nullish(
      v.string(reject("ERR_EMAIL_INVALID", "email must be a plain e-mail address.")),
    ),
    billing: v.nullish(v.record(v.string(), v.unknown(), addressInvalid("billing"))),
    shipping: v.nullish(v.record(v.string(), v.unknown(), addressInvalid("shipping"))),
  }),
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
  subscription: v.optional(
    v.boolean(
      productInvalid(
        "subscription must be true or false (sold per period on a recurring terminal).",
      ),
    ),
    false,
  ),
});

const amountInvalid = reject(
  "ERR_AMOUNT_INVALID",
  "amount must be a positive integer in minor units.",
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
  amount: v.nullish(
    v.pipe(v.number(amountInvalid), v.safeInteger(amountInvalid), v.minValue(1, amountInvalid)),
  ),
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
const instant = (member: string) =>
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
    from: v.optional(instant("from")),
    to: v.optional(instant("to")),
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
