/**
 * The buyer's fields as data: which ones the worker's requirements (and the element's attributes) ask for, how
 * each is checked, and how the form's values become the checkout's `email`, `billing` and `shipping`.
 * @module
 */
import type { Address } from "../../api/types.js";
import type { CheckoutKey } from "./lang/index.js";
import {
  bankPhone,
  isAddressText,
  isEmailAddress,
  isPostalCode,
  normalizePostalCode,
} from "./validation.js";

/** What the form asks for: the worker's requirements made stricter by the element's attributes. */
export interface BuyerNeeds {
  readonly email: "required" | "optional" | "none";
  readonly billing: boolean;
  readonly shippingAddress: boolean;
  readonly phone: boolean;
  /** The terms-of-sale URL ("" for no checkbox). */
  readonly termsUrl: string;
  /** Whether the shipping address is the billing one (the buyer's choice, "yes" by default). */
  readonly sameAsBilling: boolean;
}

/** The address members a group asks for. */
type Member = "firstName" | "lastName" | "addressLine1" | "addressLine2" | "postalCode" | "city";

/** One input of the buyer form. */
export interface FieldSpec {
  /** The form control's name (`email`, `city`, `shipping-city`, `phone`, `terms`). */
  readonly name: string;
  readonly label: CheckoutKey;
  readonly autocomplete: string;
  readonly type: "text" | "email" | "tel" | "checkbox" | "country";
  readonly required: boolean;
  readonly maxlength: number;
  /** The address group and member it fills. */
  readonly group?: "billing" | "shipping";
  readonly member?: Member | "country";
  readonly hint?: CheckoutKey;
}

/** A field's problem: the message's key and its values. */
export interface FieldProblem {
  readonly key: CheckoutKey;
  readonly values?: Readonly<Record<string, string>>;
}

const MEMBERS: readonly [Member, CheckoutKey, string, number, boolean][] = [
  ["firstName", "firstName", "given-name", 45, true],
  ["lastName", "lastName", "family-name", 45, true],
  ["addressLine1", "address", "address-line1", 50, true],
  ["addressLine2", "address2", "address-line2", 50, false],
  ["postalCode", "postalCode", "postal-code", 10, true],
  ["city", "city", "address-level2", 50, true],
];

/** The name of an address group's control: billing members keep the plain name (`city`), shipping ones are prefixed. */
export function controlName(group: "billing" | "shipping", member: string): string {
  return group === "billing" ? member : `shipping-${member}`;
}

function addressGroup(group: "billing" | "shipping", named: boolean): FieldSpec[] {
  const section = group === "billing" ? "billing" : "shipping";
  const fields: FieldSpec[] = MEMBERS.filter(([m]) => named || !/Name$/.test(m)).map(
    ([member, label, token, maxlength, required]) => ({
      name: controlName(group, member),
      label,
      autocomplete: `${section} ${token}`,
      type: "text",
      required,
      maxlength,
      group,
      member,
    }),
  );
  fields.push({
    name: controlName(group, "country"),
    label: "country",
    autocomplete: `${section} country`,
    type: "country",
    required: true,
    maxlength: 2,
    group,
    member: "country",
  });
  return fields;
}

/**
 * The fields the form shows, in order: e-mail, billing address, shipping address (unless it is the billing
 * one), phone, terms. Names are asked in an address whenever something ships (a parcel needs a recipient).
 */
export function buyerFieldSpecs(needs: BuyerNeeds): FieldSpec[] {
  const fields: FieldSpec[] = [];
  if (needs.email !== "none") {
    fields.push({
      name: "email",
      label: "email",
      autocomplete: "email",
      type: "email",
      required: needs.email === "required",
      maxlength: 254,
    });
  }
  if (needs.billing) fields.push(...addressGroup("billing", needs.shippingAddress));
  if (needs.shippingAddress && !(needs.billing && needs.sameAsBilling)) {
    fields.push(...addressGroup("shipping", true));
  }
  if (needs.phone) {
    fields.push({
      name: "phone",
      label: "phone",
      autocomplete: "tel",
      type: "tel",
      required: true,
      maxlength: 25,
      hint: "phoneHint",
    });
  }
  if (needs.termsUrl) {
    fields.push({
      name: "terms",
      label: "terms",
      autocomplete: "off",
      type: "checkbox",
      required: true,
      maxlength: 0,
    });
  }
  return fields;
}

/** The country the parcel goes to: the shipping group's, else the billing one's. */
export function shippingCountry(form: HTMLFormElement | null, fallback: string): string {
  const value = (name: string) =>
    (form?.elements.namedItem(name) as HTMLSelectElement | null)?.value || undefined;
  return value("shipping-country") ?? value("country") ?? fallback;
}

/** The value of a field as typed, trimmed ("" when absent). */
function textOf(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name) as HTMLInputElement | null;
  return control?.value.trim() ?? "";
}

/** What is wrong with one field (`undefined` when it is fine). */
export function checkField(
  form: HTMLFormElement,
  field: FieldSpec,
  country: string,
): FieldProblem | undefined {
  if (field.type === "checkbox") {
    const box = form.elements.namedItem(field.name) as HTMLInputElement | null;
    return box?.checked ? undefined : { key: "errTerms" };
  }
  const value = textOf(form, field.name);
  if (value === "") return field.required ? { key: "errRequired" } : undefined;
  if (field.type === "email") return isEmailAddress(value) ? undefined : { key: "errEmail" };
  if (field.type === "tel") return bankPhone(value, country) ? undefined : { key: "errPhone" };
  if (field.member === "postalCode" && field.group) {
    const groupCountry = textOf(form, controlName(field.group, "country"));
    const code = normalizePostalCode(value, groupCountry);
    if (!isPostalCode(code, groupCountry))
      return { key: "errPostalCode", values: { country: groupCountry } };
  }
  if (field.member && field.member !== "country" && !isAddressText(value)) {
    return { key: "errText" };
  }
  return undefined;
}

/** Every field's problem, in the fields' order. */
export function checkFields(
  form: HTMLFormElement,
  fields: readonly FieldSpec[],
  country: string,
): Map<string, FieldProblem> {
  const problems = new Map<string, FieldProblem>();
  for (const field of fields) {
    const problem = checkField(form, field, country);
    if (problem) problems.set(field.name, problem);
  }
  return problems;
}

/** The address of a group, as the checkout sends it (empty members left out, postal code normalised). */
function readAddress(form: HTMLFormElement, group: "billing" | "shipping"): Address {
  const country = textOf(form, controlName(group, "country"));
  const address: Record<string, string> = { country };
  for (const [member] of MEMBERS) {
    const value = textOf(form, controlName(group, member));
    if (value)
      address[member] = member === "postalCode" ? normalizePostalCode(value, country) : value;
  }
  return address as unknown as Address;
}

/**
 * The checkout's buyer members from the form: `email`, `billing`, and `shipping` — the billing address when it
 * is the same, with the phone in the bank's form.
 */
export function readBuyer(
  form: HTMLFormElement | null,
  needs: BuyerNeeds,
): { email?: string; billing?: Address; shipping?: Address } {
  if (!form) return {};
  const email = textOf(form, "email");
  const billing = needs.billing ? readAddress(form, "billing") : undefined;
  const separate = needs.shippingAddress && !(needs.billing && needs.sameAsBilling);
  const address = separate
    ? readAddress(form, "shipping")
    : needs.shippingAddress
      ? billing
      : undefined;
  const phone =
    address && needs.phone ? bankPhone(textOf(form, "phone"), address.country) : undefined;
  const shipping = address && phone ? { ...address, phone } : address;
  return { ...(email && { email }), ...(billing && { billing }), ...(shipping && { shipping }) };
}
