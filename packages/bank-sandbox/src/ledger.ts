/**
 * The sandbox's memory: transactions (one per TPE and reference), card-page sessions, the notifications
 * sent with their receipts, and the outbox of alert e-mails. Plain JSON-able records, so the inspection
 * endpoints and the optional state file show exactly what the bank saw.
 * @module
 */
import type { MacFormat, Money } from "@sceau/protocol";
import type { LaterOutcome } from "./test-cards.ts";

/** Where a transaction stands. */
export type TransactionStatus =
  /** Presented, no card attempt yet. */
  | "pending"
  /** The last attempt was refused; the buyer may try again. */
  | "refused"
  /** The maximum number of attempts was reached (`commande grillee`). */
  | "blocked"
  /** Authorised, waiting for a capture (deferred and partial modes). */
  | "authorised"
  /** Partial mode: some captured, some still authorised. */
  | "partially-captured"
  /** Captured (all, or what the merchant chose); recurring and split ones go on in the background. */
  | "captured"
  /** Cancelled by the merchant. */
  | "cancelled"
  /** Deferred mode: the delay ended without a capture. */
  | "abandoned"
  /** Partial mode: the capture window closed. */
  | "expired";

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

/** A captured amount under one authorisation number; refunds are counted against it. */
export interface Remise {
  readonly authorisation: string;
  readonly kind: "payment" | "capture" | "instalment" | "renewal";
  readonly amount: number;
  /** When it was captured (ISO). */
  readonly at: string;
  refunded: number;
}

/** One instalment of a split payment. */
export interface InstalmentState {
  readonly index: number;
  /** `dd/mm/yyyy`. */
  readonly day: string;
  /** When it falls due (ISO). */
  readonly dueAt: string;
  readonly amount: number;
  readonly montant: string;
  status: "due" | "collected" | "refused" | "cancelled";
  tries: number;
  nextTryAt?: string;
  authorisation?: string;
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
  /** The first authorisation number. */
  authorisation?: string;
  authorisedAt?: string;
  /** Minor units captured so far. */
  captured: number;
  /** Minor units still authorised and capturable. */
  remaining: number;
  /** Minor units refunded so far. */
  refunded: number;
  remises: Remise[];
  /** Deferred or partial modes: when the authorisation ends (ISO). */
  deadline?: string;
  schedule?: InstalmentState[];
  recurrence?: { active: boolean; renewals: number; nextAt?: string };
  /** Partial mode: refused capture authorisations so far. */
  captureRefusals: number;
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
      counter: this.#counter,
    };
  }

  /** Restores a snapshot taken by {@link Ledger.snapshot}. */
  restore(snapshot: LedgerSnapshot): void {
    this.clear();
    for (const t of snapshot.transactions) this.transactions.set(Ledger.key(t.tpe, t.reference), t);
    for (const s of snapshot.sessions) this.sessions.set(s.id, s);
    this.notifications.push(...snapshot.notifications);
    this.outbox.push(...snapshot.outbox);
    this.#counter = snapshot.counter;
  }
}

/** The serialised state. */
export interface LedgerSnapshot {
  transactions: Transaction[];
  sessions: Session[];
  notifications: NotificationRecord[];
  outbox: OutboxMessage[];
  counter: number;
}
