"""Ce que la ligne de commande sait du processus qui la lance (:func:`sortie_sans_liberer`)."""

from __future__ import annotations

__all__ = ["garder", "sortie_sans_liberer"]

_GARDES: list[object] = []
_sortie_sans_liberer = False


def sortie_sans_liberer() -> None:
    """Dit que le processus finira par ``os._exit`` dès la commande faite (le script
    ``mcp-rules``, :func:`mcp_rules.__main__.executer`) : ce que la commande a lu et
    calculé reste alors en mémoire jusqu'à cette sortie, au lieu d'être défait objet par
    objet au retour de la sous-commande (à 1 000 000 de comptes, plus d'une seconde pour
    rien). Appelée comme fonction, la ligne de commande libère tout, comme toute fonction."""
    global _sortie_sans_liberer  # noqa: PLW0603 - un état du processus
    _sortie_sans_liberer = True


def garder(*objets: object) -> None:
    """Garde ces objets jusqu'à la sortie du processus (voir :func:`sortie_sans_liberer`)."""
    if _sortie_sans_liberer:
        _GARDES.extend(objets)
