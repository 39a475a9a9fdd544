import type { ReactiveController, ReactiveControllerHost } from "lit";
import { fetchQuote } from "../../api/client.js";
import type { Quote, QuoteRequest } from "../../api/types.js";
import { CheckoutError } from "../../errors.js";

const keyOf = (request: QuoteRequest) => JSON.stringify(request);

/**
 * Keeps `<sceau-checkout>` quoted: one request at a time (a newer one aborts the older), the last good quote kept
 * for its names and prices while a new one loads or after one fails, and the failure to show with a retry.
 */
export class QuoteController implements ReactiveController {
  /** The last quote the worker answered, for whichever request. */
  last: Quote | undefined;
  /** Why the latest request failed (cleared when a request starts). */
  failure: CheckoutError | undefined;
  /** Whether a request is under way. */
  loading = false;

  #host: ReactiveControllerHost;
  #onFailure: (failure: CheckoutError, request: QuoteRequest) => void;
  /** The key of the latest request started, and of the latest answered. */
  #started = "";
  #answered = "";
  #abort: AbortController | undefined;
  #retry: (() => void) | undefined;

  /** `onFailure` decides what a failure means for the element (drop a promo code, reset instalments…). */
  constructor(
    host: ReactiveControllerHost,
    onFailure: (failure: CheckoutError, request: QuoteRequest) => void,
  ) {
    this.#host = host;
    this.#onFailure = onFailure;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** The quote for exactly this request, once the worker answered it and nothing newer is under way. */
  fresh(request: QuoteRequest): Quote | undefined {
    return !this.loading && this.#answered === keyOf(request) ? this.last : undefined;
  }

  /** Asks for a quote unless this exact request is under way or answered; aborts an older one under way. */
  request(endpoint: string, request: QuoteRequest): void {
    const key = keyOf(request);
    if (key === this.#started && (this.loading || this.#answered === key)) return;
    this.#abort?.abort();
    const controller = new AbortController();
    this.#abort = controller;
    this.#started = key;
    this.#answered = "";
    this.#retry = () => this.request(endpoint, request);
    this.failure = undefined;
    this.loading = true;
    this.#host.requestUpdate();
    fetchQuote(endpoint, request, controller.signal).then(
      (quote) => {
        if (controller.signal.aborted) return;
        this.last = quote;
        this.#answered = key;
        this.loading = false;
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.loading = false;
        this.failure =
          error instanceof CheckoutError
            ? error
            : new CheckoutError("ERR_SERVER", String(error), { cause: error });
        this.#host.requestUpdate();
        this.#onFailure(this.failure, request);
      },
    );
  }

  /** Asks again for the latest request (after a failure, or when the worker says prices changed). */
  retry(): void {
    this.#started = "";
    this.#retry?.();
  }

  /** Abandons the request under way and forgets its failure (the cart became empty, the element left). */
  cancel(): void {
    this.#abort?.abort();
    this.#started = "";
    this.loading = false;
    this.failure = undefined;
  }
}
