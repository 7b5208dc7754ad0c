"""NUM — le numéro d'instructeur RSA (profil T4).

Guide, « Le numéro d'instructeur du RSA d'un utilisateur profil T4 n'est pas reconnu » :
« Le numéro est incomplet pour le système. Le numéro d'instructeur se décompose comme suit :
code du département (3 chiffres), type d'instructeur (1 lettre), numéro de commune
(3 chiffres), numéro d'agrément ou rang instructeur ou numéro de territoire (2 chiffres).
▶ Ajouter cinq « 0 » à la fin de votre numéro. »

Ce sont des règles de structure : elles se déclenchent par une :class:`DonneeInvalide` qui
porte leur code, à la lecture du numéro.
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

import pytest

from mcp_rules import (
    Fonction,
    NumeroInstructeur,
    NumeroInstructeurIncomplet,
    NumeroInstructeurMalForme,
    modifier_compte,
)

from .conftest import (
    INSTANT,
    compte,
    convention,
    leve_code,
    leve_code_au_chemin,
    ne_leve_pas,
    pas_ce_code,
)

# --- MCP-NUM-01 : département, type, commune, rang, cinq zéros -----------------------------


@pytest.mark.regle("MCP-NUM-01", declenche=True)
@pytest.mark.parametrize(
    ("saisie", "partie"),
    [
        ("099A1230100000", "departement"),
        ("020A1230100000", "departement"),
        ("09311230100000", "type"),
        ("093A12X0100000", "commune"),
        ("093A123AB00000", "rang"),
        ("093A1230100001", "suffixe"),
        ("093A123010000", "longueur"),
        ("093A12301000000", "longueur"),
        ("093Ａ1230100000", "caracteres"),
    ],
)
def test_MCP_NUM_01_numero_mal_forme_nomme_la_partie_fautive(saisie: str, partie: str) -> None:
    with leve_code("MCP-NUM-01") as info:
        NumeroInstructeur.parse(saisie)
    assert isinstance(info.value, NumeroInstructeurMalForme)
    assert info.value.parties == (partie,)
    assert not isinstance(info.value, NumeroInstructeurIncomplet)


@pytest.mark.regle("MCP-NUM-01", declenche=False)
@pytest.mark.parametrize(
    ("saisie", "canonique"),
    [
        ("093A1230100000", "093A1230100000"),
        ("093 a 123-01.00000", "093A1230100000"),
        ("02BX0019900000", "02BX0019900000"),
        ("971A0010100000", "971A0010100000"),
        ("001Z9999900000", "001Z9999900000"),
    ],
)
def test_MCP_NUM_01_numero_bien_forme(saisie: str, canonique: str) -> None:
    numero = ne_leve_pas("MCP-NUM-01", lambda: NumeroInstructeur.parse(saisie))
    assert str(numero) == canonique
    assert NumeroInstructeur.parse(str(numero)) == numero


# --- MCP-NUM-02 : sans ses cinq zéros, le numéro est incomplet ------------------------------


@pytest.mark.regle("MCP-NUM-02", declenche=True)
@pytest.mark.parametrize(
    ("saisie", "complete"),
    [
        ("093A12301", "093A1230100000"),
        ("093 a 123 01", "093A1230100000"),
        ("02B-X-001-99", "02BX0019900000"),
    ],
)
def test_MCP_NUM_02_numero_sans_ses_cinq_zeros_propose_le_numero_complete(
    saisie: str, complete: str
) -> None:
    """« Ajouter cinq « 0 » à la fin de votre numéro. »"""
    with leve_code("MCP-NUM-02") as info:
        NumeroInstructeur.parse(saisie)
    assert isinstance(info.value, NumeroInstructeurIncomplet)
    assert str(info.value.suggestion) == complete
    assert NumeroInstructeur.completer(saisie) == info.value.suggestion


@pytest.mark.regle("MCP-NUM-02", declenche=True)
def test_MCP_NUM_02_enregistrer_un_numero_incomplet_refuse() -> None:
    """Le numéro saisi sur le compte de l'instructeur passe par la même lecture."""
    c = convention(
        utilisateurs=[compte("ir.moreau", "Paul", "Moreau", fonction=Fonction.INSTRUCTEUR_RSA)]
    )
    with leve_code("MCP-NUM-02") as info:
        modifier_compte(
            c,
            par="adm.martin",
            utilisateur="ir.moreau",
            numero_instructeur="093A12301",
            instant=INSTANT,
        )
    assert isinstance(info.value, NumeroInstructeurIncomplet)
    assert str(info.value.suggestion) == "093A1230100000"


@pytest.mark.regle("MCP-NUM-02", declenche=True)
def test_MCP_NUM_02_compte_avec_un_numero_incomplet_refuse() -> None:
    with leve_code_au_chemin("MCP-NUM-02", "$.numero_instructeur"):
        compte(
            "ir.moreau",
            "Paul",
            "Moreau",
            fonction=Fonction.INSTRUCTEUR_RSA,
            numero_instructeur="093A12301",
        )


@pytest.mark.regle("MCP-NUM-02", declenche=False)
def test_MCP_NUM_02_numero_complet_reconnu() -> None:
    numero = ne_leve_pas("MCP-NUM-02", lambda: NumeroInstructeur.parse("093A1230100000"))
    assert (numero.departement, numero.type_instructeur, numero.commune, numero.rang) == (
        "093",
        "A",
        "123",
        "01",
    )
    assert NumeroInstructeur.completer("093A1230100000") == numero


@pytest.mark.regle("MCP-NUM-02", declenche=False)
def test_MCP_NUM_02_une_partie_seulement_des_zeros_n_est_pas_completee() -> None:
    """13 caractères : on ne devine pas ce que la saisie voulait dire (MCP-NUM-01)."""
    with leve_code("MCP-NUM-01") as info:
        NumeroInstructeur.parse("093A123010000")
    pas_ce_code(info.value, "MCP-NUM-02")
    assert not isinstance(info.value, NumeroInstructeurIncomplet)
