/**
 * The sandbox's memory: transactions (one per TPE and reference), card-page sessions, the notifications
 * sent with their receipts, and the outbox of alert e-mails. Plain JSON-able records, so the inspection
 * endpoints and the optional state file show exactly what the bank saw.
 * @module
 */
import type { MacFormat, Money } from "@sceau/protocol";
import type { LaterOutcome } from "./test-cards.ts";

/**
 * Where a transaction stands on the card page. Once the card is accepted, each payment (the order, each
 * instalment, each renewal) has its own state in `payments`.
 */
export type TransactionStatus =
  /** Presented, no card attempt yet. */
  | "pending"
  /** The last attempt was refused; the buyer may try again. */
  | "refused"
  /** The maximum number of attempts was reached (`commande grillee`). */
  | "blocked"
  /** The card was accepted: see `payments`. */
  | "accepted";

/** Where one payment stands. */
export type PaymentState =
  /** An instalment or renewal whose day has not come. */
  | "scheduled"
  /** Partial and recurring: the card was checked; the merchant captures (each capture is authorised). */
  | "open"
  /** Deferred, and a split's first instalment: authorised, waiting for the merchant's capture. */
  | "authorised"
  /** An instalment refused, another attempt planned (`nextAttemptAt`). */
  | "retrying"
  /** Captured: all of it, or what the merchant chose (the rest released). */
  | "captured"
  /** An instalment definitively refused. */
  | "refused"
  /** An instalment definitively refused whose amount went to the next one. */
  | "carried-over"
  /** Cancelled by the merchant, or by a critical refusal or an abandoned first instalment. */
  | "cancelled"
  /** Deferred: the delay ended without a capture. */
  | "abandoned"
  /** Partial and recurring: the window closed with nothing captured. */
  | "expired"
  /** Partial and recurring: the window closed after some captures; the rest was released. */
  | "closed";

/** One authorisation number and the money under it; refunds are counted against it. */
export interface Authorisation {
  /** `numauto` in the Retour, `aut` in a capture answer, `num_autorisation` of a refund. */
  readonly number: string;
  /** When it was granted (ISO). */
  readonly at: string;
  /** Minor units authorised. */
  readonly amount: number;
  /** Minor units captured. */
  captured: number;
  /** The day it was captured, `dd/mm/yyyy` in Paris (what a refund's `date_remise` must be). */
  capturedDay?: string;
  /** Minor units refunded. */
  refunded: number;
}

/** One payment of an order: the order itself, an instalment, or a renewal. */
export interface Payment {
  readonly kind: "order" | "instalment" | "renewal";
  /** 0 for the order, the instalment's number (1–4), the renewal's number (1, 2…). */
  readonly index: number;
  /** Its day, `dd/mm/yyyy`: the order's day, `dateechN`, or the renewal's day (its `date_commande`). */
  readonly day: string;
  /** When it falls due (ISO): instalments and renewals are collected or created then. */
  readonly dueAt: string;
  /** Minor units (an instalment grows when a refused one is carried over to it). */
  amount: number;
  /** `montantechN` as posted (instalments). */
  montant?: string;
  state: PaymentState;
  /** When the merchant's captures close (ISO); the bank sends no notification then. */
  deadline?: string;
  /** When the bank captures it by itself (ISO): deferred auto-capture, recurring renewals. */
  autoCaptureAt?: string;
  /** Authorisation attempts the bank made (instalments 2–4, automatic renewal captures). */
  attempts: number;
  /** Refused later authorisations for this payment (capture service and bank attempts). */
  refusals: number;
  /** The next attempt of a refused instalment (ISO). */
  nextAttemptAt?: string;
  /** Minor units no longer capturable: released after a smaller capture, cancelled, expired, carried over. */
  released: number;
  authorisations: Authorisation[];
}
/** One card attempt on the payment page. */
export interface Attempt {
  readonly at: string;
  readonly card: string;
  readonly result: "accepted" | "refused";
  readonly reason?: string;
}

/** The card kept for later authorisations (masked: the sandbox keeps no full number). */
export interface CardOnFile {
  readonly cardId?: string;
  readonly masked: string;
  readonly bin: string;
  readonly hpan: string;
  readonly brand: string;
  readonly country: string;
  /** Expiry `MMAA`. */
  readonly vld: string;
  readonly later: LaterOutcome;
}

/** A payment request as the bank keeps it. */
export interface Transaction {
  readonly tpe: string;
  readonly reference: string;
  readonly format: MacFormat;
  /** True when posted to the production path (`/paiement.cgi`): `paiement` instead of `payetest`. */
  live: boolean;
  /** `montant` exactly as posted. */
  montant: string;
  amount: Money;
  /** The form's `date` as posted. */
  orderDate: string;
  /** The form's `date` day, `dd/mm/yyyy` (what `date_commande` must be). */
  orderDay: string;
  texteLibre: string;
  lgue: string;
  /** The Aller fields as posted, `MAC` included. */
  fields: Record<string, string>;
  readonly createdAt: string;
  updatedAt: string;
  status: TransactionStatus;
  attempts: Attempt[];
  card?: CardOnFile;
  /** The buyer's IP address seen on the card page (`ipclient`). */
  ip?: string;
  /** The order's payments (empty until the card is accepted). */
  payments: Payment[];
  /** Recurring: whether renewals go on, how many were created, when the next one is due. */
  recurrence?: { active: boolean; renewals: number; nextAt?: string };
  /** Later authorisations refused on this order, all payments together. */
  laterRefusals: number;
  /** Capture and recredit requests received, with the answer. */
  operations: {
    at: string;
    service: "capture" | "recredit";
    fields: Record<string, string>;
    answer: string;
  }[];
}

/** One notification (Retour) and its delivery attempts. */
export interface NotificationRecord {
  readonly id: string;
  readonly tpe: string;
  readonly reference: string;
  readonly url: string;
  readonly code: string;
  /** The fields posted, `MAC` included. */
  readonly fields: Record<string, string>;
  readonly createdAt: string;
  attempts: DeliveryAttempt[];
  /** True once a valid receipt came back. */
  delivered: boolean;
  /** A scripted fault applied to this notification (`bad-seal`, `duplicate`). */
  readonly fault?: "bad-seal" | "duplicate";
}

/** One HTTP call of a notification. */
export interface DeliveryAttempt {
  readonly number: number;
  readonly at: string;
  readonly ok: boolean;
  readonly status?: number;
  /** The body received, as it came (first 2000 characters). */
  readonly receipt?: string;
  /** Why it failed (`timeout`, `connection refused`, `bad receipt`…). */
  readonly error?: string;
  readonly durationMs: number;
}

/** An alert e-mail the bank would send to the merchant. */
export interface OutboxMessage {
  readonly id: string;
  readonly at: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly tpe: string;
  readonly reference: string;
  readonly notificationId: string;
  /** The GET link that replays the call. */
  readonly replayUrl: string;
  /** The error code shown in the e-mail: `0` = no valid receipt for a valid seal. */
  readonly errorCode: string;
  readonly error: string;
  readonly receipt?: string;
}

/**
 * The bank's summary of a recurring payment's renewal at the end of its period (what the merchant's
 * dashboard lists).
 */
export interface RenewalSummary {
  readonly id: string;
  readonly at: string;
  readonly tpe: string;
  readonly reference: string;
  readonly renewal: number;
  /** The renewal's day, `dd/mm/yyyy`. */
  readonly day: string;
  readonly amount: number;
  readonly captured: number;
  readonly state: PaymentState;
}

/** A card-page session: one presentation of a sealed form. */
export interface Session {
  readonly id: string;
  readonly transactionKey: string;
  readonly prefix: "/test" | "";
  readonly createdAt: string;
  readonly lang: string;
  readonly urls: { ok?: string; err?: string; retour?: string };
  /** `ThreeDSecureChallenge` of the form (v4), if any. */
  readonly challengePreference?: string;
  /** `3dsdebrayable` of the form (v4), if any: the merchant asks to pay without 3-D Secure. */
  readonly bypassRequest?: string;
  state: "open" | "challenge" | "done" | "cancelled";
  /** The card waiting for the 3-D Secure step. */
  challenge?: { number: string; vld: string; cvv: string };
  /** The ticket of the last accepted attempt. */
  ticketAuthorisation?: string;
}

/** The whole in-memory state. */
export class Ledger {
  readonly transactions = new Map<string, Transaction>();
  readonly sessions = new Map<string, Session>();
  readonly notifications: NotificationRecord[] = [];
  readonly outbox: OutboxMessage[] = [];
  readonly summaries: RenewalSummary[] = [];
  #counter = 0;

  /** The key of a transaction: TPE and reference. */
  static key(tpe: string, reference: string): string {
    return `${tpe}/${reference}`;
  }

  /** A fresh sequential id with a prefix (`n1`, `m2`…). */
  nextId(prefix: string): string {
    this.#counter += 1;
    return `${prefix}${this.#counter}`;
  }

  /** Forgets everything. */
  clear(): void {
    this.transactions.clear();
    this.sessions.clear();
    this.notifications.length = 0;
    this.outbox.length = 0;
    this.summaries.length = 0;
    this.#counter = 0;
  }

  /** The transaction of a TPE and reference. */
  find(tpe: string, reference: string): Transaction | undefined {
    return this.transactions.get(Ledger.key(tpe, reference));
  }

  /** A JSON snapshot of the state. */
  snapshot(): LedgerSnapshot {
    return {
      transactions: [...this.transactions.values()],
      sessions: [...this.sessions.values()],
      notifications: this.notifications,
      outbox: this.outbox,
      summaries: this.summaries,
      counter: this.#counter,
    };
  }

  /** Restores a snapshot taken by {@link Ledger.snapshot}. */
  restore(snapshot: LedgerSnapshot): void {
    this.clear();
    for (const t of snapshot.transactions) {
      // A state saved before payments existed restores with none (its orders keep their card-page status).
      t.payments ??= [];
      t.laterRefusals ??= 0;
      if (!["pending", "refused", "blocked"].includes(t.status)) t.status = "accepted";
      this.transactions.set(Ledger.key(t.tpe, t.reference), t);
    }
    for (const s of snapshot.sessions) this.sessions.set(s.id, s);
    this.notifications.push(...snapshot.notifications);
    this.outbox.push(...snapshot.outbox);
    this.summaries.push(...(snapshot.summaries ?? []));
    this.#counter = snapshot.counter;
  }
}

/** The serialised state. */
export interface LedgerSnapshot {
  transactions: Transaction[];
  sessions: Session[];
  notifications: NotificationRecord[];
  outbox: OutboxMessage[];
  summaries?: RenewalSummary[];
  counter: number;
}
