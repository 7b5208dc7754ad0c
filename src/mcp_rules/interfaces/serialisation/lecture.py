"""Lire un document JSON : :func:`depuis_dict` et :func:`depuis_json`, strictement, avec
tous les problèmes d'un document à la fois.

Pendant une lecture, le ramasse-miettes cyclique est suspendu (voir
:mod:`~mcp_rules.fondations.ramasse_miettes`).
"""

from __future__ import annotations

import json
from typing import Any, Final, TypeVar, cast

from mcp_rules.fondations import erreurs
from mcp_rules.fondations.erreurs import (
    DonneeInvalide,
    DonneesInvalides,
    ErreurChamp,
    apercu,
    element_de_chemin,
)
from mcp_rules.fondations.ramasse_miettes import sans_ramasse_miettes
from mcp_rules.interfaces.serialisation.convertisseur import CONVERTISSEUR, TYPES_SERIALISABLES
from mcp_rules.interfaces.serialisation.flux import convention_du_texte
from mcp_rules.interfaces.serialisation.traduction import aplatir
from mcp_rules.modele import Convention

__all__ = ["charger_json", "constante_interdite", "depuis_dict", "depuis_json", "type_connu"]

T = TypeVar("T")


def type_connu(t: object) -> type[Any]:
    if isinstance(t, type) and (t in TYPES_SERIALISABLES):
        return t
    raise DonneeInvalide(
        erreurs.INCONNUE,
        f"type non sérialisable {apercu(t)} ; types permis : "
        + ", ".join(x.__name__ for x in TYPES_SERIALISABLES),
        valeur=t,
    )


@sans_ramasse_miettes
def depuis_dict(donnees: object, type_: type[T]) -> T:
    """Lit un objet du type demandé depuis des structures JSON simples.

    Lève :class:`~mcp_rules.DonneesInvalides` avec tous les problèmes trouvés.
    Les références entre objets d'une convention (gestionnaires, membres…) sont
    vérifiées une fois la forme du document correcte.
    """
    cls = type_connu(type_)
    try:
        return cast(T, CONVERTISSEUR.structure(donnees, cls))
    except DonneesInvalides as exc:
        if all(e.chemin.startswith("$") for e in exc.erreurs):
            raise DonneesInvalides(exc.erreurs, valeur=donnees) from None
        raise DonneesInvalides(exc.en_erreurs_champ("$"), valeur=donnees) from None
    except Exception as exc:  # noqa: BLE001 - toute erreur devient une DonneesInvalides
        raise DonneesInvalides(aplatir(exc, "$"), valeur=donnees) from None


@sans_ramasse_miettes
def depuis_json(texte: str | bytes, type_: type[T]) -> T:
    """Lit un objet du type demandé depuis un texte JSON (``str`` ou octets UTF-8).

    La lecture est stricte : ``NaN`` et ``Infinity`` sont refusés, un membre en double dans
    un objet aussi (avec son chemin) ; une marque d'ordre d'octets (BOM) en tête est
    ignorée, en texte comme en octets.
    """
    type_connu(type_)
    texte = _en_texte(texte)
    # Une convention bien formée se lit par le lecteur en flux (chaque compte décodé par
    # msgspec puis lu par le chemin rapide, sans le dictionnaire de tout le document) ; au
    # moindre écart, il rend None et le chemin complet, qui seul juge et lève, relit le
    # document (tests/interfaces/test_lecture_en_flux.py : même convention).
    if type_ is Convention and (lue := convention_du_texte(texte)) is not None:
        return cast(T, lue)
    return depuis_dict(charger_json(texte), type_)


def _en_texte(texte: object) -> str:
    """Le texte d'un document JSON donné en texte ou en octets UTF-8, sans sa marque
    d'ordre d'octets ; sinon :class:`DonneesInvalides`."""
    if isinstance(texte, (bytes, bytearray)):
        try:
            texte = bytes(texte).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DonneesInvalides(
                [
                    ErreurChamp(
                        "$",
                        erreurs.JSON,
                        f"JSON invalide (octet {exc.start} : le texte n'est pas en UTF-8)",
                    )
                ]
            ) from None
    if not isinstance(texte, str):
        raise DonneesInvalides(
            [ErreurChamp("$", erreurs.JSON, f"un texte JSON est attendu, pas {apercu(texte)}")]
        )
    return texte.removeprefix("\ufeff")


def charger_json(texte: object) -> Any:
    """Le document JSON ``texte``, lu strictement ; sinon :class:`DonneesInvalides`.

    Le seul lecteur JSON de la bibliothèque et de la ligne de commande : même BOM
    ignoré, mêmes membres en double refusés, mêmes messages.
    """
    texte = _en_texte(texte)
    doublons: list[tuple[dict[str, Any], list[str]]] = []

    def objet(paires: list[tuple[str, Any]]) -> dict[str, Any]:
        d = dict(paires)
        if len(d) != len(paires):
            vus: set[str] = set()
            doubles: list[str] = []
            for k, _ in paires:
                if k in vus and k not in doubles:
                    doubles.append(k)
                vus.add(k)
            doublons.append((d, doubles))
        return d

    try:
        donnees = json.loads(texte, parse_constant=constante_interdite, object_pairs_hook=objet)
    except (ValueError, RecursionError) as exc:
        detail = (
            f"ligne {exc.lineno}, colonne {exc.colno} : {_traduire_json(exc.msg)}"
            if isinstance(exc, json.JSONDecodeError)
            else "texte trop profondément imbriqué"
            if isinstance(exc, RecursionError)
            else _traduire_valeur(str(exc))
        )
        raise DonneesInvalides(
            [ErreurChamp("$", erreurs.JSON, f"JSON invalide ({detail})")]
        ) from None
    if doublons:
        raise DonneesInvalides(_erreurs_doublons(donnees, doublons))
    return donnees


def _erreurs_doublons(
    donnees: Any, doublons: list[tuple[dict[str, Any], list[str]]]
) -> list[ErreurChamp]:
    """Le chemin de chaque membre en double : un parcours du document, fait seulement quand
    il y en a (la lecture d'un document correct ne paie rien)."""
    par_objet = {id(d): doubles for d, doubles in doublons}
    fautes: list[ErreurChamp] = []
    pile: list[tuple[str, Any]] = [("$", donnees)]
    while pile:
        chemin, valeur = pile.pop()
        if isinstance(valeur, dict):
            fautes.extend(
                ErreurChamp(
                    chemin + _membre(k),
                    erreurs.DOUBLON,
                    f"le membre {apercu(k)} apparaît plusieurs fois dans cet objet ; "
                    "une lecture stricte n'en garde aucun",
                )
                for k in par_objet.get(id(valeur), ())
            )
            pile.extend((chemin + _membre(k), v) for k, v in valeur.items())
        elif isinstance(valeur, list):
            pile.extend((f"{chemin}[{i}]", v) for i, v in enumerate(valeur))
    return sorted(fautes, key=lambda e: e.chemin)


def _membre(cle: str) -> str:
    return element_de_chemin(cle)


_MESSAGES_JSON: Final = (
    ("Expecting value", "une valeur est attendue"),
    ("Expecting property name", "un nom de membre entre guillemets est attendu"),
    ("Unterminated string", "texte non terminé"),
    ("Extra data", "données en trop après le document"),
    ("Expecting ',' delimiter", "une virgule est attendue"),
    ("Expecting ':' delimiter", "deux-points sont attendus"),
    ("Invalid control character", "caractère de contrôle interdit dans un texte"),
    ("Invalid \\escape", "séquence d'échappement invalide"),
    ("Invalid \\uXXXX escape", "séquence \\u invalide"),
)


def _traduire_json(message: str) -> str:
    for motif, francais in _MESSAGES_JSON:
        if message.startswith(motif):
            return francais
    return f"syntaxe invalide : {message}"  # le détail du décodeur, tel quel


def _traduire_valeur(message: str) -> str:
    """Les refus du décodeur hors syntaxe : un nombre trop long, une constante interdite."""
    if message.startswith("constante "):
        return message
    if "digits" in message:
        return "un nombre a trop de chiffres (4 300 au plus)"
    return f"valeur illisible : {message}"


def constante_interdite(nom: str) -> Any:
    raise ValueError(f"constante {nom} interdite en JSON strict")
