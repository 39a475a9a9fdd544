/**
 * The payment page's words in the buyer's language (`lgue`): FR, EN, DE, IT, ES, NL; the other languages
 * the bank accepts (PT, SV, JA) fall back to English.
 * @module
 */

/** Every text of the buyer's pages. */
export interface Messages {
  readonly htmlLang: string;
  readonly locale: string;
  readonly title: string;
  readonly merchant: string;
  readonly terminal: string;
  readonly reference: string;
  readonly amount: string;
  readonly cardNumber: string;
  readonly expiry: string;
  readonly month: string;
  readonly year: string;
  readonly cvv: string;
  readonly pay: string;
  readonly cancel: string;
  readonly badNumber: string;
  readonly badExpiry: string;
  readonly badCvv: string;
  readonly badCvvAmex: string;
  readonly accepted: string;
  readonly refused: string;
  readonly date: string;
  readonly authorisation: string;
  readonly backToShop: string;
  readonly tryAgain: string;
  /** "Attempts left: {n}", with the language's typography (a non-breaking space before the colon in French). */
  readonly attemptsLeft: string;
  readonly attemptsExhausted: string;
  readonly threeDsTitle: string;
  readonly threeDsPrompt: string;
  readonly threeDsPass: string;
  readonly threeDsFail: string;
  readonly sessionExpired: string;
  readonly instalments: string;
  /** The TEST panel's title and its line (`{expiry}`: the test cards' expiry, `MM/YYYY`). */
  readonly testCards: string;
  readonly testCardsHint: string;
}

const FR: Messages = {
  htmlLang: "fr",
  locale: "fr-FR",
  title: "Paiement sécurisé par carte bancaire",
  merchant: "Commerçant",
  terminal: "TPE",
  reference: "Référence",
  amount: "Montant",
  cardNumber: "Numéro de carte",
  expiry: "Date d'expiration",
  month: "Mois",
  year: "Année",
  cvv: "Cryptogramme visuel",
  pay: "Valider le paiement",
  cancel: "Annuler et retourner sur le site du commerçant",
  badNumber: "Le numéro de carte n'est pas valide.",
  badExpiry: "La date d'expiration n'est pas valide ou est dépassée.",
  badCvv: "Le cryptogramme visuel doit comporter 3 chiffres.",
  badCvvAmex: "Le cryptogramme visuel d'une carte American Express comporte 4 chiffres.",
  accepted: "Votre paiement a été accepté.",
  refused: "Votre paiement a été refusé.",
  date: "Date et heure",
  authorisation: "Numéro d'autorisation",
  backToShop: "Retourner sur le site du commerçant",
  tryAgain: "Essayer une autre carte",
  attemptsLeft: "Tentatives restantes\u00a0: {n}",
  attemptsExhausted: "Le nombre maximum de tentatives est atteint.",
  threeDsTitle: "Authentification 3-D Secure",
  threeDsPrompt: "Votre banque vous demande de confirmer ce paiement.",
  threeDsPass: "Confirmer",
  threeDsFail: "Refuser l'authentification",
  sessionExpired: "Le délai pour saisir votre carte est dépassé.",
  instalments: "Échéancier",
  testCards: "TEST — cartes de test",
  testCardsHint:
    "Cliquez sur une carte pour remplir le formulaire (expiration {expiry}, cryptogramme indiqué), puis validez.",
};

const EN: Messages = {
  htmlLang: "en",
  locale: "en-GB",
  title: "Secure card payment",
  merchant: "Merchant",
  terminal: "Terminal",
  reference: "Reference",
  amount: "Amount",
  cardNumber: "Card number",
  expiry: "Expiry date",
  month: "Month",
  year: "Year",
  cvv: "Security code",
  pay: "Pay",
  cancel: "Cancel and return to the merchant's site",
  badNumber: "The card number is not valid.",
  badExpiry: "The expiry date is not valid or has passed.",
  badCvv: "The security code must be 3 digits.",
  badCvvAmex: "An American Express security code has 4 digits.",
  accepted: "Your payment has been accepted.",
  refused: "Your payment has been refused.",
  date: "Date and time",
  authorisation: "Authorisation number",
  backToShop: "Return to the merchant's site",
  tryAgain: "Try another card",
  attemptsLeft: "Attempts left: {n}",
  attemptsExhausted: "The maximum number of attempts has been reached.",
  threeDsTitle: "3-D Secure authentication",
  threeDsPrompt: "Your bank asks you to confirm this payment.",
  threeDsPass: "Confirm",
  threeDsFail: "Fail the authentication",
  sessionExpired: "The time to enter your card has run out.",
  instalments: "Instalments",
  testCards: "TEST — test cards",
  testCardsHint: "Click a card to fill the form (expiry {expiry}, CVV shown), then pay.",
};

const DE: Messages = {
  htmlLang: "de",
  locale: "de-DE",
  title: "Sichere Kartenzahlung",
  merchant: "Händler",
  terminal: "Terminal",
  reference: "Referenz",
  amount: "Betrag",
  cardNumber: "Kartennummer",
  expiry: "Ablaufdatum",
  month: "Monat",
  year: "Jahr",
  cvv: "Prüfnummer",
  pay: "Bezahlen",
  cancel: "Abbrechen und zum Händler zurückkehren",
  badNumber: "Die Kartennummer ist ungültig.",
  badExpiry: "Das Ablaufdatum ist ungültig oder überschritten.",
  badCvv: "Die Prüfnummer muss 3 Ziffern haben.",
  badCvvAmex: "Die Prüfnummer einer American Express hat 4 Ziffern.",
  accepted: "Ihre Zahlung wurde angenommen.",
  refused: "Ihre Zahlung wurde abgelehnt.",
  date: "Datum und Uhrzeit",
  authorisation: "Autorisierungsnummer",
  backToShop: "Zurück zum Händler",
  tryAgain: "Andere Karte versuchen",
  attemptsLeft: "Verbleibende Versuche: {n}",
  attemptsExhausted: "Die maximale Anzahl an Versuchen ist erreicht.",
  threeDsTitle: "3-D-Secure-Authentifizierung",
  threeDsPrompt: "Ihre Bank bittet Sie, diese Zahlung zu bestätigen.",
  threeDsPass: "Bestätigen",
  threeDsFail: "Authentifizierung ablehnen",
  sessionExpired: "Die Zeit für die Karteneingabe ist abgelaufen.",
  instalments: "Raten",
  testCards: "TEST — Testkarten",
  testCardsHint:
    "Klicken Sie auf eine Karte, um das Formular auszufüllen (gültig bis {expiry}, Prüfnummer angegeben), und zahlen Sie dann.",
};

const IT: Messages = {
  htmlLang: "it",
  locale: "it-IT",
  title: "Pagamento sicuro con carta",
  merchant: "Esercente",
  terminal: "Terminale",
  reference: "Riferimento",
  amount: "Importo",
  cardNumber: "Numero di carta",
  expiry: "Data di scadenza",
  month: "Mese",
  year: "Anno",
  cvv: "Codice di sicurezza",
  pay: "Paga",
  cancel: "Annulla e torna al sito dell'esercente",
  badNumber: "Il numero di carta non è valido.",
  badExpiry: "La data di scadenza non è valida o è superata.",
  badCvv: "Il codice di sicurezza deve avere 3 cifre.",
  badCvvAmex: "Il codice di sicurezza di una American Express ha 4 cifre.",
  accepted: "Il pagamento è stato accettato.",
  refused: "Il pagamento è stato rifiutato.",
  date: "Data e ora",
  authorisation: "Numero di autorizzazione",
  backToShop: "Torna al sito dell'esercente",
  tryAgain: "Prova un'altra carta",
  attemptsLeft: "Tentativi rimasti: {n}",
  attemptsExhausted: "È stato raggiunto il numero massimo di tentativi.",
  threeDsTitle: "Autenticazione 3-D Secure",
  threeDsPrompt: "La tua banca ti chiede di confermare questo pagamento.",
  threeDsPass: "Conferma",
  threeDsFail: "Rifiuta l'autenticazione",
  sessionExpired: "Il tempo per inserire la carta è scaduto.",
  instalments: "Rate",
  testCards: "TEST — carte di prova",
  testCardsHint:
    "Fai clic su una carta per compilare il modulo (scadenza {expiry}, CVV indicato), poi paga.",
};

const ES: Messages = {
  htmlLang: "es",
  locale: "es-ES",
  title: "Pago seguro con tarjeta",
  merchant: "Comercio",
  terminal: "Terminal",
  reference: "Referencia",
  amount: "Importe",
  cardNumber: "Número de tarjeta",
  expiry: "Fecha de caducidad",
  month: "Mes",
  year: "Año",
  cvv: "Código de seguridad",
  pay: "Pagar",
  cancel: "Cancelar y volver al sitio del comercio",
  badNumber: "El número de tarjeta no es válido.",
  badExpiry: "La fecha de caducidad no es válida o ha pasado.",
  badCvv: "El código de seguridad debe tener 3 cifras.",
  badCvvAmex: "El código de seguridad de una American Express tiene 4 cifras.",
  accepted: "Su pago ha sido aceptado.",
  refused: "Su pago ha sido rechazado.",
  date: "Fecha y hora",
  authorisation: "Número de autorización",
  backToShop: "Volver al sitio del comercio",
  tryAgain: "Probar otra tarjeta",
  attemptsLeft: "Intentos restantes: {n}",
  attemptsExhausted: "Se ha alcanzado el número máximo de intentos.",
  threeDsTitle: "Autenticación 3-D Secure",
  threeDsPrompt: "Su banco le pide que confirme este pago.",
  threeDsPass: "Confirmar",
  threeDsFail: "Rechazar la autenticación",
  sessionExpired: "El tiempo para introducir la tarjeta ha terminado.",
  instalments: "Plazos",
  testCards: "TEST — tarjetas de prueba",
  testCardsHint:
    "Haz clic en una tarjeta para rellenar el formulario (caducidad {expiry}, CVV indicado) y paga.",
};

const NL: Messages = {
  htmlLang: "nl",
  locale: "nl-NL",
  title: "Veilig betalen met uw kaart",
  merchant: "Handelaar",
  terminal: "Terminal",
  reference: "Referentie",
  amount: "Bedrag",
  cardNumber: "Kaartnummer",
  expiry: "Vervaldatum",
  month: "Maand",
  year: "Jaar",
  cvv: "Beveiligingscode",
  pay: "Betalen",
  cancel: "Annuleren en terug naar de winkel",
  badNumber: "Het kaartnummer is ongeldig.",
  badExpiry: "De vervaldatum is ongeldig of verstreken.",
  badCvv: "De beveiligingscode moet 3 cijfers hebben.",
  badCvvAmex: "De beveiligingscode van een American Express heeft 4 cijfers.",
  accepted: "Uw betaling is geaccepteerd.",
  refused: "Uw betaling is geweigerd.",
  date: "Datum en tijd",
  authorisation: "Autorisatienummer",
  backToShop: "Terug naar de winkel",
  tryAgain: "Probeer een andere kaart",
  attemptsLeft: "Resterende pogingen: {n}",
  attemptsExhausted: "Het maximale aantal pogingen is bereikt.",
  threeDsTitle: "3-D Secure-authenticatie",
  threeDsPrompt: "Uw bank vraagt u deze betaling te bevestigen.",
  threeDsPass: "Bevestigen",
  threeDsFail: "Authenticatie weigeren",
  sessionExpired: "De tijd om uw kaart in te voeren is verstreken.",
  instalments: "Termijnen",
  testCards: "TEST — testkaarten",
  testCardsHint:
    "Klik op een kaart om het formulier in te vullen (geldig tot {expiry}, CVC vermeld) en betaal dan.",
};

const BY_LANGUAGE: Record<string, Messages> = { FR, EN, DE, IT, ES, NL };

/** The languages with their own texts. */
export const TRANSLATED_LANGUAGES: readonly string[] = Object.keys(BY_LANGUAGE);

/** The texts for a `lgue` value (English for PT, SV, JA and anything else). */
export function messagesFor(lgue: string): Messages {
  return BY_LANGUAGE[lgue] ?? EN;
}

/** Formats minor units in the buyer's locale, e.g. `62,73 €`. */
export function formatMoney(
  minor: number,
  currency: string,
  digits: number,
  locale: string,
): string {
  const value = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}
