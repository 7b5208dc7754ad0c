"""Les mutants du cœur des règles : mutmut sur ``regles/`` et ``decisions/``, score par module.

    pip install -e '.[mutation]'
    python mutation/mutants.py [--enfants 2] [--garder DOSSIER]

mutmut recopie le paquet, y glisse une à une de petites fautes (un ``<`` pour un ``<=``, un
``and`` pour un ``or``, une constante changée…) et rejoue pour chacune les tests qui passent
par la fonction touchée (``[tool.mutmut]`` de ``pyproject.toml``, profil hypothesis
``mutation`` : peu d'exemples, toujours les mêmes). Un mutant **tué** fait échouer au moins
un test ; un mutant **survivant** est une faute que la suite ne voit pas, ou un mutant
équivalent (le même comportement, autrement écrit), listé avec sa raison dans
``docs/robustesse.md``.

Le travail se fait dans une copie du dépôt (``--garder`` pour la conserver et l'explorer
avec ``mutmut show``/``mutmut browse``) : le dossier ``mutants/`` ne touche jamais les
sources. Le script affiche le score par module et le total, et écrit la liste des
survivants dans ``mutation/survivants.txt``. Hors CI : une heure environ sur deux cœurs.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
TUES = {1, 3}
DELAIS = {36, -24, 24, 152, 255}
ENGENDRES = ("src/mcp_rules/_version.py",)
"""Les fichiers que l'installation écrit et que git ignore, copiés eux aussi."""


def copier(vers: Path) -> None:
    """Les fichiers suivis par git (et ceux pas encore ajoutés), sans le corpus de fuzzing."""
    fichiers = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=RACINE,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    # _version.py est écrit à l'installation (hatch-vcs) et ignoré par git : sans lui, le
    # paquet copié ne s'importe pas.
    engendres = [f for f in ENGENDRES if (RACINE / f).exists()]
    for f in [*fichiers, *engendres]:
        if f.startswith(("fuzz/corpus/", "mutants/")):
            continue
        cible = vers / f
        cible.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(RACINE / f, cible)


def bilan(travail: Path) -> tuple[dict[str, collections.Counter[str]], list[str]]:
    """Par module : tués (délais compris), survivants, sans test ; et les survivants nommés."""
    par_module: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    survivants: list[str] = []
    for meta in sorted((travail / "mutants" / "src").rglob("*.py.meta")):
        module = str(meta.relative_to(travail / "mutants" / "src")).removesuffix(".meta")
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        for nom, code in sorted(codes.items()):
            if code in TUES or code in DELAIS:
                par_module[module]["tués"] += 1
            elif code == 0:
                par_module[module]["survivants"] += 1
                survivants.append(nom)
            elif code in (5, 33):
                par_module[module]["sans test"] += 1
                survivants.append(nom)
            else:
                par_module[module]["non vérifiés"] += 1
    return par_module, survivants


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--enfants", type=int, default=os.cpu_count() or 1)
    analyseur.add_argument("--garder", type=Path, help="dossier de travail à conserver")
    analyseur.add_argument("noms", nargs="*", help="motifs de mutants (tous par défaut)")
    args = analyseur.parse_args()
    travail = args.garder or Path(tempfile.mkdtemp(prefix="mcp-mutants-"))
    if not (travail / "pyproject.toml").exists():
        copier(travail)
    debut = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.enfants), *args.noms],
        cwd=travail,
        env={**os.environ, "HYPOTHESIS_PROFILE": "mutation", "PYTHONHASHSEED": "0"},
        check=False,
        stdout=subprocess.DEVNULL,
    )
    duree = time.monotonic() - debut
    par_module, survivants = bilan(travail)
    total: collections.Counter[str] = collections.Counter()
    print(f"{'module':44} {'mutants':>8} {'tués':>6} {'surv.':>6} {'score':>7}")
    for module, c in sorted(par_module.items()):
        total.update(c)
        n = sum(c.values())
        print(f"{module:44} {n:8} {c['tués']:6} {n - c['tués']:6} {100 * c['tués'] / n:6.1f} %")
    n = sum(total.values())
    if n:
        print(
            f"{'total':44} {n:8} {total['tués']:6} {n - total['tués']:6} "
            f"{100 * total['tués'] / n:6.1f} %"
        )
    print(f"durée : {duree / 60:.1f} min ; {args.enfants} processus ; copie de travail : {travail}")
    (RACINE / "mutation" / "survivants.txt").write_text("\n".join(survivants) + "\n")
    if not args.garder:
        shutil.rmtree(travail, ignore_errors=True)


if __name__ == "__main__":
    main()
