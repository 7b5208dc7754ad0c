"""ROLE — qui peut faire quoi : le tableau récapitulatif de la partie 5 du guide.

=================================================  ==============  =================  =========
droit                                              administrateur  responsable hab.   règle
=================================================  ==============  =================  =========
Gérer la relation contractuelle avec la Caf        X                                  ROLE-01
Créer des utilisateurs                             X               X*                 ROLE-02
Créer des groupes                                  X                                  ROLE-03
Créer des sous-groupes                             X               X*                 ROLE-04
Habiliter les responsables habilitations           X               X*                 ROLE-05
Associer des droits aux groupes d'utilisateurs     X               X*                 ROLE-06
Associer des utilisateurs aux groupes              X               X*                 ROLE-07
Accéder à l'offre de service                       X               X*                 ROLE-08
=================================================  ==============  =================  =========

(*) dans la limite des groupes dont il a la charge (ROLE-10).
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

import pytest

from mcp_rules import (
    Action,
    CompteCloture,
    CompteReactive,
    Convention,
    GestionnaireDesigne,
    MembreAjoute,
    MembreRetire,
    ProfilT,
    RoleAffecte,
    RoleApplicatif,
    RoleRetire,
    Service,
    acces_service,
    affecter_role,
    ajouter_au_groupe,
    cloturer_compte,
    creer_groupe,
    creer_utilisateur,
    designer_gestionnaire,
    matrice_acces,
    modifier_compte,
    peut,
    reactiver_compte,
    retirer_du_groupe,
    retirer_role,
)

from .conftest import (
    ADONIS_SANS_ROLE,
    INSTANT,
    E,
    I,
    W,
    accepte,
    convention,
    declenche,
    evenements_creation,
    groupe,
    groupe_cree,
    ne_declenche_pas,
    nouveau,
    refuse,
)

T2CR = groupe("T2CR", "T2 Service des Crèches")
"""Un groupe CDAP sans rôle, géré par gest.durand."""

T1AS_NORD = groupe(
    "T1AS-NORD",
    "T1 Assistants sociaux, secteur nord",
    role=ProfilT.T1,
    gestionnaire="adm.bernard",
    parent="T1AS",
)
"""Un sous-groupe de T1AS (géré par gest.durand), dont le gestionnaire est adm.bernard."""


# --- MCP-ROLE-01 : la relation contractuelle avec la Caf ------------------------------------


@pytest.mark.regle("MCP-ROLE-01", declenche=True)
@pytest.mark.parametrize("acteur", ["gest.durand", "pe.fournier"])
def test_MCP_ROLE_01_relation_contractuelle_refusee_hors_administrateur(
    base: Convention, acteur: str
) -> None:
    d = peut(base, acteur, Action.GERER_RELATION_CONTRACTUELLE, instant=INSTANT)
    assert d.autorise is False
    (constat,) = declenche(d, "MCP-ROLE-01", severite=E, cible=None)
    assert acteur in constat.message


@pytest.mark.regle("MCP-ROLE-01", declenche=False)
def test_MCP_ROLE_01_relation_contractuelle_par_l_administrateur(base: Convention) -> None:
    d = peut(base, "adm.bernard", Action.GERER_RELATION_CONTRACTUELLE, instant=INSTANT)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ROLE-01")
    declenche(d, "MCP-ROLE-01", severite=I)  # le motif de l'autorisation


# --- MCP-ROLE-02 : créer un compte ----------------------------------------------------------


@pytest.mark.regle("MCP-ROLE-02", declenche=True)
def test_MCP_ROLE_02_gestionnaire_sans_groupe_nomme_refuse(base: Convention) -> None:
    """Le compte créé par un gestionnaire doit rester sous sa responsabilité."""
    r = creer_utilisateur(
        base, par="gest.durand", utilisateur=nouveau("pe.morel", "Alice", "Morel"), instant=INSTANT
    )
    refuse(r, base)
    # La cible nomme le compte à créer (interprétation 20) ; le message, l'acteur.
    (constat,) = declenche(r, "MCP-ROLE-02", severite=E, cible="pe.morel")
    assert "gest.durand" in constat.message


@pytest.mark.regle("MCP-ROLE-02", declenche=True)
def test_MCP_ROLE_02_simple_utilisateur_ne_cree_pas_de_compte(base: Convention) -> None:
    r = creer_utilisateur(
        base,
        par="pe.fournier",
        utilisateur=nouveau("pe.morel", "Alice", "Morel"),
        groupe="T2PE",
        instant=INSTANT,
    )
    refuse(r, base)
    (constat,) = declenche(r, "MCP-ROLE-02", severite=E, cible="pe.morel")
    assert "T2PE" in constat.message


@pytest.mark.regle("MCP-ROLE-02", declenche=True)
def test_MCP_ROLE_02_gestionnaire_ne_cree_pas_de_compte_hors_de_ses_groupes_par_designation() -> (
    None
):
    """Le compte naîtrait hors de tout groupe de gest.durand, donc hors de sa responsabilité."""
    c = convention(groupes=[T1AS_NORD])
    r = designer_gestionnaire(
        c,
        par="gest.durand",
        groupe="T1AS-NORD",
        gestionnaire=nouveau("gest.roy", "Nina", "Roy"),
        instant=INSTANT,
    )
    refuse(r, c)
    declenche(r, "MCP-ROLE-02", severite=E, cible="gest.roy")


@pytest.mark.regle("MCP-ROLE-02", declenche=False)
def test_MCP_ROLE_02_gestionnaire_cree_un_compte_dans_son_groupe(base: Convention) -> None:
    u = nouveau("pe.morel", "Alice", "Morel")
    r = creer_utilisateur(base, par="gest.durand", utilisateur=u, groupe="T2PE", instant=INSTANT)
    nouvelle = accepte(
        r,
        base,
        [
            *evenements_creation("gest.durand", u, groupe="T2PE"),
            MembreAjoute(instant=INSTANT, par="gest.durand", groupe="T2PE", utilisateur="pe.morel"),
        ],
    )
    assert nouvelle.groupe("T2PE").a_pour_membre("pe.morel")
    ne_declenche_pas(r, "MCP-ROLE-02")


@pytest.mark.regle("MCP-ROLE-02", declenche=False)
def test_MCP_ROLE_02_administrateur_cree_un_compte_hors_groupe(base: Convention) -> None:
    u = nouveau("pe.morel", "Alice", "Morel")
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    accepte(r, base, evenements_creation("adm.martin", u))
    ne_declenche_pas(r, "MCP-ROLE-02")


# --- MCP-ROLE-03 : créer un groupe ----------------------------------------------------------


@pytest.mark.regle("MCP-ROLE-03", declenche=True)
def test_MCP_ROLE_03_gestionnaire_ne_cree_pas_de_groupe(base: Convention) -> None:
    """« Seuls les administrateurs peuvent créer des groupes ou sous-groupes. »"""
    r = creer_groupe(
        base,
        par="gest.durand",
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=INSTANT,
    )
    refuse(r, base)
    (constat,) = declenche(r, "MCP-ROLE-03", severite=E, cible=None)
    assert "gest.durand" in constat.message


@pytest.mark.regle("MCP-ROLE-03", declenche=False)
def test_MCP_ROLE_03_administrateur_cree_un_groupe(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.bernard",
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=INSTANT,
    )
    accepte(r, base, [groupe_cree("T2CR", "T2 Service des Crèches", par="adm.bernard")])
    ne_declenche_pas(r, "MCP-ROLE-03")


# --- MCP-ROLE-04 : créer un sous-groupe (interprétation 1) --------------------------------


@pytest.mark.regle("MCP-ROLE-04", declenche=True)
def test_MCP_ROLE_04_gestionnaire_ne_cree_pas_de_sous_groupe_cdap(base: Convention) -> None:
    """CDAP : les sous-groupes sont créés par les administrateurs seuls."""
    r = creer_groupe(
        base,
        par="gest.durand",
        code="T1AS-NORD",
        libelle="T1 Assistants sociaux, secteur nord",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        parent="T1AS",
        instant=INSTANT,
    )
    refuse(r, base)
    declenche(r, "MCP-ROLE-04", severite=E, cible="T1AS-NORD")


@pytest.mark.regle("MCP-ROLE-04", declenche=True)
def test_MCP_ROLE_04_gestionnaire_hors_de_son_groupe_parent(base: Convention) -> None:
    """ADONIS : le gestionnaire du parent seulement ; gest.durand ne gère pas ADONIS-STATS."""
    r = creer_groupe(
        base,
        par="gest.durand",
        code="ADONIS-NORD",
        libelle="Aides à domicile, secteur nord",
        service=Service.ADONIS,
        gestionnaire="gest.durand",
        parent="ADONIS-STATS",
        instant=INSTANT,
    )
    refuse(r, base)
    (constat,) = declenche(r, "MCP-ROLE-04", severite=E, cible="ADONIS-NORD")
    assert "ADONIS-STATS" in constat.message
    declenche(r, "MCP-ROLE-10", severite=E, cible="gest.durand")  # le gestionnaire nommé


@pytest.mark.regle("MCP-ROLE-04", declenche=True)
def test_MCP_ROLE_04_sous_groupe_d_un_autre_service_que_son_parent(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="ADONIS-T1",
        libelle="Aides à domicile",
        service=Service.ADONIS,
        gestionnaire="gest.durand",
        parent="T1AS",
        instant=INSTANT,
    )
    refuse(r, base)
    declenche(r, "MCP-ROLE-04", severite=E, cible="ADONIS-T1")


@pytest.mark.regle("MCP-ROLE-04", declenche=False)
def test_MCP_ROLE_04_gestionnaire_cree_un_sous_groupe_adonis_sous_son_groupe(
    base: Convention,
) -> None:
    r = creer_groupe(
        base,
        par="gest.blanc",
        code="ADONIS-NORD",
        libelle="Aides à domicile, secteur nord",
        service=Service.ADONIS,
        gestionnaire="ad.noel",
        parent="ADONIS-STATS",
        instant=INSTANT,
    )
    nouvelle = accepte(
        r,
        base,
        [
            groupe_cree(
                "ADONIS-NORD",
                "Aides à domicile, secteur nord",
                par="gest.blanc",
                service=Service.ADONIS,
                gestionnaire="ad.noel",
                parent="ADONIS-STATS",
            )
        ],
    )
    assert nouvelle.groupe("ADONIS-NORD").parent == "ADONIS-STATS"
    ne_declenche_pas(r, "MCP-ROLE-04")


@pytest.mark.regle("MCP-ROLE-04", declenche=False)
def test_MCP_ROLE_04_administrateur_cree_un_sous_groupe_cdap(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="T1AS-NORD",
        libelle="T1 Assistants sociaux, secteur nord",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        parent="T1AS",
        instant=INSTANT,
    )
    accepte(
        r,
        base,
        [groupe_cree("T1AS-NORD", "T1 Assistants sociaux, secteur nord", parent="T1AS")],
    )
    ne_declenche_pas(r, "MCP-ROLE-04")


# --- MCP-ROLE-05 : désigner le gestionnaire d'un groupe -------------------------------------


@pytest.mark.regle("MCP-ROLE-05", declenche=True)
def test_MCP_ROLE_05_gestionnaire_ne_se_designe_pas_de_successeur(base: Convention) -> None:
    """Le gestionnaire ne désigne que ceux des sous-groupes de ses groupes."""
    r = designer_gestionnaire(
        base, par="gest.durand", groupe="T1AS", gestionnaire="as.leroy", instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-ROLE-05", severite=E, cible="T1AS")


@pytest.mark.regle("MCP-ROLE-05", declenche=False)
def test_MCP_ROLE_05_gestionnaire_designe_celui_d_un_sous_groupe() -> None:
    c = convention(groupes=[T1AS_NORD])
    r = designer_gestionnaire(
        c, par="gest.durand", groupe="T1AS-NORD", gestionnaire="as.leroy", instant=INSTANT
    )
    accepte(
        r,
        c,
        [
            GestionnaireDesigne(
                instant=INSTANT,
                par="gest.durand",
                groupe="T1AS-NORD",
                gestionnaire="as.leroy",
                precedent="adm.bernard",
            )
        ],
    )
    ne_declenche_pas(r, "MCP-ROLE-05")


@pytest.mark.regle("MCP-ROLE-05", declenche=False)
def test_MCP_ROLE_05_administrateur_designe_un_gestionnaire(base: Convention) -> None:
    d = peut(base, "adm.martin", Action.DESIGNER_GESTIONNAIRE, groupe="T1AS", instant=INSTANT)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ROLE-05")


# --- MCP-ROLE-06 : affecter ou retirer le rôle d'un groupe ----------------------------------


@pytest.mark.regle("MCP-ROLE-06", declenche=True)
def test_MCP_ROLE_06_affecter_un_role_hors_de_ses_groupes_refuse() -> None:
    c = convention(groupes=[T2CR])
    r = affecter_role(c, par="gest.blanc", groupe="T2CR", profil=ProfilT.T2, instant=INSTANT)
    refuse(r, c)
    declenche(r, "MCP-ROLE-06", severite=E, cible="T2CR")


@pytest.mark.regle("MCP-ROLE-06", declenche=True)
def test_MCP_ROLE_06_simple_utilisateur_ne_retire_pas_un_role(base: Convention) -> None:
    r = retirer_role(base, par="pe.fournier", groupe="T2PE", instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-ROLE-06", severite=E, cible="T2PE")


@pytest.mark.regle("MCP-ROLE-06", declenche=False)
def test_MCP_ROLE_06_administrateur_affecte_le_profil_d_un_groupe_cdap() -> None:
    c = convention(groupes=[T2CR])
    r = affecter_role(c, par="adm.bernard", groupe="T2CR", profil=ProfilT.T2, instant=INSTANT)
    accepte(
        r, c, [RoleAffecte(instant=INSTANT, par="adm.bernard", groupe="T2CR", profil=ProfilT.T2)]
    )
    ne_declenche_pas(r, "MCP-ROLE-06")


@pytest.mark.regle("MCP-ROLE-06", declenche=False)
def test_MCP_ROLE_06_administrateur_retire_le_profil_d_un_groupe_cdap(base: Convention) -> None:
    r = retirer_role(base, par="adm.bernard", groupe="T2PE", instant=INSTANT)
    accepte(
        r, base, [RoleRetire(instant=INSTANT, par="adm.bernard", groupe="T2PE", profil=ProfilT.T2)]
    )
    ne_declenche_pas(r, "MCP-ROLE-06")


@pytest.mark.regle("MCP-ROLE-06", declenche=True)
def test_MCP_ROLE_06_le_gestionnaire_ne_touche_pas_au_profil_cdap_de_son_groupe(
    base: Convention,
) -> None:
    """Interprétation 13 : le tableau CDAP réserve l'étape 2 à l'administrateur partenaire."""
    c = convention(groupes=[T2CR])
    r = affecter_role(c, par="gest.durand", groupe="T2CR", profil=ProfilT.T2, instant=INSTANT)
    refuse(r, c)
    declenche(r, "MCP-ROLE-06", severite=E, cible="T2CR")
    r = retirer_role(base, par="gest.durand", groupe="T2PE", instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-ROLE-06", severite=E, cible="T2PE")
    assert not peut(base, "gest.durand", Action.AFFECTER_ROLE, groupe="T2PE", instant=INSTANT)


# --- MCP-ROLE-07 : ajouter ou retirer un membre ---------------------------------------------


@pytest.mark.regle("MCP-ROLE-07", declenche=True)
def test_MCP_ROLE_07_ajouter_un_membre_hors_de_ses_groupes_refuse(base: Convention) -> None:
    r = ajouter_au_groupe(
        base, par="gest.blanc", groupe="T2PE", utilisateur="ad.noel", instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-ROLE-07", severite=E, cible="T2PE")


@pytest.mark.regle("MCP-ROLE-07", declenche=True)
@pytest.mark.parametrize("groupe_", ["AFAS-HABILITER", "T2PE"])
def test_MCP_ROLE_07_membre_afas_habiliter_limite_aux_autres_groupes_afas(
    base: Convention, groupe_: str
) -> None:
    """AFAS-HABILITER habilite les déclarants : ni lui-même, ni les groupes CDAP."""
    r = ajouter_au_groupe(
        base, par="afas.roche", groupe=groupe_, utilisateur="ad.noel", instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-ROLE-07", severite=E, cible=groupe_)


@pytest.mark.regle("MCP-ROLE-07", declenche=False)
def test_MCP_ROLE_07_gestionnaire_ajoute_un_membre_a_son_groupe(base: Convention) -> None:
    """as.leroy n'est que dans T1AS, que gère gest.durand : il est sous sa responsabilité."""
    r = ajouter_au_groupe(
        base, par="gest.durand", groupe="T2PE", utilisateur="as.leroy", instant=INSTANT
    )
    accepte(
        r,
        base,
        [MembreAjoute(instant=INSTANT, par="gest.durand", groupe="T2PE", utilisateur="as.leroy")],
    )
    ne_declenche_pas(r, "MCP-ROLE-07")


@pytest.mark.regle("MCP-ROLE-07", declenche=False)
def test_MCP_ROLE_07_membre_afas_habiliter_ajoute_un_declarant(base: Convention) -> None:
    """« … ou utilisateur ajouté au groupe AFAS-HABILITER » (5 - Service AFAS)."""
    r = ajouter_au_groupe(
        base, par="afas.roche", groupe="AFAS-DECLARER", utilisateur="ad.noel", instant=INSTANT
    )
    accepte(
        r,
        base,
        [
            MembreAjoute(
                instant=INSTANT, par="afas.roche", groupe="AFAS-DECLARER", utilisateur="ad.noel"
            )
        ],
    )
    ne_declenche_pas(r, "MCP-ROLE-07")


@pytest.mark.regle("MCP-ROLE-07", declenche=False)
def test_MCP_ROLE_07_administrateur_retire_un_membre(base: Convention) -> None:
    r = retirer_du_groupe(
        base, par="adm.martin", groupe="T2PE", utilisateur="pe.fournier", instant=INSTANT
    )
    accepte(
        r,
        base,
        [MembreRetire(instant=INSTANT, par="adm.martin", groupe="T2PE", utilisateur="pe.fournier")],
    )
    ne_declenche_pas(r, "MCP-ROLE-07")


# --- MCP-ROLE-08 : accéder à l'offre d'un service -------------------------------------------


@pytest.mark.regle("MCP-ROLE-08", declenche=True)
def test_MCP_ROLE_08_hors_de_tout_groupe_du_service_pas_d_acces(base: Convention) -> None:
    d = peut(base, "pe.fournier", Action.ACCEDER_SERVICE, service=Service.ADONIS, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-ROLE-08", severite=E, cible="pe.fournier")


@pytest.mark.regle("MCP-ROLE-08", declenche=False)
def test_MCP_ROLE_08_membre_d_un_groupe_du_service(base: Convention) -> None:
    d = acces_service(base, "ad.noel", Service.ADONIS, instant=INSTANT)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ROLE-08")
    declenche(d, "MCP-ROLE-08", severite=I, cible="ad.noel")


# --- MCP-ROLE-09 : modifier, clôturer ou réactiver un compte --------------------------------


@pytest.mark.regle("MCP-ROLE-09", declenche=True)
def test_MCP_ROLE_09_gestionnaire_ne_cloture_pas_un_compte_hors_de_ses_groupes(
    base: Convention,
) -> None:
    r = cloturer_compte(base, par="gest.durand", utilisateur="ad.noel", instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-ROLE-09", severite=E, cible="ad.noel")


@pytest.mark.regle("MCP-ROLE-09", declenche=True)
def test_MCP_ROLE_09_simple_utilisateur_ne_modifie_pas_un_compte(base: Convention) -> None:
    r = modifier_compte(
        base, par="pe.fournier", utilisateur="as.leroy", nom="Leroy-Martin", instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-ROLE-09", severite=E, cible="as.leroy")


@pytest.mark.regle("MCP-ROLE-09", declenche=False)
def test_MCP_ROLE_09_gestionnaire_cloture_puis_reactive_un_membre_de_son_groupe(
    base: Convention,
) -> None:
    r = cloturer_compte(base, par="gest.durand", utilisateur="pe.fournier", instant=INSTANT)
    close = accepte(
        r,
        base,
        [CompteCloture(instant=INSTANT, par="gest.durand", utilisateur="pe.fournier", le=INSTANT)],
    )
    ne_declenche_pas(r, "MCP-ROLE-09")
    r2 = reactiver_compte(close, par="gest.durand", utilisateur="pe.fournier", instant=INSTANT)
    accepte(
        r2, close, [CompteReactive(instant=INSTANT, par="gest.durand", utilisateur="pe.fournier")]
    )
    ne_declenche_pas(r2, "MCP-ROLE-09")


# --- MCP-ROLE-10 : personne n'habilite du personnel hors de sa responsabilité --------------


@pytest.mark.regle("MCP-ROLE-10", declenche=True)
def test_MCP_ROLE_10_gestionnaire_sur_un_groupe_qu_il_ne_gere_pas(base: Convention) -> None:
    d = peut(base, "gest.durand", Action.GERER_MEMBRES, groupe="ADONIS-STATS", instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-ROLE-10", severite=E, cible=None)  # aucun compte n'est nommé
    declenche(d, "MCP-ROLE-07", severite=E, cible="ADONIS-STATS")


@pytest.mark.regle("MCP-ROLE-10", declenche=True)
def test_MCP_ROLE_10_gestionnaire_sur_un_compte_hors_de_ses_groupes(base: Convention) -> None:
    r = modifier_compte(
        base, par="gest.durand", utilisateur="ad.noel", prenom="Éva", instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-ROLE-10", severite=E, cible="ad.noel")


@pytest.mark.regle("MCP-ROLE-10", declenche=False)
def test_MCP_ROLE_10_gestionnaire_agit_sur_le_sous_groupe_de_son_groupe() -> None:
    """Les groupes qu'il gère s'entendent avec leurs sous-groupes."""
    c = convention(groupes=[T1AS_NORD])
    d = peut(c, "gest.durand", Action.GERER_MEMBRES, groupe="T1AS-NORD", instant=INSTANT)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ROLE-10")


@pytest.mark.regle("MCP-ROLE-10", declenche=False)
def test_MCP_ROLE_10_gestionnaire_modifie_un_membre_de_son_groupe(base: Convention) -> None:
    r = modifier_compte(
        base, par="gest.durand", utilisateur="pe.fournier", prenom="Hugues", instant=INSTANT
    )
    assert r.accepte
    ne_declenche_pas(r, "MCP-ROLE-10")


# --- MCP-ROLE-11 : exactement un gestionnaire par groupe ------------------------------------


@pytest.mark.regle("MCP-ROLE-11", declenche=True)
def test_MCP_ROLE_11_designer_le_gestionnaire_deja_en_place_refuse(base: Convention) -> None:
    r = designer_gestionnaire(
        base, par="adm.martin", groupe="T1AS", gestionnaire="gest.durand", instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-ROLE-11", severite=E, cible="T1AS")


@pytest.mark.regle("MCP-ROLE-11", declenche=False)
def test_MCP_ROLE_11_le_nouveau_gestionnaire_remplace_le_precedent(base: Convention) -> None:
    r = designer_gestionnaire(
        base, par="adm.martin", groupe="T1AS", gestionnaire="as.leroy", instant=INSTANT
    )
    nouvelle = accepte(
        r,
        base,
        [
            GestionnaireDesigne(
                instant=INSTANT,
                par="adm.martin",
                groupe="T1AS",
                gestionnaire="as.leroy",
                precedent="gest.durand",
            )
        ],
    )
    ne_declenche_pas(r, "MCP-ROLE-11")
    assert nouvelle.groupe("T1AS").gestionnaire == "as.leroy"
    assert peut(nouvelle, "as.leroy", Action.GERER_MEMBRES, groupe="T1AS", instant=INSTANT)
    assert not peut(nouvelle, "gest.durand", Action.GERER_MEMBRES, groupe="T1AS", instant=INSTANT)


# --- MCP-ROLE-12 : le gestionnaire d'un groupe peut être un administrateur ------------------


@pytest.mark.regle("MCP-ROLE-12", declenche=True)
def test_MCP_ROLE_12_administrateur_gestionnaire_accepte_et_signale(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire="adm.bernard",
        instant=INSTANT,
    )
    accepte(
        r,
        base,
        [groupe_cree("T2CR", "T2 Service des Crèches", gestionnaire="adm.bernard")],
    )
    declenche(r, "MCP-ROLE-12", severite=I, cible="T2CR")


@pytest.mark.regle("MCP-ROLE-12", declenche=False)
def test_MCP_ROLE_12_gestionnaire_qui_n_est_pas_administrateur(base: Convention) -> None:
    r = creer_groupe(
        base,
        par="adm.martin",
        code="T2CR",
        libelle="T2 Service des Crèches",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=INSTANT,
    )
    accepte(r, base, [groupe_cree("T2CR", "T2 Service des Crèches")])
    ne_declenche_pas(r, "MCP-ROLE-12")


# --- interprétation 15 : ADONIS et Offre-bailleurs donnent l'accès par un rôle ---------------


@pytest.mark.regle("MCP-ROLE-08", declenche=True)
def test_MCP_ROLE_08_un_groupe_adonis_sans_role_ne_donne_pas_adonis() -> None:
    c = convention(groupes=[ADONIS_SANS_ROLE])
    d = acces_service(c, "ad.noel", Service.ADONIS, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-ROLE-08", severite=E, cible="ad.noel")
    declenche(d, "MCP-GRP-05", severite=W, cible="ADONIS-STATS")
    assert matrice_acces(c, instant=INSTANT).ligne("ad.noel").services == ()


@pytest.mark.regle("MCP-ROLE-08", declenche=False)
def test_MCP_ROLE_08_le_role_adonis_ouvre_adonis(base: Convention) -> None:
    d = acces_service(base, "ad.noel", Service.ADONIS, instant=INSTANT)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ROLE-08")
    declenche(d, "MCP-ROLE-08", severite=I, cible="ad.noel")
    assert matrice_acces(base, instant=INSTANT).ligne("ad.noel").services == (Service.ADONIS,)


@pytest.mark.regle("MCP-ROLE-06", declenche=False)
def test_MCP_ROLE_06_le_gestionnaire_donne_son_role_a_un_groupe_adonis_qu_il_gere() -> None:
    """Le rôle d'un service se nomme, ou se déduit du service du groupe."""
    c = convention(groupes=[ADONIS_SANS_ROLE])
    for profil in (None, RoleApplicatif.ADONIS, "adonis"):
        r = affecter_role(
            c, par="gest.blanc", groupe="ADONIS-STATS", profil=profil, instant=INSTANT
        )
        nouvelle = accepte(
            r,
            c,
            [
                RoleAffecte(
                    instant=INSTANT,
                    par="gest.blanc",
                    groupe="ADONIS-STATS",
                    profil=RoleApplicatif.ADONIS,
                )
            ],
        )
        ne_declenche_pas(r, "MCP-ROLE-06")
        assert acces_service(nouvelle, "ad.noel", Service.ADONIS, instant=INSTANT)
    declenche(
        peut(c, "gest.blanc", Action.AFFECTER_ROLE, groupe="ADONIS-STATS", instant=INSTANT),
        "MCP-ROLE-06",
        severite=I,
    )


@pytest.mark.regle("MCP-ROLE-06", declenche=True)
def test_MCP_ROLE_06_le_gestionnaire_ne_donne_pas_de_role_a_un_groupe_dont_il_est_membre() -> None:
    """Interprétation 21 : personne ne s'habilite soi-même, sauf un administrateur."""
    membre = groupe(
        "ADONIS-STATS",
        "Statistiques des aides à domicile",
        service=Service.ADONIS,
        gestionnaire="gest.blanc",
        membres={"ad.noel", "gest.blanc"},
    )
    c = convention(groupes=[membre])
    r = affecter_role(c, par="gest.blanc", groupe="ADONIS-STATS", instant=INSTANT)
    refuse(r, c)
    declenche(r, "MCP-ROLE-06", severite=E, cible="ADONIS-STATS")
    declenche(r, "MCP-ROLE-10", severite=E, cible="gest.blanc")
    accepte(
        affecter_role(c, par="adm.martin", groupe="ADONIS-STATS", instant=INSTANT),
        c,
        [
            RoleAffecte(
                instant=INSTANT,
                par="adm.martin",
                groupe="ADONIS-STATS",
                profil=RoleApplicatif.ADONIS,
            )
        ],
    )
