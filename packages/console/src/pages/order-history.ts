/**
 * The order page's history: the bank's notifications decoded, the operations with the bank's own words, and
 * the order's events, as templates of the order page.
 * @module
 */
import { html, nothing } from "lit";
import type { Notification, Operation, OrderEvent } from "../api/types.js";
import type { ConsoleElement } from "../app/console-element.js";
import { pick } from "../i18n/lang.js";

const TEXT = {
  fr: {
    notifications: "Notifications de la banque",
    noNotification: "La banque n'a encore rien notifié pour cette commande.",
    seal: (valid: boolean): string => (valid ? "sceau valide" : "sceau invalide"),
    code: (code: string): string => {
      const instalment = /^(paiement|Annulation)_pf(\d)$/.exec(code);
      if (instalment) {
        return instalment[1] === "paiement"
          ? `Échéance ${instalment[2]} prélevée`
          : `Échéance ${instalment[2]} refusée`;
      }
      return (
        {
          paiement: "Paiement accepté",
          payetest: "Paiement accepté (paiement de test)",
          Annulation: "Paiement refusé",
        }[code] ?? code
      );
    },
    fields: {
      montant: "Montant",
      numauto: "N° d'autorisation",
      brand: "Carte",
      motifrefus: "Motif du refus",
      motifrefusautorisation: "Motif du refus d'autorisation",
      originecb: "Pays de la carte",
      vld: "Validité de la carte",
      status3ds: "3-D Secure",
    } as Record<string, string>,
    allFields: "Tous les champs reçus",
    operations: "Opérations",
    noOperation: "Aucune opération pour l'instant.",
    when: "Date",
    kind: "Opération",
    amount: "Montant",
    result: "Résultat",
    bankWords: "Réponse de la banque",
    done: "effectuée",
    failed: "échouée",
    events: "Événements",
    event: (kind: string): string => {
      const instalment = /^instalment-(\d)-(collected|refused)$/.exec(kind);
      if (instalment)
        return `Échéance ${instalment[1]} ${instalment[2] === "collected" ? "prélevée" : "refusée"}`;
      const operation = /^(capture|cancel|recredit|stop-recurrence)-(done|failed)$/.exec(kind);
      if (operation) {
        const name = {
          capture: "Capture",
          cancel: "Annulation",
          recredit: "Remboursement",
          "stop-recurrence": "Arrêt de la récurrence",
        }[operation[1] as string];
        return `${name} ${operation[2] === "done" ? "effectuée" : "échouée"}`;
      }
      return (
        { paid: "Paiement accepté", refused: "Paiement refusé", anomaly: "Anomalie" }[kind] ?? kind
      );
    },
  },
  en: {
    notifications: "Notifications from the bank",
    noNotification: "The bank has notified nothing for this order yet.",
    seal: (valid: boolean) => (valid ? "valid seal" : "invalid seal"),
    code: (code: string): string => {
      const instalment = /^(paiement|Annulation)_pf(\d)$/.exec(code);
      if (instalment) {
        return `Instalment ${instalment[2]} ${instalment[1] === "paiement" ? "collected" : "refused"}`;
      }
      return (
        {
          paiement: "Payment accepted",
          payetest: "Payment accepted (test payment)",
          Annulation: "Payment refused",
        }[code] ?? code
      );
    },
    fields: {
      montant: "Amount",
      numauto: "Authorisation number",
      brand: "Card",
      motifrefus: "Reason for refusal",
      motifrefusautorisation: "Reason the authorisation was refused",
      originecb: "Card country",
      vld: "Card expiry",
      status3ds: "3-D Secure",
    },
    allFields: "Every field received",
    operations: "Operations",
    noOperation: "No operation yet.",
    when: "Date",
    kind: "Operation",
    amount: "Amount",
    result: "Result",
    bankWords: "The bank's answer",
    done: "done",
    failed: "failed",
    events: "Events",
    event: (kind: string): string => {
      const instalment = /^instalment-(\d)-(collected|refused)$/.exec(kind);
      if (instalment) return `Instalment ${instalment[1]} ${instalment[2]}`;
      const operation = /^(capture|cancel|recredit|stop-recurrence)-(done|failed)$/.exec(kind);
      if (operation) {
        const name = {
          capture: "Capture",
          cancel: "Cancellation",
          recredit: "Refund",
          "stop-recurrence": "Stop of recurrence",
        }[operation[1] as string];
        return `${name} ${operation[2]}`;
      }
      return (
        { paid: "Payment accepted", refused: "Payment refused", anomaly: "Anomaly" }[kind] ?? kind
      );
    },
  },
};

/** Card networks as the bank names them in `brand`. */
const BRANDS: Record<string, string> = {
  AM: "American Express",
  CB: "CB",
  MC: "Mastercard",
  VI: "Visa",
};

function fieldValue(name: string, value: string): string {
  if (name === "brand") return BRANDS[value] ?? value;
  if (name === "vld" && /^\d{4}$/.test(value)) return `${value.slice(0, 2)}/${value.slice(2)}`;
  return value;
}

/** The bank's notifications for an order, oldest first, decoded. */
export function notificationsView(host: ConsoleElement, notifications: Notification[]) {
  const t = pick(TEXT);
  return html`<h2>${t.notifications}</h2>
    ${
      notifications.length === 0
        ? html`<p class="muted">${t.noNotification}</p>`
        : html`<ol class="timeline">
          ${notifications.map((n) => {
            const known = Object.keys(t.fields).filter((name) => n.fields[name]);
            return html`<li class="card">
              <p>
                <strong>${n.codeRetour ? t.code(n.codeRetour) : (host.common.classification[n.classification] ?? n.classification)}</strong>
                — ${host.dateTime(n.receivedAt)}
                <span class="badge ${n.classification}">${host.common.classification[n.classification] ?? n.classification}</span>
                <span class="badge ${n.sealValid ? "ok" : "failed"}">${t.seal(n.sealValid)}</span>
              </p>
              ${n.detail ? html`<p class="mono">${n.detail}</p>` : nothing}
              ${
                known.length
                  ? html`<dl class="facts">
                    ${known.map(
                      (name) => html`<dt>${t.fields[name]}</dt>
                        <dd>${fieldValue(name, n.fields[name] ?? "")}</dd>`,
                    )}
                  </dl>`
                  : nothing
              }
              <details>
                <summary>${t.allFields}</summary>
                <dl class="facts mono">
                  ${Object.entries(n.fields).map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}
                </dl>
              </details>
            </li>`;
          })}
        </ol>`
    }`;
}

/** The operations sent to the bank for an order, with its answer word for word. */
export function operationsView(host: ConsoleElement, operations: Operation[], currency: string) {
  const t = pick(TEXT);
  if (operations.length === 0) {
    return html`<h2>${t.operations}</h2>
      <p class="muted">${t.noOperation}</p>`;
  }
  return html`<h2 id="operations-title">${t.operations}</h2>
    <div class="table-wrap" role="region" aria-labelledby="operations-title" tabindex="0">
      <table>
        <thead>
          <tr>
            <th scope="col">${t.when}</th>
            <th scope="col">${t.kind}</th>
            <th scope="col" class="num">${t.amount}</th>
            <th scope="col">${t.result}</th>
            <th scope="col">${t.bankWords}</th>
          </tr>
        </thead>
        <tbody>
          ${operations.map(
            (o) => html`<tr>
              <td>${host.dateTime(o.requestedAt)}</td>
              <td>${host.common.operation[o.kind] ?? o.kind}</td>
              <td class="num">${host.money(o.amount, currency)}</td>
              <td><span class="badge ${o.ok ? "ok" : "failed"}">${o.ok ? t.done : t.failed}</span></td>
              <td class="mono">
                ${o.cdr !== null ? `cdr=${o.cdr} ` : ""}${o.lib ?? ""}${o.error ? ` ${o.error}` : ""}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

/** What changed the order, in order. */
export function eventsView(host: ConsoleElement, events: OrderEvent[]) {
  const t = pick(TEXT);
  if (events.length === 0) return nothing;
  return html`<h2>${t.events}</h2>
    <ol class="events">
      ${events.map(
        (e) => html`<li>
          ${host.dateTime(e.at)} — ${t.event(e.kind)}${e.detail ? html` — <span class="mono">${e.detail}</span>` : nothing}
        </li>`,
      )}
    </ol>`;
}
