"""La convention d'exemple : l'audit trouve chaque problème laissé exprès, et rien d'autre."""

from __future__ import annotations

from importlib import resources

import pytest

from mcp_rules import Convention, auditer
from mcp_rules.exemple import INSTANT_EXEMPLE, PROBLEMES, convention_exemple
from mcp_rules.serialisation import depuis_json, vers_json


@pytest.fixture(scope="module")
def trouves() -> set[tuple[str, str | None]]:
    rapport = auditer(convention_exemple(), instant=INSTANT_EXEMPLE)
    return {(c.code, c.cible) for c in rapport.constats}


def test_exemple_livre_en_json_est_celui_du_code() -> None:
    texte = resources.files("mcp_rules").joinpath("donnees", "exemple-19_214.json").read_text()
    assert depuis_json(texte, Convention) == convention_exemple()
    assert texte == vers_json(convention_exemple(), indent=2) + "\n"


def test_exemple_adresse_de_service(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-USR-02", "accueil.ccas") in trouves


def test_exemple_compte_au_nom_d_une_fonction(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-USR-01", "accueil.ccas") in trouves


def test_exemple_gestionnaire_cloture(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-GRP-08", "T2PE") in trouves
    assert ("MCP-GRP-08", "T2CR") in trouves


def test_exemple_groupe_sans_role(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-GRP-05", "T2CR") in trouves


def test_exemple_libelle_sans_profil(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-GRP-03", "T4RSA") in trouves


def test_exemple_profil_du_contrat_sans_groupe(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-GRP-06", None) in trouves


def test_exemple_mot_de_passe_temporaire_expire(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-MDP-02", "ae.fontaine") in trouves


def test_exemple_inactivite_prolongee(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-USR-04", "cesf.roux") in trouves


def test_exemple_diplome_non_enregistre(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-ELIG-02", "as.moreau") in trouves


def test_exemple_configuration_afas_incomplete(trouves: set[tuple[str, str | None]]) -> None:
    assert ("MCP-AFAS-04", None) in trouves


def test_exemple_rien_d_autre(trouves: set[tuple[str, str | None]]) -> None:
    assert trouves == set(PROBLEMES)


def test_exemple_comptages_par_profil_et_service() -> None:
    rapport = auditer(convention_exemple(), instant=INSTANT_EXEMPLE)
    assert {p.value: n for p, n in rapport.comptes_par_profil.items()} == {
        "T1": 3,
        "T2": 3,
        "T4": 1,
    }
    assert {s.value: n for s, n in rapport.comptes_par_service.items()} == {"CDAP": 7, "AFAS": 2}
