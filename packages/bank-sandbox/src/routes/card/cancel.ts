/**
 * `GET /carte/:id/annuler`: the buyer gives up; back to `url_retour_err` (or `url_retour`), no Retour.
 * @module
 */
import type { Context } from "hono";
import type { SandboxContext } from "../../context.ts";
import { messagePage } from "../../pages/card-page.ts";
import { htmlResponse, seeOther } from "../../respond.ts";
import { loadSession } from "./session.ts";

/** The handler of `GET /carte/:id/annuler`. */
export function cancelPayment(ctx: SandboxContext) {
  return (c: Context): Response => {
    const l = loadSession(ctx, c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    const back = l.session.urls.err ?? l.session.urls.retour;
    if (l.session.state !== "done") l.session.state = "cancelled";
    ctx.changed();
    if (back) return seeOther(back);
    return htmlResponse(messagePage({ t: l.t, message: l.t.cancel }), 200);
  };
}
