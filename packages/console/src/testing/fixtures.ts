/** Answers of the worker's admin API, in its exact shapes, for the browser tests. */
import type {
  AdminOrder,
  Ledger,
  LedgerPayment,
  Operation,
  OrderDetail,
  OrderSummary,
  Product,
  Settings,
  Stats,
} from "../api/types.js";

export function adminOrder(overrides: Partial<AdminOrder> = {}): AdminOrder {
  return {
    reference: "K7Q2M9X4B1ZA",
    status: "paid",
    total: 2998,
    currency: "EUR",
    lang: "FR",
    email: "acheteur@example.fr",
    lines: [
      {
        sku: "CD-KIND-OF-BLUE",
        name: "Miles Davis — Kind of Blue",
        quantity: 2,
        unitAmount: 1499,
        amount: 2998,
      },
    ],
    billing: {
      addressLine1: "18 rue de l'Adresse",
      postalCode: "75002",
      city: "Paris",
      country: "FR",
    },
    shipping: null,
    instalments: 1,
    macFormat: "v4",
    tpe: "7654324",
    createdAt: "2026-11-30T09:41:00.000Z",
    updatedAt: "2026-11-30T09:42:00.000Z",
    paidAt: "2026-11-30T09:42:00.000Z",
    authorisationNumber: "123456",
    cardBrand: "VI",
    testPayment: true,
    anomaly: null,
    mode: "deferred",
    ledger: ledger(),
    channel: "shop",
    operator: null,
    description: null,
    link: null,
    ...overrides,
  };
}

/** A payment of the ledger: by default a deferred order's, authorised and not captured yet. */
export function ledgerPayment(overrides: Partial<LedgerPayment> = {}): LedgerPayment {
  return {
    kind: "order",
    number: 0,
    label: "order",
    day: "2026-11-30",
    dueAt: "2026-11-30T09:41:00.000Z",
    amount: 2998,
    state: "authorised",
    deadline: "2026-12-09T23:00:00.000Z",
    atDeadline: "abandon",
    authorised: 2998,
    captured: 0,
    refunded: 0,
    released: 0,
    capturable: 2998,
    authorisations: [
      {
        number: "123456",
        at: "2026-11-30T09:42:00.000Z",
        authorised: 2998,
        captured: 0,
        capturedDay: null,
        refunded: 0,
        refundable: 0,
      },
    ],
    ...overrides,
  };
}

/** An order's ledger as `ledgerJson` writes it: by default a deferred payment awaiting its capture. */
export function ledger(overrides: Partial<Ledger> = {}): Ledger {
  return {
    mode: "deferred",
    totals: { authorised: 2998, captured: 0, refunded: 0, released: 0, capturable: 2998 },
    recurrence: null,
    payments: [ledgerPayment()],
    actions: [
      { kind: "capture", payment: "order", max: 2998 },
      { kind: "cancel", payments: ["order"], releases: 2998 },
    ],
    ...overrides,
  };
}

export function orderDetail(overrides: Partial<OrderDetail> = {}): OrderDetail {
  const order = overrides.order ?? adminOrder();
  return {
    order,
    payUrl: null,
    notifications: [
      {
        id: "n-1",
        receivedAt: "2026-11-30T09:42:00.000Z",
        method: "POST",
        sealValid: true,
        classification: "accepted",
        reference: order.reference,
        codeRetour: "payetest",
        montant: "29.98EUR",
        detail: null,
        fields: {
          TPE: "7654324",
          date: "30/11/2026_a_10:42:00",
          montant: "29.98EUR",
          reference: order.reference,
          "texte-libre": "",
          "code-retour": "payetest",
          cvx: "oui",
          vld: "1229",
          brand: "VI",
          numauto: "123456",
        },
      },
    ],
    notificationsNextAfter: null,
    operations: [],
    events: [
      {
        at: "2026-11-30T09:42:00.000Z",
        kind: "paid",
        notification_id: "n-1",
        operation_id: null,
        detail: null,
      },
    ],
    ...overrides,
  };
}

/** An operation as the worker recorded it, with the bank's answer. */
export function operation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: "o1",
    kind: "capture",
    amount: 1000,
    requestedAt: "2026-11-30T10:00:00.000Z",
    ok: true,
    cdr: 1,
    lib: "paiement accepte",
    httpStatus: 200,
    error: null,
    response: "",
    ...overrides,
  };
}

export function orderSummary(i: number, overrides: Partial<OrderSummary> = {}): OrderSummary {
  return {
    reference: `REF${String(i).padStart(9, "0")}`,
    status: "paid",
    total: 1499 * (1 + (i % 3)),
    currency: "EUR",
    email: `buyer${i}@example.com`,
    createdAt: new Date(Date.UTC(2026, 10, 30, 12) - i * 3_600_000).toISOString(),
    paidAt: null,
    anomaly: null,
    mode: "deferred",
    captured: 0,
    refunded: 0,
    channel: "shop",
    ...overrides,
  };
}

/** Thirty days ending 2026-11-30, sales on three of them. */
export function stats(overrides: Partial<Stats["attention"]> = {}): Stats {
  const daily = Array.from({ length: 30 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10);
    const amount = { "2026-11-28": 4497, "2026-11-29": 1499, "2026-11-30": 2998 }[date];
    return {
      date,
      sales: amount ? [{ currency: "EUR", amount }] : [],
      paidOrders: amount ? Math.round(amount / 1499) : 0,
      acceptedPayments: amount ? Math.round(amount / 1499) : 0,
      refusedPayments: date === "2026-11-30" ? 1 : 0,
    };
  });
  return {
    timeZone: "Europe/Paris",
    today: "2026-11-30",
    periods: [
      {
        days: 1,
        from: "2026-11-30",
        sales: [{ currency: "EUR", amount: 2998 }],
        paidOrders: 2,
        acceptedPayments: 2,
        refusedPayments: 1,
        refusalRate: 1 / 3,
      },
      {
        days: 7,
        from: "2026-11-24",
        sales: [{ currency: "EUR", amount: 8994 }],
        paidOrders: 6,
        acceptedPayments: 6,
        refusedPayments: 1,
        refusalRate: 1 / 7,
      },
      {
        days: 30,
        from: "2026-11-01",
        sales: [{ currency: "EUR", amount: 8994 }],
        paidOrders: 6,
        acceptedPayments: 6,
        refusedPayments: 1,
        refusalRate: 1 / 7,
      },
    ],
    daily,
    attention: {
      since: "2026-10-31T23:00:00.000Z",
      awaitingCapture: { count: 0, orders: [] },
      anomalies: { count: 0, orders: [] },
      orphanNotifications: { count: 0, latest: null },
      invalidNotifications: { count: 0, latest: null },
      failedOperations: { count: 0, operations: [] },
      ...overrides,
    },
  };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    terminal: {
      tpe: "7654321",
      societe: "boutiqueducd",
      macFormat: "v4",
      paymentMode: "immediate",
      bank: "sandbox",
      environment: "test",
    },
    urls: {
      payment: "http://127.0.0.1:8788/test/paiement.cgi",
      capture: "http://127.0.0.1:8788/test/capture_paiement.cgi",
      recredit: "http://127.0.0.1:8788/test/recredit_paiement.cgi",
      retour: "http://127.0.0.1:8787/api/retour",
      returnOk: "http://localhost:5173/merci.html",
      returnError: "http://localhost:5173/erreur.html",
      returnCancel: "http://localhost:5173/",
    },
    shopOrigins: ["http://localhost:5173", "http://127.0.0.1:5173"],
    adminOrigins: [],
    checkoutRateLimit: "120/600",
    retourInvalidRateLimit: "30/600",
    retourLogRetentionDays: 30,
    problems: [],
    warnings: [],
    ...overrides,
  };
}

export const PRODUCTS: Product[] = [
  {
    sku: "CD-KIND-OF-BLUE",
    name: "Miles Davis — Kind of Blue",
    description: "CD, 1959",
    unitAmount: 1499,
    currency: "EUR",
    active: true,
    maxInstalments: 1,
  },
  {
    sku: "CD-EPUISE",
    name: "Barbara — Live à Pantin",
    description: "",
    unitAmount: 1890,
    currency: "EUR",
    active: false,
    maxInstalments: 1,
  },
  {
    sku: "OBI-KYOTO",
    name: "Obi de Kyoto",
    description: "",
    unitAmount: 1500,
    currency: "JPY",
    active: true,
    maxInstalments: 4,
  },
];
