"""``acces_service`` d'un compte clôturé : refusé pour chaque service, dès l'instant même de
la clôture (MCP-USR-05) ; l'instant d'avant, sa réponse ne dépend que de ses groupes."""

from __future__ import annotations

from datetime import timedelta

import pytest

import mcp_rules as m
from property import petite_portee as pp

T = pp.T


@pytest.mark.parametrize(
    ("compte", "service"),
    [("u.g", m.Service.ADONIS), ("u.i", m.Service.AFAS), ("u.f", m.Service.CDAP)],
)
def test_un_compte_cloture_n_atteint_plus_aucun_service(compte: str, service: m.Service) -> None:
    c = pp.depart_sous_groupe()
    fin = T + timedelta(days=2)
    if service is m.Service.AFAS:
        r = m.configurer_role_afas(
            c, par="adm.a", utilisateur=compte, role=m.RoleAfas.FDF, instant=T
        )
        assert r.accepte, r.constats
        c = r.convention
    r = m.cloturer_compte(c, par="adm.a", utilisateur=compte, le=fin, instant=T)
    assert r.accepte, r.constats
    c = r.convention
    avant = m.acces_service(c, compte, service, instant=fin - timedelta(microseconds=1))
    assert avant.autorise is True, avant.constats
    for instant in (fin, fin + timedelta(days=1)):
        d = m.acces_service(c, compte, service, instant=instant)
        assert d.autorise is False
        assert "MCP-USR-05" in d.codes
