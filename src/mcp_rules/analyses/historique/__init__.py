"""L'histoire des habilitations : qui pouvait faire quoi à un instant passé, d'après le journal.

Une convention garde son état présent et le journal des commandes acceptées. L'histoire
se lit **à rebours** : l'état à un instant passé ``t`` est l'état présent dont on défait
chaque événement postérieur à ``t``. :func:`historique` construit une fois, en un passage
sur le journal, les lignes de temps de chaque adhésion, de chaque rôle de groupe, de chaque
date de clôture et de chaque rôle AFAS ; chaque question se répond ensuite sans relire le
journal.

Ce que le journal ne dit pas, l'histoire ne le devine pas : elle le nomme dans
``donnees_manquantes`` (et l'explique dans ``motifs``) :

- ``"journal"`` : l'instant précède le premier événement du journal (un journal partiel,
  ou une convention chargée sans journal) ; seule la date de création d'un compte reste
  sûre (avant elle, le compte n'existait pas) ;
- un nom de champ (``"fonction"``, ``"numero_instructeur"``…) : le champ a changé après
  l'instant, et le journal garde le nom d'un champ modifié, pas son ancienne valeur ;
- ``"cloture_le"`` : une réactivation postérieure efface une date de clôture que le journal
  ne connaît pas ;
- ``"incoherence"`` : le journal contredit l'état présent (un membre ajouté deux fois, un
  rôle retiré qui n'était pas celui du groupe…) ; avant la contradiction, rien n'est sûr.

Hypothèses, dites une fois : le journal est complet depuis son premier événement (toute
commande acceptée depuis y figure) ; les services souscrits, le contrat de services, le
service et le parent d'un groupe ne changent par aucune commande, ils sont donc ceux
d'aujourd'hui sur toute la durée du journal ; une condition locale d'une
:class:`~mcp_rules.Politique` ne lit que les champs qu'une commande peut modifier.

>>> from datetime import datetime, UTC
>>> from mcp_rules import historique, retirer_du_groupe
>>> from mcp_rules.exemple import convention_exemple
>>> c = convention_exemple()
>>> h = historique(c)
>>> a = h.acces_cdap("cesf.roux", instant=datetime(2026, 3, 3, tzinfo=UTC))
>>> a.profils, a.certain
((<ProfilT.T1: 'T1'>,), True)
"""

from __future__ import annotations

from mcp_rules.analyses.historique.descriptions import decrire
from mcp_rules.analyses.historique.questions import Historique, historique
from mcp_rules.analyses.historique.reponses import (
    AccesPasse,
    AccesPendant,
    Acte,
    Actes,
    Habilitation,
    Periode,
    Periodes,
)

__all__ = [
    "AccesPasse",
    "AccesPendant",
    "Acte",
    "Actes",
    "Habilitation",
    "Historique",
    "Periode",
    "Periodes",
    "decrire",
    "historique",
]
