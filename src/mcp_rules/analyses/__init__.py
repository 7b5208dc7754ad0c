"""Couche 7, les analyses : ce qu'on calcule sur toute une convention, au-dessus des décisions.

L'audit (:mod:`.audit`), les diagnostics des problèmes fréquents du guide
(:mod:`.diagnostic`, :mod:`.symptomes_acces`, :mod:`.symptomes_comptes`) et leurs plans
de remède (:mod:`.plans`), la matrice des accès (:mod:`.matrice`), les tables de
décision des profils (:mod:`.tables`) et la simulation de commandes
(:mod:`.simulation`). Une analyse pose des questions aux décisions et peut exécuter des
commandes sur une copie ; rien en dessous ne l'appelle.
"""
