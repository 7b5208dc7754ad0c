"""Ce que rend une commande : accepté ou refusé, le nouvel état, les événements, les constats."""

from __future__ import annotations

from typing import Final

import attrs

from mcp_rules.modele.convention import Convention
from mcp_rules.modele.evenements import Evenement
from mcp_rules.regles.decision import en_tuple
from mcp_rules.regles.regle import AvecConstats, Constat

__all__ = ["Resultat"]

_AUCUN: Final[tuple[Constat, ...]] = ()


@attrs.frozen(slots=True, kw_only=True)
class Resultat(AvecConstats):
    """Ce que rend une commande.

    Accepté : ``convention`` est le nouvel état (ses événements ajoutés au journal) et
    ``evenements`` ce que le portail doit exécuter ou consigner. Refusé : ``convention``
    est **l'objet même** qui a été passé, sans aucun événement, et ``constats`` dit
    pourquoi (toutes les règles enfreintes à la fois).
    """

    accepte: bool
    convention: Convention
    evenements: tuple[Evenement, ...] = ()
    constats: tuple[Constat, ...] = attrs.field(default=_AUCUN, converter=en_tuple)

    def __bool__(self) -> bool:
        return self.accepte

    @property
    def a_executer(self) -> tuple[Evenement, ...]:
        """Les événements qui demandent une action au portail (courriels, PJ 3)."""
        return tuple(e for e in self.evenements if e.a_executer)
