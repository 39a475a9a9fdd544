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
  ledger: {
    captured: number;
    authorisedRemaining: number;
    refunded: number;
    captureDate: string | null;
    recurrenceStopped: boolean;
  };
  channel: Channel;
  /** Who at the merchant's created it (as typed), for a phone order or a payment link. */
  operator: string | null;
  /** What a free amount pays for. */
  description: string | null;
  /** The payment link: until when it can be paid, and when the buyer first opened it. */
  link: { expiresAt: string; openedAt: string | null } | null;
}

/** An operation the order allows now, as the worker computes it from the terminal's mode and the ledger. */
export interface OrderAction {
  kind: OperationKind;
  /** The default amount (everything left). */
  amount: number;
  /** The most that may be asked for. */
  max: number;
  /** Whether a smaller amount may be asked for. */
  partial: boolean;
}

export interface Instalment {
  number: number;
  date: string;
  amount: number;
  status: "scheduled" | "refused" | "collected" | (string & {});
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

/** `GET /orders/:reference`: the order with the first page of its notifications. */
export interface OrderDetail extends OrderNotificationsPage {
  order: AdminOrder;
  actions: OrderAction[];
  /** The payment link of an order the merchant created (`null` for a shop order). */
  payUrl: string | null;
  schedule: Instalment[];
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
        total: number;
        currency: string;
        authorisedRemaining: number;
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
