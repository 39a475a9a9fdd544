/** French texts of the checkout book, one per line in the order of its keys (index.ts). */
export const fr = `Paiement par carte bancaire
Payer {amount}
Payer {amount} en {n} fois
Quantité
Un {name} de plus
Un {name} de moins
Retirer {name}
Votre panier est vide.
Continuer mes achats
Calcul…
Création de la commande…
Redirection vers la banque…
Le total n’a pas pu être calculé.
Réessayer
Tous les champs sont obligatoires, sauf mention « facultatif ».
facultatif
E-mail
Adresse de facturation
Adresse de livraison
Livrer à l’adresse de facturation
Prénom
Nom
Adresse
Complément d’adresse
Code postal
Ville
Pays
Téléphone
Pour le transporteur, en cas de besoin.
J’accepte les
CGV
Paiement
En une fois
En {n} fois
Mode de livraison
Code promo
Appliquer
Retirer le code {code}
Indisponible
Ce champ est obligatoire.
Saisissez une adresse e-mail valable, par exemple nom@exemple.fr.
Code postal non valable ({country} : par exemple {example}).
Numéro non valable : de 6 à 15 chiffres, avec l’indicatif (+32…) pour un autre pays.
Ce texte contient des caractères non acceptés.
Acceptez les conditions générales de vente pour continuer.
Nous ne livrons pas dans ce pays.
Corrigez {n} champ(s) pour continuer :
Ce code promo n’existe pas.
Ce code promo a expiré.
Ce code promo n’est pas encore valable.
Ce code promo demande un panier d’au moins {amount}.
Ce code promo n’est plus disponible.
Ce code promo ne s’applique pas à ce panier.
Aucun paiement n’a été effectué.
Le service de paiement est injoignable : vérifiez votre connexion, puis réessayez.
Le service de paiement a rencontré un problème : réessayez dans un instant.
« {name} » n’est plus disponible : retirez-le du panier pour continuer.
Le prix a changé : vérifiez le nouveau total avant de payer.
Quantité non valable : modifiez-la pour continuer.
Stock insuffisant pour « {name} » : réduisez la quantité pour continuer.
Trop de tentatives : réessayez dans quelques minutes.
Le paiement en ligne n’est pas disponible pour le moment : contactez la boutique.
Complétez les champs signalés, puis payez à nouveau.
Une erreur est survenue : réessayez.
Puis {amount} par mois
Puis {amount} tous les {n} mois`;
