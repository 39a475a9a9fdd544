/** An article and a quantity, as sent to the worker. */
export interface ItemRequest {
  /** The catalog identifier. */
  readonly sku: string;
  /** How many. */
  readonly quantity: number;
}

/** One priced line of a quote or an order. Amounts are integers in minor units (cents). */
export interface QuoteLine {
  /** The catalog identifier. */
  readonly sku: string;
  /** The article's name from the worker's catalog. */
  readonly name: string;
  /** How many. */
  readonly quantity: number;
  /** The unit price, VAT included. */
  readonly unitAmount: number;
  /** `unitAmount × quantity`. */
  readonly amount: number;
  /** The VAT rate included, in basis points (2000 = 20 %). */
  readonly vatRate?: number;
  /** Whether the article is shipped (a physical product). */
  readonly ships?: boolean;
  /** How many are still in stock; absent when the product has no stock (unlimited). */
  readonly available?: number | null;
}

/** One dated payment of a schedule: a split payment's instalment, or a subscription's renewal. */
export interface ScheduleEntry {
  /** The date of the payment, `YYYY-MM-DD`. */
  readonly date: string;
  /** The amount in minor units. */
  readonly amount: number;
  /** In an order: the payment's state (`scheduled`, `captured`, `refused`…). */
  readonly status?: string;
}

/** A subscription: the whole order is renewed every period, until stopped (or `maxRenewals` times). */
export interface Subscription {
  /** What each renewal takes, in minor units. */
  readonly amount: number;
  /** Months between two payments (1 monthly, 3 quarterly…). */
  readonly periodMonths: number;
  /** The most renewals after the first payment; 0 until stopped. */
  readonly maxRenewals: number;
}

/** A shipping method a destination can use, with its price for this cart. */
export interface ShippingMethod {
  /** The method's identifier, sent back as `shippingMethod`. */
  readonly method: string;
  /** What the buyer reads. */
  readonly name?: string;
  /** Its price for this cart, VAT included (0: free). */
  readonly amount: number;
}

/** The promo code applied and what it takes off. */
export interface Discount {
  /** The code. */
  readonly code: string;
  /** The amount taken off, VAT included. */
  readonly amount: number;
}

/** The VAT included in a total at one rate. */
export interface VatAmount {
  /** The rate in basis points (2000 = 20 %, 550 = 5.5 %). */
  readonly rate: number;
  /** What is paid at that rate without VAT, in minor units. */
  readonly net?: number;
  /** The VAT included, in minor units. */
  readonly amount: number;
}

/** What the terminal and the cart need from the buyer (the worker decides; the element renders exactly that). */
export interface Requirements {
  /** `required`, `optional` or `none` (the element's `email` attribute can only make it stricter). */
  readonly email?: "required" | "optional" | "none";
  /** A billing address (3-D Secure v2 on a v4 terminal). */
  readonly billing?: boolean;
  /** A shipping address (something in the cart ships). */
  readonly shippingAddress?: boolean;
  /** A phone number (the shipping method needs one). */
  readonly phone?: boolean;
}

/** The price breakdown shared by quotes and orders (all but `total` absent from an older worker). */
export interface PriceBreakdown {
  /** ISO 4217 currency code. */
  readonly currency: string;
  /** The priced lines. */
  readonly lines: readonly QuoteLine[];
  /** The lines' total. */
  readonly subtotal?: number;
  /** The shipping chosen, or null when nothing ships. */
  readonly shipping?: ShippingMethod | null;
  /** The promo code applied, or null. */
  readonly discount?: Discount | null;
  /** The VAT included in the total, per rate. */
  readonly vat?: readonly VatAmount[];
  /** `subtotal + shipping − discount`, in minor units. */
  readonly total: number;
}

/** The worker's answer to `POST /api/quote`. */
export interface Quote extends PriceBreakdown {
  /** The shipping methods the destination can use (empty when nothing ships). */
  readonly shippingMethods?: readonly ShippingMethod[];
  /** The instalment counts the worker allows for this cart on its terminal (empty: single payment only). */
  readonly instalmentOptions?: readonly number[];
  /** The payments when paying in instalments. */
  readonly schedule?: readonly ScheduleEntry[] | null;
  /** On a subscription terminal: what is renewed, and how often. */
  readonly subscription?: Subscription;
  /** What the buyer must give. */
  readonly requirements?: Requirements;
}

/** The body of `POST /api/quote`. */
export interface QuoteRequest {
  /** What is bought. */
  readonly items: readonly ItemRequest[];
  /** The number of instalments (2–4); absent for a single payment. */
  readonly instalments?: number;
  /** The promo code the buyer entered. */
  readonly promoCode?: string;
  /** The shipping method chosen. */
  readonly shippingMethod?: string;
  /** The destination, which picks the shipping zone. */
  readonly shipping?: { readonly country: string };
}

/** A postal address. */
export interface Address {
  /** First name. */
  readonly firstName?: string;
  /** Last name. */
  readonly lastName?: string;
  /** Street and number. */
  readonly addressLine1: string;
  /** More of the address. */
  readonly addressLine2?: string;
  /** Postal code. */
  readonly postalCode: string;
  /** City. */
  readonly city: string;
  /** ISO 3166-1 alpha-2 country code. */
  readonly country: string;
  /** A phone number in the bank's form, `+33-612345678`. */
  readonly phone?: string;
}

/** The body of `POST /api/checkout`. */
export interface CheckoutRequest extends Omit<QuoteRequest, "shipping"> {
  /** The bank page's language: `FR`, `EN`, `DE`, `IT`, `ES` or `NL`. */
  readonly lang?: string;
  /** The buyer's e-mail. */
  readonly email?: string;
  /** The billing address. */
  readonly billing?: Address;
  /** The shipping address ("same as billing": the billing address, with the phone). */
  readonly shipping?: Address;
}

/** An order as the worker reports it. */
export interface Order extends Partial<PriceBreakdown> {
  /** The order reference. */
  readonly reference: string;
  /** `pending`, `abandoned`, `refused`, `paid`, `anomaly`, `captured`, `cancelled`, `refunded`… */
  readonly status: string;
  /** When the order was created (ISO 8601). */
  readonly createdAt?: string;
  /** When it was paid (ISO 8601). */
  readonly paidAt?: string;
  /** The token for `GET /api/orders/:reference`, given at checkout only. */
  readonly token?: string;
  /** The instalments, or the renewals, with their states. */
  readonly schedule?: readonly ScheduleEntry[];
}

/** The sealed form to post to the bank, exactly as the worker built it. */
export interface SealedForm {
  /** The bank's URL. */
  readonly action: string;
  /** Always `POST`. */
  readonly method: string;
  /** The hidden fields, names and values as strings. */
  readonly fields: Readonly<Record<string, string>>;
}

/** The worker's answer to `POST /api/checkout`. */
export interface CheckoutResponse {
  /** The order just created. */
  readonly order: Order & { readonly token: string; readonly total: number };
  /** The form to post. */
  readonly form: SealedForm;
}

/** A product of `GET /api/products`. */
export interface Product {
  /** The catalog identifier. */
  readonly sku: string;
  /** Its name. */
  readonly name?: string;
  /** How many are in stock; absent when the product has no stock (unlimited), 0 when sold out. */
  readonly available?: number | null;
}
