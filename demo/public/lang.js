// The demo's language switch: runs before the drop-in elements start, sets <html lang> (which the elements
// read), and translates the page's own text. Classic external script: no inline code, CSP-friendly.
(() => {
  const LANGUAGES = ["fr", "en", "de", "it", "es", "nl"];
  const STORE = "sceau-demo-lang";
  const T = {
    skip: [
      "Aller au contenu",
      "Skip to content",
      "Zum Inhalt",
      "Vai al contenuto",
      "Ir al contenido",
      "Naar de inhoud",
    ],
    shop: [
      "La boutique du CD",
      "La boutique du CD",
      "La boutique du CD",
      "La boutique du CD",
      "La boutique du CD",
      "La boutique du CD",
    ],
    catalogue: ["Catalogue", "Catalogue", "Katalog", "Catalogo", "Catálogo", "Catalogus"],
    cart: ["Panier", "Cart", "Warenkorb", "Carrello", "Cesta", "Winkelwagen"],
    language: ["Langue", "Language", "Sprache", "Lingua", "Idioma", "Taal"],
    footer: [
      "Démonstration de sceau : paiement par carte via CM-CIC p@iement / Monetico, banque simulée en local.",
      "sceau demo: card payment through CM-CIC p@iement / Monetico, with a local bank sandbox.",
      "sceau-Demo: Kartenzahlung über CM-CIC p@iement / Monetico, mit lokaler Test-Bank.",
      "Demo di sceau: pagamento con carta tramite CM-CIC p@iement / Monetico, banca simulata in locale.",
      "Demo de sceau: pago con tarjeta mediante CM-CIC p@iement / Monetico, banco simulado en local.",
      "sceau-demo: kaartbetaling via CM-CIC p@iement / Monetico, met een lokale testbank.",
    ],
    merchant: [
      "Espace marchand",
      "Merchant area",
      "Händlerbereich",
      "Area commerciante",
      "Área del comercio",
      "Verkopersomgeving",
    ],
    heroTitle: [
      "Des disques qui ont fait l'histoire",
      "Records that made history",
      "Platten, die Geschichte schrieben",
      "Dischi che hanno fatto la storia",
      "Discos que hicieron historia",
      "Platen die geschiedenis schreven",
    ],
    heroText: [
      "Jazz, classique et chanson française, expédiés sous 48 h. Paiement sécurisé par carte bancaire.",
      "Jazz, classical and French chanson, shipped within 48 hours. Secure card payment.",
      "Jazz, Klassik und Chanson, Versand innerhalb von 48 Stunden. Sichere Kartenzahlung.",
      "Jazz, classica e chanson francese, spediti in 48 ore. Pagamento sicuro con carta.",
      "Jazz, clásica y chanson francesa, enviados en 48 h. Pago seguro con tarjeta.",
      "Jazz, klassiek en Franse chanson, binnen 48 uur verzonden. Veilig betalen met je kaart.",
    ],
    split: [
      "en 2 à {max} fois",
      "in 2 to {max} instalments",
      "in 2 bis {max} Raten",
      "in 2–{max} rate",
      "en 2 a {max} plazos",
      "in 2 tot {max} termijnen",
    ],
    splitLong: [
      "Payable en 2 à {max} fois sans frais par carte bancaire.",
      "Pay in 2 to {max} instalments by card at no extra cost.",
      "Zahlbar in 2 bis {max} Raten per Karte, ohne Aufpreis.",
      "Pagabile in 2–{max} rate con carta, senza costi aggiuntivi.",
      "Pagable en 2 a {max} plazos con tarjeta, sin gastos.",
      "Te betalen in 2 tot {max} termijnen met je kaart, zonder kosten.",
    ],
    limited: [
      "tirage limité",
      "limited edition",
      "limitierte Auflage",
      "edizione limitata",
      "edición limitada",
      "beperkte oplage",
    ],
    digital: [
      "envoyé par e-mail",
      "sent by e-mail",
      "per E-Mail",
      "inviato via e-mail",
      "enviado por e-mail",
      "per e-mail",
    ],
    pricesNote: [
      "Prix TTC (TVA 20 % sur les disques, 5,5 % sur le livret). Livraison calculée au panier selon le pays : offerte en France dès 25 €. Code de bienvenue : BIENVENUE10 (−10 %).",
      "Prices include VAT (20% on records, 5.5% on the booklet). Shipping is priced in the cart by country: free in France from €25. Welcome code: BIENVENUE10 (−10%).",
      "Preise inkl. MwSt. (20 % auf CDs, 5,5 % auf das Heft). Versand wird im Warenkorb je nach Land berechnet: in Frankreich ab 25 € kostenlos. Willkommenscode: BIENVENUE10 (−10 %).",
      "Prezzi IVA inclusa (20 % sui dischi, 5,5 % sul libretto). Spedizione calcolata nel carrello in base al paese: gratuita in Francia da 25 €. Codice di benvenuto: BIENVENUE10 (−10 %).",
      "Precios con IVA (20 % en discos, 5,5 % en el librito). Envío calculado en la cesta según el país: gratis en Francia desde 25 €. Código de bienvenida: BIENVENUE10 (−10 %).",
      "Prijzen incl. btw (20 % op cd's, 5,5 % op het boekje). Verzending berekend in de winkelwagen per land: gratis in Frankrijk vanaf € 25. Welkomstcode: BIENVENUE10 (−10 %).",
    ],
    perMonth: ["par mois", "per month", "pro Monat", "al mese", "al mes", "per maand"],
    clubNote: [
      "Abonnement mensuel, résiliable à tout moment.",
      "Monthly subscription, cancel at any time.",
      "Monatsabonnement, jederzeit kündbar.",
      "Abbonamento mensile, disdetta in qualsiasi momento.",
      "Suscripción mensual, cancelable en cualquier momento.",
      "Maandabonnement, altijd opzegbaar.",
    ],
    seeCart: [
      "Voir le panier",
      "View cart",
      "Zum Warenkorb",
      "Vedi il carrello",
      "Ver la cesta",
      "Bekijk winkelwagen",
    ],
    yourCart: [
      "Votre panier",
      "Your cart",
      "Ihr Warenkorb",
      "Il tuo carrello",
      "Tu cesta",
      "Je winkelwagen",
    ],
    cartHint: [
      "Vous serez redirigé vers la page de paiement sécurisée de la banque. Aucune donnée de carte ne transite par notre site.",
      "You will be taken to the bank's secure payment page. Your card details never pass through our site.",
      "Sie werden zur sicheren Zahlungsseite der Bank weitergeleitet. Ihre Kartendaten laufen nie über unsere Website.",
      "Sarai reindirizzato alla pagina di pagamento sicura della banca. I dati della carta non passano dal nostro sito.",
      "Se te redirigirá a la página de pago segura del banco. Los datos de tu tarjeta nunca pasan por nuestro sitio.",
      "Je gaat naar de beveiligde betaalpagina van de bank. Je kaartgegevens komen nooit op onze site.",
    ],
    orderTitle: [
      "Votre commande",
      "Your order",
      "Ihre Bestellung",
      "Il tuo ordine",
      "Tu pedido",
      "Je bestelling",
    ],
    erreurTitle: [
      "Votre paiement",
      "Your payment",
      "Ihre Zahlung",
      "Il tuo pagamento",
      "Tu pago",
      "Je betaling",
    ],
    terms: [
      "Conditions générales de vente",
      "Terms of sale",
      "Allgemeine Geschäftsbedingungen",
      "Condizioni generali di vendita",
      "Condiciones generales de venta",
      "Algemene verkoopvoorwaarden",
    ],
    termsNote: [
      "Les conditions de la boutique sont rédigées en français ; elles seules font foi.",
      "The shop's terms are written in French; only the French text is binding.",
      "Die Bedingungen des Shops sind auf Französisch verfasst; nur der französische Text ist verbindlich.",
      "Le condizioni del negozio sono redatte in francese; fa fede solo il testo francese.",
      "Las condiciones de la tienda están redactadas en francés; solo el texto francés es vinculante.",
      "De voorwaarden van de winkel zijn in het Frans opgesteld; alleen de Franse tekst is bindend.",
    ],
    backToShop: [
      "Retour au catalogue",
      "Back to the catalogue",
      "Zurück zum Katalog",
      "Torna al catalogo",
      "Volver al catálogo",
      "Terug naar de catalogus",
    ],
  };

  const fromUrl = new URLSearchParams(location.search).get("lang");
  let lang = fromUrl && LANGUAGES.includes(fromUrl) ? fromUrl : null;
  try {
    if (lang) localStorage.setItem(STORE, lang);
    else lang = localStorage.getItem(STORE);
  } catch {
    // Storage can be disabled; the page language then stays as the URL or the default says.
  }
  if (!lang || !LANGUAGES.includes(lang)) lang = "fr";
  document.documentElement.lang = lang;
  const index = LANGUAGES.indexOf(lang);

  function translate() {
    for (const node of document.querySelectorAll("[data-i18n]")) {
      const text = T[node.getAttribute("data-i18n")];
      if (text) node.textContent = text[index] ?? text[1];
    }
    const select = document.getElementById("lang-switch");
    if (select) {
      select.value = lang;
      select.addEventListener("change", () => {
        try {
          localStorage.setItem(STORE, select.value);
        } catch {}
        const url = new URL(location.href);
        url.searchParams.set("lang", select.value);
        location.assign(url);
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", translate);
  else translate();
})();
