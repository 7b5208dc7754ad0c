"""Lire une convention bien formée au fil d'un fichier, sans tenir tout le document en mémoire.

Le chemin complet (:func:`~.lecture.depuis_dict` sur le document décodé) tient tout le
document décodé (un dictionnaire par compte) avant de construire la convention : à
1 000 000 de comptes, le texte et le document pèsent ensemble plus que la convention
elle-même, et ils vivent jusqu'à la fin de la lecture. Ici, le texte se lit par blocs ;
chaque compte et chaque groupe est décodé puis aussitôt lu par le chemin rapide
(:mod:`.rapide`), et son dictionnaire est libéré avant le suivant. La mémoire de la
lecture est celle de la convention, plus un bloc. La ligne de commande lit ainsi ses
fichiers (:func:`convention_en_flux`), :func:`~.lecture.depuis_json` une convention déjà
en mémoire (:func:`convention_du_texte`).

Les comptes d'un bloc se décodent d'abord par msgspec, qui vérifie en C le type JSON de
chaque champ (:func:`~.rapide.comptes_bruts` : un compte complet, ses quatorze champs
présents ; ses membres en double comptés à part) ; un bloc qu'il refuse se décode comme
les autres, par le décodeur de la bibliothèque standard.

Ce lecteur ne juge rien : au moindre écart (un texte qui n'est pas du JSON, un membre en
double, un champ inconnu, un compte que le chemin rapide ne sait pas lire, un document
qui ne forme pas une convention…), il rend ``None``, et l'appelant relit le fichier par le
chemin complet, qui seul lève, avec ses erreurs, ses codes et ses chemins. Une
convention qu'il rend est donc celle que rendrait le chemin complet sur le même texte ;
les tests le vérifient sur des documents valides et fautifs, avec des blocs de quelques
caractères.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from json import scanner
from typing import Any, Final, Protocol, get_args, get_origin

from mcp_rules.fondations.erreurs import ErreurChamp
from mcp_rules.fondations.ramasse_miettes import sans_ramasse_miettes
from mcp_rules.interfaces.serialisation.convertisseur import (
    CONVERTISSEUR,
    OBLIGATOIRES_CONVENTION,
    groupes_partages,
    lire_liste,
    types_convention,
)
from mcp_rules.interfaces.serialisation.rapide import (
    RAPIDES,
    CompteBrut,
    comptes_bruts,
    lire_compte_brut,
)
from mcp_rules.modele import Convention, Groupe, Utilisateur

__all__ = ["BLOC", "Lisible", "convention_du_texte", "convention_en_flux"]

BLOC: Final = 1 << 17
"""Les caractères lus à la fois (128 Kio environ).

Chaque bloc fait quelques textes de sa taille (le bloc lu, le morceau décodé), libérés au
bloc suivant. Avec des blocs de 1 Mio, l'allocateur de la glibc relève son seuil d'allocation
directe (mmap) au-dessus d'eux après le premier, puis les place dans son tas, où leurs
trous restaient en mémoire résidente : à 100 000 comptes, une convention lue gardait
60 à 130 o de plus par compte qu'avec des blocs de 128 Kio, pour le même temps de lecture
(``benchmarks/run.py --rss``)."""

_BLANCS: Final = re.compile(r"[ \t\n\r]*")


_DecodeurRapide = Callable[[str, str], "list[Any] | None"]
"""Un décodeur d'une liste d'éléments entiers (le morceau entre crochets, et son texte sans
eux), qui rend ``None`` quand il n'en veut pas (voir :meth:`_Lecteur._lot`)."""


class Lisible(Protocol):
    """Ce que le lecteur demande à sa source : un texte ouvert en lecture, ou tout objet
    qui rend ses caractères par tranches (``""`` à la fin)."""

    def read(self, taille: int, /) -> str: ...


class _Ecart(Exception):
    """Le document quitte le chemin du flux : l'appelant relit par le chemin complet."""


def _objet(paires: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(paires)
    if len(d) != len(paires):
        raise _Ecart  # un membre en double : le chemin complet dit où
    return d


def _constante(_: str) -> Any:
    raise _Ecart  # NaN, Infinity : le chemin complet les refuse, avec son message


_DECODEUR: Final = json.JSONDecoder(parse_constant=_constante, object_pairs_hook=_objet)
_UNE_VALEUR: Final[Callable[[str, int], tuple[Any, int]]] = scanner.make_scanner(_DECODEUR)  # type: ignore[arg-type]
"""Le décodeur d'une valeur qui commence à une position donnée, sans les blancs autour
(``raw_decode`` l'appelle, avec un appel Python de plus)."""
_SEPARATEUR: Final = re.compile(r"[ \t\n\r]*([,\]])[ \t\n\r]*")
_VIRGULE: Final = re.compile(r"[ \t\n\r]*,")


class _Lecteur:
    """Un texte lu par blocs, et la position du prochain caractère à décoder.

    ``decalage`` : la position, dans tout le document, du premier caractère gardé."""

    __slots__ = ("bloc", "decalage", "flux", "pos", "termine", "texte")

    def __init__(self, flux: Lisible, bloc: int) -> None:
        self.flux = flux
        self.bloc = bloc
        self.texte = ""
        self.pos = 0
        self.decalage = 0
        self.termine = False

    def lire_plus(self) -> None:
        """Ajoute au texte restant (ce qui précède la position est oublié) un bloc, ou
        autant qu'il en reste s'il est plus long : une valeur plus longue qu'un bloc (un
        long journal) se relit au plus une poignée de fois, pas une fois par bloc."""
        morceau = self.flux.read(max(self.bloc, len(self.texte) - self.pos))
        if not isinstance(morceau, str):
            raise _Ecart
        if not morceau:
            self.termine = True
        self.texte = self.texte[self.pos :] + morceau
        self.decalage += self.pos
        self.pos = 0

    def caractere(self) -> str:
        """Le prochain caractère après les blancs ("" à la fin du texte), sans le consommer."""
        while True:
            fin = _BLANCS.match(self.texte, self.pos)
            assert fin is not None  # noqa: S101 - le motif accepte le vide
            self.pos = fin.end()
            if self.pos < len(self.texte) or self.termine:
                return self.texte[self.pos : self.pos + 1]
            self.lire_plus()

    def attendre(self, attendu: str) -> None:
        if self.caractere() != attendu:
            raise _Ecart
        self.pos += 1

    def valeur(self) -> Any:
        """La prochaine valeur JSON. Une valeur coupée par la fin du bloc se relit avec le
        bloc suivant ; un nombre qui touche la fin du bloc aussi (il pourrait continuer)."""
        self.caractere()
        while True:
            try:
                valeur, fin = _UNE_VALEUR(self.texte, self.pos)
            except _Ecart:
                raise
            except (StopIteration, ValueError, RecursionError):
                if self.termine:
                    raise _Ecart from None
                self.lire_plus()
                continue
            if fin == len(self.texte) and not self.termine:
                self.lire_plus()
                continue
            self.pos = fin
            return valeur

    def elements(self, rapide: _DecodeurRapide | None = None) -> Iterator[Any]:
        """Les éléments d'une liste JSON, un à un.

        Les éléments entiers du bloc se décodent d'un seul appel (:meth:`_lot`, par
        ``rapide`` s'il en veut) ; celui que coupe la fin du bloc, un par un
        (:meth:`valeur`, qui lit au-delà)."""
        self.attendre("[")
        if self.caractere() == "]":
            self.pos += 1
            return
        un_par_un_jusqua = -1
        while True:
            if self.decalage + self.pos > un_par_un_jusqua:
                lot = self._lot(rapide)
                if lot is None:
                    # Le décodeur a refusé le lot : un par un jusqu'à la coupe, pour ne pas
                    # redécoder le même texte à chaque élément.
                    un_par_un_jusqua = self.decalage + self.texte.rfind(
                        "}", self.pos, self.pos + self.bloc
                    )
                else:
                    elements, fini = lot
                    elements.reverse()
                    while elements:
                        yield elements.pop()  # chaque élément libéré une fois lu
                    if fini:
                        return
            yield self.valeur()
            suivant = self.caractere()
            self.pos += 1
            if suivant == "]":
                return
            if suivant != ",":
                raise _Ecart
            self.caractere()

    def _lot(self, rapide: _DecodeurRapide | None = None) -> tuple[list[Any], bool] | None:
        """Les éléments entiers qui restent dans le bloc (un bloc au plus : le lot décodé
        reste petit, même quand le texte gardé a grandi pour une longue valeur), d'un seul
        appel au décodeur, et si la liste s'y termine ; ``None`` si le décodeur n'en veut
        pas (l'appelant les lit alors un par un).

        Le texte est coupé juste après la dernière accolade fermante suivie d'une virgule,
        et décodé comme une liste (``[`` + texte + ``]``). Une coupe juste après un élément
        donne ses éléments, exactement ceux de la vraie liste ; une coupe à l'intérieur
        d'un texte ou d'un objet imbriqué laisse un texte ou un objet ouvert, que le
        décodeur refuse. Si la vraie liste se ferme avant la coupe, le décodeur s'arrête à
        son crochet : ce sont ses derniers éléments.

        ``rapide`` décode d'abord le morceau, s'il le veut (une liste), ou rend ``None`` : le
        décodeur complet le lit alors, comme sans lui.

        Un élément est attendu à la position (après le crochet ouvrant d'une liste non
        vide, ou après une virgule) : un crochet fermant y dit une virgule finale, que le
        chemin complet refuse, et que ``[`` + texte lirait comme une liste vide."""
        texte, debut = self.texte, self.pos
        if texte.startswith("]", debut):
            raise _Ecart  # [..., {...},] : une virgule finale
        coupe = texte.rfind("}", debut, debut + self.bloc)  # un lot : un bloc au plus
        for _ in range(8):
            if coupe < debut or _VIRGULE.match(texte, coupe + 1) is not None:
                break
            coupe = texte.rfind("}", debut, coupe)
        else:
            # Huit accolades sans virgule après elles (dans des textes, ou après la fin de
            # la liste) : un par un, plutôt qu'une coupe que rien ne suit.
            return None
        if coupe < debut:
            return ([], False)
        elements_du_bloc = texte[debut : coupe + 1]
        morceau = "[" + elements_du_bloc + "]"
        decodes = None if rapide is None else rapide(morceau, elements_du_bloc)
        if decodes is not None:
            self.pos = _VIRGULE.match(texte, coupe + 1).end()  # type: ignore[union-attr]
            self.caractere()
            return (decodes, False)
        try:
            elements, fin = _UNE_VALEUR(morceau, 0)
        except _Ecart:
            raise
        except (StopIteration, ValueError, RecursionError):
            return None
        if type(elements) is not list:
            raise _Ecart  # pragma: no cover - un texte entre crochets est une liste
        if fin == len(morceau):
            # Tout le morceau : la liste continue après la virgule qui suit la coupe.
            self.pos = _VIRGULE.match(texte, coupe + 1).end()  # type: ignore[union-attr]
            self.caractere()
            return (elements, False)
        self.pos = debut + fin - 1  # juste après le crochet qui ferme la vraie liste
        return (elements, True)


_PARTAGES: Final = ("nom", "prenom", "diplome_etat")
"""Les champs d'un compte dont la même valeur revient souvent d'un compte à l'autre."""


def _partager(compte: dict[str, Any], partages: dict[object, Any]) -> None:
    """Remplace les noms, prénoms et diplômes d'un compte par le texte égal déjà lu, s'il y
    en a un : « Martin » ou « Marie » une fois en mémoire pour toute la convention, au lieu
    d'une fois par compte. Une valeur qui n'est pas un texte est laissée telle quelle : le
    chemin rapide la refusera."""
    for champ in _PARTAGES:
        valeur = compte.get(champ)
        if type(valeur) is str:
            compte[champ] = partages.setdefault(valeur, valeur)


@sans_ramasse_miettes
def convention_en_flux(flux: Lisible, bloc: int = BLOC) -> Convention | None:
    """La convention du document JSON lu dans ``flux`` (un texte ouvert en lecture), ou
    ``None`` si le document quitte le chemin du flux (voir le module) : relisez-le alors
    par :func:`~.lecture.depuis_json`, qui dira pourquoi il est invalide, s'il l'est."""
    try:
        return _convention(_Lecteur(flux, max(1, bloc)))
    except Exception:  # noqa: BLE001 - tout écart se dit par le chemin complet
        return None


class _TexteEnBlocs:
    """Un texte déjà en mémoire, rendu par tranches comme le serait un fichier ouvert
    (``io.StringIO`` recopierait d'abord tout le texte)."""

    __slots__ = ("pos", "texte")

    def __init__(self, texte: str) -> None:
        self.texte = texte
        self.pos = 0

    def read(self, taille: int) -> str:
        debut = self.pos
        self.pos = min(debut + taille, len(self.texte))
        return self.texte[debut : self.pos]


def convention_du_texte(texte: str, bloc: int = BLOC) -> Convention | None:
    """:func:`convention_en_flux` sur un texte déjà en mémoire (sans marque d'ordre
    d'octets) : ``None`` s'il quitte le chemin du flux."""
    return convention_en_flux(_TexteEnBlocs(texte), bloc)


def _convention(lecteur: _Lecteur) -> Convention:
    """Les membres du document dans l'ordre du texte, lus comme les lit
    ``_convention_structure`` (les mêmes lecteurs, les mêmes contrôles) ; tout écart lève."""
    types = types_convention()
    arguments: dict[str, Any] = {}
    fautes: list[ErreurChamp] = []
    lecteur.attendre("{")
    while True:
        nom = lecteur.valeur()
        if type(nom) is not str or nom not in types or nom in arguments:
            raise _Ecart  # pas un nom de membre, un membre inconnu ou en double
        lecteur.attendre(":")
        if nom == "utilisateurs":
            arguments[nom] = _comptes(lecteur)
        elif nom == "groupes":
            if "utilisateurs" not in arguments:
                # Des groupes avant les comptes : leurs membres pointeraient vers d'autres
                # textes que les identifiants des comptes ; le chemin complet s'en charge.
                raise _Ecart
            arguments[nom] = _groupes(lecteur, groupes_partages(arguments["utilisateurs"]))
        elif get_origin(types[nom]) is list:
            arguments[nom] = lire_liste(lecteur.valeur(), get_args(types[nom])[0], "$", fautes)
            if fautes:
                raise _Ecart
        else:
            arguments[nom] = CONVERTISSEUR.structure(lecteur.valeur(), types[nom])
        suivant = lecteur.caractere()
        lecteur.pos += 1
        if suivant == "}":
            break
        if suivant != ",":
            raise _Ecart
    if lecteur.caractere() != "":
        raise _Ecart  # des données après le document
    if not arguments.keys() >= set(OBLIGATOIRES_CONVENTION):
        raise _Ecart  # le constructeur les exige aussi ; le chemin complet dit lesquels
    return Convention(**arguments)


def _comptes(lecteur: _Lecteur) -> list[Utilisateur]:
    """Les comptes de la liste, chacun lu par le chemin rapide dès qu'il est décodé."""
    lire_compte = RAPIDES.get(Utilisateur)
    if lire_compte is None or Groupe not in RAPIDES:
        raise _Ecart  # le chemin rapide retiré (les tests) : tout par le complet
    comptes = []
    partages: dict[object, Any] = {}
    for x in lecteur.elements(comptes_bruts):
        if type(x) is CompteBrut:
            compte = lire_compte_brut(x, partages)
        else:
            if type(x) is dict:
                _partager(x, partages)
            compte = lire_compte(x)
        if compte is None:
            raise _Ecart
        comptes.append(compte)
    return comptes


def _groupes(lecteur: _Lecteur, lire_groupe: Callable[[object], Groupe | None]) -> list[Groupe]:
    """Les groupes de la liste, lus par ``lire_groupe`` (celui du chemin complet : membres
    et gestionnaires pointent vers les identifiants mêmes des comptes)."""
    groupes = []
    for x in lecteur.elements():
        groupe = lire_groupe(x)
        if groupe is None:
            raise _Ecart
        groupes.append(groupe)
    return groupes
