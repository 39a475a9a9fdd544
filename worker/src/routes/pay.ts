/**
 * `GET /pay/<reference>?token=…`: the payment link's page, for a buyer with no shop page and no script — the
 * merchant's name, what is paid, and a button that posts a freshly sealed form to the bank. In the buyer's
 * language (`?lang=`, else `Accept-Language`, else French) among FR EN DE IT ES NL. Its Content-Security-Policy
 * allows no script, one inline stylesheet by nonce, and form posts to the bank's payment server only.
 * @module
 */
import { type Context, Hono } from "hono";
import { languageDetector } from "hono/language";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { QuoteLine } from "../catalog.ts";
import { bankPaymentOrigin, merchantName, terminalSettings } from "../config.ts";
import type { AppEnv, Env } from "../env.ts";
import { ApiError } from "../errors.ts";
import { PAGE_LANGUAGES, type PageLanguage } from "../pay/messages.ts";
import { openPaymentLink } from "../pay/open.ts";
import { type PayPage, payPageHtml } from "../pay/page.ts";

export const pay = new Hono<AppEnv>();

pay.use(
  "*",
  languageDetector({
    supportedLanguages: [...PAGE_LANGUAGES],
    fallbackLanguage: "fr",
    order: ["querystring", "header"],
    lookupQueryString: "lang",
    caches: false,
  }),
);
pay.use(
  "*",
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [NONCE],
      formAction: [(c) => bankPaymentOrigin(c.env as Env)],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    strictTransportSecurity: "max-age=63072000; includeSubDomains",
  }),
);

/** Answers the page; the order, when there is one, as the buyer sees it. */
function page(
  c: Context<AppEnv>,
  content: Omit<PayPage, "lang" | "nonce">,
  status: 200 | 404 | 410 | 503,
) {
  const html = payPageHtml({
    ...content,
    lang: c.get("language") as PageLanguage,
    nonce: c.get("secureHeadersNonce") ?? "",
  });
  return c.html(html, status);
}

pay.get("/:reference", async (c) => {
  const reference = c.req.param("reference");
  const token = c.req.query("token") ?? "";
  const back = c.req.query("return");
  let merchant: string;
  let settings: Awaited<ReturnType<typeof terminalSettings>>;
  try {
    merchant = merchantName(c.env);
    settings = await terminalSettings(c.env);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "ERR_CONFIG_INVALID") throw error;
    console.error(JSON.stringify({ event: "error", code: error.code, field: error.field }));
    return page(c, { merchant: c.env.SOCIETE ?? "", state: { kind: "unavailable" } }, 503);
  }
  const notFound = () => page(c, { merchant, state: { kind: "notFound" } }, 404);
  if (!/^[A-Za-z0-9]{1,50}$/.test(reference) || !/^[A-Za-z0-9_-]{1,128}$/.test(token)) {
    return notFound();
  }
  const lang = c.get("language") as PageLanguage;
  const opened = await openPaymentLink(
    c.env.DB,
    settings,
    { reference, token },
    {
      now: c.get("now")(),
      lang: lang.toUpperCase(),
      back: back === "ok" || back === "error" ? back : undefined,
      origin: new URL(c.req.url).origin,
    },
  );
  if (!opened) return notFound();
  const { order, state, form } = opened;
  const query = new URLSearchParams({ token }).toString();
  return page(
    c,
    {
      merchant,
      order: {
        reference: order.reference,
        total: order.total,
        currency: order.currency,
        lines: JSON.parse(order.cart) as QuoteLine[],
        expiresAt: order.link_expires_at,
      },
      state,
      ...(form && { form }),
      query,
    },
    state.kind === "expired" ? 410 : 200,
  );
});
