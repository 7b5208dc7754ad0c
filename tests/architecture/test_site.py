"""Le site de documentation reste transportable : mkdocs-material annonce sa fin de vie
(mai 2027) et nomme Zensical pour successeur, qui reprend la configuration ``mkdocs.yml``
mais pas tous les greffons. Le site n'en emploie que deux que Zensical prend en charge, et
les versions des outils sont bornées."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

RACINE = Path(__file__).resolve().parents[2]
GREFFONS_PERMIS = {"search", "mkdocstrings"}


def _greffons() -> set[str]:
    texte = (RACINE / "mkdocs.yml").read_text(encoding="utf-8")
    bloc = re.search(r"^plugins:\n((?:[ \t].*\n|\n)*)", texte, flags=re.MULTILINE)
    assert bloc is not None, "mkdocs.yml sans section plugins"
    return set(re.findall(r"^  - ([\w-]+)", bloc.group(1), flags=re.MULTILINE))


def test_le_site_n_emploie_que_des_greffons_repris_par_le_successeur() -> None:
    greffons = _greffons()
    assert greffons, "aucun greffon lu : l'analyse de mkdocs.yml est à revoir"
    assert greffons <= GREFFONS_PERMIS, greffons - GREFFONS_PERMIS


def test_les_outils_du_site_sont_bornes() -> None:
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for ligne in projet["optional-dependencies"]["docs"]:
        exigence = Requirement(ligne)
        assert any(s.operator == "<" for s in exigence.specifier), exigence
