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
from typing import Any, Final, TypeVar

import attrs

from mcp_rules.fondations.rendu import Affichable, Bloc, Gras, Paragraphe
from mcp_rules.regles.regle import AvecConstats, Constat, tableau_constats

__all__ = [
    "A_EXPLIQUER",
    "POSER_EXPLICATION",
    "Decision",
    "Explicable",
    "decision_differee",
    "en_tuple",
    "explication_differee",
    "poseurs_des_champs",
    "sans_doublon",
]

_AUCUN: Final[tuple[Constat, ...]] = ()

R = TypeVar("R", bound="Explicable")


class _AExpliquer:
    """La marque d'une explication pas encore calculée (jamais visible de l'extérieur)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<explication à calculer>"


A_EXPLIQUER: Final = _AExpliquer()
"""La valeur de l'emplacement ``constats`` d'une réponse pas encore expliquée."""


def en_tuple(constats: Iterable[Constat]) -> tuple[Constat, ...]:
    """Les constats en tuple (sans copie s'ils en sont déjà un)."""
    return constats if isinstance(constats, tuple) else tuple(constats)


class Explicable(AvecConstats):
    """Une réponse dont le verdict est calculé tout de suite et l'explication à la demande.

    Le verdict (``autorise``, les profils, les données manquantes) est ce qu'un portail lit
    à chaque page ; les constats (des messages mis en forme) ne servent que si quelqu'un
    les lit. Une réponse construite par :func:`decision_differee` (ou, pour un accès,
    :func:`~mcp_rules.decisions.reponses.acces_differe`) garde de quoi calculer ses
    constats et ne les calcule qu'à la première lecture de ``constats`` (ou de ce qui en
    dépend : ``codes``, égalité, ``repr``, sérialisation…) ; elle les garde ensuite.
    Vue de l'extérieur, rien ne distingue une réponse différée d'une réponse construite
    avec ses constats : mêmes valeurs, même égalité, même empreinte, même pickle.

    Tant que ses constats n'ont pas été lus, une réponse différée garde une référence à ce
    qui sert à les calculer (le compte, la convention) : ce sont des objets immuables, que
    la réponse ne modifie jamais.
    """

    __slots__ = ("_explication",)


class _ConstatsDifferes:
    """Le descripteur qui remplace l'emplacement ``constats`` d'une classe :class:`Explicable`.

    Il lit l'emplacement ; s'il porte la marque « à expliquer », ou s'il est encore vide
    (une réponse différée ne le remplit pas : c'est un appel de moins à sa construction), il
    calcule les constats, les pose dans l'emplacement, puis oublie de quoi les calculer.
    Deux fils qui lisent en même temps calculent au pire deux fois la même valeur (le calcul
    est pur) : l'un et l'autre la posent, l'explication n'est oubliée qu'après.
    """

    __slots__ = ("_emplacement",)

    def __init__(self, emplacement: Any) -> None:
        self._emplacement = emplacement

    def __get__(self, objet: object, proprietaire: type | None = None) -> Any:
        if objet is None:
            return self
        try:
            valeur = self._emplacement.__get__(objet, proprietaire)
        except AttributeError:  # emplacement vide : une réponse différée
            valeur = A_EXPLIQUER
        if valeur is A_EXPLIQUER:
            explication = _EXPLICATION.__get__(objet, proprietaire)
            if explication is None:  # calculée entre-temps par un autre fil
                return self._emplacement.__get__(objet, proprietaire)
            calcul, *arguments = explication
            valeur = en_tuple(calcul(objet, *arguments))
            self._emplacement.__set__(objet, valeur)
            _EXPLICATION.__set__(objet, None)
        return valeur

    def __set__(self, objet: object, valeur: object) -> None:
        self._emplacement.__set__(objet, valeur)


_EXPLICATION: Final[Any] = Explicable.__dict__["_explication"]
POSER_EXPLICATION: Final = _EXPLICATION.__set__
"""Pose l'explication d'une réponse différée construite sans ``__init__``."""


def explication_differee(classe: type[R]) -> type[R]:
    """Décore une classe attrs (``slots=True``) dérivée d':class:`Explicable` : son champ
    ``constats`` peut désormais être calculé à la première lecture (voir
    :func:`decision_differee`)."""
    emplacement = classe.__dict__.get("constats")
    if isinstance(emplacement, _ConstatsDifferes):
        return classe
    if emplacement is None:  # hérité d'une classe déjà décorée : rien à faire
        return classe
    type.__setattr__(classe, "constats", _ConstatsDifferes(emplacement))
    return classe


def poseurs_des_champs(classe: type[R]) -> Any:
    """Les poseurs des emplacements d'une classe différée, dans l'ordre de ses champs (pour
    construire une réponse différée sans ``__init__`` : voir :func:`decision_differee`)."""
    return tuple(
        _slot(classe, f.name).__set__
        for f in attrs.fields(classe)  # type: ignore[arg-type]
    )


def _slot(classe: type, nom: str) -> Any:
    """L'emplacement ``nom`` de ``classe`` ou de la classe dont elle hérite le champ (sous
    le descripteur des constats différés)."""
    for k in classe.__mro__:
        d = k.__dict__.get(nom)
        if d is not None:
            return d._emplacement if isinstance(d, _ConstatsDifferes) else d
    raise AttributeError(f"{classe.__name__} n'a pas d'emplacement {nom}")


def sans_doublon(textes: Iterable[str]) -> tuple[str, ...]:
    """Les textes sans doublon, dans l'ordre de leur première apparition."""
    return tuple(dict.fromkeys(textes))


@explication_differee
@attrs.frozen(slots=True, kw_only=True)
class Decision(Explicable, Affichable):
    """Oui ou non, et pourquoi : ``bool(decision)`` vaut ``autorise``.

    Un refus pour donnée manquante reste un refus ; ``donnees_manquantes`` nomme
    alors les champs à renseigner (``"numero_instructeur"``, ``"code_bailleur"``…).

    Les réponses des questions fréquentes calculent leurs constats à la première lecture
    (voir :class:`Explicable`) : ``autorise`` et ``donnees_manquantes`` sont toujours
    calculés tout de suite.
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


_POSEURS_DECISION: Final = poseurs_des_champs(Decision)
_POSER_AUTORISE, _, _POSER_MANQUANTES = _POSEURS_DECISION
_CREER: Final = object.__new__


def decision_differee(
    autorise: bool, donnees_manquantes: tuple[str, ...], explication: tuple[Any, ...]
) -> Decision:
    """Une :class:`Decision` dont les constats seront ``calcul(decision, *arguments)``
    (``explication == (calcul, *arguments)``), calculés à la première lecture.

    Le chemin des questions fréquentes : la décision est construite sans passer par
    ``__init__`` (ses convertisseurs n'ont rien à convertir ici). ``donnees_manquantes``
    doit donc déjà être un tuple sans doublon ; les tests vérifient que le résultat est
    égal, champ pour champ, à la même décision construite normalement.
    """
    d = _CREER(Decision)
    _POSER_AUTORISE(d, autorise)
    _POSER_MANQUANTES(d, donnees_manquantes)
    POSER_EXPLICATION(d, explication)
    return d
