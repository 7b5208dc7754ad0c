"""Le ramasse-miettes cyclique suspendu pendant une lecture ou un audit
(:func:`sans_ramasse_miettes`).

Lire un document crée des millions d'objets qui vivent tous jusqu'à la fin de la lecture
(le document décodé, puis les comptes et les groupes) et, tant qu'il est bien formé, aucun
cycle : chaque collecte automatique les parcourait tous pour ne rien libérer (à 100 000
comptes, 40 % du temps de lecture ; un tiers, en comptant le parcours unique de ces objets
que la première collecte qui suit la lecture fait encore). Un audit de même : l'index, les
réponses gardées et les constats vivent jusqu'au rapport, et aucun cycle ne s'y forme (les
tests le vérifient) ; à 1 000 000 de comptes, ses collectes coûtaient 12 s. Une lecture et
un audit le suspendent donc ; l'état d'avant est rendu à la fin, même sur une erreur.
Plusieurs fils peuvent le faire à la fois : le premier suspend, le dernier rend l'état
qu'il avait trouvé.

Un document fautif, lui, crée des cycles (les exceptions de cattrs et leurs traces) :
dès qu'un objet quitte le chemin rapide de la lecture, :func:`reprendre` rend la main
au ramasse-miettes pour le reste de la lecture, pour que la mémoire ne croisse pas avec
le nombre de défauts. Un programme qui avait lui-même arrêté le ramasse-miettes le
retrouve arrêté.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import Final, ParamSpec, TypeVar

__all__ = ["reprendre", "sans_ramasse_miettes"]

T = TypeVar("T")
P = ParamSpec("P")

_VERROU: Final = threading.Lock()
_lectures_en_cours = 0
_reactiver = False


def sans_ramasse_miettes(f: Callable[P, T]) -> Callable[P, T]:
    """``f`` exécutée le ramasse-miettes cyclique suspendu (voir le module)."""

    @functools.wraps(f)
    def g(*args: P.args, **kwargs: P.kwargs) -> T:
        global _lectures_en_cours, _reactiver  # noqa: PLW0603 - un état du processus
        with _VERROU:
            if _lectures_en_cours == 0:
                _reactiver = gc.isenabled()
                gc.disable()
            _lectures_en_cours += 1
        try:
            return f(*args, **kwargs)
        finally:
            with _VERROU:
                _lectures_en_cours -= 1
                if _lectures_en_cours == 0 and _reactiver:
                    gc.enable()

    return g


def reprendre() -> None:
    """Le ramasse-miettes reprend pour le reste des lectures en cours, s'il était actif
    avant elles (un défaut a été trouvé : des cycles vont se créer)."""
    with _VERROU:
        if _lectures_en_cours and _reactiver:
            gc.enable()
