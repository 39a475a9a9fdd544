/**
 * `POST /carte/:id`: the buyer's card. Luhn, expiry and CVV are checked first (a mistake costs no
 * attempt); then the 3-D Secure step when the card needs it, otherwise the attempt and its result page.
 * @module
 */
import type { Context } from "hono";
import type { SandboxContext } from "../../context.ts";
import type { Messages } from "../../i18n.ts";
import { bypassStatus, needsChallenge } from "../../payment-flow.ts";
import { readForm, seeOther } from "../../respond.ts";
import { brandOf, luhnValid } from "../../test-cards.ts";
import { attemptCard, type ClientIp } from "./attempt.ts";
import { loadOpenSession } from "./session.ts";
import { cardPageResponse, resultResponse } from "./views.ts";

/** A card form read and checked: the card to try, or the errors to show. */
type CheckedCard =
  | { readonly ok: true; readonly numero: string; readonly vld: string; readonly cvv: string }
  | { readonly ok: false; readonly errors: string[] };

function checkCard(form: Record<string, string>, now: Date, t: Messages): CheckedCard {
  const numero = (form.numero ?? "").replace(/[\s-]+/g, "");
  const mois = form.mois ?? "";
  const annee = form.annee ?? "";
  const cvv = form.cvv ?? "";
  const errors: string[] = [];
  if (!luhnValid(numero)) errors.push(t.badNumber);
  const month = Number(mois);
  const year = Number(annee.length === 2 ? `20${annee}` : annee);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (
    !/^\d{1,2}$/.test(mois) ||
    month < 1 ||
    month > 12 ||
    !/^\d{2}(\d{2})?$/.test(annee) ||
    year * 12 + month - 1 < current
  ) {
    errors.push(t.badExpiry);
  }
  const amex = brandOf(numero) === "AM";
  if (!(amex ? /^\d{4}$/ : /^\d{3}$/).test(cvv)) errors.push(amex ? t.badCvvAmex : t.badCvv);
  if (errors.length) return { ok: false, errors };
  const vld = `${String(month).padStart(2, "0")}${String(year).slice(-2)}`;
  return { ok: true, numero, vld, cvv };
}

/** The handler of `POST /carte/:id`. */
export function submitCard(ctx: SandboxContext, clientIp: ClientIp) {
  return async (c: Context): Promise<Response> => {
    const l = loadOpenSession(ctx, c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    const form = await readForm(c.req.raw).catch(() => ({}) as Record<string, string>);
    const card = checkCard(form, ctx.clock.now(), l.t);
    if (!card.ok) {
      const { mois = "", annee = "" } = form;
      return cardPageResponse(
        ctx,
        l,
        { numero: form.numero ?? "", mois, annee, cvv: "" },
        card.errors,
        422,
      );
    }
    const bypassed = bypassStatus(l.terminal, l.session.bypassRequest) === "1";
    if (needsChallenge(card.numero, l.terminal, l.session.challengePreference, bypassed)) {
      l.session.state = "challenge";
      l.session.challenge = { number: card.numero, vld: card.vld, cvv: card.cvv };
      ctx.changed();
      return seeOther(`${l.session.prefix}/carte/${l.session.id}/3ds`);
    }
    return resultResponse(l, await attemptCard(ctx, c, clientIp, l, card));
  };
}
