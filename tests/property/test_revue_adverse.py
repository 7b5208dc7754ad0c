"""Ce qu'une revue adverse a obtenu en enchaînant des commandes permises, rendu impossible.

Chaque test rejoue l'attaque sur les petites conventions de :mod:`.petite_portee` ; tous
échouaient avant la correction (la dernière étape était acceptée).

- F1 : un non-administrateur remplaçait le changement d'approbateur engagé par un
  administrateur, ou engageait le remplacement d'un approbateur administrateur ;
- F2 : un gestionnaire levait la clôture programmée de son propre compte ;
- F3 : une commande antidatée laissait un compte clôturé agir « avant » sa clôture ;
- F4 : un gestionnaire donnait le rôle d'un groupe à des comptes hors de sa responsabilité
  (un administrateur compris), ou, par un prête-nom nommé gestionnaire de son sous-groupe, à
  un groupe dont il est membre ;
- F5 : le gestionnaire d'AFAS-HABILITER s'y faisait seconder par un de ses utilisateurs, qui
  le mettait dans AFAS-DECLARER et lui donnait un rôle AFAS.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

import mcp_rules as m
from mcp_rules import (
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    Convention,
    DonneeInvalide,
    Resultat,
    RoleAfas,
    RoleApplicatif,
    Service,
    Utilisateur,
)

from . import petite_portee as pp
from . import securite

T = pp.T
ADO = RoleApplicatif.ADONIS


def _ok(r: Resultat) -> Convention:
    assert r.accepte, [(x.code, x.message) for x in r.constats]
    return r.convention


def _non(r: Resultat, avant: Convention, *codes: str) -> None:
    assert not r.accepte
    assert r.convention is avant
    assert r.evenements == ()
    assert set(codes) <= set(r.codes), r.codes


def test_f1_un_non_administrateur_ne_remplace_pas_le_changement_d_un_administrateur() -> None:
    c = pp.depart_habiliter()  # approbateur : adm.b ; gest.d est membre d'AFAS-HABILITER
    c = _ok(
        m.ajouter_au_groupe(
            c, par="adm.a", groupe=GROUPE_AFAS_DECLARER, utilisateur="adm.a", instant=T
        )
    )
    c = _ok(m.changer_approbateur(c, par="adm.a", utilisateur="adm.a", instant=T))
    for par in ("gest.d", "gest.e"):
        _non(m.changer_approbateur(c, par=par, utilisateur="u.i", instant=T), c, "MCP-AFAS-02")
    # Même un administrateur ne remplace pas un changement qui attend la Caf.
    _non(m.changer_approbateur(c, par="adm.b", utilisateur="u.i", instant=T), c, "MCP-AFAS-05")


def test_f1_un_non_administrateur_ne_remplace_pas_un_approbateur_administrateur() -> None:
    c = pp.depart_habiliter()  # approbateur : adm.b
    for par in ("gest.d", "gest.e"):
        r = m.changer_approbateur(c, par=par, utilisateur="u.i", instant=T)
        _non(r, c, "MCP-AFAS-02")
        assert any(x.cible == "adm.b" for x in r.constats)
    _ok(m.changer_approbateur(c, par="adm.a", utilisateur="u.i", instant=T))


def test_f2_un_gestionnaire_ne_leve_pas_sa_propre_cloture_programmee() -> None:
    c = pp.depart_sous_groupe()
    c = _ok(m.ajouter_au_groupe(c, par="adm.a", groupe="ADO", utilisateur="gest.d", instant=T))
    c = _ok(
        m.cloturer_compte(
            c, par="adm.a", utilisateur="gest.d", le=T + timedelta(days=30), instant=T
        )
    )
    plus_tard = T + timedelta(days=1)
    r = m.reactiver_compte(c, par="gest.d", utilisateur="gest.d", instant=plus_tard)
    _non(r, c, "MCP-ROLE-09", "MCP-ROLE-10")
    assert "réactiver" in r.constats[0].message
    _ok(m.reactiver_compte(c, par="adm.a", utilisateur="gest.d", instant=plus_tard))


def test_f3_une_commande_ne_s_antidate_pas() -> None:
    c = pp.depart_sous_groupe()
    c = _ok(m.cloturer_compte(c, par="adm.a", utilisateur="gest.d", instant=T))
    with pytest.raises(DonneeInvalide) as erreur:
        m.reactiver_compte(c, par="gest.d", utilisateur="gest.d", instant=T - timedelta(seconds=1))
    assert erreur.value.code == "MCP-DONNEE-CHRONOLOGIE"
    # Au même instant que le dernier événement, ou après, la commande est jugée.
    _non(m.reactiver_compte(c, par="gest.d", utilisateur="gest.d", instant=T), c, "MCP-USR-05")


def test_f3_un_compte_n_agit_pas_avant_sa_creation() -> None:
    c = pp.depart_sous_groupe()
    avant = c.utilisateur("adm.a").cree_le - timedelta(days=1)
    r = m.creer_utilisateur(c, par="adm.a", utilisateur=pp.NOUVEAU, instant=avant)
    _non(r, c, "MCP-ROLE-02")
    assert not m.peut(c, "adm.a", m.Action.CREER_UTILISATEUR, instant=avant)


def test_f4_un_gestionnaire_ne_donne_pas_un_role_a_des_comptes_hors_de_sa_responsabilite() -> None:
    c = pp.depart_sous_groupe()  # ADO-S : sous-groupe sans rôle, géré par gest.e
    c = _ok(m.ajouter_au_groupe(c, par="adm.b", groupe="ADO-S", utilisateur="adm.b", instant=T))
    c = _ok(m.ajouter_au_groupe(c, par="adm.a", groupe="ADO-S", utilisateur="u.f", instant=T))
    r = m.affecter_role(c, par="gest.e", groupe="ADO-S", profil=ADO, instant=T)
    _non(r, c, "MCP-ROLE-06", "MCP-ROLE-10")
    assert "adm.b" in r.constats[0].message
    assert "u.f" in r.constats[0].message
    _ok(m.affecter_role(c, par="adm.a", groupe="ADO-S", profil=ADO, instant=T))


def test_f4_pas_de_role_pour_soi_par_un_prete_nom() -> None:
    c = pp.depart_sous_groupe()
    c = _ok(m.ajouter_au_groupe(c, par="adm.a", groupe="ADO-S", utilisateur="gest.d", instant=T))
    pantin = Utilisateur(
        identifiant="p.pantin",
        nom="Pantin",
        prenom="Paul",
        email="paul.pantin@ville-exemple.fr",
        cree_le=T,
    )
    c = _ok(m.creer_utilisateur(c, par="gest.d", groupe="ADO", utilisateur=pantin, instant=T))
    c = _ok(
        m.designer_gestionnaire(c, par="gest.d", groupe="ADO-S", gestionnaire="p.pantin", instant=T)
    )
    _non(
        m.affecter_role(c, par="p.pantin", groupe="ADO-S", profil=ADO, instant=T), c, "MCP-ROLE-06"
    )
    assert not m.acces_service(c, "gest.d", Service.ADONIS, instant=T).autorise


def test_f5_pas_de_role_afas_pour_soi_par_un_membre_d_afas_habiliter() -> None:
    c = pp.depart_habiliter()
    c = _ok(
        m.designer_gestionnaire(
            c, par="adm.a", groupe=GROUPE_AFAS_HABILITER, gestionnaire="gest.c", instant=T
        )
    )
    c = _ok(
        m.ajouter_au_groupe(
            c, par="gest.c", groupe=GROUPE_AFAS_HABILITER, utilisateur="u.f", instant=T
        )
    )
    r = m.ajouter_au_groupe(
        c, par="u.f", groupe=GROUPE_AFAS_DECLARER, utilisateur="gest.c", instant=T
    )
    _non(r, c, "MCP-AFAS-02", "MCP-ROLE-10")
    # Mis dans AFAS-DECLARER par un administrateur, il n'en reçoit pas plus un rôle de u.f.
    c = _ok(
        m.ajouter_au_groupe(
            c, par="adm.a", groupe=GROUPE_AFAS_DECLARER, utilisateur="gest.c", instant=T
        )
    )
    _non(
        m.configurer_role_afas(c, par="u.f", utilisateur="gest.c", role=RoleAfas.FDF, instant=T),
        c,
        "MCP-AFAS-02",
    )
    # u.f habilite toujours un déclarant qui n'est pas son gestionnaire.
    _ok(m.configurer_role_afas(c, par="u.f", utilisateur="u.i", role=RoleAfas.FDF, instant=T))


def test_l_invariant_6_voit_un_role_donne_hors_de_sa_responsabilite() -> None:
    """L'invariant 6 échoue devant l'attaque F4, rejouée comme si elle était acceptée."""
    c = pp.depart_sous_groupe()
    c = _ok(m.ajouter_au_groupe(c, par="adm.b", groupe="ADO-S", utilisateur="adm.b", instant=T))
    r = m.affecter_role(c, par="adm.a", groupe="ADO-S", profil=ADO, instant=T)
    comme_si = Resultat(accepte=True, convention=_ok(r), evenements=r.evenements)
    with pytest.raises(AssertionError, match="hors de sa responsabilité"):
        securite.verifier_commande(c, comme_si, "gest.e", T)
