"""Lance une cible de fuzzing sous atheris (libFuzzer, guidé par la couverture de mcp_rules).

    pip install -e '.[fuzz]'
    python fuzz/lancer.py CIBLE [--secondes 60] [--travail DOSSIER] [options libFuzzer…]
    python fuzz/lancer.py --toutes --secondes 60

Le corpus de départ est ``fuzz/corpus/CIBLE`` (lu, jamais modifié) ; les entrées nouvelles
vont dans ``--travail`` (par défaut ``fuzz/travail/CIBLE``, hors du dépôt). Une entrée qui
fait lever autre chose que ``DonneeInvalide`` arrête la cible : libFuzzer écrit l'entrée
dans ``crash-…``, à rejouer par ``python fuzz/lancer.py CIBLE crash-…``. En fin de cible,
une ligne « bilan » donne le nombre d'entrées essayées (``number_of_executed_units``).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent


def _une_cible(nom: str, options: list[str]) -> None:
    """Dans ce processus : instrumente mcp_rules, puis rend la main à libFuzzer."""
    import atheris  # noqa: PLC0415 - l'extra « fuzz », chargé seulement ici

    sys.path.insert(0, str(RACINE.parent))
    with atheris.instrument_imports(include=["mcp_rules", "fuzz"]):
        from fuzz.cibles import CIBLES  # noqa: PLC0415

    if nom not in CIBLES:
        sys.exit(f"cible inconnue {nom!r} ; cibles : {', '.join(CIBLES)}")
    atheris.Setup([sys.argv[0], *options], CIBLES[nom])
    atheris.Fuzz()


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("cible", nargs="?")
    analyseur.add_argument("--toutes", action="store_true", help="chaque cible à la suite")
    analyseur.add_argument("--secondes", type=int, default=60, help="par cible")
    analyseur.add_argument("--travail", type=Path, default=RACINE / "travail")
    analyseur.add_argument("--interne", action="store_true", help=argparse.SUPPRESS)
    args, libfuzzer = analyseur.parse_known_args()
    if args.interne:
        _une_cible(args.cible, libfuzzer)
        return
    sys.path.insert(0, str(RACINE.parent))
    from fuzz.cibles import CIBLES  # noqa: PLC0415

    noms = list(CIBLES) if args.toutes else [args.cible]
    if noms == [None]:
        analyseur.error("donnez une CIBLE ou --toutes")
    echecs = 0
    for nom in noms:
        travail = args.travail / nom
        travail.mkdir(parents=True, exist_ok=True)
        rejeu = [f for f in libfuzzer if not f.startswith("-")]
        options = [
            f"-max_total_time={args.secondes}",
            "-print_final_stats=1",
            "-timeout=20",
            "-rss_limit_mb=4096",
            f"-artifact_prefix={travail}/",
            *libfuzzer,
        ]
        if not rejeu:
            options += [str(travail), str(RACINE / "corpus" / nom)]
        fini = subprocess.run(
            [sys.executable, __file__, nom, "--interne", *options],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        unites = re.findall(r"stat::number_of_executed_units: (\d+)", fini.stderr)
        couverture = re.findall(r"cov: (\d+)", fini.stderr)
        essais = unites[-1] if unites else "?"
        sys.stdout.write(
            f"bilan {nom} : {essais} entrées en {args.secondes} s, couverture "
            f"{couverture[-1] if couverture else '?'} arêtes, code {fini.returncode}\n"
        )
        if fini.returncode != 0:
            echecs += 1
            sys.stdout.write(fini.stderr[-4000:] + "\n")
    sys.exit(1 if echecs else 0)


if __name__ == "__main__":
    main()
