"""Les acteurs : un compte de la convention (son identifiant) ou la Caf elle-même.

:data:`CAF` représente les administrateurs MCP de la Caf pivot. Ce n'est jamais
un texte : un identifiant ``"CAF"`` reçu d'une saisie désigne un compte (qui
n'existe sans doute pas), jamais la Caf. Aucun texte ne peut donc se faire passer
pour elle.

>>> CAF
CAF
>>> CAF == "CAF"
False
"""

from __future__ import annotations

import enum
from typing import Final, TypeAlias

__all__ = ["CAF", "Acteur", "ActeurCaf"]


class ActeurCaf(enum.Enum):
    """Le type de :data:`CAF` (un singleton)."""

    CAF = "@CAF"

    def __repr__(self) -> str:
        return "CAF"

    def __str__(self) -> str:
        return "Caf (administrateurs MCP)"


CAF: Final = ActeurCaf.CAF
"""Les administrateurs MCP de la Caf, comme acteur (``par=CAF``)."""

Acteur: TypeAlias = str | ActeurCaf
"""Qui agit : l'identifiant d'un compte, ou :data:`CAF`."""
