/**
 * Helpers for the browser tests (never bundled): server commands of the test runner, a fetch spy,
 * submit interception, axe-core and shadow-DOM queries.
 */
import { getCart } from "../cart/cart-store.js";

declare global {
  interface Window {
    axe?: {
      run(
        context: Element,
        options?: object,
      ): Promise<{ violations: { id: string; help: string }[] }>;
    };
  }
}

const session = new URL(location.href).searchParams.get("wtr-session-id");

/** Runs a Web Test Runner server command (`send-keys`, `emulate-media`…). */
export async function command<T = unknown>(name: string, payload: unknown): Promise<T> {
  const socket = "/__web-dev-server__web-socket.js";
  const { sendMessageWaitForResponse } = await import(/* @vite-ignore */ socket);
  const response = await sendMessageWaitForResponse({
    type: "wtr-command",
    sessionId: session,
    command: name,
    payload,
  });
  if (!response.executed) throw new Error(`Command ${name} was not executed`);
  return response.result as T;
}

/**
 * The URL of the real worker (wrangler dev, a fresh local D1) in one of test/real-worker.mjs's
 * configurations, started on first use (allow it time: call it from a `before` hook with a long timeout).
 */
export async function realWorker(name: "local" | "deployed"): Promise<string> {
  for (;;) {
    const answer = await command<{ url?: string }>("real-worker", {
      name,
      origin: location.origin,
    });
    if (answer.url) return answer.url;
  }
}

/** Presses a key with the real keyboard (Tab, Enter, Space…). */
export function press(key: string): Promise<unknown> {
  return command("send-keys", { press: key });
}

/** Types text with the real keyboard. */
export function type(text: string): Promise<unknown> {
  return command("send-keys", { type: text });
}

/** Empties the shared cart (memory and storage). */
export function resetCart(): void {
  getCart().clear();
  localStorage.clear();
}

/** The element that has focus, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Queries inside an element's shadow root. */
export function $<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in ${host.localName}`);
  return found;
}

/** Whether an element's shadow root has a match (a boolean: a failed expectation never prints the element). */
export function has(host: Element, selector: string): boolean {
  return host.shadowRoot?.querySelector(selector) != null;
}

/** Queries all inside an element's shadow root. */
export function $$<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  return [...(host.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/** A fetch spy that passes calls through; `restore()` puts fetch back. */
export function spyFetch(): { calls: { url: string; init?: RequestInit }[]; restore(): void } {
  const original = window.fetch;
  const calls: { url: string; init?: RequestInit }[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return original(input, init);
  };
  return {
    calls,
    restore: () => {
      window.fetch = original;
    },
  };
}

/** Captures (and cancels) every form submission, so the test page does not navigate. */
export function interceptSubmit(): { forms: HTMLFormElement[]; restore(): void } {
  const forms: HTMLFormElement[] = [];
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    forms.push(event.target as HTMLFormElement);
  };
  document.addEventListener("submit", onSubmit, true);
  return { forms, restore: () => document.removeEventListener("submit", onSubmit, true) };
}

/** Runs axe-core on an element and returns the violations. */
export async function axeViolations(element: Element): Promise<string[]> {
  if (!window.axe) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = "/__axe.js";
      script.onload = () => resolve();
      script.onerror = reject;
      document.head.append(script);
    });
  }
  const result = await window.axe?.run(element, { resultTypes: ["violations"] });
  return (result?.violations ?? []).map((v) => `${v.id}: ${v.help}`);
}

/** Valid values for every buyer field, by control name (billing fields plain, shipping ones prefixed). */
export const BUYER: Readonly<Record<string, string>> = {
  email: "buyer@example.com",
  firstName: "Marie",
  lastName: "Curie",
  addressLine1: "1 rue de la Paix",
  postalCode: "75002",
  city: "Paris",
  phone: "06 12 34 56 78",
};

/** Sets a field of an element's form as a buyer would (`input` and `change` events). */
export function setField(host: Element, name: string, value: string | boolean): void {
  const control = $<HTMLInputElement>(host, `[name="${name}"]`);
  if (typeof value === "boolean") control.checked = value;
  else control.value = value;
  control.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
  control.dispatchEvent(new Event("change", { bubbles: true, composed: true }));
}

/** Fills every buyer field the element shows with valid values (and ticks the terms). */
export function fillBuyer(host: Element, values: Readonly<Record<string, string>> = {}): void {
  for (const control of $$<HTMLInputElement>(host, "form[part=form] [part=input]")) {
    const name = control.name;
    const value = values[name] ?? BUYER[name] ?? BUYER[name.replace(/^shipping-/, "")];
    if (value !== undefined && control.localName === "input") setField(host, name, value);
  }
  if (host.shadowRoot?.querySelector("[name=terms]")) setField(host, "terms", true);
}
