import { expect, waitUntil } from "@open-wc/testing";
import { resetCart } from "../testing/helpers.js";

type Probe = Window & { cspViolations: string[] };

/** Opens one of the fake worker's drop-in pages (built drop-in, strict CSP) in a frame. */
async function open(page: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement("iframe");
  frame.src = `/drop-in/${page}.html`;
  const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
}

/** The drop-in files a frame fetched, by name. */
function dropInFiles(frame: HTMLIFrameElement): string[] {
  return (frame.contentWindow as Window).performance
    .getEntriesByType("resource")
    .map((e) => e.name.replace(/^.*\/dist\//, ""))
    .filter((name) => name.startsWith("sceau-checkout"))
    .sort();
}

describe("the drop-in bundle", () => {
  let frame: HTMLIFrameElement | undefined;
  beforeEach(resetCart);
  afterEach(() => frame?.remove());

  it("on a product page: loads one file, defines the product page's tags, and not the cart's", async () => {
    frame = await open("product");
    const win = frame.contentWindow as Probe;
    const doc = frame.contentDocument as Document;
    await waitUntil(() => win.customElements.get("sceau-add-to-cart"), "the tags were not defined");
    const add = doc.querySelector("sceau-add-to-cart") as HTMLElement;
    (add.shadowRoot as ShadowRoot).querySelector("button")?.click();
    const badge = doc.querySelector("sceau-cart-count")?.shadowRoot?.querySelector("[part=badge]");
    await waitUntil(() => badge?.textContent === "1", "badge not updated");
    expect(win.customElements.get("sceau-checkout")).to.equal(undefined);
    expect(dropInFiles(frame)).to.deep.equal(["sceau-checkout.js"]);
    expect(win.cspViolations).to.deep.equal([]);
  });

  it("loads the cart's file and its language when a page adds <sceau-checkout> later", async () => {
    frame = await open("product");
    const win = frame.contentWindow as Probe;
    const doc = frame.contentDocument as Document;
    await waitUntil(() => win.customElements.get("sceau-add-to-cart"), "the tags were not defined");
    const checkout = doc.createElement("sceau-checkout");
    checkout.setAttribute("endpoint", "/mock/v3");
    doc.body.append(checkout);
    await waitUntil(() => win.customElements.get("sceau-checkout"), "not loaded on demand");
    await waitUntil(() => checkout.shadowRoot?.querySelector("[part=empty]"), "not rendered");
    expect(checkout.shadowRoot?.querySelector("[part=empty]")?.textContent).to.equal(
      "Your cart is empty.",
    );
    expect(dropInFiles(frame)).to.deep.equal([
      "sceau-checkout-cart-en.js",
      "sceau-checkout-cart.js",
      "sceau-checkout-shared.js",
      "sceau-checkout.js",
    ]);
  });

  it("on a cart page under a strict CSP: renders, adds to the cart and posts the sealed form with no violation", async () => {
    frame = await open("cart");
    const win = frame.contentWindow as Probe;
    const doc = frame.contentDocument as Document;
    await waitUntil(
      () => win.customElements.get("sceau-checkout"),
      "the bundle did not define the tags",
    );
    const violations = win.cspViolations; // kept: the frame navigates away below
    const checkout = doc.querySelector("sceau-checkout") as HTMLElement & { status: string };
    const add = doc.querySelector("sceau-add-to-cart") as HTMLElement;
    await waitUntil(() => checkout.shadowRoot?.querySelector("[part=empty]"), "not rendered");
    const root = checkout.shadowRoot as ShadowRoot;
    expect(root.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(doc.querySelectorAll("style").length).to.equal(0);
    expect(root.querySelectorAll("style").length).to.equal(0);

    (add.shadowRoot as ShadowRoot).querySelector("button")?.click();
    const badge = doc.querySelector("sceau-cart-count")?.shadowRoot?.querySelector("[part=badge]");
    await waitUntil(() => badge?.textContent === "1", "badge not updated");
    await waitUntil(
      () => root.querySelector("[part=total] strong")?.textContent === "€8.00",
      "not quoted",
    );
    expect(
      win.getComputedStyle(root.querySelector("[part=button]") as Element).fontWeight,
    ).to.equal("600");
    expect(root.querySelector("[part=button]")?.textContent?.trim()).to.equal("Pay €8.00");

    expect(violations).to.deep.equal([]);
    const navigated = new Promise((resolve) =>
      frame?.addEventListener("load", resolve, { once: true }),
    );
    (root.querySelector("[part=button]") as HTMLButtonElement).click();
    await waitUntil(() => checkout.status === "redirecting", "not redirecting");
    expect(violations).to.deep.equal([]);
    await navigated;
    const posted = JSON.parse(frame.contentDocument?.getElementById("fields")?.textContent ?? "{}");
    expect(posted.reference).to.equal("REF000000001");
    expect(posted.lgue).to.equal("EN");
    // Browsers normalise line breaks in posted form data to CRLF (HTML form submission rules): a worker
    // that seals a value containing a bare LF must seal it as the bank will receive it.
    expect(posted["texte-libre"]).to.equal('quote " ampersand & <tag> é\r\nline');
    expect(frame.contentWindow?.location.pathname).to.equal("/mock/bank/paiement.cgi");
  });
});
