"""Le périmètre d'un gestionnaire à travers les sous-groupes (interprétations 14, 22 et 24).

« Les groupes qu'il gère » s'entendent avec leurs sous-groupes ; un vrai groupe AFAS l'est
aussi par ses sous-groupes. Ces exemples nommés passent chacun par le parent d'un
sous-groupe (revue des mutants : sans eux, une faute dans la remontée vers les ancêtres,
ou dans la liste des groupes qu'un compte gère, ne se voyait pas).
"""

from __future__ import annotations

from typing import Any

import mcp_rules as m
from mcp_rules import Action, Convention
from property import petite_portee as pp

T = pp.T


def _apres(
    c: Convention, *etapes: tuple[Any, dict[str, Any]], par: m.Acteur = "adm.a"
) -> Convention:
    for commande, arguments in etapes:
        r = commande(c, par=par, instant=T, **arguments)
        assert r.accepte, (commande.__name__, arguments, r.constats)
        c = r.convention
    return c


def _met_dans_declarer(c: Convention, par: str, utilisateur: str) -> m.Decision:
    """``par`` peut-il mettre ``utilisateur`` dans le vrai AFAS-DECLARER ?"""
    return m.peut(
        c,
        par,
        Action.GERER_MEMBRES,
        groupe=m.GROUPE_AFAS_DECLARER,
        utilisateur=utilisateur,
        instant=T,
    )


def _sous_groupe_afas(c: Convention, code: str, parent: str) -> Convention:
    """Un sous-groupe AFAS, créé par la Caf (seule à créer les groupes AFAS)."""
    return _apres(
        c,
        (
            m.creer_groupe,
            {
                "code": code,
                "libelle": f"{parent} (antenne)",
                "service": "AFAS",
                "gestionnaire": "adm.a",
                "parent": parent,
            },
        ),
        par=m.CAF,
    )


def test_un_gestionnaire_ne_modifie_pas_le_gestionnaire_d_un_autre_groupe() -> None:
    """gest.c, membre d'ADO (géré par gest.d), gère aussi T1A : il ne relève pas de gest.d
    seul, qui ne peut ni le modifier ni le clôturer."""
    c = _apres(
        pp.depart_sous_groupe(), (m.ajouter_au_groupe, {"groupe": "ADO", "utilisateur": "gest.c"})
    )
    d = m.peut(c, "gest.d", Action.MODIFIER_COMPTE, utilisateur="gest.c", instant=T)
    assert d.autorise is False
    assert "MCP-ROLE-09" in d.codes
    r = m.cloturer_compte(c, par="gest.d", utilisateur="gest.c", le=T, instant=T)
    assert r.accepte is False
    assert r.convention is c


def test_un_gestionnaire_modifie_le_gestionnaire_d_un_de_ses_sous_groupes() -> None:
    """gest.e, membre d'ADO, gère ADO-S, sous-groupe d'ADO : tout ce qu'il gère est sous
    gest.d, dont il relève."""
    c = _apres(
        pp.depart_sous_groupe(), (m.ajouter_au_groupe, {"groupe": "ADO", "utilisateur": "gest.e"})
    )
    assert m.peut(c, "gest.d", Action.MODIFIER_COMPTE, utilisateur="gest.e", instant=T).autorise
    r = m.modifier_compte(c, par="gest.d", utilisateur="gest.e", nom="Étienne", instant=T)
    assert r.accepte, r.constats


def test_un_sous_groupe_d_afas_declarer_ne_compte_pas_dans_la_responsabilite() -> None:
    """u.f est dans T1A (géré par gest.c) et dans un sous-groupe d'AFAS-DECLARER : ce dernier
    ne compte pas (interprétation 24), u.f relève de gest.c ; et, FDA, u.f déclare dans AFAS
    par ce sous-groupe."""
    c = _sous_groupe_afas(pp.depart_sous_groupe(), "AFAS-DECL-EST", m.GROUPE_AFAS_DECLARER)
    c = _apres(
        c,
        (m.ajouter_au_groupe, {"groupe": "AFAS-DECL-EST", "utilisateur": "u.f"}),
        (m.configurer_role_afas, {"utilisateur": "u.f", "role": m.RoleAfas.FDA}),
    )
    assert m.peut(c, "gest.c", Action.MODIFIER_COMPTE, utilisateur="u.f", instant=T).autorise
    acces = m.acces_service(c, "u.f", m.Service.AFAS, instant=T)
    assert acces.autorise, acces.constats
    assert (
        m.peut(
            c, "gest.c", Action.GERER_MEMBRES, groupe="AFAS-DECL-EST", utilisateur="u.f", instant=T
        ).autorise
        is False
    )


def test_un_membre_d_un_sous_groupe_d_afas_habiliter_gere_afas_declarer() -> None:
    c = _sous_groupe_afas(pp.depart_habiliter(), "AFAS-HAB-EST", m.GROUPE_AFAS_HABILITER)
    c = _apres(c, (m.ajouter_au_groupe, {"groupe": "AFAS-HAB-EST", "utilisateur": "u.f"}))
    d = _met_dans_declarer(c, "u.f", "u.g")
    assert d.autorise, d.constats
    autre = _apres(
        pp.depart_habiliter(), (m.ajouter_au_groupe, {"groupe": "ADO", "utilisateur": "u.f"})
    )
    d = _met_dans_declarer(autre, "u.f", "u.g")
    assert d.autorise is False


def test_nul_n_habilite_son_propre_gestionnaire_par_un_sous_groupe() -> None:
    """gest.c gère AFAS-HABILITER ; u.f est membre d'un sous-groupe d'AFAS-HABILITER : gest.c
    est donc son gestionnaire, et u.f ne peut pas le mettre dans AFAS-DECLARER."""
    c = _sous_groupe_afas(pp.depart_habiliter(), "AFAS-HAB-EST", m.GROUPE_AFAS_HABILITER)
    c = _apres(
        c,
        (m.designer_gestionnaire, {"groupe": m.GROUPE_AFAS_HABILITER, "gestionnaire": "gest.c"}),
        (m.ajouter_au_groupe, {"groupe": "AFAS-HAB-EST", "utilisateur": "u.f"}),
    )
    d = _met_dans_declarer(c, "u.f", "gest.c")
    assert d.autorise is False
    assert any("nul n'habilite son propre gestionnaire" in x.message for x in d.constats), (
        d.constats
    )
    permis = _met_dans_declarer(c, "u.f", "u.g")
    assert permis.autorise, permis.constats
