"""Les entrées d'un lot : des chemins (un dossier donne ses fichiers ``*.json``) ou des
textes JSON nommés (:class:`DocumentJson`), et la lecture d'un fichier de convention.

La lecture et ses messages sont ceux de ``mcp-rules audit FICHIER`` : un lot dit d'un
fichier fautif exactement ce qu'en dit l'audit d'un seul fichier.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import attrs

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu

if TYPE_CHECKING:
    from mcp_rules.modele import Convention

__all__ = [
    "DocumentJson",
    "Entree",
    "Source",
    "convention_du_fichier",
    "lire_fichier",
    "nombre_de_processus",
    "preparer",
]


@attrs.frozen(slots=True)
class DocumentJson:
    """Une convention donnée par son texte JSON (``str`` ou octets UTF-8), et le nom qui la
    désigne dans les résultats (un nom de fichier, une clé de base de données…)."""

    nom: str
    texte: str | bytes

    def __attrs_post_init__(self) -> None:
        nom: object = self.nom
        texte: object = self.texte
        c = erreurs.Collecteur()
        if not isinstance(nom, str) or not nom.strip():
            c.ajouter(
                "nom", erreurs.TYPE, f"nom : un texte non vide est attendu, pas {apercu(nom)}"
            )
        if not isinstance(texte, (str, bytes)):
            c.ajouter(
                "texte",
                erreurs.TYPE,
                f"texte : un texte JSON (str ou bytes) est attendu, pas {apercu(texte)}",
            )
        c.lever()


Source: TypeAlias = str | os.PathLike[str] | DocumentJson
"""Une source d'un lot : un chemin de fichier ou de dossier, ou un :class:`DocumentJson`."""


def lire_fichier(chemin: str) -> str:
    """Le texte d'un fichier UTF-8 (une marque d'ordre d'octets en tête est ignorée).

    Un fichier absent, un dossier, un texte qui n'est pas en UTF-8, un chemin impossible ou
    une lecture refusée lèvent :class:`~mcp_rules.DonneeInvalide` (code
    ``MCP-DONNEE-FICHIER``) avec un message qui nomme le fichier.
    """
    try:
        return Path(chemin).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        message = f"fichier introuvable : {chemin}"
    except IsADirectoryError:
        message = f"{chemin} est un dossier, pas un fichier"
    except UnicodeDecodeError:
        message = f"{chemin} n'est pas un texte UTF-8"
    except ValueError:  # un caractère nul dans le chemin : aucun système ne l'accepte
        message = f"chemin de fichier invalide : {apercu(chemin)}"
    except OSError as exc:
        message = f"lecture impossible de {chemin} : {_raison(exc)}"
    raise DonneeInvalide(erreurs.FICHIER, message, valeur=chemin)


def _raison(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission refusée"
    return exc.strerror or type(exc).__name__


@attrs.frozen(slots=True)
class Entree:
    """Une convention à auditer : un fichier à lire (``texte`` absent), un texte, ou une
    source dont on sait déjà qu'elle est illisible (``panne``)."""

    source: str
    texte: str | bytes | None = None
    panne: str | None = None


def preparer(sources: object) -> tuple[Entree, ...]:
    """Les entrées d'un lot : chemins développés (dossiers), triés et sans doublon, puis
    les documents dans l'ordre donné. Une source d'un type inattendu lève
    :class:`~mcp_rules.DonneeInvalide` avant tout travail."""
    if isinstance(sources, (str, os.PathLike, DocumentJson)):
        sources = (sources,)
    if not isinstance(sources, Iterable) or isinstance(sources, (bytes, bytearray, Mapping)):
        raise DonneeInvalide(
            erreurs.TYPE,
            "sources : des chemins ou des DocumentJson sont attendus (une liste, un tuple…), "
            f"pas {apercu(sources)}",
            valeur=sources,
        )
    fichiers: dict[str, Entree] = {}
    documents: list[Entree] = []
    for i, source in enumerate(sources):
        if isinstance(source, DocumentJson):
            documents.append(Entree(source.nom, texte=source.texte))
            continue
        chemin = os.fspath(source) if isinstance(source, (str, os.PathLike)) else None
        if not isinstance(chemin, str) or not chemin:
            raise DonneeInvalide(
                erreurs.TYPE,
                f"sources[{i}] : un chemin (str, Path) ou un DocumentJson est attendu, "
                f"pas {apercu(source)}",
                valeur=source,
            )
        for entree in _developper(chemin):
            fichiers.setdefault(entree.source, entree)
    return (*sorted(fichiers.values(), key=lambda e: e.source), *documents)


def _developper(chemin: str) -> list[Entree]:
    """Un chemin de fichier tel quel (sa lecture dira ce qui ne va pas), ou les fichiers
    ``*.json`` d'un dossier et de ses sous-dossiers (les liens vers des dossiers ne sont pas
    suivis) ; un sous-dossier illisible, ou un dossier sans aucun fichier, est une panne."""
    chemin = os.path.normpath(chemin)
    if not os.path.isdir(chemin):
        return [Entree(chemin)]
    pannes: list[OSError] = []
    trouves: list[Entree] = []
    for racine, dossiers, noms in os.walk(chemin, onerror=pannes.append):
        dossiers.sort()
        trouves.extend(
            Entree(os.path.join(racine, nom)) for nom in noms if nom.lower().endswith(".json")
        )
    trouves.extend(
        Entree(str(p.filename or chemin), panne=f"dossier illisible : {p.filename} ({_raison(p)})")
        for p in pannes
    )
    if not trouves:
        trouves.append(
            Entree(chemin, panne=f"aucun fichier de convention (*.json) dans le dossier {chemin}")
        )
    return trouves


def nombre_de_processus(texte: str) -> int:
    """``--jobs N`` : un entier, 1 ou plus (absent : un processus par cœur)."""
    if texte.strip().isdecimal() and int(texte) >= 1:
        return int(texte)
    raise argparse.ArgumentTypeError(
        f"un nombre entier de processus, 1 ou plus, est attendu (reçu : {texte!r})"
    )


def convention_du_fichier(chemin: str | os.PathLike[str]) -> Convention | None:
    """La convention d'un fichier JSON bien formé, lue au fil du fichier (la mémoire de la
    lecture est celle de la convention, plus un bloc) ; ``None`` pour tout fichier qui
    quitte ce chemin : absent, illisible, pas en UTF-8, document invalide ou écrit
    autrement (voir :mod:`~mcp_rules.interfaces.serialisation.flux`). L'appelant le relit
    alors par :func:`lire_fichier` et :func:`~mcp_rules.serialisation.depuis_json`, qui
    disent pourquoi."""
    # Importé ici : la ligne de commande importe ce module pour chaque sous-commande.
    from mcp_rules.interfaces.serialisation.flux import convention_en_flux  # noqa: PLC0415

    try:
        with open(chemin, encoding="utf-8-sig") as flux:
            return convention_en_flux(flux)
    except (OSError, ValueError):  # ValueError : un caractère nul dans le chemin
        return None
