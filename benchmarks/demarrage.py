"""Le démarrage : ``import mcp_rules`` et la ligne de commande, dans des processus neufs.

    python benchmarks/demarrage.py [--processus 20] [--detail]

Chaque scénario est lancé ``--processus`` fois dans un interpréteur neuf, les scénarios
entrelacés (A, B, C, A, B, C…) pour que la charge de la machine pèse sur tous de la même
façon. Pour chacun, imprime la médiane et l'étendue (1er – 3e quartile, min – max) :

- du **processus entier**, en temps écoulé (horloge) et en temps processeur (utilisateur +
  système, la différence de ``resource.getrusage(RUSAGE_CHILDREN)`` avant et après) ;
- de l'**import seul**, mesuré dans le processus même (``perf_counter_ns`` et
  ``process_time_ns`` autour de l'instruction), sans le démarrage de l'interpréteur ;
- le nombre de modules chargés et ceux, parmi les plus lourds, qui l'ont été.

Le scénario ``python -c pass`` donne le prix de l'interpréteur seul. ``--detail`` imprime
en plus les modules les plus coûteux d'un ``python -X importtime -c "import mcp_rules"``.
Un script qui imprime des nombres : aucun test ne dépend d'un temps.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

LOURDS: Final = (
    "email_validator",
    "cattrs",
    "json",
    "argparse",
    "mcp_rules.analyses.audit",
    "mcp_rules.analyses.plans",
    "mcp_rules.commandes",
    "mcp_rules.decisions.acces",
    "mcp_rules.interfaces.serialisation",
)
"""Les modules dont on dit, pour chaque scénario, s'ils ont été chargés."""

SONDE: Final = """
import sys, time
t0, c0 = time.perf_counter_ns(), time.process_time_ns()
{code}
t1, c1 = time.perf_counter_ns(), time.process_time_ns()
m = sorted(sys.modules)
import json as _j
print(_j.dumps({{"mur": t1 - t0, "cpu": c1 - c0, "modules": m}}))
"""
"""Le code d'un scénario, chronométré dans le processus même (``json`` est importé après
la liste des modules chargés)."""


@dataclass(slots=True)
class Scenario:
    nom: str
    commande: list[str]
    sonde: bool  # le processus imprime ses propres mesures (SONDE)
    mur_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    import_mur_ms: list[float] = field(default_factory=list)
    import_cpu_ms: list[float] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)


def _cli() -> list[str]:
    script = shutil.which("mcp-rules", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "mcp_rules"]


def scenarios() -> list[Scenario]:
    py = sys.executable

    def sonde(code: str) -> list[str]:
        return [py, "-c", SONDE.format(code=code)]

    return [
        Scenario("python -c pass (l'interpréteur seul)", [py, "-c", "pass"], sonde=False),
        Scenario("import mcp_rules", sonde("import mcp_rules"), sonde=True),
        Scenario(
            "from mcp_rules import Convention, acces_cdap, peut",
            sonde("from mcp_rules import Convention, acces_cdap, peut"),
            sonde=True,
        ),
        Scenario(
            "from mcp_rules import auditer",
            sonde("from mcp_rules import auditer"),
            sonde=True,
        ),
        Scenario(
            "from mcp_rules.serialisation import depuis_json",
            sonde("from mcp_rules.serialisation import depuis_json"),
            sonde=True,
        ),
        Scenario("mcp-rules --help", [*_cli(), "--help"], sonde=False),
        Scenario(
            "mcp-rules audit --exemple",
            [*_cli(), "audit", "--exemple", "--instant", "2026-11-27T09:00:00Z"],
            sonde=False,
        ),
    ]


def lancer(s: Scenario) -> None:
    avant = resource.getrusage(resource.RUSAGE_CHILDREN)
    debut = time.perf_counter_ns()
    r = subprocess.run(s.commande, capture_output=True, text=True, check=False)  # noqa: S603
    mur = time.perf_counter_ns() - debut
    apres = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode not in (0, 1):  # 1 : l'audit de l'exemple trouve des erreurs, à dessein
        raise SystemExit(f"{s.nom} : code {r.returncode}\n{r.stderr}")
    s.mur_ms.append(mur / 1e6)
    cpu = (apres.ru_utime - avant.ru_utime) + (apres.ru_stime - avant.ru_stime)
    s.cpu_ms.append(cpu * 1e3)
    if s.sonde:
        mesure = json.loads(r.stdout.strip().splitlines()[-1])
        s.import_mur_ms.append(mesure["mur"] / 1e6)
        s.import_cpu_ms.append(mesure["cpu"] / 1e6)
        s.modules = mesure["modules"]


def resume(valeurs: Sequence[float]) -> str:
    q1, med, q3 = statistics.quantiles(valeurs, n=4, method="inclusive")
    bornes = f"min–max {min(valeurs):.1f}–{max(valeurs):.1f}"
    return f"{med:6.1f} ms  (q1–q3 {q1:.1f}–{q3:.1f}, {bornes})"


def detail() -> None:
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import mcp_rules"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    lignes = []
    for ligne in trace.splitlines()[1:]:
        morceaux = ligne.removeprefix("import time:").split("|")
        if len(morceaux) == 3:
            lignes.append((int(morceaux[0]), int(morceaux[1]), morceaux[2].rstrip()))
    print("\n-X importtime, import mcp_rules : les 15 modules les plus coûteux (propre, cumulé)")
    for propre, cumule, nom in sorted(lignes, reverse=True)[:15]:
        print(f"  {propre / 1000:6.1f} ms {cumule / 1000:7.1f} ms  {nom}")
    total = next((c for _, c, n in lignes if n.strip() == "mcp_rules"), None)
    if total is not None:
        print(f"  total mcp_rules (cumulé, sous -X importtime) : {total / 1000:.1f} ms")
    for argv in (["--help"], ["audit", "--exemple", "--instant", "2026-11-27T09:00:00Z"]):
        code = (
            "import contextlib, io, sys\n"
            "from mcp_rules.interfaces.cli import main\n"
            "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main({argv!r})\n"
            "print(repr(sorted(sys.modules)))\n"
        )
        r = subprocess.run(  # noqa: S603 - l'interpréteur courant, code fixé
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        modules = ast.literal_eval(r.stdout.strip().splitlines()[-1])
        charges = [m for m in LOURDS if m in modules]
        print(
            f"mcp-rules {' '.join(argv)} : {len(modules)} modules chargés ; parmi les lourds : "
            + (", ".join(charges) if charges else "aucun")
        )


def principal(arguments: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--processus", type=int, default=20, help="lancements par scénario")
    parseur.add_argument("--detail", action="store_true", help="et -X importtime")
    options = parseur.parse_args(arguments)
    print(f"Python {sys.version.split()[0]} ({sys.executable})")
    print(f"charge au début : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    tous = scenarios()
    for s in tous:  # un lancement à blanc : fichiers en cache, .pyc écrits
        lancer(s)
        s.mur_ms.clear()
        s.cpu_ms.clear()
        s.import_mur_ms.clear()
        s.import_cpu_ms.clear()
    for _ in range(options.processus):
        for s in tous:
            lancer(s)
    print(f"charge à la fin : {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"médianes de {options.processus} processus neufs par scénario, entrelacés\n")
    for s in tous:
        print(s.nom)
        print(f"  processus entier, horloge     {resume(s.mur_ms)}")
        print(f"  processus entier, processeur  {resume(s.cpu_ms)}")
        if s.sonde:
            print(f"  l'import seul, horloge        {resume(s.import_mur_ms)}")
            print(f"  l'import seul, processeur     {resume(s.import_cpu_ms)}")
            charges = [m for m in LOURDS if m in s.modules]
            print(
                f"  {len(s.modules)} modules chargés ; parmi les lourds : "
                + (", ".join(charges) if charges else "aucun")
            )
    if options.detail:
        detail()
    return 0


if __name__ == "__main__":
    sys.exit(principal())
