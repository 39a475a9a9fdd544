import { expect, fixture, html } from "@open-wc/testing";
import type { Notification, OrderDetail } from "../api/types.js";
import { adminOrder, operation, orderDetail } from "../testing/fixtures.js";
import { $, $$, axeViolations, fakeApi, textOf, until } from "../testing/helpers.js";
import "./order-page.js";
import type { SceauOrderPage } from "./order-page.js";

async function mount(detail: OrderDetail, extra = {}) {
  const { api, calls } = fakeApi({
    [`GET /orders/${detail.order.reference}`]: { json: detail },
    ...extra,
  });
  const el = await fixture<SceauOrderPage>(
    html`<sceau-order-page .api=${api} .reference=${detail.order.reference}></sceau-order-page>`,
  );
  await until(() => el.shadowRoot?.querySelector("h1"), "the order");
  return { el, calls };
}

describe("sceau-order-page", () => {
  it("shows the order: amounts, lines, buyer and addresses", async () => {
    const { el } = await mount(orderDetail());
    expect(textOf(el, ".heading")).to.equal("Commande K7Q2M9X4B1ZA Payée");
    const facts = textOf(el, "dl.facts");
    expect(facts).to.include("Total29,98\u00a0€");
    expect(facts).to.include("Autorisé, à capturer29,98\u00a0€");
    expect(facts).to.include("Paiement de testoui");
    expect(textOf(el, "tbody tr")).to.equal(
      "Miles Davis — Kind of Blue CD-KIND-OF-BLUE 2 14,99\u00a0€ 29,98\u00a0€",
    );
    expect($(el, "address").textContent).to.equal("18 rue de l'Adresse\n75002 Paris\nFR");
    expect(textOf(el, "sceau-order-actions >>> h2")).to.equal("Actions possibles");
  });

  it("decodes the bank's notifications and quotes its answers to operations word for word", async () => {
    const { el } = await mount(
      orderDetail({
        operations: [
          operation(),
          operation({
            id: "o2",
            kind: "recredit",
            amount: 500,
            requestedAt: "2026-11-30T10:05:00.000Z",
            ok: false,
            cdr: -35,
            lib: "montant possible incorrect",
          }),
        ],
        events: [
          {
            at: "2026-11-30T09:42:00.000Z",
            kind: "paid",
            notification_id: "n-1",
            operation_id: null,
            detail: null,
          },
          {
            at: "2026-11-30T10:00:00.000Z",
            kind: "capture-done",
            notification_id: null,
            operation_id: "o1",
            detail: "cdr=1 lib=paiement accepte",
          },
        ],
      }),
    );
    const notification = textOf(el, "ol.timeline li");
    expect(notification).to.match(
      /^Paiement accepté \(paiement de test\) — .* Paiement accepté sceau valide/,
    );
    expect(notification).to.include("Carte Visa");
    expect(notification).to.include("Validité de la carte 12/29");
    expect(notification).to.include("N° d'autorisation 123456");
    const rows = $$(el, "table")
      .find((t) => t.textContent?.includes("Réponse de la banque"))
      ?.querySelectorAll("tbody tr");
    expect(
      [...(rows ?? [])].map((r) => r.textContent?.replace(/[ \n]+/g, " ").trim()),
    ).to.deep.equal([
      `${new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short" }).format(new Date("2026-11-30T10:00:00.000Z"))} Capture 10,00\u00a0€ effectuée cdr=1 paiement accepte`,
      `${new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short" }).format(new Date("2026-11-30T10:05:00.000Z"))} Remboursement 5,00\u00a0€ échouée cdr=-35 montant possible incorrect`,
    ]);
    expect(textOf(el, "ol.events")).to.include("Capture effectuée — cdr=1 lib=paiement accepte");
  });

  it("shows the schedule of a payment in instalments", async () => {
    const order = adminOrder({ total: 17990, instalments: 3 });
    const { el } = await mount(
      orderDetail({
        order,
        schedule: [
          { number: 1, date: "2026-11-30", amount: 5998, status: "collected" },
          { number: 2, date: "2026-12-30", amount: 5996, status: "refused" },
          { number: 3, date: "2027-01-30", amount: 5996, status: "scheduled" },
        ],
      }),
    );
    const table = $$(el, "table").find((t) => t.textContent?.includes("Échéance"));
    expect(
      [...(table?.querySelectorAll("tbody tr") ?? [])].map((r) =>
        r.textContent?.replace(/[ \n]+/g, " ").trim(),
      ),
    ).to.deep.equal([
      "1 / 3 30 nov. 2026 59,98\u00a0€ Prélevée",
      "2 / 3 30 déc. 2026 59,96\u00a0€ Refusée",
      "3 / 3 30 janv. 2027 59,96\u00a0€ Prévue",
    ]);
  });

  it("shows what a buyer typed as text, never as markup", async () => {
    const attack = `<img src=x onerror="window.__pwned=1">`;
    const order = adminOrder({
      email: attack,
      billing: { name: attack, addressLine1: attack, city: "Paris" },
    });
    const detail = orderDetail({ order });
    detail.notifications[0] = {
      ...detail.notifications[0],
      fields: { "texte-libre": attack },
    } as never;
    const { el } = await mount(detail);
    expect(el.shadowRoot?.querySelectorAll("img")).to.have.length(0);
    expect(textOf(el)).to.include(attack);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it("reloads the order after an operation, keeping the bank's answer on screen", async () => {
    const before = orderDetail();
    const after = orderDetail({
      order: adminOrder({
        status: "captured",
        ledger: {
          captured: 2998,
          authorisedRemaining: 0,
          refunded: 0,
          captureDate: "2026-11-30",
          recurrenceStopped: false,
        },
      }),
      actions: [{ kind: "recredit", amount: 2998, max: 2998, partial: true }],
    });
    let served = before;
    const { el, calls } = await mount(before, {
      [`POST /orders/${before.order.reference}/capture`]: () => {
        served = after;
        return {
          json: {
            operation: { ...after.operations[0], ok: true, lib: "paiement accepte" },
            order: after.order,
          },
        };
      },
      [`GET /orders/${before.order.reference}`]: () => ({ json: served }),
    });
    const actions = $(el, "sceau-order-actions");
    $(actions, 'button[data-action="capture"]').click();
    await until(() => $(actions, "dialog").hasAttribute("open"), "the confirmation");
    $(actions, "button[data-confirm]").click();
    await until(() => textOf(el, ".heading").endsWith("Capturée"), "the captured order");
    expect(calls.filter((c) => c.method === "GET")).to.have.length(2);
    expect(textOf(actions, "[role=status]")).to.equal(
      "La banque a accepté l'opération (Capture) : « paiement accepte ».",
    );
    expect($$(actions, 'button[data-action="recredit"]')).to.have.length(1);
  });

  it("pages through a long notification history, 50 at a time as the worker sends them", async () => {
    const detail = orderDetail({ notificationsNextAfter: "51" });
    const reference = detail.order.reference;
    const later = {
      ...(detail.notifications[0] as Notification),
      id: "n-2",
      codeRetour: "Annulation",
      classification: "refused",
    };
    const { el, calls } = await mount(detail, {
      [`GET /orders/${reference}/notifications`]: {
        json: { notifications: [later], notificationsNextAfter: null },
      },
    });
    expect($$(el, "ol.timeline li")).to.have.length(1);
    [...$$<HTMLButtonElement>(el, "button")]
      .find((b) => b.textContent?.includes("Notifications suivantes"))
      ?.click();
    await until(() => $$(el, "ol.timeline li").length === 2, "the next page");
    expect(calls.at(-1)?.query.get("after")).to.equal("51");
    expect(textOf(el, "ol.timeline li:last-child")).to.match(/^Paiement refusé/);
    expect(
      [...$$(el, "button")].some((b) => b.textContent?.includes("Notifications suivantes")),
    ).to.equal(false);
  });

  it("says so when the order does not exist", async () => {
    const { api } = fakeApi({});
    const el = await fixture<SceauOrderPage>(
      html`<sceau-order-page .api=${api} reference="NOPE"></sceau-order-page>`,
    );
    await until(() => el.shadowRoot?.querySelector("[role=alert]"), "the error");
    expect(textOf(el, "[role=alert] p")).to.equal("Erreur ERR_NOT_FOUND : No such route.");
  });

  it("has no accessibility violation, with actions and past operations side by side", async () => {
    const { el } = await mount(
      orderDetail({
        operations: [operation()],
      }),
    );
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
