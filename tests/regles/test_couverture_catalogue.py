"""Le méta-test : chaque règle automatisable du catalogue est montrée des deux côtés.

Pour chaque code automatisable de :data:`~mcp_rules.CATALOGUE`, il faut au moins un test
marqué ``@pytest.mark.regle(code, declenche=True)`` (la règle se déclenche) et un marqué
``declenche=False`` (elle ne se déclenche pas), dans le module de son domaine
(``MCP-GRP-03`` → ``test_grp.py``), nommé d'après le code (``test_MCP_GRP_03_…``).

Les marques sont lues sur les fonctions de test elles-mêmes, en important les modules du
paquet : le méta-test juge le même ensemble de tests qu'on le lance seul ou avec les autres,
avec ``-k`` ou sans. Qu'une marque tienne sa promesse est vérifié ailleurs, à l'exécution de
chaque test (``conftest.py``) : un test marqué qui n'a pas vérifié son code échoue.

Un test marqué ``xfail`` ne compte pas comme couverture : il montre un comportement attendu
que la bibliothèque n'a pas encore. Les côtés couverts seulement ainsi sont les anomalies
signalées, listées ci-dessous ; la liste doit rester exacte dans les deux sens.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Final

import attrs
import pytest

from mcp_rules import CATALOGUE, Convention, Severite, auditer

from .conftest import INSTANT, MARQUEUR, marques_regle

ANOMALIES_SIGNALEES: Final[dict[str, str]] = {}
"""Les tests ``xfail`` stricts, chacun un défaut signalé aux mainteneurs de la bibliothèque.

Quand la bibliothèque est corrigée, le test ``xfail`` passe et échoue donc (strict) : retirez
sa marque ``xfail``, puis son entrée d'ici (et de ``SANS_COUVERTURE_REELLE``).
"""

SANS_COUVERTURE_REELLE: Final[frozenset[tuple[str, bool]]] = frozenset()
"""(code, declenche) que seul un test ``xfail`` montre : la règle n'agit pas encore ainsi."""

# Le catalogue de rules.md : code → sévérité (E, W, I ; « doc » pour les règles non vérifiables).
REGLES_MD: Final[dict[str, str]] = {
    **dict.fromkeys(["MCP-CONV-01", "MCP-CONV-02", "MCP-CONV-03"], "E"),
    **dict.fromkeys(["MCP-CONV-04", "MCP-CONV-05", "MCP-CONV-06"], "E"),
    **{f"MCP-ROLE-{n:02d}": "E" for n in range(1, 12)},
    "MCP-ROLE-12": "I",
    **dict.fromkeys(["MCP-GRP-01", "MCP-GRP-02", "MCP-GRP-03", "MCP-GRP-04"], "E"),
    "MCP-GRP-05": "W",
    "MCP-GRP-06": "I",
    **dict.fromkeys(["MCP-GRP-07", "MCP-GRP-08"], "E"),
    "MCP-USR-01": "W",
    **dict.fromkeys(["MCP-USR-02", "MCP-USR-03"], "E"),
    "MCP-USR-04": "W",
    "MCP-USR-05": "E",
    **dict.fromkeys(["MCP-USR-06", "MCP-USR-07"], "doc"),
    "MCP-ELIG-01": "E",
    "MCP-ELIG-02": "I",
    **dict.fromkeys(["MCP-ELIG-03", "MCP-ELIG-04", "MCP-ELIG-05", "MCP-ELIG-06"], "E"),
    "MCP-ELIG-07": "I",
    **dict.fromkeys(["MCP-NUM-01", "MCP-NUM-02"], "E"),
    "MCP-MDP-01": "I",
    **dict.fromkeys(["MCP-MDP-02", "MCP-MDP-03"], "E"),
    **dict.fromkeys(["MCP-MDP-04", "MCP-MDP-05"], "I"),
    **dict.fromkeys(["MCP-CDAP-01", "MCP-CDAP-02", "MCP-CDAP-03"], "E"),
    "MCP-CDAP-04": "doc",
    **dict.fromkeys(["MCP-AFAS-01", "MCP-AFAS-02", "MCP-AFAS-03"], "E"),
    "MCP-AFAS-04": "W",
    "MCP-AFAS-05": "E",
    **dict.fromkeys(["MCP-SUPP-01", "MCP-SUPP-02"], "E"),
    "MCP-SUPP-03": "W",
    "MCP-SUPP-04": "doc",
    **dict.fromkeys(["MCP-SEC-01", "MCP-SEC-02", "MCP-SEC-03", "MCP-SEC-04"], "doc"),
    "MCP-SEC-05": "W",
    "MCP-SEC-06": "doc",
}

NON_AUTOMATISABLES: Final = frozenset(
    {
        "MCP-USR-06",
        "MCP-USR-07",
        "MCP-CDAP-04",
        "MCP-SUPP-04",
        "MCP-SEC-01",
        "MCP-SEC-02",
        "MCP-SEC-03",
        "MCP-SEC-04",
        "MCP-SEC-06",
    }
)

_SEVERITES: Final = {"E": Severite.ERREUR, "W": Severite.AVERTISSEMENT, "I": Severite.INFO}


@attrs.frozen
class MarquesDuTest:
    """Un test du paquet, ses marques ``regle`` et s'il est attendu en échec."""

    module: str
    nom: str
    regles: tuple[tuple[str, bool], ...]
    xfail: bool
    xfail_strict: bool

    @property
    def ou(self) -> str:
        return f"{self.module}.py::{self.nom}"


TRANSVERSAUX: Final = frozenset({"test_audits_approuves"})
"""Les modules qui traversent tous les domaines (ce que dit l'audit, mot pour mot) : ils ne
montrent pas une règle mais un texte approuvé, et ne portent donc pas de marque ``regle``."""


def _modules() -> list[ModuleType]:
    paquet = __package__ or __name__.rpartition(".")[0]
    nom_ici = __name__.rpartition(".")[2]
    return [
        importlib.import_module(f"{paquet}.{info.name}")
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if info.name.startswith("test_") and info.name not in {nom_ici, *TRANSVERSAUX}
    ]


def _marques(fonction: Callable[..., object]) -> list[pytest.Mark]:
    marques: list[pytest.Mark] = getattr(fonction, "pytestmark", [])
    return marques


def _tests() -> list[MarquesDuTest]:
    tests = []
    for module in _modules():
        court = module.__name__.rpartition(".")[2]
        classes = [
            n for n, x in vars(module).items() if n.startswith("Test") and inspect.isclass(x)
        ]
        assert not classes, f"{court} : classes de test non examinées par le méta-test : {classes}"
        for nom, fonction in vars(module).items():
            if not (nom.startswith("test_") and inspect.isfunction(fonction)):
                continue
            marques = _marques(fonction)
            xfails = [m for m in marques if m.name == "xfail"]
            tests.append(
                MarquesDuTest(
                    module=court,
                    nom=nom,
                    regles=tuple(marques_regle(marques)),
                    xfail=bool(xfails),
                    xfail_strict=all(m.kwargs.get("strict") is True for m in xfails),
                )
            )
    return tests


TESTS: Final = _tests()


def _module_du_domaine(code: str) -> str:
    return "test_" + CATALOGUE[code].domaine.lower()


def _couverts(*, xfail: bool) -> set[tuple[str, bool]]:
    return {regle for t in TESTS if t.xfail is xfail for regle in t.regles}


# --- le catalogue ------------------------------------------------------------------------------


def test_le_catalogue_est_celui_de_rules_md() -> None:
    """Les 60 codes de rules.md, chacun avec sa sévérité ; les règles « doc » non vérifiables."""
    assert set(CATALOGUE) == set(REGLES_MD)
    for code, severite in REGLES_MD.items():
        regle = CATALOGUE[code]
        assert regle.code == code
        assert regle.titre
        assert regle.source
        if severite == "doc":
            assert regle.automatisable is False, code
        else:
            assert regle.automatisable is True, code
            assert regle.severite is _SEVERITES[severite], code


def test_les_regles_non_automatisables_sont_listees_au_catalogue() -> None:
    """MCP-USR-06, MCP-USR-07, MCP-CDAP-04 et MCP-SUPP-04 : documentées, jamais abandonnées."""
    assert {c for c, r in CATALOGUE.items() if not r.automatisable} == NON_AUTOMATISABLES
    for code in NON_AUTOMATISABLES:
        assert CATALOGUE[code].automatisable is False
        assert CATALOGUE[code].titre
        assert CATALOGUE[code].source


# --- la couverture -----------------------------------------------------------------------------


def test_chaque_regle_automatisable_est_montree_des_deux_cotes() -> None:
    couverts = _couverts(xfail=False)
    manquants = [
        f"{code} ({'déclenchée' if d else 'non déclenchée'})"
        for code, regle in CATALOGUE.items()
        if regle.automatisable
        for d in (True, False)
        if (code, d) not in couverts and (code, d) not in SANS_COUVERTURE_REELLE
    ]
    assert not manquants, "sans test : " + ", ".join(manquants)


def test_les_cotes_sans_couverture_reelle_sont_exactement_ceux_des_xfail() -> None:
    """Un côté que seul un xfail montre est déclaré ; un côté déclaré n'a qu'un xfail."""
    seulement_xfail = _couverts(xfail=True) - _couverts(xfail=False)
    assert seulement_xfail == SANS_COUVERTURE_REELLE


# --- les marques -------------------------------------------------------------------------------


def test_chaque_test_des_domaines_porte_une_marque_regle_a_son_nom() -> None:
    """Un test par règle, dans le module de son domaine, nommé d'après son code."""
    assert TESTS
    fautifs = []
    for t in TESTS:
        if len(t.regles) != 1:
            fautifs.append(f"{t.ou} : {len(t.regles)} marques {MARQUEUR}")
            continue
        ((code, _),) = t.regles
        if code not in CATALOGUE or not CATALOGUE[code].automatisable:
            fautifs.append(f"{t.ou} : {code} n'est pas un code automatisable du catalogue")
            continue
        if not t.nom.startswith("test_" + code.replace("-", "_") + "_"):
            fautifs.append(f"{t.ou} : le nom ne commence pas par test_{code.replace('-', '_')}_")
        if t.module != _module_du_domaine(code):
            fautifs.append(f"{t.ou} : {code} relève de {_module_du_domaine(code)}.py")
    assert not fautifs, "\n".join(fautifs)


def test_les_xfail_sont_stricts_et_signales() -> None:
    """Un xfail n'est qu'un drapeau temporaire : strict, et pour une anomalie signalée."""
    xfails = {t.nom: t for t in TESTS if t.xfail}
    assert set(xfails) == set(ANOMALIES_SIGNALEES)
    for t in xfails.values():
        assert t.xfail_strict, t.ou
        assert ANOMALIES_SIGNALEES[t.nom], t.ou


def test_le_marqueur_regle_est_declare(pytestconfig: pytest.Config) -> None:
    """``--strict-markers`` : le marqueur est déclaré par ``conftest.py``."""
    declares = pytestconfig.getini("markers")
    assert isinstance(declares, list)
    assert any(str(ligne).startswith(f"{MARQUEUR}(") for ligne in declares)


def test_la_convention_de_base_est_conforme(base: Convention) -> None:
    """Les tests « ne se déclenche pas » s'appuient sur une convention dont l'audit ne dit rien."""
    rapport = auditer(base, instant=INSTANT)
    assert rapport.constats == ()
    assert rapport.nombre_comptes_actifs == rapport.nombre_comptes == 11
