import { expect, fixture, html } from "@open-wc/testing";
import { localDay, monthsBefore } from "../format/dates.js";
import { orderSummary } from "../testing/fixtures.js";
import { $, $$, axeViolations, command, fakeApi, textOf, until } from "../testing/helpers.js";
import "./orders-page.js";
import type { SceauOrdersPage } from "./orders-page.js";

const FIRST = Array.from({ length: 50 }, (_, i) => orderSummary(i));
const SECOND = Array.from({ length: 3 }, (_, i) =>
  orderSummary(50 + i, { status: "refunded", currency: "JPY", total: 1500 }),
);

function worker() {
  return fakeApi({
    "GET /orders": (call) =>
      call.query.get("cursor") === "page-2"
        ? { json: { orders: SECOND, nextCursor: null } }
        : { json: { orders: FIRST, nextCursor: "page-2" } },
    "GET /totals": {
      json: {
        count: 53,
        byCurrency: [
          { currency: "EUR", count: 50, total: 149900, captured: 100000, refunded: 2998 },
          { currency: "JPY", count: 3, total: 4500, captured: 4500, refunded: 4500 },
        ],
      },
    },
    "GET /orders.csv": {
      text: "\uFEFFreference;created_at\r\n",
      contentType: "text/csv; charset=utf-8",
    },
  });
}

async function mount(query = "") {
  const { api, calls } = worker();
  const el = await fixture<SceauOrdersPage>(
    html`<sceau-orders-page .api=${api} .query=${new URLSearchParams(query)}></sceau-orders-page>`,
  );
  await until(() => el.shadowRoot?.querySelector("tbody tr"), "the rows");
  return { el, calls };
}

describe("sceau-orders-page", () => {
  afterEach(() => history.replaceState(null, "", location.pathname + location.search));

  it("lists six rolling months by default, asking the worker for whole local days", async () => {
    const { el, calls } = await mount();
    const list = calls.find((c) => c.path === "/orders");
    const from = new Date(list?.query.get("from") ?? "");
    expect(localDay(from)).to.equal(monthsBefore(new Date(), 6));
    expect([from.getHours(), from.getMinutes()]).to.deep.equal([0, 0]);
    expect(list?.query.get("limit")).to.equal("50");
    expect(list?.query.has("to")).to.equal(false);
    expect(textOf(el, ".range")).to.match(
      /^Commandes depuis le .* \(six mois glissants\)\. Voir aussi les plus anciennes$/,
    );
    expect($$(el, "tbody tr")).to.have.length(50);
  });

  it("shows each order with its status translated and money in its currency", async () => {
    const { el } = await mount();
    const cells = $$(el, "tbody tr")[1]?.querySelectorAll("th, td") ?? [];
    const texts = [...cells].map((c) => c.textContent?.replace(/[ \n]+/g, " ").trim());
    expect(texts[0]).to.equal("REF000000001");
    expect(texts[2]).to.equal("Payée");
    expect(texts[3]).to.equal("Boutique");
    expect(texts[4]).to.equal("buyer1@example.com");
    expect(texts[5]).to.equal("29,98\u00a0€");
    expect($(el, "tbody tr a").getAttribute("href")).to.equal("#/orders/REF000000000");
  });

  it("gives the totals of the whole filtered set, per currency", async () => {
    const { el } = await mount();
    await until(() => el.shadowRoot?.querySelector(".totals"), "the totals");
    expect(textOf(el, ".totals")).to.match(
      /^53 commandes correspondent · 1\u202f499,00\u00a0€ commandé, 1\u202f000,00\u00a0€ capturé, 29,98\u00a0€ remboursé · 4\u202f500\u00a0(JPY|¥|￥) commandé, /,
    );
  });

  it("pages on with the worker's cursor, keeping the same filter", async () => {
    const { el, calls } = await mount("status=refunded&from=");
    const more = [...$$<HTMLButtonElement>(el, "button")].find((b) =>
      b.textContent?.includes("suivantes"),
    );
    more?.click();
    await until(() => $$(el, "tbody tr").length === 53, "the second page");
    const second = calls.filter((c) => c.path === "/orders")[1];
    expect(second?.query.get("cursor")).to.equal("page-2");
    expect(second?.query.get("status")).to.equal("refunded");
    expect(second?.query.has("from")).to.equal(false);
    expect(textOf(el, ".range")).to.equal("Toutes les commandes, depuis la première.");
    expect([...$$(el, "button")].some((b) => b.textContent?.includes("suivantes"))).to.equal(false);
  });

  it("puts the filters in the address, and older orders on demand", async () => {
    const { el } = await mount();
    const form = $<HTMLFormElement>(el, "form");
    (form.elements.namedItem("status") as HTMLSelectElement).value = "anomaly";
    (form.elements.namedItem("channel") as HTMLSelectElement).value = "link";
    (form.elements.namedItem("reference") as HTMLInputElement).value = "ab12";
    (form.elements.namedItem("to") as HTMLInputElement).value = "2026-11-30";
    form.requestSubmit();
    const hash = new URLSearchParams(location.hash.split("?")[1]);
    expect(location.hash.startsWith("#/orders?")).to.equal(true);
    expect(Object.fromEntries(hash)).to.deep.equal({
      status: "anomaly",
      channel: "link",
      from: monthsBefore(new Date(), 6),
      to: "2026-11-30",
      reference: "ab12",
    });
    [...$$<HTMLButtonElement>(el, "button")]
      .find((b) => b.textContent?.includes("plus anciennes"))
      ?.click();
    expect(new URLSearchParams(location.hash.split("?")[1]).get("from")).to.equal("");
  });

  it("downloads the filtered history as CSV for Excel or as RFC 4180", async () => {
    const { el, calls } = await mount("status=paid&from=2026-06-01&to=2026-11-30");
    const downloads: { name: string; type: string }[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      downloads.push({ name: this.download, type: this.href.slice(0, 5) });
    };
    try {
      for (const [i, label] of ["CSV pour Excel", "CSV standard (RFC 4180)"].entries()) {
        [...$$<HTMLButtonElement>(el, ".download button")]
          .find((b) => b.textContent?.trim() === label)
          ?.click();
        await until(() => downloads.length === i + 1, "the download");
      }
      await el.updateComplete;
      expect(textOf(el, ".download [role=status]")).to.equal(
        "Fichier commandes_2026-06-01_2026-11-30_rfc4180.csv téléchargé.",
      );
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    const exports = calls.filter((c) => c.path === "/orders.csv");
    expect(exports.map((c) => c.query.get("format"))).to.deep.equal(["excel", "rfc4180"]);
    expect(exports[0]?.query.get("status")).to.equal("paid");
    expect(localDay(new Date(exports[0]?.query.get("to") ?? ""))).to.equal("2026-12-01");
    expect(downloads).to.deep.equal([
      { name: "commandes_2026-06-01_2026-11-30.csv", type: "blob:" },
      { name: "commandes_2026-06-01_2026-11-30_rfc4180.csv", type: "blob:" },
    ]);
  });

  it("fits a phone: less useful columns give way and nothing scrolls sideways", async () => {
    await command("set-viewport", { width: 360, height: 740 });
    try {
      const { el } = await mount();
      expect(getComputedStyle($(el, "thead th.wide-only")).display).to.equal("none");
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
    } finally {
      await command("set-viewport", { width: 800, height: 600 });
    }
  });

  it("has no accessibility violation", async () => {
    const { el } = await mount();
    await until(() => el.shadowRoot?.querySelector(".totals"), "the totals");
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("filters by channel, shows each order's channel and offers the merchant's new orders", async () => {
    const { el, calls } = await mount("channel=phone&from=");
    expect(calls.find((c) => c.path === "/orders")?.query.get("channel")).to.equal("phone");
    expect($<HTMLSelectElement>(el, 'select[name="channel"]').value).to.equal("phone");
    expect(textOf(el, "tbody tr")).to.include("Boutique");
    const links = $$<HTMLAnchorElement>(el, "a.button").map((a) => [
      a.textContent?.trim(),
      a.getAttribute("href"),
    ]);
    expect(links).to.deep.equal([
      ["Nouvelle commande par téléphone", "#/orders/new?channel=phone"],
      ["Nouveau lien de paiement", "#/orders/new?channel=link"],
    ]);
  });
});
