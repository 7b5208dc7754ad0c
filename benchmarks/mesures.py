"""Chronométrer sur une machine bruyante : tours entrelacés, médianes, rapports dans un même tour.

La machine de mesure a deux cœurs que d'autres processus occupent : une mesure isolée ne
vaut rien. On compare donc des mesures **prises dans le même tour** (A, B, C, puis de
nouveau A, B, C…) et l'on garde la médiane de chacune sur les tours.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

__all__ = [
    "Ligne",
    "Objectif",
    "centile",
    "chrono",
    "construire",
    "latences",
    "resume_latences",
    "sans_ramasse_miettes",
    "surcout_chrono_ns",
    "tours",
]

T = TypeVar("T")
A = TypeVar("A")


def chrono(f: Callable[[], object]) -> float:
    """La durée d'un appel, en secondes (après un ramasse-miettes complet)."""
    gc.collect()
    debut = time.perf_counter()
    f()
    return time.perf_counter() - debut


def sans_ramasse_miettes(f: Callable[[], T]) -> Callable[[], T]:
    """``f`` exécutée le ramasse-miettes cyclique arrêté (pour un diagnostic : la part du
    ramasse-miettes dans une mesure)."""

    def g() -> T:
        gc.disable()
        try:
            return f()
        finally:
            gc.enable()

    return g


def construire(f: Callable[[], T]) -> tuple[T, float]:
    """Le résultat de ``f()`` et le temps qu'il a pris, en secondes."""
    gc.collect()
    debut = time.perf_counter()
    resultat = f()
    return resultat, time.perf_counter() - debut


def tours(
    mesures: dict[str, Callable[[], object]],
    nombre: int,
    *,
    avant: dict[str, Callable[[], object]] | None = None,
) -> dict[str, list[float]]:
    """Chaque mesure ``nombre`` fois, entrelacées : A, B, C, A, B, C… (secondes).

    ``avant[nom]`` est appelé, hors chronomètre, avant chaque mesure ``nom`` (pour repartir
    d'un même état, par exemple un cache vidé).
    """
    avant = avant or {}
    durees: dict[str, list[float]] = {nom: [] for nom in mesures}
    for _ in range(nombre):
        for nom, f in mesures.items():
            preparer = avant.get(nom)
            if preparer is not None:
                preparer()
            durees[nom].append(chrono(f))
    return durees


def latences(f: Callable[[A], object], arguments: Iterable[A]) -> list[int]:
    """La durée de chaque appel ``f(x)``, en nanosecondes (``time.perf_counter_ns``)."""
    ns = time.perf_counter_ns
    resultats = []
    gc.collect()
    for x in arguments:
        debut = ns()
        f(x)
        resultats.append(ns() - debut)
    return resultats


def surcout_chrono_ns(nombre: int = 100_000) -> int:
    """Le coût médian de deux lectures consécutives de ``perf_counter_ns`` (non soustrait)."""
    ns = time.perf_counter_ns
    ecarts = []
    for _ in range(nombre):
        debut = ns()
        ecarts.append(ns() - debut)
    return int(statistics.median(ecarts))


def centile(valeurs: Sequence[float], q: float) -> float:
    """Le centile ``q`` (0–100), au rang le plus proche."""
    triees = sorted(valeurs)
    rang = max(0, min(len(triees) - 1, math.ceil(q / 100 * len(triees)) - 1))
    return triees[rang]


def resume_latences(valeurs: Sequence[int]) -> dict[str, float]:
    """Médiane, 99e centile et moyenne, en microsecondes."""
    return {
        "mediane_us": statistics.median(valeurs) / 1000,
        "p99_us": centile(valeurs, 99) / 1000,
        "moyenne_us": statistics.fmean(valeurs) / 1000,
        "appels": len(valeurs),
    }


@dataclass(frozen=True, slots=True)
class Objectif:
    """Un objectif chiffré : ``valeur <= seuil`` (``plafond``) ou ``valeur >= seuil``."""

    texte: str
    seuil: float
    plafond: bool = True

    def atteint(self, valeur: float) -> bool:
        return valeur <= self.seuil if self.plafond else valeur >= self.seuil


@dataclass(slots=True)
class Ligne:
    """Une ligne du tableau final."""

    section: str
    mesure: str
    valeur: str
    detail: str = ""
    objectif: Objectif | None = None
    valeur_objectif: float | None = None
    non_evalue: str = ""
    brut: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        if self.objectif is None:
            return ""
        if self.non_evalue or self.valeur_objectif is None:
            return f"non évalué ({self.non_evalue})" if self.non_evalue else "non évalué"
        return "atteint" if self.objectif.atteint(self.valeur_objectif) else "manqué"
