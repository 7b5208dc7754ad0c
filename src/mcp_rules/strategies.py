"""Stratégies hypothesis pour tester votre code avec des données MCP valides : le nom public
de :mod:`mcp_rules.interfaces.strategies` (extra ``hypothesis``)."""

from mcp_rules.interfaces.strategies import (
    DEBUT,
    FIN,
    PARIS,
    adresses_email,
    changements_d_heure,
    codes_groupe,
    configurations_afas,
    conventions,
    evenements,
    groupes,
    identifiants,
    instants,
    libelles,
    mots_de_passe_temporaires,
    noms,
    numeros_instructeur,
    politiques,
    utilisateurs,
)

__all__ = [
    "DEBUT",
    "FIN",
    "PARIS",
    "adresses_email",
    "changements_d_heure",
    "codes_groupe",
    "configurations_afas",
    "conventions",
    "evenements",
    "groupes",
    "identifiants",
    "instants",
    "libelles",
    "mots_de_passe_temporaires",
    "noms",
    "numeros_instructeur",
    "politiques",
    "utilisateurs",
]
