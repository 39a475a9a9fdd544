import { LitElement, type PropertyDeclarations } from "lit";
import { CartController } from "./cart/cart-controller.js";
import type { CartChangeSource, CartItem } from "./cart/cart-store.js";
import { type Lang, type Messages, messagesOf, resolveLang } from "./lang/index.js";

/** Warns about a misconfiguration a shop developer should see. */
export function warn(message: string): void {
  console.warn(`[sceau] ${message}`);
}

/**
 * The base of every sceau element: the language (own `lang`, nearest `[lang]` ancestor, then `<html lang>`)
 * and its texts.
 */
export class SceauElement extends LitElement {
  static override properties: PropertyDeclarations = { language: { attribute: "lang" } };

  /** The language, `fr` `en` `de` `it` `es` or `nl`; defaults to the page's language. */
  declare language: string;

  constructor() {
    super();
    this.language = "";
  }

  /** The page's shared cart; the element re-renders when it changes. */
  protected readonly cart = new CartController(this, (items, source) =>
    this.cartChanged(items, source),
  ).store;

  /** Called after each change of the cart, before the element re-renders. */
  protected cartChanged(_items: readonly CartItem[], _source: CartChangeSource): void {}

  /** The language in use. */
  get activeLang(): Lang {
    return resolveLang(this.language || this.closest("[lang]")?.getAttribute("lang"));
  }

  /** The texts of the language in use. */
  get messages(): Messages {
    return messagesOf(this.activeLang);
  }
}
