/**
 * The fields of a Retour (CGI2) notification, per MAC format (PROTOCOL.md §4.2 for v3, §7.4 for v4).
 * @module
 */
import { formatRetourDateTime } from "@sceau/protocol";
import type { CardOnFile, Transaction } from "./ledger.ts";

/**
 * `statutdebrayageauthentification` (PROTOCOL.md §7.4 lists `0`, `1`, `-1`, `-2` without their meanings; the
 * sandbox's reading, a choice): `1` the merchant's request to pay without 3-D Secure was granted, `0` the form
 * posted `3dsdebrayable=0`, `-2` the terminal has no "3-D Secure débrayable" option (3-D Secure runs as usual).
 */
export type BypassStatus = "0" | "1" | "-2";

/** How 3-D Secure went for an attempt. */
export type ThreeDSecureResult =
  | "none"
  | "frictionless"
  | "challenge-passed"
  | "challenge-failed"
  /** Not run: the merchant disabled it for this payment (`3dsdebrayable=1`, granted). */
  | "disabled";

/** Why an authorisation was refused. */
export interface Refusal {
  /** `motifrefus` (v4 spelling; v3 maps `3DSecure` to `Refus`). */
  readonly motif: "Refus" | "Interdit" | "filtrage" | "Appel Phonie" | "3DSecure";
  /** `motifrefusautorisation` (v4). */
  readonly detail: string;
  /** Fraud-filter numbers and values (`filtragecause`, `filtragevaleur`). */
  readonly filtering?: { readonly cause: string; readonly value: string };
}

/** One event to notify. */
export interface RetourEvent {
  /** `code-retour`: `payetest`, `paiement`, `Annulation`, `paiement_pfN`, `Annulation_pfN`. */
  readonly code: string;
  readonly at: Date;
  readonly card: CardOnFile;
  readonly authorisation?: string;
  readonly refusal?: Refusal;
  readonly threeDSecure: ThreeDSecureResult;
  /** Whether the buyer typed the CVV (`cvx`). */
  readonly cvx: boolean;
  /** `montantech`: this instalment's amount, split payments. */
  readonly montantech?: string;
  readonly ip: string;
  /** `ThreeDSecureChallenge` the merchant asked for (v4). */
  readonly challengePreference?: string;
  /** Express payment: whether the card was stored under the posted `aliascb`. */
  readonly cardStored?: boolean;
  /** `statutdebrayageauthentification` (v4), when the form posted `3dsdebrayable`. */
  readonly bypassStatus?: BypassStatus;
}

const STATUS3DS: Record<ThreeDSecureResult, string> = {
  none: "-1",
  frictionless: "1",
  "challenge-passed": "1",
  "challenge-failed": "4",
  disabled: "-1",
};

/** base64 of `null\n`: no authentication took place (doc2.0 p108). */
export const NO_AUTHENTICATION = "bnVsbAo=";

function authentication(event: RetourEvent, transactionId: string): string {
  if (event.threeDSecure === "none") return NO_AUTHENTICATION;
  if (event.threeDSecure === "disabled") {
    // PROTOCOL.md §7.4: status `disabled`, and `disablingReason` `commercant` when the merchant asked.
    const doc = {
      status: "disabled",
      protocol: "3DSecure",
      details: {
        merchantPreference: event.challengePreference ?? "no_preference",
        disablingReason: "commercant",
      },
    };
    return btoa(JSON.stringify(doc));
  }
  const challenged = event.threeDSecure !== "frictionless";
  const passed = event.threeDSecure !== "challenge-failed";
  const doc = {
    status: passed ? "authenticated" : "not_authenticated",
    protocol: "3DSecure",
    version: "2.1.0",
    details: {
      liabilityShift: passed ? "Y" : "N",
      ARes: challenged ? "C" : "Y",
      ...(challenged && { CRes: passed ? "Y" : "N" }),
      merchantPreference: event.challengePreference ?? "no_preference",
      transactionID: transactionId,
    },
  };
  return btoa(JSON.stringify(doc));
}

/** A stable fake 3-D Secure transaction id (UUID shape) from the reference and time. */
function fakeUuid(seed: string): string {
  let h = 0x811c9dc5;
  const out: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${seed}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out.push(h.toString(16).padStart(8, "0"));
  }
  const hex = out.join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** True when the form asked for express payment: v4 `aliascb`, or v3 `options` with `aliascb=`. */
export function asksExpressPayment(form: Record<string, string>): boolean {
  return form.aliascb !== undefined || /(^|&)aliascb=/.test(form.options ?? "");
}

/**
 * Builds the unsealed fields the bank posts for an event, in the terminal's format. `brand` is `na` on the
 * test server (PROTOCOL.md §8).
 */
export function retourFields(tx: Transaction, event: RetourEvent): Record<string, string> {
  const { card } = event;
  const brand = tx.live ? card.brand : "na";
  const common: Record<string, string> = {
    TPE: tx.tpe,
    date: formatRetourDateTime(event.at),
    montant: tx.montant,
    reference: tx.reference,
    "texte-libre": tx.texteLibre,
    "code-retour": event.code,
    cvx: event.cvx ? "oui" : "non",
    vld: card.vld,
    brand,
  };
  const express = asksExpressPayment(tx.fields);
  if (tx.format === "v3") {
    const threeDs = event.threeDSecure;
    const fields: Record<string, string> = {
      ...common,
      status3ds: STATUS3DS[threeDs],
      numauto: event.authorisation ?? "",
      motifrefus: event.refusal ? v3Motif(event.refusal.motif) : "",
      originecb: card.country,
      bincb: card.bin,
      hpancb: card.hpan,
      ipclient: event.ip,
      originetr: "FRA",
      veres: threeDs === "none" || threeDs === "disabled" ? "" : "Y",
      pares:
        threeDs === "none" || threeDs === "disabled"
          ? ""
          : threeDs === "challenge-failed"
            ? "N"
            : "Y",
    };
    if (event.montantech !== undefined) fields.montantech = event.montantech;
    if (event.refusal?.filtering) {
      fields.filtragecause = event.refusal.filtering.cause;
      fields.filtragevaleur = event.refusal.filtering.value;
    }
    if (express) {
      fields.cbenregistree = event.cardStored ? "1" : "0";
      fields.cbmasquee = card.masked;
    }
    return fields;
  }
  const fields: Record<string, string> = {
    ...common,
    originecb: card.country,
    bincb: card.bin,
    hpancb: card.hpan,
    ipclient: event.ip,
    originetr: "FRA",
    modepaiement: "CB",
    usage: "debit",
    typecompte: "particulier",
    ecard: "non",
    cbmasquee: card.masked,
    authentification: authentication(
      event,
      fakeUuid(`${tx.tpe}/${tx.reference}/${event.at.getTime()}`),
    ),
  };
  if (event.authorisation) fields.numauto = event.authorisation;
  if (event.refusal) {
    fields.motifrefus = event.refusal.motif;
    fields.motifrefusautorisation = event.refusal.detail;
  }
  if (event.montantech !== undefined) fields.montantech = event.montantech;
  if (event.refusal?.filtering) {
    fields.filtragecause = event.refusal.filtering.cause;
    fields.filtragevaleur = event.refusal.filtering.value;
  }
  if (express) fields.cbenregistree = event.cardStored ? "1" : "0";
  if (event.bypassStatus !== undefined) fields.statutdebrayageauthentification = event.bypassStatus;
  return fields;
}

function v3Motif(motif: Refusal["motif"]): string {
  return motif === "3DSecure" ? "Refus" : motif;
}
