import type { CartItem } from "../../cart/cart-store.js";
import type { CheckoutError } from "../../errors.js";
import { format, type MessageKey, type Messages } from "../../lang/index.js";

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

const KEYS: Readonly<Record<string, MessageKey>> = {
  ERR_NETWORK: "errNetwork",
  ERR_PRODUCT_UNKNOWN: "errGone",
  ERR_PRODUCT_INACTIVE: "errGone",
  ERR_PRICE_CHANGED: "errPrice",
  ERR_QUANTITY_INVALID: "errQuantity",
};

/** The buyer-facing, localised message for an error; `name` names the blamed article. */
export function errorMessage(error: CheckoutError, messages: Messages, name: string): string {
  const key = KEYS[error.code] ?? "errGeneric";
  return format(messages[key === "errGone" && !name ? "errGeneric" : key], { name });
}
