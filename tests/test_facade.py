"""La façade ``mcp_rules`` : chaque nom public s'y trouve, importé de sa couche au premier
accès, et ``import mcp_rules`` ne charge que ce qu'il faut.

Les noms sont pris à leur module au premier accès (PEP 562, ``__getattr__``) ; ces tests
vérifient que la table qui le permet, le bloc ``TYPE_CHECKING`` que lisent mypy et les
éditeurs, et ``__all__`` disent la même chose, et que chaque nom est **le même objet** que
dans son module. Les imports se vérifient dans un processus neuf.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import mcp_rules

FACADE = Path(mcp_rules.__file__)

PARESSEUX = (
    "email_validator",
    "cattrs",
    "json",
    "argparse",
    "attrs",
    "immutables",
    "mcp_rules.fondations",
    "mcp_rules.valeurs",
    "mcp_rules.modele",
    "mcp_rules.regles",
    "mcp_rules.decisions",
    "mcp_rules.commandes",
    "mcp_rules.analyses",
    "mcp_rules.interfaces",
)
"""Ce que ``import mcp_rules`` seul ne doit pas charger (un préfixe couvre ses sous-modules)."""


def _charges(code: str) -> list[str]:
    """Les modules chargés par ``code`` dans un interpréteur neuf."""
    resultat = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return resultat.stdout.split()


def _parmi(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]


def _imports_type_checking() -> dict[str, str]:
    """nom → module, lus dans le bloc ``if TYPE_CHECKING:`` de la façade."""
    arbre = ast.parse(FACADE.read_text(encoding="utf-8"))
    bloc = next(
        n
        for n in arbre.body
        if isinstance(n, ast.If) and isinstance(n.test, ast.Name) and n.test.id == "TYPE_CHECKING"
    )
    return {
        alias.name: noeud.module
        for noeud in bloc.body
        if isinstance(noeud, ast.ImportFrom) and noeud.module is not None
        for alias in noeud.names
    }


@pytest.mark.parametrize("nom", sorted(mcp_rules.__all__))
def test_chaque_nom_public_est_l_objet_de_son_module(nom: str) -> None:
    valeur = getattr(mcp_rules, nom)
    if nom == "__version__":
        assert valeur == importlib.import_module("mcp_rules._version").__version__
        return
    module = mcp_rules._MODULE_DU_NOM[nom]
    assert valeur is getattr(importlib.import_module(module), nom)
    espace: dict[str, object] = {}
    exec(f"from mcp_rules import {nom} as x", espace)  # noqa: S102 - un nom de __all__
    assert espace["x"] is valeur


def test_la_table_le_bloc_type_checking_et_all_disent_la_meme_chose() -> None:
    assert _imports_type_checking() == mcp_rules._MODULE_DU_NOM
    assert set(mcp_rules.__all__) == {*mcp_rules._MODULE_DU_NOM, "__version__"}
    assert len(mcp_rules.__all__) == len(set(mcp_rules.__all__))


def test_dir_montre_chaque_nom_public_meme_pas_encore_importe() -> None:
    noms = set(dir(mcp_rules))
    assert set(mcp_rules.__all__) <= noms
    assert "__getattr__" in noms


def test_un_nom_inconnu_leve_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Convnetion'"):
        _ = mcp_rules.Convnetion  # type: ignore[attr-defined]
    assert not hasattr(mcp_rules, "_MODULE_QUI_N_EXISTE_PAS")
    espace: dict[str, object] = {}
    with pytest.raises(ImportError, match="Convnetion"):
        exec("from mcp_rules import Convnetion", espace)  # noqa: S102 - un nom fixé


def test_import_mcp_rules_ne_charge_aucune_couche() -> None:
    charges = _charges("import mcp_rules")
    assert _parmi(charges, PARESSEUX) == []
    assert "mcp_rules._version" in charges


def test_un_nom_ne_charge_que_sa_couche_et_celles_du_dessous() -> None:
    charges = _charges("from mcp_rules import Convention, acces_cdap, peut")
    assert "mcp_rules.decisions.acces" in charges
    interdits = (
        "email_validator",  # aucune adresse n'a encore été vérifiée
        "cattrs",
        "json",
        "mcp_rules.analyses",
        "mcp_rules.commandes",
        "mcp_rules.interfaces",
    )
    assert _parmi(charges, interdits) == []


def test_email_validator_n_est_charge_qu_a_la_premiere_adresse() -> None:
    assert "email_validator" not in _charges("from mcp_rules import AdresseEmail")
    charges = _charges("from mcp_rules import AdresseEmail\nAdresseEmail.parse('a.b@caf.fr')")
    assert "email_validator" in charges


def test_une_facade_chargee_tout_entiere_par_etoile() -> None:
    espace: dict[str, object] = {}
    exec("from mcp_rules import *", espace)  # noqa: S102 - la façade elle-même
    assert set(mcp_rules.__all__) <= set(espace)


@pytest.mark.parametrize(
    ("arguments", "interdits"),
    [
        (["--help"], ("email_validator", "cattrs", "json", "mcp_rules.analyses")),
        (["regles"], ("email_validator", "cattrs", "mcp_rules.analyses", "mcp_rules.commandes")),
        (
            ["audit", "--exemple", "--instant", "2026-11-27T09:00:00Z"],
            ("mcp_rules.analyses.simulation", "mcp_rules.analyses.matrice"),
        ),
    ],
)
def test_la_ligne_de_commande_ne_charge_que_ce_que_sa_sous_commande_utilise(
    arguments: list[str], interdits: tuple[str, ...]
) -> None:
    code = (
        "import contextlib, io\n"
        "from mcp_rules.interfaces.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({arguments!r})"
    )
    assert _parmi(_charges(code), interdits) == []
