"""USR — les comptes : une personne nommée, une adresse nominative, un compte par personne.

Guide, « 5 - Les missions de l'administrateur Partenaire / La mise à jour des comptes » :
« Un compte utilisateur doit être créé pour une personne donnée et non à une fonction
donnée. » « Le compte doit être créé en utilisant une adresse mail individuelle et
nominative. » « Un compte clôturé n'est pas supprimé, il peut être réactivé à tout moment. »
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

from datetime import timedelta

import pytest

from mcp_rules import (
    Action,
    CompteCloture,
    CompteReactive,
    Convention,
    Fonction,
    Politique,
    ProfilT,
    acces_cdap,
    ajouter_au_groupe,
    auditer,
    cloturer_compte,
    creer_utilisateur,
    modifier_compte,
    peut,
    reactiver_compte,
)

from .conftest import (
    DEBUT,
    INSTANT,
    E,
    W,
    accepte,
    compte,
    convention,
    declenche,
    evenements_creation,
    ne_declenche_pas,
    nouveau,
    refuse,
)

# --- MCP-USR-01 : un compte pour une personne nommée, pas pour une fonction ----------------


@pytest.mark.regle("MCP-USR-01", declenche=True)
def test_MCP_USR_01_compte_au_nom_d_un_poste_accepte_avec_avertissement(
    base: Convention,
) -> None:
    """« Un compte sera créé pour Madame X … et non pas pour le poste. »"""
    u = nouveau("resp.pe", "Responsable", "Petite Enfance", email="marie.dupuis@ville-exemple.fr")
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    accepte(r, base, evenements_creation("adm.martin", u))
    declenche(r, "MCP-USR-01", severite=W, cible="resp.pe")
    assert r.erreurs == ()


@pytest.mark.regle("MCP-USR-01", declenche=True)
def test_MCP_USR_01_audit_compte_generique() -> None:
    c = convention(utilisateurs=[compte("accueil.ccas", "CCAS", "Accueil", email="lea.roy@x.fr")])
    declenche(auditer(c, instant=INSTANT), "MCP-USR-01", severite=W, cible="accueil.ccas")


@pytest.mark.regle("MCP-USR-01", declenche=False)
def test_MCP_USR_01_compte_de_madame_x_sans_avertissement(base: Convention) -> None:
    u = nouveau("pe.dupuis", "Marie", "Dupuis")
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    accepte(r, base, evenements_creation("adm.martin", u))
    assert r.erreurs == ()
    assert r.avertissements == ()
    ne_declenche_pas(r, "MCP-USR-01")
    ne_declenche_pas(auditer(r.convention, instant=INSTANT), "MCP-USR-01")


# --- MCP-USR-02 : une adresse individuelle et nominative (interprétations 8 et 23) --------


@pytest.mark.regle("MCP-USR-02", declenche=True)
@pytest.mark.parametrize(
    "adresse",
    [
        "contact@ville-exemple.fr",
        "Secretariat@ville-exemple.fr",
        "accueil.ccas@ville-exemple.fr",
        "rh-paie@ville-exemple.fr",
        "no-reply@ville-exemple.fr",
        "info+cdap@ville-exemple.fr",
        # interprétation 23 : faites de mots de service, sans le nom de la personne
        "information@ville-exemple.fr",
        "guichet.nord@ville-exemple.fr",
        "petite.enfance@ville-exemple.fr",
        "creche.soleil@ville-exemple.fr",
        "equipe.rsa@ville-exemple.fr",
    ],
)
def test_MCP_USR_02_adresse_de_service_refusee(base: Convention, adresse: str) -> None:
    """« Les adresses de service ne sont pas autorisées par la Cnil. »"""
    u = nouveau("pe.dupuis", "Marie", "Dupuis", email=adresse)
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-USR-02", severite=E, cible="pe.dupuis")


@pytest.mark.regle("MCP-USR-02", declenche=True)
def test_MCP_USR_02_mot_ajoute_par_la_politique_locale(base: Convention) -> None:
    u = nouveau("pe.dupuis", "Marie", "Dupuis", email="vestiaire.nord@ville-exemple.fr")
    sans = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    assert sans.accepte  # « vestiaire » n'est pas un mot de service de la bibliothèque
    r = creer_utilisateur(
        base,
        par="adm.martin",
        utilisateur=u,
        instant=INSTANT,
        politique=Politique(mots_adresse_service=frozenset({"Vestiaire"})),
    )
    refuse(r, base)
    declenche(r, "MCP-USR-02", severite=E, cible="pe.dupuis")


@pytest.mark.regle("MCP-USR-02", declenche=True)
def test_MCP_USR_02_remplacer_l_adresse_par_une_adresse_de_service_refuse(
    base: Convention,
) -> None:
    r = modifier_compte(
        base,
        par="gest.durand",
        utilisateur="pe.fournier",
        email="accueil@ville-exemple.fr",
        instant=INSTANT,
    )
    refuse(r, base)
    declenche(r, "MCP-USR-02", severite=E, cible="pe.fournier")


@pytest.mark.regle("MCP-USR-02", declenche=True)
def test_MCP_USR_02_audit_adresse_de_service() -> None:
    c = convention(
        utilisateurs=[compte("pe.fournier", "Hugo", "Fournier", email="accueil@ville-exemple.fr")]
    )
    rapport = auditer(c, instant=INSTANT)
    declenche(rapport, "MCP-USR-02", severite=E, cible="pe.fournier")
    assert not rapport.est_conforme


@pytest.mark.regle("MCP-USR-02", declenche=False)
@pytest.mark.parametrize(
    "adresse",
    [
        "marie.dupuis@ville-exemple.fr",
        "marie.contact@ville-exemple.fr",
        "dupuis.marie@ville-exemple.fr",
        "accueil.dupuis@ville-exemple.fr",  # son nom : la sienne (interprétation 23)
        "mdupuis2@ville-exemple.fr",
        "md@ville-exemple.fr",  # ses initiales
    ],
)
def test_MCP_USR_02_adresse_nominative_acceptee(base: Convention, adresse: str) -> None:
    u = nouveau("pe.dupuis", "Marie", "Dupuis", email=adresse)
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    accepte(r, base, evenements_creation("adm.martin", u))
    ne_declenche_pas(r, "MCP-USR-02")
    ne_declenche_pas(auditer(r.convention, instant=INSTANT), "MCP-USR-02")


# --- MCP-USR-03 : une personne, un compte (interprétation 9) --------------------------------


@pytest.mark.regle("MCP-USR-03", declenche=True)
def test_MCP_USR_03_adresse_deja_prise_a_la_casse_pres_refusee(base: Convention) -> None:
    u = nouveau("anne.leroy", "Anne", "Leroy", email="Anne.Leroy@Ville-Exemple.FR")
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-USR-03", severite=E, cible="anne.leroy")


@pytest.mark.regle("MCP-USR-03", declenche=True)
def test_MCP_USR_03_identifiant_deja_pris_a_la_casse_pres_refuse(base: Convention) -> None:
    u = nouveau("AS.Leroy", "Anne", "Leroy", email="anne.leroy.2@ville-exemple.fr")
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    refuse(r, base)
    declenche(r, "MCP-USR-03", severite=E, cible="AS.Leroy")


@pytest.mark.regle("MCP-USR-03", declenche=True)
def test_MCP_USR_03_audit_deux_comptes_une_adresse() -> None:
    c = convention(
        utilisateurs=[compte("anne.leroy", "Anne", "Leroy", email="ANNE.LEROY@ville-exemple.fr")]
    )
    rapport = auditer(c, instant=INSTANT)
    declenche(rapport, "MCP-USR-03", severite=E, cible="anne.leroy")
    declenche(rapport, "MCP-USR-03", severite=E, cible="as.leroy")


@pytest.mark.regle("MCP-USR-03", declenche=False)
def test_MCP_USR_03_homonyme_avec_sa_propre_adresse_accepte(base: Convention) -> None:
    u = nouveau("anne.leroy", "Anne", "Leroy", email="anne.leroy.2@ville-exemple.fr")
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    accepte(r, base, evenements_creation("adm.martin", u))
    ne_declenche_pas(r, "MCP-USR-03")
    ne_declenche_pas(auditer(r.convention, instant=INSTANT), "MCP-USR-03")


@pytest.mark.regle("MCP-USR-03", declenche=False)
def test_MCP_USR_03_garder_sa_propre_adresse_en_changeant_sa_casse(base: Convention) -> None:
    r = modifier_compte(
        base,
        par="gest.durand",
        utilisateur="pe.fournier",
        email="Hugo.Fournier@ville-exemple.fr",
        instant=INSTANT,
    )
    assert r.accepte
    ne_declenche_pas(r, "MCP-USR-03")


# --- MCP-USR-04 : un compte inutilisé depuis longtemps (interprétation 6) ------------------


@pytest.mark.regle("MCP-USR-04", declenche=True)
def test_MCP_USR_04_absence_prolongee_au_dela_de_90_jours() -> None:
    vu = INSTANT - timedelta(days=90, seconds=1)
    c = convention(utilisateurs=[compte("pe.fournier", "Hugo", "Fournier", derniere_connexion=vu)])
    rapport = auditer(c, instant=INSTANT)
    declenche(rapport, "MCP-USR-04", severite=W, cible="pe.fournier")
    assert rapport.est_conforme


@pytest.mark.regle("MCP-USR-04", declenche=True)
def test_MCP_USR_04_jamais_connecte_depuis_sa_creation() -> None:
    c = convention(
        utilisateurs=[compte("pe.fournier", "Hugo", "Fournier", derniere_connexion=None)]
    )
    anciennete = INSTANT - DEBUT
    assert anciennete > timedelta(days=90)
    declenche(auditer(c, instant=INSTANT), "MCP-USR-04", severite=W, cible="pe.fournier")


@pytest.mark.regle("MCP-USR-04", declenche=True)
def test_MCP_USR_04_limite_de_la_politique_locale(base: Convention) -> None:
    politique = Politique(inactivite_max=timedelta(days=5))
    rapport = auditer(base, instant=INSTANT, politique=politique)
    declenche(rapport, "MCP-USR-04", severite=W, cible="pe.fournier")


@pytest.mark.regle("MCP-USR-04", declenche=False)
def test_MCP_USR_04_90_jours_tout_juste_pas_encore() -> None:
    vu = INSTANT - timedelta(days=90)
    c = convention(utilisateurs=[compte("pe.fournier", "Hugo", "Fournier", derniere_connexion=vu)])
    ne_declenche_pas(auditer(c, instant=INSTANT), "MCP-USR-04")


@pytest.mark.regle("MCP-USR-04", declenche=False)
def test_MCP_USR_04_compte_deja_cloture_non_signale() -> None:
    c = convention(
        utilisateurs=[
            compte(
                "pe.fournier",
                "Hugo",
                "Fournier",
                derniere_connexion=DEBUT,
                cloture_le=DEBUT + timedelta(days=30),
            )
        ]
    )
    ne_declenche_pas(auditer(c, instant=INSTANT), "MCP-USR-04")


# --- MCP-USR-05 : un compte clôturé n'est pas supprimé et ne donne plus rien ---------------


def _leroy_cloturee(le: timedelta) -> Convention:
    return convention(
        utilisateurs=[
            compte(
                "as.leroy",
                "Anne",
                "Leroy",
                fonction=Fonction.ASSISTANT_SOCIAL,
                diplome_etat="DEASS 2012",
                cloture_le=INSTANT + le,
            )
        ]
    )


@pytest.mark.regle("MCP-USR-05", declenche=True)
def test_MCP_USR_05_compte_cloture_des_l_instant_de_cloture() -> None:
    c = _leroy_cloturee(timedelta(0))
    a = acces_cdap(c, "as.leroy", instant=INSTANT)
    assert a.autorise is False
    assert a.profils == ()
    declenche(a, "MCP-USR-05", severite=E, cible="as.leroy")
    assert c.groupe("T1AS").a_pour_membre("as.leroy")  # ni supprimé, ni retiré


@pytest.mark.regle("MCP-USR-05", declenche=True)
def test_MCP_USR_05_un_gestionnaire_cloture_ne_peut_plus_rien() -> None:
    c = convention(
        utilisateurs=[
            compte("gest.durand", "Sophie", "Durand", cloture_le=INSTANT - timedelta(hours=1))
        ]
    )
    d = peut(c, "gest.durand", Action.GERER_MEMBRES, groupe="T2PE", instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-USR-05", severite=E, cible="gest.durand")


@pytest.mark.regle("MCP-USR-05", declenche=True)
def test_MCP_USR_05_un_compte_cloture_ne_rejoint_pas_de_groupe() -> None:
    c = _leroy_cloturee(-timedelta(days=1))
    r = ajouter_au_groupe(
        c, par="adm.martin", groupe="T2PE", utilisateur="as.leroy", instant=INSTANT
    )
    refuse(r, c)
    declenche(r, "MCP-USR-05", severite=E, cible="as.leroy")


@pytest.mark.regle("MCP-USR-05", declenche=True)
def test_MCP_USR_05_une_cloture_ne_s_antidate_pas(base: Convention) -> None:
    r = cloturer_compte(
        base,
        par="adm.martin",
        utilisateur="as.leroy",
        le=INSTANT - timedelta(days=1),
        instant=INSTANT,
    )
    refuse(r, base)
    declenche(r, "MCP-USR-05", severite=E, cible="as.leroy")


@pytest.mark.regle("MCP-USR-05", declenche=False)
def test_MCP_USR_05_cloture_a_venir_le_compte_reste_actif() -> None:
    """Interprétation 5 : la date de clôture peut être à venir."""
    a = acces_cdap(_leroy_cloturee(timedelta(hours=1)), "as.leroy", instant=INSTANT)
    assert a.autorise is True
    assert a.profils == (ProfilT.T1,)
    ne_declenche_pas(a, "MCP-USR-05")


@pytest.mark.regle("MCP-USR-05", declenche=False)
def test_MCP_USR_05_reactiver_rend_exactement_ce_qu_il_avait(base: Convention) -> None:
    """« Il peut être réactivé à tout moment en … supprimant la date de clôture. »"""
    avant = acces_cdap(base, "as.leroy", instant=INSTANT)
    r1 = cloturer_compte(base, par="gest.durand", utilisateur="as.leroy", instant=INSTANT)
    close = accepte(
        r1,
        base,
        [CompteCloture(instant=INSTANT, par="gest.durand", utilisateur="as.leroy", le=INSTANT)],
    )
    declenche(acces_cdap(close, "as.leroy", instant=INSTANT), "MCP-USR-05", severite=E)
    plus_tard = INSTANT + timedelta(days=40)
    r2 = reactiver_compte(close, par="gest.durand", utilisateur="as.leroy", instant=plus_tard)
    rouverte = accepte(
        r2,
        close,
        [CompteReactive(instant=plus_tard, par="gest.durand", utilisateur="as.leroy")],
    )
    assert rouverte.utilisateur("as.leroy") == base.utilisateur("as.leroy")
    assert rouverte.groupes == base.groupes
    apres = acces_cdap(rouverte, "as.leroy", instant=plus_tard)
    assert (apres.autorise, apres.profils, apres.groupes) == (
        avant.autorise,
        avant.profils,
        avant.groupes,
    )
    ne_declenche_pas(apres, "MCP-USR-05")


@pytest.mark.regle("MCP-USR-02", declenche=False)
@pytest.mark.parametrize(
    ("prenom", "nom", "adresse"),
    [
        ("Jacques", "Bureau", "bureau.jacques@ville-exemple.fr"),
        ("Jacques", "Bureau", "jacques.bureau@ville-exemple.fr"),
        ("Paule", "Chef", "chef.paule@ville-exemple.fr"),
        ("Hervé", "Poste", "poste.herve@ville-exemple.fr"),
        ("Léa", "Agent", "l.agent@ville-exemple.fr"),
        ("Noël", "Guichet", "guichet-noel@ville-exemple.fr"),
        ("Anne", "Conseiller", "aconseiller@ville-exemple.fr"),
        ("Cécile", "Dupont", "cd@ville-exemple.fr"),
        ("Pierre-Emmanuel", "Roux", "pe@ville-exemple.fr"),
        ("Rémi", "Hugo", "rh2@ville-exemple.fr"),
    ],
)
def test_MCP_USR_02_interpretation_23_une_personne_au_nom_commun_garde_son_adresse(
    base: Convention, prenom: str, nom: str, adresse: str
) -> None:
    """« bureau.jacques@ est celle de Jacques Bureau » : ni refus, ni avertissement."""
    u = nouveau("jb.compte", prenom, nom, email=adresse)
    r = creer_utilisateur(base, par="adm.martin", utilisateur=u, instant=INSTANT)
    assert r.accepte, r.constats
    ne_declenche_pas(r, "MCP-USR-02")
    ne_declenche_pas(r, "MCP-USR-01")
