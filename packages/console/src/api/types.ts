/**
 * The shapes of the worker's admin API (`/api/admin/*`) as the console reads them. Money is always integer
 * minor units with an ISO 4217 `currency`; instants are ISO 8601 UTC.
 * @module
 */

/** An order status; later ones may be added by the worker, so any string is kept. */
export type OrderStatus =
  | "pending"
  | "refused"
  | "anomaly"
  | "paid"
  | "captured"
  | "cancelled"
  | "refunded"
  | (string & {});

export type OperationKind = "capture" | "cancel" | "recredit" | "stop-recurrence";

/** Who started an order: the buyer in the shop, the merchant by phone or mail, or a payment link. */
export type Channel = "shop" | "phone" | "link";

/** `GET /orders`: one row of the list. */
export interface OrderSummary {
  reference: string;
  status: OrderStatus;
  total: number;
  currency: string;
  email: string | null;
  createdAt: string;
  paidAt: string | null;
  anomaly: string | null;
  /** The terminal's payment mode when the order was paid. */
  mode: string;
  captured: number;
  refunded: number;
  channel: Channel;
}

export interface OrdersPage {
  orders: OrderSummary[];
  nextCursor: string | null;
}

/** `GET /totals`. */
export interface OrderTotals {
  count: number;
  byCurrency: {
    currency: string;
    count: number;
    total: number;
    captured: number;
    refunded: number;
  }[];
}

export interface OrderLine {
  sku: string;
  name: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

export type Address = Partial<
  Record<
    | "civility"
    | "name"
    | "firstName"
    | "lastName"
    | "addressLine1"
    | "addressLine2"
    | "addressLine3"
    | "city"
    | "postalCode"
    | "country"
    | "stateOrProvince"
    | "email"
    | "phone"
    | "mobilePhone",
    string
  >
>;

export interface AdminOrder {
  reference: string;
  status: OrderStatus;
  total: number;
  currency: string;
  lang: string;
  email: string | null;
  lines: OrderLine[];
  billing: Address | null;
  shipping: Address | null;
  instalments: number;
  macFormat: string;
  tpe: string;
  createdAt: string;
  updatedAt: string;
  paidAt: string | null;
  authorisationNumber: string | null;
  cardBrand: string | null;
  testPayment: boolean;
  anomaly: string | null;
  /** The terminal's payment mode when the order was paid. */
  mode: string;
  ledger: Ledger;
  channel: Channel;
  /** Who at the merchant's created it (as typed), for a phone order or a payment link. */
  operator: string | null;
  /** What a free amount pays for. */
  description: string | null;
  /** The payment link: until when it can be paid, and when the buyer first opened it. */
  link: { expiresAt: string; openedAt: string | null } | null;
}

/**
 * One operation the order allows now, as the worker's ledger offers it (the only ones the console shows): a
 * capture of one payment up to `max`, a cancel of what the bank still holds, a refund under one authorisation
 * up to `max`, stopping a recurrence.
 */
export type OrderAction =
  | { kind: "capture"; payment: string; max: number }
  | { kind: "cancel"; payments: string[]; releases: number }
  | { kind: "recredit"; authorisation: string; payment: string; max: number }
  | { kind: "stop-recurrence" };

/** An authorisation the bank granted under a payment, and what was captured and refunded under it. */
export interface LedgerAuthorisation {
  number: string | null;
  at: string;
  authorised: number;
  captured: number;
  capturedDay: string | null;
  refunded: number;
  refundable: number;
}

/** A payment of the order: the order itself, a split instalment or a recurring renewal. */
export interface LedgerPayment {
  kind: "order" | "instalment" | "renewal";
  number: number;
  /** `order`, `instalment-2`, `renewal-3`: how actions name it. */
  label: string;
  day: string;
  dueAt: string;
  amount: number;
  /** pending, scheduled, open, authorised, captured, refused, carried-over, cancelled, abandoned, expired, closed. */
  state: string;
  /** The end of the merchant's captures, and what the bank does then. */
  deadline: string | null;
  atDeadline: string | null;
  authorised: number;
  captured: number;
  refunded: number;
  released: number;
  capturable: number;
  authorisations: LedgerAuthorisation[];
}

/** An order's ledger (the worker's `ledgerJson`): totals, payments, recurrence and the actions allowed now. */
export interface Ledger {
  mode: string;
  totals: Record<"authorised" | "captured" | "refunded" | "released" | "capturable", number>;
  recurrence: {
    active: boolean;
    renewals: number;
    next: { day: string; dueAt: string } | null;
  } | null;
  payments: LedgerPayment[];
  actions: OrderAction[];
}

export interface Notification {
  id: string;
  receivedAt: string;
  method: string;
  sealValid: boolean;
  classification: string;
  reference: string | null;
  codeRetour: string | null;
  montant: string | null;
  detail: string | null;
  /** Every posted field but the MAC. */
  fields: Record<string, string>;
}

export interface Operation {
  id: string;
  kind: OperationKind;
  amount: number;
  requestedAt: string;
  ok: boolean;
  cdr: number | null;
  lib: string | null;
  httpStatus: number | null;
  error: string | null;
  response: string | null;
}

export interface OrderEvent {
  at: string;
  kind: string;
  notification_id: string | null;
  operation_id: string | null;
  detail: string | null;
}

/** A page of an order's notifications, oldest first, and where the next one starts. */
export interface OrderNotificationsPage {
  notifications: Notification[];
  notificationsNextAfter: string | null;
}

/** `GET /orders/:reference`: the order with its ledger and the first page of its notifications. */
export interface OrderDetail extends OrderNotificationsPage {
  order: AdminOrder;
  /** The payment link of an order the merchant created (`null` for a shop order). */
  payUrl: string | null;
  operations: Operation[];
  events: OrderEvent[];
}

/** `POST /orders/:reference/<kind>`. */
export interface OperationResult {
  operation: Operation;
  order: AdminOrder;
}

export interface Amount {
  currency: string;
  amount: number;
}

/** `GET /stats`. */
export interface Stats {
  timeZone: string;
  today: string;
  periods: {
    days: number;
    from: string;
    sales: Amount[];
    paidOrders: number;
    acceptedPayments: number;
    refusedPayments: number;
    refusalRate: number | null;
  }[];
  daily: {
    date: string;
    sales: Amount[];
    paidOrders: number;
    acceptedPayments: number;
    refusedPayments: number;
  }[];
  attention: {
    since: string;
    awaitingCapture: {
      count: number;
      orders: {
        reference: string;
        /** The payment to capture (`order`, `instalment-1`, `renewal-2`). */
        payment: string;
        total: number;
        currency: string;
        capturable: number;
        paidAt: string;
        deadline: string | null;
      }[];
    };
    anomalies: {
      count: number;
      orders: {
        reference: string;
        total: number;
        currency: string;
        anomaly: string | null;
        updatedAt: string;
      }[];
    };
    orphanNotifications: { count: number; latest: string | null };
    invalidNotifications: { count: number; latest: string | null };
    failedOperations: {
      count: number;
      operations: {
        id: string;
        reference: string;
        kind: OperationKind;
        amount: number;
        currency: string;
        requestedAt: string;
        cdr: number | null;
        lib: string | null;
        error: string | null;
      }[];
    };
  };
}

export interface Product {
  sku: string;
  name: string;
  description: string;
  unitAmount: number;
  currency: string;
  active: boolean;
  maxInstalments: number;
}

export interface NotificationsPage {
  notifications: Notification[];
  nextBefore: string | null;
}

export interface ConfigNote {
  variable: string;
  message: string;
}

/** `GET /settings`: never a secret. */
export interface Settings {
  terminal: {
    tpe: string;
    societe: string;
    macFormat: string;
    paymentMode: string;
    bank: string;
    environment: string;
  } | null;
  urls: {
    payment: string | null;
    capture: string | null;
    recredit: string | null;
    retour: string;
    returnOk: string | null;
    returnError: string | null;
    returnCancel: string | null;
  };
  shopOrigins: string[] | null;
  adminOrigins: string[] | null;
  checkoutRateLimit: string | null;
  retourInvalidRateLimit: string | null;
  retourLogRetentionDays: number | null;
  problems: ConfigNote[];
  warnings: ConfigNote[];
}

/** A sealed form to post to the bank's payment page, as the worker built it. */
export interface SealedForm {
  action: string;
  method: string;
  fields: Record<string, string>;
}

/** `POST /orders`: a phone order or a payment link, from a free amount or catalog items. */
export interface NewOrder {
  channel: "phone" | "link";
  amount?: number;
  currency?: string;
  description?: string;
  items?: { sku: string; quantity: number }[];
  operator?: string;
  email?: string;
  lang?: string;
  billing?: Address;
}

/** What `POST /orders` answers. */
export interface CreatedOrder {
  order: { reference: string; total: number; currency: string; channel: "phone" | "link" };
  payUrl: string;
  form: SealedForm;
}
