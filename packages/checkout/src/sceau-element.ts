import { LitElement, type PropertyDeclarations, type PropertyValues } from "lit";
import { CartController } from "./cart/cart-controller.js";
import type { CartChangeSource, CartItem } from "./cart/cart-store.js";
import {
  type Lang,
  loadTexts,
  resolveLang,
  type TextBook,
  type Texts,
  textsOf,
} from "./lang/index.js";

/** Warns about a misconfiguration a shop developer should see. */
export function warn(message: string): void {
  console.warn(`[sceau] ${message}`);
}

/** Defines `tag` unless it is already defined (the drop-in may be included twice, or next to the npm build). */
export function defineOnce(
  tag: string,
  element: CustomElementConstructor,
  registry: CustomElementRegistry = customElements,
): void {
  if (!registry.get(tag)) registry.define(tag, element);
}

/**
 * The base of every sceau element: the shared cart, and the language (own `lang`, nearest `[lang]` ancestor,
 * then `<html lang>`) with its texts. An element whose texts are loaded on demand lists their book in
 * `textBooks`: it renders once they are loaded, and `updateComplete` waits for them.
 */
export class SceauElement extends LitElement {
  static override properties: PropertyDeclarations = { language: { attribute: "lang" } };

  /** The books of texts loaded on demand that the element needs before it can render. */
  static textBooks: readonly TextBook<string>[] = [];

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

  /** The texts of `book` in the language in use (from `textBooks`: once loaded, which `updateComplete` awaits). */
  protected texts<K extends string>(book: TextBook<K>): Texts<K> {
    return textsOf(book, this.activeLang) ?? ({} as Texts<K>);
  }

  /** Whether the texts of every book in `textBooks` are there in the language in use. */
  protected get textsReady(): boolean {
    return this.#books.every((b) => textsOf(b, this.activeLang));
  }

  get #books(): readonly TextBook<string>[] {
    return (this.constructor as typeof SceauElement).textBooks;
  }

  #textsLoading: Promise<void> | undefined;

  /** Loads the texts once, then renders; `updateComplete` waits for that render. */
  #ensureTexts(): Promise<void> {
    this.#textsLoading ??= Promise.all(this.#books.map((b) => loadTexts(b, this.activeLang))).then(
      () => {
        this.#textsLoading = undefined;
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#textsLoading = undefined;
        warn(`the texts of <${this.localName}> could not be loaded: ${String(error)}`);
      },
    );
    return this.#textsLoading;
  }

  /** Renders only once the texts are loaded (and loads them, then renders, when the language changes). */
  protected override shouldUpdate(changed: PropertyValues): boolean {
    if (this.textsReady) return super.shouldUpdate(changed);
    void this.#ensureTexts();
    return false;
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    if (!this.textsReady) await this.#ensureTexts();
    return super.getUpdateComplete();
  }
}
