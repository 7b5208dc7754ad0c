"""ELIG — les conditions d'accès à certains profils CDAP.

Guide, « 5 - Service CDAP / Conditions d'accès à certains profils » :

- Profil T1 : Assistants sociaux et Conseillers en Economie Sociale et Familiale uniquement
  (une copie du diplôme d'Etat pourra être demandée en cas de contrôle). Les Assistants
  sociaux du travail ne peuvent accéder à la consultation sur CDAP.
- Profil T4 : Agents habilités des organismes instructeurs du RSA (avec numéro
  d'instructeur délivré par le Conseil départemental).
- Profil T9 : Mandataires judiciaires, tuteurs et curateurs exclusivement pour le suivi
  des dossiers qui leur sont confiés par jugement.

Et, dans les problèmes fréquents : « Le système demande un code à un utilisateur profil
T10 » — le code bailleur, celui de Cafpro.

Un utilisateur qui ne remplit pas les conditions d'un profil ne l'a pas, même si un de ses
groupes le porte ; il garde les profils dont il remplit les conditions.
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

import attrs
import pytest

from mcp_rules import (
    ConditionProfil,
    Convention,
    Decision,
    Fonction,
    MembreAjoute,
    Politique,
    ProfilT,
    Utilisateur,
    acces_cdap,
    ajouter_au_groupe,
    auditer,
    consulter_dossier,
    eligibilite,
)

from .conftest import (
    INSTANT,
    E,
    I,
    accepte,
    compte,
    convention,
    declenche,
    groupe,
    ne_declenche_pas,
    refuse,
)


def personne(
    fonction: Fonction,
    *,
    numero_instructeur: str | None = None,
    code_bailleur: str | None = None,
    diplome_etat: str | None = None,
) -> Utilisateur:
    """Une personne de la fonction donnée (sans diplôme, numéro ni code, sauf mention)."""
    return compte(
        "p.durand",
        "Paule",
        "Durand",
        fonction=fonction,
        numero_instructeur=numero_instructeur,
        code_bailleur=code_bailleur,
        diplome_etat=diplome_etat,
    )


# --- MCP-ELIG-01 : T1, assistants sociaux et conseillers ESF -------------------------------


@pytest.mark.regle("MCP-ELIG-01", declenche=True)
@pytest.mark.parametrize(
    "fonction",
    [Fonction.AUTRE, Fonction.INSTRUCTEUR_RSA, Fonction.TUTEUR, Fonction.BAILLEUR],
)
def test_MCP_ELIG_01_t1_refuse_hors_assistants_sociaux_et_cesf(fonction: Fonction) -> None:
    d = eligibilite(personne(fonction), ProfilT.T1)
    assert d.autorise is False
    assert d.donnees_manquantes == ()
    declenche(d, "MCP-ELIG-01", severite=E, cible="p.durand")


@pytest.mark.regle("MCP-ELIG-01", declenche=True)
def test_MCP_ELIG_01_ajouter_une_personne_non_eligible_au_groupe_t1_refuse(
    base: Convention,
) -> None:
    r = ajouter_au_groupe(
        base, par="gest.durand", groupe="T1AS", utilisateur="pe.fournier", instant=INSTANT
    )
    refuse(r, base)
    declenche(r, "MCP-ELIG-01", severite=E, cible="pe.fournier")


@pytest.mark.regle("MCP-ELIG-01", declenche=True)
def test_MCP_ELIG_01_il_garde_les_profils_dont_il_remplit_les_conditions() -> None:
    """Membre de T1AS et de T2PE sans être assistant social : T2 seulement."""
    c = convention(
        groupes=[
            groupe(
                "T1AS",
                "T1 Assistants sociaux",
                role=ProfilT.T1,
                membres={"as.leroy", "pe.fournier"},
            )
        ]
    )
    a = acces_cdap(c, "pe.fournier", instant=INSTANT)
    assert a.autorise is True
    assert a.profils == (ProfilT.T2,)
    declenche(a, "MCP-ELIG-01", severite=E, cible="pe.fournier")
    declenche(auditer(c, instant=INSTANT), "MCP-ELIG-01", severite=E, cible="pe.fournier")


@pytest.mark.regle("MCP-ELIG-01", declenche=False)
@pytest.mark.parametrize("fonction", [Fonction.ASSISTANT_SOCIAL, Fonction.CONSEILLER_ESF])
def test_MCP_ELIG_01_t1_permis_aux_assistants_sociaux_et_cesf(fonction: Fonction) -> None:
    d = eligibilite(personne(fonction, diplome_etat="DE 2015"), ProfilT.T1)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ELIG-01")


@pytest.mark.regle("MCP-ELIG-01", declenche=False)
def test_MCP_ELIG_01_ajouter_une_conseillere_esf_au_groupe_t1() -> None:
    c = convention(
        utilisateurs=[
            compte(
                "esf.petit", "Lea", "Petit", fonction=Fonction.CONSEILLER_ESF, diplome_etat="DECESF"
            )
        ]
    )
    # Un compte qui n'est dans aucun groupe relève des administrateurs (interprétation 14).
    r = ajouter_au_groupe(
        c, par="adm.martin", groupe="T1AS", utilisateur="esf.petit", instant=INSTANT
    )
    accepte(
        r,
        c,
        [MembreAjoute(instant=INSTANT, par="adm.martin", groupe="T1AS", utilisateur="esf.petit")],
    )
    ne_declenche_pas(r, "MCP-ELIG-01")


# --- MCP-ELIG-02 : T1, le diplôme d'État peut être demandé ---------------------------------


@pytest.mark.regle("MCP-ELIG-02", declenche=True)
def test_MCP_ELIG_02_t1_sans_reference_de_diplome_signale() -> None:
    d = eligibilite(personne(Fonction.ASSISTANT_SOCIAL), ProfilT.T1)
    assert d.autorise is True  # une information, pas un refus
    declenche(d, "MCP-ELIG-02", severite=I, cible="p.durand")


@pytest.mark.regle("MCP-ELIG-02", declenche=True)
def test_MCP_ELIG_02_audit_membre_t1_sans_diplome() -> None:
    c = convention(
        utilisateurs=[compte("as.leroy", "Anne", "Leroy", fonction=Fonction.ASSISTANT_SOCIAL)]
    )
    rapport = auditer(c, instant=INSTANT)
    declenche(rapport, "MCP-ELIG-02", severite=I, cible="as.leroy")
    assert rapport.est_conforme


@pytest.mark.regle("MCP-ELIG-02", declenche=False)
def test_MCP_ELIG_02_t1_avec_reference_de_diplome(base: Convention) -> None:
    d = eligibilite(personne(Fonction.ASSISTANT_SOCIAL, diplome_etat="DEASS 2012"), ProfilT.T1)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ELIG-02")
    ne_declenche_pas(auditer(base, instant=INSTANT), "MCP-ELIG-02")


@pytest.mark.regle("MCP-ELIG-02", declenche=False)
def test_MCP_ELIG_02_le_diplome_ne_concerne_que_t1() -> None:
    ne_declenche_pas(eligibilite(personne(Fonction.ASSISTANT_SOCIAL), ProfilT.T2), "MCP-ELIG-02")


# --- MCP-ELIG-03 : les assistants sociaux du travail n'accèdent pas à CDAP -----------------


@pytest.mark.regle("MCP-ELIG-03", declenche=True)
@pytest.mark.parametrize("profil", [ProfilT.T1, ProfilT.T2, ProfilT.T3])
def test_MCP_ELIG_03_assistant_social_du_travail_quel_que_soit_le_profil(
    profil: ProfilT,
) -> None:
    d = eligibilite(
        personne(Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL, diplome_etat="DEASS 2010"), profil
    )
    assert d.autorise is False
    declenche(d, "MCP-ELIG-03", severite=E, cible="p.durand")


@pytest.mark.regle("MCP-ELIG-03", declenche=True)
def test_MCP_ELIG_03_ajouter_un_assistant_social_du_travail_a_un_groupe_cdap_refuse() -> None:
    c = convention(
        utilisateurs=[
            compte("ast.morin", "Yves", "Morin", fonction=Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL)
        ]
    )
    r = ajouter_au_groupe(
        c, par="adm.martin", groupe="T2PE", utilisateur="ast.morin", instant=INSTANT
    )
    refuse(r, c)
    declenche(r, "MCP-ELIG-03", severite=E, cible="ast.morin")


@pytest.mark.regle("MCP-ELIG-03", declenche=True)
def test_MCP_ELIG_03_audit_assistant_social_du_travail_dans_un_groupe_cdap() -> None:
    c = convention(
        utilisateurs=[
            compte("pe.fournier", "Hugo", "Fournier", fonction=Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL)
        ]
    )
    declenche(auditer(c, instant=INSTANT), "MCP-ELIG-03", severite=E, cible="pe.fournier")
    a = acces_cdap(c, "pe.fournier", instant=INSTANT)
    assert a.autorise is False
    declenche(a, "MCP-ELIG-03", severite=E, cible="pe.fournier")


@pytest.mark.regle("MCP-ELIG-03", declenche=False)
def test_MCP_ELIG_03_assistant_social_sur_un_profil_t2() -> None:
    d = eligibilite(personne(Fonction.ASSISTANT_SOCIAL), ProfilT.T2)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ELIG-03")


# --- MCP-ELIG-04 : T4, instructeurs RSA avec leur numéro ------------------------------------


@pytest.mark.regle("MCP-ELIG-04", declenche=True)
def test_MCP_ELIG_04_t4_refuse_hors_instructeurs_rsa() -> None:
    d = eligibilite(personne(Fonction.AUTRE, numero_instructeur="093A1230100000"), ProfilT.T4)
    assert d.autorise is False
    assert d.donnees_manquantes == ()
    declenche(d, "MCP-ELIG-04", severite=E, cible="p.durand")


@pytest.mark.regle("MCP-ELIG-04", declenche=True)
def test_MCP_ELIG_04_instructeur_sans_numero_donnee_manquante() -> None:
    """Une donnée manquante n'est pas une condition non remplie : elle est nommée."""
    d = eligibilite(personne(Fonction.INSTRUCTEUR_RSA), ProfilT.T4)
    assert d.autorise is False
    assert d.donnees_manquantes == ("numero_instructeur",)
    declenche(d, "MCP-ELIG-04", severite=E, cible="p.durand")


@pytest.mark.regle("MCP-ELIG-04", declenche=False)
def test_MCP_ELIG_04_instructeur_avec_numero_complet() -> None:
    d = eligibilite(
        personne(Fonction.INSTRUCTEUR_RSA, numero_instructeur="093 A 123 01 00000"), ProfilT.T4
    )
    assert d.autorise is True
    assert d.donnees_manquantes == ()
    ne_declenche_pas(d, "MCP-ELIG-04")


# --- MCP-ELIG-05 : T9, mandataires judiciaires, tuteurs et curateurs -----------------------


@pytest.mark.regle("MCP-ELIG-05", declenche=True)
@pytest.mark.parametrize("fonction", [Fonction.AUTRE, Fonction.ASSISTANT_SOCIAL])
def test_MCP_ELIG_05_t9_refuse_hors_mandataires(fonction: Fonction) -> None:
    d = eligibilite(personne(fonction), ProfilT.T9)
    assert d.autorise is False
    declenche(d, "MCP-ELIG-05", severite=E, cible="p.durand")


@pytest.mark.regle("MCP-ELIG-05", declenche=False)
@pytest.mark.parametrize(
    "fonction", [Fonction.MANDATAIRE_JUDICIAIRE, Fonction.TUTEUR, Fonction.CURATEUR]
)
def test_MCP_ELIG_05_t9_permis_aux_mandataires_tuteurs_curateurs(fonction: Fonction) -> None:
    d = eligibilite(personne(fonction), ProfilT.T9)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ELIG-05")


# --- MCP-ELIG-06 : T10, le code bailleur -----------------------------------------------------


def _bailleurs(
    *,
    code_bailleur: str | None = None,
    autres: tuple[ProfilT, ...] = (),
    fonction: Fonction = Fonction.BAILLEUR,
) -> Convention:
    """Louis Henry (bailleur par défaut), dans un groupe T10 et un groupe par autre profil."""
    groupes = [groupe("T10BAIL", "T10 Bailleurs", role=ProfilT.T10, membres={"bail.henry"})]
    groupes += [
        groupe(f"G{p.value}", f"Groupe {p.value}", role=p, membres={"bail.henry"}) for p in autres
    ]
    return convention(
        profils=(ProfilT.T1, ProfilT.T2, ProfilT.T9, ProfilT.T10),
        utilisateurs=[
            compte(
                "bail.henry",
                "Louis",
                "Henry",
                fonction=fonction,
                code_bailleur=code_bailleur,
                mandats=frozenset({"7654321"}),
            )
        ],
        groupes=groupes,
    )


def _consulter(
    c: Convention, code_bailleur: str | None = None, numero: str = "1234567"
) -> Decision:
    return consulter_dossier(
        c,
        "bail.henry",
        numero_allocataire=numero,
        nom_allocataire="DUPONT",
        instant=INSTANT,
        code_bailleur=code_bailleur,
    )


@pytest.mark.regle("MCP-ELIG-06", declenche=True)
def test_MCP_ELIG_06_t10_sans_code_reste_eligible_le_code_est_demande_a_la_consultation() -> None:
    """Interprétation 16 : le code n'est pas une condition d'appartenance (information)."""
    d = eligibilite(personne(Fonction.BAILLEUR), ProfilT.T10)
    assert d.autorise is True
    assert d.donnees_manquantes == ()
    declenche(d, "MCP-ELIG-06", severite=I, cible="p.durand")
    ne_declenche_pas(d, "MCP-ELIG-06")


@pytest.mark.regle("MCP-ELIG-06", declenche=True)
def test_MCP_ELIG_06_membre_t10_sans_code_a_le_profil_et_l_information() -> None:
    a = acces_cdap(_bailleurs(), "bail.henry", instant=INSTANT)
    assert a.autorise is True
    assert a.profils == (ProfilT.T10,)
    assert a.donnees_manquantes == ()
    declenche(a, "MCP-ELIG-06", severite=I, cible="bail.henry")


@pytest.mark.regle("MCP-ELIG-06", declenche=False)
def test_MCP_ELIG_06_ajout_au_groupe_t10_sans_code_accepte() -> None:
    """L'ancien refus d'appartenance a disparu : l'administrateur ajoute le bailleur."""
    c = convention(
        profils=(ProfilT.T1, ProfilT.T2, ProfilT.T10),
        utilisateurs=[compte("bail.henry", "Louis", "Henry", fonction=Fonction.BAILLEUR)],
        groupes=[groupe("T10BAIL", "T10 Bailleurs", role=ProfilT.T10)],
    )
    r = ajouter_au_groupe(
        c, par="adm.martin", groupe="T10BAIL", utilisateur="bail.henry", instant=INSTANT
    )
    apres = accepte(
        r,
        c,
        [
            MembreAjoute(
                instant=INSTANT, par="adm.martin", groupe="T10BAIL", utilisateur="bail.henry"
            )
        ],
    )
    ne_declenche_pas(r, "MCP-ELIG-06")
    assert acces_cdap(apres, "bail.henry", instant=INSTANT).profils == (ProfilT.T10,)


@pytest.mark.regle("MCP-ELIG-06", declenche=True)
def test_MCP_ELIG_06_consulter_en_t10_sans_code_demande_le_code() -> None:
    d = _consulter(_bailleurs())
    assert d.autorise is False
    assert d.donnees_manquantes == ("code_bailleur",)
    declenche(d, "MCP-ELIG-06", severite=E, cible="bail.henry")


@pytest.mark.regle("MCP-ELIG-06", declenche=False)
def test_MCP_ELIG_06_code_donne_a_la_consultation_suffit() -> None:
    d = _consulter(_bailleurs(), code_bailleur=" B0042 ")
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ELIG-06")


@pytest.mark.regle("MCP-ELIG-06", declenche=False)
def test_MCP_ELIG_06_code_enregistre_suffit() -> None:
    c = _bailleurs(code_bailleur="B0042")
    assert _consulter(c).autorise is True
    assert _consulter(c, code_bailleur="B0042").autorise is True
    ne_declenche_pas(acces_cdap(c, "bail.henry", instant=INSTANT), "MCP-ELIG-06")


@pytest.mark.regle("MCP-ELIG-06", declenche=True)
def test_MCP_ELIG_06_code_different_de_celui_enregistre_refuse() -> None:
    d = _consulter(_bailleurs(code_bailleur="B0042"), code_bailleur="B0043")
    assert d.autorise is False
    assert d.donnees_manquantes == ()
    declenche(d, "MCP-ELIG-06", severite=E, cible="bail.henry")


@pytest.mark.regle("MCP-ELIG-06", declenche=True)
def test_MCP_ELIG_06_code_mal_forme_refuse() -> None:
    d = _consulter(_bailleurs(), code_bailleur="B 00<42>")
    assert d.autorise is False
    declenche(d, "MCP-ELIG-06", severite=E, cible="bail.henry")


@pytest.mark.regle("MCP-ELIG-06", declenche=False)
def test_MCP_ELIG_06_un_autre_profil_suffit_sans_le_code() -> None:
    d = _consulter(_bailleurs(autres=(ProfilT.T2,)))
    assert d.autorise is True
    assert "T2" in d.constats[0].message
    assert "T10" not in d.constats[0].message
    ne_declenche_pas(d, "MCP-ELIG-06")


@pytest.mark.regle("MCP-ELIG-06", declenche=True)
def test_MCP_ELIG_06_t9_hors_mandat_et_t10_sans_code() -> None:
    """Aucun profil ne sert : les deux raisons, et le code comme seule donnée manquante."""
    c = _bailleurs(autres=(ProfilT.T9,), fonction=Fonction.TUTEUR)
    assert acces_cdap(c, "bail.henry", instant=INSTANT).profils == (ProfilT.T9, ProfilT.T10)
    hors = _consulter(c)
    assert hors.autorise is False
    assert hors.donnees_manquantes == ("code_bailleur",)
    declenche(hors, "MCP-ELIG-06", severite=E, cible="bail.henry")
    declenche(hors, "MCP-CDAP-03", severite=E, cible="bail.henry")
    assert _consulter(c, numero="7654321").autorise is True  # T9, dossier confié
    assert _consulter(c, code_bailleur="B0042").autorise is True  # T10, code donné


@pytest.mark.regle("MCP-ELIG-06", declenche=True)
def test_MCP_ELIG_06_audit_informe_d_un_membre_t10_sans_code() -> None:
    r = auditer(_bailleurs(), instant=INSTANT)
    trouves = declenche(r, "MCP-ELIG-06", severite=I, cible="bail.henry")
    assert "T10BAIL" in trouves[0].message
    assert not [x for x in r.erreurs if x.code == "MCP-ELIG-06"]
    ne_declenche_pas(auditer(_bailleurs(code_bailleur="B0042"), instant=INSTANT), "MCP-ELIG-06")


# --- MCP-ELIG-07 : les autres profils, et les conditions locales ----------------------------

DIPLOME_POUR_T2 = ConditionProfil(
    code="LOCAL-T2-DIPLOME",
    titre="Un diplôme du travail social pour le profil T2",
    verifier=lambda u: u.diplome_etat is not None,
    donnees=("diplome_etat",),
)
CESF_POUR_T2 = ConditionProfil(
    code="LOCAL-T2-CESF",
    titre="Le profil T2 réservé aux conseillers ESF",
    verifier=lambda u: u.fonction is Fonction.CONSEILLER_ESF,
)


@pytest.mark.regle("MCP-ELIG-07", declenche=True)
@pytest.mark.parametrize("profil", [ProfilT.T2, ProfilT.T3, ProfilT.T5, ProfilT.T8])
def test_MCP_ELIG_07_le_guide_ne_pose_pas_de_condition(profil: ProfilT) -> None:
    d = eligibilite(personne(Fonction.AUTRE), profil)
    assert d.autorise is True
    declenche(d, "MCP-ELIG-07", severite=I, cible="p.durand")


@pytest.mark.regle("MCP-ELIG-07", declenche=True)
def test_MCP_ELIG_07_condition_locale_non_remplie() -> None:
    politique = Politique(conditions={ProfilT.T2: (CESF_POUR_T2,)})
    d = eligibilite(personne(Fonction.AUTRE), ProfilT.T2, politique=politique)
    assert d.autorise is False
    assert d.donnees_manquantes == ()
    declenche(d, "MCP-ELIG-07", severite=E, cible="p.durand")


@pytest.mark.regle("MCP-ELIG-07", declenche=True)
def test_MCP_ELIG_07_condition_locale_donnee_manquante(base: Convention) -> None:
    politique = Politique(conditions={ProfilT.T2: (DIPLOME_POUR_T2,)})
    d = eligibilite(personne(Fonction.AUTRE), ProfilT.T2, politique=politique)
    assert d.autorise is False
    assert d.donnees_manquantes == ("diplome_etat",)
    declenche(d, "MCP-ELIG-07", severite=E, cible="p.durand")
    rapport = auditer(base, instant=INSTANT, politique=politique)
    declenche(rapport, "MCP-ELIG-07", severite=E, cible="pe.fournier")


MANDAT_POUR_T2 = ConditionProfil(
    code="LOCAL-T2-MANDAT",
    titre="Au moins un mandat enregistré pour le profil T2",
    verifier=lambda u: "1234567" in u.mandats,
    donnees=("mandats",),
)


@pytest.mark.regle("MCP-ELIG-07", declenche=True)
def test_MCP_ELIG_07_un_ensemble_vide_est_une_donnee_manquante() -> None:
    """Des mandats vides manquent ; des mandats présents sont jugés par la condition."""
    politique = Politique(conditions={ProfilT.T2: (MANDAT_POUR_T2,)})
    sans = eligibilite(personne(Fonction.AUTRE), ProfilT.T2, politique=politique)
    assert (sans.autorise, sans.donnees_manquantes) == (False, ("mandats",))
    declenche(sans, "MCP-ELIG-07", severite=E, cible="p.durand")
    autre = attrs.evolve(personne(Fonction.AUTRE), mandats=frozenset({"7654321"}))
    refus = eligibilite(autre, ProfilT.T2, politique=politique)
    assert (refus.autorise, refus.donnees_manquantes) == (False, ())
    assert "non remplie" in refus.constats[-1].message
    bon = attrs.evolve(autre, mandats=frozenset({"1234567"}))
    assert eligibilite(bon, ProfilT.T2, politique=politique).autorise is True


@pytest.mark.regle("MCP-ELIG-07", declenche=False)
def test_MCP_ELIG_07_profil_a_condition_du_guide() -> None:
    """T1 a ses conditions dans le guide : la règle des autres profils ne s'y applique pas."""
    d = eligibilite(personne(Fonction.ASSISTANT_SOCIAL, diplome_etat="DEASS 2012"), ProfilT.T1)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-ELIG-07")


@pytest.mark.regle("MCP-ELIG-07", declenche=False)
def test_MCP_ELIG_07_audit_sans_condition_locale(base: Convention) -> None:
    ne_declenche_pas(auditer(base, instant=INSTANT), "MCP-ELIG-07")
