import type { ReactiveController, ReactiveControllerHost } from "lit";
import { type CartChangeSource, type CartItem, type CartStore, getCart } from "./cart-store.js";

/**
 * Connects an element to the shared cart: it re-renders on every change and may react to it.
 *
 * @example
 * ```ts
 * class MyBadge extends LitElement {
 *   cart = new CartController(this);
 *   render() { return html`${this.cart.store.count}`; }
 * }
 * ```
 */
export class CartController implements ReactiveController {
  /** The store this controller follows. */
  readonly store: CartStore;
  #host: ReactiveControllerHost;
  #onChange: ((items: readonly CartItem[], source: CartChangeSource) => void) | undefined;
  #unsubscribe: (() => void) | undefined;

  /** Attaches to `host`; `onChange` runs after each change, before the host re-renders. */
  constructor(
    host: ReactiveControllerHost,
    onChange?: (items: readonly CartItem[], source: CartChangeSource) => void,
    store: CartStore = getCart(),
  ) {
    this.#host = host;
    this.#onChange = onChange;
    this.store = store;
    host.addController(this);
  }

  /** Subscribes to the store when the host joins the document. */
  hostConnected(): void {
    this.#unsubscribe = this.store.subscribe((items, source) => {
      this.#onChange?.(items, source);
      this.#host.requestUpdate();
    });
  }

  /** Unsubscribes when the host leaves the document. */
  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
