"""``verifier_objet_demande`` (MCP-SUPP-03) : service, numéro de convention et organisme,
dans cet ordre, en mots entiers ; casse, accents, apostrophes et blancs ne comptent pas."""

from __future__ import annotations

import pytest

import mcp_rules as m
from mcp_rules.exemple import convention_exemple


@pytest.fixture(scope="module")
def c() -> m.Convention:
    return convention_exemple()


def _manque(d: m.Decision) -> str:
    assert d.autorise is False
    (constat,) = d.constats
    assert constat.code == "MCP-SUPP-03"
    return constat.message.split("manque : ", 1)[1]


def test_l_objet_forme_par_la_bibliotheque_est_accepte(c: m.Convention) -> None:
    for service in c.services:
        assert m.verifier_objet_demande(c, m.objet_demande_caf(c, service)).autorise


@pytest.mark.parametrize(
    "variante",
    [
        "  cdap   19_214\tcentre COMMUNAL d’action sociale de saint-exemple  ",
        "CDAP 19_214 Centre communal d'Action Sociale de Saint-Exemple",
        "Cdap\n19_214\nCentre communal d'action sociale de Saint-Exemple",
        "CDAP 19_214 Centre  communal\nd'action \t sociale de Saint-Exemple",
    ],
)
def test_casse_accents_apostrophes_et_blancs_ne_comptent_pas(
    c: m.Convention, variante: str
) -> None:
    assert m.verifier_objet_demande(c, variante).autorise, variante


def test_sans_service_seul_le_service_manque(c: m.Convention) -> None:
    """Le numéro en tête de l'objet est à sa place quand aucun service n'est nommé."""
    manque = _manque(m.verifier_objet_demande(c, f"{c.numero} {c.organisme}"))
    assert manque.startswith("le service concerné")
    assert "numéro" not in manque
    assert "organisme" not in manque


def test_un_element_hors_de_sa_place_est_dit(c: m.Convention) -> None:
    manque = _manque(m.verifier_objet_demande(c, f"CDAP {c.organisme} {c.numero}"))
    assert manque == f"le nom de l'organisme « {c.organisme} » (pas à sa place)"


def test_un_element_absent_n_est_pas_hors_de_sa_place(c: m.Convention) -> None:
    manque = _manque(m.verifier_objet_demande(c, f"CDAP {c.numero}"))
    assert manque == f"le nom de l'organisme « {c.organisme} »"


def test_le_premier_service_nomme_compte(c: m.Convention) -> None:
    """« AFAS CDAP … » parle d'AFAS : la suggestion reprend AFAS."""
    d = m.verifier_objet_demande(c, "AFAS CDAP rien d'autre")
    assert d.autorise is False
    assert m.objet_demande_caf(c, m.Service.AFAS) in (d.constats[0].remede or "")


def test_sans_service_la_suggestion_est_cdap(c: m.Convention) -> None:
    d = m.verifier_objet_demande(c, "bonjour")
    assert m.objet_demande_caf(c, m.Service.CDAP) in (d.constats[0].remede or "")


@pytest.mark.parametrize("objet", [None, 42, b"CDAP", ["CDAP"]])
def test_un_objet_qui_n_est_pas_un_texte(c: m.Convention, objet: object) -> None:
    with pytest.raises(m.DonneeInvalide) as info:
        m.verifier_objet_demande(c, objet)  # type: ignore[arg-type]
    assert info.value.code == "MCP-DONNEE-TYPE"
    assert info.value.valeur is objet
    assert info.value.message == f"objet : un texte est attendu, pas {objet!r}"


def test_sans_cdap_la_suggestion_est_le_service_de_la_convention(c: m.Convention) -> None:
    seulement_afas = m.Convention(
        numero=c.numero,
        organisme=c.organisme,
        caf=c.caf,
        services={m.Service.AFAS},
        administrateurs=c.administrateurs,
        utilisateurs=list(c.utilisateurs),
        groupes=[g for g in c.groupes if g.service is m.Service.AFAS],
    )
    d = m.verifier_objet_demande(seulement_afas, "bonjour")
    assert m.objet_demande_caf(seulement_afas, m.Service.AFAS) in (d.constats[0].remede or "")
    assert _manque(d).startswith("le service concerné (AFAS)")
