"""Les élévations de privilège trouvées par la revue (ticket 9), chacune rendue impossible.

Chaque test porte le nom de ce qu'il empêche de revenir :

- annexer un compte : un gestionnaire qui ajoute à son groupe le compte d'un administrateur,
  d'un autre gestionnaire ou d'une personne d'un autre groupe, puis le modifie ou le clôture
  (interprétation 14) ;
- nommer un étranger gestionnaire de son sous-groupe (interprétation 14) ;
- un faux groupe AFAS : un groupe d'un autre service qui prend le code AFAS-DECLARER ou
  AFAS-HABILITER (interprétation 22) ;
- se qualifier soi-même : changer sa propre fonction, son numéro, son code… ; s'ajouter à un
  groupe (interprétation 21) ;
- l'étape 2 de CDAP par un gestionnaire, dans une commande ou dans un plan (interprétation 13).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

import pytest

from mcp_rules import (
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    Action,
    AdresseEmail,
    ConfigurationAfas,
    Convention,
    Fonction,
    Groupe,
    ProfilT,
    Resultat,
    RoleAfas,
    Service,
    Utilisateur,
    acces_service,
    ajouter_au_groupe,
    auditer,
    cloturer_compte,
    configurer_role_afas,
    creer_groupe,
    creer_utilisateur,
    designer_gestionnaire,
    modifier_compte,
    peut,
    plan_acces_cdap,
    reactiver_compte,
    retirer_du_groupe,
    retirer_role_afas,
)

T: Final = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
DEBUT: Final = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def personne(identifiant: str, prenom: str, nom: str, **autres: Any) -> Utilisateur:
    return Utilisateur(
        identifiant=identifiant,
        prenom=prenom,
        nom=nom,
        email=AdresseEmail.parse(f"{prenom}.{nom}@ville-exemple.fr".lower()),
        cree_le=DEBUT,
        **autres,
    )


def groupe(
    code: str,
    libelle: str,
    service: Service,
    gestionnaire: str,
    *membres: str,
    role: ProfilT | None = None,
    parent: str | None = None,
) -> Groupe:
    return Groupe(
        code=code,
        libelle=libelle,
        service=service,
        gestionnaire=gestionnaire,
        role=role,
        membres=frozenset(membres),
        parent=parent,
    )


def construire(*, groupes_afas: tuple[Groupe, ...] | None = None) -> Convention:
    """adm.martin et adm.bernard (membre de T1AS) ; gest.durand gère T1AS et ADO-NORD (dont il
    est membre) ; gest.blanc gère T2PE ; « partage » est dans T1AS et T2PE ; « libre » n'est
    dans aucun groupe ; hab.roche est membre d'AFAS-HABILITER."""
    social = {"fonction": Fonction.ASSISTANT_SOCIAL, "diplome_etat": "DEASS 2015"}
    comptes = [
        personne("adm.martin", "Claire", "Martin"),
        personne("adm.bernard", "Luc", "Bernard", **social),
        personne("gest.durand", "Sophie", "Durand"),
        personne("gest.blanc", "Marc", "Blanc"),
        personne("as.leroy", "Anne", "Leroy", **social),
        personne("pe.fournier", "Hugo", "Fournier"),
        personne("partage", "Paule", "Partage", **social),
        personne("libre", "Lina", "Libre", **social),
        personne("ad.noel", "Eva", "Noel"),
        personne("decl.a", "Alice", "Adam"),
        personne("hab.roche", "Lucie", "Roche"),
    ]
    afas = groupes_afas
    if afas is None:
        afas = (
            groupe(GROUPE_AFAS_DECLARER, "Déclarants", Service.AFAS, "adm.martin", "decl.a"),
            groupe(GROUPE_AFAS_HABILITER, "Habilitation", Service.AFAS, "adm.martin", "hab.roche"),
        )
    groupes = [
        groupe(
            "T1AS",
            "T1 Assistants sociaux",
            Service.CDAP,
            "gest.durand",
            "as.leroy",
            "partage",
            "adm.bernard",
            role=ProfilT.T1,
        ),
        groupe(
            "T2PE",
            "T2 Petite enfance",
            Service.CDAP,
            "gest.blanc",
            "pe.fournier",
            "partage",
            role=ProfilT.T2,
        ),
        groupe(
            "ADO-NORD",
            "Aides à domicile nord",
            Service.ADONIS,
            "gest.durand",
            "ad.noel",
            "gest.durand",
        ),
        *afas,
    ]
    return Convention(
        numero="19_214",
        organisme="Ville d'Exemple",
        caf="Caf de la Seine-Saint-Denis",
        services={Service.CDAP, Service.AFAS, Service.ADONIS},
        profils_contractuels={ProfilT.T1, ProfilT.T2},
        administrateurs={"adm.martin", "adm.bernard"},
        utilisateurs=comptes,
        groupes=groupes,
        afas=ConfigurationAfas(fda=frozenset({"decl.a"})),
    )


@pytest.fixture
def c() -> Convention:
    return construire()


def refuse(r: Resultat, avant: Convention, *codes: str) -> None:
    assert not r.accepte
    assert r.codes == codes, [(x.code, x.cible, x.message) for x in r.constats]
    assert r.convention is avant
    assert r.evenements == ()


def accepte(r: Resultat) -> Convention:
    assert r.accepte, [(x.code, x.message) for x in r.constats]
    return r.convention


# --- 1. annexer un compte -------------------------------------------------------------------


@pytest.mark.parametrize("cible", ["adm.martin", "gest.blanc", "pe.fournier", "libre"])
def test_un_gestionnaire_n_annexe_pas_un_compte_d_ailleurs(c: Convention, cible: str) -> None:
    """Un administrateur, un autre gestionnaire, une personne d'un autre groupe, un compte sans
    groupe : aucun n'est sous la responsabilité de gest.durand."""
    r = ajouter_au_groupe(c, par="gest.durand", groupe="T1AS", utilisateur=cible, instant=T)
    refuse(r, c, "MCP-ROLE-07", "MCP-ROLE-10")
    assert [(x.code, x.cible) for x in r.constats] == [
        ("MCP-ROLE-07", "T1AS"),
        ("MCP-ROLE-10", cible),
    ]
    assert not peut(
        c, "gest.durand", Action.GERER_MEMBRES, groupe="T1AS", utilisateur=cible, instant=T
    )


def test_un_administrateur_membre_d_un_groupe_reste_hors_de_portee_de_son_gestionnaire(
    c: Convention,
) -> None:
    """adm.bernard est membre de T1AS (pour son profil) : gest.durand ne change pas son adresse
    (le prochain « mot de passe oublié » irait à l'adresse choisie), ne le clôture pas, ne le
    réactive pas, ne le retire pas du groupe."""
    nouvelle = AdresseEmail.parse("pirate@ailleurs.fr")
    refuse(
        modifier_compte(c, par="gest.durand", utilisateur="adm.bernard", email=nouvelle, instant=T),
        c,
        "MCP-ROLE-09",
        "MCP-ROLE-10",
    )
    refuse(
        cloturer_compte(c, par="gest.durand", utilisateur="adm.bernard", instant=T),
        c,
        "MCP-ROLE-09",
        "MCP-ROLE-10",
    )
    close = accepte(cloturer_compte(c, par="adm.martin", utilisateur="adm.bernard", instant=T))
    refuse(
        reactiver_compte(close, par="gest.durand", utilisateur="adm.bernard", instant=T),
        close,
        "MCP-ROLE-09",
        "MCP-ROLE-10",
    )
    refuse(
        retirer_du_groupe(
            c, par="gest.durand", groupe="T1AS", utilisateur="adm.bernard", instant=T
        ),
        c,
        "MCP-ROLE-07",
        "MCP-ROLE-10",
    )
    # L'administrateur, lui, agit sur le compte d'un autre administrateur.
    accepte(
        modifier_compte(c, par="adm.martin", utilisateur="adm.bernard", email=nouvelle, instant=T)
    )


def test_une_personne_partagee_entre_deux_gestionnaires_releve_des_administrateurs(
    c: Convention,
) -> None:
    for gestionnaire_ in ("gest.durand", "gest.blanc"):
        refuse(
            cloturer_compte(c, par=gestionnaire_, utilisateur="partage", instant=T),
            c,
            "MCP-ROLE-09",
            "MCP-ROLE-10",
        )
        refuse(
            modifier_compte(c, par=gestionnaire_, utilisateur="partage", nom="Autre", instant=T),
            c,
            "MCP-ROLE-09",
            "MCP-ROLE-10",
        )
    accepte(cloturer_compte(c, par="adm.martin", utilisateur="partage", instant=T))
    # as.leroy n'est que dans T1AS : sous la responsabilité de gest.durand.
    accepte(cloturer_compte(c, par="gest.durand", utilisateur="as.leroy", instant=T))


def test_un_compte_sans_groupe_s_ajoute_par_un_administrateur(c: Convention) -> None:
    accepte(ajouter_au_groupe(c, par="adm.martin", groupe="T1AS", utilisateur="libre", instant=T))
    # Créé par le gestionnaire dans son groupe, le compte est sous sa responsabilité.
    nouveau = personne("as.neuf", "Nina", "Neuf", fonction=Fonction.ASSISTANT_SOCIAL)
    c1 = accepte(
        creer_utilisateur(c, par="gest.durand", utilisateur=nouveau, groupe="T1AS", instant=T)
    )
    accepte(modifier_compte(c1, par="gest.durand", utilisateur="as.neuf", nom="Neuve", instant=T))


# --- 2. nommer un étranger ------------------------------------------------------------------


@pytest.mark.parametrize("etranger", ["pe.fournier", "adm.bernard", "gest.blanc", "libre"])
def test_un_gestionnaire_ne_nomme_pas_un_etranger_gestionnaire_de_son_sous_groupe(
    c: Convention, etranger: str
) -> None:
    r = creer_groupe(
        c,
        par="gest.durand",
        code="ADO-NORD-1",
        libelle="Aides à domicile 1",
        service=Service.ADONIS,
        gestionnaire=etranger,
        parent="ADO-NORD",
        instant=T,
    )
    refuse(r, c, "MCP-ROLE-04", "MCP-ROLE-10")
    c1 = accepte(
        creer_groupe(
            c,
            par="gest.durand",
            code="ADO-NORD-1",
            libelle="Aides à domicile 1",
            service=Service.ADONIS,
            gestionnaire="ad.noel",
            parent="ADO-NORD",
            instant=T,
        )
    )
    r = designer_gestionnaire(
        c1, par="gest.durand", groupe="ADO-NORD-1", gestionnaire=etranger, instant=T
    )
    refuse(r, c1, "MCP-ROLE-05", "MCP-ROLE-10")
    # lui-même : il gère déjà ce sous-groupe par son parent, il ne gagne rien.
    accepte(
        designer_gestionnaire(
            c1, par="gest.durand", groupe="ADO-NORD-1", gestionnaire="gest.durand", instant=T
        )
    )


# --- 3. les faux groupes AFAS ---------------------------------------------------------------


@pytest.mark.parametrize("code", ["AFAS-HABILITER", "afas-declarer", "Afas-Habiliter"])
def test_aucun_groupe_d_un_autre_service_ne_prend_un_code_afas(c: Convention, code: str) -> None:
    sans_afas = construire(groupes_afas=())
    r = creer_groupe(
        sans_afas,
        par="adm.martin",
        code=code,
        libelle="Déguisé",
        service=Service.ADONIS,
        gestionnaire="gest.durand",
        instant=T,
    )
    refuse(r, sans_afas, "MCP-GRP-07")


def test_un_faux_groupe_afas_ne_donne_ni_droit_ni_acces() -> None:
    """Une convention lue telle quelle, où deux groupes ADONIS portent les codes AFAS."""
    faux = construire(
        groupes_afas=(
            groupe(
                GROUPE_AFAS_DECLARER, "Faux déclarants", Service.ADONIS, "gest.durand", "decl.a"
            ),
            groupe(
                GROUPE_AFAS_HABILITER,
                "Faux habilitants",
                Service.ADONIS,
                "gest.durand",
                "hab.roche",
            ),
        )
    )
    # hab.roche, membre du faux AFAS-HABILITER, n'a aucun pouvoir AFAS.
    assert not peut(faux, "hab.roche", Action.CONFIGURER_AFAS, instant=T)
    refuse(
        configurer_role_afas(
            faux, par="hab.roche", utilisateur="decl.a", role=RoleAfas.FDF, instant=T
        ),
        faux,
        "MCP-AFAS-02",
    )
    refuse(
        ajouter_au_groupe(
            faux, par="hab.roche", groupe=GROUPE_AFAS_DECLARER, utilisateur="as.leroy", instant=T
        ),
        faux,
        "MCP-ROLE-07",
        "MCP-ROLE-10",
    )
    # decl.a, FDA et membre du faux AFAS-DECLARER, ne déclare pas.
    assert not acces_service(faux, "decl.a", Service.AFAS, instant=T)
    erreurs = {(x.code, x.cible) for x in auditer(faux, instant=T).erreurs}
    assert {("MCP-GRP-07", GROUPE_AFAS_DECLARER), ("MCP-GRP-07", GROUPE_AFAS_HABILITER)} <= erreurs


def test_le_vrai_afas_habiliter_ajoute_tout_compte_actif_a_afas_declarer(c: Convention) -> None:
    """Interprétation 24 : un administrateur compris ; cela ne donne aucun droit sur lui."""
    c1 = accepte(
        ajouter_au_groupe(
            c, par="hab.roche", groupe=GROUPE_AFAS_DECLARER, utilisateur="adm.bernard", instant=T
        )
    )
    refuse(
        modifier_compte(c1, par="hab.roche", utilisateur="adm.bernard", nom="X", instant=T),
        c1,
        "MCP-ROLE-09",
        "MCP-ROLE-10",
    )
    accepte(
        retirer_du_groupe(
            c1, par="hab.roche", groupe=GROUPE_AFAS_DECLARER, utilisateur="adm.bernard", instant=T
        )
    )


# --- 4. se qualifier soi-même ---------------------------------------------------------------


@pytest.mark.parametrize(
    "changement",
    [
        {"fonction": Fonction.ASSISTANT_SOCIAL},
        {"numero_instructeur": "093A1230100000"},
        {"code_bailleur": "B123456"},
        {"diplome_etat": "DEASS 2020"},
        {"mandats": frozenset({"1234567"})},
    ],
)
def test_nul_ne_change_ses_propres_donnees_d_eligibilite(
    c: Convention, changement: dict[str, Any]
) -> None:
    # gest.durand n'est membre que d'ADO-NORD, qu'il gère : son compte est sous sa
    # responsabilité, mais pas ses données d'éligibilité.
    r = modifier_compte(c, par="gest.durand", utilisateur="gest.durand", instant=T, **changement)
    refuse(r, c, "MCP-ROLE-09", "MCP-ROLE-10")
    # L'administrateur le peut pour lui-même.
    accepte(modifier_compte(c, par="adm.martin", utilisateur="adm.martin", instant=T, **changement))


def test_un_gestionnaire_change_son_nom_mais_pas_sa_fonction(c: Convention) -> None:
    accepte(
        modifier_compte(
            c, par="gest.durand", utilisateur="gest.durand", nom="Durand-Roy", instant=T
        )
    )


@pytest.mark.parametrize(
    ("par", "groupe_"), [("gest.durand", "T1AS"), ("hab.roche", GROUPE_AFAS_DECLARER)]
)
def test_nul_ne_s_ajoute_lui_meme_a_un_groupe(c: Convention, par: str, groupe_: str) -> None:
    r = ajouter_au_groupe(c, par=par, groupe=groupe_, utilisateur=par, instant=T)
    assert not r.accepte
    assert "MCP-ROLE-10" in r.codes
    assert r.convention is c


def test_un_administrateur_s_ajoute_au_groupe_dont_il_a_besoin(c: Convention) -> None:
    """MCP-CONV-06 : c'est ainsi qu'un administrateur obtient un profil."""
    accepte(
        ajouter_au_groupe(c, par="adm.martin", groupe="T2PE", utilisateur="adm.martin", instant=T)
    )


# --- 5. l'étape 2 de CDAP -------------------------------------------------------------------


def test_un_plan_ne_propose_jamais_un_gestionnaire_pour_un_profil_cdap(c: Convention) -> None:
    sans_role = accepte(
        creer_groupe(
            c,
            par="adm.martin",
            code="T1BIS",
            libelle="T1 Bis",
            service=Service.CDAP,
            gestionnaire="gest.durand",
            instant=T,
        )
    )
    sans_role = accepte(
        ajouter_au_groupe(
            sans_role, par="adm.martin", groupe="T1BIS", utilisateur="libre", instant=T
        )
    )
    etapes, recours = plan_acces_cdap(sans_role, "libre", instant=T)
    assert recours is None
    (etape,) = etapes
    assert etape.commande == "affecter_role"
    assert set(etape.par) == {"adm.bernard", "adm.martin"}


# --- 6. trouvés par l'exploration des petites conventions -----------------------------------
# (tests/property/test_petite_portee.py : chaque commande, par chaque acteur, avec chaque
# argument, sur toutes les conventions atteintes)


def _declarer_gere_par(gestionnaire: str, *membres: str) -> Convention:
    return construire(
        groupes_afas=(
            groupe(GROUPE_AFAS_DECLARER, "Déclarants", Service.AFAS, gestionnaire, *membres),
            groupe(GROUPE_AFAS_HABILITER, "Habilitation", Service.AFAS, "adm.martin", "hab.roche"),
        )
    )


def test_mettre_un_compte_dans_afas_declarer_ne_donne_de_droit_sur_lui_a_personne() -> None:
    """Interprétation 24 : hab.roche met « libre » (un compte sans groupe, qui relève des
    administrateurs) dans AFAS-DECLARER, que gère gest.blanc. Avant la correction, « libre »
    passait sous la responsabilité de gest.blanc, qui pouvait alors changer son adresse."""
    c = _declarer_gere_par("gest.blanc", "decl.a")
    apres = accepte(
        ajouter_au_groupe(
            c, par="hab.roche", groupe=GROUPE_AFAS_DECLARER, utilisateur="libre", instant=T
        )
    )
    nouvelle = AdresseEmail.parse("pirate@ailleurs.fr")
    refuse(
        modifier_compte(apres, par="gest.blanc", utilisateur="libre", email=nouvelle, instant=T),
        apres,
        "MCP-ROLE-09",
        "MCP-ROLE-10",
    )
    refuse(
        cloturer_compte(apres, par="gest.blanc", utilisateur="libre", instant=T),
        apres,
        "MCP-ROLE-09",
        "MCP-ROLE-10",
    )
    # Le gestionnaire d'AFAS-DECLARER qui l'y met lui-même n'y gagne pas davantage.
    apres = accepte(
        ajouter_au_groupe(
            c, par="gest.blanc", groupe=GROUPE_AFAS_DECLARER, utilisateur="libre", instant=T
        )
    )
    assert not peut(apres, "gest.blanc", Action.MODIFIER_COMPTE, utilisateur="libre", instant=T)


def test_un_compte_cree_dans_afas_declarer_releve_des_administrateurs() -> None:
    c = _declarer_gere_par("gest.blanc")
    apres = accepte(
        creer_utilisateur(
            c,
            par="gest.blanc",
            utilisateur=personne("decl.neuf", "Noe", "Neuf"),
            groupe=GROUPE_AFAS_DECLARER,
            instant=T,
        )
    )
    assert not peut(apres, "gest.blanc", Action.MODIFIER_COMPTE, utilisateur="decl.neuf", instant=T)
    assert peut(apres, "adm.martin", Action.MODIFIER_COMPTE, utilisateur="decl.neuf", instant=T)


@pytest.mark.parametrize("par", ["hab.roche", "gest.blanc"])
@pytest.mark.parametrize("role", [RoleAfas.FDA, RoleAfas.FDF, RoleAfas.APPROBATEUR])
def test_seul_un_administrateur_donne_un_role_afas_a_un_administrateur(
    par: str, role: RoleAfas
) -> None:
    """Interprétation 14 : seuls les administrateurs et la Caf touchent aux rôles d'un
    administrateur. Avant la correction, un membre d'AFAS-HABILITER ou le gestionnaire
    d'AFAS-DECLARER pouvait faire d'un administrateur un FDA, un FDF ou l'approbateur."""
    c = _declarer_gere_par("gest.blanc", "decl.a", "adm.bernard")
    refuse(
        configurer_role_afas(c, par=par, utilisateur="adm.bernard", role=role, instant=T),
        c,
        "MCP-AFAS-02",
        "MCP-ROLE-10",
    )
    accepte(
        configurer_role_afas(c, par="adm.martin", utilisateur="adm.bernard", role=role, instant=T)
    )
    # Ils le font pour un déclarant qui n'est pas administrateur.
    accepte(configurer_role_afas(c, par=par, utilisateur="decl.a", role=RoleAfas.FDF, instant=T))


def test_seul_un_administrateur_retire_son_role_afas_a_un_administrateur() -> None:
    c = _declarer_gere_par("gest.blanc", "decl.a", "adm.bernard")
    c = accepte(
        configurer_role_afas(
            c, par="adm.martin", utilisateur="adm.bernard", role=RoleAfas.FDF, instant=T
        )
    )
    for par in ("hab.roche", "gest.blanc"):
        refuse(
            retirer_role_afas(c, par=par, utilisateur="adm.bernard", role=RoleAfas.FDF, instant=T),
            c,
            "MCP-AFAS-02",
            "MCP-ROLE-10",
        )
