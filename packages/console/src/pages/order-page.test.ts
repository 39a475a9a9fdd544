import { expect, fixture, html } from "@open-wc/testing";
import type { LedgerPayment, Notification, OrderDetail } from "../api/types.js";
import { adminOrder, ledger, ledgerPayment, operation, orderDetail } from "../testing/fixtures.js";
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
    expect(facts).to.include("Mode de paiementDifféré");
    expect(facts).to.include("Reste à capturer29,98\u00a0€");
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

  it("shows the schedule of a payment in instalments from the ledger, with states and deadlines", async () => {
    const instalment = (number: number, amount: number, rest: Partial<LedgerPayment>) =>
      ledgerPayment({
        kind: "instalment",
        number,
        label: `instalment-${number}`,
        amount,
        deadline: null,
        authorisations: [],
        ...rest,
      });
    const order = adminOrder({
      total: 17990,
      mode: "split",
      ledger: ledger({
        mode: "split",
        payments: [
          instalment(1, 5998, { day: "2026-11-30", state: "captured", captured: 5998 }),
          instalment(2, 5996, { day: "2026-12-30", state: "refused" }),
          instalment(3, 5996, { day: "2027-01-30", state: "scheduled" }),
        ],
        actions: [],
      }),
    });
    const { el } = await mount(orderDetail({ order }));
    const table = $(el, 'div[aria-labelledby="schedule-title"] table');
    expect(
      [...(table?.querySelectorAll("tbody tr") ?? [])].map((r) =>
        r.textContent?.replace(/[ \n]+/g, " ").trim(),
      ),
    ).to.deep.equal([
      "échéance 1 30 nov. 2026 59,98\u00a0€ 59,98\u00a0€ — Capturé",
      "échéance 2 30 déc. 2026 59,96\u00a0€ 0,00\u00a0€ — Refusé",
      "échéance 3 30 janv. 2027 59,96\u00a0€ 0,00\u00a0€ — Prévu",
    ]);
    expect(textOf(el, "dl.facts")).to.include("Mode de paiementFractionné");
  });

  it("shows a subscription's renewals and its recurrence", async () => {
    const order = adminOrder({
      mode: "recurring",
      ledger: ledger({
        mode: "recurring",
        recurrence: {
          active: true,
          renewals: 1,
          next: { day: "2027-01-30", dueAt: "2027-01-30T08:00:00.000Z" },
        },
        payments: [
          ledgerPayment({ state: "captured", captured: 2998, capturable: 0, deadline: null }),
          ledgerPayment({
            kind: "renewal",
            number: 1,
            label: "renewal-1",
            day: "2026-12-30",
            state: "open",
            deadline: "2027-01-29T23:00:00.000Z",
          }),
        ],
        actions: [
          { kind: "capture", payment: "renewal-1", max: 2998 },
          { kind: "stop-recurrence" },
        ],
      }),
    });
    const { el } = await mount(orderDetail({ order }));
    expect(textOf(el, "dl.facts")).to.include("Récurrenceactive, 1 renouvellement");
    expect(textOf(el, "dl.facts")).to.include("Prochain renouvellement30 janv. 2027");
    expect(textOf(el, 'tr[data-payment="renewal-1"]')).to.match(/^renouvellement 1\s+30 déc. 2026/);
    const actions = $(el, "sceau-order-actions");
    expect(
      [...$$<HTMLButtonElement>(actions, "button[data-action]")].map((b) => b.dataset.action),
    ).to.deep.equal(["capture", "stop-recurrence"]);
    expect(textOf(actions, "form label span")).to.equal(
      "Montant à capturer sur renouvellement 1 (EUR)",
    );
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
        ledger: ledger({
          totals: { authorised: 2998, captured: 2998, refunded: 0, released: 0, capturable: 0 },
          payments: [ledgerPayment({ state: "captured", captured: 2998, capturable: 0 })],
          actions: [{ kind: "recredit", authorisation: "123456", payment: "order", max: 2998 }],
        }),
      }),
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
