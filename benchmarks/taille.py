"""Une commande seule, selon la taille de la convention : ``python benchmarks/taille.py``.

Pour chaque taille (1 000, 10 000, 100 000 comptes ; 1 000 000 avec ``--million``), tire
des commandes indépendantes (toutes depuis le même état, le mélange de ``plans.py`` :
ajouts et retraits de membres, clôtures, réactivations, modifications, créations de
comptes, rôles…) et mesure chacune en **temps CPU du processus**
(``time.process_time_ns``), libération du résultat comprise : le résultat n'est gardé
nulle part, il est libéré avant la fin de la mesure.

Imprime, par taille : la médiane, le premier et le troisième quartile, le 99e centile, la
médiane par geste, le rapport à la médiane à 1 000 comptes ; la charge de la machine au
début et à la fin. Le plancher est le prix, à cette taille, de ce qu'une commande ne peut
pas éviter : trouver un compte dans une table et en poser une version modifiée dans une
table persistante (``immutables.Map.set``) ; et, pour mémoire, ce que coûterait de
recopier la table des comptes (``dict.copy``), ce que faisaient les commandes avant.

    python benchmarks/taille.py [--million] [--commandes 400] [--json FICHIER]
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import attrs
import immutables

from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique
from mcp_rules.modele.index import index

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plans import executer, plan_commandes

GRAINE: Final = 2026


def _quartiles(valeurs: list[float]) -> tuple[float, float, float, float]:
    q = statistics.quantiles(valeurs, n=100, method="inclusive")
    return q[24], statistics.median(valeurs), q[74], q[98]


def _cpu_us(f: Callable[[], object]) -> float:
    debut = time.process_time_ns()
    f()
    return (time.process_time_ns() - debut) / 1e3


def _planchers(c: Any, n: int) -> dict[str, float]:
    """Trouver un compte et en poser une version changée : dans une HAMT, puis dans une copie
    de ``dict`` (le coût d'avant). Deux boucles séparées, chacune après un ramasse-miettes."""
    simple = dict(c._utilisateurs.items())
    carte = immutables.Map(simple)
    cles = list(simple)[: min(n, 300)]

    def pose_hamt(k: str) -> None:
        carte.set(k, attrs.evolve(carte[k], derniere_connexion=INSTANT_REFERENCE))

    def pose_copie(k: str) -> None:
        d = simple.copy()
        d[k] = attrs.evolve(simple[k], derniere_connexion=INSTANT_REFERENCE)

    gc.collect()
    hamt = [_cpu_us(functools.partial(pose_hamt, k)) for k in cles]
    gc.collect()
    copie = [_cpu_us(functools.partial(pose_copie, k)) for k in cles[:50]]
    return {"hamt_us": statistics.median(hamt), "dict_copy_us": statistics.median(copie)}


def mesurer(n: int, nombre: int) -> dict[str, Any]:
    c = convention_synthetique(n, graine=GRAINE)
    index(c)
    plan = plan_commandes(c, nombre, graine=GRAINE + 1, debut=INSTANT_REFERENCE, independantes=True)
    for x in plan[:10]:  # mise en route
        x(c)
    gc.collect()
    par_geste: dict[str, list[float]] = defaultdict(list)
    toutes: list[float] = []
    for x in plan:
        us = _cpu_us(functools.partial(x, c))
        par_geste[x.geste].append(us)
        toutes.append(us)
    q1, med, q3, p99 = _quartiles(toutes)
    return {
        "comptes": n,
        "commandes": len(toutes),
        "mediane_us": med,
        "q1_us": q1,
        "q3_us": q3,
        "p99_us": p99,
        "par_geste_us": {g: statistics.median(v) for g, v in sorted(par_geste.items())},
        **_planchers(c, n),
    }


def enchainees(n: int, nombre: int) -> dict[str, Any]:
    """``nombre`` commandes à la suite (chacune sur l'état laissé par la précédente) sur une
    convention de ``n`` comptes : temps CPU total, commandes acceptées."""
    c = convention_synthetique(n, graine=GRAINE)
    index(c)
    plan = plan_commandes(c, nombre, graine=GRAINE + 2, debut=INSTANT_REFERENCE)
    gc.collect()
    debut = time.process_time_ns()
    _, acceptees = executer(c, plan)
    cpu_s = (time.process_time_ns() - debut) / 1e9
    return {"comptes": n, "commandes": nombre, "acceptees": sum(acceptees), "cpu_s": cpu_s}


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--million", action="store_true", help="mesurer aussi 1 000 000")
    analyseur.add_argument("--commandes", type=int, default=400)
    analyseur.add_argument("--json", type=Path)
    analyseur.add_argument(
        "--enchainees", type=int, default=10_000, help="commandes à la suite sur 100 000 comptes"
    )
    args = analyseur.parse_args()
    tailles = [1_000, 10_000, 100_000] + ([1_000_000] if args.million else [])
    charge_debut = os.getloadavg()
    resultats = []
    for n in tailles:
        r = mesurer(n, args.commandes)
        resultats.append(r)
        base = resultats[0]["mediane_us"]
        gestes = ", ".join(f"{g} {v:.0f}" for g, v in r["par_geste_us"].items())
        print(
            f"{n:>9,} comptes : médiane {r['mediane_us']:7.1f} µs CPU "
            f"(q1 {r['q1_us']:.1f}, q3 {r['q3_us']:.1f}, p99 {r['p99_us']:.1f}) ; "
            f"× {r['mediane_us'] / base:.2f} de 1k ; plancher HAMT {r['hamt_us']:.1f} µs "
            f"(× {r['mediane_us'] / r['hamt_us']:.0f}), dict.copy {r['dict_copy_us']:.0f} µs",
            flush=True,
        )
        print(f"           par geste (µs) : {gestes}", flush=True)
    suite = enchainees(100_000, args.enchainees)
    print(
        f"{suite['commandes']:,} commandes à la suite sur {suite['comptes']:,} comptes : "
        f"{suite['cpu_s']:.2f} s CPU ({suite['acceptees']:,} acceptées) ; objectif ≤ 2 s : "
        + ("atteint" if suite["cpu_s"] <= 2 else "manqué"),
        flush=True,
    )
    charge_fin = os.getloadavg()
    print(f"charge (1, 5, 15 min) : début {charge_debut}, fin {charge_fin}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"resultats": resultats, "enchainees": suite, "charge": [charge_debut, charge_fin]},
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
