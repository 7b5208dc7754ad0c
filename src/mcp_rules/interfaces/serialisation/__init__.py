"""Lire et écrire les objets du domaine en JSON, strictement.

:func:`vers_dict` / :func:`depuis_dict` passent par des structures JSON simples
(dictionnaires, listes, textes, nombres, booléens) ; :func:`vers_json` /
:func:`depuis_json` par du texte. Les conventions de représentation :

- instants en ISO 8601 **avec décalage** (écrits en UTC) ; un instant sans
  fuseau est refusé ;
- énumérations par leur valeur (``"CDAP"``, ``"T4"``), exactement ;
- ensembles en listes triées, sans doublon ;
- ``utilisateurs`` et ``groupes`` d'une convention en listes d'objets, triés par
  identifiant et par code ;
- types valeurs (:class:`~mcp_rules.AdresseEmail`,
  :class:`~mcp_rules.NumeroInstructeur`, :class:`~mcp_rules.MotDePasseTemporaire`)
  par leur texte canonique ;
- événements du journal : des objets dont le membre ``"type"`` nomme la classe ;
  l'acteur Caf s'écrit ``"@CAF"`` (un identifiant de compte ne contient jamais ``@``) ;
- durées (``Politique.inactivite_max``) en ISO 8601 (``"P90D"``).

La lecture est stricte : aucun ``"false"`` lu comme un booléen, aucun ``3.9`` lu
comme un entier, aucun champ inconnu accepté. Un document fautif lève
:class:`~mcp_rules.DonneesInvalides`, dont ``erreurs`` liste **chaque** problème
avec son chemin JSON, un code et un message en français :

>>> from mcp_rules.serialisation import depuis_dict
>>> from mcp_rules import Groupe
>>> try:
...     depuis_dict(
...         {
...             "code": "T1AS",
...             "libelle": "T1 AS",
...             "service": "cdap",
...             "gestionnaire": 3,
...             "couleur": "bleu",
...         },
...         Groupe,
...     )
... except Exception as e:
...     for erreur in e.erreurs:
...         print(erreur.chemin, erreur.code)
$.service MCP-DONNEE-VALEUR
$.gestionnaire MCP-DONNEE-TYPE
$.couleur MCP-DONNEE-INCONNUE
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from mcp_rules.interfaces.serialisation.commandes import lire_commandes
    from mcp_rules.interfaces.serialisation.convertisseur import TYPES_SERIALISABLES
    from mcp_rules.interfaces.serialisation.ecriture import vers_dict, vers_json
    from mcp_rules.interfaces.serialisation.lecture import depuis_dict, depuis_json
    from mcp_rules.interfaces.serialisation.openapi import composants_openapi
    from mcp_rules.interfaces.serialisation.reponses_revue import (
        lire_reponses_revue,
        schema_reponses_revue,
    )
    from mcp_rules.interfaces.serialisation.schema import schema_json
    from mcp_rules.interfaces.serialisation.schemas_sortie import (
        TYPES_SORTIE,
        schema_commandes,
        schema_sortie,
    )
    from mcp_rules.interfaces.serialisation.valeurs import CAF_JSON

_MODULE_DU_NOM: Final = {
    "lire_commandes": "commandes",
    "lire_reponses_revue": "reponses_revue",
    "schema_reponses_revue": "reponses_revue",
    "TYPES_SERIALISABLES": "convertisseur",
    "vers_dict": "ecriture",
    "vers_json": "ecriture",
    "depuis_dict": "lecture",
    "depuis_json": "lecture",
    "schema_json": "schema",
    "schema_sortie": "schemas_sortie",
    "schema_commandes": "schemas_sortie",
    "TYPES_SORTIE": "schemas_sortie",
    "composants_openapi": "openapi",
    "CAF_JSON": "valeurs",
}
"""Chaque nom, et le sous-module qui le définit : importé au premier accès (PEP 562), pour
que la lecture seule (``lecture``) ne charge pas l'écriture des réponses, qui importe
toutes les analyses, ni la lecture des commandes, qui importe la simulation."""

__all__ = [
    "CAF_JSON",
    "TYPES_SERIALISABLES",
    "TYPES_SORTIE",
    "composants_openapi",
    "depuis_dict",
    "depuis_json",
    "lire_commandes",
    "lire_reponses_revue",
    "schema_commandes",
    "schema_json",
    "schema_reponses_revue",
    "schema_sortie",
    "vers_dict",
    "vers_json",
]


if not TYPE_CHECKING:  # caché aux vérificateurs : un nom mal tapé reste une erreur de type

    def __getattr__(nom: str) -> object:
        """Le nom ``nom``, importé de son sous-module au premier accès."""
        module = _MODULE_DU_NOM.get(nom)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")
        valeur = getattr(import_module(f"{__name__}.{module}"), nom)
        globals()[nom] = valeur
        return valeur


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
