"""Couche 4, les règles : le catalogue du guide et ce qui le vérifie.

Un module par domaine de ``rules.md`` (CONV, ROLE, GRP, USR, ELIG, NUM, MDP, CDAP, AFAS,
SUPP, SEC), chacun à lire à côté de sa section du guide : ses :class:`~mcp_rules.Regle`, et
les vérifications que l'audit et les commandes appliquent. À côté : la règle et le
constat (:mod:`.regle`), la décision (:mod:`.decision`), le contexte d'un audit
(:mod:`.contexte`), les relations de portée d'un acteur (:mod:`.perimetre`) et le
catalogue assemblé (:mod:`.catalogue`). Ce paquet n'importe que les couches du dessous.
"""
