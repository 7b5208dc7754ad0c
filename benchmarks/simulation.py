"""Simuler 20 commandes, selon la taille de la convention : ``python benchmarks/simulation.py``.

Pour chaque taille (1 000, 10 000, 100 000 comptes ; 1 000 000 avec ``--million``), tire
20 commandes enchaînées du mélange de ``plans.py`` (ajouts et retraits de membres,
modifications, créations et clôtures de comptes, libellés, gestionnaires…) et mesure en
**temps CPU du processus** (médiane de plusieurs tours, min–max) :

- ``simuler`` (incrémental : ne recalcule que ce que les commandes ont pu changer) ;
- la simulation **complète**, comme avant : l'état de chaque compte et deux audits entiers
  (les fonctions internes que ``simuler`` appelle quand une commande touche la convention
  entière) ;
- un ``auditer`` entier de la convention de départ (index déjà construit), l'objectif du
  ticket étant ``simuler`` ≤ 5 % de ce temps à 100 000 comptes ;
- la mémoire que garde la simulation (``tracemalloc`` : octets encore alloués tant que le
  résultat est gardé), qui doit suivre le nombre de commandes, pas la taille.

Vérifie à chaque taille que la simulation incrémentale dit exactement ce que dit la
complète (sortie en erreur sinon).

    python benchmarks/simulation.py [--million] [--tours 5] [--json FICHIER]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, Final

import mcp_rules as m
from mcp_rules.analyses.simulation import _changements, _cle_constat, _etat
from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique
from mcp_rules.modele.index import index

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plans import plan_commandes

GRAINE: Final = 2026
NOMBRE: Final = 20


def _commandes(c: m.Convention) -> list[m.Commande]:
    plan = plan_commandes(c, NOMBRE, graine=GRAINE + 1, debut=INSTANT_REFERENCE)
    liste = []
    for x in plan:
        arguments = {k: v for k, v in x.arguments.items() if k not in ("par", "instant")}
        liste.append(m.Commande(x.fonction.__name__, par=x.arguments["par"], arguments=arguments))
    return liste


def _cpu_s(f: Callable[[], object]) -> float:
    gc.collect()
    debut = time.process_time_ns()
    f()
    return (time.process_time_ns() - debut) / 1e9


def mesurer(n: int, tours: int) -> dict[str, Any]:
    c = convention_synthetique(n, graine=GRAINE)
    index(c)
    liste = _commandes(c)
    t = INSTANT_REFERENCE + timedelta(minutes=5)

    def incrementale() -> m.Simulation:
        return m.simuler(c, liste, instant=t)

    def complete() -> tuple[object, ...]:
        s = incrementale()
        c1 = s.convention
        changements = _changements(_etat(c, t), _etat(c1, t), c1)
        avant = {_cle_constat(x) for x in m.auditer(c, instant=t).constats}
        apres = {_cle_constat(x) for x in m.auditer(c1, instant=t).constats}
        return (changements, avant ^ apres)

    def audit() -> m.Rapport:
        return m.auditer(c, instant=t)

    # Accord : la simulation incrémentale dit ce que dit la complète.
    s = incrementale()
    changements, difference = complete()
    if (
        list(s.changements) != changements
        or {_cle_constat(x) for x in (*s.nouveaux_constats, *s.constats_resolus)} != difference
    ):
        print(f"DÉSACCORD à {n} comptes entre simulation incrémentale et complète")
        sys.exit(1)
    acceptees = sum(r.accepte for r in s.resultats)

    mesures: dict[str, list[float]] = {"simuler": [], "complete": [], "auditer": []}
    for _ in range(tours):
        mesures["simuler"].append(_cpu_s(incrementale))
        mesures["complete"].append(_cpu_s(complete))
        mesures["auditer"].append(_cpu_s(audit))
    # « complete » refait aussi la simulation incrémentale (pour ses commandes) : la part
    # des deux audits et des deux états, c'est la différence.
    gc.collect()
    tracemalloc.start()
    avant = tracemalloc.get_traced_memory()[0]
    gardee = incrementale()
    apres = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del gardee
    med = {k: statistics.median(v) for k, v in mesures.items()}
    return {
        "comptes": n,
        "commandes": len(liste),
        "acceptees": acceptees,
        "mediane_s": med,
        "min_s": {k: min(v) for k, v in mesures.items()},
        "max_s": {k: max(v) for k, v in mesures.items()},
        "part_de_l_audit": med["simuler"] / med["auditer"],
        "memoire_gardee_octets": apres - avant,
        "tours": mesures,
    }


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--million", action="store_true", help="mesurer aussi 1 000 000")
    analyseur.add_argument("--tours", type=int, default=5)
    analyseur.add_argument("--json", type=Path)
    args = analyseur.parse_args()
    tailles = [1_000, 10_000, 100_000] + ([1_000_000] if args.million else [])
    charge_debut = os.getloadavg()
    resultats = []
    for n in tailles:
        r = mesurer(n, args.tours)
        resultats.append(r)
        med, mn, mx = r["mediane_s"], r["min_s"], r["max_s"]
        print(
            f"{n:>9,} comptes, {r['commandes']} commandes ({r['acceptees']} acceptées) : "
            f"simuler {med['simuler'] * 1e3:8.1f} ms CPU ({mn['simuler'] * 1e3:.1f}–"
            f"{mx['simuler'] * 1e3:.1f}) ; complète {med['complete'] * 1e3:9.1f} ms ; "
            f"auditer {med['auditer'] * 1e3:8.1f} ms → simuler = "
            f"{100 * r['part_de_l_audit']:.2f} % d'un audit ; mémoire gardée "
            f"{r['memoire_gardee_octets'] / 1024:.0f} Kio",
            flush=True,
        )
    charge_fin = os.getloadavg()
    print(f"charge (1, 5, 15 min) : début {charge_debut}, fin {charge_fin}")
    pire = max(r["part_de_l_audit"] for r in resultats if r["comptes"] >= 100_000)
    print(
        f"objectif : simuler ≤ 5 % d'un audit à 100 000 comptes et plus : "
        f"{100 * pire:.2f} % → {'atteint' if pire <= 0.05 else 'manqué'}"
    )
    if args.json:
        args.json.write_text(
            json.dumps({"resultats": resultats, "charge": [charge_debut, charge_fin]}, indent=2)
        )


if __name__ == "__main__":
    main()
