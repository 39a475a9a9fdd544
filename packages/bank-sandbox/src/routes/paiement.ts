/**
 * `paiement.cgi`: checks a posted payment form like the bank (terminal, site code, language, seal, every
 * field, the form's age, the reference) and opens the card page; on error, the bank's kind of error page
 * with the sandbox's "why" panel.
 * @module
 */
import {
  diagnosePaymentFields,
  type Fields,
  LANGUAGES,
  type MacFormat,
  type Money,
  minorDigits,
  ProtocolError,
  parseAmount,
  parseBankDateTime,
  paymentMacData,
  verifySeal,
} from "@sceau/protocol";
import { Hono } from "hono";
import type { SandboxContext } from "../context.ts";
import type { SandboxErrorCode } from "../errors.ts";
import { Ledger, type Transaction } from "../ledger.ts";
import { errorPage, type Problem } from "../pages/error-page.ts";
import { terminalSchedule } from "../payments.ts";
import { htmlResponse, readForm, seeOther } from "../respond.ts";
import type { SandboxTerminal } from "../terminals.ts";

/** The bank's sentences (PROTOCOL.md §10, §9.5). */
export const BANK_MESSAGES = {
  unidentified: "Le site de votre commerçant n'a pas été identifié.",
  seal: "Les informations transmises par votre commerçant ont une signature non valide.",
  unavailable: "Mode de paiement non disponible.",
  incorrect: "Les données du formulaire sont incorrectes.",
  expired: "La date de validité de votre commande est dépassée.",
  processed: "Votre commande a déjà été traitée.",
} as const;

const SPLIT_FIELDS = [
  "nbrech",
  "dateech1",
  "dateech2",
  "dateech3",
  "dateech4",
  "montantech1",
  "montantech2",
  "montantech3",
  "montantech4",
];
const V3_OPTIONS = ["aliascb", "forcesaisiecb"];

function fail(
  code: SandboxErrorCode,
  bankMessage: string,
  summary: string,
  fields: Record<string, string>,
  extra: {
    problems?: Problem[];
    seal?: Parameters<typeof errorPage>[0]["seal"];
    status?: number;
  } = {},
): Response {
  const backUrl = fields.url_retour || fields.url_retour_err || undefined;
  const page = errorPage({
    bankMessage,
    code,
    summary,
    fields,
    ...(extra.problems && { problems: extra.problems }),
    ...(extra.seal && { seal: extra.seal }),
    ...(backUrl && /^https?:\/\//.test(backUrl) && { backUrl }),
  });
  return htmlResponse(page, extra.status ?? 400, code);
}

/**
 * The form's problems. `montant` is read with the bank's rule (the first `,` or `.` is the decimal mark),
 * so an amount the bank would take is not rejected here; the card page's TEST panel warns the integrator.
 */
function problemsOf(fields: Fields, terminal: SandboxTerminal): Problem[] {
  // The bank's own rules only: it accepts a `*` in a value and any e-mail it documents, which sceau refuses
  // to seal but another merchant's stack may well send. Posted split dates follow the terminal's day rule
  // (anniversary or fixed day): our choice.
  return diagnosePaymentFields(fields, terminal.format, {
    rules: "bank",
    splitDayRule: terminal.splitDayRule,
  })
    .filter(
      (p) =>
        !(p.field === "montant" && p.code === "ERR_AMOUNT_INVALID" && readable(fields.montant)),
    )
    .map((p) => ({ code: p.code, field: p.field, message: p.message }));
}

function readable(text: string | undefined): boolean {
  try {
    parseAmount(text ?? "");
    return true;
  } catch {
    return false;
  }
}

/** What the bank reads from `montant` when it is not in the canonical `62.73EUR` form, else undefined. */
export function nonCanonicalAmount(montant: string): Money | undefined {
  const money = parseAmount(montant);
  const canonical = /^\d+(?:\.(\d+))?[A-Z]{3}$/.exec(montant);
  if (canonical && (canonical[1]?.length ?? 0) <= minorDigits(money.currency)) return undefined;
  return money;
}

async function sealHints(
  terminal: SandboxTerminal,
  fields: Record<string, string>,
): Promise<string[]> {
  const hints: string[] = [];
  const mac = fields.MAC ?? "";
  if (!mac) hints.push("The form has no MAC field.");
  else if (!/^[0-9A-Fa-f]{40}$/.test(mac)) hints.push("A MAC is 40 hexadecimal characters.");
  const other: MacFormat = terminal.format === "v3" ? "v4" : "v3";
  if (mac && (await verifySeal(terminal.sealKey, paymentMacData(fields, other), mac))) {
    hints.push(
      `The form is sealed in the ${other} format, but terminal ${terminal.tpe} uses ${terminal.format}.`,
    );
  }
  const data = paymentMacData(fields, terminal.format);
  if (
    mac &&
    /[^ -~]/.test(data) &&
    (await verifySeal(terminal.sealKey, data, mac, { encoding: "latin1" }))
  ) {
    hints.push(
      "The seal matches the ISO-8859-1 bytes; the sandbox seals UTF-8. Keep sealed values ASCII.",
    );
  }
  if (terminal.format === "v3" && fields.url_retour_ok !== undefined) {
    hints.push("In v3 the return URLs are not sealed; in v4 every posted field but MAC is.");
  }
  return hints;
}

/** Why the split terminal's own schedule cannot split this order (a total too small), if it cannot. */
function defaultScheduleProblem(
  fields: Record<string, string>,
  terminal: SandboxTerminal,
): Problem | undefined {
  try {
    terminalSchedule(parseAmount(fields.montant ?? "").minor, dayOf(fields.date ?? ""), terminal);
    return undefined;
  } catch (error) {
    const message = error instanceof ProtocolError ? error.message : String(error);
    return { code: "ERR_SCHEDULE_INVALID", field: "montant", message };
  }
}

/** Checks the form; returns an error response, or the terminal when the bank accepts it. */
async function check(
  ctx: SandboxContext,
  fields: Record<string, string>,
): Promise<Response | SandboxTerminal> {
  const terminal = fields.TPE ? ctx.terminals.get(fields.TPE) : undefined;
  if (!terminal) {
    return fail(
      "ERR_TERMINAL_UNKNOWN",
      BANK_MESSAGES.unidentified,
      `No terminal ${JSON.stringify(fields.TPE ?? "")} is configured in the sandbox (known: ${[...ctx.terminals.keys()].join(", ")}).`,
      fields,
    );
  }
  if (fields.societe !== terminal.societe) {
    return fail(
      "ERR_MERCHANT_UNIDENTIFIED",
      BANK_MESSAGES.unidentified,
      `societe ${JSON.stringify(fields.societe ?? "")} is not the site code of terminal ${terminal.tpe} (${terminal.societe}).`,
      fields,
      {
        problems: [
          { code: "ERR_MERCHANT_UNIDENTIFIED", field: "societe", message: "Wrong site code." },
        ],
      },
    );
  }
  if (!LANGUAGES[terminal.format].includes(fields.lgue ?? "")) {
    return fail(
      "ERR_MERCHANT_UNIDENTIFIED",
      BANK_MESSAGES.unidentified,
      `lgue ${JSON.stringify(fields.lgue ?? "")} is not a language of the payment page (${LANGUAGES[terminal.format].join(" ")}, upper case).`,
      fields,
      { problems: [{ code: "ERR_FIELD_FORMAT", field: "lgue", message: "Unknown language." }] },
    );
  }
  const sealed = paymentMacData(fields, terminal.format);
  if (!(await verifySeal(terminal.sealKey, sealed, fields.MAC ?? ""))) {
    return fail(
      "ERR_SEAL_INVALID",
      BANK_MESSAGES.seal,
      `The MAC does not match the ${terminal.format} string below sealed with terminal ${terminal.tpe}'s key.`,
      fields,
      {
        problems: problemsOf(fields, terminal),
        seal: {
          format: terminal.format,
          sealedString: sealed,
          macReceived: fields.MAC ?? "",
          hints: await sealHints(terminal, fields),
        },
      },
    );
  }
  const problems = problemsOf(fields, terminal);
  const splitPosted = SPLIT_FIELDS.some((name) => fields[name]);
  if (problems.length) {
    const schedule = problems.some((p) => p.code === "ERR_SCHEDULE_INVALID");
    return fail(
      schedule ? "ERR_SCHEDULE_INVALID" : "ERR_FORM_INVALID",
      schedule ? BANK_MESSAGES.incorrect : BANK_MESSAGES.unavailable,
      `${problems.length} field${problems.length > 1 ? "s break" : " breaks"} the bank's rules.`,
      fields,
      { problems },
    );
  }
  if (terminal.mode === "split" && !splitPosted) {
    const problem = defaultScheduleProblem(fields, terminal);
    if (problem) {
      return fail("ERR_SCHEDULE_INVALID", BANK_MESSAGES.incorrect, problem.message, fields, {
        problems: [problem],
      });
    }
  }
  const modeProblems: Problem[] = [];
  if (splitPosted && terminal.mode !== "split") {
    modeProblems.push({
      code: "ERR_MODE_UNAVAILABLE",
      field: "nbrech",
      message: `Split fields were sent but terminal ${terminal.tpe} is contracted for ${terminal.mode} payments.`,
    });
  }
  const optionNames = (fields.options ?? "")
    .split("&")
    .filter(Boolean)
    .map((item) => item.split("=")[0] ?? "");
  for (const name of optionNames) {
    if (!V3_OPTIONS.includes(name)) {
      modeProblems.push({
        code: "ERR_MODE_UNAVAILABLE",
        field: "options",
        message: `Unknown option ${name}.`,
      });
    }
  }
  if ((optionNames.includes("aliascb") || fields.aliascb !== undefined) && !terminal.express) {
    modeProblems.push({
      code: "ERR_MODE_UNAVAILABLE",
      field: terminal.format === "v3" ? "options" : "aliascb",
      message: `Express payment (aliascb) is not an option of terminal ${terminal.tpe}.`,
    });
  }
  if (modeProblems.length) {
    return fail(
      "ERR_MODE_UNAVAILABLE",
      BANK_MESSAGES.unavailable,
      "The form asks for something the terminal is not contracted for.",
      fields,
      { problems: modeProblems },
    );
  }
  const now = ctx.clock.now();
  const orderDate = parseBankDateTime(fields.date ?? "");
  const maxAge = ctx.limits.formMaxAgeHours * 3_600_000;
  if (now.getTime() - orderDate.getTime() > maxAge) {
    return fail(
      "ERR_ORDER_EXPIRED",
      BANK_MESSAGES.expired,
      `The form's date ${fields.date} (Paris time) is more than ${ctx.limits.formMaxAgeHours} h before the bank's clock (${now.toISOString()}).`,
      fields,
      { problems: [{ code: "ERR_ORDER_EXPIRED", field: "date", message: "The form is too old." }] },
    );
  }
  return terminal;
}

function reuseProblem(
  ctx: SandboxContext,
  tx: Transaction,
  fields: Record<string, string>,
): Response | undefined {
  const problem = (code: SandboxErrorCode, bankMessage: string, summary: string) =>
    fail(code, bankMessage, summary, fields, {
      status: 409,
      problems: [{ code, field: "reference", message: summary }],
    });
  if (tx.status === "accepted") {
    return problem(
      "ERR_ORDER_PROCESSED",
      BANK_MESSAGES.processed,
      `Reference ${tx.reference} was already paid on terminal ${tx.tpe} (status ${tx.status}); a reference is unique per order.`,
    );
  }
  if (tx.status === "blocked") {
    return problem(
      "ERR_ATTEMPTS_EXHAUSTED",
      BANK_MESSAGES.processed,
      `Reference ${tx.reference} already had ${ctx.limits.maxAttempts} card attempts, the bank's limit.`,
    );
  }
  const age = ctx.clock.now().getTime() - Date.parse(tx.createdAt);
  if (age > 3_600_000) {
    return problem(
      "ERR_ORDER_EXPIRED",
      BANK_MESSAGES.expired,
      `Reference ${tx.reference} has been pending for more than 1 h.`,
    );
  }
  return undefined;
}

function dayOf(date: string): string {
  return date.slice(0, 10);
}

/**
 * `paiement.cgi` as a Hono app, to mount under `/test` (test server: `payetest`) or `/` (production
 * paths: `paiement`).
 *
 * @example
 * app.route("/test", createPaymentRoutes(ctx, "/test"));
 */
export function createPaymentRoutes(ctx: SandboxContext, prefix: "/test" | ""): Hono {
  const app = new Hono();
  app.get("/paiement.cgi", (c) =>
    fail(
      "ERR_FORM_INVALID",
      BANK_MESSAGES.unavailable,
      'paiement.cgi takes the sealed form as an HTML form POST (method="post"), not a GET.',
      Object.fromEntries(new URL(c.req.url).searchParams),
      { status: 405 },
    ),
  );
  app.post("/paiement.cgi", async (c) => {
    let fields: Record<string, string>;
    try {
      fields = await readForm(c.req.raw);
    } catch (error) {
      return fail(
        "ERR_FORM_INVALID",
        BANK_MESSAGES.unavailable,
        String((error as Error).message),
        {},
      );
    }
    const checked = await check(ctx, fields);
    if (checked instanceof Response) return checked;
    const terminal = checked;
    const reference = fields.reference ?? "";
    const existing = ctx.ledger.find(terminal.tpe, reference);
    if (existing) {
      const problem = reuseProblem(ctx, existing, fields);
      if (problem) return problem;
    }
    const now = ctx.clock.now().toISOString();
    const montant = fields.montant ?? "";
    // What the form says; a form posted again for the same reference (after a refusal) replaces it.
    const form = {
      live: prefix === "",
      montant,
      amount: parseAmount(montant),
      orderDate: fields.date ?? "",
      orderDay: dayOf(fields.date ?? ""),
      texteLibre: fields["texte-libre"] ?? "",
      lgue: fields.lgue ?? "FR",
      fields,
      updatedAt: now,
    };
    const tx: Transaction = existing
      ? Object.assign(existing, form)
      : {
          tpe: terminal.tpe,
          reference,
          format: terminal.format,
          ...form,
          createdAt: now,
          status: "pending",
          attempts: [],
          payments: [],
          laterRefusals: 0,
          operations: [],
        };
    if (!existing) ctx.ledger.transactions.set(Ledger.key(tx.tpe, tx.reference), tx);
    const session = {
      id: `s${ctx.ledger.nextId("")}${Math.random().toString(36).slice(2, 10)}`,
      transactionKey: Ledger.key(tx.tpe, tx.reference),
      prefix,
      createdAt: now,
      lang: tx.lgue,
      urls: {
        ...(fields.url_retour_ok && { ok: fields.url_retour_ok }),
        ...(fields.url_retour_err && { err: fields.url_retour_err }),
        ...(fields.url_retour && { retour: fields.url_retour }),
      },
      ...(fields.ThreeDSecureChallenge && { challengePreference: fields.ThreeDSecureChallenge }),
      ...(fields["3dsdebrayable"] && { bypassRequest: fields["3dsdebrayable"] }),
      state: "open" as const,
    };
    ctx.ledger.sessions.set(session.id, session);
    ctx.changed();
    return seeOther(`${prefix}/carte/${session.id}`);
  });
  return app;
}
