"""Les schémas JSON des réponses de l'histoire des habilitations et de la revue des accès.

Chaque membre exigé, aucun autre permis, comme les autres réponses
(:mod:`.schemas_sortie`, qui les rassemble) ; un événement renvoie à la définition
``Evenement`` commune, une clôture proposée suit le format du fichier de commandes.
"""

from __future__ import annotations

from typing import Any, Final

from mcp_rules.analyses.historique import AccesPasse, AccesPendant, Actes, Periodes
from mcp_rules.analyses.revue import Avis, ConclusionRevue, Revue
from mcp_rules.interfaces.serialisation.schema import schema_acteur, schema_identifiant
from mcp_rules.interfaces.serialisation.schemas_briques import (
    BOOLEEN,
    CONSTATS,
    INSTANT,
    INSTANT_OU_NUL,
    PROFIL,
    SERVICE,
    TEXTE,
    decision,
    enum,
    liste,
    objet,
)

__all__ = ["schemas_histoire"]

_EVENEMENT: Final = {"$ref": "#/$defs/Evenement"}


def _acces_passe() -> dict[str, Any]:
    evenement_ou_nul = {"anyOf": [_EVENEMENT, {"type": "null"}]}
    return objet(
        "AccesPasse",
        {
            "identifiant": TEXTE,
            "du": INSTANT,
            "au": INSTANT,
            "autorise": BOOLEEN,
            "certain": BOOLEEN,
            "profils": liste(PROFIL),
            "habilitations": liste(
                objet(
                    "Habilitation",
                    {
                        "profil": PROFIL,
                        "groupe": TEXTE,
                        "adhesion": evenement_ou_nul,
                        "attribution": evenement_ou_nul,
                    },
                )
            ),
            "incertains": liste(PROFIL),
            "donnees_manquantes": liste(TEXTE),
            "motifs": liste(TEXTE),
        },
    )


def _revue() -> dict[str, Any]:
    return objet(
        "Revue",
        {
            "convention": TEXTE,
            "instant": INSTANT,
            "comptes": liste(
                objet(
                    "ARevoir",
                    {
                        "identifiant": TEXTE,
                        "relecteurs": liste(schema_acteur()),
                        "profils": liste(PROFIL),
                        "services": liste(SERVICE),
                        "derniere_connexion": INSTANT_OU_NUL,
                        "motifs": CONSTATS,
                    },
                )
            ),
        },
    )


def _conclusion() -> dict[str, Any]:
    return objet(
        "ConclusionRevue",
        {
            "commandes": liste(
                objet(
                    "Commande",
                    {
                        "commande": {"const": "cloturer_compte"},
                        "par": schema_acteur(),
                        "arguments": objet("Arguments", {"utilisateur": schema_identifiant()}),
                    },
                )
            ),
            "confirmes": liste(TEXTE),
            "refus": liste(
                objet(
                    "RefusDeRevue",
                    {
                        "relecteur": TEXTE,
                        "identifiant": TEXTE,
                        "avis": enum([a.value for a in Avis]),
                        "decision": decision(),
                    },
                )
            ),
            "sans_reponse": liste(TEXTE),
        },
    )


def schemas_histoire() -> dict[type[Any], dict[str, Any]]:
    """Le schéma de la racine de chaque réponse de l'histoire et de la revue."""
    acces = _acces_passe()
    return {
        AccesPasse: acces,
        AccesPendant: objet(
            "AccesPendant",
            {
                "convention": TEXTE,
                "du": INSTANT,
                "au": INSTANT,
                "profil": {"anyOf": [PROFIL, {"type": "null"}]},
                "debut_journal": INSTANT_OU_NUL,
                "comptes": liste(acces),
            },
        ),
        Periodes: objet(
            "Periodes",
            {
                "identifiant": TEXTE,
                "quoi": enum([*PROFIL["enum"], *SERVICE["enum"]]),
                "certain": BOOLEEN,
                "periodes": liste(
                    objet(
                        "Periode",
                        {"debut": INSTANT, "fin": INSTANT_OU_NUL, "certaine": BOOLEEN},
                    )
                ),
                "donnees_manquantes": liste(TEXTE),
                "motifs": liste(TEXTE),
            },
        ),
        Actes: objet(
            "Actes",
            {
                "sujet": TEXTE,
                "actes": liste(
                    objet(
                        "Acte",
                        {
                            "position": {"type": "integer", "minimum": 0},
                            "description": TEXTE,
                            "evenement": _EVENEMENT,
                        },
                    )
                ),
            },
        ),
        Revue: _revue(),
        ConclusionRevue: _conclusion(),
    }
