"""Lire les réponses d'une revue depuis un document JSON (``mcp-rules revue --reponses``).

Une liste d'objets ``{"relecteur": …, "identifiant": …, "avis": "GARDER" | "CLORE"}`` ;
``relecteur`` est un identifiant de compte ou ``"@CAF"``. Chaque faute est dite à son
chemin (``$[2].avis``), toutes à la fois.

>>> lire_reponses_revue(
...     '[{"relecteur": "gest.durand", "identifiant": "cesf.roux", "avis": "CLORE"}]'
... )
[ReponseRevue(relecteur='gest.durand', identifiant='cesf.roux', avis=<Avis.CLORE: 'CLORE'>)]
"""

from __future__ import annotations

from typing import Any, Final

from mcp_rules.analyses.revue import Avis, ReponseRevue
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.erreurs import (
    DonneeInvalide,
    DonneesInvalides,
    ErreurChamp,
)
from mcp_rules.interfaces.serialisation.commandes import objets_d_une_liste
from mcp_rules.interfaces.serialisation.schema import (
    BASE_ID,
    DIALECTE,
    schema_acteur,
    schema_identifiant,
)
from mcp_rules.interfaces.serialisation.schemas_briques import enum, objet
from mcp_rules.interfaces.serialisation.valeurs import lire_acteur

__all__ = ["MEMBRES_REPONSE", "lire_reponses_revue", "schema_reponses_revue"]

MEMBRES_REPONSE: Final = ("relecteur", "identifiant", "avis")


def lire_reponses_revue(texte: str | bytes) -> list[ReponseRevue]:
    """Lit les réponses d'une revue ; lève :class:`~mcp_rules.DonneesInvalides` (toutes les
    fautes, chacune à son chemin) si le document n'est pas une liste de réponses."""
    fautes: list[ErreurChamp] = []
    lues: list[ReponseRevue] = []
    elements = objets_d_une_liste(texte, "réponses", "réponse", MEMBRES_REPONSE, fautes)
    for chemin, element in elements:
        valeurs: dict[str, Any] = {}
        for nom, lire in (
            ("relecteur", lambda v: lire_acteur(v, None)),
            ("identifiant", lambda v: controles.identifiant(v, "identifiant")),
            ("avis", Avis.parse),
        ):
            if nom not in element:
                fautes.append(ErreurChamp(f"{chemin}.{nom}", erreurs.MANQUANTE, f"{nom} manque"))
                continue
            try:
                valeurs[nom] = lire(element[nom])
            except DonneeInvalide as exc:
                fautes.extend(exc.en_erreurs_champ(f"{chemin}.{nom}"))
        if len(valeurs) == len(MEMBRES_REPONSE):
            lues.append(ReponseRevue(**valeurs))
    if fautes:
        raise DonneesInvalides(fautes)
    return lues


def schema_reponses_revue() -> dict[str, Any]:
    """Le schéma JSON (draft 2020-12) du fichier de réponses d'une revue."""
    return {
        "$schema": DIALECTE,
        "$id": f"{BASE_ID}entrees/ReponsesRevue.json",
        "title": "ReponsesRevue",
        "description": "Les réponses des relecteurs d'une revue des habilitations.",
        "type": "array",
        "items": objet(
            "ReponseRevue",
            {
                "relecteur": schema_acteur(),
                "identifiant": schema_identifiant(),
                "avis": enum([a.value for a in Avis]),
            },
        ),
    }
