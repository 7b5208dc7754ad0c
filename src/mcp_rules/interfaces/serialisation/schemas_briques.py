"""Les briques des schémas de réponse : un objet exact, une liste, une énumération, les
valeurs qui reviennent partout (texte, instant, profil, service, code du catalogue), et la
décision. :mod:`.schemas_sortie` et :mod:`.schemas_historique` les partagent."""

from __future__ import annotations

from typing import Any, Final

from mcp_rules.fondations.enumerations import ProfilT, Service
from mcp_rules.regles.catalogue import CATALOGUE

__all__ = [
    "BOOLEEN",
    "CODE",
    "CONSTATS",
    "ENTIER",
    "INSTANT",
    "INSTANT_OU_NUL",
    "PROFIL",
    "SERVICE",
    "TEXTE",
    "decision",
    "enum",
    "liste",
    "objet",
]


def objet(
    titre: str, proprietes: dict[str, Any], *, facultatifs: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Un objet exact : chaque membre exigé (sauf ``facultatifs``), aucun autre permis."""
    return {
        "title": titre,
        "type": "object",
        "additionalProperties": False,
        "properties": proprietes,
        "required": [p for p in proprietes if p not in facultatifs],
    }


def liste(element: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": element}


def enum(valeurs: list[str]) -> dict[str, Any]:
    return {"type": "string", "enum": valeurs}


TEXTE: Final = {"type": "string"}
BOOLEEN: Final = {"type": "boolean"}
ENTIER: Final = {"type": "integer", "minimum": 0}
INSTANT: Final = {"type": "string", "format": "date-time"}
INSTANT_OU_NUL: Final = {"type": ["string", "null"], "format": "date-time"}
PROFIL: Final = enum([p.value for p in ProfilT])
SERVICE: Final = enum([s.value for s in Service])
CODE: Final = enum(sorted(CATALOGUE))
CONSTATS: Final = liste({"$ref": "#/$defs/Constat"})


def decision() -> dict[str, Any]:
    """Une :class:`~mcp_rules.Decision` : verdict, données manquantes, constats."""
    return objet(
        "Decision",
        {"autorise": BOOLEEN, "donnees_manquantes": liste(TEXTE), "constats": CONSTATS},
    )
