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
  readonly attemptsLeft: string;
  readonly attemptsExhausted: string;
  readonly threeDsTitle: string;
  readonly threeDsPrompt: string;
  readonly threeDsPass: string;
  readonly threeDsFail: string;
  readonly sessionExpired: string;
  readonly instalments: string;
  /** What goes between a label and its value: `" :"` (no-break space) in French, `":"` elsewhere. */
  readonly colon: string;
  /** The TEST panel of the card page. */
  readonly testCards: string;
  readonly testCardsHint: (expiry: string) => string;
  /** Each test card's outcome, by card id. */
  readonly cardLabels: Readonly<Record<string, string>>;
  /** An amount the bank reads, though not in the canonical `62.73EUR` form. */
  readonly amountWarning: (montant: string, minor: number, currency: string) => string;
  /** The TEST panel of the result pages: how the Retour call went. */
  readonly retourTitle: string;
  readonly postedTo: string;
  readonly receiptOk: string;
  readonly receiptMissing: string;
  readonly answeredIn: (ms: number) => string;
  readonly secondAttempt: string;
}

const NBSP = "\u00a0";

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
  attemptsLeft: "Tentatives restantes",
  attemptsExhausted: "Le nombre maximum de tentatives est atteint.",
  threeDsTitle: "Authentification 3-D Secure",
  threeDsPrompt: "Votre banque vous demande de confirmer ce paiement.",
  threeDsPass: "Confirmer",
  threeDsFail: "Refuser l'authentification",
  sessionExpired: "Le délai pour saisir votre carte est dépassé.",
  instalments: "Échéancier",
  colon: `${NBSP}:`,
  testCards: "TEST — cartes de test",
  testCardsHint: (expiry) =>
    `Cliquez sur une carte pour remplir le formulaire (expiration ${expiry}, cryptogramme indiqué), puis payez.`,
  cardLabels: {
    visa: "Visa — acceptée",
    mastercard: "Mastercard — acceptée",
    amex: "Amex (15 chiffres, cryptogramme à 4 chiffres) — acceptée",
    refused: "Refusée par la banque émettrice",
    "3ds": "Authentification 3-D Secure (réussie ou échouée)",
    lost: "Perdue ou volée (refus critique)",
    fraud: "Bloquée par le filtre anti-fraude",
    foreign: "Carte étrangère (Belgique) — acceptée",
    "later-refused": "Acceptée, autorisations suivantes refusées",
    "later-retry": "Acceptée, chaque autorisation suivante refusée une fois",
    "later-four": "Acceptée, les quatre autorisations suivantes refusées",
    "later-lost": "Acceptée, puis déclarée perdue (refus critique ensuite)",
    phone: `Refusée${NBSP}: appeler la banque émettrice (appel phonie)`,
  },
  amountWarning: (montant, minor, currency) =>
    `montant ${montant} n'est pas de la forme 62.73EUR${NBSP}; la banque lit le premier «${NBSP},${NBSP}» ou «${NBSP}.${NBSP}» comme séparateur décimal et arrondit les décimales en trop${NBSP}: cela fait ${minor} unités mineures de ${currency}.`,
  retourTitle: "TEST — notification Retour (CGI2)",
  postedTo: "envoyée à",
  receiptOk: "accusé de réception valide",
  receiptMissing: "pas d'accusé de réception valide",
  answeredIn: (ms) => `réponse en ${ms}${NBSP}ms`,
  secondAttempt:
    "la banque envoie une alerte par e-mail et fait une seconde tentative (voir /_sandbox/outbox)",
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
  attemptsLeft: "Attempts left",
  attemptsExhausted: "The maximum number of attempts has been reached.",
  threeDsTitle: "3-D Secure authentication",
  threeDsPrompt: "Your bank asks you to confirm this payment.",
  threeDsPass: "Confirm",
  threeDsFail: "Fail the authentication",
  sessionExpired: "The time to enter your card has run out.",
  instalments: "Instalments",
  colon: ":",
  testCards: "TEST — test cards",
  testCardsHint: (expiry) =>
    `Click a card to fill the form (expiry ${expiry}, CVV shown), then pay.`,
  cardLabels: {
    visa: "Visa — accepted",
    mastercard: "Mastercard — accepted",
    amex: "Amex (15 digits, 4-digit CVV) — accepted",
    refused: "Refused by the issuer",
    "3ds": "3-D Secure challenge (pass or fail)",
    lost: "Lost / stolen (critical refusal)",
    fraud: "Blocked by the fraud filter",
    foreign: "Foreign card (Belgium) — accepted",
    "later-refused": "Accepted, later authorisations refused",
    "later-retry": "Accepted, each later authorisation refused once",
    "later-four": "Accepted, the next four later authorisations refused",
    "later-lost": "Accepted, then reported lost (later: critical refusal)",
    phone: "Refused: call the issuer (Appel Phonie)",
  },
  amountWarning: (montant, minor, currency) =>
    `montant ${montant} is not in the 62.73EUR form; the bank reads the first "," or "." as the decimal mark and rounds extra decimals, so it is ${minor} minor units of ${currency}.`,
  retourTitle: "TEST — Retour notification (CGI2)",
  postedTo: "posted to",
  receiptOk: "receipt OK",
  receiptMissing: "no valid receipt",
  answeredIn: (ms) => `answered in ${ms} ms`,
  secondAttempt: "the bank e-mails an alert and makes a second attempt (see /_sandbox/outbox)",
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
  attemptsLeft: "Verbleibende Versuche",
  attemptsExhausted: "Die maximale Anzahl an Versuchen ist erreicht.",
  threeDsTitle: "3-D-Secure-Authentifizierung",
  threeDsPrompt: "Ihre Bank bittet Sie, diese Zahlung zu bestätigen.",
  threeDsPass: "Bestätigen",
  threeDsFail: "Authentifizierung ablehnen",
  sessionExpired: "Die Zeit für die Karteneingabe ist abgelaufen.",
  instalments: "Raten",
  colon: ":",
  testCards: "TEST — Testkarten",
  testCardsHint: (expiry) =>
    `Klicken Sie auf eine Karte, um das Formular auszufüllen (Ablauf ${expiry}, Prüfnummer angezeigt), und bezahlen Sie dann.`,
  cardLabels: {
    visa: "Visa — akzeptiert",
    mastercard: "Mastercard — akzeptiert",
    amex: "Amex (15 Ziffern, 4-stellige Prüfnummer) — akzeptiert",
    refused: "Vom Kartenaussteller abgelehnt",
    "3ds": "3-D-Secure-Prüfung (bestehen oder scheitern)",
    lost: "Verloren oder gestohlen (kritische Ablehnung)",
    fraud: "Vom Betrugsfilter blockiert",
    foreign: "Ausländische Karte (Belgien) — akzeptiert",
    "later-refused": "Akzeptiert, spätere Autorisierungen abgelehnt",
    "later-retry": "Akzeptiert, jede spätere Autorisierung einmal abgelehnt",
    "later-four": "Akzeptiert, die nächsten vier Autorisierungen abgelehnt",
    "later-lost": "Akzeptiert, dann als verloren gemeldet (danach kritische Ablehnung)",
    phone: "Abgelehnt: Kartenaussteller anrufen (Appel Phonie)",
  },
  amountWarning: (montant, minor, currency) =>
    `montant ${montant} hat nicht die Form 62.73EUR; die Bank liest das erste „,“ oder „.“ als Dezimaltrennzeichen und rundet überzählige Nachkommastellen: das sind ${minor} Untereinheiten ${currency}.`,
  retourTitle: "TEST — Retour-Benachrichtigung (CGI2)",
  postedTo: "gesendet an",
  receiptOk: "Empfangsbestätigung gültig",
  receiptMissing: "keine gültige Empfangsbestätigung",
  answeredIn: (ms) => `Antwort in ${ms} ms`,
  secondAttempt:
    "die Bank sendet eine Warnung per E-Mail und versucht es ein zweites Mal (siehe /_sandbox/outbox)",
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
  attemptsLeft: "Tentativi rimasti",
  attemptsExhausted: "È stato raggiunto il numero massimo di tentativi.",
  threeDsTitle: "Autenticazione 3-D Secure",
  threeDsPrompt: "La tua banca ti chiede di confermare questo pagamento.",
  threeDsPass: "Conferma",
  threeDsFail: "Rifiuta l'autenticazione",
  sessionExpired: "Il tempo per inserire la carta è scaduto.",
  instalments: "Rate",
  colon: ":",
  testCards: "TEST — carte di prova",
  testCardsHint: (expiry) =>
    `Fai clic su una carta per compilare il modulo (scadenza ${expiry}, codice indicato), poi paga.`,
  cardLabels: {
    visa: "Visa — accettata",
    mastercard: "Mastercard — accettata",
    amex: "Amex (15 cifre, codice di 4 cifre) — accettata",
    refused: "Rifiutata dall'emittente",
    "3ds": "Verifica 3-D Secure (superata o fallita)",
    lost: "Smarrita o rubata (rifiuto critico)",
    fraud: "Bloccata dal filtro antifrode",
    foreign: "Carta estera (Belgio) — accettata",
    "later-refused": "Accettata, autorizzazioni successive rifiutate",
    "later-retry": "Accettata, ogni autorizzazione successiva rifiutata una volta",
    "later-four": "Accettata, le quattro autorizzazioni successive rifiutate",
    "later-lost": "Accettata, poi dichiarata smarrita (poi rifiuto critico)",
    phone: "Rifiutata: chiamare l'emittente (Appel Phonie)",
  },
  amountWarning: (montant, minor, currency) =>
    `montant ${montant} non è nella forma 62.73EUR; la banca legge la prima «,» o «.» come separatore decimale e arrotonda i decimali in eccesso: sono ${minor} unità minori di ${currency}.`,
  retourTitle: "TEST — notifica Retour (CGI2)",
  postedTo: "inviata a",
  receiptOk: "ricevuta valida",
  receiptMissing: "nessuna ricevuta valida",
  answeredIn: (ms) => `risposta in ${ms} ms`,
  secondAttempt:
    "la banca invia un avviso via e-mail e fa un secondo tentativo (vedi /_sandbox/outbox)",
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
  attemptsLeft: "Intentos restantes",
  attemptsExhausted: "Se ha alcanzado el número máximo de intentos.",
  threeDsTitle: "Autenticación 3-D Secure",
  threeDsPrompt: "Su banco le pide que confirme este pago.",
  threeDsPass: "Confirmar",
  threeDsFail: "Rechazar la autenticación",
  sessionExpired: "El tiempo para introducir la tarjeta ha terminado.",
  instalments: "Plazos",
  colon: ":",
  testCards: "TEST — tarjetas de prueba",
  testCardsHint: (expiry) =>
    `Haga clic en una tarjeta para rellenar el formulario (caducidad ${expiry}, código indicado) y pague.`,
  cardLabels: {
    visa: "Visa — aceptada",
    mastercard: "Mastercard — aceptada",
    amex: "Amex (15 cifras, código de 4 cifras) — aceptada",
    refused: "Rechazada por el emisor",
    "3ds": "Verificación 3-D Secure (superada o fallida)",
    lost: "Perdida o robada (rechazo crítico)",
    fraud: "Bloqueada por el filtro antifraude",
    foreign: "Tarjeta extranjera (Bélgica) — aceptada",
    "later-refused": "Aceptada, autorizaciones posteriores rechazadas",
    "later-retry": "Aceptada, cada autorización posterior rechazada una vez",
    "later-four": "Aceptada, las cuatro autorizaciones siguientes rechazadas",
    "later-lost": "Aceptada, luego declarada perdida (después rechazo crítico)",
    phone: "Rechazada: llamar al emisor (Appel Phonie)",
  },
  amountWarning: (montant, minor, currency) =>
    `montant ${montant} no tiene la forma 62.73EUR; el banco lee la primera «,» o «.» como separador decimal y redondea los decimales de más: son ${minor} unidades menores de ${currency}.`,
  retourTitle: "TEST — notificación Retour (CGI2)",
  postedTo: "enviada a",
  receiptOk: "acuse de recibo válido",
  receiptMissing: "sin acuse de recibo válido",
  answeredIn: (ms) => `respuesta en ${ms} ms`,
  secondAttempt:
    "el banco envía una alerta por correo y hace un segundo intento (ver /_sandbox/outbox)",
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
  attemptsLeft: "Resterende pogingen",
  attemptsExhausted: "Het maximale aantal pogingen is bereikt.",
  threeDsTitle: "3-D Secure-authenticatie",
  threeDsPrompt: "Uw bank vraagt u deze betaling te bevestigen.",
  threeDsPass: "Bevestigen",
  threeDsFail: "Authenticatie weigeren",
  sessionExpired: "De tijd om uw kaart in te voeren is verstreken.",
  instalments: "Termijnen",
  colon: ":",
  testCards: "TEST — testkaarten",
  testCardsHint: (expiry) =>
    `Klik op een kaart om het formulier in te vullen (vervaldatum ${expiry}, code vermeld) en betaal.`,
  cardLabels: {
    visa: "Visa — geaccepteerd",
    mastercard: "Mastercard — geaccepteerd",
    amex: "Amex (15 cijfers, 4-cijferige code) — geaccepteerd",
    refused: "Geweigerd door de uitgever",
    "3ds": "3-D Secure-controle (geslaagd of mislukt)",
    lost: "Verloren of gestolen (kritieke weigering)",
    fraud: "Geblokkeerd door het fraudefilter",
    foreign: "Buitenlandse kaart (België) — geaccepteerd",
    "later-refused": "Geaccepteerd, latere autorisaties geweigerd",
    "later-retry": "Geaccepteerd, elke latere autorisatie één keer geweigerd",
    "later-four": "Geaccepteerd, de volgende vier autorisaties geweigerd",
    "later-lost": "Geaccepteerd, daarna als verloren gemeld (daarna kritieke weigering)",
    phone: "Geweigerd: bel de uitgever (Appel Phonie)",
  },
  amountWarning: (montant, minor, currency) =>
    `montant ${montant} heeft niet de vorm 62.73EUR; de bank leest de eerste ',' of '.' als decimaalteken en rondt extra decimalen af: dat is ${minor} kleinste eenheden ${currency}.`,
  retourTitle: "TEST — Retour-melding (CGI2)",
  postedTo: "verzonden naar",
  receiptOk: "ontvangstbevestiging geldig",
  receiptMissing: "geen geldige ontvangstbevestiging",
  answeredIn: (ms) => `antwoord in ${ms} ms`,
  secondAttempt:
    "de bank stuurt een waarschuwing per e-mail en doet een tweede poging (zie /_sandbox/outbox)",
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
