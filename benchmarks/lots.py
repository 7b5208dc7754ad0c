"""Auditer un lot en séquence, sur deux processus, et sur Dask : ``python benchmarks/lots.py``.

Écrit une fois, dans un dossier temporaire, ``--nombre`` conventions synthétiques de
``--comptes`` comptes (graines 0, 1, 2…), en JSON, puis audite tout le dossier :

- ``séquentiel`` : ``auditer_lot(jobs=1)``, dans ce processus ;
- ``--jobs 2`` : ``auditer_lot(jobs=2)`` (deux processus lancés puis arrêtés par l'appel) ;
- ``CLI --jobs 2`` : ``mcp-rules audit DOSSIER --jobs 2``, sortie JSON Lines dans un
  fichier, lancement de l'interpréteur compris ;
- ``Dask, grappe créée`` : ``auditer_lot_dask`` sans client (une grappe locale de deux
  processus d'un fil, créée puis fermée par l'appel) ;
- ``Dask, grappe prête`` : le même appel avec le client d'une grappe déjà démarrée (le
  démarrage est mesuré à part).

Pour chacun : le temps écoulé (horloge), le temps processeur (ce processus, plus ses
processus enfants une fois arrêtés, ou les ouvriers de la grappe prête lus sur place),
l'accélération par rapport au séquentiel. Les mesures d'un tour sont prises à la suite ;
avec ``--tours N``, les tours s'enchaînent et l'on imprime les médianes. Chaque façon doit
rendre **exactement** les mêmes résultats (une empreinte par convention, de sa ligne JSON)
que la séquentielle : sinon le script le dit et sort avec le code 1. La charge de la
machine (``os.getloadavg``) est imprimée au début et à la fin : la machine est partagée.

    python benchmarks/lots.py [--nombre 10000] [--comptes 50] [--tours 1] [--dossier D]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any, Final

from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique
from mcp_rules.lots import AuditConvention, auditer_lot, nombre_de_coeurs
from mcp_rules.serialisation import vers_json

INSTANT: Final = INSTANT_REFERENCE
PROCESSUS: Final = 2
SCRIPT: Final = Path(sys.executable).with_name("mcp-rules")


def _charge() -> str:
    un, cinq, quinze = os.getloadavg()
    return f"{un:.2f} / {cinq:.2f} / {quinze:.2f} (1, 5, 15 min)"


def _ecrire(dossier: Path, nombre: int, comptes: int) -> float:
    """Les conventions du lot, une par fichier ; rend la durée de l'écriture."""
    debut = time.perf_counter()
    for graine in range(nombre):
        texte = vers_json(convention_synthetique(comptes, graine=graine))
        (dossier / f"convention-{graine:06d}.json").write_text(texte, encoding="utf-8")
    return time.perf_counter() - debut


def _empreintes(lignes: Iterable[str]) -> list[str]:
    return [hashlib.sha256(ligne.encode()).hexdigest() for ligne in lignes]


def _lignes(resultats: Iterable[AuditConvention]) -> list[str]:
    return [json.dumps(r.vers_ligne(), ensure_ascii=False) for r in resultats]


def _cpu_enfants() -> float:
    t = os.times()
    return t.children_user + t.children_system


def _cpu_de_l_ouvrier() -> float:
    """Exécutée sur chaque ouvrier Dask : le temps processeur de son processus."""
    return time.process_time()


class Mesure:
    """Une façon d'auditer le lot : ses temps à chaque tour, et ses empreintes."""

    def __init__(self, nom: str) -> None:
        self.nom = nom
        self.horloge: list[float] = []
        self.cpu: list[float] = []
        self.empreintes: list[str] | None = None

    def mesurer(self, f: Callable[[], tuple[list[str], float]]) -> None:
        """``f`` rend les lignes JSON et le temps processeur pris hors de ce processus."""
        gc.collect()
        cpu, enfants = time.process_time(), _cpu_enfants()
        debut = time.perf_counter()
        lignes, ailleurs = f()
        horloge = time.perf_counter() - debut
        cpu = time.process_time() - cpu + _cpu_enfants() - enfants + ailleurs
        self.horloge.append(horloge)
        self.cpu.append(cpu)
        self.empreintes = _empreintes(lignes)
        print(f"  {self.nom:<22} {horloge:8.2f} s écoulées  {cpu:8.2f} s de processeur")


def _sequentiel(dossier: Path) -> tuple[list[str], float]:
    return _lignes(list(auditer_lot(dossier, instant=INSTANT, jobs=1))), 0.0


def _deux_processus(dossier: Path) -> tuple[list[str], float]:
    return _lignes(list(auditer_lot(dossier, instant=INSTANT, jobs=PROCESSUS))), 0.0


def _cli(dossier: Path, sortie: Path) -> tuple[list[str], float]:
    with sortie.open("w", encoding="utf-8") as flux:
        commande = [str(SCRIPT), "audit", str(dossier), "--instant", INSTANT.isoformat()]
        commande += ["--jobs", str(PROCESSUS), "--progression", "non"]
        subprocess.run(  # noqa: S603 - le script mcp-rules de ce venv, arguments fixés
            commande,
            stdout=flux,
            check=False,
        )
    return sortie.read_text(encoding="utf-8").splitlines(), 0.0


def _dask_grappe_creee(dossier: Path) -> tuple[list[str], float]:
    from mcp_rules.lots_dask import auditer_lot_dask  # noqa: PLC0415 - l'extra dask

    return _lignes(auditer_lot_dask(dossier, instant=INSTANT)), 0.0


def _dask_grappe_prete(dossier: Path, client: Any) -> tuple[list[str], float]:
    from mcp_rules.lots_dask import auditer_lot_dask  # noqa: PLC0415 - l'extra dask

    avant = sum(client.run(_cpu_de_l_ouvrier).values())
    resultats = auditer_lot_dask(dossier, instant=INSTANT, client=client)
    apres = sum(client.run(_cpu_de_l_ouvrier).values())
    return _lignes(resultats), apres - avant


def _un_tour(dossier: Path, mesures: dict[str, Mesure], demarrages: list[float]) -> None:
    from mcp_rules.lots_dask import grappe_locale  # noqa: PLC0415 - l'extra dask

    mesures["seq"].mesurer(lambda: _sequentiel(dossier))
    mesures["jobs"].mesurer(lambda: _deux_processus(dossier))
    with tempfile.TemporaryDirectory() as temporaire:
        sortie = Path(temporaire, "lot.jsonl")
        mesures["cli"].mesurer(lambda: _cli(dossier, sortie))
    mesures["dask"].mesurer(lambda: _dask_grappe_creee(dossier))
    debut = time.perf_counter()
    with grappe_locale(PROCESSUS) as client:
        client.wait_for_workers(PROCESSUS)
        demarrages.append(time.perf_counter() - debut)
        mesures["pret"].mesurer(lambda: _dask_grappe_prete(dossier, client))


def _tableau(mesures: dict[str, Mesure], nombre: int) -> None:
    seq = statistics.median(mesures["seq"].horloge)
    print()
    print(f"{'façon':<22} {'écoulé':>9} {'processeur':>11} {'accél.':>7} {'par conv.':>10}")
    for m in mesures.values():
        horloge, cpu = statistics.median(m.horloge), statistics.median(m.cpu)
        par_convention = horloge / nombre * 1e3
        print(
            f"{m.nom:<22} {horloge:8.2f}s {cpu:10.2f}s {seq / horloge:6.2f}× "
            f"{par_convention:7.3f} ms"
        )


def _accord(mesures: dict[str, Mesure], nombre: int) -> bool:
    """Chaque façon rend-elle, convention par convention, la ligne JSON du séquentiel ?"""
    reference = mesures["seq"].empreintes or []
    accord = len(reference) == nombre
    for m in mesures.values():
        if m.empreintes != reference:
            accord = False
            print(f"DÉSACCORD : « {m.nom} » ne rend pas les résultats du séquentiel")
    if accord:
        print(
            f"accord : oui — {nombre} conventions, chaque ligne JSON identique d'une façon "
            "à l'autre"
        )
    return accord


def _machine() -> None:
    versions = ", ".join(
        f"{p} {metadata.version(p)}" for p in ("mcp-rules", "dask", "distributed", "attrs")
    )
    print(
        f"machine : {platform.system()} {platform.machine()}, {os.cpu_count()} cœurs "
        f"({nombre_de_coeurs()} pour ce processus), Python {platform.python_version()} ; "
        f"{versions}"
    )


def main() -> int:
    parametres = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parametres.add_argument("--nombre", type=int, default=10_000)
    parametres.add_argument("--comptes", type=int, default=50)
    parametres.add_argument("--tours", type=int, default=1)
    parametres.add_argument("--dossier", type=Path, help="garder (ou reprendre) le lot ici")
    args = parametres.parse_args()
    print(f"charge au début : {_charge()}")
    _machine()
    with tempfile.TemporaryDirectory() as temporaire:
        dossier = args.dossier or Path(temporaire)
        dossier.mkdir(parents=True, exist_ok=True)
        if len(list(dossier.glob("convention-*.json"))) != args.nombre:
            duree = _ecrire(dossier, args.nombre, args.comptes)
            print(
                f"lot écrit : {args.nombre} conventions de {args.comptes} comptes en {duree:.1f} s"
            )
        taille = sum(p.stat().st_size for p in dossier.glob("*.json"))
        print(f"lot : {dossier} ({taille / 1e6:.0f} Mo)")
        mesures = {
            "seq": Mesure("séquentiel"),
            "jobs": Mesure(f"--jobs {PROCESSUS}"),
            "cli": Mesure(f"CLI --jobs {PROCESSUS}"),
            "dask": Mesure("Dask, grappe créée"),
            "pret": Mesure("Dask, grappe prête"),
        }
        demarrages: list[float] = []
        for tour in range(args.tours):
            print(f"tour {tour + 1} / {args.tours} (charge {_charge()})")
            _un_tour(dossier, mesures, demarrages)
        _tableau(mesures, args.nombre)
        print(
            f"démarrage d'une grappe Dask de {PROCESSUS} ouvriers : "
            f"{statistics.median(demarrages):.2f} s (médiane)"
        )
        accord = _accord(mesures, args.nombre)
    print(f"charge à la fin : {_charge()}")
    return 0 if accord else 1


if __name__ == "__main__":
    sys.exit(main())
