"""``consulter_dossier`` devant des arguments qui ne sont pas des textes : une erreur claire,
en français, avec un code stable et le nom de l'argument — jamais une exception brute."""

from __future__ import annotations

from typing import Any

import pytest

from mcp_rules import DonneeInvalide, consulter_dossier
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple

DECHETS: list[Any] = [42, 4.2, b"B0042", ["B0042"], {"code": "B0042"}, object(), True]


@pytest.mark.parametrize("argument", ["numero_allocataire", "nom_allocataire", "code_bailleur"])
@pytest.mark.parametrize("dechet", DECHETS, ids=lambda d: type(d).__name__)
def test_un_argument_qui_n_est_pas_un_texte(argument: str, dechet: Any) -> None:
    arguments: dict[str, Any] = {
        "numero_allocataire": "1234567",
        "nom_allocataire": "Dupuis",
        "code_bailleur": None,
        argument: dechet,
    }
    with pytest.raises(DonneeInvalide) as info:
        consulter_dossier(convention_exemple(), "as.leroy", instant=INSTANT_EXEMPLE, **arguments)
    assert info.value.code == "MCP-DONNEE-TYPE"
    assert str(info.value).count(argument) >= 1
    assert "un texte est attendu" in str(info.value)


@pytest.mark.parametrize("code", ["", "   ", "\u00a0"])
def test_un_code_bailleur_vide_vaut_absence(code: str) -> None:
    """Un code vide n'est pas un code : la consultation se décide comme sans code."""
    c = convention_exemple()
    avec = consulter_dossier(
        c,
        "as.leroy",
        numero_allocataire="1234567",
        nom_allocataire="Dupuis",
        code_bailleur=code,
        instant=INSTANT_EXEMPLE,
    )
    sans = consulter_dossier(
        c,
        "as.leroy",
        numero_allocataire="1234567",
        nom_allocataire="Dupuis",
        instant=INSTANT_EXEMPLE,
    )
    assert avec == sans
