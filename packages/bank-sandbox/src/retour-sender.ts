/**
 * Sends Retour (CGI2) notifications like the bank: a sealed form POST to the terminal's URL, a receipt that
 * must be exactly `version=2\ncdr=0\n` within the timeout, and otherwise an alert e-mail (recorded in the
 * outbox, with the replay link) and one second attempt.
 * @module
 */
import { notificationMacData, seal } from "@sceau/protocol";
import type { Clock } from "./clock.ts";
import type { RetourFault } from "./faults.ts";
import type { DeliveryAttempt, Ledger, NotificationRecord, Transaction } from "./ledger.ts";
import type { SandboxTerminal } from "./terminals.ts";

/** The receipts the bank accepts: the documented one, and the kits' one without the final line feed. */
export const VALID_RECEIPTS: readonly string[] = ["version=2\ncdr=0\n", "version=2\ncdr=0"];

/** Options of {@link createRetourSender}. */
export interface RetourSenderOptions {
  readonly ledger: Ledger;
  readonly clock: Clock;
  /** The HTTP client (injectable for tests and other runtimes). */
  readonly fetch: typeof fetch;
  /** How long the merchant has to answer, in ms (the bank: 30 s). */
  readonly timeoutMs: number;
  /** Real-time delay before the second attempt, in ms. */
  readonly retryDelayMs: number;
  /** Registers background work so callers can wait for it. */
  readonly track: (work: Promise<unknown>) => void;
  /** A scripted fault for the next notification (see `/_sandbox/faults`). */
  readonly takeFault?: () => RetourFault | undefined;
}

/** Sends notifications. */
export interface RetourSender {
  /**
   * Seals and sends the fields to the terminal's Retour URL; resolves after the first attempt (the second
   * one, when needed, runs in the background).
   */
  notify(
    terminal: SandboxTerminal,
    tx: Transaction,
    fields: Record<string, string>,
  ): Promise<NotificationRecord>;
  /** Calls a recorded notification again now (the e-mail's replay link, as a button). */
  replay(terminal: SandboxTerminal, record: NotificationRecord): Promise<DeliveryAttempt>;
}

interface NetworkCause {
  code?: string;
  message?: string;
  errors?: { code?: string }[];
}

function errorText(error: unknown): { code: string; text: string } {
  const cause = (error as { cause?: NetworkCause })?.cause;
  const name = (error as { name?: string })?.name;
  if (name === "AbortError" || name === "TimeoutError") {
    return { code: "28", text: "timeout: no answer in time (cURL 28)" };
  }
  const code = cause?.code ?? cause?.errors?.find((e) => e.code)?.code;
  if (code === "ECONNREFUSED") return { code: "7", text: "connection refused (cURL 7)" };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return { code: "6", text: "host not found (cURL 6)" };
  }
  const detail = [(error as Error)?.message ?? String(error), cause?.message].filter(Boolean);
  return { code: "56", text: `network error: ${detail.join(": ")} (cURL 56)` };
}

/** Why a merchant's answer is not a receipt the bank accepts, or undefined when it is one. */
function receiptProblem(status: number, body: string): string | undefined {
  if (status < 200 || status > 299) {
    return `HTTP ${status}: the bank follows no redirect and wants 200`;
  }
  if (!VALID_RECEIPTS.includes(body)) return 'bad receipt: expected exactly "version=2\\ncdr=0\\n"';
  return undefined;
}

/** The replay link: the same fields as a query string on the Retour URL. */
export function replayUrl(url: string, fields: Record<string, string>): string {
  const query = new URLSearchParams(fields).toString();
  return `${url}${url.includes("?") ? "&" : "?"}${query}`;
}

/**
 * Creates the sender.
 *
 * @example
 * const sender = createRetourSender({ ledger, clock, fetch, timeoutMs: 30_000, retryDelayMs: 10_000, track });
 */
export function createRetourSender(options: RetourSenderOptions): RetourSender {
  const { ledger, clock } = options;

  async function deliver(
    url: string,
    fields: Record<string, string>,
    number: number,
  ): Promise<DeliveryAttempt & { errorCode?: string }> {
    const started = Date.now();
    const at = clock.now().toISOString();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await options.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
        redirect: "manual",
        signal: controller.signal,
      });
      const body = await response.text();
      const receipt = body.slice(0, 2000);
      const durationMs = Date.now() - started;
      const status = response.status;
      const error = receiptProblem(status, body);
      if (error) {
        return { number, at, ok: false, status, receipt, error, errorCode: "0", durationMs };
      }
      return { number, at, ok: true, status, receipt, durationMs };
    } catch (error) {
      const { code, text } = errorText(error);
      return {
        number,
        at,
        ok: false,
        error: text,
        errorCode: code,
        durationMs: Date.now() - started,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  function record(attempt: DeliveryAttempt & { errorCode?: string }): DeliveryAttempt {
    const { errorCode: _code, ...rest } = attempt;
    return rest;
  }

  function alert(
    terminal: SandboxTerminal,
    notification: NotificationRecord,
    attempt: DeliveryAttempt & { errorCode?: string },
  ): void {
    const link = replayUrl(notification.url, notification.fields);
    const code = attempt.errorCode ?? "0";
    ledger.outbox.push({
      id: ledger.nextId("m"),
      at: clock.now().toISOString(),
      to: terminal.alertEmail,
      subject: `CGI2 NOT OK - TPE ${terminal.tpe} - ${notification.reference}`,
      text: [
        `TPE: ${terminal.tpe}`,
        `Reference: ${notification.reference}`,
        `URL: ${notification.url}`,
        `Code ${code}: ${attempt.error ?? ""}`,
        `Received: ${attempt.receipt ?? "(nothing)"}`,
        "A second attempt will be made.",
        `Replay: ${link}`,
      ].join("\n"),
      tpe: terminal.tpe,
      reference: notification.reference,
      notificationId: notification.id,
      replayUrl: link,
      errorCode: code,
      error: attempt.error ?? "",
      ...(attempt.receipt !== undefined && { receipt: attempt.receipt }),
    });
  }

  return {
    async notify(terminal, tx, fields) {
      const data = notificationMacData(fields, terminal.format, { tpe: terminal.tpe });
      const fault = options.takeFault?.();
      const mac = await seal(terminal.sealKey, data);
      // A scripted bad seal flips the last hex digit: the merchant must answer cdr=1.
      const sealed = {
        ...fields,
        MAC: fault === "bad-seal" ? `${mac.slice(0, -1)}${mac.endsWith("0") ? "1" : "0"}` : mac,
      };
      const notification: NotificationRecord = {
        id: ledger.nextId("n"),
        tpe: tx.tpe,
        reference: tx.reference,
        url: terminal.retourUrl,
        code: fields["code-retour"] ?? "",
        fields: sealed,
        createdAt: clock.now().toISOString(),
        attempts: [],
        delivered: false,
        ...(fault && { fault }),
      };
      ledger.notifications.push(notification);
      if (fault === "duplicate") {
        // The bank may call several times for one payment: the merchant must be idempotent.
        notification.attempts.push(record(await deliver(terminal.retourUrl, sealed, 1)));
      }
      const first = await deliver(terminal.retourUrl, sealed, notification.attempts.length + 1);
      notification.attempts.push(record(first));
      notification.delivered = first.ok;
      if (!first.ok) {
        alert(terminal, notification, first);
        const second = new Promise<void>((resolve) => {
          setTimeout(async () => {
            const again = await deliver(
              terminal.retourUrl,
              sealed,
              notification.attempts.length + 1,
            );
            notification.attempts.push(record(again));
            notification.delivered = again.ok;
            resolve();
          }, options.retryDelayMs);
        });
        options.track(second);
      }
      return notification;
    },

    async replay(terminal, notification) {
      const attempt = record(
        await deliver(terminal.retourUrl, notification.fields, notification.attempts.length + 1),
      );
      notification.attempts.push(attempt);
      if (attempt.ok) notification.delivered = true;
      return attempt;
    },
  };
}
