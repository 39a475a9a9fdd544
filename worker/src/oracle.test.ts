/**
 * The checkout is never a signing oracle: whatever a buyer sends, no seal the worker hands out can be turned
 * into a notification it accepts. The sealed strings are rebuilt here from PROTOCOL.md (§3.3, §7.1) and their
 * MACs checked with WebCrypto directly, so the search runs over exactly what the worker sealed, not over what
 * the library says it sealed.
 */
import { formatRetourDateTime } from "@sceau/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adminOrder,
  BILLING,
  env,
  INVALID,
  orderStatus,
  postJson,
  postRetour,
} from "../test/helpers.ts";
import { hmacHex, paymentString } from "../test/payment-seal.ts";
import { v3Recuts, v4RandomRecut, v4Recuts } from "../test/recut.ts";
import type { Env } from "./env.ts";

const TERMINALS = {
  v4: { MAC_FORMAT: "v4", TPE: "7654321" },
  v3: { MAC_FORMAT: "v3", TPE: "7654322" },
  split: { MAC_FORMAT: "v4", TPE: "7654323", PAYMENT_MODE: "split" },
} satisfies Record<string, Partial<Env>>;
type TerminalName = keyof typeof TERMINALS;

function asBody(fields: Record<string, string>, mac: string): string {
  return new URLSearchParams({ ...fields, MAC: mac }).toString();
}

interface CheckoutAnswer {
  order: { reference: string; total: number };
  form: { fields: Record<string, string> };
}

async function order(terminal: TerminalName, body: Record<string, unknown> = {}) {
  const response = await postJson(
    "/api/checkout",
    { items: [{ sku: "CD-KIND-OF-BLUE", quantity: 2 }], billing: BILLING, ...body },
    {},
    TERMINALS[terminal],
  );
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as CheckoutAnswer;
}

/** The status each input refusal of the checkout answers with. */
const REFUSALS: Record<string, number> = {
  ERR_EMAIL_INVALID: 400,
  ERR_LANGUAGE_INVALID: 400,
  ERR_ADDRESS_INVALID: 400,
  ERR_INSTALMENTS_INVALID: 400,
  ERR_INSTALMENTS_UNAVAILABLE: 422,
};

const hostile = fc.constantFrom(
  "*",
  "=",
  ";",
  '"',
  "'",
  " ",
  "@",
  ".",
  "3.0",
  "paiement",
  "payetest",
  "code-retour=",
  "reference=",
  "montant=",
  "TPE=",
  "_a_",
  "\n",
  "é",
);
const hostileText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.array(hostile, { maxLength: 12 }).map((parts) => parts.join("")),
);
/** Mostly what a buyer types (accents, apostrophes, hyphens), sometimes anything at all. */
const buyerText = fc.oneof(
  {
    arbitrary: fc.stringMatching(/^[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 '’.,-]{0,40}$/),
    weight: 9,
  },
  { arbitrary: hostileText, weight: 1 },
);
const email = fc.oneof(
  {
    arbitrary: fc.stringMatching(
      /^[a-z0-9][a-z0-9._+-]{0,20}@[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?\.(?:fr|com|eu)$/,
    ),
    weight: 6,
  },
  { arbitrary: fc.emailAddress(), weight: 2 },
  {
    arbitrary: fc.tuple(hostileText, hostileText).map(([local, domain]) => `${local}@${domain}.fr`),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(
      "a*3.0*paiement*oui*1229*na*1@x.fr",
      "a@b*code-retour=paiement*montant=29.98EUR*reference=R*texte-libre=x.fr",
    ),
    weight: 1,
  },
);

describe("the checkout is never a signing oracle", () => {
  it("property: no re-cut of any sealed payment form is a notification, and the worker refuses the re-cuts", async () => {
    let sealed = 0;
    let refused = 0;
    let posted = 0;
    const codes: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<TerminalName>("v4", "v3", "split"),
        fc.option(email, { nil: undefined }),
        fc.record({ name: buyerText, city: buyerText, addressLine1: buyerText }),
        fc.constantFrom("FR", "EN", "DE", "IT", "ES", "NL", "PT", "SV", "JA", "fr", "XX"),
        fc.constantFrom(undefined, undefined, undefined, 2, 3, 4, 5),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        async (terminal, mail, address, lang, wanted, randomness) => {
          const format = terminal === "v3" ? "v3" : "v4";
          // Instalments are asked for mostly where they exist, sometimes where they do not.
          const instalments = terminal === "split" || wanted === 5 ? wanted : undefined;
          const response = await postJson(
            "/api/checkout",
            {
              items: [{ sku: instalments ? "CD-BREL-INTEGRALE" : "CD-KIND-OF-BLUE", quantity: 1 }],
              billing: { ...BILLING, ...address },
              ...(mail !== undefined && { email: mail }),
              lang,
              ...(instalments && { instalments }),
            },
            {},
            TERMINALS[terminal],
          );
          if (response.status !== 201) {
            const { error } = (await response.json()) as { error: { code: string } };
            expect(REFUSALS[error.code], error.code).toBe(response.status);
            refused++;
            codes[error.code] = (codes[error.code] ?? 0) + 1;
            return;
          }
          sealed++;
          const { order: created, form } = (await response.json()) as CheckoutAnswer;
          const string = paymentString(form.fields, format);
          expect(form.fields.MAC).toBe(await hmacHex(string));
          const notifications = format === "v3" ? [...v3Recuts(string)] : [...v4Recuts(string)];
          expect(notifications).toEqual([]);
          // The re-cuts that do exist (the form itself, pieces merged at random) are no notification either.
          const random = randomness[Symbol.iterator]();
          const next = () => random.next().value as number;
          const others =
            format === "v3"
              ? [form.fields]
              : [form.fields, v4RandomRecut(string, next), v4RandomRecut(string, next)];
          for (const fields of others) {
            if (!fields) continue;
            const { MAC: _, ...rest } = fields;
            posted++;
            const answer = await postRetour(
              asBody(rest, form.fields.MAC ?? ""),
              TERMINALS[terminal],
            );
            expect(await answer.text()).toBe(INVALID);
          }
          expect(await orderStatus(created.reference)).toBe("pending");
        },
      ),
      { numRuns: 300 },
    );
    console.info(JSON.stringify({ event: "oracle-property", sealed, refused, posted, codes }));
    expect(sealed).toBeGreaterThan(100);
  }, 120_000);
});

describe("the signing-oracle attacks of the first version (regressions)", () => {
  it("v3: the e-mail that made a payment form's seal into a paid notification is refused, and the forgery too", async () => {
    const attack = "a*3.0*paiement*oui*1229*na*1@x.fr";
    const refused = await postJson(
      "/api/checkout",
      { items: [{ sku: "CD-KIND-OF-BLUE", quantity: 2 }], email: attack },
      {},
      TERMINALS.v3,
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: "ERR_EMAIL_INVALID", field: "email" },
    });
    // What the first version sealed for that e-mail, and the notification it can be cut into.
    const { order: victim, form } = await order("v3");
    const string = paymentString({ ...form.fields, mail: attack }, "v3");
    const forged = [...v3Recuts(string)].find((f) => f["code-retour"] === "paiement");
    expect(forged).toMatchObject({ reference: victim.reference, montant: "29.98EUR" });
    const answer = await postRetour(
      asBody(forged as Record<string, string>, await hmacHex(string)),
      TERMINALS.v3,
    );
    expect(await answer.text()).toBe(INVALID);
    expect(await orderStatus(victim.reference)).toBe("pending");
    const detail = await adminOrder(victim.reference, TERMINALS.v3);
    expect(detail.notifications).toEqual([]);
  });

  it("v4: the e-mail that sealed a notification for another order is refused, and the forgery leaves that order alone", async () => {
    const { order: victim } = await order("v4");
    const attack = `a@b*code-retour=paiement*date=${formatRetourDateTime(new Date())}*montant=29.98EUR*reference=${victim.reference}*texte-libre=x.fr`;
    const refused = await postJson(
      "/api/checkout",
      { items: [{ sku: "CD-KIND-OF-BLUE", quantity: 2 }], billing: BILLING, email: attack },
      {},
      TERMINALS.v4,
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: "ERR_EMAIL_INVALID", field: "email" },
    });
    const { form } = await order("v4");
    const string = paymentString({ ...form.fields, mail: attack }, "v4");
    const forged = [...v4Recuts(string)].find((f) => f.reference === victim.reference);
    expect(forged?.["code-retour"]).toBe("paiement");
    expect(forged?.TPE).toMatch(/^7654321\*contexte_commande=/);
    const answer = await postRetour(
      asBody(forged as Record<string, string>, await hmacHex(string)),
      TERMINALS.v4,
    );
    expect(await answer.text()).toBe(INVALID);
    const detail = await adminOrder(victim.reference);
    expect(detail.order).toMatchObject({ status: "pending", anomaly: null });
    const logged = await env.DB.prepare(
      "SELECT classification, seal_valid, reference FROM notifications ORDER BY seq DESC LIMIT 1",
    ).first();
    expect(logged).toEqual({ classification: "malformed", seal_valid: 0, reference: null });
  });
});
