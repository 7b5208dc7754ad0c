"""CONV — la convention, ses services, ses administrateurs et la délégation.

Guide : « Introduction », « 2 - Les rôles / L'Administrateur partenaire »,
« 4 - L'ouverture d'un service », « 5 - Service CDAP / Créer un groupe ».
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

from datetime import timedelta

import pytest

from mcp_rules import (
    CAF,
    Action,
    AdministrateurDesigne,
    Convention,
    GroupeCree,
    ProfilT,
    RoleAffecte,
    RoleApplicatif,
    Service,
    acces_cdap,
    acces_service,
    affecter_role,
    auditer,
    cloturer_compte,
    creer_groupe,
    designer_administrateur,
    peut,
)

from .conftest import (
    ADONIS_SANS_ROLE,
    INSTANT,
    E,
    W,
    accepte,
    compte,
    convention,
    declenche,
    groupe,
    groupe_cree,
    ne_declenche_pas,
    refuse,
)

# --- MCP-CONV-01 : un service n'est ouvert que par son bulletin d'adhésion ------------------


@pytest.mark.regle("MCP-CONV-01", declenche=True)
def test_MCP_CONV_01_groupe_d_un_service_non_souscrit_refuse(base: Convention) -> None:
    """Pas de groupe Offre-bailleurs sans le bulletin d'adhésion Offre-bailleurs."""
    r = creer_groupe(
        base,
        par="adm.martin",
        code="BAIL-LOYERS",
        libelle="Déclaration des loyers",
        service=Service.OFFRE_BAILLEURS,
        gestionnaire="gest.blanc",
        instant=INSTANT,
    )
    refuse(r, base)
    declenche(r, "MCP-CONV-01", severite=E, cible=None)


@pytest.mark.regle("MCP-CONV-01", declenche=True)
def test_MCP_CONV_01_acces_a_un_service_non_souscrit_refuse(base: Convention) -> None:
    d = acces_service(base, "ad.noel", Service.OFFRE_BAILLEURS, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-CONV-01", severite=E, cible=None)


@pytest.mark.regle("MCP-CONV-01", declenche=True)
def test_MCP_CONV_01_consultation_cdap_sans_bulletin_cdap_refusee() -> None:
    c = convention(services=(Service.AFAS, Service.ADONIS), sans_groupes=("T1AS", "T2PE"))
    a = acces_cdap(c, "as.leroy", instant=INSTANT)
    assert a.autorise is False
    declenche(a, "MCP-CONV-01", severite=E, cible=None)


@pytest.mark.regle("MCP-CONV-01", declenche=True)
def test_MCP_CONV_01_audit_groupe_d_un_service_non_souscrit() -> None:
    c = convention(
        groupes=[
            groupe(
                "BAIL-LOYERS",
                "Déclaration des loyers",
                service=Service.OFFRE_BAILLEURS,
                gestionnaire="gest.blanc",
            )
        ]
    )
    rapport = auditer(c, instant=INSTANT)
    declenche(rapport, "MCP-CONV-01", severite=E, cible=None)
    assert not rapport.est_conforme


@pytest.mark.regle("MCP-CONV-01", declenche=False)
def test_MCP_CONV_01_groupe_d_un_service_souscrit_accepte(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="ADONIS-NORD",
        libelle="Aides à domicile, secteur nord",
        service=Service.ADONIS,
        gestionnaire="gest.blanc",
        instant=INSTANT,
    )
    accepte(
        r,
        base,
        [
            groupe_cree(
                "ADONIS-NORD",
                "Aides à domicile, secteur nord",
                service=Service.ADONIS,
                gestionnaire="gest.blanc",
            )
        ],
    )
    ne_declenche_pas(r, "MCP-CONV-01")
    ne_declenche_pas(auditer(r.convention, instant=INSTANT), "MCP-CONV-01")


@pytest.mark.regle("MCP-CONV-01", declenche=False)
def test_MCP_CONV_01_acces_a_un_service_souscrit_accepte(base: Convention) -> None:
    d = acces_service(base, "ad.noel", Service.ADONIS, instant=INSTANT)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-CONV-01")


# --- MCP-CONV-02 : un ou deux administrateurs ------------------------------------------------


@pytest.mark.regle("MCP-CONV-02", declenche=True)
def test_MCP_CONV_02_troisieme_administrateur_refuse(base: Convention) -> None:
    """Même la Caf ne nomme pas un troisième administrateur : elle en remplace un."""
    r = designer_administrateur(base, par=CAF, identifiant="gest.durand", instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-CONV-02", severite=E, cible=None)


@pytest.mark.regle("MCP-CONV-02", declenche=True)
@pytest.mark.parametrize(
    "administrateurs",
    [(), ("adm.martin", "adm.bernard", "gest.durand")],
    ids=["aucun", "trois"],
)
def test_MCP_CONV_02_audit_ni_zero_ni_trois_administrateurs(
    administrateurs: tuple[str, ...],
) -> None:
    c = convention(administrateurs=administrateurs)
    rapport = auditer(c, instant=INSTANT)
    declenche(rapport, "MCP-CONV-02", severite=E, cible=None)


@pytest.mark.regle("MCP-CONV-02", declenche=True)
def test_MCP_CONV_02_audit_tous_les_administrateurs_clotures() -> None:
    """Un administrateur clôturé garde sa place ; s'ils le sont tous, c'est une erreur."""
    clos = INSTANT - timedelta(days=1)
    c = convention(
        utilisateurs=[
            compte("adm.martin", "Claire", "Martin", cloture_le=clos),
            compte("adm.bernard", "Luc", "Bernard", cloture_le=clos),
        ]
    )
    declenche(auditer(c, instant=INSTANT), "MCP-CONV-02", severite=E, cible=None)


@pytest.mark.regle("MCP-CONV-02", declenche=True)
def test_MCP_CONV_02_cloturer_le_dernier_administrateur_actif_avertit() -> None:
    """La clôture passe toujours (sécurité d'abord) ; la convention sans administrateur
    actif est signalée, au nom de la convention."""
    c = convention(
        utilisateurs=[
            compte("adm.bernard", "Luc", "Bernard", cloture_le=INSTANT - timedelta(days=1))
        ]
    )
    r = cloturer_compte(c, par="adm.martin", utilisateur="adm.martin", instant=INSTANT)
    assert r.accepte
    declenche(r, "MCP-CONV-02", severite=W, cible=None)
    assert r.erreurs == ()


@pytest.mark.regle("MCP-CONV-02", declenche=False)
def test_MCP_CONV_02_cloturer_un_administrateur_sur_deux(base: Convention) -> None:
    """L'autre reste actif : rien à dire au titre de CONV-02 (le départ relève de SEC-05)."""
    r = cloturer_compte(base, par="adm.martin", utilisateur="adm.bernard", instant=INSTANT)
    assert r.accepte
    ne_declenche_pas(r, "MCP-CONV-02")


@pytest.mark.regle("MCP-CONV-02", declenche=False)
def test_MCP_CONV_02_la_caf_remplace_un_administrateur(base: Convention) -> None:
    r = designer_administrateur(
        base, par=CAF, identifiant="gest.durand", remplace="adm.bernard", instant=INSTANT
    )
    nouvelle = accepte(
        r,
        base,
        [
            AdministrateurDesigne(
                instant=INSTANT, par=CAF, identifiant="gest.durand", remplace="adm.bernard"
            )
        ],
    )
    assert nouvelle.administrateurs == {"adm.martin", "gest.durand"}
    ne_declenche_pas(r, "MCP-CONV-02")
    ne_declenche_pas(auditer(nouvelle, instant=INSTANT), "MCP-CONV-02")


@pytest.mark.regle("MCP-CONV-02", declenche=False)
@pytest.mark.parametrize("administrateurs", [("adm.martin",), ("adm.martin", "adm.bernard")])
def test_MCP_CONV_02_audit_un_ou_deux_administrateurs(administrateurs: tuple[str, ...]) -> None:
    rapport = auditer(convention(administrateurs=administrateurs), instant=INSTANT)
    ne_declenche_pas(rapport, "MCP-CONV-02")


# --- MCP-CONV-03 : seule la Caf désigne un administrateur (annexe 3) ---------------------


@pytest.mark.regle("MCP-CONV-03", declenche=True)
def test_MCP_CONV_03_un_administrateur_ne_designe_pas_son_remplacant(base: Convention) -> None:
    r = designer_administrateur(
        base, par="adm.martin", identifiant="gest.durand", remplace="adm.bernard", instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-CONV-03", severite=E, cible="gest.durand")


@pytest.mark.regle("MCP-CONV-03", declenche=True)
def test_MCP_CONV_03_audit_administrateur_designe_par_le_partenaire() -> None:
    c = convention(
        journal=[
            AdministrateurDesigne(
                instant=INSTANT - timedelta(days=3),
                par="adm.martin",
                identifiant="adm.bernard",
            )
        ]
    )
    declenche(auditer(c, instant=INSTANT), "MCP-CONV-03", severite=E, cible="adm.bernard")


@pytest.mark.regle("MCP-CONV-03", declenche=False)
def test_MCP_CONV_03_la_caf_designe_par_annexe_3(base: Convention) -> None:
    r = designer_administrateur(
        base, par=CAF, identifiant="gest.blanc", remplace="adm.martin", instant=INSTANT
    )
    nouvelle = accepte(
        r,
        base,
        [
            AdministrateurDesigne(
                instant=INSTANT, par=CAF, identifiant="gest.blanc", remplace="adm.martin"
            )
        ],
    )
    ne_declenche_pas(r, "MCP-CONV-03")
    ne_declenche_pas(auditer(nouvelle, instant=INSTANT), "MCP-CONV-03")


# --- MCP-CONV-04 : un profil T n'est affecté que s'il est au contrat ---------------------


@pytest.mark.regle("MCP-CONV-04", declenche=True)
def test_MCP_CONV_04_profil_hors_contrat_refuse() -> None:
    c = convention(groupes=[groupe("T3ACC", "T3 Accueil social")])
    r = affecter_role(c, par="adm.martin", groupe="T3ACC", profil=ProfilT.T3, instant=INSTANT)
    refuse(r, c)
    declenche(r, "MCP-CONV-04", severite=E, cible="T3ACC")


@pytest.mark.regle("MCP-CONV-04", declenche=True)
def test_MCP_CONV_04_profil_t_sur_un_groupe_non_cdap_refuse(base: Convention) -> None:
    """Les profils T sont des rôles CDAP."""
    r = affecter_role(
        base, par="adm.martin", groupe="ADONIS-STATS", profil=ProfilT.T2, instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-CONV-04", severite=E, cible="ADONIS-STATS")


@pytest.mark.regle("MCP-CONV-04", declenche=True)
def test_MCP_CONV_04_audit_role_hors_contrat() -> None:
    c = convention(groupes=[groupe("T3ACC", "T3 Accueil social", role=ProfilT.T3)])
    declenche(auditer(c, instant=INSTANT), "MCP-CONV-04", severite=E, cible="T3ACC")


@pytest.mark.regle("MCP-CONV-04", declenche=False)
def test_MCP_CONV_04_profil_du_contrat_accepte() -> None:
    c = convention(groupes=[groupe("T2CR", "T2 Service des Crèches")])
    r = affecter_role(c, par="adm.martin", groupe="T2CR", profil=ProfilT.T2, instant=INSTANT)
    nouvelle = accepte(
        r, c, [RoleAffecte(instant=INSTANT, par="adm.martin", groupe="T2CR", profil=ProfilT.T2)]
    )
    assert nouvelle.groupe("T2CR").role is ProfilT.T2
    ne_declenche_pas(r, "MCP-CONV-04")
    ne_declenche_pas(auditer(nouvelle, instant=INSTANT), "MCP-CONV-04")


# --- MCP-CONV-05 : sans gestion déléguée, seule la Caf gère les habilitations ------------


@pytest.mark.regle("MCP-CONV-05", declenche=True)
def test_MCP_CONV_05_sans_delegation_l_administrateur_ne_cree_pas_de_groupe() -> None:
    c = convention(gestion_deleguee=False)
    r = creer_groupe(
        c,
        par="adm.martin",
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=INSTANT,
    )
    refuse(r, c)
    declenche(r, "MCP-CONV-05", severite=E, cible=None)


@pytest.mark.regle("MCP-CONV-05", declenche=True)
@pytest.mark.parametrize(
    "action", [Action.GERER_MEMBRES, Action.AFFECTER_ROLE, Action.CREER_UTILISATEUR]
)
def test_MCP_CONV_05_sans_delegation_le_gestionnaire_ne_gere_rien(action: Action) -> None:
    c = convention(gestion_deleguee=False)
    d = peut(c, "gest.durand", action, groupe="T2PE", instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-CONV-05", severite=E, cible=None)


@pytest.mark.regle("MCP-CONV-05", declenche=True)
def test_MCP_CONV_05_audit_habilitation_geree_par_le_partenaire_sans_delegation() -> None:
    c = convention(
        gestion_deleguee=False,
        journal=[
            GroupeCree(
                instant=INSTANT - timedelta(days=10),
                par="adm.martin",
                groupe="T2PE",
                libelle="T2 Service Petite Enfance",
                service=Service.CDAP,
                gestionnaire="gest.durand",
            )
        ],
    )
    declenche(auditer(c, instant=INSTANT), "MCP-CONV-05", severite=E, cible=None)


@pytest.mark.regle("MCP-CONV-05", declenche=False)
def test_MCP_CONV_05_sans_delegation_la_caf_cree_le_groupe() -> None:
    c = convention(gestion_deleguee=False)
    r = creer_groupe(
        c,
        par=CAF,
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=INSTANT,
    )
    nouvelle = accepte(
        r,
        c,
        [groupe_cree("T2CR", "T2 Service des Crèches", par=CAF)],
    )
    ne_declenche_pas(r, "MCP-CONV-05")
    ne_declenche_pas(auditer(nouvelle, instant=INSTANT), "MCP-CONV-05")


@pytest.mark.regle("MCP-CONV-05", declenche=False)
def test_MCP_CONV_05_en_gestion_deleguee_l_administrateur_cree_le_groupe(
    base: Convention,
) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=INSTANT,
    )
    nouvelle = accepte(
        r,
        base,
        [groupe_cree("T2CR", "T2 Service des Crèches")],
    )
    ne_declenche_pas(r, "MCP-CONV-05")
    ne_declenche_pas(auditer(nouvelle, instant=INSTANT), "MCP-CONV-05")


@pytest.mark.regle("MCP-CONV-05", declenche=False)
def test_MCP_CONV_05_sans_delegation_l_administrateur_garde_la_relation_contractuelle() -> None:
    """La délégation ne touche que les habilitations."""
    d = peut(
        convention(gestion_deleguee=False),
        "adm.martin",
        Action.GERER_RELATION_CONTRACTUELLE,
        instant=INSTANT,
    )
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-CONV-05")


# --- MCP-CONV-06 : être administrateur ne donne aucun rôle métier ------------------------


@pytest.mark.regle("MCP-CONV-06", declenche=True)
def test_MCP_CONV_06_administrateur_hors_de_tout_groupe_sans_consultation(
    base: Convention,
) -> None:
    a = acces_cdap(base, "adm.martin", instant=INSTANT)
    assert a.autorise is False
    assert a.profils == ()
    declenche(a, "MCP-CONV-06", severite=E, cible="adm.martin")
    declenche(a, "MCP-CDAP-01", severite=E, cible="adm.martin")


@pytest.mark.regle("MCP-CONV-06", declenche=True)
def test_MCP_CONV_06_administrateur_sans_groupe_adonis(base: Convention) -> None:
    d = acces_service(base, "adm.bernard", Service.ADONIS, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-CONV-06", severite=E, cible="adm.bernard")


@pytest.mark.regle("MCP-CONV-06", declenche=False)
def test_MCP_CONV_06_administrateur_ajoute_explicitement_a_un_groupe() -> None:
    """« Il faut l'ajouter explicitement à des groupes utilisateurs. »"""
    t2pe = next(g for g in convention().groupes if g.code == "T2PE")
    c = convention(
        groupes=[
            groupe(
                "T2PE",
                t2pe.libelle,
                role=ProfilT.T2,
                membres={*t2pe.membres, "adm.martin"},
            )
        ]
    )
    a = acces_cdap(c, "adm.martin", instant=INSTANT)
    assert a.autorise is True
    assert a.profils == (ProfilT.T2,)
    ne_declenche_pas(a, "MCP-CONV-06")


# --- interprétation 15 : ADONIS et Offre-bailleurs donnent l'accès par un rôle ---------------


@pytest.mark.regle("MCP-CONV-04", declenche=True)
@pytest.mark.parametrize(
    ("code", "profil"),
    [
        ("ADONIS-STATS", ProfilT.T1),
        ("T2CR", RoleApplicatif.ADONIS),
        ("AFAS-DECLARER", ProfilT.T2),
        ("AFAS-DECLARER", RoleApplicatif.OFFRE_BAILLEURS),
    ],
)
def test_MCP_CONV_04_un_groupe_ne_recoit_que_le_role_de_son_service(
    code: str, profil: ProfilT | RoleApplicatif
) -> None:
    c = convention(
        groupes=[
            ADONIS_SANS_ROLE,
            groupe("T2CR", "T2 Service des Crèches", gestionnaire="gest.durand"),
        ]
    )
    r = affecter_role(c, par="adm.martin", groupe=code, profil=profil, instant=INSTANT)
    refuse(r, c)
    declenche(r, "MCP-CONV-04", severite=E, cible=code)


@pytest.mark.regle("MCP-CONV-04", declenche=True)
def test_MCP_CONV_04_l_audit_signale_un_role_d_un_autre_service() -> None:
    faux = groupe(
        "ADONIS-STATS",
        "Statistiques",
        service=Service.ADONIS,
        gestionnaire="gest.blanc",
        role=ProfilT.T1,
        membres={"ad.noel"},
    )
    rapport = auditer(convention(groupes=[faux]), instant=INSTANT)
    declenche(rapport, "MCP-CONV-04", severite=E, cible="ADONIS-STATS")
    assert not acces_service(convention(groupes=[faux]), "ad.noel", Service.ADONIS, instant=INSTANT)
