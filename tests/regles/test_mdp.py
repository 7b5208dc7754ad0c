"""MDP — la connexion et les mots de passe.

Guide, Annexe 1 (« Fiche pratique de connexion utilisateur ») : « vous venez de recevoir deux
mails … L'un contient votre identifiant, le second, votre mot de passe temporaire d'une durée
de validité de 24 heures. » « Le système va vous demander de personnaliser votre mot de
passe. » « Si vous avez attendu plus de 24 heures … suivez en ligne la procédure « mot de
passe oublié ». » Et, dans les problèmes fréquents : l'identifiant perdu est redonné par le
gestionnaire d'habilitations ; la Caf n'intervient plus sur les mots de passe.
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

from mcp_rules import (
    CAF,
    Constat,
    Convention,
    GestionnaireDesigne,
    MotDePassePersonnalise,
    MotDePasseTemporaireEmis,
    Service,
    Symptome,
    auditer,
    creer_groupe,
    creer_utilisateur,
    demander_nouveau_mot_de_passe,
    designer_gestionnaire,
    diagnostiquer,
    personnaliser_mot_de_passe,
)

from .conftest import (
    INSTANT,
    E,
    I,
    W,
    accepte,
    aucun_identifiant_envoye,
    declenche,
    evenements_creation,
    identifiants_envoyes,
    ne_declenche_pas,
    nouveau,
    refuse,
)

PARIS = ZoneInfo("Europe/Paris")
VEILLE_DU_CHANGEMENT_D_HEURE = datetime(2026, 3, 28, 12, 0, tzinfo=PARIS)
"""Le 29 mars 2026 à 2 h, Paris passe à l'heure d'été : « 24 h » n'y est pas « même heure »."""


def _cree(base: Convention, quand: datetime) -> Convention:
    """Le compte de Marie Dupuis, créé par l'administrateur à cet instant."""
    u = nouveau("pe.dupuis", "Marie", "Dupuis")
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=quand)
    return accepte(r, base, evenements_creation("adm.martin", u, instant=quand))


def _personnalise(quand: datetime) -> MotDePassePersonnalise:
    return MotDePassePersonnalise(instant=quand, par="pe.dupuis", utilisateur="pe.dupuis")


# --- MCP-MDP-01 : deux messages, l'identifiant puis le mot de passe temporaire --------------


@pytest.mark.regle("MCP-MDP-01", declenche=True)
def test_MCP_MDP_01_creer_un_compte_envoie_identifiant_et_mot_de_passe(base: Convention) -> None:
    u = nouveau("pe.dupuis", "Marie", "Dupuis")
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    accepte(r, base, evenements_creation("adm.martin", u))
    identifiants_envoyes(r, u)


@pytest.mark.regle("MCP-MDP-01", declenche=True)
def test_MCP_MDP_01_le_gestionnaire_cree_avec_son_groupe_recoit_ses_identifiants(
    base: Convention,
) -> None:
    """« Le système adresse automatiquement au gestionnaire … un identifiant et un mot de passe
    temporaire. »"""
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
    assert r.accepte
    identifiants_envoyes(r, gestionnaire)


@pytest.mark.regle("MCP-MDP-01", declenche=True)
def test_MCP_MDP_01_un_nouveau_gestionnaire_designe_recoit_ses_identifiants(
    base: Convention,
) -> None:
    gestionnaire = nouveau("gest.roy", "Nina", "Roy")
    r = designer_gestionnaire(
        base, par="adm.martin", groupe="T2PE", gestionnaire=gestionnaire, instant=INSTANT
    )
    accepte(
        r,
        base,
        [
            *evenements_creation("adm.martin", gestionnaire),
            GestionnaireDesigne(
                instant=INSTANT,
                par="adm.martin",
                groupe="T2PE",
                gestionnaire="gest.roy",
                precedent="gest.durand",
            ),
        ],
    )
    identifiants_envoyes(r, gestionnaire)


@pytest.mark.regle("MCP-MDP-01", declenche=False)
def test_MCP_MDP_01_creation_refusee_rien_n_est_envoye(base: Convention) -> None:
    u = nouveau("pe.dupuis", "Marie", "Dupuis", email="contact@ville-exemple.fr")
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    refuse(r, base)
    aucun_identifiant_envoye(r)


@pytest.mark.regle("MCP-MDP-01", declenche=False)
def test_MCP_MDP_01_designer_un_compte_existant_n_envoie_rien(base: Convention) -> None:
    r = designer_gestionnaire(
        base, par="adm.martin", groupe="T2PE", gestionnaire="adm.bernard", instant=INSTANT
    )
    assert r.accepte
    aucun_identifiant_envoye(r)


# --- MCP-MDP-02 : 24 heures de temps écoulé (interprétation 2) -------------------------------


@pytest.mark.regle("MCP-MDP-02", declenche=True)
def test_MCP_MDP_02_premiere_connexion_apres_24_h_refusee(base: Convention) -> None:
    c = _cree(base, INSTANT)
    r = personnaliser_mot_de_passe(c, par="pe.dupuis", instant=INSTANT + timedelta(hours=24))
    refuse(r, c)
    declenche(r, "MCP-MDP-02", severite=E, cible="pe.dupuis")


@pytest.mark.regle("MCP-MDP-02", declenche=True)
def test_MCP_MDP_02_24_h_ecoulees_et_non_meme_heure_le_lendemain(base: Convention) -> None:
    """Émis le 28 mars à 12 h (heure d'hiver) : expiré le 29 à 13 h (heure d'été)."""
    c = _cree(base, VEILLE_DU_CHANGEMENT_D_HEURE)
    expiration = datetime(2026, 3, 29, 13, 0, tzinfo=PARIS)
    ecoule = expiration.astimezone(UTC) - VEILLE_DU_CHANGEMENT_D_HEURE.astimezone(UTC)
    assert ecoule == timedelta(hours=24)
    r = personnaliser_mot_de_passe(c, par="pe.dupuis", instant=expiration)
    refuse(r, c)
    declenche(r, "MCP-MDP-02", severite=E, cible="pe.dupuis")


@pytest.mark.regle("MCP-MDP-02", declenche=True)
def test_MCP_MDP_02_audit_mot_de_passe_temporaire_expire_sans_personnalisation(
    base: Convention,
) -> None:
    """L'audit le signale (la personne ne peut pas se connecter) sans en faire une erreur."""
    c = _cree(base, INSTANT)
    rapport = auditer(c, instant=INSTANT + timedelta(days=2))
    declenche(rapport, "MCP-MDP-02", severite=W, cible="pe.dupuis")


@pytest.mark.regle("MCP-MDP-02", declenche=False)
@pytest.mark.parametrize(
    "quand",
    [
        INSTANT,
        INSTANT + timedelta(hours=24) - timedelta(microseconds=1),
    ],
    ids=["aussitot", "juste-avant-24h"],
)
def test_MCP_MDP_02_premiere_connexion_dans_les_24_h(base: Convention, quand: datetime) -> None:
    c = _cree(base, INSTANT)
    r = personnaliser_mot_de_passe(c, par="pe.dupuis", instant=quand)
    accepte(r, c, [_personnalise(quand)])
    ne_declenche_pas(r, "MCP-MDP-02")


@pytest.mark.regle("MCP-MDP-02", declenche=False)
def test_MCP_MDP_02_le_lendemain_a_la_meme_heure_encore_valable(base: Convention) -> None:
    """Le 29 mars à 12 h 30, heure d'été : 23 h 30 seulement se sont écoulées."""
    c = _cree(base, VEILLE_DU_CHANGEMENT_D_HEURE)
    quand = datetime(2026, 3, 29, 12, 30, tzinfo=PARIS)
    r = personnaliser_mot_de_passe(c, par="pe.dupuis", instant=quand)
    accepte(r, c, [_personnalise(quand)])
    ne_declenche_pas(r, "MCP-MDP-02")
    ne_declenche_pas(auditer(c, instant=quand), "MCP-MDP-02")


# --- MCP-MDP-03 : à la première connexion, personnaliser son mot de passe -------------------


@pytest.mark.regle("MCP-MDP-03", declenche=True)
def test_MCP_MDP_03_sans_mot_de_passe_temporaire_en_cours_refuse(base: Convention) -> None:
    r = personnaliser_mot_de_passe(base, par="as.leroy", instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-MDP-03", severite=E, cible="as.leroy")


@pytest.mark.regle("MCP-MDP-03", declenche=True)
def test_MCP_MDP_03_la_caf_ne_personnalise_pas_de_mot_de_passe(base: Convention) -> None:
    r = personnaliser_mot_de_passe(base, par=CAF, instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-MDP-03", severite=E, cible=None)


@pytest.mark.regle("MCP-MDP-03", declenche=False)
def test_MCP_MDP_03_premiere_connexion_personnalise_le_mot_de_passe(base: Convention) -> None:
    c = _cree(base, INSTANT)
    quand = INSTANT + timedelta(hours=2)
    r = personnaliser_mot_de_passe(c, par="pe.dupuis", instant=quand)
    nouvelle = accepte(r, c, [_personnalise(quand)])
    ne_declenche_pas(r, "MCP-MDP-03")
    u = nouvelle.utilisateur("pe.dupuis")
    assert u.mot_de_passe_personnalise is True
    assert u.mot_de_passe_temporaire is None
    assert u.derniere_connexion == quand


# --- MCP-MDP-04 : « mot de passe oublié », par l'utilisateur seul ----------------------------


@pytest.mark.regle("MCP-MDP-04", declenche=True)
def test_MCP_MDP_04_la_caf_ne_renouvelle_pas_un_mot_de_passe(base: Convention) -> None:
    """« La Caf n'a plus la possibilité d'intervenir sur les mots de passe. »"""
    r = demander_nouveau_mot_de_passe(base, par=CAF, instant=INSTANT)
    refuse(r, base)
    # Règle d'information du guide ; le refus qu'elle motive est une erreur.
    declenche(r, "MCP-MDP-04", severite=E, cible=None)


@pytest.mark.regle("MCP-MDP-04", declenche=True)
def test_MCP_MDP_04_identifiant_inconnu(base: Convention) -> None:
    r = demander_nouveau_mot_de_passe(base, par="pe.dupont", instant=INSTANT)
    refuse(r, base)
    (constat,) = declenche(r, "MCP-MDP-04", severite=E, cible=None)
    assert "pe.dupont" in constat.message


@pytest.mark.regle("MCP-MDP-04", declenche=False)
def test_MCP_MDP_04_mot_de_passe_oublie_apres_expiration(base: Convention) -> None:
    """Après les 24 h : « mot de passe oublié », puis un nouveau mot de passe de 24 h."""
    c = _cree(base, INSTANT)
    plus_tard = INSTANT + timedelta(days=3)
    r = demander_nouveau_mot_de_passe(c, par="pe.dupuis", instant=plus_tard)
    renouvele = accepte(
        r,
        c,
        [
            MotDePasseTemporaireEmis(
                instant=plus_tard,
                par="pe.dupuis",
                utilisateur="pe.dupuis",
                email=c.utilisateur("pe.dupuis").email,
                expire_le=plus_tard + timedelta(hours=24),
            )
        ],
    )
    assert r.constats == ()
    ne_declenche_pas(r, "MCP-MDP-04")
    quand = plus_tard + timedelta(hours=1)
    r2 = personnaliser_mot_de_passe(renouvele, par="pe.dupuis", instant=quand)
    accepte(r2, renouvele, [_personnalise(quand)])


# --- MCP-MDP-05 : l'identifiant perdu est redonné par le gestionnaire -----------------------


@attrs.frozen
class _Causes:
    """Les causes d'un diagnostic, lues comme des constats."""

    constats: tuple[Constat, ...]


@pytest.mark.regle("MCP-MDP-05", declenche=True)
def test_MCP_MDP_05_identifiant_perdu_redonne_par_le_gestionnaire(base: Convention) -> None:
    diagnostic = diagnostiquer(base, "pe.fournier", Symptome.IDENTIFIANT_PERDU, instant=INSTANT)
    (constat,) = declenche(
        _Causes(tuple(diagnostic.causes)), "MCP-MDP-05", severite=I, cible="pe.fournier"
    )
    assert "gest.durand" in constat.message


@pytest.mark.regle("MCP-MDP-05", declenche=False)
def test_MCP_MDP_05_mot_de_passe_perdu_n_est_pas_un_identifiant_perdu(base: Convention) -> None:
    diagnostic = diagnostiquer(base, "pe.fournier", Symptome.MOT_DE_PASSE_PERDU, instant=INSTANT)
    causes = _Causes(tuple(diagnostic.causes))
    declenche(causes, "MCP-MDP-04", severite=I, cible="pe.fournier")
    ne_declenche_pas(causes, "MCP-MDP-05")
