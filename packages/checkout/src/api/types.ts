/** An article and a quantity, as sent to the worker. */
export interface ItemRequest {
  /** The catalog identifier. */
  readonly sku: string;
  /** How many. */
  readonly quantity: number;
}

/** One priced line of a quote. Amounts are integers in minor units (cents). */
export interface QuoteLine {
  /** The catalog identifier. */
  readonly sku: string;
  /** The article's name from the worker's catalog. */
  readonly name: string;
  /** How many. */
  readonly quantity: number;
  /** The unit price. */
  readonly unitAmount: number;
  /** `unitAmount × quantity`. */
  readonly amount: number;
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

/** The worker's answer to `POST /api/quote`. */
export interface Quote {
  /** ISO 4217 currency code. */
  readonly currency: string;
  /** The total in minor units. */
  readonly total: number;
  /** The priced lines. */
  readonly lines: readonly QuoteLine[];
  /** The instalment counts the worker allows for this cart on its terminal (empty: single payment only). */
  readonly instalmentOptions?: readonly number[];
  /** The payments when paying in instalments. */
  readonly schedule?: readonly ScheduleEntry[];
  /** On a subscription terminal: what is renewed, and how often. */
  readonly subscription?: Subscription;
}

/** A postal address for 3-D Secure v2. */
export interface Address {
  /** Street and number. */
  readonly addressLine1: string;
  /** Postal code. */
  readonly postalCode: string;
  /** City. */
  readonly city: string;
  /** ISO 3166-1 alpha-2 country code. */
  readonly country: string;
}

/** The body of `POST /api/checkout`. */
export interface CheckoutRequest {
  /** What is bought. */
  readonly items: readonly ItemRequest[];
  /** The bank page's language: `FR`, `EN`, `DE`, `IT`, `ES` or `NL`. */
  readonly lang?: string;
  /** The buyer's e-mail. */
  readonly email?: string;
  /** The billing address. */
  readonly billing?: Address;
  /** The number of instalments (2–4); absent for a single payment. */
  readonly instalments?: number;
}

/** An order as the worker reports it. */
export interface Order {
  /** The order reference. */
  readonly reference: string;
  /** `pending`, `refused`, `paid`, `anomaly`, `captured`, `cancelled`, `refunded`… */
  readonly status: string;
  /** The total in minor units. */
  readonly total?: number;
  /** ISO 4217 currency code. */
  readonly currency?: string;
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
