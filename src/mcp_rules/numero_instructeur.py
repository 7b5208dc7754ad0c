"""Le numéro d'instructeur RSA, à la manière des modules de python-stdnum : le nom public de
:mod:`mcp_rules.valeurs.numero_instructeur` (``compact``, ``validate``, ``is_valid``,
``format``, ``completer``)."""

from mcp_rules.valeurs.numero_instructeur import (
    DEPARTEMENTS,
    SUFFIXE,
    NumeroInstructeur,
    NumeroInstructeurIncomplet,
    NumeroInstructeurMalForme,
    compact,
    completer,
    format,  # noqa: A004 - nom usuel des modules d'identifiants
    is_valid,
    validate,
)

__all__ = [
    "DEPARTEMENTS",
    "SUFFIXE",
    "NumeroInstructeur",
    "NumeroInstructeurIncomplet",
    "NumeroInstructeurMalForme",
    "compact",
    "completer",
    "format",
    "is_valid",
    "validate",
]
