/**
 * `capture_paiement.cgi`: capture (total or partial), cancel and stop recurrence, with the documented
 * checks, ledger rules and every `cdr`/`lib` of PROTOCOL.md §5.
 * @module
 */
import { captureMacData } from "@sceau/protocol";
import { Hono } from "hono";
import type { SandboxContext } from "../context.ts";
import type { Transaction } from "../ledger.ts";
import { capturedNow, laterAccepts } from "../payment-flow.ts";
import {
  amount,
  identify,
  isDay,
  readOperation,
  requestDate,
  sealValid,
  withinTolerance,
} from "./operations-common.ts";

/** Every answer of the capture service: `cdr` and `lib` exactly as documented. */
export const CAPTURE_ANSWERS = {
  accepted: [1, "paiement accepte"],
  cancelled: [1, "commande annulee"],
  stopped: [1, "recurrence stoppee"],
  notAuthenticated: [0, "commande non authentifiee"],
  expired: [0, "commande expiree"],
  blocked: [0, "commande grillee"],
  refused: [0, "autorisation refusee"],
  alreadyCancelled: [0, "la commande est deja annulee"],
  alreadyAccepted: [0, "paiement deja accepte"],
  badSeal: [-1, "signature non valide"],
  badMode: [-1, "verification echouee (mode de paiement)"],
  malformed: [-1, "la demande ne peut aboutir"],
  badAmount: [-1, "montant errone"],
  unidentified: [-1, "commercant non identifie"],
  inProgress: [-1, "traitement en cours"],
  badDate: [-1, "date erronee"],
  concurrent: [-1, "autre traitement en cours"],
  technical: [-1, "probleme technique"],
} as const satisfies Record<string, readonly [number, string]>;

type Answer = keyof typeof CAPTURE_ANSWERS;

const REQUIRED = [
  "version",
  "date",
  "date_commande",
  "montant",
  "montant_a_capturer",
  "montant_deja_capture",
  "montant_restant",
  "reference",
];

/** Cancels what is left of an order: the recurrence, the instalments still due, or the authorisation. */
function cancelOrder(order: Transaction): Answer {
  if (order.recurrence?.active) {
    order.recurrence.active = false;
    delete order.recurrence.nextAt;
    order.status = "cancelled";
    return "cancelled";
  }
  const due = (order.schedule ?? []).filter((s) => s.status === "due");
  if (due.length) {
    for (const s of due) {
      s.status = "cancelled";
      delete s.nextTryAt;
    }
    order.status = "cancelled";
    return "cancelled";
  }
  if (order.remaining === 0) return "alreadyAccepted";
  order.remaining = 0;
  order.status = "cancelled";
  return "cancelled";
}

/**
 * `capture_paiement.cgi` as a Hono app, to mount under `/test` and `/`.
 *
 * @example
 * app.route("/test", createCaptureRoutes(ctx));
 */
export function createCaptureRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  app.post("/capture_paiement.cgi", async (c) => {
    const operation = await readOperation(ctx, "capture", c.req.raw);
    const { fields } = operation;
    const reference = fields.reference ?? "";
    const reply = (cdr: number, lib: string, aut?: string) => {
      const phonie = cdr === 0 && lib === "autorisation refusee" ? fields.phonie : undefined;
      return operation.reply(cdr, lib, { aut, phonie });
    };
    const answer = (name: Answer, aut?: string) => {
      const [cdr, lib] = CAPTURE_ANSWERS[name];
      return reply(cdr, lib, aut);
    };

    const terminal = identify(ctx, fields);
    if (!terminal) return answer("unidentified");
    if (!(await sealValid(terminal, fields, captureMacData))) return answer("badSeal");
    const fault = ctx.faults.take("capture");
    if (fault) return reply(fault.cdr, fault.lib);
    if (
      REQUIRED.some((name) => fields[name] === undefined) ||
      fields.version !== "3.0" ||
      !reference
    ) {
      return answer("malformed");
    }
    const date = requestDate(fields.date);
    if (!date || !isDay(fields.date_commande)) return answer("badDate");
    const total = amount(fields.montant);
    const toCapture = amount(fields.montant_a_capturer);
    const already = amount(fields.montant_deja_capture);
    const rest = amount(fields.montant_restant);
    if (!total || !toCapture || !already || !rest) return answer("badAmount");
    const currencies = new Set([
      total.currency,
      toCapture.currency,
      already.currency,
      rest.currency,
    ]);
    const stop = (fields.stoprecurrence ?? "").toUpperCase() === "OUI";
    // Cancel and stop recurrence post 0 to capture and 0 remaining (PROTOCOL.md §5): no sum rule then.
    const isCancel = toCapture.minor === 0 && rest.minor === 0;
    if (currencies.size !== 1) return answer("badAmount");
    if (!isCancel && toCapture.minor + already.minor + rest.minor !== total.minor) {
      return answer("badAmount");
    }
    if (terminal.mode === "immediate" || (stop && terminal.mode !== "recurring")) {
      return answer("badMode");
    }
    const tx = ctx.ledger.find(terminal.tpe, reference);
    if (!tx || tx.orderDay !== fields.date_commande) return answer("notAuthenticated");
    operation.tx = tx;
    if (!withinTolerance(ctx, date)) return answer("expired");
    if (tx.status === "pending") return answer("inProgress");
    if (tx.status === "blocked") return answer("blocked");
    if (tx.status === "refused") return answer("refused");
    if (tx.status === "cancelled") return answer("alreadyCancelled");
    if (tx.status === "abandoned" || tx.status === "expired") return answer("expired");
    if (total.minor !== tx.amount.minor || total.currency !== tx.amount.currency) {
      return answer("badAmount");
    }
    if (
      (terminal.mode === "deferred" || terminal.mode === "partial") &&
      already.minor !== tx.captured
    ) {
      return answer("badAmount");
    }

    if (stop) {
      if (!tx.recurrence?.active) return answer("alreadyCancelled");
      tx.recurrence.active = false;
      delete tx.recurrence.nextAt;
      return answer("stopped");
    }
    if (isCancel) return answer(cancelOrder(tx));
    if (toCapture.minor === 0) return answer("badAmount");
    if (terminal.mode === "split" || terminal.mode === "recurring" || tx.remaining === 0) {
      return answer("alreadyAccepted");
    }
    if (toCapture.minor + rest.minor !== tx.remaining) return answer("badAmount");
    let authorisation = tx.authorisation ?? ctx.authorisationNumber();
    if (terminal.mode === "partial" && tx.remises.length > 0) {
      if (!tx.card || !laterAccepts(tx.card.later, tx.captureRefusals)) {
        tx.captureRefusals += 1;
        return answer("refused");
      }
      authorisation = ctx.authorisationNumber();
    }
    capturedNow(tx, authorisation, toCapture.minor, ctx.clock.now().toISOString(), "capture");
    // A deferred payment is captured once: what is not captured is released.
    tx.remaining = terminal.mode === "partial" ? rest.minor : 0;
    if (tx.remaining > 0) tx.status = "partially-captured";
    return answer("accepted", authorisation);
  });
  return app;
}
