"""La décision : oui ou non, et pourquoi, et ce qui manque pour dire oui.

C'est ce que rendent les questions de la bibliothèque (:func:`~mcp_rules.peut`,
:func:`~mcp_rules.eligibilite`, :func:`~mcp_rules.consulter_dossier`…) et les règles
elles-mêmes : ``constats`` donne les raisons (une règle du catalogue chacune),
``donnees_manquantes`` ce qui manque pour pouvoir dire oui — une donnée manquante n'est
pas la même réponse qu'une condition non remplie, même si l'une et l'autre donnent un
refus.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from mcp_rules.fondations.rendu import Affichable, Bloc, Gras, Paragraphe
from mcp_rules.regles.regle import AvecConstats, Constat, tableau_constats

__all__ = ["Decision", "en_tuple", "sans_doublon"]

_AUCUN: Final[tuple[Constat, ...]] = ()


def en_tuple(constats: Iterable[Constat]) -> tuple[Constat, ...]:
    """Les constats en tuple (sans copie s'ils en sont déjà un)."""
    return constats if isinstance(constats, tuple) else tuple(constats)


def sans_doublon(textes: Iterable[str]) -> tuple[str, ...]:
    """Les textes sans doublon, dans l'ordre de leur première apparition."""
    return tuple(dict.fromkeys(textes))


@attrs.frozen(slots=True, kw_only=True)
class Decision(AvecConstats, Affichable):
    """Oui ou non, et pourquoi : ``bool(decision)`` vaut ``autorise``.

    Un refus pour donnée manquante reste un refus ; ``donnees_manquantes`` nomme
    alors les champs à renseigner (``"numero_instructeur"``, ``"code_bailleur"``…).
    """

    autorise: bool
    constats: tuple[Constat, ...] = attrs.field(default=_AUCUN, converter=en_tuple)
    donnees_manquantes: tuple[str, ...] = attrs.field(default=(), converter=sans_doublon)

    def __bool__(self) -> bool:
        return self.autorise

    def _blocs(self) -> tuple[Bloc, ...]:
        blocs: list[Bloc] = [Paragraphe(Gras("autorisé" if self.autorise else "refusé"))]
        if self.donnees_manquantes:
            blocs.append(Paragraphe(f"Données manquantes : {', '.join(self.donnees_manquantes)}"))
        blocs.append(tableau_constats(self.constats))
        return tuple(blocs)
