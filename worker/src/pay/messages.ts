/**
 * The words of the payment page, in the six languages of the shop (FR EN DE
 * IT ES NL). Placeholders in braces (`{merchant}`) are filled by {@link fill}, the values escaped by the page.
 * @module
 */

/** The languages of the payment page; the bank's `lgue` is the same code in upper case. */
export const PAGE_LANGUAGES = ["fr", "en", "de", "it", "es", "nl"] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** Each language's name, in that language (the language switcher). */
export const LANGUAGE_NAMES: Record<PageLanguage, string> = {
  fr: "Français",
  en: "English",
  de: "Deutsch",
  it: "Italiano",
  es: "Español",
  nl: "Nederlands",
};

export interface PayMessages {
  /** `<title>` and heading of a page that can be paid. */
  title: string;
  /** The order's heading: `{reference}`. */
  order: string;
  item: string;
  quantity: string;
  amount: string;
  total: string;
  /** The button that posts the sealed form to the bank. */
  pay: string;
  payable: string;
  /** After a refusal: `{attempts}` more attempts. */
  refused: string;
  confirming: string;
  paid: string;
  expired: string;
  exhausted: string;
  closed: string;
  notFound: string;
  unavailable: string;
  /** `{date}`: until when the link can be paid. */
  validUntil: string;
  secure: string;
  language: string;
  /** The link that reloads the page while the payment is being confirmed. */
  reload: string;
}

/** The messages of every page language. */
export const MESSAGES: Record<PageLanguage, PayMessages> = {
  fr: {
    title: "Paiement de votre commande",
    order: "Commande {reference}",
    item: "Article",
    quantity: "Quantité",
    amount: "Montant",
    total: "Total à payer",
    pay: "Payer par carte bancaire",
    payable:
      "{merchant} vous invite à régler cette commande. Vous saisirez votre carte sur la page sécurisée de la banque.",
    refused:
      "Le dernier paiement a été refusé. Vous pouvez réessayer avec la même carte ou une autre (encore {attempts} essai(s)).",
    confirming:
      "Merci ! La banque confirme votre paiement ; actualisez la page dans quelques secondes.",
    paid: "Cette commande est payée. Merci !",
    expired: "Ce lien de paiement a expiré. Demandez-en un nouveau à {merchant}.",
    exhausted:
      "Cette commande ne peut plus être payée en ligne : la banque n'accepte plus d'essai. Contactez {merchant}.",
    closed: "Cette commande ne peut plus être payée. Contactez {merchant}.",
    notFound:
      "Ce lien de paiement n'est pas valide. Vérifiez que vous l'avez copié en entier, ou demandez-en un nouveau au commerçant.",
    unavailable: "Le paiement est momentanément indisponible. Réessayez plus tard.",
    validUntil: "Lien valable jusqu'au {date}.",
    secure: "Vos données de carte sont saisies sur la page de la banque, jamais sur ce site.",
    language: "Langue",
    reload: "Actualiser la page",
  },
  en: {
    title: "Pay your order",
    order: "Order {reference}",
    item: "Item",
    quantity: "Quantity",
    amount: "Amount",
    total: "Total to pay",
    pay: "Pay by card",
    payable:
      "{merchant} asks you to pay this order. You will enter your card on the bank's secure page.",
    refused:
      "The last payment was refused. You can try again with the same card or another one ({attempts} attempt(s) left).",
    confirming:
      "Thank you! The bank is confirming your payment; refresh the page in a few seconds.",
    paid: "This order is paid. Thank you!",
    expired: "This payment link has expired. Ask {merchant} for a new one.",
    exhausted:
      "This order can no longer be paid online: the bank accepts no more attempts. Contact {merchant}.",
    closed: "This order can no longer be paid. Contact {merchant}.",
    notFound:
      "This payment link is not valid. Check that you copied all of it, or ask the merchant for a new one.",
    unavailable: "Payment is unavailable at the moment. Please try again later.",
    validUntil: "Link valid until {date}.",
    secure: "You enter your card details on the bank's page, never on this site.",
    language: "Language",
    reload: "Refresh the page",
  },
  de: {
    title: "Ihre Bestellung bezahlen",
    order: "Bestellung {reference}",
    item: "Artikel",
    quantity: "Menge",
    amount: "Betrag",
    total: "Zu zahlen",
    pay: "Mit Karte bezahlen",
    payable:
      "{merchant} bittet Sie, diese Bestellung zu bezahlen. Ihre Karte geben Sie auf der sicheren Seite der Bank ein.",
    refused:
      "Die letzte Zahlung wurde abgelehnt. Sie können es mit derselben oder einer anderen Karte erneut versuchen (noch {attempts} Versuch(e)).",
    confirming:
      "Vielen Dank! Die Bank bestätigt Ihre Zahlung; aktualisieren Sie die Seite in einigen Sekunden.",
    paid: "Diese Bestellung ist bezahlt. Vielen Dank!",
    expired: "Dieser Zahlungslink ist abgelaufen. Bitten Sie {merchant} um einen neuen.",
    exhausted:
      "Diese Bestellung kann nicht mehr online bezahlt werden: Die Bank nimmt keinen weiteren Versuch an. Wenden Sie sich an {merchant}.",
    closed: "Diese Bestellung kann nicht mehr bezahlt werden. Wenden Sie sich an {merchant}.",
    notFound:
      "Dieser Zahlungslink ist ungültig. Prüfen Sie, ob Sie ihn vollständig kopiert haben, oder bitten Sie den Händler um einen neuen.",
    unavailable: "Die Zahlung ist derzeit nicht möglich. Bitte versuchen Sie es später erneut.",
    validUntil: "Link gültig bis {date}.",
    secure: "Ihre Kartendaten geben Sie auf der Seite der Bank ein, nie auf dieser Website.",
    language: "Sprache",
    reload: "Seite aktualisieren",
  },
  it: {
    title: "Paga il tuo ordine",
    order: "Ordine {reference}",
    item: "Articolo",
    quantity: "Quantità",
    amount: "Importo",
    total: "Totale da pagare",
    pay: "Paga con carta",
    payable:
      "{merchant} ti invita a pagare questo ordine. Inserirai la carta sulla pagina sicura della banca.",
    refused:
      "L'ultimo pagamento è stato rifiutato. Puoi riprovare con la stessa carta o con un'altra (ancora {attempts} tentativo/i).",
    confirming:
      "Grazie! La banca sta confermando il pagamento; aggiorna la pagina tra qualche secondo.",
    paid: "Questo ordine è pagato. Grazie!",
    expired: "Questo link di pagamento è scaduto. Chiedine uno nuovo a {merchant}.",
    exhausted:
      "Questo ordine non può più essere pagato online: la banca non accetta altri tentativi. Contatta {merchant}.",
    closed: "Questo ordine non può più essere pagato. Contatta {merchant}.",
    notFound:
      "Questo link di pagamento non è valido. Verifica di averlo copiato per intero o chiedine uno nuovo al venditore.",
    unavailable: "Il pagamento non è disponibile al momento. Riprova più tardi.",
    validUntil: "Link valido fino al {date}.",
    secure: "I dati della carta si inseriscono sulla pagina della banca, mai su questo sito.",
    language: "Lingua",
    reload: "Aggiorna la pagina",
  },
  es: {
    title: "Pague su pedido",
    order: "Pedido {reference}",
    item: "Artículo",
    quantity: "Cantidad",
    amount: "Importe",
    total: "Total a pagar",
    pay: "Pagar con tarjeta",
    payable:
      "{merchant} le invita a pagar este pedido. Introducirá su tarjeta en la página segura del banco.",
    refused:
      "El último pago fue rechazado. Puede volver a intentarlo con la misma tarjeta u otra (quedan {attempts} intento(s)).",
    confirming:
      "¡Gracias! El banco está confirmando su pago; actualice la página en unos segundos.",
    paid: "Este pedido está pagado. ¡Gracias!",
    expired: "Este enlace de pago ha caducado. Pida uno nuevo a {merchant}.",
    exhausted:
      "Este pedido ya no se puede pagar en línea: el banco no acepta más intentos. Póngase en contacto con {merchant}.",
    closed: "Este pedido ya no se puede pagar. Póngase en contacto con {merchant}.",
    notFound:
      "Este enlace de pago no es válido. Compruebe que lo ha copiado entero o pida uno nuevo al comercio.",
    unavailable: "El pago no está disponible en este momento. Inténtelo más tarde.",
    validUntil: "Enlace válido hasta el {date}.",
    secure: "Los datos de su tarjeta se introducen en la página del banco, nunca en este sitio.",
    language: "Idioma",
    reload: "Actualizar la página",
  },
  nl: {
    title: "Uw bestelling betalen",
    order: "Bestelling {reference}",
    item: "Artikel",
    quantity: "Aantal",
    amount: "Bedrag",
    total: "Te betalen",
    pay: "Betalen met kaart",
    payable:
      "{merchant} vraagt u deze bestelling te betalen. U voert uw kaart in op de beveiligde pagina van de bank.",
    refused:
      "De laatste betaling is geweigerd. U kunt het opnieuw proberen met dezelfde of een andere kaart (nog {attempts} poging(en)).",
    confirming: "Dank u! De bank bevestigt uw betaling; vernieuw de pagina over een paar seconden.",
    paid: "Deze bestelling is betaald. Dank u!",
    expired: "Deze betaallink is verlopen. Vraag {merchant} om een nieuwe.",
    exhausted:
      "Deze bestelling kan niet meer online worden betaald: de bank aanvaardt geen pogingen meer. Neem contact op met {merchant}.",
    closed: "Deze bestelling kan niet meer worden betaald. Neem contact op met {merchant}.",
    notFound:
      "Deze betaallink is niet geldig. Controleer of u hem volledig hebt gekopieerd, of vraag de handelaar om een nieuwe.",
    unavailable: "Betalen is op dit moment niet mogelijk. Probeer het later opnieuw.",
    validUntil: "Link geldig tot {date}.",
    secure: "Uw kaartgegevens voert u in op de pagina van de bank, nooit op deze site.",
    language: "Taal",
    reload: "Pagina vernieuwen",
  },
};

/** A message with its `{name}` placeholders filled (the values as they are: escape them for HTML). */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (all, name: string) =>
    name in values ? String(values[name]) : all,
  );
}

/** The page language of a code (`FR`, `en`, `de-CH`…), or undefined. */
export function pageLanguage(code: string | undefined): PageLanguage | undefined {
  const base = code?.toLowerCase().split("-")[0];
  return PAGE_LANGUAGES.find((lang) => lang === base);
}

/** A money amount for people: `62,73 €` in French, `€62.73` in English — from minor units, no float. */
export function formatMoney(minor: number, currency: string, digits: number, lang: PageLanguage) {
  const text = String(minor).padStart(digits + 1, "0");
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return new Intl.NumberFormat(lang, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
  }).format(decimal as unknown as number);
}

/** A date and time for people, in the bank's time zone. */
export function formatDate(iso: string, lang: PageLanguage): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  }).format(new Date(iso));
}
