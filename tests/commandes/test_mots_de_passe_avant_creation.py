"""Trouvé par la propriété des cibles (tests/property/test_cibles.py) : « mot de passe
oublié » demandé à un instant antérieur à la création du compte levait une erreur de
structure (un mot de passe émis avant la création) au lieu d'un refus. Aucune commande
n'est permise à un compte avant sa création."""

from __future__ import annotations

from datetime import timedelta

import attrs

from mcp_rules import demander_nouveau_mot_de_passe
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple


def test_mot_de_passe_oublie_avant_la_creation_du_compte_est_refuse() -> None:
    # Sans son journal : l'exemple en a un jusqu'en octobre 2026, et une commande ne
    # s'antidate pas avant le dernier événement.
    c = attrs.evolve(convention_exemple(), journal=())
    u = c.utilisateur("as.leroy")
    avant = u.cree_le - timedelta(days=1)
    r = demander_nouveau_mot_de_passe(c, par="as.leroy", instant=avant)
    assert not r.accepte
    assert r.convention is c
    assert r.evenements == ()
    assert r.codes == ("MCP-MDP-04",)
    assert "as.leroy n'existe qu'à partir du" in r.erreurs[0].message
    assert demander_nouveau_mot_de_passe(c, par="as.leroy", instant=INSTANT_EXEMPLE).accepte
