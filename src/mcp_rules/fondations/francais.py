"""Quelques accords du français pour les messages : élision, pluriels, listes.

>>> de("Anne Leroy"), de("Claire Martin"), de("AFAS-DECLARER"), que("un profil T")
("d'Anne Leroy", 'de Claire Martin', "d'AFAS-DECLARER", "qu'un profil T")
>>> nombre(0, "membre"), nombre(1, "membre"), nombre(3, "membre")
('aucun membre', '1 membre', '3 membres')
>>> liste(["a"]), liste(["a", "b"]), liste(["a", "b", "c"])
('a', 'a et b', 'a, b et c')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = ["de", "liste", "nombre", "que"]

_VOYELLES: Final = frozenset("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


def _elide(mot: str) -> bool:
    return bool(mot) and mot[0] in _VOYELLES


def de(mot: str) -> str:
    """« de » devant ``mot``, élidé devant une voyelle : « d'Anne », « de Claire »."""
    return f"d'{mot}" if _elide(mot) else f"de {mot}"


def que(mot: str) -> str:
    """« que » devant ``mot``, élidé devant une voyelle : « qu'un profil »."""
    return f"qu'{mot}" if _elide(mot) else f"que {mot}"


def nombre(n: int, singulier: str, pluriel: str | None = None, *, zero: str = "aucun") -> str:
    """« aucun membre », « 1 membre », « 3 membres »."""
    if n == 0:
        return f"{zero} {singulier}"
    if n == 1:
        return f"1 {singulier}"
    return f"{n} {pluriel if pluriel is not None else singulier + 's'}"


def liste(elements: Sequence[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    if len(elements) <= 1:
        return "".join(elements)
    return ", ".join(elements[:-1]) + " et " + elements[-1]
