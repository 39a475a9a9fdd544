import { expect, fixture, html } from "@open-wc/testing";
import { browserTimeZone } from "../format/dates.js";
import { stats } from "../testing/fixtures.js";
import { $, $$, axeViolations, fakeApi, textOf, until } from "../testing/helpers.js";
import "./home-page.js";
import type { SceauHomePage } from "./home-page.js";

async function mount(answer = stats()) {
  const { api, calls } = fakeApi({ "GET /stats": { json: answer } });
  const el = await fixture<SceauHomePage>(html`<sceau-home-page .api=${api}></sceau-home-page>`);
  await until(() => el.shadowRoot?.querySelector(".periods"), "the figures");
  return { el, calls };
}

describe("sceau-home-page", () => {
  it("asks for the figures in the browser's time zone", async () => {
    const { calls } = await mount();
    expect(calls[0]?.query.get("tz")).to.equal(browserTimeZone());
  });

  it("shows sales, paid orders and the refusal rate for today, 7 and 30 days", async () => {
    const { el } = await mount();
    expect(
      $$(el, ".periods section").map((s) => s.textContent?.replace(/[ \n]+/g, " ").trim()),
    ).to.deep.equal([
      "Aujourd'hui 29,98\u00a0€ 2 commandes payées Taux de refus : 33,3\u00a0% (1 sur 3 tentatives)",
      "7 derniers jours 89,94\u00a0€ 6 commandes payées Taux de refus : 14,3\u00a0% (1 sur 7 tentatives)",
      "30 derniers jours 89,94\u00a0€ 6 commandes payées Taux de refus : 14,3\u00a0% (1 sur 7 tentatives)",
    ]);
  });

  it("draws a bar per day, described in one sentence, with the figures as a table", async () => {
    const { el } = await mount();
    const chart = $(el, "sceau-sales-chart");
    expect($$(chart, "rect")).to.have.length(30);
    expect($(chart, "svg").getAttribute("aria-label")).to.equal(
      "Ventes par jour en EUR, du 1 nov. 2026 au 30 nov. 2026 ; meilleur jour : 28 nov. 2026, 44,97\u00a0€.",
    );
    const heights = $$(chart, "rect").map((r) => Number(r.getAttribute("height")));
    expect(heights[27]).to.be.greaterThan(heights[29] ?? 0);
    expect(heights[29]).to.be.greaterThan(heights[28] ?? 0);
    expect($$(chart, "tbody tr")).to.have.length(30);
  });

  it("lists what needs the merchant, with links to the orders and the log", async () => {
    const { el } = await mount(
      stats({
        awaitingCapture: {
          count: 1,
          orders: [
            {
              reference: "DEFERRED0001",
              total: 2998,
              currency: "EUR",
              authorisedRemaining: 2998,
              paidAt: "2026-11-30T09:00:00.000Z",
              deadline: null,
            },
          ],
        },
        orphanNotifications: { count: 2, latest: "2026-11-29T10:00:00.000Z" },
        failedOperations: {
          count: 1,
          operations: [
            {
              id: "x",
              reference: "FAILED000001",
              kind: "recredit",
              amount: 500,
              currency: "EUR",
              requestedAt: "2026-11-30T10:00:00.000Z",
              cdr: -35,
              lib: "montant possible incorrect",
              error: null,
            },
          ],
        },
      }),
    );
    const attention = textOf(el, ".attention");
    expect(attention).to.include("Paiements à capturer (1)");
    expect(attention).to.include("DEFERRED0001 — 29,98\u00a0€ reste");
    expect(attention).to.include("2 notifications orphelines depuis 30 jours — Voir");
    expect(attention).to.include("Remboursement 5,00\u00a0€");
    expect(attention).to.include("cdr=-35 montant possible incorrect");
    const links = $$<HTMLAnchorElement>(el, ".attention a").map((a) => a.getAttribute("href"));
    expect(links).to.deep.equal([
      "#/orders/DEFERRED0001",
      "#/notifications?classification=orphan",
      "#/orders/FAILED000001",
    ]);
  });

  it("says when nothing waits", async () => {
    const { el } = await mount();
    expect(textOf(el, ".attention")).to.equal("Rien ne vous attend.");
  });

  it("has no accessibility violation", async () => {
    const { el } = await mount();
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
