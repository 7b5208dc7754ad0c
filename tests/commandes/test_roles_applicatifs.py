"""affecter_role : le profil d'un groupe CDAP se nomme toujours ; le rôle d'un groupe ADONIS
ou Offre-bailleurs se déduit de son service (interprétation 15)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mcp_rules import DonneeInvalide, RoleApplicatif, affecter_role
from mcp_rules.exemple import convention_exemple

INSTANT = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def test_le_profil_d_un_groupe_cdap_se_nomme_toujours() -> None:
    c = convention_exemple()
    with pytest.raises(DonneeInvalide) as info:
        affecter_role(c, par="adm.martin", groupe="T2CR", instant=INSTANT)
    assert info.value.code == "MCP-DONNEE-MANQUANTE"
    assert "T2CR" in info.value.message


def test_un_role_inconnu_est_refuse_a_la_lecture() -> None:
    with pytest.raises(DonneeInvalide) as info:
        affecter_role(
            convention_exemple(), par="adm.martin", groupe="T2CR", profil="T11", instant=INSTANT
        )
    assert info.value.code == "MCP-DONNEE-VALEUR"
    assert RoleApplicatif.ADONIS.value in info.value.message
