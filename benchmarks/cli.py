"""Le travail principal de bout en bout : ``mcp-rules audit FICHIER``, selon la taille.

Pour chaque taille (1 000, 10 000, 100 000 comptes ; 1 000 000 avec ``--million``), écrit
une convention synthétique en JSON dans un dossier temporaire, puis lance plusieurs fois
``mcp-rules audit FICHIER --instant …`` dans un processus neuf (démarrage, lecture,
audit, rapport écrit dans ``/dev/null``) et mesure, pour ce processus seul
(``os.wait4``, depuis un petit lanceur : voir ``_LANCEUR``) : le temps CPU (utilisateur
+ système), le maximum de mémoire résidente (RSS), et le temps écoulé. Imprime médiane,
min–max, octets de RSS par compte, et la charge de la machine ; évalue les objectifs du
ticket (100 000 comptes ≤ 2,5 s CPU ; 1 000 000 ≤ 25 s et ≤ 1 Go de RSS).

    python benchmarks/cli.py [--million] [--tours 3] [--json FICHIER]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Final

from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique
from mcp_rules.serialisation import vers_json

GRAINE: Final = 2026
OBJECTIFS: Final = {100_000: (2.5, None), 1_000_000: (25.0, 1024**3)}


def _commande() -> list[str]:
    executable = shutil.which("mcp-rules", path=str(Path(sys.executable).parent))
    if executable is None:
        return [sys.executable, "-m", "mcp_rules"]
    return [executable]


_LANCEUR: Final = """
import json, os, sys, time
nulle = os.open(os.devnull, os.O_WRONLY)
debut = time.perf_counter()
pid = os.posix_spawn(
    sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, nulle, 1)]
)
_, statut, usage = os.wait4(pid, 0)
ecoule = time.perf_counter() - debut
print(json.dumps({
    "code": os.waitstatus_to_exitcode(statut),
    "cpu_s": usage.ru_utime + usage.ru_stime,
    "rss_octets": usage.ru_maxrss * 1024,
    "ecoule_s": ecoule,
}))
"""
"""Le petit processus qui lance la commande mesurée et rend son ``os.wait4``.

Sous Linux, le RSS maximal d'un processus compte celui de l'espace mémoire qu'il quitte en
exécutant sa commande : un fils lancé depuis ce script, qui vient d'écrire une convention
d'un million de comptes, hériterait de son pic (2,4 Gio au lieu d'un). Lancée depuis ce
petit interpréteur (``python -S``, quelques Mio), la commande ne compte que le sien, comme
sous ``/usr/bin/time``."""


def une_fois(fichier: Path) -> dict[str, float]:
    """Un audit de bout en bout dans un processus neuf : CPU, RSS maximal, temps écoulé."""
    commande = [*_commande(), "audit", str(fichier), "--instant", INSTANT_REFERENCE.isoformat()]
    executable = shutil.which(commande[0]) or commande[0]
    lance = subprocess.run(  # noqa: S603 - notre propre commande
        [sys.executable, "-S", "-c", _LANCEUR, executable, *commande[1:]],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        mesure = json.loads(lance.stdout)
    except ValueError:
        raise SystemExit(f"le lanceur a échoué : {lance.stderr}") from None
    if mesure["code"] not in (0, 1):
        raise SystemExit(f"mcp-rules audit a échoué (code {mesure['code']}) : {lance.stderr}")
    return {k: mesure[k] for k in ("cpu_s", "rss_octets", "ecoule_s")}


def mesurer(n: int, tours: int, dossier: Path) -> dict[str, Any]:
    fichier = dossier / f"convention-{n}.json"
    fichier.write_text(vers_json(convention_synthetique(n, graine=GRAINE)), encoding="utf-8")
    mesures = [une_fois(fichier) for _ in range(tours)]
    fichier.unlink()
    resume: dict[str, Any] = {"comptes": n, "tours": mesures}
    for cle in ("cpu_s", "rss_octets", "ecoule_s"):
        valeurs = [m[cle] for m in mesures]
        resume[cle] = {
            "mediane": statistics.median(valeurs),
            "min": min(valeurs),
            "max": max(valeurs),
        }
    resume["rss_par_compte"] = resume["rss_octets"]["mediane"] / n
    return resume


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--million", action="store_true", help="mesurer aussi 1 000 000")
    analyseur.add_argument("--tours", type=int, default=3)
    analyseur.add_argument("--json", type=Path)
    args = analyseur.parse_args()
    tailles = [1_000, 10_000, 100_000] + ([1_000_000] if args.million else [])
    charge_debut = os.getloadavg()
    resultats = []
    with tempfile.TemporaryDirectory() as temporaire:
        for n in tailles:
            r = mesurer(n, args.tours, Path(temporaire))
            resultats.append(r)
            cpu, rss = r["cpu_s"], r["rss_octets"]
            verdict = ""
            if n in OBJECTIFS:
                max_cpu, max_rss = OBJECTIFS[n]
                ok = cpu["mediane"] <= max_cpu and (max_rss is None or rss["max"] <= max_rss)
                verdict = f" → objectif ≤ {max_cpu} s" + (
                    f", ≤ {max_rss / 1024**3:.0f} Go" if max_rss else ""
                )
                verdict += " : atteint" if ok else " : manqué"
            print(
                f"{n:>9,} comptes : {cpu['mediane']:6.2f} s CPU ({cpu['min']:.2f}–"
                f"{cpu['max']:.2f}) ; RSS max {rss['mediane'] / 1024**2:7.1f} Mio "
                f"({r['rss_par_compte']:.0f} octets par compte) ; écoulé "
                f"{r['ecoule_s']['mediane']:.2f} s{verdict}",
                flush=True,
            )
    charge_fin = os.getloadavg()
    print(f"charge (1, 5, 15 min) : début {charge_debut}, fin {charge_fin}")
    if args.json:
        args.json.write_text(
            json.dumps({"resultats": resultats, "charge": [charge_debut, charge_fin]}, indent=2)
        )


if __name__ == "__main__":
    main()
