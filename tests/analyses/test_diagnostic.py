"""Chaque symptôme du guide : ses causes, distinguées d'après les données."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import pytest

from mcp_rules import (
    Convention,
    DonneeInvalide,
    ProfilT,
    Service,
    Severite,
    Symptome,
    acces_cdap,
    affecter_role,
    ajouter_au_groupe,
    cloturer_compte,
    creer_groupe,
    diagnostiquer,
    modifier_compte,
    plan_acces_cdap,
    retirer_du_groupe,
    retirer_role,
)
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple

T = INSTANT_EXEMPLE


@pytest.fixture
def c() -> Convention:
    return convention_exemple()


def codes(
    c: Convention, ident: str, symptome: Symptome, saisie: str | None = None
) -> tuple[str, ...]:
    return diagnostiquer(c, ident, symptome, instant=T, saisie=saisie).codes


class TestPasDOptionConsulter:
    S = Symptome.PAS_D_OPTION_CONSULTER

    def test_convention_sans_cdap(self, c: Convention) -> None:
        sans = attrs.evolve(c, services=frozenset({Service.AFAS}))
        d = diagnostiquer(sans, "as.leroy", self.S, instant=T)
        assert d.codes == ("MCP-CONV-01",)
        assert d.plan == ()
        assert d.recours is not None
        assert "Caf" in d.recours

    def test_compte_cloture(self, c: Convention) -> None:
        d = diagnostiquer(c, "gest.petit", self.S, instant=T)
        assert d.codes == ("MCP-USR-05",)
        assert d.plan[0].commande == "reactiver_compte"

    def test_dans_aucun_groupe_cdap(self, c: Convention) -> None:
        d = diagnostiquer(c, "afas.dupont", self.S, instant=T)
        assert d.codes == ("MCP-CDAP-01",)
        assert [e.commande for e in d.plan] == ["ajouter_au_groupe"]

    def test_seulement_dans_un_groupe_sans_role(self, c: Convention) -> None:
        assert codes(c, "cr.girard", self.S) == ("MCP-CDAP-01", "MCP-GRP-05")

    def test_role_hors_contrat(self, c: Convention) -> None:
        sans_t2 = attrs.evolve(
            c,
            profils_contractuels=c.profils_contractuels - {ProfilT.T2},
        )
        d = diagnostiquer(sans_t2, "pe.fournier", self.S, instant=T)
        assert "MCP-CONV-04" in d.codes

    def test_conditions_du_profil_non_remplies_et_donnee_manquante(self, c: Convention) -> None:
        r = modifier_compte(
            c, par="adm.martin", utilisateur="ir.lambert", instant=T, fonction="AUTRE"
        )
        assert not r.accepte  # la commande protège l'éligibilité…
        sans_numero = attrs.evolve(
            c,
            utilisateurs=[
                attrs.evolve(u, numero_instructeur=None) if u.identifiant == "ir.lambert" else u
                for u in c.utilisateurs
            ],
        )  # … mais des données réelles peuvent l'enfreindre
        d = diagnostiquer(sans_numero, "ir.lambert", self.S, instant=T)
        assert "MCP-ELIG-04" in d.codes
        assert d.plan[0].commande == "modifier_compte"
        assert d.plan[0].a_completer == ("numero_instructeur",)

    def test_administrateur_membre_d_aucun_groupe(self, c: Convention) -> None:
        assert codes(c, "adm.martin", self.S) == ("MCP-CDAP-01", "MCP-CONV-06")

    def test_assistant_social_du_travail_sans_recours(self, c: Convention) -> None:
        asdt = attrs.evolve(
            c,
            utilisateurs=[
                attrs.evolve(u, fonction="ASSISTANT_SOCIAL_DU_TRAVAIL")
                if u.identifiant == "cr.girard"
                else u
                for u in c.utilisateurs
            ],
        )
        d = diagnostiquer(asdt, "cr.girard", self.S, instant=T)
        assert d.plan == ()
        assert d.recours is not None
        assert "MCP-ELIG-03" in d.recours

    def test_acces_present(self, c: Convention) -> None:
        d = diagnostiquer(c, "as.leroy", self.S, instant=T)
        assert not d.probleme_trouve


class TestOptionDisparue:
    S = Symptome.OPTION_CONSULTER_DISPARUE

    def test_le_groupe_a_perdu_son_role_dit_lequel_et_quand(self, c: Convention) -> None:
        quand = T - timedelta(days=3)
        apres = retirer_role(c, par="adm.martin", groupe="T1AS", instant=quand).convention
        d = diagnostiquer(apres, "as.leroy", self.S, instant=T)
        assert d.causes[0].code == "MCP-GRP-05"
        assert "T1AS" in d.causes[0].message
        assert quand.isoformat() in d.causes[0].message

    def test_retire_du_groupe(self, c: Convention) -> None:
        apres = retirer_du_groupe(
            c,
            par="gest.durand",
            groupe="T1AS",
            utilisateur="as.leroy",
            instant=T - timedelta(hours=1),
        ).convention
        d = diagnostiquer(apres, "as.leroy", self.S, instant=T)
        assert d.codes[0] == "MCP-CDAP-01"
        assert "ne fait plus partie du groupe T1AS" in d.causes[0].message

    def test_compte_cloture(self, c: Convention) -> None:
        apres = cloturer_compte(
            c, par="adm.martin", utilisateur="as.leroy", instant=T - timedelta(hours=1)
        ).convention
        assert "MCP-USR-05" in codes(apres, "as.leroy", self.S)


def test_identifiant_perdu_nomme_qui_peut_le_redonner(c: Convention) -> None:
    d = diagnostiquer(c, "as.leroy", Symptome.IDENTIFIANT_PERDU, instant=T)
    assert d.codes == ("MCP-MDP-05",)
    assert "gest.durand" in d.causes[0].message
    assert "adm.martin" in d.causes[0].message


def test_mot_de_passe_perdu_par_l_utilisateur_seul(c: Convention) -> None:
    d = diagnostiquer(c, "as.leroy", Symptome.MOT_DE_PASSE_PERDU, instant=T)
    assert d.codes == ("MCP-MDP-04",)
    assert d.plan[0].par == ("as.leroy",)
    assert d.plan[0].appliquer(c, instant=T).accepte


def test_premiere_connexion_apres_24_h(c: Convention) -> None:
    d = diagnostiquer(c, "ae.fontaine", Symptome.MOT_DE_PASSE_TEMPORAIRE_EXPIRE, instant=T)
    assert d.codes == ("MCP-MDP-02", "MCP-MDP-04")
    assert "2026-10-03T09:00:00+00:00" in d.causes[0].message
    assert d.plan[0].commande == "demander_nouveau_mot_de_passe"


@pytest.mark.parametrize(
    ("saisie", "code", "partie"),
    [
        ("093A12301", "MCP-NUM-02", "093A1230100000"),
        ("999A1230100000", "MCP-NUM-01", "le code département"),
    ],
)
def test_numero_instructeur_incomplet_ou_mal_forme(
    c: Convention, saisie: str, code: str, partie: str
) -> None:
    d = diagnostiquer(
        c, "ir.lambert", Symptome.NUMERO_INSTRUCTEUR_NON_RECONNU, instant=T, saisie=saisie
    )
    assert d.codes == (code,)
    assert partie in d.causes[0].message


def _avec_un_groupe_t10(c: Convention, *, code_bailleur: str | None = None) -> Convention:
    """L'exemple, avec T10 au contrat et Hugo Fournier (T2) aussi membre d'un groupe T10."""
    c = attrs.evolve(c, profils_contractuels=c.profils_contractuels | {ProfilT.T10})
    avant = T - timedelta(hours=1)
    c = creer_groupe(
        c,
        par="adm.martin",
        code="T10BAIL",
        libelle="T10 Bailleurs",
        service=Service.CDAP,
        gestionnaire="gest.durand",
        instant=avant,
    ).convention
    c = affecter_role(
        c, par="adm.martin", groupe="T10BAIL", profil=ProfilT.T10, instant=avant
    ).convention
    c = ajouter_au_groupe(
        c, par="adm.martin", groupe="T10BAIL", utilisateur="pe.fournier", instant=avant
    ).convention
    if code_bailleur is not None:
        c = modifier_compte(
            c,
            par="adm.martin",
            utilisateur="pe.fournier",
            code_bailleur=code_bailleur,
            instant=avant,
        ).convention
    assert ProfilT.T10 in acces_cdap(c, "pe.fournier", instant=T).profils
    return c


def test_code_t10_hors_d_un_groupe_t10_est_la_cause(c: Convention) -> None:
    """Interprétation 19 : Hugo Fournier n'est que T2 ; aucun code bailleur à enregistrer."""
    d = diagnostiquer(c, "pe.fournier", Symptome.CODE_DEMANDE_T10, instant=T)
    assert d.codes == ("MCP-ELIG-06",)
    assert d.causes[0].severite is Severite.AVERTISSEMENT
    assert d.causes[0].cible == "pe.fournier"
    assert "aucun groupe T10" in d.causes[0].message
    assert d.plan == ()


def test_code_t10_membre_sans_code_c_est_le_code_bailleur(c: Convention) -> None:
    apres = _avec_un_groupe_t10(c)
    d = diagnostiquer(apres, "pe.fournier", Symptome.CODE_DEMANDE_T10, instant=T)
    assert d.codes == ("MCP-ELIG-06",)
    assert "Cafpro" in d.causes[0].message
    assert not d.probleme_trouve  # interprétation 16 : le code se donne à la consultation
    assert d.plan[0].a_completer == ("code_bailleur",)
    assert set(d.plan[0].par) == {"adm.martin", "adm.bernard"}
    for acteur in d.plan[0].par:
        r = d.plan[0].appliquer(apres, instant=T, par=acteur, code_bailleur="B0042")
        assert r.accepte, r.constats


def test_code_t10_membre_avec_code_rien_a_faire(c: Convention) -> None:
    apres = _avec_un_groupe_t10(c, code_bailleur="B0042")
    d = diagnostiquer(apres, "pe.fournier", Symptome.CODE_DEMANDE_T10, instant=T)
    assert d.codes == ("MCP-ELIG-06",)
    assert not d.probleme_trouve
    assert d.plan == ()


def test_numero_instructeur_hors_d_un_groupe_t4_est_la_cause(c: Convention) -> None:
    """Interprétation 19 : pas de numéro à corriger pour qui n'est pas dans un groupe T4."""
    d = diagnostiquer(
        c, "pe.fournier", Symptome.NUMERO_INSTRUCTEUR_NON_RECONNU, instant=T, saisie="093A12301"
    )
    assert d.codes == ("MCP-ELIG-04",)
    assert d.causes[0].severite is Severite.AVERTISSEMENT
    assert "aucun groupe T4" in d.causes[0].message
    assert d.plan == ()
    sans_saisie = diagnostiquer(
        c, "pe.fournier", Symptome.NUMERO_INSTRUCTEUR_NON_RECONNU, instant=T
    )
    assert sans_saisie.codes == ("MCP-ELIG-04",)
    assert sans_saisie.plan == ()


def test_recherche_fastidieuse_sans_contournement(c: Convention) -> None:
    d = diagnostiquer(c, "as.leroy", Symptome.RECHERCHE_FASTIDIEUSE, instant=T)
    assert d.codes == ("MCP-CDAP-02",)
    assert d.plan == ()


def test_compte_inconnu_est_un_constat(c: Convention) -> None:
    d = diagnostiquer(c, "personne", Symptome.PAS_D_OPTION_CONSULTER, instant=T)
    assert d.codes == ("MCP-CDAP-01",)


def test_saisie_qui_n_est_pas_un_texte(c: Convention) -> None:
    saisie: Any = 12
    with pytest.raises(DonneeInvalide):
        diagnostiquer(
            c, "ir.lambert", Symptome.NUMERO_INSTRUCTEUR_NON_RECONNU, instant=T, saisie=saisie
        )


def test_le_plan_d_un_acces_refuse_se_demande_aux_analyses(c: Convention) -> None:
    # Le plan est une analyse (couche 7) : acces_cdap (couche 5) ne le calcule jamais.
    assert not acces_cdap(c, "cr.girard", instant=T).autorise
    etapes, recours = plan_acces_cdap(c, "cr.girard", instant=T)
    assert recours is None
    assert [e.commande for e in etapes] == ["affecter_role"]
    assert etapes[0].appliquer(c, instant=T).accepte
    assert plan_acces_cdap(c, "as.leroy", instant=T) == ((), None)


def test_le_journal_nomme_le_groupe_qui_a_perdu_son_role(c: Convention) -> None:
    """Interprétation 20 : MCP-GRP-05 nomme un groupe, dans l'audit comme ici (il nommait le
    compte dans ce diagnostic)."""
    apres = retirer_role(c, par="adm.martin", groupe="T1CESF", instant=T - timedelta(hours=1))
    d = diagnostiquer(apres.convention, "cesf.roux", Symptome.OPTION_CONSULTER_DISPARUE, instant=T)
    grp05 = [x for x in d.causes if x.code == "MCP-GRP-05"]
    assert [x.cible for x in grp05] == ["T1CESF"]
