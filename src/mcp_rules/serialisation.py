"""Lire et écrire les objets du domaine en JSON : le nom public de
:mod:`mcp_rules.interfaces.serialisation`, où vit le code (et sa documentation)."""

from mcp_rules.interfaces.serialisation import (
    CAF_JSON,
    TYPES_SERIALISABLES,
    TYPES_SORTIE,
    composants_openapi,
    depuis_dict,
    depuis_json,
    lire_commandes,
    lire_reponses_revue,
    schema_commandes,
    schema_json,
    schema_reponses_revue,
    schema_sortie,
    vers_dict,
    vers_json,
)

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
