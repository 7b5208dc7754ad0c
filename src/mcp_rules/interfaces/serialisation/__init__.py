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

from mcp_rules.interfaces.serialisation.commandes import lire_commandes
from mcp_rules.interfaces.serialisation.convertisseur import TYPES_SERIALISABLES
from mcp_rules.interfaces.serialisation.ecriture import vers_dict, vers_json
from mcp_rules.interfaces.serialisation.lecture import depuis_dict, depuis_json
from mcp_rules.interfaces.serialisation.schema import schema_json
from mcp_rules.interfaces.serialisation.valeurs import CAF_JSON

__all__ = [
    "CAF_JSON",
    "TYPES_SERIALISABLES",
    "depuis_dict",
    "depuis_json",
    "lire_commandes",
    "schema_json",
    "vers_dict",
    "vers_json",
]
