/**
 * What the buyer must give for a cart on this terminal — the quote's `requirements` — so the checkout element
 * renders exactly those fields, and the checkout refuses what lacks them.
 * @module
 */
import type { MacFormat } from "@sceau/protocol";
import type { Quote } from "./catalog.ts";

/** The shop's setting for the buyer's e-mail address (`BUYER_EMAIL`). */
export type EmailRequirement = "required" | "optional" | "none";

/** What the buyer must give for this cart on this terminal, so the element renders exactly those fields. */
export interface Requirements {
  email: EmailRequirement;
  /** A billing address: 3-D Secure v2 needs one on a v4 terminal. */
  billing: boolean;
  /** A delivery address: something ships, and not to a pick-up point. */
  shippingAddress: boolean;
  /** A phone number: the chosen shipping method's carrier needs one. */
  phone: boolean;
}

/** The requirements of a priced cart. */
export function requirementsOf(
  quote: Pick<Quote, "method">,
  terminal: { format: MacFormat; email: EmailRequirement },
): Requirements {
  return {
    email: terminal.email,
    billing: terminal.format === "v4",
    shippingAddress: quote.method !== null && !quote.method.pickup,
    phone: quote.method?.phoneRequired ?? false,
  };
}
