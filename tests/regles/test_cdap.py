"""CDAP — consulter le dossier d'un allocataire.

Guide, « Solutions aux problèmes les plus fréquents » : « Un utilisateur n'a pas l'option
« consulter dossier » … L'utilisateur n'est pas ajouté dans un groupe ou le groupe dans lequel
il est ajouté n'a pas de rôle affecté. » « Rechercher un dossier par le numéro et le nom de
l'allocataire est fastidieux : cette double recherche est une exigence de la Cnil. Il n'est
pas possible de la contourner. » Et, pour T9 : « exclusivement pour le suivi des dossiers qui
leur sont confiés par jugement ».
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

import pytest

from mcp_rules import (
    Action,
    Convention,
    Fonction,
    ProfilT,
    Service,
    acces_cdap,
    consulter_dossier,
    peut,
)

from .conftest import (
    INSTANT,
    E,
    I,
    W,
    compte,
    convention,
    declenche,
    groupe,
    ne_declenche_pas,
)

# --- MCP-CDAP-01 : l'option « consulter dossier » --------------------------------------------


@pytest.mark.regle("MCP-CDAP-01", declenche=True)
def test_MCP_CDAP_01_membre_d_aucun_groupe_cdap_pas_d_option(base: Convention) -> None:
    """« L'utilisateur n'est pas ajouté dans un groupe. »"""
    a = acces_cdap(base, "ad.noel", instant=INSTANT)
    assert a.autorise is False
    assert a.profils == ()
    declenche(a, "MCP-CDAP-01", severite=E, cible="ad.noel")


@pytest.mark.regle("MCP-CDAP-01", declenche=True)
def test_MCP_CDAP_01_groupe_sans_role_pas_d_option() -> None:
    """« … ou le groupe dans lequel il est ajouté n'a pas de rôle affecté. »"""
    c = convention(groupes=[groupe("T2PE", "T2 Service Petite Enfance", membres={"pe.fournier"})])
    a = acces_cdap(c, "pe.fournier", instant=INSTANT)
    assert a.autorise is False
    declenche(a, "MCP-CDAP-01", severite=E, cible="pe.fournier")
    # Interprétation 20 : GRP-05 nomme le groupe, ici comme dans l'audit.
    declenche(a, "MCP-GRP-05", severite=W, cible="T2PE")


@pytest.mark.regle("MCP-CDAP-01", declenche=True)
def test_MCP_CDAP_01_role_absent_du_contrat_pas_d_option() -> None:
    c = convention(
        groupes=[groupe("T3ACC", "T3 Accueil social", role=ProfilT.T3, membres={"ad.noel"})]
    )
    a = acces_cdap(c, "ad.noel", instant=INSTANT)
    assert a.autorise is False
    declenche(a, "MCP-CDAP-01", severite=E, cible="ad.noel")
    declenche(a, "MCP-CONV-04", severite=E, cible="T3ACC")


@pytest.mark.regle("MCP-CDAP-01", declenche=True)
def test_MCP_CDAP_01_instructeur_sans_numero_donnee_manquante() -> None:
    c = convention(
        profils=(ProfilT.T1, ProfilT.T2, ProfilT.T4),
        utilisateurs=[compte("ir.moreau", "Paul", "Moreau", fonction=Fonction.INSTRUCTEUR_RSA)],
        groupes=[groupe("T4RSA", "T4 Instructeurs RSA", role=ProfilT.T4, membres={"ir.moreau"})],
    )
    d = peut(c, "ir.moreau", Action.ACCEDER_SERVICE, service=Service.CDAP, instant=INSTANT)
    assert d.autorise is False
    assert d.donnees_manquantes == ("numero_instructeur",)
    declenche(d, "MCP-CDAP-01", severite=E, cible="ir.moreau")
    declenche(d, "MCP-ELIG-04", severite=E, cible="ir.moreau")


@pytest.mark.regle("MCP-CDAP-01", declenche=False)
def test_MCP_CDAP_01_assistante_sociale_du_groupe_t1_a_l_option(base: Convention) -> None:
    a = acces_cdap(base, "as.leroy", instant=INSTANT)
    assert a.autorise is True
    assert a.profils == (ProfilT.T1,)
    assert a.groupes == (("T1AS", ProfilT.T1),)
    ne_declenche_pas(a, "MCP-CDAP-01")
    declenche(a, "MCP-CDAP-01", severite=I, cible="as.leroy")  # le motif


@pytest.mark.regle("MCP-CDAP-01", declenche=False)
def test_MCP_CDAP_01_instructeur_avec_numero_a_l_option() -> None:
    c = convention(
        profils=(ProfilT.T1, ProfilT.T2, ProfilT.T4),
        utilisateurs=[
            compte(
                "ir.moreau",
                "Paul",
                "Moreau",
                fonction=Fonction.INSTRUCTEUR_RSA,
                numero_instructeur="093A1230100000",
            )
        ],
        groupes=[groupe("T4RSA", "T4 Instructeurs RSA", role=ProfilT.T4, membres={"ir.moreau"})],
    )
    a = acces_cdap(c, "ir.moreau", instant=INSTANT)
    assert a.autorise is True
    assert a.profils == (ProfilT.T4,)
    ne_declenche_pas(a, "MCP-CDAP-01")


# --- MCP-CDAP-02 : le numéro ET le nom de l'allocataire (Cnil) ------------------------------


@pytest.mark.regle("MCP-CDAP-02", declenche=True)
@pytest.mark.parametrize(
    ("numero", "nom", "manquantes"),
    [
        ("1234567", None, ("nom_allocataire",)),
        (None, "Dupont", ("numero_allocataire",)),
        ("1234567", "   ", ("nom_allocataire",)),
        ("", "", ("numero_allocataire", "nom_allocataire")),
    ],
)
def test_MCP_CDAP_02_un_seul_critere_refuse_sans_contournement(
    base: Convention, numero: str | None, nom: str | None, manquantes: tuple[str, ...]
) -> None:
    d = consulter_dossier(
        base, "as.leroy", numero_allocataire=numero, nom_allocataire=nom, instant=INSTANT
    )
    assert d.autorise is False
    assert d.donnees_manquantes == manquantes
    declenche(d, "MCP-CDAP-02", severite=E, cible="as.leroy")


@pytest.mark.regle("MCP-CDAP-02", declenche=True)
@pytest.mark.parametrize("numero", ["12345*", "%", "1234 567"])
def test_MCP_CDAP_02_pas_de_joker_dans_le_numero(base: Convention, numero: str) -> None:
    """« Il n'est pas possible de la contourner » : pas de recherche approchée."""
    d = consulter_dossier(
        base, "as.leroy", numero_allocataire=numero, nom_allocataire="Dupont", instant=INSTANT
    )
    assert d.autorise is False
    declenche(d, "MCP-CDAP-02", severite=E, cible="as.leroy")


@pytest.mark.regle("MCP-CDAP-02", declenche=False)
def test_MCP_CDAP_02_numero_et_nom_fournis(base: Convention) -> None:
    d = consulter_dossier(
        base, "as.leroy", numero_allocataire="1234567", nom_allocataire="Dupont", instant=INSTANT
    )
    assert d.autorise is True
    assert d.donnees_manquantes == ()
    ne_declenche_pas(d, "MCP-CDAP-02")


# --- MCP-CDAP-03 : par le seul profil T9, les dossiers confiés par jugement -----------------


def _tutelles(*, aussi_t2: bool = False) -> Convention:
    membres_t2 = {"pe.fournier", "tut.simon"} if aussi_t2 else {"pe.fournier"}
    return convention(
        profils=(ProfilT.T1, ProfilT.T2, ProfilT.T9),
        utilisateurs=[
            compte(
                "tut.simon",
                "Jean",
                "Simon",
                fonction=Fonction.TUTEUR,
                mandats=frozenset({"1234567"}),
            )
        ],
        groupes=[
            groupe("T9MJ", "T9 Mandataires judiciaires", role=ProfilT.T9, membres={"tut.simon"}),
            groupe("T2PE", "T2 Service Petite Enfance", role=ProfilT.T2, membres=membres_t2),
        ],
    )


@pytest.mark.regle("MCP-CDAP-03", declenche=True)
def test_MCP_CDAP_03_dossier_non_confie_par_jugement_refuse() -> None:
    d = consulter_dossier(
        _tutelles(),
        "tut.simon",
        numero_allocataire="7654321",
        nom_allocataire="Martin",
        instant=INSTANT,
    )
    assert d.autorise is False
    declenche(d, "MCP-CDAP-03", severite=E, cible="tut.simon")


@pytest.mark.regle("MCP-CDAP-03", declenche=False)
def test_MCP_CDAP_03_dossier_confie_par_jugement() -> None:
    d = consulter_dossier(
        _tutelles(),
        "tut.simon",
        numero_allocataire="1234567",
        nom_allocataire="Durand",
        instant=INSTANT,
    )
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-CDAP-03")


@pytest.mark.regle("MCP-CDAP-03", declenche=False)
def test_MCP_CDAP_03_un_autre_profil_ouvre_les_autres_dossiers() -> None:
    """La limite vaut pour qui n'a que T9 ; membre aussi de T2PE, il consulte avec T2."""
    c = _tutelles(aussi_t2=True)
    assert acces_cdap(c, "tut.simon", instant=INSTANT).profils == (ProfilT.T2, ProfilT.T9)
    d = consulter_dossier(
        c, "tut.simon", numero_allocataire="7654321", nom_allocataire="Martin", instant=INSTANT
    )
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-CDAP-03")
