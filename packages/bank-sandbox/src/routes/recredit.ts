/**
 * `recredit_paiement.cgi`: refunds up to what was captured under an authorisation, with every `cdr`/`lib`
 * of PROTOCOL.md §6.
 * @module
 */
import { bankDay, formatBankDay, recreditMacData } from "@sceau/protocol";
import { Hono } from "hono";
import type { SandboxContext } from "../context.ts";
import {
  amount,
  identify,
  isDay,
  readOperation,
  requestDate,
  sealValid,
  withinTolerance,
} from "./operations-common.ts";

/** Every answer of the recredit service: `cdr` and `lib` exactly as documented. */
export const RECREDIT_ANSWERS = {
  done: [0, "recredit effectue"],
  refused: [-1, "recredit refuse"],
  unidentified: [-30, "Commercant non identifie"],
  badSeal: [-31, "signature non validee"],
  notAllowed: [-32, "recredit non autorise"],
  expired: [-33, "demande de recredit expiree"],
  badRefund: [-34, "montant de recredit errone"],
  badAmounts: [-35, "Les montants transmis sont incorrects"],
  maximumReached: [-36, "le maximum de recredit a été atteint"],
  noOrder: [-37, "la commande est inexistante"],
  notRefundable: [-38, "la commande ne peut pas donner lieu a un recredit"],
  noPayment: [-39, "le paiement est inexistant"],
  overThreshold: [-40, "le montant total des recredits ne peut depasser le seuil"],
  technical: [-41, "un probleme technique est survenu"],
  badCurrency: [-42, "la devise est incorrecte"],
  badParameters: [-43, "parametres invalides"],
  concurrent: [-44, "autre traitement en cours"],
} as const satisfies Record<string, readonly [number, string]>;

type Answer = keyof typeof RECREDIT_ANSWERS;

const REQUIRED = [
  "version",
  "date",
  "date_commande",
  "date_remise",
  "num_autorisation",
  "montant",
  "montant_recredit",
  "montant_possible",
  "reference",
];

/**
 * `recredit_paiement.cgi` as a Hono app, to mount under `/test` and `/`.
 *
 * @example
 * app.route("/test", createRecreditRoutes(ctx));
 */
export function createRecreditRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  app.post("/recredit_paiement.cgi", async (c) => {
    const operation = await readOperation(ctx, "recredit", c.req.raw);
    const { fields } = operation;
    const answer = (name: Answer) => {
      const [cdr, lib] = RECREDIT_ANSWERS[name];
      return operation.reply(cdr, lib);
    };

    const terminal = identify(ctx, fields);
    if (!terminal) return answer("unidentified");
    if (!(await sealValid(terminal, fields, recreditMacData))) return answer("badSeal");
    const fault = ctx.faults.take("recredit");
    if (fault) return operation.reply(fault.cdr, fault.lib);
    if (!terminal.recredit) return answer("notAllowed");
    if (REQUIRED.some((name) => !fields[name]) || fields.version !== "3.0") {
      return answer("badParameters");
    }
    const date = requestDate(fields.date);
    if (!date || !isDay(fields.date_commande) || !isDay(fields.date_remise)) {
      return answer("badParameters");
    }
    if (!withinTolerance(ctx, date)) return answer("expired");
    const refund = amount(fields.montant_recredit);
    if (!refund || refund.minor <= 0) return answer("badRefund");
    const total = amount(fields.montant);
    const possible = amount(fields.montant_possible);
    if (!total || !possible) return answer("badAmounts");
    const tx = ctx.ledger.find(terminal.tpe, fields.reference ?? "");
    if (!tx || tx.orderDay !== fields.date_commande) return answer("noOrder");
    operation.tx = tx;
    const currency = tx.amount.currency;
    if ([refund, total, possible].some((m) => m.currency !== currency))
      return answer("badCurrency");
    if (total.minor !== tx.amount.minor) return answer("badAmounts");
    if (tx.captured === 0) return answer("notRefundable");
    const remise = tx.remises.find(
      (r) =>
        r.authorisation === fields.num_autorisation &&
        formatBankDay(bankDay(new Date(r.at))) === fields.date_remise,
    );
    if (!remise) return answer("noPayment");
    const refundable = remise.amount - remise.refunded;
    if (refundable === 0) return answer("maximumReached");
    if (possible.minor !== refundable) return answer("badAmounts");
    if (refund.minor > refundable) return answer("overThreshold");
    remise.refunded += refund.minor;
    tx.refunded += refund.minor;
    return answer("done");
  });
  return app;
}
