/**
 * Texts shared by every page: the frame, statuses, operations, notification classes, amount errors.
 * Each page keeps its own texts beside its code.
 * @module
 */
import type { MoneyInputError } from "../format/money.js";
import type { Lang } from "./lang.js";

const fr = {
  appName: "Console marchand",
  skip: "Aller au contenu",
  navLabel: "Sections de la console",
  nav: {
    home: "Accueil",
    orders: "Commandes",
    catalog: "Catalogue",
    notifications: "Notifications",
    settings: "Réglages",
  },
  language: "Langue",
  signOut: "Se déconnecter",
  loading: "Chargement…",
  retry: "Réessayer",
  back: "Retour",
  none: "—",
  yes: "oui",
  no: "non",
  notFound: "Cette page n'existe pas.",
  channel: { shop: "Boutique", phone: "Téléphone / courrier", link: "Lien de paiement" } as Record<
    string,
    string
  >,
  status: {
    pending: "En attente",
    refused: "Refusée",
    anomaly: "Anomalie",
    paid: "Payée",
    captured: "Capturée",
    cancelled: "Annulée",
    refunded: "Remboursée",
  } as Record<string, string>,
  operation: {
    capture: "Capture",
    cancel: "Annulation",
    recredit: "Remboursement",
    "stop-recurrence": "Arrêt de la récurrence",
  } as Record<string, string>,
  classification: {
    accepted: "Paiement accepté",
    refused: "Paiement refusé",
    "instalment-collected": "Échéance prélevée",
    "instalment-refused": "Échéance refusée",
    anomaly: "Anomalie",
    orphan: "Orpheline",
    "invalid-seal": "Sceau invalide",
    malformed: "Mal formée",
    unverified: "Non vérifiée",
  } as Record<string, string>,
  moneyError: (error: MoneyInputError, currency: string, digits: number): string =>
    ({
      empty: "Indiquez un montant.",
      format: `Écrivez le montant en chiffres, par exemple ${digits === 0 ? "1500" : "12,50"}.`,
      decimals:
        digits === 0
          ? `${currency} n'a pas de décimales : écrivez un nombre entier.`
          : `Au plus ${digits} décimales en ${currency}.`,
      zero: "Le montant doit être supérieur à zéro.",
      "too-large": "Ce montant est trop grand.",
    })[error],
  moneyOver: (max: string) => `Au plus ${max}.`,
  error: {
    network: "Le worker ne répond pas. Vérifiez qu'il tourne, puis réessayez.",
    chunk:
      "Cette page de la console n'a pas pu être chargée (la console a peut-être été mise à jour) : rechargez.",
    unauthorized: "Le jeton a été refusé. Reconnectez-vous.",
    generic: (code: string, message: string) => `Erreur ${code} : ${message}`,
  },
};

export type CommonTexts = typeof fr;

const en: CommonTexts = {
  appName: "Merchant console",
  skip: "Skip to content",
  navLabel: "Console sections",
  nav: {
    home: "Home",
    orders: "Orders",
    catalog: "Catalog",
    notifications: "Notifications",
    settings: "Settings",
  },
  language: "Language",
  signOut: "Sign out",
  loading: "Loading…",
  retry: "Try again",
  back: "Back",
  none: "—",
  yes: "yes",
  no: "no",
  notFound: "This page does not exist.",
  channel: { shop: "Shop", phone: "Phone / mail", link: "Payment link" },
  status: {
    pending: "Pending",
    refused: "Refused",
    anomaly: "Anomaly",
    paid: "Paid",
    captured: "Captured",
    cancelled: "Cancelled",
    refunded: "Refunded",
  },
  operation: {
    capture: "Capture",
    cancel: "Cancellation",
    recredit: "Refund",
    "stop-recurrence": "Stop of recurrence",
  },
  classification: {
    accepted: "Payment accepted",
    refused: "Payment refused",
    "instalment-collected": "Instalment collected",
    "instalment-refused": "Instalment refused",
    anomaly: "Anomaly",
    orphan: "Orphan",
    "invalid-seal": "Invalid seal",
    malformed: "Malformed",
    unverified: "Unverified",
  },
  moneyError: (error, currency, digits) =>
    ({
      empty: "Enter an amount.",
      format: `Write the amount in digits, for example ${digits === 0 ? "1500" : "12.50"}.`,
      decimals:
        digits === 0
          ? `${currency} has no decimals: write a whole number.`
          : `At most ${digits} decimals in ${currency}.`,
      zero: "The amount must be more than zero.",
      "too-large": "This amount is too large.",
    })[error],
  moneyOver: (max) => `At most ${max}.`,
  error: {
    network: "The worker does not answer. Check that it runs, then try again.",
    chunk:
      "This page of the console could not be loaded (the console may have been updated): reload.",
    unauthorized: "The token was refused. Sign in again.",
    generic: (code, message) => `Error ${code}: ${message}`,
  },
};

export const COMMON: Record<Lang, CommonTexts> = { fr, en };
