"""Un gestionnaire membre du groupe ADONIS qu'il gère : il ne donne pas de rôle à ce groupe
(il se le donnerait, MCP-ROLE-10), mais il peut le lui retirer (se retirer un accès n'est
pas s'habiliter)."""

from __future__ import annotations

import mcp_rules as m
from mcp_rules import RoleApplicatif
from property import petite_portee as pp

T = pp.T


def test_un_gestionnaire_membre_retire_mais_ne_donne_pas_le_role_de_son_groupe() -> None:
    c = pp.depart_sous_groupe()
    for commande, arguments in (
        (
            m.creer_groupe,
            {
                "code": "ADO2",
                "libelle": "ADONIS bis",
                "service": "ADONIS",
                "gestionnaire": "gest.d",
            },
        ),
        (m.affecter_role, {"groupe": "ADO2", "profil": RoleApplicatif.ADONIS}),
        (m.ajouter_au_groupe, {"groupe": "ADO2", "utilisateur": "gest.d"}),
    ):
        r = commande(c, par="adm.a", instant=T, **arguments)
        assert r.accepte, r.constats
        c = r.convention
    assert m.peut(c, "gest.d", m.Action.AFFECTER_ROLE, groupe="ADO2", instant=T).autorise is False
    retrait = m.retirer_role(c, par="gest.d", groupe="ADO2", instant=T)
    assert retrait.accepte, retrait.constats
    remise = m.affecter_role(
        retrait.convention, par="gest.d", groupe="ADO2", profil=RoleApplicatif.ADONIS, instant=T
    )
    assert remise.accepte is False
    assert "MCP-ROLE-10" in remise.codes
