// Shows an offer only when the running worker makes it: the "in 2 to 4 instalments" badges appear when
// GET /api/products says the product may be split on this terminal (maxInstalments > 1), with that maximum.
// Classic external script (no inline code, CSP-friendly); runs after lang.js has translated the page.
document.addEventListener("DOMContentLoaded", async () => {
  const offers = document.querySelectorAll("[data-instalments-sku]");
  const endpoint = document.querySelector('meta[name="sceau-endpoint"]')?.content;
  if (offers.length === 0 || !endpoint) return;
  let products = [];
  try {
    products = (await (await fetch(`${endpoint}/api/products`)).json()).products ?? [];
  } catch {
    return; // the worker is not reachable: say nothing rather than promise what it may not offer
  }
  for (const offer of offers) {
    const max = products.find((p) => p.sku === offer.dataset.instalmentsSku)?.maxInstalments ?? 1;
    if (max < 2) continue;
    offer.textContent = offer.textContent.replace("{max}", String(max));
    offer.hidden = false;
  }
});
