"""SUPP — le support : à qui s'adresser, et comment écrire à la Caf.

Guide : « Vos utilisateurs doivent impérativement passer par vous » ; « Seul l'administrateur
partenaire est habilité à solliciter l'intervention des administrateurs de la Caf » ; « Vous
devez impérativement renseigner en objet de vos messages service concerné (CDAP), le numéro de
votre convention et le nom de votre organisme (ex. : CDAP 19_214 NOM DE VOTRE ORGANISME). Les
messages ne remplissant pas cette condition ne seront pas traités en priorité. »
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_GRP_03_…
# ruff: noqa: N802

from __future__ import annotations

import re

import pytest

from mcp_rules import (
    CAF,
    Action,
    Convention,
    Decision,
    Service,
    objet_demande_caf,
    peut,
    verifier_objet_demande,
)

from .conftest import INSTANT, E, W, convention, declenche, ne_declenche_pas

# --- MCP-SUPP-01 : l'utilisateur s'adresse à son gestionnaire ou à son administrateur -------


@pytest.mark.regle("MCP-SUPP-01", declenche=True)
def test_MCP_SUPP_01_un_utilisateur_ne_contacte_pas_la_caf(base: Convention) -> None:
    """« Ne contactez pas la Caf directement » (Annexe 1)."""
    d = peut(base, "pe.fournier", Action.CONTACTER_CAF, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-SUPP-01", severite=E, cible="pe.fournier")


@pytest.mark.regle("MCP-SUPP-01", declenche=False)
def test_MCP_SUPP_01_l_administrateur_contacte_la_caf(base: Convention) -> None:
    d = peut(base, "adm.martin", Action.CONTACTER_CAF, instant=INSTANT)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-SUPP-01")


# --- MCP-SUPP-02 : seul l'administrateur sollicite les administrateurs de la Caf ------------


@pytest.mark.regle("MCP-SUPP-02", declenche=True)
@pytest.mark.parametrize("acteur", ["gest.durand", "pe.fournier"])
def test_MCP_SUPP_02_seul_l_administrateur_sollicite_la_caf(base: Convention, acteur: str) -> None:
    d = peut(base, acteur, Action.CONTACTER_CAF, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-SUPP-02", severite=E, cible=acteur)


@pytest.mark.regle("MCP-SUPP-02", declenche=True)
def test_MCP_SUPP_02_la_caf_ne_se_sollicite_pas_elle_meme(base: Convention) -> None:
    d = peut(base, CAF, Action.CONTACTER_CAF, instant=INSTANT)
    assert d.autorise is False
    declenche(d, "MCP-SUPP-02", severite=E, cible=None)


@pytest.mark.regle("MCP-SUPP-02", declenche=False)
@pytest.mark.parametrize("administrateur", ["adm.martin", "adm.bernard"])
def test_MCP_SUPP_02_l_administrateur_est_le_contact_privilegie(
    base: Convention, administrateur: str
) -> None:
    d = peut(base, administrateur, Action.CONTACTER_CAF, instant=INSTANT)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-SUPP-02")


# --- MCP-SUPP-03 : l'objet nomme service, numéro de convention et organisme ----------------


@pytest.mark.regle("MCP-SUPP-03", declenche=True)
@pytest.mark.parametrize(
    "objet",
    [
        "Problème d'accès CDAP",
        "CDAP Ville d'Exemple",
        "19_214 CDAP Ville d'Exemple",
        "CDAP Ville d'Exemple 19_214",
        "OFFRE_BAILLEURS 19_214 Ville d'Exemple",
    ],
)
def test_MCP_SUPP_03_objet_incomplet_ou_dans_le_desordre(base: Convention, objet: str) -> None:
    d = verifier_objet_demande(base, objet)
    assert d.autorise is False
    declenche(d, "MCP-SUPP-03", severite=W, cible=None)


@pytest.mark.regle("MCP-SUPP-03", declenche=False)
@pytest.mark.parametrize(
    "objet",
    [
        "CDAP 19_214 VILLE D'EXEMPLE",
        "cdap 19_214 ville d’exemple",
        "AFAS  19_214  Ville d'Exemple : accès d'un déclarant",
    ],
)
def test_MCP_SUPP_03_objet_service_convention_organisme(base: Convention, objet: str) -> None:
    d = verifier_objet_demande(base, objet)
    assert d.autorise is True
    ne_declenche_pas(d, "MCP-SUPP-03")


@pytest.mark.regle("MCP-SUPP-03", declenche=False)
@pytest.mark.parametrize("service", [Service.CDAP, Service.AFAS, Service.ADONIS])
def test_MCP_SUPP_03_l_objet_propose_par_la_bibliotheque_est_conforme(
    base: Convention, service: Service
) -> None:
    objet = objet_demande_caf(base, service)
    assert objet == f"{service.value} 19_214 VILLE D'EXEMPLE"
    ne_declenche_pas(verifier_objet_demande(base, objet), "MCP-SUPP-03")


@pytest.mark.regle("MCP-SUPP-03", declenche=True)
@pytest.mark.parametrize(
    "objet",
    [
        "CDAP 119_2145 Ville d'Exemple",
        "CDAP 19_2145 Ville d'Exemple",
        "CDAP A19_214 Ville d'Exemple",
        "CDAP 19_214 Ville d'Exemples",
        "XCDAP 19_214 Ville d'Exemple",
    ],
)
def test_MCP_SUPP_03_numero_organisme_et_service_en_mots_entiers(
    base: Convention, objet: str
) -> None:
    """Constat de revue n° 10 : « 119_2145 » passait pour « 19_214 »."""
    d = verifier_objet_demande(base, objet)
    assert d.autorise is False
    declenche(d, "MCP-SUPP-03", severite=W, cible=None)


def _suggere(d: Decision) -> str:
    """L'objet que propose le remède : « … »."""
    (constat,) = d.constats
    trouve = re.search(r"« (.*) »", constat.remede)
    assert trouve is not None, constat.remede
    return trouve.group(1)


@pytest.mark.regle("MCP-SUPP-03", declenche=True)
@pytest.mark.parametrize(
    ("objet", "suggere"),
    [
        ("Problème d'accès", "CDAP 19_214 VILLE D'EXEMPLE"),
        ("19_214 Ville d'Exemple", "CDAP 19_214 VILLE D'EXEMPLE"),
        ("Question ADONIS", "ADONIS 19_214 VILLE D'EXEMPLE"),
        ("afas : accès d'un déclarant", "AFAS 19_214 VILLE D'EXEMPLE"),
    ],
)
def test_MCP_SUPP_03_l_objet_suggere_nomme_cdap_sauf_autre_service(
    base: Convention, objet: str, suggere: str
) -> None:
    d = verifier_objet_demande(base, objet)
    declenche(d, "MCP-SUPP-03", severite=W, cible=None)
    assert _suggere(d) == suggere


@pytest.mark.regle("MCP-SUPP-03", declenche=False)
@pytest.mark.parametrize(
    "objet",
    [
        "OFFRE_BAILLEURS 19_214 Ville d'Exemple",
        "Offre-bailleurs 19_214 Ville d'Exemple",
        "offre bailleurs 19_214 VILLE D'EXEMPLE",
    ],
)
def test_MCP_SUPP_03_offre_bailleurs_sous_ses_graphies(objet: str) -> None:
    c = convention(services=(Service.CDAP, Service.OFFRE_BAILLEURS))
    ne_declenche_pas(verifier_objet_demande(c, objet), "MCP-SUPP-03")


@pytest.mark.regle("MCP-SUPP-03", declenche=True)
def test_MCP_SUPP_03_convention_sans_service_ne_plante_pas() -> None:
    c = convention(services=(), profils=())
    d = verifier_objet_demande(c, "Problème")
    declenche(d, "MCP-SUPP-03", severite=W, cible=None)
    assert _suggere(d) == "CDAP 19_214 VILLE D'EXEMPLE"
    assert verifier_objet_demande(c, _suggere(d)).autorise
