/** Dutch texts of the checkout book, one per line in the order of its keys (index.ts). */
export const nl = `Betalen met kaart
{amount} betalen
{amount} in {n} termijnen betalen
Aantal
Eén {name} meer
Eén {name} minder
{name} verwijderen
Je winkelwagen is leeg.
Verder winkelen
Berekenen…
Bestelling aanmaken…
Naar de bank…
Het totaal kon niet worden berekend.
Opnieuw proberen
Alle velden zijn verplicht, tenzij ‘optioneel’ vermeld.
optioneel
E-mail
Factuuradres
Bezorgadres
Bezorgen op het factuuradres
Voornaam
Achternaam
Straat en huisnummer
Adresregel 2
Postcode
Plaats
Land
Telefoon
Voor de bezorger, indien nodig.
Ik ga akkoord met de
verkoopvoorwaarden
Betaling
In één keer
In {n} termijnen
Verzendmethode
Kortingscode
Toepassen
Code {code} verwijderen
Niet beschikbaar
Dit veld is verplicht.
Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.
Ongeldige postcode ({country}: bijvoorbeeld {example}).
Ongeldig nummer: 6 tot 15 cijfers, met landcode (+32…) voor een ander land.
Deze tekst bevat tekens die niet zijn toegestaan.
Ga akkoord met de verkoopvoorwaarden om verder te gaan.
We leveren niet in dit land.
Verbeter {n} veld(en) om verder te gaan:
Deze kortingscode bestaat niet.
Deze kortingscode is verlopen.
Deze kortingscode is nog niet geldig.
Deze code geldt vanaf een bedrag van {amount}.
Deze kortingscode is niet meer beschikbaar.
Deze code geldt niet voor deze winkelwagen.
Er is niets afgeschreven.
De betaaldienst is niet bereikbaar: controleer je verbinding en probeer het opnieuw.
De betaaldienst had een probleem: probeer het zo opnieuw.
‘{name}’ is niet meer beschikbaar: verwijder het uit je winkelwagen om verder te gaan.
De prijs is gewijzigd: controleer het nieuwe totaal voordat je betaalt.
Ongeldig aantal: pas het aan om verder te gaan.
Niet genoeg ‘{name}’ op voorraad: verlaag het aantal om verder te gaan.
Te veel pogingen: probeer het over een paar minuten opnieuw.
Online betalen is op dit moment niet mogelijk: neem contact op met de winkel.
Vul de gemarkeerde velden in en betaal opnieuw.
Er ging iets mis: probeer het opnieuw.
Daarna {amount} per maand
Daarna {amount} elke {n} maanden`;
