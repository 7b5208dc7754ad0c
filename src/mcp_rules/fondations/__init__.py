"""Couche 1, les fondations : erreurs et codes stables (:mod:`.erreurs`), énumérations
(:mod:`.enumerations`), contrôles de structure partagés (:mod:`.controles`), acteurs
(:mod:`.acteurs`) et écriture des blocs d'affichage (:mod:`.rendu`). Rien ici n'importe
le reste du paquet."""
