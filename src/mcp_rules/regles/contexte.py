"""Le contexte d'un audit : ce que chaque domaine de règles lit pour faire ses constats."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import attrs

from mcp_rules.fondations.enumerations import ProfilT
from mcp_rules.modele import Convention, Politique, Utilisateur
from mcp_rules.modele.index import Index


class Effectifs:
    """Ce qu'un audit complet compte en passant, pour son rapport : les comptes actifs
    (``MCP-USR-*``), et par profil CDAP les comptes actifs qui le tiennent effectivement,
    permis et au contrat (``MCP-ELIG-*``). Complet une fois les constats de ces domaines
    tous lus (ils sont des générateurs) ; sans lui, les domaines ne comptent rien.
    """

    __slots__ = ("actifs", "cdap", "contrat", "par_profil")

    def __init__(self, contrat: frozenset[ProfilT]) -> None:
        self.contrat = contrat
        self.actifs = 0
        self.cdap = 0  # comptes actifs qui tiennent au moins un profil
        self.par_profil: dict[ProfilT, int] = dict.fromkeys(contrat, 0)


@attrs.frozen(slots=True)
class ContexteAudit:
    """La convention auditée, son index, l'instant et la politique locale.

    ``ordre`` : tous les comptes de la convention, dans l'ordre où les parcourir
    (:func:`~mcp_rules.modele.index.comptes_en_memoire`), quand l'audit l'a calculé ;
    sinon, l'ordre de sa table.
    """

    convention: Convention
    index: Index
    instant: datetime
    politique: Politique
    effectifs: Effectifs | None = attrs.field(default=None, eq=False)
    ordre: Sequence[Utilisateur] | None = attrs.field(default=None, eq=False)

    def comptes(self) -> Iterable[Utilisateur]:
        """Chaque compte de la convention, une fois (les domaines trient leurs constats
        ensuite : l'ordre ne change que le temps du passage)."""
        return self.convention._utilisateurs.values() if self.ordre is None else self.ordre

    def actif(self, u: Utilisateur) -> bool:
        """Vrai si le compte n'est pas clôturé à l'instant de l'audit."""
        return u.cloture_le is None or self.instant < u.cloture_le
