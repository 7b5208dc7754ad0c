"""Lire un document JSON : :func:`depuis_dict` et :func:`depuis_json`, strictement, avec
tous les problèmes d'un document à la fois."""

from __future__ import annotations

import json
from typing import Any, Final, TypeVar, cast

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.erreurs import DonneeInvalide, DonneesInvalides, ErreurChamp, apercu
from mcp_rules.interfaces.serialisation.convertisseur import CONVERTISSEUR, TYPES_SERIALISABLES
from mcp_rules.interfaces.serialisation.traduction import aplatir

__all__ = ["constante_interdite", "depuis_dict", "depuis_json", "type_connu"]

T = TypeVar("T")


def type_connu(t: object) -> type[Any]:
    if isinstance(t, type) and (t in TYPES_SERIALISABLES):
        return t
    raise DonneeInvalide(
        erreurs.INCONNUE,
        f"type non sérialisable {apercu(t)} ; types permis : "
        + ", ".join(x.__name__ for x in TYPES_SERIALISABLES),
        valeur=t,
    )


def depuis_dict(donnees: object, type_: type[T]) -> T:
    """Lit un objet du type demandé depuis des structures JSON simples.

    Lève :class:`~mcp_rules.DonneesInvalides` avec tous les problèmes trouvés.
    Les références entre objets d'une convention (gestionnaires, membres…) sont
    vérifiées une fois la forme du document correcte.
    """
    cls = type_connu(type_)
    try:
        return cast(T, CONVERTISSEUR.structure(donnees, cls))
    except DonneesInvalides as exc:
        if all(e.chemin.startswith("$") for e in exc.erreurs):
            raise DonneesInvalides(exc.erreurs, valeur=donnees) from None
        raise DonneesInvalides(exc.en_erreurs_champ("$"), valeur=donnees) from None
    except Exception as exc:  # noqa: BLE001 - toute erreur devient une DonneesInvalides
        raise DonneesInvalides(aplatir(exc, "$"), valeur=donnees) from None


def depuis_json(texte: str | bytes, type_: type[T]) -> T:
    """Lit un objet du type demandé depuis un texte JSON."""
    type_connu(type_)
    if not isinstance(texte, (str, bytes, bytearray)):
        raise DonneesInvalides(
            [ErreurChamp("$", erreurs.TYPE, f"un texte JSON est attendu, pas {apercu(texte)}")]
        )
    try:
        donnees = json.loads(texte, parse_constant=constante_interdite)
    except (ValueError, RecursionError) as exc:
        detail = (
            f"ligne {exc.lineno}, colonne {exc.colno} : {_traduire_json(exc.msg)}"
            if isinstance(exc, json.JSONDecodeError)
            else "texte illisible, mal encodé ou trop profondément imbriqué"
        )
        raise DonneesInvalides(
            [ErreurChamp("$", erreurs.JSON, f"JSON invalide ({detail})")]
        ) from None
    return depuis_dict(donnees, type_)


_MESSAGES_JSON: Final = (
    ("Expecting value", "une valeur est attendue"),
    ("Expecting property name", "un nom de membre entre guillemets est attendu"),
    ("Unterminated string", "texte non terminé"),
    ("Extra data", "données en trop après le document"),
    ("Expecting ',' delimiter", "une virgule est attendue"),
    ("Expecting ':' delimiter", "deux-points sont attendus"),
    ("Invalid control character", "caractère de contrôle interdit dans un texte"),
    ("Invalid \\escape", "séquence d'échappement invalide"),
    ("Invalid \\uXXXX escape", "séquence \\u invalide"),
)


def _traduire_json(message: str) -> str:
    for motif, francais in _MESSAGES_JSON:
        if message.startswith(motif):
            return francais
    return "syntaxe invalide"


def constante_interdite(nom: str) -> Any:
    raise ValueError(f"constante {nom} interdite en JSON strict")
