"""Couche 8, les interfaces : ce qui relie la bibliothèque au monde extérieur.

Le JSON et son schéma (:mod:`.serialisation`), la ligne de commande (:mod:`.cli`), les
stratégies hypothesis (:mod:`.strategies`), la convention d'exemple (:mod:`.exemple`,
et son fichier JSON, ``mcp_rules/donnees/``) et les conventions synthétiques (:mod:`.generateur`).
Seule cette couche lit un fichier, l'horloge ou la ligne de commande, et seule elle
connaît cattrs, ``json`` et ``argparse``. Les noms publics historiques
(``mcp_rules.serialisation``, ``mcp_rules.strategies``, ``mcp_rules.exemple``,
``mcp_rules.generateur``) sont de fins modules qui ré-exportent celle-ci.
"""
