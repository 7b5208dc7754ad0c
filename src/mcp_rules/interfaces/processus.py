"""Ce que la ligne de commande sait du processus qui la lance (:func:`sortie_sans_liberer`)."""

from __future__ import annotations

import gc
import os
import sys
from typing import Final, TextIO

__all__ = ["SORTIE_FERMEE", "figer_ce_qui_est_lu", "garder", "sortie_fermee", "sortie_sans_liberer"]

SORTIE_FERMEE: Final = 141
"""Le code de sortie quand le lecteur a fermé la sortie avant la fin (``| head``) : celui
qu'un shell donne à un programme arrêté par ``SIGPIPE`` (128 + 13), comme ``yes | head``."""

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


def figer_ce_qui_est_lu() -> None:
    """Le processus n'audite que la convention qu'il vient de lire : ses objets vivront
    jusqu'à la fin, le ramasse-miettes n'a pas à les parcourir à chaque collecte (un tiers
    de l'audit à 100 000 comptes, dans l'index surtout)."""
    gc.freeze()


def sortie_fermee(sortie: TextIO) -> int:
    """Le lecteur a fermé la sortie avant la fin (``mcp-rules audit … | head``) : ce n'est
    pas un défaut, rien n'est signalé. Si c'est la sortie standard, elle est tournée vers
    ``/dev/null``, pour que Python ne bute pas une seconde fois sur elle en la vidant à
    la sortie ; rend :data:`SORTIE_FERMEE`."""
    if sortie is sys.stdout:
        try:
            nulle = os.open(os.devnull, os.O_WRONLY)
            os.dup2(nulle, sortie.fileno())
        except (OSError, ValueError):  # pas de vrai descripteur (une sortie en mémoire)
            pass
    return SORTIE_FERMEE
