/**
 * What a failure tells the buyer (one text of the checkout book, each saying what to do) and, when the buyer
 * cannot fix it, what it tells the shop's developer in the console, with the fix.
 * @module
 */
import type { CartItem } from "../../cart/cart-store.js";
import type { CheckoutError } from "../../errors.js";
import { warn } from "../../sceau-element.js";
import type { CheckoutKey } from "./lang/index.js";

/**
 * Finds the cart line a worker error blames, from its `field` (`items[2].sku`, `items.2`, or the SKU itself).
 */
export function blamedSku(
  error: CheckoutError | undefined,
  items: readonly CartItem[],
): string | undefined {
  const field = error?.field;
  if (!field) return undefined;
  const index = /^items\D*(\d+)/.exec(field);
  if (index) return items[Number(index[1])]?.sku;
  return items.find((item) => item.sku === field)?.sku;
}

const KEYS: Readonly<Record<string, CheckoutKey>> = {
  ERR_NETWORK: "errNetwork",
  ERR_SERVER: "errServer",
  ERR_RESPONSE_INVALID: "errServer",
  ERR_PRODUCT_UNKNOWN: "errGone",
  ERR_PRODUCT_INACTIVE: "errGone",
  ERR_PRICE_CHANGED: "errPrice",
  ERR_QUANTITY_INVALID: "errQuantity",
  ERR_OUT_OF_STOCK: "errStock",
  ERR_RATE_LIMITED: "errRateLimited",
  ERR_ORIGIN_NOT_ALLOWED: "errUnavailable",
  ERR_CONFIG_INVALID: "errUnavailable",
  ERR_BILLING_REQUIRED: "errFields",
  ERR_SHIPPING_REQUIRED: "errFields",
  ERR_PHONE_REQUIRED: "errFields",
  ERR_EMAIL_REQUIRED: "errFields",
  ERR_ADDRESS_INVALID: "errFields",
  ERR_EMAIL_INVALID: "errFields",
  ERR_SHIPPING_UNAVAILABLE: "errShipCountry",
};

/** The buyer-facing text of a failure: its own, a server error for any other 5xx, else the generic one. */
export function errorKey(error: CheckoutError, name: string): CheckoutKey {
  const key = KEYS[error.code];
  if (key === "errGone" || key === "errStock") return name ? key : "errGeneric";
  return key ?? ((error.status ?? 0) >= 500 ? "errServer" : "errGeneric");
}

const PROMO: Readonly<Record<string, CheckoutKey>> = {
  ERR_PROMO_UNKNOWN: "errPromoUnknown",
  ERR_PROMO_EXPIRED: "errPromoExpired",
  ERR_PROMO_NOT_STARTED: "errPromoNotStarted",
  ERR_PROMO_MINIMUM: "errPromoMinimum",
  ERR_PROMO_EXHAUSTED: "errPromoExhausted",
};

/** The reason shown by the promo field for a refused code (`ERR_PROMO_*`), or `undefined` for another error. */
export function promoKey(error: CheckoutError): CheckoutKey | undefined {
  if (!error.code.startsWith("ERR_PROMO_")) return undefined;
  const key = PROMO[error.code] ?? "errPromo";
  // Without the minimum, "needs a cart of at least …" cannot be said: say the code does not apply.
  return key === "errPromoMinimum" && error.details.minimum === undefined ? "errPromo" : key;
}

/** The members of the worker's requirements a `*_REQUIRED` error names. */
export const REQUIRED: Readonly<Record<string, "email" | "billing" | "shippingAddress" | "phone">> =
  {
    ERR_EMAIL_REQUIRED: "email",
    ERR_BILLING_REQUIRED: "billing",
    ERR_SHIPPING_REQUIRED: "shippingAddress",
    ERR_PHONE_REQUIRED: "phone",
  };

/** Tells the shop's developer, in the console, about a failure the buyer cannot fix, with the fix. */
export function explainToDeveloper(error: CheckoutError, endpoint: string): void {
  const worker = endpoint || location.origin;
  if (error.code === "ERR_ORIGIN_NOT_ALLOWED") {
    warn(
      `the worker at ${worker} refuses this page's origin ${location.origin} (ERR_ORIGIN_NOT_ALLOWED): add it to SHOP_ORIGINS in the worker's wrangler.jsonc and deploy.`,
    );
  } else if (error.code === "ERR_CONFIG_INVALID") {
    warn(
      `the worker at ${worker} is not configured (${error.message}): see worker/README.md, "Configuration".`,
    );
  } else if (REQUIRED[error.code]) {
    warn(
      `the worker refused the order with ${error.code} although its quote did not ask for it (an older worker?); the element now asks the buyer for it.`,
    );
  } else if (error.code === "ERR_NETWORK") {
    warn(
      `cannot reach the worker at ${worker}: check <sceau-checkout endpoint="…"> and that the worker answers (or the buyer is offline).`,
    );
  }
}
