"""La documentation : le catalogue généré au build nomme chaque règle, sans copie qui dérive."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from mcp_rules import CATALOGUE, Action
from mcp_rules.regles.droits import DROITS

RACINE = Path(__file__).resolve().parents[2]


def _hook(nom: str = "catalogue") -> ModuleType:
    chemin = RACINE / "docs" / "hooks" / f"{nom}.py"
    spec = importlib.util.spec_from_file_location(f"mcp_rules_docs_{nom}", chemin)
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
    # quelques exemples (et la note sur la clôture), pas une copie statique qui dériverait
    assert len(cites) <= 6, cites


def test_chaque_interpretation_citee_a_son_texte() -> None:
    hook = _hook()
    citees = {n for regle in CATALOGUE.values() for n in regle.interpretations}
    assert citees <= set(hook.INTERPRETATIONS)


def test_la_page_qui_peut_faire_quoi_montre_chaque_ligne_de_la_table() -> None:
    """La page est engendrée de DROITS : chaque action a sa section, chaque ligne sa rangée,
    avec chacune de ses conditions et sa règle."""
    page = _hook("droits").markdown_droits()
    for action in Action:
        assert f"`Action.{action.value}`" in page, action
    for d in DROITS:
        assert f"regles.md#{d.regle.code.lower()}" in page
        for condition in d.conditions:
            assert condition.texte.replace("_", "\\_") in page or condition.texte in page


def test_la_page_source_des_droits_n_est_pas_une_copie_du_code() -> None:
    texte = (RACINE / "docs" / "droits.md").read_text(encoding="utf-8")
    assert "<!-- table-des-droits -->" in texte
    assert "Action.CREER_UTILISATEUR" not in texte  # les sections viennent du hook
