"""Des erreurs qu'une application web peut aiguiller : un seul format de chemin, son tuple
(``loc``), la valeur fautive, courte.

Les chemins des erreurs de construction (``Groupe(...)``) et de lecture (``depuis_dict``)
ont la même forme ; un nom de membre quelconque s'écrit entre crochets et se relit à
l'identique ; la lecture d'un chemin ne lève jamais.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcp_rules import DonneesInvalides, ErreurChamp, Groupe, Service, Utilisateur
from mcp_rules.fondations.erreurs import element_de_chemin, lire_chemin, valeur_courte
from mcp_rules.serialisation import depuis_dict, vers_dict

# Les textes d'un document JSON réel : sans moitié de paire de substitution isolée.
CLES = st.one_of(st.text(st.characters(exclude_categories=["Cs"])), st.integers(0, 10**6))


@given(st.lists(CLES, max_size=6))
def test_un_chemin_ecrit_pas_a_pas_se_relit_a_l_identique(pas: list[str | int]) -> None:
    chemin = "$" + "".join(element_de_chemin(p) for p in pas)
    assert lire_chemin(chemin) == tuple(pas)
    assert ErreurChamp(chemin, "C", "m").loc == tuple(pas)


@given(st.text())
def test_lire_un_chemin_ne_leve_jamais(texte: str) -> None:
    pas = lire_chemin(texte)
    assert isinstance(pas, tuple)


def test_un_chemin_qui_ne_se_lit_pas_reste_entier() -> None:
    assert lire_chemin("$.a[") == ("$.a[",)
    assert lire_chemin("--instant") == ("--instant",)


@pytest.mark.parametrize(
    ("relatif", "json"),
    [("", "$"), ("code", "$.code"), ("groupes[2].parent", "$.groupes[2].parent"), ("[3]", "$[3]")],
)
def test_un_chemin_relatif_prend_la_forme_json(relatif: str, json: str) -> None:
    assert ErreurChamp(relatif, "C", "m").chemin == json


def _groupe(**champs: object) -> dict[str, object]:
    document: dict[str, object] = {
        "code": "T1AS",
        "libelle": "T1 Assistants",
        "service": "CDAP",
        "gestionnaire": "adm.martin",
    }
    document.update(champs)
    return document


@pytest.mark.parametrize(
    ("champs", "chemin"),
    [
        ({"code": "T1 AS"}, "$.code"),
        ({"libelle": " T1"}, "$.libelle"),
        ({"gestionnaire": "adm martin"}, "$.gestionnaire"),
        ({"membres": ["as leroy"]}, "$.membres"),  # un ensemble : pas de rang
    ],
)
def test_construction_et_lecture_disent_le_meme_chemin(
    champs: dict[str, object], chemin: str
) -> None:
    document = _groupe(**champs)
    with pytest.raises(DonneesInvalides) as lecture:
        depuis_dict(document, Groupe)
    arguments = {**document, "service": Service.CDAP}
    if "membres" in arguments:
        arguments["membres"] = frozenset(arguments["membres"])  # type: ignore[call-overload]
    with pytest.raises(DonneesInvalides) as construction:
        Groupe(**arguments)  # type: ignore[arg-type]
    lus = [(e.chemin, e.code) for e in lecture.value.erreurs]
    construits = [(e.chemin, e.code) for e in construction.value.erreurs]
    assert lus == construits
    assert lus[0][0] == chemin


def test_la_valeur_fautive_est_rendue_courte() -> None:
    long_ = "x" * 200 + " y"
    with pytest.raises(DonneesInvalides) as refus:
        depuis_dict(_groupe(code=long_, libelle=7, gestionnaire=None), Groupe)
    valeurs = {e.chemin: e.valeur for e in refus.value.erreurs}
    assert valeurs["$.code"] == "x" * 60 + "…"
    assert valeurs["$.libelle"] == "7"
    assert valeurs["$.gestionnaire"] == "None"


def test_un_champ_absent_ou_inconnu_n_a_pas_de_valeur() -> None:
    document = _groupe(**{"a.b": 1})
    del document["libelle"]
    with pytest.raises(DonneesInvalides) as refus:
        depuis_dict(document, Groupe)
    par_chemin = {e.chemin: e for e in refus.value.erreurs}
    assert par_chemin["$.libelle"].valeur is None
    assert par_chemin['$["a.b"]'].valeur is None
    assert par_chemin['$["a.b"]'].loc == ("a.b",)


def test_la_valeur_n_entre_pas_dans_l_egalite_et_s_ecrit_en_json() -> None:
    a = ErreurChamp("$.code", "MCP-DONNEE-IDENTIFIANT", "m", valeur="T1 AS")
    assert a == ErreurChamp("$.code", "MCP-DONNEE-IDENTIFIANT", "m")
    assert hash(a) == hash(ErreurChamp("$.code", "MCP-DONNEE-IDENTIFIANT", "m"))
    assert vers_dict(a)["valeur"] == "T1 AS"
    assert depuis_dict(vers_dict(a), ErreurChamp).valeur == "T1 AS"


def test_une_erreur_de_construction_porte_sa_valeur() -> None:
    with pytest.raises(DonneesInvalides) as refus:
        Utilisateur(
            identifiant="a b",
            nom="N",
            prenom="P",
            email="p@exemple.fr",
            cree_le=datetime(2026, 1, 1, tzinfo=UTC),
        )
    (erreur,) = refus.value.erreurs
    assert (erreur.chemin, erreur.loc, erreur.valeur) == ("$.identifiant", ("identifiant",), "a b")


@given(st.one_of(st.text(), st.integers(), st.none(), st.lists(st.integers()), st.binary()))
def test_valeur_courte_toujours_un_texte_borne(valeur: object) -> None:
    courte = valeur_courte(valeur)
    assert isinstance(courte, str)
    assert len(courte) <= 61


# --- relecture adverse ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "type_", "loc"),
    [
        ({"x[0]": 1}, "Politique", ("x[0]",)),
        ({"a.b": 1}, "Politique", ("a.b",)),
        ({"0": 1}, "Convention", ("0",)),
        ({"a.b": 1}, "Convention", ("a.b",)),
    ],
)
def test_un_membre_inconnu_au_nom_quelconque_est_localise_exactement(
    document: dict[str, object], type_: str, loc: tuple[str, ...]
) -> None:
    import mcp_rules

    with pytest.raises(DonneesInvalides) as refus:
        depuis_dict(document, getattr(mcp_rules, type_))
    assert loc in {e.loc for e in refus.value.erreurs if e.code == "MCP-DONNEE-INCONNUE"}


def test_un_membre_en_double_au_nom_quelconque_est_localise_exactement() -> None:
    from mcp_rules.serialisation import depuis_json

    with pytest.raises(DonneesInvalides) as refus:
        depuis_json('{"code": "T1AS", "a.b": 1, "a.b": 2}', Groupe)
    assert ("a.b",) in {e.loc for e in refus.value.erreurs}


def test_des_rangs_demesures_ne_font_pas_lever() -> None:
    assert lire_chemin("$[" + "1" * 5000 + "]") == ("$[" + "1" * 5000 + "]",)
    assert element_de_chemin(10**5000) == '["rang hors limite"]'
    grand = 10**3000
    assert lire_chemin("$" + element_de_chemin(grand)) == (grand,)


def test_une_valeur_donnee_a_la_main_est_raccourcie_aussi() -> None:
    erreur = ErreurChamp("$.nom", "C", "m", valeur="x" * 100)
    assert erreur.valeur == "x" * 60 + "…"
    assert ErreurChamp("$.nom", "C", "m", valeur=3).valeur == "3"
