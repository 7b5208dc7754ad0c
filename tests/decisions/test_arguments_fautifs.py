"""Un argument fautif donné à une décision : une ``DonneeInvalide`` qui porte son code de
structure, la valeur fautive elle-même, et un message qui la cite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import mcp_rules as m
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.fondations.erreurs import apercu

T = INSTANT_EXEMPLE
C = convention_exemple()
U = C.utilisateur("as.leroy")


class _Intrus:
    """Un objet quelconque, que rien dans la bibliothèque ne peut prendre pour autre chose."""

    def __repr__(self) -> str:
        return "<intrus>"


INTRUS = _Intrus()

APPELS: list[tuple[str, Callable[[Any], object]]] = [
    ("eligibilite(utilisateur)", lambda x: m.eligibilite(x, m.ProfilT.T1)),
    ("eligibilite(profil)", lambda x: m.eligibilite(U, x)),
    ("eligibilite(politique)", lambda x: m.eligibilite(U, m.ProfilT.T1, politique=x)),
    ("acces_cdap(convention)", lambda x: m.acces_cdap(x, "as.leroy", instant=T)),
    ("acces_cdap(politique)", lambda x: m.acces_cdap(C, "as.leroy", instant=T, politique=x)),
    ("acces_service(convention)", lambda x: m.acces_service(x, "as.leroy", "CDAP", instant=T)),
    ("acces_service(service)", lambda x: m.acces_service(C, "as.leroy", x, instant=T)),
    ("peut(convention)", lambda x: m.peut(x, "adm.martin", m.Action.CREER_GROUPE, instant=T)),
    ("peut(action)", lambda x: m.peut(C, "adm.martin", x, instant=T)),
    ("qui_contacter(convention)", lambda x: m.qui_contacter(x, "as.leroy", instant=T)),
    ("objet_demande_caf(service)", lambda x: m.objet_demande_caf(C, x)),
    ("verifier_objet_demande(objet)", lambda x: m.verifier_objet_demande(C, x)),
]


@pytest.mark.parametrize(("nom", "appel"), APPELS, ids=[n for n, _ in APPELS])
def test_l_erreur_porte_son_code_sa_valeur_et_la_cite(
    nom: str, appel: Callable[[Any], object]
) -> None:
    with pytest.raises(m.DonneeInvalide) as info:
        appel(INTRUS)
    erreur = info.value
    assert erreur.code in ("MCP-DONNEE-TYPE", "MCP-DONNEE-VALEUR"), nom
    assert erreur.valeur is INTRUS, nom
    assert apercu(INTRUS) in erreur.message, (nom, erreur.message)
