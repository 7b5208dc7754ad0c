"""Auditer un lot de conventions sur des processus locaux : le nom public de
:mod:`mcp_rules.interfaces.lots`, où vit le code (et sa documentation)."""

from mcp_rules.interfaces.lots import (
    AuditConvention,
    ConstatAbrege,
    DocumentJson,
    LigneConstat,
    Source,
    Verdict,
    auditer_lot,
    code_de_sortie,
    lignes_constats,
    nombre_de_coeurs,
)

__all__ = [
    "AuditConvention",
    "ConstatAbrege",
    "DocumentJson",
    "LigneConstat",
    "Source",
    "Verdict",
    "auditer_lot",
    "code_de_sortie",
    "lignes_constats",
    "nombre_de_coeurs",
]
