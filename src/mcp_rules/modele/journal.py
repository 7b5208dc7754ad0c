"""Le journal d'une convention : une suite persistante d'événements.

Une commande ajoute ses événements au bout du journal sans recopier ceux d'avant ; le
journal se lit comme un tuple (:attr:`mcp_rules.Convention.journal`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final, NoReturn, overload

from mcp_rules.modele.evenements import Evenement

__all__ = ["Journal"]

_MISE_A_PLAT: Final = threading.Lock()
"""Une seule mise à plat à la fois : elle lit la chaîne puis la coupe derrière elle."""


class Journal(Sequence[Evenement]):
    """Le journal d'une convention : une suite persistante d'événements (usage interne).

    Une commande ajoute ses événements au bout sans recopier ceux d'avant : le nouveau
    maillon garde le précédent et ses événements. Le journal se lit à plat (un tuple,
    construit à la première lecture puis gardé), et son dernier événement se lit en temps
    constant. 10 000 commandes à la suite coûtent donc 10 000 maillons, pas 50 millions
    de recopies.

    Un maillon est immuable, sauf sa mise à plat, faite une fois, sous un verrou : le tuple
    est posé en une écriture, puis le maillon lâche la chaîne qui le précède (elle n'est
    plus utile, et la garder retiendrait les tuples des états précédents). Deux fils qui
    lisent en même temps deux états d'une même histoire lisent donc chacun la sienne,
    entière, avec ou sans GIL.
    """

    __slots__ = ("_avant", "_longueur", "_plat", "_suite")

    def __init__(
        self,
        avant: Journal | None,
        suite: tuple[Evenement, ...],
        plat: tuple[Evenement, ...] | None,
    ) -> None:
        self._avant: Journal | None
        self._suite: tuple[Evenement, ...]
        self._longueur: int
        self._plat: tuple[Evenement, ...] | None
        poser = object.__setattr__
        poser(self, "_avant", avant)
        poser(self, "_suite", suite)
        poser(self, "_longueur", (0 if avant is None else len(avant)) + len(suite))
        poser(self, "_plat", plat)

    @classmethod
    def de(cls, evenements: tuple[Evenement, ...]) -> Journal:
        return cls(None, evenements, evenements)

    def ajouter(self, evenements: Iterable[Evenement]) -> Journal:
        suite = tuple(evenements)
        return self if not suite else Journal(self, suite, None)

    @property
    def dernier(self) -> Evenement | None:
        maillon: Journal | None = self
        while maillon is not None:
            if maillon._suite:
                return maillon._suite[-1]
            maillon = maillon._avant
        return None

    def a_plat(self) -> tuple[Evenement, ...]:
        """Les événements, dans l'ordre, en un tuple (calculé une fois, puis gardé)."""
        plat = self._plat
        if plat is not None:
            return plat
        with _MISE_A_PLAT:
            if self._plat is None:
                morceaux: list[tuple[Evenement, ...]] = []
                maillon: Journal | None = self
                while maillon is not None and maillon._plat is None:
                    morceaux.append(maillon._suite)
                    maillon = maillon._avant
                tout: list[Evenement] = [] if maillon is None else list(maillon._plat or ())
                for morceau in reversed(morceaux):
                    tout.extend(morceau)
                object.__setattr__(self, "_plat", tuple(tout))
                object.__setattr__(self, "_avant", None)
            resultat = self._plat
        assert resultat is not None  # noqa: S101 - posé juste au-dessus
        return resultat

    def depuis(self, debut: int) -> tuple[Evenement, ...]:
        """Les événements à partir de la position ``debut``, lus depuis la fin : le coût suit
        le nombre d'événements rendus (et de maillons parcourus), pas la longueur du journal.
        """
        if debut >= self._longueur:
            return ()
        morceaux: list[tuple[Evenement, ...]] = []
        maillon = self
        while True:
            plat = maillon._plat
            if plat is not None:
                morceaux.append(plat[max(debut, 0) :])
                break
            debut_maillon = maillon._longueur - len(maillon._suite)
            if debut_maillon <= debut:
                morceaux.append(maillon._suite[debut - debut_maillon :])
                break
            morceaux.append(maillon._suite)
            avant = maillon._avant
            if avant is None:  # mis à plat par un autre fil entre les deux lectures
                plat = maillon._plat
                assert plat is not None  # noqa: S101 - la mise à plat pose _plat d'abord
                morceaux[-1] = plat[max(debut, 0) :]
                break
            maillon = avant
        return tuple(e for morceau in reversed(morceaux) for e in morceau)

    def __len__(self) -> int:
        return self._longueur

    @overload
    def __getitem__(self, i: int) -> Evenement: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Evenement, ...]: ...
    def __getitem__(self, i: int | slice) -> Evenement | tuple[Evenement, ...]:
        return self.a_plat()[i]

    def __iter__(self) -> Iterator[Evenement]:
        return iter(self.a_plat())

    def __eq__(self, autre: object) -> bool:
        if isinstance(autre, Journal):
            return self._longueur == autre._longueur and self.a_plat() == autre.a_plat()
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __setattr__(self, nom: str, valeur: object) -> NoReturn:
        raise AttributeError(f"un Journal est immuable ({nom})")

    def __delattr__(self, nom: str) -> NoReturn:
        raise AttributeError(f"un Journal est immuable ({nom})")

    def __reduce__(self) -> tuple[Any, tuple[tuple[Evenement, ...]]]:
        # À plat : ni récursion sur une longue chaîne, ni maillons à transmettre.
        return Journal.de, (self.a_plat(),)

    def __repr__(self) -> str:
        return f"Journal({len(self)} événements)"
