"""Les exemples de groupes du guide (« 5 - Service CDAP / Créer un groupe »).

    1er groupe  Code : T1AS    Libellé : T1 Assistants sociaux
    2e groupe   Code : T1CESF  Libellé : T1 CESF
    3e groupe   Code : T2PE    Libellé : T2 Service Petite Enfance
    4e groupe   Code : T2CR    Libellé : T2 Service des Crèches

Les groupes sont construits comme des :class:`Groupe` dans une :class:`Convention` :
recherche sans tenir compte de la casse, codes uniques à la casse près (MCP-GRP-02,
interprétation 9).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from mcp_rules import (
    AdresseEmail,
    Convention,
    DonneeInvalide,
    DonneesInvalides,
    Fonction,
    Groupe,
    ProfilT,
    Service,
    Utilisateur,
)

DEBUT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

EXEMPLES_DU_GUIDE = [
    ("T1AS", "T1 Assistants sociaux", ProfilT.T1),
    ("T1CESF", "T1 CESF", ProfilT.T1),
    ("T2PE", "T2 Service Petite Enfance", ProfilT.T2),
    ("T2CR", "T2 Service des Crèches", ProfilT.T2),
]


def compte(identifiant: str, prenom: str, nom: str, fonction: Fonction) -> Utilisateur:
    return Utilisateur(
        identifiant=identifiant,
        nom=nom,
        prenom=prenom,
        email=AdresseEmail.parse(f"{prenom}.{nom}@ville-exemple.fr".lower()),
        cree_le=DEBUT,
        fonction=fonction,
    )


COMPTES = [
    compte("adm.martin", "Claire", "Martin", Fonction.AUTRE),
    compte("gest.durand", "Paul", "Durand", Fonction.AUTRE),
    compte("as.leroy", "Anne", "Leroy", Fonction.ASSISTANT_SOCIAL),
    compte("esf.petit", "Lea", "Petit", Fonction.CONSEILLER_ESF),
    compte("pe.moreau", "Jean", "Moreau", Fonction.AUTRE),
]
MEMBRES = {"T1AS": {"as.leroy"}, "T1CESF": {"esf.petit"}, "T2PE": {"pe.moreau"}, "T2CR": set()}


def groupe(code: str, libelle: str, role: ProfilT | None) -> Groupe:
    return Groupe(
        code=code,
        libelle=libelle,
        service=Service.CDAP,
        gestionnaire="gest.durand",
        role=role,
        membres=frozenset(MEMBRES.get(code.upper(), set())),
    )


def convention(*autres: Groupe) -> Convention:
    return Convention(
        numero="19_214",
        organisme="Ville exemple",
        caf="Caf de la Seine-Saint-Denis",
        services={Service.CDAP},
        profils_contractuels={ProfilT.T1, ProfilT.T2},
        administrateurs={"adm.martin"},
        utilisateurs=COMPTES,
        groupes=[*(groupe(*exemple) for exemple in EXEMPLES_DU_GUIDE), *autres],
    )


@pytest.fixture(scope="module")
def cdap() -> Convention:
    return convention()


def verifier_exemple(conv: Convention, code: str, libelle: str, role: ProfilT) -> None:
    g = conv.groupe(code)
    assert g.code == code
    assert g.libelle == libelle
    assert g.role is role
    assert g.service is Service.CDAP
    assert g.gestionnaire == "gest.durand"
    # « Il doit toujours commencer par le profil qu'il concerne » (interprétation 3).
    assert g.libelle.split(" ", 1)[0] == role.value


# --- les quatre exemples, un par un ----------------------------------------------------------


def test_premier_groupe_t1as_assistants_sociaux(cdap: Convention) -> None:
    verifier_exemple(cdap, "T1AS", "T1 Assistants sociaux", ProfilT.T1)
    assert cdap.groupe("T1AS").membres == {"as.leroy"}


def test_deuxieme_groupe_t1cesf(cdap: Convention) -> None:
    verifier_exemple(cdap, "T1CESF", "T1 CESF", ProfilT.T1)
    assert cdap.groupe("T1CESF").a_pour_membre("ESF.Petit")


def test_troisieme_groupe_t2pe_service_petite_enfance(cdap: Convention) -> None:
    verifier_exemple(cdap, "T2PE", "T2 Service Petite Enfance", ProfilT.T2)


def test_quatrieme_groupe_t2cr_service_des_creches(cdap: Convention) -> None:
    verifier_exemple(cdap, "T2CR", "T2 Service des Crèches", ProfilT.T2)
    assert cdap.groupe("T2CR").membres == frozenset()


def test_deux_groupes_pour_un_meme_profil(cdap: Convention) -> None:
    """« un groupe par profil T et par service si besoin » : T1AS et T1CESF portent T1."""
    par_profil = {p: sorted(g.code for g in cdap.groupes if g.role is p) for p in ProfilT}
    assert par_profil[ProfilT.T1] == ["T1AS", "T1CESF"]
    assert par_profil[ProfilT.T2] == ["T2CR", "T2PE"]


# --- recherche et unicité sans tenir compte de la casse --------------------------------------


@pytest.mark.parametrize(
    ("saisie", "code"),
    [
        ("t1as", "T1AS"),
        ("T1As", "T1AS"),
        ("t1cesf", "T1CESF"),
        ("T2pe", "T2PE"),
        ("t2CR", "T2CR"),
    ],
)
def test_recherche_sans_tenir_compte_de_la_casse(cdap: Convention, saisie: str, code: str) -> None:
    assert cdap.groupe(saisie).code == code
    assert cdap.trouver_groupe(saisie) is cdap.groupe(code)


@pytest.mark.parametrize("code", ["T3AS", "T1A", "T1ASX", "", "T1AS ", "T1\u0410S"])
def test_groupe_inconnu_refuse(cdap: Convention, code: str) -> None:
    with pytest.raises(DonneeInvalide) as info:
        cdap.groupe(code)
    assert info.value.code == "MCP-DONNEE-REFERENCE"
    assert cdap.trouver_groupe(code) is None


def test_groupes_parcourus_dans_l_ordre_des_codes(cdap: Convention) -> None:
    assert [g.code for g in cdap.groupes] == ["T1AS", "T1CESF", "T2CR", "T2PE"]
    assert cdap.nombre_groupes == 4


def test_codes_uniques_sans_tenir_compte_de_la_casse(cdap: Convention) -> None:
    cles = [g.code.lower() for g in cdap.groupes]
    assert len(set(cles)) == len(cles)
    assert [g.cle for g in cdap.groupes] == cles


@pytest.mark.parametrize("doublon", ["t1as", "T1AS", "T1as", "t2cr"])
def test_second_groupe_de_meme_code_refuse(doublon: str) -> None:
    with pytest.raises(DonneesInvalides) as info:
        convention(groupe(doublon, "T1 Autre libellé", ProfilT.T1))
    erreurs = info.value.erreurs
    assert [e.code for e in erreurs] == ["MCP-DONNEE-DOUBLON"]
    assert erreurs[0].chemin == "$.groupes[4].code"
    assert doublon in erreurs[0].message
    assert "casse" in erreurs[0].message


def test_code_du_groupe_non_modifiable(cdap: Convention) -> None:
    """« Le code ne pourra pas être modifié par la suite. »"""
    g = cdap.groupe("T1AS")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(g, "code", "T1ASS")  # noqa: B010 - contourne le typage exprès
    assert cdap.groupe("T1AS").code == "T1AS"


def test_code_ascii_uniquement() -> None:
    """Interprétation 9 : un code accentué est refusé, jamais replié en silence."""
    with pytest.raises(DonneesInvalides) as info:
        groupe("T2CRÈCHES", "T2 Service des Crèches", ProfilT.T2)
    assert [e.code for e in info.value.erreurs] == ["MCP-DONNEE-IDENTIFIANT"]
    assert info.value.erreurs[0].chemin == "$.code"


def test_un_seul_role_par_groupe() -> None:
    """« un seul rôle supporté par groupe »."""
    deux_roles: Any = [ProfilT.T1, ProfilT.T2]
    with pytest.raises(DonneesInvalides) as info:
        Groupe(
            code="T1AS",
            libelle="T1 Assistants sociaux",
            service=Service.CDAP,
            gestionnaire="gest.durand",
            role=deux_roles,
        )
    assert [e.chemin for e in info.value.erreurs] == ["$.role"]


def test_groupes_du_guide_depuis_du_texte() -> None:
    """Service et rôle saisis en texte sont lus comme les énumérations."""
    service: Any = "cdap"
    role: Any = " t1 "
    g = Groupe(
        code="T1AS",
        libelle="T1 Assistants sociaux",
        service=service,
        gestionnaire="gest.durand",
        role=role,
    )
    assert g.service is Service.CDAP
    assert g.role is ProfilT.T1
