"""AFAS — les déclarations d'aides financières d'action sociale.

Guide, « 5 - Service AFAS » : les étapes (créer le compte, l'ajouter au groupe AFAS-DECLARER,
configurer ses rôles) sont faites par « l'Administrateur Partenaire ou le Gestionnaire
d'habilitations ou l'utilisateur ajouté au groupe AFAS-HABILITER ». « Vous devez ensuite
configurer les rôles des 2 FDA, 2 FDF et de l'Approbateur. » « Si vous changez un
approbateur, il faut le signaler à la Caf en fournissant une PJ 3 … afin que nos équipes
valident cet approbateur dans le système MAIA. »
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest

from mcp_rules import (
    CAF,
    GROUPE_AFAS_DECLARER,
    Action,
    ApprobateurValide,
    ConfigurationAfas,
    Convention,
    MembreAjoute,
    Pj3Requise,
    RoleAfas,
    RoleAfasConfigure,
    RoleAfasRetire,
    Service,
    acces_service,
    auditer,
    changer_approbateur,
    cloturer_compte,
    configurer_role_afas,
    creer_utilisateur,
    peut,
    retirer_du_groupe,
    retirer_role_afas,
    valider_approbateur,
)

from .conftest import (
    AFAS_COMPLETE,
    COMPTES,
    GROUPES,
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
    ne_declenche_pas,
    nouveau,
    refuse,
)

DECLARANTS_EN_PLUS = ("afas.morel", "afas.petit", "afas.colin")


def _avec_declarants(afas: ConfigurationAfas = AFAS_COMPLETE) -> Convention:
    """La convention de base, avec trois déclarants de plus dans AFAS-DECLARER (sans rôle)."""
    declarer = next(g for g in GROUPES if g.code == GROUPE_AFAS_DECLARER)
    return convention(
        utilisateurs=[
            compte("afas.morel", "Jade", "Morel"),
            compte("afas.petit", "Omar", "Petit"),
            compte("afas.colin", "Rose", "Colin"),
        ],
        groupes=[
            groupe(
                GROUPE_AFAS_DECLARER,
                declarer.libelle,
                service=Service.AFAS,
                gestionnaire=declarer.gestionnaire,
                membres={*declarer.membres, *DECLARANTS_EN_PLUS},
            )
        ],
        afas=afas,
    )


def _configure(par: str, utilisateur: str, role: RoleAfas) -> RoleAfasConfigure:
    return RoleAfasConfigure(instant=INSTANT, par=par, utilisateur=utilisateur, role=role)


# --- MCP-AFAS-01 : déclarer, c'est un compte membre d'AFAS-DECLARER avec un rôle AFAS ------


@pytest.mark.regle("MCP-AFAS-01", declenche=True)
def test_MCP_AFAS_01_hors_d_afas_declarer_pas_de_declaration(base: Convention) -> None:
    d = acces_service(base, "pe.fournier", Service.AFAS, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-AFAS-01", severite=E, cible="pe.fournier")


@pytest.mark.regle("MCP-AFAS-01", declenche=True)
def test_MCP_AFAS_01_declarant_sans_role_configure_pas_de_declaration() -> None:
    d = acces_service(_avec_declarants(), "afas.morel", Service.AFAS, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-AFAS-01", severite=E, cible="afas.morel")


@pytest.mark.regle("MCP-AFAS-01", declenche=False)
@pytest.mark.parametrize("declarant", ["afas.dupont", "afas.lefevre", "afas.garnier"])
def test_MCP_AFAS_01_declarant_avec_son_role(base: Convention, declarant: str) -> None:
    d = peut(base, declarant, Action.ACCEDER_SERVICE, service=Service.AFAS, instant=INSTANT)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-AFAS-01")
    declenche(d, "MCP-AFAS-01", severite=I, cible=declarant)  # le motif


# --- MCP-AFAS-02 : qui fait les étapes AFAS --------------------------------------------------


@pytest.mark.regle("MCP-AFAS-02", declenche=True)
@pytest.mark.parametrize("acteur", ["pe.fournier", "gest.durand"])
def test_MCP_AFAS_02_ni_administrateur_ni_gestionnaire_ni_habiliter_refuse(
    acteur: str,
) -> None:
    c = _avec_declarants()
    r = configurer_role_afas(
        c, par=acteur, utilisateur="afas.morel", role=RoleAfas.FDA, instant=INSTANT
    )
    refuse(r, c)
    # La cible nomme le compte visé (interprétation 20), le message nomme l'acteur.
    (constat,) = declenche(r, "MCP-AFAS-02", severite=E, cible="afas.morel")
    assert acteur in constat.message


@pytest.mark.regle("MCP-AFAS-02", declenche=True)
def test_MCP_AFAS_02_question_configurer_afas(base: Convention) -> None:
    d = peut(base, "pe.fournier", Action.CONFIGURER_AFAS, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-AFAS-02", severite=E, cible=None)


@pytest.mark.regle("MCP-AFAS-02", declenche=False)
@pytest.mark.parametrize("acteur", ["afas.roche", "adm.bernard"])
def test_MCP_AFAS_02_membre_d_afas_habiliter_ou_administrateur_configure(acteur: str) -> None:
    c = _avec_declarants()
    r = configurer_role_afas(
        c, par=acteur, utilisateur="afas.morel", role=RoleAfas.FDA, instant=INSTANT
    )
    nouvelle = accepte(r, c, [_configure(acteur, "afas.morel", RoleAfas.FDA)])
    assert nouvelle.afas.fda == {"afas.dupont", "afas.morel"}
    ne_declenche_pas(r, "MCP-AFAS-02")


@pytest.mark.regle("MCP-AFAS-02", declenche=False)
def test_MCP_AFAS_02_membre_d_afas_habiliter_cree_un_declarant(base: Convention) -> None:
    u = nouveau("afas.morel", "Jade", "Morel")
    r = creer_utilisateur(
        base, par="afas.roche", utilisateur=u, groupe=GROUPE_AFAS_DECLARER, instant=INSTANT
    )
    accepte(
        r,
        base,
        [
            *evenements_creation("afas.roche", u, groupe=GROUPE_AFAS_DECLARER),
            MembreAjoute(
                instant=INSTANT,
                par="afas.roche",
                groupe=GROUPE_AFAS_DECLARER,
                utilisateur="afas.morel",
            ),
        ],
    )
    ne_declenche_pas(r, "MCP-AFAS-02")
    d = peut(base, "afas.roche", Action.GERER_MEMBRES, groupe=GROUPE_AFAS_DECLARER, instant=INSTANT)
    assert d.autorise is True
    declenche(d, "MCP-AFAS-02", severite=I)  # autorisé au titre d'AFAS-HABILITER


# --- MCP-AFAS-03 : 2 FDA, 2 FDF, 1 approbateur, tous dans AFAS-DECLARER --------------------


@pytest.mark.regle("MCP-AFAS-03", declenche=True)
@pytest.mark.parametrize("role", [RoleAfas.FDA, RoleAfas.FDF])
def test_MCP_AFAS_03_troisieme_fournisseur_refuse(role: RoleAfas) -> None:
    c = _avec_declarants()
    r1 = configurer_role_afas(
        c, par="adm.martin", utilisateur="afas.morel", role=role, instant=INSTANT
    )
    deux = accepte(r1, c, [_configure("adm.martin", "afas.morel", role)])
    ne_declenche_pas(r1, "MCP-AFAS-03")
    r2 = configurer_role_afas(
        deux, par="adm.martin", utilisateur="afas.petit", role=role, instant=INSTANT
    )
    refuse(r2, deux)
    declenche(r2, "MCP-AFAS-03", severite=E, cible="afas.petit")


@pytest.mark.regle("MCP-AFAS-03", declenche=True)
def test_MCP_AFAS_03_role_pour_un_non_membre_d_afas_declarer_refuse(base: Convention) -> None:
    r = configurer_role_afas(
        base, par="adm.martin", utilisateur="pe.fournier", role=RoleAfas.FDF, instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-AFAS-03", severite=E, cible="pe.fournier")


@pytest.mark.regle("MCP-AFAS-03", declenche=True)
def test_MCP_AFAS_03_un_titulaire_reste_dans_afas_declarer(base: Convention) -> None:
    r = retirer_du_groupe(
        base,
        par="adm.martin",
        groupe=GROUPE_AFAS_DECLARER,
        utilisateur="afas.dupont",
        instant=INSTANT,
    )
    refuse(r, base)
    declenche(r, "MCP-AFAS-03", severite=E, cible="afas.dupont")


@pytest.mark.regle("MCP-AFAS-03", declenche=True)
def test_MCP_AFAS_03_l_approbateur_ne_se_retire_pas(base: Convention) -> None:
    r = retirer_role_afas(
        base,
        par="adm.martin",
        utilisateur="afas.garnier",
        role=RoleAfas.APPROBATEUR,
        instant=INSTANT,
    )
    refuse(r, base)
    declenche(r, "MCP-AFAS-03", severite=E, cible="afas.garnier")


@pytest.mark.regle("MCP-AFAS-03", declenche=True)
def test_MCP_AFAS_03_audit_trois_fda_et_un_fdf_hors_d_afas_declarer() -> None:
    c = _avec_declarants(
        ConfigurationAfas(
            fda=frozenset({"afas.dupont", "afas.morel", "afas.petit"}),
            fdf=frozenset({"pe.fournier"}),
            approbateur="afas.garnier",
        )
    )
    rapport = auditer(c, instant=INSTANT)
    declenche(rapport, "MCP-AFAS-03", severite=E, cible=None)
    declenche(rapport, "MCP-AFAS-03", severite=E, cible="pe.fournier")


@pytest.mark.regle("MCP-AFAS-03", declenche=False)
def test_MCP_AFAS_03_configuration_de_base(base: Convention) -> None:
    ne_declenche_pas(auditer(base, instant=INSTANT), "MCP-AFAS-03")


# --- MCP-AFAS-04 : une configuration incomplète ----------------------------------------------


@pytest.mark.regle("MCP-AFAS-04", declenche=True)
@pytest.mark.parametrize(
    "config",
    [
        ConfigurationAfas(fda=frozenset({"afas.dupont"}), fdf=frozenset({"afas.lefevre"})),
        ConfigurationAfas(fdf=frozenset({"afas.lefevre"}), approbateur="afas.garnier"),
        ConfigurationAfas(fda=frozenset({"afas.dupont"}), approbateur="afas.garnier"),
    ],
    ids=["sans-approbateur", "sans-FDA", "sans-FDF"],
)
def test_MCP_AFAS_04_audit_configuration_incomplete(config: ConfigurationAfas) -> None:
    rapport = auditer(convention(afas=config), instant=INSTANT)
    declenche(rapport, "MCP-AFAS-04", severite=W, cible=None)
    assert rapport.est_conforme


@pytest.mark.regle("MCP-AFAS-04", declenche=True)
def test_MCP_AFAS_04_retirer_le_dernier_fdf_accepte_avec_avertissement(base: Convention) -> None:
    r = retirer_role_afas(
        base, par="adm.martin", utilisateur="afas.lefevre", role=RoleAfas.FDF, instant=INSTANT
    )
    accepte(
        r,
        base,
        [
            RoleAfasRetire(
                instant=INSTANT, par="adm.martin", utilisateur="afas.lefevre", role=RoleAfas.FDF
            )
        ],
    )
    declenche(r, "MCP-AFAS-04", severite=W, cible=None)


@pytest.mark.regle("MCP-AFAS-04", declenche=False)
def test_MCP_AFAS_04_configuration_complete(base: Convention) -> None:
    ne_declenche_pas(auditer(base, instant=INSTANT), "MCP-AFAS-04")


HIER = INSTANT - timedelta(days=1)


@pytest.mark.regle("MCP-AFAS-04", declenche=True)
@pytest.mark.parametrize(
    ("clos", "manque"),
    [("afas.dupont", "FDA"), ("afas.lefevre", "FDF"), ("afas.garnier", "approbateur")],
)
def test_MCP_AFAS_04_un_titulaire_cloture_ne_compte_plus(clos: str, manque: str) -> None:
    """Constat de revue n° 9 : un rôle tenu par un compte clôturé était compté présent."""
    titulaire = next(u for u in COMPTES if u.identifiant == clos)
    c = convention(utilisateurs=[attrs.evolve(titulaire, cloture_le=HIER)])
    (constat,) = declenche(auditer(c, instant=INSTANT), "MCP-AFAS-04", severite=W, cible=None)
    assert f"aucun {manque} en activité ({clos} est clôturé)" in constat.message
    # La veille de la clôture, la configuration était complète.
    ne_declenche_pas(auditer(c, instant=HIER - timedelta(seconds=1)), "MCP-AFAS-04")


@pytest.mark.regle("MCP-AFAS-04", declenche=False)
def test_MCP_AFAS_04_un_second_titulaire_actif_suffit() -> None:
    config = attrs.evolve(AFAS_COMPLETE, fda=frozenset({"afas.dupont", "afas.morel"}))
    c = _avec_declarants(config)
    dupont = next(u for u in COMPTES if u.identifiant == "afas.dupont")
    c = convention(
        utilisateurs=[*c.utilisateurs, attrs.evolve(dupont, cloture_le=HIER)],
        groupes=c.groupes,
        afas=config,
    )
    ne_declenche_pas(auditer(c, instant=INSTANT), "MCP-AFAS-04")


@pytest.mark.regle("MCP-AFAS-04", declenche=True)
def test_MCP_AFAS_04_cloturer_le_seul_fdf_avertit(base: Convention) -> None:
    r = cloturer_compte(base, par="adm.martin", utilisateur="afas.lefevre", instant=INSTANT)
    (constat,) = declenche(r, "MCP-AFAS-04", severite=W, cible=None)
    assert "aucun FDF en activité (afas.lefevre est clôturé)" in constat.message
    declenche(auditer(r.convention, instant=INSTANT), "MCP-AFAS-04", severite=W, cible=None)


@pytest.mark.regle("MCP-AFAS-04", declenche=False)
def test_MCP_AFAS_04_cloturer_un_fda_parmi_deux_informe_seulement() -> None:
    config = attrs.evolve(AFAS_COMPLETE, fda=frozenset({"afas.dupont", "afas.morel"}))
    c = _avec_declarants(config)
    r = cloturer_compte(c, par="adm.martin", utilisateur="afas.dupont", instant=INSTANT)
    assert r.accepte
    ne_declenche_pas(r, "MCP-AFAS-04")
    assert [x.severite for x in r.constats if x.code == "MCP-AFAS-04"] == [I]


@pytest.mark.regle("MCP-AFAS-04", declenche=True)
def test_MCP_AFAS_04_retirer_le_seul_fda_actif_avertit() -> None:
    config = attrs.evolve(AFAS_COMPLETE, fda=frozenset({"afas.dupont", "afas.morel"}))
    c = _avec_declarants(config)
    morel = c.utilisateur("afas.morel")
    c = convention(
        utilisateurs=[*c.utilisateurs, attrs.evolve(morel, cloture_le=HIER)],
        groupes=c.groupes,
        afas=config,
    )
    r = retirer_role_afas(
        c, par="adm.martin", utilisateur="afas.dupont", role=RoleAfas.FDA, instant=INSTANT
    )
    (constat,) = declenche(r, "MCP-AFAS-04", severite=W, cible=None)
    assert "afas.morel est clôturé" in constat.message


# --- MCP-AFAS-05 : changer d'approbateur, PJ 3 et validation de la Caf (interprétation 11) -


@pytest.mark.regle("MCP-AFAS-05", declenche=True)
def test_MCP_AFAS_05_second_approbateur_configure_directement_refuse() -> None:
    c = _avec_declarants()
    r = configurer_role_afas(
        c, par="adm.martin", utilisateur="afas.morel", role=RoleAfas.APPROBATEUR, instant=INSTANT
    )
    refuse(r, c)
    declenche(r, "MCP-AFAS-05", severite=E, cible="afas.morel")


@pytest.mark.regle("MCP-AFAS-05", declenche=True)
def test_MCP_AFAS_05_changer_d_approbateur_demande_une_pj3_a_la_caf() -> None:
    c = _avec_declarants()
    r = changer_approbateur(c, par="adm.martin", utilisateur="afas.morel", instant=INSTANT)
    en_attente = accepte(
        r,
        c,
        [
            Pj3Requise(
                instant=INSTANT,
                par="adm.martin",
                utilisateur="afas.morel",
                precedent="afas.garnier",
            )
        ],
    )
    assert r.a_executer == r.evenements
    declenche(r, "MCP-AFAS-05", severite=I, cible="afas.morel")
    # D'ici la validation dans MAIA, l'approbateur précédent reste en fonction.
    assert en_attente.afas.approbateur == "afas.garnier"
    assert en_attente.afas.approbateur_en_attente == "afas.morel"
    declenche(auditer(en_attente, instant=INSTANT), "MCP-AFAS-05", severite=I, cible="afas.morel")
    refus = valider_approbateur(en_attente, par="adm.martin", instant=INSTANT)
    refuse(refus, en_attente)
    declenche(refus, "MCP-AFAS-05", severite=E, cible="afas.morel")
    r2 = valider_approbateur(en_attente, par=CAF, instant=INSTANT)
    valide = accepte(
        r2,
        en_attente,
        [
            ApprobateurValide(
                instant=INSTANT, par=CAF, utilisateur="afas.morel", precedent="afas.garnier"
            )
        ],
    )
    assert (valide.afas.approbateur, valide.afas.approbateur_en_attente) == ("afas.morel", None)
    ne_declenche_pas(auditer(valide, instant=INSTANT), "MCP-AFAS-05")


@pytest.mark.regle("MCP-AFAS-05", declenche=False)
def test_MCP_AFAS_05_le_premier_approbateur_se_configure_directement() -> None:
    c = _avec_declarants(
        ConfigurationAfas(fda=frozenset({"afas.dupont"}), fdf=frozenset({"afas.lefevre"}))
    )
    r = configurer_role_afas(
        c, par="adm.martin", utilisateur="afas.morel", role=RoleAfas.APPROBATEUR, instant=INSTANT
    )
    nouvelle = accepte(r, c, [_configure("adm.martin", "afas.morel", RoleAfas.APPROBATEUR)])
    assert nouvelle.afas.approbateur == "afas.morel"
    ne_declenche_pas(r, "MCP-AFAS-05")
    ne_declenche_pas(auditer(nouvelle, instant=INSTANT), "MCP-AFAS-05")
