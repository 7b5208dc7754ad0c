"""Ce que lit la ligne de commande : fichiers, entrée standard, instant, convention.

Chaque lecture refusée lève :class:`EntreeInvalide`, que :func:`mcp_rules.interfaces.cli.main`
dit en français sur la sortie d'erreur avec le code 2. ``-`` désigne l'entrée standard, un
seul des fichiers d'une commande pouvant l'être.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final, TypeVar, cast

from mcp_rules.fondations import controles
from mcp_rules.fondations.erreurs import DonneeInvalide, DonneesInvalides, ErreurChamp

if TYPE_CHECKING:
    from mcp_rules.modele import Convention

__all__ = [
    "ENTREE_STANDARD",
    "EXEMPLE",
    "EntreeInvalide",
    "convention",
    "instant",
    "lire_json",
    "lire_texte",
    "nom_d_entree",
    "positionnels",
    "une_seule_entree_standard",
]

EXEMPLE: Final = "exemple-19_214.json"
"""Le fichier de la convention d'exemple, livré avec le paquet."""


class EntreeInvalide(Exception):
    """Une entrée refusée : message français, éventuellement la liste des erreurs."""

    def __init__(self, message: str, erreurs_: Sequence[ErreurChamp] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.erreurs = tuple(erreurs_)


def instant(texte: str | None, option: str = "--instant") -> datetime:
    """``--instant`` (ou l'option nommée, ``--du``…) : lu par le même lecteur que la
    bibliothèque (``controles.instant_iso``) ; absent, maintenant."""
    if texte is None:
        return datetime.now(UTC)
    try:
        return controles.instant_iso(texte, option)
    except DonneeInvalide as exc:
        raise EntreeInvalide(exc.message) from None


ENTREE_STANDARD: Final = "-"
"""Le chemin qui désigne l'entrée standard, comme pour la plupart des commandes Unix."""


def lire_texte(chemin: str) -> str:
    """Le texte d'un fichier, lu comme dans un lot (mêmes refus, mêmes messages) ; ``-`` :
    l'entrée standard, en UTF-8."""
    if chemin == ENTREE_STANDARD:
        return _lire_entree_standard()
    from mcp_rules.interfaces.entrees import lire_fichier

    try:
        return lire_fichier(chemin)
    except DonneeInvalide as exc:
        raise EntreeInvalide(exc.message) from None


_RAISONS: Final = {
    errno.EBADF: "elle n'est pas ouverte en lecture",
    errno.EISDIR: "c'est un dossier",
    errno.EACCES: "permission refusée",
}


def _lire_entree_standard() -> str:
    """Le texte de l'entrée standard : ses octets en UTF-8 ; une entrée fermée, ouverte en
    écriture seule ou illisible est refusée (code 2), jamais une erreur interne."""
    flux = sys.stdin
    if flux is None:
        raise EntreeInvalide("l'entrée standard est fermée : rien à lire pour « - »")
    try:
        tampon = getattr(flux, "buffer", None)
        brut: str | bytes = tampon.read() if tampon is not None else flux.read()
    except (OSError, ValueError) as exc:
        raison = _RAISONS.get(getattr(exc, "errno", None) or 0, "elle est illisible")
        raise EntreeInvalide(f"lecture impossible de l'entrée standard : {raison}") from None
    if isinstance(brut, str):
        return brut.removeprefix("\ufeff")
    try:
        return brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EntreeInvalide("l'entrée standard n'est pas un texte UTF-8") from None


def _designation(chemin: str) -> str:
    """« le fichier X », ou « l'entrée standard »."""
    return "l'entrée standard" if chemin == ENTREE_STANDARD else f"le fichier {chemin}"


def nom_d_entree(chemin: str) -> str:
    """Le nom d'une entrée dans un message : son chemin, ou « entrée standard »."""
    return "l'entrée standard" if chemin == ENTREE_STANDARD else chemin


def une_seule_entree_standard(*chemins: str | None) -> None:
    """L'entrée standard ne se lit qu'une fois : un seul des fichiers peut être ``-``."""
    if sum(chemin == ENTREE_STANDARD for chemin in chemins) > 1:
        raise EntreeInvalide(
            "l'entrée standard (-) ne peut donner qu'un seul des fichiers ; "
            "nommez les autres par leur chemin"
        )


T = TypeVar("T")


def lire_json(chemin: str, type_: type[T]) -> T:
    from mcp_rules.interfaces.entrees import convention_du_fichier
    from mcp_rules.interfaces.serialisation.lecture import depuis_json
    from mcp_rules.modele import Convention

    if (
        type_ is Convention
        and chemin != ENTREE_STANDARD
        and (lue := convention_du_fichier(chemin)) is not None
    ):
        return cast(T, lue)  # lue au fil du fichier ; sinon, relue ci-dessous pour dire pourquoi
    texte = lire_texte(chemin)
    try:
        return depuis_json(texte, type_)
    except DonneesInvalides as exc:
        raise EntreeInvalide(f"{nom_d_entree(chemin)} : document invalide", exc.erreurs) from None
    except DonneeInvalide as exc:
        raise EntreeInvalide(f"{nom_d_entree(chemin)} : {exc.message}") from None


def convention(args: argparse.Namespace) -> Convention:
    from importlib import resources

    from mcp_rules.interfaces.serialisation.lecture import depuis_json
    from mcp_rules.modele import Convention

    if getattr(args, "exemple", False):
        if args.fichier is not None:
            raise EntreeInvalide(
                f"--exemple et {_designation(args.fichier)} s'excluent : "
                "donnez l'un ou l'autre, pas les deux"
            )
        texte = resources.files("mcp_rules").joinpath("donnees", EXEMPLE).read_text("utf-8")
        return depuis_json(texte, Convention)
    if not args.fichier:
        raise EntreeInvalide("donnez un fichier de convention JSON, ou --exemple")
    return lire_json(args.fichier, Convention)


def positionnels(args: argparse.Namespace, noms: Sequence[str]) -> None:
    """``[FICHIER] A B`` : le fichier est absent avec --exemple, présent sinon."""
    valeurs = list(args.positionnels)
    attendus = list(noms) if args.exemple else ["fichier", *noms]
    if len(valeurs) != len(attendus):
        raise EntreeInvalide(
            "arguments attendus : "
            + " ".join(a.upper() for a in attendus)
            + ("" if args.exemple else " (ou --exemple à la place du fichier)")
        )
    if args.exemple:
        args.fichier = None
    for nom, valeur in zip(attendus, valeurs, strict=True):
        setattr(args, nom, valeur)
