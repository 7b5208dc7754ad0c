"""Les schémas JSON des réponses de l'histoire des habilitations et de la revue des accès.

Chaque membre exigé, aucun autre permis, comme les autres réponses
(:mod:`.schemas_sortie`, qui les rassemble) ; un événement renvoie à la définition
``Evenement`` commune, une clôture proposée suit le format du fichier de commandes.
"""

from __future__ import annotations

from typing import Any, Final

from mcp_rules.analyses.historique import AccesPasse, AccesPendant, Actes, Periodes
from mcp_rules.analyses.revue import Avis, ConclusionRevue, Revue
from mcp_rules.fondations.enumerations import ProfilT, Service
from mcp_rules.interfaces.serialisation.schema import schema_acteur, schema_identifiant

__all__ = ["schemas_histoire"]

_TEXTE: Final = {"type": "string"}
_BOOLEEN: Final = {"type": "boolean"}
_INSTANT: Final = {"type": "string", "format": "date-time"}
_INSTANT_OU_NUL: Final = {"type": ["string", "null"], "format": "date-time"}
_PROFIL: Final = {"type": "string", "enum": [p.value for p in ProfilT]}
_SERVICE: Final = {"type": "string", "enum": [s.value for s in Service]}
_EVENEMENT: Final = {"$ref": "#/$defs/Evenement"}
_CONSTATS: Final = {"type": "array", "items": {"$ref": "#/$defs/Constat"}}


def _objet(titre: str, proprietes: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": titre,
        "type": "object",
        "additionalProperties": False,
        "properties": proprietes,
        "required": list(proprietes),
    }


def _liste(element: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": element}


def _acces_passe() -> dict[str, Any]:
    evenement_ou_nul = {"anyOf": [_EVENEMENT, {"type": "null"}]}
    return _objet(
        "AccesPasse",
        {
            "identifiant": _TEXTE,
            "du": _INSTANT,
            "au": _INSTANT,
            "autorise": _BOOLEEN,
            "certain": _BOOLEEN,
            "profils": _liste(_PROFIL),
            "habilitations": _liste(
                _objet(
                    "Habilitation",
                    {
                        "profil": _PROFIL,
                        "groupe": _TEXTE,
                        "adhesion": evenement_ou_nul,
                        "attribution": evenement_ou_nul,
                    },
                )
            ),
            "incertains": _liste(_PROFIL),
            "donnees_manquantes": _liste(_TEXTE),
            "motifs": _liste(_TEXTE),
        },
    )


def _revue() -> dict[str, Any]:
    return _objet(
        "Revue",
        {
            "convention": _TEXTE,
            "instant": _INSTANT,
            "comptes": _liste(
                _objet(
                    "ARevoir",
                    {
                        "identifiant": _TEXTE,
                        "relecteurs": _liste(schema_acteur()),
                        "profils": _liste(_PROFIL),
                        "services": _liste(_SERVICE),
                        "derniere_connexion": _INSTANT_OU_NUL,
                        "motifs": _CONSTATS,
                    },
                )
            ),
        },
    )


def _conclusion() -> dict[str, Any]:
    decision = _objet(
        "Decision",
        {"autorise": _BOOLEEN, "donnees_manquantes": _liste(_TEXTE), "constats": _CONSTATS},
    )
    return _objet(
        "ConclusionRevue",
        {
            "commandes": _liste(
                _objet(
                    "Commande",
                    {
                        "commande": {"const": "cloturer_compte"},
                        "par": schema_acteur(),
                        "arguments": _objet("Arguments", {"utilisateur": schema_identifiant()}),
                    },
                )
            ),
            "confirmes": _liste(_TEXTE),
            "refus": _liste(
                _objet(
                    "RefusDeRevue",
                    {
                        "relecteur": _TEXTE,
                        "identifiant": _TEXTE,
                        "avis": {"type": "string", "enum": [a.value for a in Avis]},
                        "decision": decision,
                    },
                )
            ),
            "sans_reponse": _liste(_TEXTE),
        },
    )


def schemas_histoire() -> dict[type[Any], dict[str, Any]]:
    """Le schéma de la racine de chaque réponse de l'histoire et de la revue."""
    acces = _acces_passe()
    return {
        AccesPasse: acces,
        AccesPendant: _objet(
            "AccesPendant",
            {
                "convention": _TEXTE,
                "du": _INSTANT,
                "au": _INSTANT,
                "profil": {"anyOf": [_PROFIL, {"type": "null"}]},
                "debut_journal": _INSTANT_OU_NUL,
                "comptes": _liste(acces),
            },
        ),
        Periodes: _objet(
            "Periodes",
            {
                "identifiant": _TEXTE,
                "quoi": {"type": "string", "enum": [*_PROFIL["enum"], *_SERVICE["enum"]]},
                "certain": _BOOLEEN,
                "periodes": _liste(
                    _objet(
                        "Periode",
                        {"debut": _INSTANT, "fin": _INSTANT_OU_NUL, "certaine": _BOOLEEN},
                    )
                ),
                "donnees_manquantes": _liste(_TEXTE),
                "motifs": _liste(_TEXTE),
            },
        ),
        Actes: _objet(
            "Actes",
            {
                "sujet": _TEXTE,
                "actes": _liste(
                    _objet(
                        "Acte",
                        {
                            "position": {"type": "integer", "minimum": 0},
                            "description": _TEXTE,
                            "evenement": _EVENEMENT,
                        },
                    )
                ),
            },
        ),
        Revue: _revue(),
        ConclusionRevue: _conclusion(),
    }
