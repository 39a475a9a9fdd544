/** French texts, one per line in the order of `KEYS` (messages.ts). */
export const fr = `Paiement par carte bancaire
Total
Quantité
Un {name} de plus
Un {name} de moins
Retirer {name}
Panier vide.
Calcul…
Création de la commande…
Redirection vers la banque…
E-mail
J’accepte les
CGV
Paiement
En une fois
En {n} fois
Adresse
Code postal
Ville
Pays
Indisponible
Service injoignable. Réessayez.
« {name} » n’est plus disponible.
Le prix a changé.
Quantité non valable.
Erreur. Réessayez.
Ajouter au panier
{n} article(s) au panier
Paiement accepté. Merci !
Paiement refusé.
Réessayer
En attente de la banque…
Toujours en attente. Revenez plus tard.
Commande non confirmée. Contactez la boutique.
Commande introuvable.
Référence : {ref}
Puis {amount} par mois
Puis {amount} tous les {n} mois
Payé
À venir
Non prélevé`;
