"""La documentation : le catalogue généré au build nomme chaque règle, sans copie qui dérive."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from mcp_rules import CATALOGUE

RACINE = Path(__file__).resolve().parents[2]


def _hook() -> ModuleType:
    chemin = RACINE / "docs" / "hooks" / "catalogue.py"
    spec = importlib.util.spec_from_file_location("mcp_rules_docs_catalogue", chemin)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_la_page_du_catalogue_nomme_chaque_regle() -> None:
    page = _hook().markdown_catalogue()
    for code, regle in CATALOGUE.items():
        assert f"#{code.lower()}" in page or code in page, code
        assert regle.titre.split(" ")[0] in page


def test_la_page_source_n_est_qu_un_marqueur() -> None:
    texte = (RACINE / "docs" / "regles.md").read_text(encoding="utf-8")
    assert "<!-- catalogue-des-regles -->" in texte
    cites = {code for code in CATALOGUE if code in texte}
    assert len(cites) <= 3, cites  # quelques exemples, pas une copie statique qui dériverait


def test_chaque_interpretation_citee_a_son_texte() -> None:
    hook = _hook()
    citees = {n for regle in CATALOGUE.values() for n in regle.interpretations}
    assert citees <= set(hook.INTERPRETATIONS)
