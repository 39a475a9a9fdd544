import type { SealedForm } from "../api/types.js";
import { CheckoutError } from "../errors.js";

/**
 * Builds the bank form in the light DOM of `host`, with exactly the worker's hidden fields, and posts it:
 * a top-level navigation to the bank. The form is built with DOM calls, never with HTML strings.
 *
 * @returns the form, already submitted
 * @throws {CheckoutError} `ERR_RESPONSE_INVALID` when the action is not an http(s) URL or the method not POST
 */
export function submitSealedForm(host: HTMLElement, sealed: SealedForm): HTMLFormElement {
  const action = new URL(sealed.action, document.baseURI);
  if (!/^https?:$/.test(action.protocol) || sealed.method.toUpperCase() !== "POST") {
    throw new CheckoutError("ERR_RESPONSE_INVALID", "Bad form");
  }
  const form = document.createElement("form");
  form.method = "post";
  form.action = action.href;
  form.acceptCharset = "UTF-8";
  form.hidden = true;
  for (const [name, value] of Object.entries(sealed.fields)) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.append(input);
  }
  host.append(form);
  form.requestSubmit();
  return form;
}
