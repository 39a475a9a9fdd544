// The merchant page: orders, their notifications and the capture / cancel / refund operations, on the
// worker's admin API. Every value from the API is written with textContent, never as HTML.

const API = "http://127.0.0.1:8787/api/admin";
const TOKEN_KEY = "sceau-demo-admin-token";

interface OrderSummary {
  reference: string;
  status: string;
  total: number;
  currency: string;
  createdAt: string;
  captured: number;
  refunded: number;
}

/** An operation the order allows now (the worker's `ledger.actions`). */
interface Action {
  kind: string;
  authorisation?: string;
}

interface OrderDetail {
  order: OrderSummary & {
    email: string | null;
    authorisationNumber: string | null;
    anomaly: string | null;
    ledger: { actions: Action[] };
  };
  notifications: {
    receivedAt: string;
    sealValid: boolean;
    codeRetour: string | null;
    montant: string | null;
    classification: string;
  }[];
  operations: {
    requestedAt: string;
    kind: string;
    amount: number;
    ok: boolean;
    cdr: number | null;
    lib: string | null;
    error: string | null;
  }[];
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;
const message = $<HTMLParagraphElement>("#message");
const tokenInput = $<HTMLInputElement>("#token");
let cursor: string | null = null;
let current: string | undefined;
let actions: Action[] = [];

function money(minor: number, currency: string): string {
  return new Intl.NumberFormat(document.documentElement.lang || "fr", {
    style: "currency",
    currency,
  }).format(minor / 100);
}

function say(text: string, error = false): void {
  message.textContent = text;
  message.classList.toggle("error", error);
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${API}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${tokenInput.value}`,
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body as T;
}

function row(cells: (string | Node)[], classes: string[] = []): HTMLTableRowElement {
  const tr = document.createElement("tr");
  cells.forEach((cell, i) => {
    const td = document.createElement("td");
    if (classes[i]) td.className = classes[i] ?? "";
    td.append(cell);
    tr.append(td);
  });
  return tr;
}

async function loadOrders(append: boolean): Promise<void> {
  const status = $<HTMLSelectElement>("#status-filter").value;
  const query = new URLSearchParams({ limit: "20" });
  if (status) query.set("status", status);
  if (append && cursor) query.set("cursor", cursor);
  const { orders, nextCursor } = await api<{ orders: OrderSummary[]; nextCursor: string | null }>(
    `/orders?${query}`,
  );
  const body = $<HTMLTableElement>("#orders").tBodies[0] as HTMLTableSectionElement;
  if (!append) body.replaceChildren();
  for (const order of orders) {
    const link = document.createElement("a");
    link.href = `#${order.reference}`;
    link.textContent = order.reference;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      void showOrder(order.reference);
    });
    body.append(
      row(
        [
          link,
          new Date(order.createdAt).toLocaleString(),
          order.status,
          money(order.total, order.currency),
          money(order.captured, order.currency),
          money(order.refunded, order.currency),
        ],
        ["", "", "status", "num", "num", "num"],
      ),
    );
  }
  cursor = nextCursor;
  $<HTMLTableElement>("#orders").hidden = false;
  $<HTMLButtonElement>("#more").hidden = !nextCursor;
  say(orders.length || append ? "" : "Aucune commande.");
}

async function showOrder(reference: string): Promise<void> {
  current = reference;
  const detail = await api<OrderDetail>(`/orders/${encodeURIComponent(reference)}`);
  const { order } = detail;
  $<HTMLElement>("#detail-title").textContent = `Commande ${order.reference}`;
  const summary = $<HTMLDListElement>("#detail-summary");
  summary.replaceChildren();
  const facts: [string, string][] = [
    ["Statut", order.status],
    ["Total", money(order.total, order.currency)],
    ["Capturé", money(order.captured ?? 0, order.currency)],
    ["Remboursé", money(order.refunded ?? 0, order.currency)],
    ["Autorisation", order.authorisationNumber ?? "—"],
    ["E-mail", order.email ?? "—"],
  ];
  if (order.anomaly) facts.push(["Anomalie", order.anomaly]);
  for (const [term, value] of facts) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = value;
    summary.append(dt, dd);
  }
  const notes = $<HTMLTableElement>("#notifications").tBodies[0] as HTMLTableSectionElement;
  notes.replaceChildren(
    ...detail.notifications.map((n) =>
      row([
        new Date(n.receivedAt).toLocaleString(),
        n.sealValid ? "valide" : "invalide",
        n.codeRetour ?? "—",
        n.montant ?? "—",
        n.classification,
      ]),
    ),
  );
  const ops = $<HTMLTableElement>("#operations").tBodies[0] as HTMLTableSectionElement;
  ops.replaceChildren(
    ...detail.operations.map((o) =>
      row(
        [
          new Date(o.requestedAt).toLocaleString(),
          o.kind,
          money(o.amount, order.currency),
          o.lib ? `cdr=${o.cdr} ${o.lib}` : (o.error ?? ""),
        ],
        ["", "", "num", ""],
      ),
    ),
  );
  // Only what the order's mode and ledger allow now, as the bank will accept it.
  actions = order.ledger.actions;
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-op]")) {
    button.hidden = !actions.some((a) => a.kind === button.dataset.op);
  }
  $<HTMLElement>("#detail").hidden = false;
}

function amountInMinorUnits(): number | undefined {
  const text = $<HTMLInputElement>("#op-amount").value.trim().replace(",", ".");
  if (!text) return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(text))
    throw new Error("Montant invalide : écrivez par exemple 12,50.");
  const [units = "0", cents = ""] = text.split(".");
  return Number(units) * 100 + Number(cents.padEnd(2, "0"));
}

async function operate(kind: string, button: HTMLButtonElement): Promise<void> {
  if (!current) return;
  button.disabled = true;
  try {
    const amount = kind === "capture" || kind === "recredit" ? amountInMinorUnits() : undefined;
    // A refund is made under one authorisation: the latest with something left to refund.
    const authorisation = actions.filter((a) => a.kind === kind).at(-1)?.authorisation;
    const { operation } = await api<{
      operation: { ok: boolean; lib: string | null; error: string | null };
    }>(`/orders/${encodeURIComponent(current)}/${kind}`, {
      method: "POST",
      body: JSON.stringify({
        ...(amount !== undefined && { amount }),
        ...(authorisation && { authorisation }),
      }),
    });
    await showOrder(current);
    await loadOrders(false);
    say(
      operation.ok
        ? `Opération acceptée : ${operation.lib ?? ""}`
        : `Refusée par la banque : ${operation.lib ?? operation.error ?? ""}`,
      !operation.ok,
    );
  } catch (error) {
    say((error as Error).message, true);
  } finally {
    button.disabled = false;
  }
}

tokenInput.value = sessionStorage.getItem(TOKEN_KEY) ?? "";
$<HTMLFormElement>("#token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
  loadOrders(false).catch((error: Error) => say(error.message, true));
});
$<HTMLButtonElement>("#more").addEventListener("click", () => {
  loadOrders(true).catch((error: Error) => say(error.message, true));
});
for (const button of document.querySelectorAll<HTMLButtonElement>("[data-op]")) {
  button.addEventListener("click", () => void operate(button.dataset.op ?? "", button));
}
