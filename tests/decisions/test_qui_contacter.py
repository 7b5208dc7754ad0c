"""``qui_contacter`` : ses gestionnaires actifs, puis les administrateurs actifs ; jamais
soi-même, jamais un compte clôturé à l'instant de la question (MCP-SUPP-01).

Sur l'exemple : gest.petit gère T2CR et T2PE, mais son compte est clôturé le 30 juin 2026 ;
gest.durand gère T1AS ; adm.martin et adm.bernard sont administrateurs.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import mcp_rules as m
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple

T = INSTANT_EXEMPLE
CLOTURE_PETIT = datetime(2026, 6, 30, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def c() -> m.Convention:
    return convention_exemple()


def test_un_membre_s_adresse_a_son_gestionnaire_puis_aux_administrateurs(
    c: m.Convention,
) -> None:
    assert m.qui_contacter(c, "as.leroy", instant=T) == ("gest.durand", "adm.bernard", "adm.martin")


def test_un_gestionnaire_cloture_n_est_plus_propose(c: m.Convention) -> None:
    assert c.utilisateur("gest.petit").cloture_le == CLOTURE_PETIT
    juste_avant = CLOTURE_PETIT - timedelta(microseconds=1)
    assert m.qui_contacter(c, "pe.fournier", instant=juste_avant)[0] == "gest.petit"
    assert "gest.petit" not in m.qui_contacter(c, "pe.fournier", instant=CLOTURE_PETIT)
    assert m.qui_contacter(c, "pe.fournier", instant=T) == ("adm.bernard", "adm.martin")


def test_un_gestionnaire_ne_se_propose_pas_a_lui_meme(c: m.Convention) -> None:
    """gest.durand, nommé gestionnaire de T2CR (sans profil) puis mis dans ce groupe."""
    r = m.designer_gestionnaire(
        c, par="adm.martin", groupe="T2CR", gestionnaire="gest.durand", instant=T
    )
    assert r.accepte, r.constats
    r = m.ajouter_au_groupe(
        r.convention, par="adm.martin", groupe="T2CR", utilisateur="gest.durand", instant=T
    )
    assert r.accepte, r.constats
    c = r.convention
    assert m.qui_contacter(c, "gest.durand", instant=T) == ("adm.bernard", "adm.martin")
    assert m.qui_contacter(c, "cr.girard", instant=T)[0] == "gest.durand"


def test_un_administrateur_cloture_n_est_plus_propose(c: m.Convention) -> None:
    le = T + timedelta(days=1)
    r = m.cloturer_compte(c, par="adm.martin", utilisateur="adm.bernard", le=le, instant=T)
    assert r.accepte, r.constats
    apres = r.convention
    assert m.qui_contacter(apres, "as.leroy", instant=T) == (
        "gest.durand",
        "adm.bernard",
        "adm.martin",
    )
    assert m.qui_contacter(apres, "as.leroy", instant=le) == ("gest.durand", "adm.martin")
    assert m.qui_contacter(apres, "compte.inconnu", instant=le) == ("adm.martin",)


def test_un_inconnu_recoit_les_administrateurs_actifs(c: m.Convention) -> None:
    assert m.qui_contacter(c, "compte.inconnu", instant=T) == ("adm.bernard", "adm.martin")


def test_un_administrateur_s_adresse_a_la_caf(c: m.Convention) -> None:
    assert m.qui_contacter(c, "adm.martin", instant=T) == (m.CAF,)


def test_un_compte_est_clos_a_l_instant_meme_de_sa_cloture(c: m.Convention) -> None:
    """La clôture vaut dès son instant : un membre d'AFAS-HABILITER peut mettre gest.petit
    dans AFAS-DECLARER une microseconde avant, plus à l'instant même."""

    def ajout(instant: datetime) -> m.Decision:
        return m.peut(
            c,
            "afas.habil",
            m.Action.GERER_MEMBRES,
            groupe="AFAS-DECLARER",
            utilisateur="gest.petit",
            instant=instant,
        )

    assert ajout(CLOTURE_PETIT - timedelta(microseconds=1)).autorise is True
    pile = ajout(CLOTURE_PETIT)
    assert (pile.autorise, pile.codes) == (False, ("MCP-USR-05",))
