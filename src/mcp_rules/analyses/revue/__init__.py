"""La revue des habilitations : chaque compte encore ouvert, confirmé par qui en répond.

Le guide demande de clôturer les comptes des personnes qui partent ou dont les missions ne
justifient plus l'accès (``MCP-USR-06``), de limiter le nombre de personnes qui accèdent au
service (``MCP-USR-07``) et de vérifier que les gestionnaires désignés sont toujours en
fonction (``MCP-GRP-08``). :func:`revue` prépare cette campagne à un instant : pour chaque
compte ouvert, qui doit le confirmer et pourquoi il mérite un regard (``motifs``).

Qui confirme un compte : les gestionnaires des groupes du compte (et des groupes parents)
qui peuvent le clôturer ; à défaut, et pour les gestionnaires eux-mêmes, les administrateurs
qui le peuvent ; à défaut encore, la Caf. « Peut le clôturer » se lit dans la table des
droits (:func:`~mcp_rules.peut`), la même que celle des commandes.

Les réponses (:class:`ReponseRevue` : garder ou clôturer) se concluent par
:func:`conclure_revue`, qui rend les commandes à exécuter (ou à simuler d'abord), après
avoir vérifié, par la même table des droits, que chaque relecteur peut clôturer ce qu'il
demande de clôturer : un relecteur ne clôt que ce qu'il peut clore.

>>> from datetime import datetime, UTC
>>> from mcp_rules import revue
>>> from mcp_rules.exemple import convention_exemple
>>> r = revue(convention_exemple(), instant=datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
>>> [x.identifiant for x in r.pour("gest.durand")]
['as.leroy', 'as.moreau', 'cesf.roux']
>>> [m.code for m in r.compte("cesf.roux").motifs]
['MCP-USR-04', 'MCP-ELIG-01']
"""

from __future__ import annotations

from mcp_rules.analyses.revue.campagne import ARevoir, Revue, revue
from mcp_rules.analyses.revue.conclusion import (
    Avis,
    ConclusionRevue,
    ReponseRevue,
    conclure_revue,
)

__all__ = [
    "ARevoir",
    "Avis",
    "ConclusionRevue",
    "ReponseRevue",
    "Revue",
    "conclure_revue",
    "revue",
]
