/**
 * `POST /api/admin/orders` and its follow-ups (`/link`, `/keyed-form`): orders the merchant creates are priced
 * and placed like shop orders, within the bank's limits, with the channel recorded and shown, and the phone
 * order's form asks the bank for no cardholder authentication.
 */
import { parseBankDateTime } from "@sceau/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ADMIN,
  accepted,
  adminOrder,
  BILLING,
  call,
  checkout,
  merchantOrder,
  openLink,
  postJson,
  postRetour,
  refused,
} from "../../test/helpers.ts";
import { sealMatches } from "../../test/payment-seal.ts";
import type { Env } from "../env.ts";

type ErrorBody = { error: { code: string; message: string; field?: string } };

const V3 = { MAC_FORMAT: "v3", TPE: "7654322" } satisfies Partial<Env>;

async function expectError(response: Response, status: number, code: string, field?: string) {
  const body = (await response.json()) as ErrorBody;
  expect({ status: response.status, code: body.error.code, field: body.error.field }).toEqual({
    status,
    code,
    field,
  });
  return body;
}

function create(body: Record<string, unknown>, overrides: Partial<Env> = {}) {
  return postJson("/api/admin/orders", body, ADMIN, overrides);
}

const FREE = { channel: "link", amount: 4500, currency: "EUR", description: "Facture 2026-114" };

afterEach(() => {
  vi.useRealTimers();
});

describe("POST /api/admin/orders", () => {
  it("creates a payment link for a free amount, persisted with its channel, operator and expiry", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:30:00.000Z"));
    const created = await merchantOrder({ operator: "Claire", email: "client@example.fr" });
    const { order, payUrl, form } = created;
    expect(order).toEqual({
      reference: order.reference,
      status: "pending",
      total: 4500,
      currency: "EUR",
      channel: "link",
      operator: "Claire",
      description: "Facture 2026-114",
      lines: [
        {
          sku: "",
          name: "Facture 2026-114",
          quantity: 1,
          unitAmount: 4500,
          amount: 4500,
          vatRate: 0,
          ships: false,
        },
      ],
      link: { expiresAt: "2026-12-08T09:30:00.000Z", openedAt: null },
    });
    expect(order.reference).toMatch(/^[A-Z0-9]{12}$/);
    expect(payUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:8787/pay/${order.reference}\\?token=[A-Za-z0-9_-]{32}$`),
    );
    // The link's form: no 3-D Secure field (the buyer pays online), back to the payment page.
    expect(form.action).toBe("http://127.0.0.1:8788/test/paiement.cgi");
    expect(form.fields.montant).toBe("45.00EUR");
    expect(form.fields.reference).toBe(order.reference);
    expect(form.fields.mail).toBe("client@example.fr");
    expect(form.fields.date).toBe("01/12/2026:10:30:00");
    expect(form.fields["3dsdebrayable"]).toBeUndefined();
    expect(form.fields.ThreeDSecureChallenge).toBeUndefined();
    expect(form.fields.url_retour_ok).toBe(`${payUrl}&return=ok`);
    expect(form.fields.url_retour_err).toBe(`${payUrl}&return=error`);
    expect(await sealMatches(form.fields, "v4")).toBe(true);

    const detail = (await (
      await call(`/api/admin/orders/${order.reference}`, { headers: ADMIN })
    ).json()) as {
      order: Record<string, unknown>;
      payUrl: string;
      events: { kind: string; detail: string | null }[];
    };
    expect(detail.order).toMatchObject({
      status: "pending",
      channel: "link",
      operator: "Claire",
      description: "Facture 2026-114",
      link: { expiresAt: "2026-12-08T09:30:00.000Z", openedAt: null },
      createdAt: "2026-12-01T09:30:00.000Z",
    });
    expect(detail.payUrl).toBe(payUrl);
    expect(detail.events.map((e) => [e.kind, e.detail])).toEqual([["created", "link"]]);
    // The link's token is the order's buyer token: the shop's status route reads it too.
    const token = new URL(payUrl).searchParams.get("token");
    const status = await call(`/api/orders/${order.reference}?token=${token}`);
    expect(status.status).toBe(200);
  });

  it("takes a phone order from catalog items, priced by the catalog, its form asking for no 3-D Secure", async () => {
    const { order, form, payUrl } = await merchantOrder({
      channel: "phone",
      amount: undefined,
      currency: undefined,
      description: undefined,
      items: [
        { sku: "CD-KIND-OF-BLUE", quantity: 2 },
        { sku: "CD-BLUE-TRAIN", quantity: 1 },
      ],
      lang: "EN",
    });
    expect(order.total).toBe(2 * 1499 + 1299);
    expect(order.lines.map((l) => [l.sku, l.quantity, l.amount])).toEqual([
      ["CD-KIND-OF-BLUE", 2, 2998],
      ["CD-BLUE-TRAIN", 1, 1299],
    ]);
    expect(order.channel).toBe("phone");
    expect(order.description).toBeNull();
    expect(form.fields["3dsdebrayable"]).toBe("1");
    expect(form.fields.ThreeDSecureChallenge).toBe("no_challenge_requested");
    expect(form.fields.lgue).toBe("EN");
    expect(form.fields.montant).toBe("42.97EUR");
    // The merchant keyed the card: the bank sends them back to the console's page of the order.
    const back = `http://127.0.0.1:8787/admin/#/orders/${order.reference}`;
    expect([form.fields.url_retour_ok, form.fields.url_retour_err]).toEqual([back, back]);
    expect(await sealMatches(form.fields, "v4")).toBe(true);
    // A phone order has a link too, should the merchant send it after all.
    expect(payUrl).toContain(`/pay/${order.reference}?token=`);
  });

  it("holds counted stock and opens its payment like a shop order; its detail has the ledger's actions", async () => {
    const available = async () => {
      const response = await call("/api/admin/products", { headers: ADMIN });
      const { products } = (await response.json()) as {
        products: { sku: string; available: number | null }[];
      };
      return products.find((p) => p.sku === "CD-LOVE-SUPREME-LTD")?.available;
    };
    const before = await available();
    const { order } = await merchantOrder({
      channel: "phone",
      amount: undefined,
      currency: undefined,
      description: undefined,
      items: [{ sku: "CD-LOVE-SUPREME-LTD", quantity: 1 }],
    });
    expect(await available()).toBe((before ?? 0) - 1);
    const pending = await adminOrder(order.reference);
    expect(pending.order.ledger.payments.map((p) => [p.kind, p.state, p.amount])).toEqual([
      ["order", "pending", order.total],
    ]);
    expect(pending.order.ledger.actions).toEqual([]);
    await postRetour(await accepted(order.reference, order.total));
    const paid = await adminOrder(order.reference);
    expect(paid.order).toMatchObject({ status: "paid", channel: "phone" });
    expect(paid.order.ledger.actions.map((a) => a.kind)).toEqual(["recredit"]);
  });

  it("seals no 3-D Secure field on a v3 terminal, whose authentication is its own setting", async () => {
    const { form } = await merchantOrder({ channel: "phone" }, V3);
    expect(form.fields.TPE).toBe("7654322");
    expect(Object.keys(form.fields).filter((name) => /3ds|ThreeD/i.test(name))).toEqual([]);
    expect(await sealMatches(form.fields, "v3")).toBe(true);
  });

  it("ends paid through the same Retour as a shop order", async () => {
    const { order } = await merchantOrder({ channel: "phone" });
    expect(await (await postRetour(await refused(order.reference, 4500))).text()).toBe(
      "version=2\ncdr=0\n",
    );
    await postRetour(await accepted(order.reference, 4500));
    const detail = await adminOrder(order.reference);
    expect(detail.order.status).toBe("paid");
    expect(detail.events.map((e) => e.kind)).toEqual(["created", "refused", "paid"]);
  });

  it("keeps free amounts within the bank's limits and the currency's minor digits", async () => {
    const montant = async (body: Record<string, unknown>, overrides: Partial<Env> = {}) =>
      (await merchantOrder(body, overrides)).form.fields.montant;
    expect(await montant({ amount: 1 })).toBe("0.01EUR");
    expect(await montant({ amount: 10_000_000 })).toBe("100000.00EUR");
    expect(await montant({ amount: 1500, currency: "JPY" })).toBe("1500JPY");
    expect(await montant({ amount: 1234, currency: "KWD" })).toBe("1.234KWD");
    // CM-CIC p@iement 3.0 rounds a third decimal: only whole hundredths of a dinar.
    expect(await montant({ amount: 1230, currency: "KWD" }, V3)).toBe("1.230KWD");
    const refusals: [Record<string, unknown>, number, string, string][] = [
      [{ amount: 0 }, 400, "ERR_AMOUNT_INVALID", "amount"],
      [{ amount: -5 }, 400, "ERR_AMOUNT_INVALID", "amount"],
      [{ amount: 12.5 }, 400, "ERR_AMOUNT_INVALID", "amount"],
      [{ amount: "45.00" }, 400, "ERR_AMOUNT_INVALID", "amount"],
      [{ amount: 10_000_001 }, 422, "ERR_AMOUNT_EXCEEDS_LIMIT", "amount"],
      [{ amount: 2 ** 53 }, 400, "ERR_AMOUNT_INVALID", "amount"],
      [{ currency: "XYZ" }, 400, "ERR_CURRENCY_UNKNOWN", "currency"],
      [{ currency: "eur" }, 400, "ERR_CURRENCY_UNKNOWN", "currency"],
      [{ currency: undefined }, 400, "ERR_ORDER_CONTENT_INVALID", "currency"],
      [{ description: undefined }, 400, "ERR_ORDER_CONTENT_INVALID", "description"],
      [{ description: "   " }, 400, "ERR_TEXT_INVALID", "description"],
      [{ description: "x".repeat(201) }, 400, "ERR_TEXT_INVALID", "description"],
      [{ description: "Facture\n114" }, 400, "ERR_TEXT_INVALID", "description"],
      [{ description: "Facture \u202e411" }, 400, "ERR_TEXT_INVALID", "description"],
      [{ operator: "x".repeat(65) }, 400, "ERR_TEXT_INVALID", "operator"],
      [{ operator: "Claire\u0007" }, 400, "ERR_TEXT_INVALID", "operator"],
    ];
    for (const [body, status, code, field] of refusals) {
      await expectError(await create({ ...FREE, billing: BILLING, ...body }), status, code, field);
    }
    await expectError(
      await create({ ...FREE, amount: 1234, currency: "KWD", billing: BILLING }, V3),
      400,
      "ERR_AMOUNT_INVALID",
      "amount",
    );
  });

  it("refuses what is not an order the merchant can create, naming the field", async () => {
    const refusals: [Record<string, unknown>, number, string, string | undefined][] = [
      [{ ...FREE, channel: undefined }, 400, "ERR_CHANNEL_INVALID", "channel"],
      [{ ...FREE, channel: "shop" }, 400, "ERR_CHANNEL_INVALID", "channel"],
      [{ channel: "link", billing: BILLING }, 400, "ERR_ORDER_CONTENT_INVALID", "items"],
      [
        { ...FREE, items: [{ sku: "CD-GOLDBERG", quantity: 1 }] },
        400,
        "ERR_ORDER_CONTENT_INVALID",
        "amount",
      ],
      [
        { channel: "phone", items: [{ sku: "CD-NOPE", quantity: 1 }] },
        422,
        "ERR_PRODUCT_UNKNOWN",
        "items[0].sku",
      ],
      [
        { channel: "phone", items: [{ sku: "CD-EPUISE", quantity: 1 }] },
        422,
        "ERR_PRODUCT_INACTIVE",
        "items[0].sku",
      ],
      [{ ...FREE, instalments: 3 }, 422, "ERR_INSTALMENTS_UNAVAILABLE", "instalments"],
      [{ ...FREE, email: "a*b@example.fr" }, 400, "ERR_EMAIL_INVALID", "email"],
      [{ ...FREE, lang: "XX" }, 400, "ERR_LANGUAGE_INVALID", "lang"],
      [
        { ...FREE, billing: { ...BILLING, city: "Par\u0000is" } },
        400,
        "ERR_ADDRESS_INVALID",
        "billing.city",
      ],
    ];
    for (const [body, status, code, field] of refusals) {
      const withBilling = "billing" in body ? body : { ...body, billing: BILLING };
      await expectError(await create(withBilling), status, code, field);
    }
    // 3-D Secure v2 needs a billing address on a v4 terminal, for a payment link as for a phone order.
    await expectError(await create(FREE), 400, "ERR_BILLING_REQUIRED", "billing");
    await expectError(
      await postJson("/api/admin/orders", { ...FREE, billing: BILLING }),
      401,
      "ERR_UNAUTHORIZED",
    );
  });
});

describe("the merchant's order list and export", () => {
  it("filters by channel and exports it", async () => {
    const shop = (await checkout()).order.reference;
    const phone = (await merchantOrder({ channel: "phone" })).order.reference;
    const link = (await merchantOrder()).order.reference;
    const list = async (query: string) =>
      (
        (await (await call(`/api/admin/orders?${query}`, { headers: ADMIN })).json()) as {
          orders: { reference: string; channel: string }[];
        }
      ).orders;
    const phones = await list("channel=phone&limit=200");
    expect(new Set(phones.map((o) => o.channel))).toEqual(new Set(["phone"]));
    expect(phones.map((o) => o.reference)).toContain(phone);
    const merchant = (await list("channel=phone,link&limit=200")).map((o) => o.reference);
    expect([merchant.includes(phone), merchant.includes(link), merchant.includes(shop)]).toEqual([
      true,
      true,
      false,
    ]);
    expect((await list(`reference=${shop}`)).map((o) => o.channel)).toEqual(["shop"]);
    await expectError(
      await call("/api/admin/orders?channel=fax", { headers: ADMIN }),
      400,
      "ERR_FILTER_INVALID",
      "channel",
    );
    const csv = await (
      await call(`/api/admin/orders.csv?reference=${phone}`, { headers: ADMIN })
    ).text();
    const [header, row] = csv.split("\r\n");
    const cells = Object.fromEntries(
      (header ?? "").split(",").map((name, i) => [name, row?.split(",")[i]]),
    );
    expect([cells.channel, cells.description]).toEqual(["phone", "Facture 2026-114"]);
  });
});

describe("POST /api/admin/orders/:reference/link", () => {
  it("renews the link: a new token and expiry, the old link stops working", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:30:00.000Z"));
    const { order, payUrl } = await merchantOrder();
    vi.setSystemTime(new Date("2026-12-10T08:00:00.000Z"));
    expect((await openLink(payUrl)).status).toBe(410);
    const response = await call(`/api/admin/orders/${order.reference}/link`, {
      method: "POST",
      headers: ADMIN,
    });
    expect(response.status).toBe(200);
    const renewed = (await response.json()) as { payUrl: string; link: { expiresAt: string } };
    expect(renewed.link).toEqual({ expiresAt: "2026-12-17T08:00:00.000Z", openedAt: null });
    expect(renewed.payUrl).not.toBe(payUrl);
    expect((await openLink(payUrl)).status).toBe(404);
    expect((await openLink(renewed.payUrl)).status).toBe(200);
    const detail = await adminOrder(order.reference);
    expect(detail.events.map((e) => e.kind)).toEqual(["created", "link-renewed", "link-opened"]);
  });

  it("refuses a paid order, a shop order and an unknown one", async () => {
    const { order } = await merchantOrder();
    await postRetour(await accepted(order.reference, 4500));
    const renew = (reference: string) =>
      call(`/api/admin/orders/${reference}/link`, { method: "POST", headers: ADMIN });
    await expectError(await renew(order.reference), 409, "ERR_ORDER_NOT_PAYABLE");
    await expectError(
      await renew((await checkout()).order.reference),
      409,
      "ERR_ORDER_NOT_PAYABLE",
    );
    await expectError(await renew("NOSUCHORDER1"), 404, "ERR_ORDER_NOT_FOUND");
  });
});

describe("POST /api/admin/orders/:reference/keyed-form", () => {
  it("seals the same order again for the merchant to key another card, until the bank's 4 attempts are spent", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:30:00.000Z"));
    const { order } = await merchantOrder();
    const keyed = () =>
      call(`/api/admin/orders/${order.reference}/keyed-form`, { method: "POST", headers: ADMIN });
    for (let attempt = 1; attempt <= 4; attempt++) {
      vi.setSystemTime(new Date(Date.UTC(2026, 11, 1, 9, 30 + attempt)));
      const response = await keyed();
      expect(response.status).toBe(200);
      const { form } = (await response.json()) as { form: { fields: Record<string, string> } };
      expect(form.fields.reference).toBe(order.reference);
      expect(parseBankDateTime(form.fields.date ?? "").toISOString()).toBe(
        new Date(Date.UTC(2026, 11, 1, 9, 30 + attempt)).toISOString(),
      );
      expect(form.fields["3dsdebrayable"]).toBe("1");
      expect(await sealMatches(form.fields, "v4")).toBe(true);
      await postRetour(await refused(order.reference, 4500));
    }
    const body = await expectError(await keyed(), 409, "ERR_ORDER_NOT_PAYABLE");
    expect(body.error.message).toContain("no more card attempts");
  });
});
