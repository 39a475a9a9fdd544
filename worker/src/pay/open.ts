/**
 * Opening a payment link: one batch records the first opening (with the link's own token, before it
 * expires) and reads the order with the refusals the bank notified for it; when it can be paid, the form is
 * sealed afresh — a new `date`, the same order — in the page's language.
 * @module
 */
import type { PaymentForm } from "@sceau/protocol";
import { sealPaymentForm } from "../checkout.ts";
import type { TerminalSettings } from "../config.ts";
import { type RefusalsRow, selectRefusals } from "../db/notifications.ts";
import { insertEventIfChanged } from "../db/order-events.ts";
import { markLinkOpened, type OrderRow, selectOrder } from "../db/orders.ts";
import { type PaymentRow, selectPayments } from "../db/payments.ts";
import { sha256Hex } from "../encoding.ts";
import { timingSafeEqualText } from "../middleware.ts";
import { type LinkState, linkState, payUrl, type Return, storedOrder } from "../payment-link.ts";

/** What the page needs: the order, what it may offer, and the freshly sealed form when it can be paid. */
export interface OpenedLink {
  order: OrderRow;
  state: LinkState;
  form?: PaymentForm;
}

/**
 * Opens the link of `reference` with `token`; `undefined` when there is no such link (an unknown reference,
 * a wrong token, a shop order: all the same answer, compared in constant time).
 *
 * @throws the seal's errors (a configuration the bank would refuse).
 */
export async function openPaymentLink(
  db: D1Database,
  settings: TerminalSettings,
  link: { reference: string; token: string },
  page: { now: Date; lang: string; back?: Return | undefined; origin: string },
): Promise<OpenedLink | undefined> {
  const { reference, token } = link;
  const tokenHash = await sha256Hex(token);
  const at = page.now.toISOString();
  const [, , orders, refusals, payments] = await db.batch<OrderRow | RefusalsRow | PaymentRow>([
    markLinkOpened(db, { reference, tokenHash, at }),
    insertEventIfChanged(db, { reference, at, kind: "link-opened" }),
    selectOrder(db, reference),
    selectRefusals(db, reference),
    selectPayments(db, reference),
  ]);
  const order = orders?.results[0] as OrderRow | undefined;
  const same = await timingSafeEqualText(tokenHash, order?.token_hash ?? "");
  if (!order || !same || order.channel === "shop") return undefined;
  const counts = (refusals?.results[0] as RefusalsRow | undefined) ?? {
    refusals: 0,
    first_refusal_at: null,
  };
  const state = linkState(order, counts, page.now, page.back);
  if (state.kind !== "payable") return { order, state };
  const form = await sealPaymentForm(settings, {
    order: storedOrder(order, (payments?.results ?? []) as PaymentRow[]),
    lang: page.lang,
    now: page.now,
    returnUrls: {
      ok: payUrl(page.origin, reference, token, "ok", page.lang),
      error: payUrl(page.origin, reference, token, "error", page.lang),
    },
  });
  return { order, state, form };
}
