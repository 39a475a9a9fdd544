/**
 * `GET /carte/:id`: the card page, filled from a TEST panel link (`?fill=visa`) when asked.
 * @module
 */
import type { Context } from "hono";
import type { SandboxContext } from "../../context.ts";
import { cardById } from "../../test-cards.ts";
import { loadOpenSession } from "./session.ts";
import { cardPageResponse, defaultExpiry } from "./views.ts";

/** The handler of `GET /carte/:id`. */
export function showCardPage(ctx: SandboxContext) {
  return (c: Context): Response => {
    const l = loadOpenSession(ctx, c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    const card = cardById(c.req.query("fill") ?? "");
    const values = card
      ? { numero: card.number, ...defaultExpiry(ctx.clock.now()), cvv: card.cvv }
      : {};
    return cardPageResponse(ctx, l, values, []);
  };
}
