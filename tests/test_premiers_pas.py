"""Les premières lignes du README tiennent leurs promesses (ticket « prêt pour les autres
équipes ») : la commande principale a un instant fixé, sa sortie et son code sont ceux
annoncés, la commande de tests est celle de la CI, les chemins du sous-ensemble rapide
existent, et le plancher de Python est celui des métadonnées."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mcp_rules.interfaces import cli

RACINE = Path(__file__).resolve().parent.parent
README = (RACINE / "README.md").read_text(encoding="utf-8")
BLOCS_SH = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)


def _commande_principale() -> list[str]:
    premiere = BLOCS_SH[0].strip()
    assert "\n" not in premiere, premiere
    derniere = premiere.split(" && ")[-1]
    return shlex.split(derniere)


def test_la_commande_principale_fixe_l_instant() -> None:
    mots = _commande_principale()
    assert mots[:3] == [".venv/bin/mcp-rules", "audit", "--exemple"], mots
    assert "--instant" in mots
    instant = mots[mots.index("--instant") + 1]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", instant), instant


def _lancer(mots: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mcp_rules", *mots[1:]],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_la_commande_principale_sort_avec_le_code_annonce_et_une_sortie_stable() -> None:
    mots = _commande_principale()
    premiere, seconde = _lancer(mots), _lancer(mots)
    assert premiere.returncode == cli.SORTIE_ERREURS, premiere.stderr
    assert premiere.stdout == seconde.stdout
    instant = mots[mots.index("--instant") + 1]
    assert premiere.stdout.splitlines()[0] == f"Audit de la convention 19_214 à {instant}"
    assert "NON CONFORME" in premiere.stdout
    assert "des erreurs voulues" in README


def test_les_codes_de_sortie_annonces_sont_ceux_de_la_ligne_de_commande() -> None:
    annonces = dict(re.findall(r"\*\*(\d)\*\* ([a-zé ]+?)(?: \(|,|\.)", README))
    assert annonces == {
        str(cli.SORTIE_CONFORME): "conforme",
        str(cli.SORTIE_ERREURS): "non conforme",
        str(cli.SORTIE_ENTREE_INVALIDE): "entrée invalide",
        str(cli.SORTIE_DEFAUT_INTERNE): "erreur interne",
    }


def test_la_commande_de_tests_est_celle_de_la_ci() -> None:
    commande = BLOCS_SH[1].strip()
    ci = (RACINE / ".ci" / "run").read_text(encoding="utf-8")
    assert commande in ci.splitlines()


@pytest.mark.parametrize("mot", shlex.split(BLOCS_SH[2].strip()))
def test_le_sous_ensemble_rapide_nomme_des_dossiers_qui_existent(mot: str) -> None:
    if mot.startswith("tests/"):
        assert (RACINE / mot).is_dir(), mot


def test_le_plancher_de_python_est_celui_des_metadonnees() -> None:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    plancher = projet["requires-python"].removeprefix(">=")
    assert f"Python {plancher} ou plus récent" in README
    assert projet["license"] == "MIT"
    assert (RACINE / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
