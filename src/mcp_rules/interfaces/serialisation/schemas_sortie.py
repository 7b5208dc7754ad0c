"""Les schémas JSON des réponses de la bibliothèque, et du fichier de commandes.

:func:`~mcp_rules.interfaces.serialisation.ecriture.vers_dict` écrit aussi les réponses
(rapport d'audit, accès à CDAP, décision, diagnostic, résultat d'une commande, simulation,
matrice, table de décision, règle, histoire des habilitations, revue des accès) pour qu'un
autre service les reçoive ; :func:`schema_sortie` décrit chacune exactement (chaque membre
exigé, aucun autre permis, les codes parmi ceux du catalogue), et :func:`schema_commandes`
le fichier que lit ``mcp-rules simuler``. Les tests valident par deux validateurs
(jsonschema en Python, ajv en JavaScript dans la CI) ce que la bibliothèque écrit
réellement.

>>> from mcp_rules import Rapport
>>> from mcp_rules.serialisation import schema_sortie
>>> schema = schema_sortie(Rapport)
>>> schema["title"], schema["$defs"]["Constat"]["required"][:3]
('Rapport', ['code', 'severite', 'message'])
"""

from __future__ import annotations

import copy
from typing import Any, Final

from mcp_rules.analyses.audit import Rapport
from mcp_rules.analyses.diagnostic import Diagnostic
from mcp_rules.analyses.effets import Simulation
from mcp_rules.analyses.matrice import MatriceAcces
from mcp_rules.analyses.plans import Etape
from mcp_rules.analyses.tables import TableDecision
from mcp_rules.commandes import COMMANDES, Resultat
from mcp_rules.decisions.reponses import AccesCdap
from mcp_rules.fondations import erreurs
from mcp_rules.fondations.enumerations import Fonction, ProfilT, Service, Severite, Symptome
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.interfaces.serialisation.schema import (
    BASE_ID,
    DIALECTE,
    schema_acteur,
    schema_identifiant,
    schema_json,
)
from mcp_rules.interfaces.serialisation.schemas_historique import schemas_histoire
from mcp_rules.modele import Utilisateur
from mcp_rules.modele.evenements import Evenement
from mcp_rules.regles.catalogue import CATALOGUE
from mcp_rules.regles.decision import Decision
from mcp_rules.regles.regle import Constat, Regle

__all__ = ["TYPES_SORTIE", "schema_commandes", "schema_sortie"]


def _objet(
    titre: str, proprietes: dict[str, Any], *, facultatifs: tuple[str, ...] = ()
) -> dict[str, Any]:
    return {
        "title": titre,
        "type": "object",
        "additionalProperties": False,
        "properties": proprietes,
        "required": [p for p in proprietes if p not in facultatifs],
    }


def _liste(element: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": element}


def _enum(valeurs: list[str]) -> dict[str, Any]:
    return {"type": "string", "enum": valeurs}


_TEXTE: Final = {"type": "string"}
_BOOLEEN: Final = {"type": "boolean"}
_ENTIER: Final = {"type": "integer", "minimum": 0}
_INSTANT: Final = {"type": "string", "format": "date-time"}
_PROFIL: Final = _enum([p.value for p in ProfilT])
_SERVICE: Final = _enum([s.value for s in Service])
_CODE: Final = _enum(sorted(CATALOGUE))
_CONSTATS: Final = _liste({"$ref": "#/$defs/Constat"})


def _definitions() -> dict[str, dict[str, Any]]:
    """Les définitions communes : constat, étape d'un plan, résultat, événements."""
    evenements = schema_json(Evenement)["$defs"]
    return {
        "Constat": _objet(
            "Constat",
            {
                "code": _CODE,
                "severite": _enum([s.value for s in Severite]),
                "message": _TEXTE,
                "remede": _TEXTE,
                "cible": {"type": ["string", "null"]},
                "titre": _TEXTE,
                "source": _TEXTE,
            },
        ),
        "Etape": _objet(
            "Etape",
            {
                "commande": _enum(list(COMMANDES)),
                "arguments": {"type": "object", "additionalProperties": _TEXTE},
                "par": _liste(schema_acteur()),
                "texte": _TEXTE,
                "a_completer": _liste(_TEXTE),
            },
        ),
        "Resultat": _objet(
            "Resultat",
            {
                "accepte": _BOOLEEN,
                "evenements": _liste({"$ref": "#/$defs/Evenement"}),
                "constats": _CONSTATS,
            },
        ),
        **evenements,
    }


def _questions() -> dict[type[Any], dict[str, Any]]:
    """Les réponses aux questions : constat, étape, résultat, règle, décision, accès."""
    return {
        Constat: {"$ref": "#/$defs/Constat"},
        Etape: {"$ref": "#/$defs/Etape"},
        Resultat: {"$ref": "#/$defs/Resultat"},
        Regle: _objet(
            "Regle",
            {
                "code": _CODE,
                "titre": _TEXTE,
                "source": _TEXTE,
                "severite": _enum([s.value for s in Severite]),
                "automatisable": _BOOLEEN,
                "description": _TEXTE,
                "interpretations": _liste(_ENTIER),
            },
        ),
        Decision: _objet(
            "Decision",
            {"autorise": _BOOLEEN, "donnees_manquantes": _liste(_TEXTE), "constats": _CONSTATS},
        ),
        AccesCdap: _objet(
            "AccesCdap",
            {
                "identifiant": _TEXTE,
                "autorise": _BOOLEEN,
                "profils": _liste(_PROFIL),
                "groupes": _liste(
                    _objet("GroupeDonnantUnProfil", {"groupe": _TEXTE, "profil": _PROFIL})
                ),
                "donnees_manquantes": _liste(_TEXTE),
                "constats": _CONSTATS,
            },
        ),
    }


def _rapports() -> dict[type[Any], dict[str, Any]]:
    """Les réponses sur une convention entière : audit et diagnostic."""
    par_cle = {"type": "object", "additionalProperties": _ENTIER}
    return {
        Rapport: _objet(
            "Rapport",
            {
                "numero": _TEXTE,
                "instant": _INSTANT,
                "est_conforme": _BOOLEEN,
                "nombre_comptes": _ENTIER,
                "nombre_comptes_actifs": _ENTIER,
                "nombre_groupes": _ENTIER,
                "comptes_par_profil": {**par_cle, "propertyNames": _PROFIL},
                "comptes_par_service": {**par_cle, "propertyNames": _SERVICE},
                "constats": _CONSTATS,
                "filtre": _objet(
                    "Filtre",
                    {
                        "severite": {"type": ["string", "null"]},
                        "codes": _liste(_TEXTE),
                        "montres": _ENTIER,
                        "total": _ENTIER,
                    },
                )
                | {"description": "Ajouté par mcp-rules audit --severite/--code."},
            },
            facultatifs=("filtre",),
        ),
        Diagnostic: _objet(
            "Diagnostic",
            {
                "identifiant": _TEXTE,
                "symptome": _enum([s.value for s in Symptome]),
                "causes": _CONSTATS,
                "plan": _liste({"$ref": "#/$defs/Etape"}),
                "recours": {"type": ["string", "null"]},
            },
        ),
    }


def _simulations_et_tables() -> dict[type[Any], dict[str, Any]]:
    """Simulation, matrice des accès et table de décision."""
    return {
        Simulation: _objet(
            "Simulation",
            {
                "toutes_acceptees": _BOOLEEN,
                "resultats": _liste({"$ref": "#/$defs/Resultat"}),
                "changements": _liste(
                    _objet(
                        "Changement",
                        {
                            "identifiant": _TEXTE,
                            "avant": _liste(_PROFIL),
                            "apres": _liste(_PROFIL),
                            "gagnes": _liste(_PROFIL),
                            "perdus": _liste(_PROFIL),
                            "services_gagnes": _liste(_SERVICE),
                            "services_perdus": _liste(_SERVICE),
                        },
                    )
                ),
                "nouveaux_constats": _CONSTATS,
                "constats_resolus": _CONSTATS,
            },
        ),
        MatriceAcces: _objet(
            "MatriceAcces",
            {
                "numero": _TEXTE,
                "instant": _INSTANT,
                "comptes": _liste(
                    _objet(
                        "LigneAcces",
                        {
                            "identifiant": _TEXTE,
                            "nom": _TEXTE,
                            "actif": _BOOLEEN,
                            "profils": _liste(_PROFIL),
                            "services": _liste(_SERVICE),
                        },
                    )
                ),
            },
        ),
        TableDecision: {
            "title": "TableDecision",
            **_liste(
                _objet(
                    "LigneDecision",
                    {
                        "profil": _PROFIL,
                        "fonction": _enum([f.value for f in Fonction]),
                        "donnees_presentes": _BOOLEEN,
                        "autorise": _BOOLEEN,
                        "codes": _liste(_CODE),
                        "donnees_manquantes": _liste(_TEXTE),
                    },
                )
            ),
        },
    }


def _racines() -> dict[type[Any], dict[str, Any]]:
    """Le schéma de la racine de chaque réponse."""
    return {**_questions(), **_rapports(), **_simulations_et_tables(), **schemas_histoire()}


TYPES_SORTIE: Final[tuple[type[Any], ...]] = tuple(_racines())
"""Les réponses que :func:`schema_sortie` décrit."""


def _document(titre: str, racine: dict[str, Any], description: str) -> dict[str, Any]:
    document: dict[str, Any] = {
        "$schema": DIALECTE,
        "$id": f"{BASE_ID}sorties/{titre}.json",
        "title": titre,
        "description": description,
        **racine,
        "$defs": _definitions(),
    }
    return document


def schema_sortie(type_: type[Any]) -> dict[str, Any]:
    """Le schéma JSON (draft 2020-12) de ce que :func:`vers_dict` écrit pour ``type_``.

    Un type qui n'est pas une réponse de la bibliothèque (voir :data:`TYPES_SORTIE`) lève
    :class:`~mcp_rules.DonneeInvalide`.
    """
    racines = _racines()
    racine = racines.get(type_) if isinstance(type_, type) else None
    if racine is None:
        noms = ", ".join(t.__name__ for t in TYPES_SORTIE)
        raise DonneeInvalide(
            erreurs.INCONNUE,
            f"pas de schéma de réponse pour {apercu(type_)} ; réponses décrites : {noms}",
            valeur=type_,
        )
    titre = type_.__name__
    doc = (type_.__doc__ or titre).strip().splitlines()[0]
    return copy.deepcopy(_document(titre, racine, f"Réponse écrite par vers_dict : {doc}"))


def schema_commandes() -> dict[str, Any]:
    """Le schéma du fichier de commandes de ``mcp-rules simuler`` (:func:`lire_commandes`) :
    une liste d'objets ``{"commande", "par", "arguments"}``."""
    utilisateur = schema_json(Utilisateur)
    compte = {"anyOf": [schema_identifiant(), {"$ref": "#/$defs/Utilisateur"}]}
    commande = _objet(
        "Commande",
        {
            "commande": _enum(list(COMMANDES)),
            "par": schema_acteur(),
            "arguments": {
                "type": "object",
                "description": (
                    "Les arguments nommés de la commande ; un nouveau compte "
                    "(creer_utilisateur, un gestionnaire à créer) s'écrit comme un "
                    "Utilisateur, « le » en ISO 8601."
                ),
                "properties": {"le": {"type": ["string", "null"], "format": "date-time"}},
            },
        },
        facultatifs=("arguments",),
    )

    def selon(noms: list[str], arguments: dict[str, Any]) -> dict[str, Any]:
        return {
            "if": {"properties": {"commande": {"enum": noms}}, "required": ["commande"]},
            "then": {"properties": {"arguments": {"properties": arguments}}},
        }

    commande["allOf"] = [
        selon(["creer_utilisateur"], {"utilisateur": {"$ref": "#/$defs/Utilisateur"}}),
        selon(["creer_groupe", "designer_gestionnaire"], {"gestionnaire": compte}),
    ]
    return {
        "$schema": DIALECTE,
        "$id": f"{BASE_ID}commandes.json",
        "title": "Commandes",
        "description": "Le fichier de commandes de mcp-rules simuler : une liste de commandes.",
        **_liste({"$ref": "#/$defs/Commande"}),
        "$defs": {"Commande": commande, **utilisateur["$defs"]},
    }
