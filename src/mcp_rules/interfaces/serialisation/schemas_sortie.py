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
from mcp_rules.fondations.enumerations import Fonction, Severite, Symptome
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.interfaces.serialisation.schema import (
    BASE_ID,
    DIALECTE,
    schema_acteur,
    schema_identifiant,
    schema_json,
)
from mcp_rules.interfaces.serialisation.schemas_briques import (
    BOOLEEN,
    CODE,
    CONSTATS,
    ENTIER,
    INSTANT,
    PROFIL,
    SERVICE,
    TEXTE,
    decision,
    enum,
    liste,
    objet,
)
from mcp_rules.interfaces.serialisation.schemas_historique import schemas_histoire
from mcp_rules.modele import Utilisateur
from mcp_rules.modele.evenements import Evenement
from mcp_rules.regles.decision import Decision
from mcp_rules.regles.regle import Constat, Regle

__all__ = ["TYPES_SORTIE", "schema_commandes", "schema_sortie"]


def _definitions() -> dict[str, dict[str, Any]]:
    """Les définitions communes : constat, étape d'un plan, résultat, événements."""
    evenements = schema_json(Evenement)["$defs"]
    return {
        "Constat": objet(
            "Constat",
            {
                "code": CODE,
                "severite": enum([s.value for s in Severite]),
                "message": TEXTE,
                "remede": TEXTE,
                "cible": {"type": ["string", "null"]},
                "titre": TEXTE,
                "source": TEXTE,
            },
        ),
        "Etape": objet(
            "Etape",
            {
                "commande": enum(list(COMMANDES)),
                "arguments": {"type": "object", "additionalProperties": TEXTE},
                "par": liste(schema_acteur()),
                "texte": TEXTE,
                "a_completer": liste(TEXTE),
            },
        ),
        "Resultat": objet(
            "Resultat",
            {
                "accepte": BOOLEEN,
                "evenements": liste({"$ref": "#/$defs/Evenement"}),
                "constats": CONSTATS,
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
        Regle: objet(
            "Regle",
            {
                "code": CODE,
                "titre": TEXTE,
                "source": TEXTE,
                "severite": enum([s.value for s in Severite]),
                "automatisable": BOOLEEN,
                "description": TEXTE,
                "interpretations": liste(ENTIER),
            },
        ),
        Decision: decision(),
        AccesCdap: objet(
            "AccesCdap",
            {
                "identifiant": TEXTE,
                "autorise": BOOLEEN,
                "profils": liste(PROFIL),
                "groupes": liste(
                    objet("GroupeDonnantUnProfil", {"groupe": TEXTE, "profil": PROFIL})
                ),
                "donnees_manquantes": liste(TEXTE),
                "constats": CONSTATS,
            },
        ),
    }


def _rapports() -> dict[type[Any], dict[str, Any]]:
    """Les réponses sur une convention entière : audit et diagnostic."""
    par_cle = {"type": "object", "additionalProperties": ENTIER}
    return {
        Rapport: objet(
            "Rapport",
            {
                "numero": TEXTE,
                "instant": INSTANT,
                "est_conforme": BOOLEEN,
                "nombre_comptes": ENTIER,
                "nombre_comptes_actifs": ENTIER,
                "nombre_groupes": ENTIER,
                "comptes_par_profil": {**par_cle, "propertyNames": PROFIL},
                "comptes_par_service": {**par_cle, "propertyNames": SERVICE},
                "constats": CONSTATS,
                "filtre": objet(
                    "Filtre",
                    {
                        "severite": {"type": ["string", "null"]},
                        "codes": liste(TEXTE),
                        "montres": ENTIER,
                        "total": ENTIER,
                    },
                )
                | {"description": "Ajouté par mcp-rules audit --severite/--code."},
            },
            facultatifs=("filtre",),
        ),
        Diagnostic: objet(
            "Diagnostic",
            {
                "identifiant": TEXTE,
                "symptome": enum([s.value for s in Symptome]),
                "causes": CONSTATS,
                "plan": liste({"$ref": "#/$defs/Etape"}),
                "recours": {"type": ["string", "null"]},
            },
        ),
    }


def _simulations_et_tables() -> dict[type[Any], dict[str, Any]]:
    """Simulation, matrice des accès et table de décision."""
    return {
        Simulation: objet(
            "Simulation",
            {
                "toutes_acceptees": BOOLEEN,
                "resultats": liste({"$ref": "#/$defs/Resultat"}),
                "changements": liste(
                    objet(
                        "Changement",
                        {
                            "identifiant": TEXTE,
                            "avant": liste(PROFIL),
                            "apres": liste(PROFIL),
                            "gagnes": liste(PROFIL),
                            "perdus": liste(PROFIL),
                            "services_gagnes": liste(SERVICE),
                            "services_perdus": liste(SERVICE),
                        },
                    )
                ),
                "nouveaux_constats": CONSTATS,
                "constats_resolus": CONSTATS,
            },
        ),
        MatriceAcces: objet(
            "MatriceAcces",
            {
                "numero": TEXTE,
                "instant": INSTANT,
                "comptes": liste(
                    objet(
                        "LigneAcces",
                        {
                            "identifiant": TEXTE,
                            "nom": TEXTE,
                            "actif": BOOLEEN,
                            "profils": liste(PROFIL),
                            "services": liste(SERVICE),
                        },
                    )
                ),
            },
        ),
        TableDecision: {
            "title": "TableDecision",
            **liste(
                objet(
                    "LigneDecision",
                    {
                        "profil": PROFIL,
                        "fonction": enum([f.value for f in Fonction]),
                        "donnees_presentes": BOOLEEN,
                        "autorise": BOOLEEN,
                        "codes": liste(CODE),
                        "donnees_manquantes": liste(TEXTE),
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
    commande = objet(
        "Commande",
        {
            "commande": enum(list(COMMANDES)),
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
        **liste({"$ref": "#/$defs/Commande"}),
        "$defs": {"Commande": commande, **utilisateur["$defs"]},
    }
