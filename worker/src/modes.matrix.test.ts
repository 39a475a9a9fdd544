/**
 * The five payment modes, worker and bank sandbox together (issue 12, "Proven against each other"): every
 * scenario × mode runs a purchase through the real sandbox (in-process, on its control clock), lets the bank
 * do what it does over time (renewals, instalments, deadlines), runs the worker's scheduled job as its Cron
 * Trigger would, and asserts after each step that the worker's ledger equals the sandbox's books
 * (`GET /_sandbox/books/:tpe/:reference`). Cells where a mode does not allow the scenario assert that the
 * worker does not offer it, refuses it without calling the bank, and that nothing happens over time.
 *
 * The table of cells is printed in packages/bank-sandbox/README.md ("The scenario matrix"); the last test
 * checks that it is the table these cells build.
 */
import type { Book } from "@sceau/bank-sandbox";
import { beforeEach, describe, expect, it } from "vitest";
import { createWorld, type TerminalName } from "../test/bank.ts";
import { booksView, ledgerView } from "../test/books.ts";
import { ADMIN, adminOrder, CARDS, call, checkout, env, pay, terminal } from "../test/helpers.ts";
import type { Env } from "./env.ts";

/** Saturday 31 January 2026, 10:00 in Paris (the sandbox tests' start: month ends, a weekend, holidays ahead). */
const START = Date.parse("2026-01-31T09:00:00Z");
const DAY = 86_400_000;
const world = await createWorld({ now: () => START, cron: true });

beforeEach(() => {
  world.sandbox.reset();
  world.requests.length = 0;
  world.faults.length = 0;
});

type Mode = "immediate" | "deferred" | "partial" | "recurring" | "split";
const MODES: readonly Mode[] = ["immediate", "deferred", "partial", "recurring", "split"];

/** What each mode's order buys (a subscription on the recurring terminal, the box set in instalments). */
const CART: Record<Mode, { sku: string; quantity: number }> = {
  immediate: { sku: "CD-KIND-OF-BLUE", quantity: 2 },
  deferred: { sku: "CD-KIND-OF-BLUE", quantity: 2 },
  partial: { sku: "CD-KIND-OF-BLUE", quantity: 2 },
  recurring: { sku: "CLUB-CD-DU-MOIS", quantity: 1 },
  split: { sku: "CD-BREL-INTEGRALE", quantity: 1 },
};

/** An order paid on a test terminal, and what the steps of a cell need. */
interface Order {
  readonly vars: Partial<Env>;
  readonly tpe: string;
  readonly reference: string;
  readonly total: number;
  readonly form: Parameters<typeof pay>[0];
}

const MODE_OF: Record<string, Mode> = {
  immediate: "immediate",
  deferred: "deferred",
  deferredAutoCapture: "deferred",
  partial: "partial",
  partialShort: "partial",
  recurring: "recurring",
  recurringPeriodEnd: "recurring",
  recurringManual: "recurring",
  split: "split",
  splitCarryOver: "split",
  splitFixedDay: "split",
};

/** Creates an order on a terminal and pays it on the sandbox's card page (with `cards` in turn). */
async function buy(name: TerminalName, ...cards: string[]): Promise<Order> {
  const vars = terminal(name);
  const mode = MODE_OF[name] as Mode;
  const { order, form } = await checkout({ items: [CART[mode]] }, vars, world);
  for (const card of cards.length ? cards : [CARDS.visa]) await pay(form, card, world);
  return { vars, tpe: vars.TPE ?? "", reference: order.reference, total: order.total, form };
}

/** Sends an operation through the admin API; resolves with the status and the body. */
async function op(order: Order, kind: string, body: Record<string, unknown> = {}) {
  const response = await call(
    `/api/admin/orders/${order.reference}/${kind}`,
    {
      method: "POST",
      headers: { ...ADMIN, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    },
    order.vars,
    world,
  );
  return {
    status: response.status,
    body: (await response.json()) as {
      error?: { code: string; message: string };
      operation?: { ok: boolean; cdr: number; lib: string };
    },
  };
}

/** An operation the bank must accept (200, the bank's `cdr` of success). */
async function done(order: Order, kind: string, body: Record<string, unknown> = {}) {
  const result = await op(order, kind, body);
  expect(result.body.error?.message ?? "ok", `${kind} ${JSON.stringify(body)}`).toBe("ok");
  expect(result.status).toBe(200);
  return result.body;
}

/** Asserts the worker's ledger equals the sandbox's books; resolves with the worker's view. */
async function agree(order: Order) {
  const [detail, response] = await Promise.all([
    adminOrder(order.reference, order.vars, world),
    world.sandbox.app.request(`/_sandbox/books/${order.tpe}/${order.reference}`),
  ]);
  const book = (await response.json()) as Book;
  const now = world.sandbox.clock.now();
  expect(ledgerView(detail.order.ledger, now)).toEqual(booksView(book));
  return detail;
}

/** Moves the clock by days: the bank runs what falls due, then the worker's scheduled job runs. */
function days(order: Order, n: number): Promise<void> {
  return world.advance(order.vars, n * DAY);
}

/** The kinds of action the worker offers now. */
async function offered(order: Order): Promise<string[]> {
  return (await agree(order)).order.ledger.actions.map((a) => a.kind);
}

/**
 * A mode that does not allow an operation: not offered, refused with `code` before anything reaches the
 * bank, and the ledger still equals the books.
 */
async function refusedByWorker(order: Order, kind: string, code: string): Promise<void> {
  expect(await offered(order)).not.toContain(kind);
  const calls = world.requests.length;
  const result = await op(order, kind);
  expect({ status: result.status, code: result.body.error?.code }).toEqual({
    status: 409,
    code,
  });
  expect(world.requests).toHaveLength(calls);
}

/** Nothing the bank does over `n` days changes this order: the ledger stays as it was, and agrees. */
async function quietFor(order: Order, n: number): Promise<void> {
  const before = (await agree(order)).order.ledger;
  await days(order, n);
  const after = (await agree(order)).order.ledger;
  expect(after.payments.map((p) => [p.label, p.state, p.captured])).toEqual(
    before.payments.map((p) => [p.label, p.state, p.captured]),
  );
}

/** One cell: a short text for the table, and the steps. */
interface Cell {
  readonly text: string;
  readonly run: () => Promise<void>;
}
const cell = (text: string, run: () => Promise<void>): Cell => ({ text, run });
/** A cell where the mode does not allow the scenario: shown as "—" with the reason. */
const none = (reason: string, run: () => Promise<void>): Cell => ({ text: `— ${reason}`, run });

const NOT_CAPTURABLE = "captured by the bank at payment";

/** The scenarios, in the order, each for the five modes. */
const MATRIX: { scenario: string; cells: Record<Mode, Cell> }[] = [
  {
    scenario: "pay",
    cells: {
      immediate: cell("authorised and captured at order", async () => {
        const order = await buy("immediate");
        const { order: o } = await agree(order);
        expect(o.status).toBe("paid");
        expect(o.ledger.payments[0]).toMatchObject({ state: "captured", captured: 2998 });
        expect(o.ledger.actions).toEqual([
          { kind: "recredit", authorisation: o.authorisationNumber, payment: "order", max: 2998 },
        ]);
      }),
      deferred: cell("authorised; capture within 7 working days", async () => {
        const order = await buy("deferred");
        const { order: o } = await agree(order);
        expect(o.ledger.payments[0]).toMatchObject({
          state: "authorised",
          authorised: 2998,
          deadline: "2026-02-10T23:00:00.000Z",
        });
        expect(o.ledger.actions.map((a) => a.kind)).toEqual(["capture", "cancel"]);
      }),
      partial: cell("card checked, nothing authorised; 30 days to capture", async () => {
        const order = await buy("partial");
        const { order: o } = await agree(order);
        expect(o.authorisationNumber).toBeNull();
        expect(o.ledger.payments[0]).toMatchObject({
          state: "open",
          authorised: 0,
          capturable: 2998,
          deadline: "2026-03-02T23:00:00.000Z",
        });
      }),
      recurring: cell("first payment open for the merchant; renewal 1 planned", async () => {
        const order = await buy("recurring");
        const { order: o } = await agree(order);
        expect(o.ledger.payments.map((p) => [p.label, p.state, p.day])).toEqual([
          ["order", "open", "2026-01-31"],
          ["renewal-1", "scheduled", "2026-02-28"],
        ]);
        expect(o.ledger.recurrence).toEqual({
          active: true,
          renewals: 0,
          next: { day: "2026-02-28", dueAt: "2026-02-28T09:00:00.000Z" },
        });
        expect(o.ledger.actions.map((a) => a.kind)).toEqual([
          "capture",
          "cancel",
          "stop-recurrence",
        ]);
      }),
      split: cell("instalment 1 authorised, 2–3 scheduled", async () => {
        const order = await buy("split");
        const { order: o } = await agree(order);
        expect(o.ledger.payments.map((p) => [p.label, p.state, p.amount])).toEqual([
          ["instalment-1", "authorised", 5998],
          ["instalment-2", "scheduled", 5996],
          ["instalment-3", "scheduled", 5996],
        ]);
      }),
    },
  },
  {
    scenario: "refuse then pay",
    cells: Object.fromEntries(
      MODES.map((mode) => [
        mode,
        cell("refused card, then paid on the same order", async () => {
          const order = await buy(mode, CARDS.refused);
          expect((await agree(order)).order.status).toBe("refused");
          await pay(order.form, CARDS.visa, world);
          const detail = await agree(order);
          expect(detail.order.status).toBe("paid");
          expect(detail.notifications.map((n) => n.codeRetour)).toEqual(["Annulation", "payetest"]);
          expect(detail.events.map((e) => e.kind)).toEqual(["refused", "paid"]);
        }),
      ]),
    ) as Record<Mode, Cell>,
  },
  {
    scenario: "capture total",
    cells: {
      immediate: none(NOT_CAPTURABLE, async () => {
        await refusedByWorker(await buy("immediate"), "capture", "ERR_OPERATION_UNAVAILABLE");
      }),
      deferred: cell("one capture of the total", async () => {
        const order = await buy("deferred");
        await done(order, "capture");
        const { order: o } = await agree(order);
        expect(o.status).toBe("captured");
        expect(o.ledger.totals).toMatchObject({ captured: 2998, capturable: 0 });
      }),
      partial: cell("one capture of the total, under its own authorisation", async () => {
        const order = await buy("partial");
        await done(order, "capture");
        const { order: o } = await agree(order);
        expect(o.ledger.payments[0]?.state).toBe("captured");
        expect(o.ledger.payments[0]?.authorisations).toHaveLength(1);
      }),
      recurring: cell("the first payment captured by the merchant", async () => {
        const order = await buy("recurring");
        await done(order, "capture");
        const { order: o } = await agree(order);
        expect(o.ledger.payments[0]).toMatchObject({ state: "captured", captured: 1280 });
      }),
      split: cell("instalment 1 captured, then 2 and 3 collected on their days", async () => {
        const order = await buy("split");
        await done(order, "capture");
        await agree(order);
        await days(order, 29);
        await agree(order);
        await days(order, 31);
        const { order: o } = await agree(order);
        expect(o.ledger.payments.map((p) => p.state)).toEqual(["captured", "captured", "captured"]);
        expect(o.ledger.totals.captured).toBe(17990);
      }),
    },
  },
  {
    scenario: "capture partial",
    cells: {
      immediate: none(NOT_CAPTURABLE, async () => {
        await refusedByWorker(await buy("immediate"), "capture", "ERR_OPERATION_UNAVAILABLE");
      }),
      deferred: cell("one smaller capture; the rest released", async () => {
        const order = await buy("deferred");
        await done(order, "capture", { amount: 1000 });
        const { order: o } = await agree(order);
        expect(o.ledger.payments[0]).toMatchObject({ captured: 1000, released: 1998 });
        await refusedByWorker(order, "capture", "ERR_AMOUNT_EXCEEDS_AUTHORISED");
      }),
      partial: cell("three captures, each authorised", async () => {
        const order = await buy("partial");
        for (const amount of [1000, 500]) {
          await done(order, "capture", { amount });
          await agree(order);
        }
        await done(order, "capture");
        const { order: o } = await agree(order);
        expect(o.ledger.payments[0]?.authorisations.map((a) => a.captured)).toEqual([
          1000, 500, 1498,
        ]);
      }),
      recurring: cell("the first payment in two captures", async () => {
        const order = await buy("recurring");
        await done(order, "capture", { amount: 400 });
        await agree(order);
        await done(order, "capture");
        const { order: o } = await agree(order);
        expect(o.ledger.payments[0]?.authorisations.map((a) => a.captured)).toEqual([400, 880]);
      }),
      split: cell("instalment 1 captured in part; its rest released", async () => {
        const order = await buy("split");
        await done(order, "capture", { amount: 3000 });
        const { order: o } = await agree(order);
        expect(o.ledger.payments[0]).toMatchObject({ captured: 3000, released: 2998 });
      }),
    },
  },
  {
    scenario: "cancel",
    cells: {
      immediate: none(NOT_CAPTURABLE, async () => {
        await refusedByWorker(await buy("immediate"), "cancel", "ERR_OPERATION_UNAVAILABLE");
      }),
      deferred: cell("cancelled before its capture", async () => {
        const order = await buy("deferred");
        await done(order, "cancel");
        const { order: o } = await agree(order);
        expect(o.status).toBe("cancelled");
        expect(o.ledger.actions).toEqual([]);
      }),
      partial: cell("after a capture: the rest released, the capture kept", async () => {
        const order = await buy("partial");
        await done(order, "capture", { amount: 1000 });
        await done(order, "cancel");
        const { order: o } = await agree(order);
        expect(o.status).toBe("captured");
        expect(o.ledger.payments[0]).toMatchObject({ state: "cancelled", released: 1998 });
        expect(o.ledger.actions.map((a) => a.kind)).toEqual(["recredit"]);
      }),
      recurring: cell("the first payment cancelled; the renewals go on", async () => {
        const order = await buy("recurring");
        await done(order, "cancel");
        await agree(order);
        await days(order, 29);
        const { order: o } = await agree(order);
        expect(o.ledger.payments.map((p) => [p.label, p.state])).toEqual([
          ["order", "cancelled"],
          ["renewal-1", "captured"],
          ["renewal-2", "scheduled"],
        ]);
      }),
      split: cell("after instalment 1: every instalment not collected", async () => {
        const order = await buy("split");
        await done(order, "capture");
        await done(order, "cancel");
        await agree(order);
        await days(order, 62);
        const { order: o } = await agree(order);
        expect(o.ledger.payments.map((p) => p.state)).toEqual([
          "captured",
          "cancelled",
          "cancelled",
        ]);
        expect(o.status).toBe("captured");
      }),
    },
  },
  {
    scenario: "refund total",
    cells: {
      immediate: cell("refunded under the order's authorisation", async () => {
        const order = await buy("immediate");
        await done(order, "recredit");
        const { order: o } = await agree(order);
        expect(o.status).toBe("refunded");
      }),
      deferred: cell("captured, then refunded", async () => {
        const order = await buy("deferred");
        await done(order, "capture");
        await done(order, "recredit");
        expect((await agree(order)).order.status).toBe("refunded");
      }),
      partial: cell("each capture refunded under its own authorisation", async () => {
        const order = await buy("partial");
        await done(order, "capture", { amount: 1000 });
        await done(order, "capture");
        const ambiguous = await op(order, "recredit");
        expect(ambiguous.body.error?.code).toBe("ERR_AUTHORISATION_REQUIRED");
        for (const action of (await agree(order)).order.ledger.actions) {
          if (action.kind === "recredit") {
            await done(order, "recredit", { authorisation: action.authorisation });
          }
        }
        const { order: o } = await agree(order);
        expect(o.status).toBe("refunded");
        expect(o.ledger.totals).toMatchObject({ captured: 2998, refunded: 2998 });
      }),
      recurring: cell("the first payment and renewal 1, each refunded", async () => {
        const order = await buy("recurring");
        await done(order, "capture");
        await days(order, 29);
        for (const action of (await agree(order)).order.ledger.actions) {
          if (action.kind === "recredit") {
            await done(order, "recredit", { authorisation: action.authorisation });
          }
        }
        const { order: o } = await agree(order);
        expect(o.ledger.totals).toMatchObject({ captured: 2560, refunded: 2560 });
      }),
      split: cell("the three instalments, each refunded", async () => {
        const order = await buy("split");
        await done(order, "capture");
        await days(order, 60);
        for (const action of (await agree(order)).order.ledger.actions) {
          if (action.kind === "recredit") {
            await done(order, "recredit", { authorisation: action.authorisation });
          }
        }
        const { order: o } = await agree(order);
        expect(o.ledger.totals).toMatchObject({ captured: 17990, refunded: 17990 });
        expect(o.status).toBe("refunded");
      }),
    },
  },
  {
    scenario: "refund partial",
    cells: {
      immediate: cell("two refunds; montant_possible follows", async () => {
        const order = await buy("immediate");
        await done(order, "recredit", { amount: 1000 });
        await done(order, "recredit", { amount: 500 });
        const sent = world.requests.map((r) => r.fields.montant_possible);
        expect(sent).toEqual(["29.98EUR", "19.98EUR"]);
        const { order: o } = await agree(order);
        expect(o.status).toBe("paid");
      }),
      deferred: cell("part of a capture refunded", async () => {
        const order = await buy("deferred");
        await done(order, "capture", { amount: 2000 });
        await done(order, "recredit", { amount: 500 });
        expect((await agree(order)).order.ledger.totals.refunded).toBe(500);
      }),
      partial: cell("part of one capture refunded", async () => {
        const order = await buy("partial");
        await done(order, "capture", { amount: 1000 });
        await done(order, "recredit", { amount: 300 });
        await agree(order);
      }),
      recurring: cell("part of a renewal refunded (its own day as date_commande)", async () => {
        const order = await buy("recurring");
        await days(order, 29);
        await done(order, "recredit", { amount: 300 });
        expect(world.requests.at(-1)?.fields).toMatchObject({
          date_commande: "28/02/2026",
          date_remise: "28/02/2026",
          montant_possible: "12.80EUR",
        });
        await agree(order);
      }),
      split: cell("part of instalment 2 refunded", async () => {
        const order = await buy("split");
        await done(order, "capture");
        await days(order, 29);
        const { order: o } = await agree(order);
        const second = o.ledger.payments[1]?.authorisations[0]?.number ?? "";
        await done(order, "recredit", { amount: 1000, authorisation: second });
        expect(world.requests.at(-1)?.fields).toMatchObject({
          date_commande: "31/01/2026",
          date_remise: "28/02/2026",
          montant_possible: "59.96EUR",
        });
        await agree(order);
      }),
    },
  },
  {
    scenario: "expiry",
    cells: {
      immediate: none(NOT_CAPTURABLE, async () => {
        await quietFor(await buy("immediate"), 40);
      }),
      deferred: cell("abandoned after 7 working days; no longer offered", async () => {
        const order = await buy("deferred");
        await days(order, 11);
        const { order: o, events } = await agree(order);
        expect(o.status).toBe("expired");
        expect(o.ledger.payments[0]?.state).toBe("abandoned");
        expect(events.map((e) => e.kind)).toEqual(["paid", "order-abandoned", "expired"]);
        await refusedByWorker(order, "capture", "ERR_AMOUNT_EXCEEDS_AUTHORISED");
      }),
      partial: cell("the window closes: the rest released (8 days)", async () => {
        const order = await buy("partialShort");
        await done(order, "capture", { amount: 1000 });
        await days(order, 10);
        const { order: o } = await agree(order);
        expect(o.ledger.payments[0]).toMatchObject({ state: "closed", released: 1998 });
        const untouched = await buy("partialShort");
        await days(untouched, 10);
        expect((await agree(untouched)).order.status).toBe("expired");
      }),
      recurring: cell("the first period ends uncaptured; renewals go on", async () => {
        const order = await buy("recurring");
        await days(order, 29);
        const { order: o } = await agree(order);
        expect(o.ledger.payments.map((p) => [p.label, p.state])).toEqual([
          ["order", "expired"],
          ["renewal-1", "captured"],
          ["renewal-2", "scheduled"],
        ]);
        expect(o.status).toBe("paid");
      }),
      split: cell("instalment 1 abandoned: 2 and 3 cancelled", async () => {
        const order = await buy("split");
        await days(order, 11);
        const { order: o, events } = await agree(order);
        expect(o.status).toBe("expired");
        expect(o.ledger.payments.map((p) => p.state)).toEqual([
          "abandoned",
          "cancelled",
          "cancelled",
        ]);
        expect(events.map((e) => e.kind)).toContain("instalment-3-cancelled");
      }),
    },
  },
  {
    scenario: "auto-capture",
    cells: {
      immediate: none(NOT_CAPTURABLE, async () => {
        await quietFor(await buy("immediate"), 40);
      }),
      deferred: cell("captured by the bank at the end of the delay", async () => {
        const order = await buy("deferredAutoCapture");
        await days(order, 4);
        const { order: o, events } = await agree(order);
        expect(o.status).toBe("captured");
        expect(o.ledger.payments[0]?.authorisations[0]?.capturedDay).toBe("2026-02-04");
        expect(events.map((e) => e.kind)).toContain("order-auto-captured");
        await done(order, "recredit", { amount: 100 });
        await agree(order);
      }),
      partial: none("what is not captured is released", async () => {
        const order = await buy("partialShort");
        await days(order, 10);
        expect((await agree(order)).order.ledger.totals.captured).toBe(0);
      }),
      recurring: cell("renewal captured by the bank at its period's end", async () => {
        const order = await buy("recurringPeriodEnd");
        await days(order, 70);
        const { order: open } = await agree(order);
        expect(open.ledger.payments.map((p) => [p.label, p.state, p.day])).toEqual([
          ["order", "expired", "2026-01-31"],
          ["renewal-1", "open", "2026-04-05"],
          ["renewal-2", "scheduled", "2026-07-05"],
        ]);
        await days(order, 91);
        const { order: o } = await agree(order);
        expect(o.ledger.payments[1]?.authorisations[0]?.capturedDay).toBe("2026-07-04");
      }),
      split: cell("instalment 1 captured by the bank; fixed day, 30 % / 70 %", async () => {
        const order = await buy("splitFixedDay");
        await days(order, 3);
        await agree(order);
        await days(order, 14);
        const { order: o } = await agree(order);
        expect(o.ledger.payments.map((p) => [p.day, p.amount, p.state])).toEqual([
          ["2026-01-31", 5397, "captured"],
          ["2026-02-15", 12593, "captured"],
        ]);
      }),
    },
  },
  {
    scenario: "instalment refused → retries → carry-over or cancel",
    cells: {
      immediate: none("no later authorisation", async () => {
        await quietFor(await buy("immediate", CARDS.laterRefused), 40);
      }),
      deferred: none("no later authorisation", async () => {
        const order = await buy("deferred", CARDS.laterRefused);
        await done(order, "capture");
        await quietFor(order, 40);
      }),
      partial: cell("a capture's authorisation refused, then accepted again", async () => {
        const order = await buy("partial", CARDS.laterRetry);
        const refused = await op(order, "capture", { amount: 1000 });
        expect(refused.body.operation?.lib).toBe("autorisation refusee");
        await agree(order);
        await done(order, "capture", { amount: 1000 });
        await agree(order);
      }),
      recurring: cell("renewal refused by the issuer: open until captured by hand", async () => {
        const order = await buy("recurring", CARDS.laterRetry);
        await days(order, 29);
        const { order: o } = await agree(order);
        expect(o.ledger.payments[1]).toMatchObject({ label: "renewal-1", state: "open" });
        await done(order, "capture");
        await agree(order);
      }),
      split: cell("4 attempts, then cancel; or carry-over to the next", async () => {
        const cancel = await buy("split", CARDS.laterRefused);
        await done(cancel, "capture");
        for (const step of [29, 3, 3, 3]) {
          await days(cancel, step);
          await agree(cancel);
        }
        const { order: c } = await agree(cancel);
        expect(c.ledger.payments.map((p) => p.state)).toEqual(["captured", "refused", "cancelled"]);
        const carry = await buy("splitCarryOver", CARDS.laterFour);
        await done(carry, "capture");
        await days(carry, 40);
        await agree(carry);
        await days(carry, 31);
        const { order: o } = await agree(carry);
        expect(o.ledger.payments.map((p) => [p.state, p.amount])).toEqual([
          ["captured", 4499],
          ["carried-over", 4497],
          ["captured", 8994],
          ["scheduled", 4497],
        ]);
      }),
    },
  },
  {
    scenario: "critical refusal",
    cells: {
      immediate: cell("lost card at payment: refused, nothing authorised", async () => {
        const order = await buy("immediate", CARDS.lost);
        expect((await agree(order)).order.status).toBe("refused");
      }),
      deferred: cell("lost card at payment: refused, nothing authorised", async () => {
        const order = await buy("deferred", CARDS.lost);
        expect((await agree(order)).order.status).toBe("refused");
      }),
      partial: cell("lost card at payment: refused, nothing to capture", async () => {
        const order = await buy("partial", CARDS.lost);
        expect((await agree(order)).order.ledger.actions).toEqual([]);
      }),
      recurring: cell("card lost before a renewal: the recurrence stops", async () => {
        const order = await buy("recurring", CARDS.laterLost);
        await days(order, 29);
        const { order: o, events } = await agree(order);
        expect(o.ledger.recurrence).toMatchObject({ active: false, renewals: 1, next: null });
        expect(events.map((e) => e.kind)).toContain("recurrence-stopped");
        await days(order, 62);
        await agree(order);
      }),
      split: cell("card lost before instalment 2: every remaining one cancelled", async () => {
        const order = await buy("splitCarryOver", CARDS.laterLost);
        await done(order, "capture");
        await days(order, 29);
        const { order: o } = await agree(order);
        expect(o.ledger.payments.map((p) => p.state)).toEqual([
          "captured",
          "refused",
          "cancelled",
          "cancelled",
        ]);
      }),
    },
  },
  {
    scenario: "stop recurrence",
    cells: {
      immediate: none("recurring terminals only", async () => {
        await refusedByWorker(
          await buy("immediate"),
          "stop-recurrence",
          "ERR_OPERATION_UNAVAILABLE",
        );
      }),
      deferred: none("recurring terminals only", async () => {
        await refusedByWorker(
          await buy("deferred"),
          "stop-recurrence",
          "ERR_OPERATION_UNAVAILABLE",
        );
      }),
      partial: none("recurring terminals only", async () => {
        await refusedByWorker(await buy("partial"), "stop-recurrence", "ERR_OPERATION_UNAVAILABLE");
      }),
      recurring: cell("stopped once; no renewal after", async () => {
        const order = await buy("recurringManual");
        await days(order, 29);
        await done(order, "capture");
        await done(order, "stop-recurrence");
        await refusedByWorker(order, "stop-recurrence", "ERR_RECURRENCE_ALREADY_STOPPED");
        await days(order, 62);
        const { order: o } = await agree(order);
        expect(o.ledger.payments.map((p) => [p.label, p.state])).toEqual([
          ["order", "expired"],
          ["renewal-1", "captured"],
        ]);
      }),
      split: none("recurring terminals only", async () => {
        await refusedByWorker(await buy("split"), "stop-recurrence", "ERR_OPERATION_UNAVAILABLE");
      }),
    },
  },
];

describe("the scenario matrix: worker ledger = sandbox books", () => {
  for (const { scenario, cells } of MATRIX) {
    for (const mode of MODES) {
      const c = cells[mode];
      it(`${scenario} × ${mode}: ${c.text}`, c.run);
    }
  }
});

/** The matrix as the Markdown table printed in the sandbox's README. */
function matrixTable(): string {
  const rows = MATRIX.map(
    ({ scenario, cells }) => `| ${scenario} | ${MODES.map((m) => cells[m].text).join(" | ")} |`,
  );
  return [
    `| scenario | ${MODES.join(" | ")} |`,
    `| --- |${" --- |".repeat(MODES.length)}`,
    ...rows,
  ].join("\n");
}

describe("the sandbox's README", () => {
  it("prints this matrix between its markers", () => {
    const readme = env.TEST_SANDBOX_README;
    const printed = readme.slice(
      readme.indexOf("<!-- matrix:start -->") + "<!-- matrix:start -->".length,
      readme.indexOf("<!-- matrix:end -->"),
    );
    expect(printed.trim(), "paste the expected table into packages/bank-sandbox/README.md").toBe(
      matrixTable(),
    );
  });
});
