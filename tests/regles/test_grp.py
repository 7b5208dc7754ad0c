"""GRP — les groupes : un rôle au plus, un code fixe, un libellé qui commence par son profil.

Guide, « 5 - Service CDAP / Créer un groupe » :

    1er groupe  Code : T1AS    Libellé : T1 Assistants sociaux
    2e groupe   Code : T1CESF  Libellé : T1 CESF
    3e groupe   Code : T2PE    Libellé : T2 Service Petite Enfance
    4e groupe   Code : T2CR    Libellé : T2 Service des Crèches
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

from datetime import timedelta

import pytest

from mcp_rules import (
    CAF,
    CompteCloture,
    Convention,
    GestionnaireDesigne,
    GroupeCree,
    LibelleModifie,
    ProfilT,
    RoleAffecte,
    RoleApplicatif,
    RoleRetire,
    Service,
    acces_cdap,
    acces_service,
    affecter_role,
    auditer,
    cloturer_compte,
    creer_groupe,
    designer_gestionnaire,
    modifier_libelle,
    retirer_role,
)

from .conftest import (
    ADONIS_SANS_ROLE,
    INSTANT,
    E,
    I,
    W,
    accepte,
    compte,
    convention,
    declenche,
    evenements_creation,
    groupe,
    groupe_cree,
    ne_declenche_pas,
    nouveau,
    refuse,
)

# --- MCP-GRP-01 : un rôle au plus par groupe ------------------------------------------------


@pytest.mark.regle("MCP-GRP-01", declenche=True)
def test_MCP_GRP_01_second_role_refuse(base: Convention) -> None:
    """« Un seul rôle supporté par groupe. »"""
    r = affecter_role(base, par="adm.martin", groupe="T1AS", profil=ProfilT.T1, instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-GRP-01", severite=E, cible="T1AS")


@pytest.mark.regle("MCP-GRP-01", declenche=False)
def test_MCP_GRP_01_retirer_puis_affecter_accepte(base: Convention) -> None:
    r1 = retirer_role(base, par="adm.martin", groupe="T1AS", instant=INSTANT)
    sans_role = accepte(
        r1, base, [RoleRetire(instant=INSTANT, par="adm.martin", groupe="T1AS", profil=ProfilT.T1)]
    )
    r2 = affecter_role(
        sans_role, par="adm.martin", groupe="T1AS", profil=ProfilT.T1, instant=INSTANT
    )
    accepte(
        r2,
        sans_role,
        [RoleAffecte(instant=INSTANT, par="adm.martin", groupe="T1AS", profil=ProfilT.T1)],
    )
    ne_declenche_pas(r2, "MCP-GRP-01")


# --- MCP-GRP-02 : un code unique, qui ne change jamais --------------------------------------


@pytest.mark.regle("MCP-GRP-02", declenche=True)
@pytest.mark.parametrize("code", ["T1AS", "t1as", "T1As"])
def test_MCP_GRP_02_code_deja_pris_refuse(base: Convention, code: str) -> None:
    """Les codes sont uniques dans la convention, sans tenir compte de la casse."""
    r = creer_groupe(
        base,
        par="adm.martin",
        code=code,
        libelle="T1 Assistants sociaux bis",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=INSTANT,
    )
    refuse(r, base)
    declenche(r, "MCP-GRP-02", severite=E, cible=code)


@pytest.mark.regle("MCP-GRP-02", declenche=False)
def test_MCP_GRP_02_code_nouveau_accepte(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="T1CESF",
        libelle="T1 CESF",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=INSTANT,
    )
    accepte(r, base, [groupe_cree("T1CESF", "T1 CESF")])
    ne_declenche_pas(r, "MCP-GRP-02")


@pytest.mark.regle("MCP-GRP-02", declenche=False)
def test_MCP_GRP_02_le_libelle_change_le_code_reste(base: Convention) -> None:
    """« Le code ne pourra pas être modifié… Le libellé sera modifiable. »"""
    r = modifier_libelle(
        base, par="adm.martin", groupe="t1as", libelle="T1 Service social", instant=INSTANT
    )
    nouvelle = accepte(
        r,
        base,
        [
            LibelleModifie(
                instant=INSTANT,
                par="adm.martin",
                groupe="T1AS",
                ancien="T1 Assistants sociaux",
                nouveau="T1 Service social",
            )
        ],
    )
    assert nouvelle.groupe("T1AS").code == "T1AS"
    assert nouvelle.groupe("T1AS").libelle == "T1 Service social"
    ne_declenche_pas(r, "MCP-GRP-02")
    ne_declenche_pas(auditer(nouvelle, instant=INSTANT), "MCP-GRP-02")


# --- MCP-GRP-03 : le libellé d'un groupe CDAP commence par son profil (interprétation 3) ---


@pytest.mark.regle("MCP-GRP-03", declenche=True)
def test_MCP_GRP_03_libelle_sans_profil_refuse(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="T2CR",
        libelle="Service des Crèches",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=INSTANT,
    )
    refuse(r, base)
    declenche(r, "MCP-GRP-03", severite=E, cible="T2CR")


@pytest.mark.regle("MCP-GRP-03", declenche=True)
@pytest.mark.parametrize(
    "libelle", ["T10 Bailleurs", "T1AS équipe", "Assistants sociaux T1", "T2 Assistants"]
)
def test_MCP_GRP_03_nouveau_libelle_qui_perd_son_profil_refuse(
    base: Convention, libelle: str
) -> None:
    """Le libellé change, mais jamais au point de ne plus commencer par T1."""
    r = modifier_libelle(base, par="adm.martin", groupe="T1AS", libelle=libelle, instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-GRP-03", severite=E, cible="T1AS")


@pytest.mark.regle("MCP-GRP-03", declenche=True)
def test_MCP_GRP_03_role_qui_ne_correspond_pas_au_libelle_refuse() -> None:
    c = convention(groupes=[groupe("T2CR", "T2 Service des Crèches")])
    r = affecter_role(c, par="adm.martin", groupe="T2CR", profil=ProfilT.T1, instant=INSTANT)
    refuse(r, c)
    declenche(r, "MCP-GRP-03", severite=E, cible="T2CR")


@pytest.mark.regle("MCP-GRP-03", declenche=True)
def test_MCP_GRP_03_audit_libelle_sans_profil() -> None:
    c = convention(groupes=[groupe("T1AS", "Assistants sociaux", role=ProfilT.T1)])
    rapport = auditer(c, instant=INSTANT)
    declenche(rapport, "MCP-GRP-03", severite=E, cible="T1AS")
    assert not rapport.est_conforme


@pytest.mark.regle("MCP-GRP-03", declenche=False)
@pytest.mark.parametrize(
    "libelle", ["T1 Assistants sociaux du CCAS", "t1-CESF", "T1", "T1 (CESF)", "T1/T2 mixte"]
)
def test_MCP_GRP_03_libelle_conforme_accepte(base: Convention, libelle: str) -> None:
    r = modifier_libelle(base, par="adm.martin", groupe="T1AS", libelle=libelle, instant=INSTANT)
    nouvelle = accepte(
        r,
        base,
        [
            LibelleModifie(
                instant=INSTANT,
                par="adm.martin",
                groupe="T1AS",
                ancien="T1 Assistants sociaux",
                nouveau=libelle,
            )
        ],
    )
    ne_declenche_pas(r, "MCP-GRP-03")
    ne_declenche_pas(auditer(nouvelle, instant=INSTANT), "MCP-GRP-03")


@pytest.mark.regle("MCP-GRP-03", declenche=False)
def test_MCP_GRP_03_groupe_non_cdap_libelle_libre(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="ADONIS-NORD",
        libelle="Aides à domicile, secteur nord",
        service=Service.ADONIS,
        gestionnaire="gest.blanc",
        instant=INSTANT,
    )
    assert r.accepte
    ne_declenche_pas(r, "MCP-GRP-03")


# --- MCP-GRP-04 : un groupe est créé avec son gestionnaire ----------------------------------


@pytest.mark.regle("MCP-GRP-04", declenche=True)
def test_MCP_GRP_04_groupe_sans_gestionnaire_existant_refuse(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire="inconnu.x",
        instant=INSTANT,
    )
    refuse(r, base)
    (constat,) = declenche(r, "MCP-GRP-04", severite=E, cible="T2CR")
    assert "inconnu.x" in constat.message


@pytest.mark.regle("MCP-GRP-04", declenche=True)
def test_MCP_GRP_04_designer_un_gestionnaire_sans_compte_refuse(base: Convention) -> None:
    r = designer_gestionnaire(
        base, par="adm.martin", groupe="T1AS", gestionnaire="inconnu.x", instant=INSTANT
    )
    refuse(r, base)
    (constat,) = declenche(r, "MCP-GRP-04", severite=E, cible="T1AS")
    assert "inconnu.x" in constat.message


@pytest.mark.regle("MCP-GRP-04", declenche=False)
def test_MCP_GRP_04_le_gestionnaire_nouveau_est_cree_dans_le_meme_geste(
    base: Convention,
) -> None:
    """« Si le nom du gestionnaire d'habilitations n'apparaît pas … vous devez le créer. »"""
    gestionnaire = nouveau("gest.roy", "Nina", "Roy")
    r = creer_groupe(
        base,
        par="adm.martin",
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire=gestionnaire,
        instant=INSTANT,
    )
    nouvelle = accepte(
        r,
        base,
        [
            *evenements_creation("adm.martin", gestionnaire),
            groupe_cree("T2CR", "T2 Service des Crèches", gestionnaire="gest.roy"),
        ],
    )
    assert nouvelle.groupe("T2CR").gestionnaire == "gest.roy"
    cree = nouvelle.utilisateur("gest.roy")
    assert cree.cree_le == INSTANT
    assert cree.mot_de_passe_temporaire is not None
    ne_declenche_pas(r, "MCP-GRP-04")
    declenche(r, "MCP-GRP-04", severite=I, cible="T2CR")  # créé dans le même geste


# --- MCP-GRP-05 : un groupe sans rôle ne donne rien -----------------------------------------


@pytest.mark.regle("MCP-GRP-05", declenche=True)
def test_MCP_GRP_05_retirer_le_role_accepte_avec_avertissement(base: Convention) -> None:
    r = retirer_role(base, par="adm.martin", groupe="T2PE", instant=INSTANT)
    accepte(
        r, base, [RoleRetire(instant=INSTANT, par="adm.martin", groupe="T2PE", profil=ProfilT.T2)]
    )
    declenche(r, "MCP-GRP-05", severite=W, cible="T2PE")
    assert r.erreurs == ()


@pytest.mark.regle("MCP-GRP-05", declenche=True)
def test_MCP_GRP_05_audit_groupe_sans_role_tant_qu_il_dure() -> None:
    c = convention(groupes=[groupe("T2PE", "T2 Service Petite Enfance", membres={"pe.fournier"})])
    rapport = auditer(c, instant=INSTANT)
    declenche(rapport, "MCP-GRP-05", severite=W, cible="T2PE")
    assert rapport.est_conforme  # un avertissement, pas une erreur


@pytest.mark.regle("MCP-GRP-05", declenche=True)
def test_MCP_GRP_05_le_membre_d_un_groupe_sans_role_n_a_pas_l_option() -> None:
    c = convention(groupes=[groupe("T2PE", "T2 Service Petite Enfance", membres={"pe.fournier"})])
    a = acces_cdap(c, "pe.fournier", instant=INSTANT)
    assert a.autorise is False
    declenche(a, "MCP-GRP-05", severite=W, cible="T2PE")


@pytest.mark.regle("MCP-GRP-05", declenche=False)
def test_MCP_GRP_05_groupes_dotes_d_un_role(base: Convention) -> None:
    ne_declenche_pas(auditer(base, instant=INSTANT), "MCP-GRP-05")
    ne_declenche_pas(acces_cdap(base, "pe.fournier", instant=INSTANT), "MCP-GRP-05")


# --- MCP-GRP-06 : un groupe par profil du contrat -------------------------------------------


@pytest.mark.regle("MCP-GRP-06", declenche=True)
def test_MCP_GRP_06_profil_du_contrat_sans_groupe() -> None:
    """« Vous devez répéter cette étape … pour chaque profil T spécifié dans votre contrat. »"""
    c = convention(profils=(ProfilT.T1, ProfilT.T2, ProfilT.T3))
    (constat,) = declenche(auditer(c, instant=INSTANT), "MCP-GRP-06", severite=I, cible=None)
    assert "T3" in constat.message


@pytest.mark.regle("MCP-GRP-06", declenche=False)
def test_MCP_GRP_06_chaque_profil_du_contrat_a_son_groupe(base: Convention) -> None:
    ne_declenche_pas(auditer(base, instant=INSTANT), "MCP-GRP-06")


# --- MCP-GRP-07 : les groupes AFAS sont créés par la Caf seule -----------------------------


@pytest.mark.regle("MCP-GRP-07", declenche=True)
@pytest.mark.parametrize("parent", [None, "AFAS-DECLARER"])
def test_MCP_GRP_07_l_administrateur_ne_cree_pas_de_groupe_afas(
    base: Convention, parent: str | None
) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="AFAS-DECLARER-SUD",
        libelle="Déclarants AFAS, secteur sud",
        service=Service.AFAS,
        gestionnaire="adm.martin",
        parent=parent,
        instant=INSTANT,
    )
    refuse(r, base)
    (constat,) = declenche(r, "MCP-GRP-07", severite=E, cible="AFAS-DECLARER-SUD")
    assert "adm.martin" in constat.message


@pytest.mark.regle("MCP-GRP-07", declenche=True)
def test_MCP_GRP_07_audit_groupe_afas_cree_par_le_partenaire() -> None:
    c = convention(
        journal=[
            GroupeCree(
                instant=INSTANT - timedelta(days=30),
                par="adm.martin",
                groupe="AFAS-DECLARER",
                libelle="Déclarants AFAS",
                service=Service.AFAS,
                gestionnaire="adm.martin",
            )
        ]
    )
    declenche(auditer(c, instant=INSTANT), "MCP-GRP-07", severite=E, cible="AFAS-DECLARER")


@pytest.mark.regle("MCP-GRP-07", declenche=False)
def test_MCP_GRP_07_la_caf_cree_un_sous_groupe_afas(base: Convention) -> None:
    r = creer_groupe(
        base,
        par=CAF,
        code="AFAS-DECLARER-SUD",
        libelle="Déclarants AFAS, secteur sud",
        service=Service.AFAS,
        gestionnaire="adm.martin",
        parent="AFAS-DECLARER",
        instant=INSTANT,
    )
    nouvelle = accepte(
        r,
        base,
        [
            groupe_cree(
                "AFAS-DECLARER-SUD",
                "Déclarants AFAS, secteur sud",
                par=CAF,
                service=Service.AFAS,
                gestionnaire="adm.martin",
                parent="AFAS-DECLARER",
            )
        ],
    )
    ne_declenche_pas(r, "MCP-GRP-07")
    ne_declenche_pas(auditer(nouvelle, instant=INSTANT), "MCP-GRP-07")


# --- MCP-GRP-08 : le gestionnaire d'un groupe a un compte actif -----------------------------


def _gestionnaire_cloture(le: timedelta) -> Convention:
    return convention(
        utilisateurs=[compte("gest.durand", "Sophie", "Durand", cloture_le=INSTANT + le)]
    )


@pytest.mark.regle("MCP-GRP-08", declenche=True)
def test_MCP_GRP_08_audit_gestionnaire_cloture() -> None:
    rapport = auditer(_gestionnaire_cloture(-timedelta(days=1)), instant=INSTANT)
    declenche(rapport, "MCP-GRP-08", severite=E, cible="T1AS")
    declenche(rapport, "MCP-GRP-08", severite=E, cible="T2PE")


@pytest.mark.regle("MCP-GRP-08", declenche=True)
def test_MCP_GRP_08_designer_un_compte_cloture_refuse() -> None:
    c = convention(
        utilisateurs=[
            compte("gest.roy", "Nina", "Roy", cloture_le=INSTANT - timedelta(days=1)),
        ]
    )
    r = designer_gestionnaire(
        c, par="adm.martin", groupe="T1AS", gestionnaire="gest.roy", instant=INSTANT
    )
    refuse(r, c)
    (constat,) = declenche(r, "MCP-GRP-08", severite=E, cible="T1AS")
    assert "gest.roy" in constat.message


@pytest.mark.regle("MCP-GRP-08", declenche=True)
def test_MCP_GRP_08_cloturer_un_gestionnaire_accepte_avec_avertissements(
    base: Convention,
) -> None:
    """La clôture passe toujours ; les groupes laissés sans gestionnaire actif sont signalés."""
    r = cloturer_compte(base, par="adm.martin", utilisateur="gest.durand", instant=INSTANT)
    accepte(
        r,
        base,
        [CompteCloture(instant=INSTANT, par="adm.martin", utilisateur="gest.durand", le=INSTANT)],
    )
    declenche(r, "MCP-GRP-08", severite=W, cible="T1AS")
    declenche(r, "MCP-GRP-08", severite=W, cible="T2PE")
    assert r.erreurs == ()


@pytest.mark.regle("MCP-GRP-08", declenche=False)
def test_MCP_GRP_08_un_nouveau_gestionnaire_leve_l_erreur() -> None:
    c = _gestionnaire_cloture(-timedelta(days=1))
    for code in ("T1AS", "T2PE"):
        r = designer_gestionnaire(
            c, par="adm.martin", groupe=code, gestionnaire="adm.bernard", instant=INSTANT
        )
        c = accepte(
            r,
            c,
            [
                GestionnaireDesigne(
                    instant=INSTANT,
                    par="adm.martin",
                    groupe=code,
                    gestionnaire="adm.bernard",
                    precedent="gest.durand",
                )
            ],
        )
    ne_declenche_pas(auditer(c, instant=INSTANT), "MCP-GRP-08")


@pytest.mark.regle("MCP-GRP-08", declenche=False)
def test_MCP_GRP_08_cloture_a_venir_le_gestionnaire_reste_actif() -> None:
    """Interprétation 5 : le compte reste actif jusqu'à l'instant de clôture."""
    ne_declenche_pas(
        auditer(_gestionnaire_cloture(timedelta(days=1)), instant=INSTANT), "MCP-GRP-08"
    )


# --- interprétation 15 : ADONIS et Offre-bailleurs donnent l'accès par un rôle ---------------


@pytest.mark.regle("MCP-GRP-05", declenche=True)
def test_MCP_GRP_05_l_audit_signale_un_groupe_adonis_sans_role() -> None:
    rapport = auditer(convention(groupes=[ADONIS_SANS_ROLE]), instant=INSTANT)
    declenche(rapport, "MCP-GRP-05", severite=W, cible="ADONIS-STATS")


@pytest.mark.regle("MCP-GRP-05", declenche=True)
def test_MCP_GRP_05_retirer_le_role_adonis_prive_ses_membres_d_adonis(base: Convention) -> None:
    r = retirer_role(base, par="gest.blanc", groupe="ADONIS-STATS", instant=INSTANT)
    nouvelle = accepte(
        r,
        base,
        [
            RoleRetire(
                instant=INSTANT,
                par="gest.blanc",
                groupe="ADONIS-STATS",
                profil=RoleApplicatif.ADONIS,
            )
        ],
    )
    declenche(r, "MCP-GRP-05", severite=W, cible="ADONIS-STATS")
    assert not acces_service(nouvelle, "ad.noel", Service.ADONIS, instant=INSTANT)
