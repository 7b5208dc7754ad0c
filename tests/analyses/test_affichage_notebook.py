"""Résultat d'une commande, simulation et table de décision dans un notebook : HTML et
Markdown lisibles (sévérités en couleur, codes qui ne se coupent pas), toujours échappés,
et une représentation courte, sur une ligne, quelle que soit la taille de la convention."""

from __future__ import annotations

import re

import pytest

from mcp_rules import (
    CATALOGUE,
    Commande,
    Constat,
    Resultat,
    Severite,
    ajouter_au_groupe,
    retirer_du_groupe,
    simuler,
    table_de_decision,
)
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.generateur import convention_synthetique

PIEGE = '<script>alert("x")</script> | *gras* `code`'


def _accepte() -> Resultat:
    return retirer_du_groupe(
        convention_exemple(),
        par="gest.durand",
        groupe="T1AS",
        utilisateur="as.leroy",
        instant=INSTANT_EXEMPLE,
    )


def _refuse() -> Resultat:
    return ajouter_au_groupe(
        convention_exemple(),
        par="as.leroy",
        groupe="T1AS",
        utilisateur="as.moreau",
        instant=INSTANT_EXEMPLE,
    )


def test_un_resultat_accepte_s_affiche_avec_ses_evenements() -> None:
    r = _accepte()
    assert r.accepte
    assert r.evenements
    page = r._repr_html_()
    assert "color:#1b7f3b" in page  # « acceptée », en vert
    assert page.count("<tr>") == len(r.evenements) + 1
    for e in r.evenements:
        assert f'<code style="white-space:nowrap">{type(e).__name__}</code>' in page
    assert "Commande **acceptée**" in r._repr_markdown_()


def test_un_resultat_refuse_montre_ses_constats_en_couleur() -> None:
    r = _refuse()
    assert not r.accepte
    assert r.constats
    page = r._repr_html_()
    assert "color:#b00020" in page  # « refusée » et les erreurs, en rouge
    assert "la convention est inchangée" in page
    for code in r.codes:
        assert f'<code style="white-space:nowrap">{code}</code>' in page
    assert "`" + r.codes[0] + "`" in r._repr_markdown_()


def test_tout_texte_venu_des_donnees_est_echappe() -> None:
    constat = Constat(
        regle=CATALOGUE["MCP-USR-01"],
        severite=Severite.ERREUR,
        message=PIEGE,
        cible=PIEGE,
        remede=PIEGE,
    )
    r = Resultat(accepte=False, convention=convention_exemple(), constats=(constat,))
    page = r._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    markdown = r._repr_markdown_()
    assert "<script>" not in markdown
    assert "\\*gras\\*" in markdown
    assert "\\|" in markdown


@pytest.mark.parametrize("taille", [15, 2000])
def test_la_representation_est_courte_et_sur_une_ligne(taille: int) -> None:
    convention = convention_exemple() if taille == 15 else convention_synthetique(taille, graine=3)
    r = Resultat(accepte=True, convention=convention)
    texte = repr(r)
    assert "\n" not in texte
    assert len(texte) < 200
    assert texte.startswith("<Resultat acceptée : 0 événement(s), 0 constat(s)")


def test_une_simulation_s_affiche_commande_par_commande() -> None:
    s = simuler(
        convention_exemple(),
        [
            Commande("retirer_role", par="adm.martin", arguments={"groupe": "T1AS"}),
            Commande(
                "ajouter_au_groupe",
                par="as.leroy",
                arguments={"groupe": "T1AS", "utilisateur": "as.moreau"},
            ),
        ],
        instant=INSTANT_EXEMPLE,
    )
    page = s._repr_html_()
    assert "color:#1b7f3b" in page
    assert "color:#b00020" in page
    for c in s.changements:
        assert f'<code style="white-space:nowrap">{c.identifiant}</code>' in page
    texte = repr(s)
    assert "\n" not in texte
    assert len(texte) < 200
    assert texte.startswith("<Simulation : 2 commande(s), 1 acceptée(s)")
    assert "Simulation sur la convention 19\\_214" in s._repr_markdown_()


def test_la_table_de_decision_montre_chaque_cas() -> None:
    table = table_de_decision()
    page = table._repr_html_()
    assert page.count("<tr>") == len(table.lignes) + 1
    permis = sum(x.autorise for x in table.lignes)
    assert len(re.findall(r"color:#1b7f3b;font-weight:600\">oui<", page)) == permis
    assert repr(table) == f"<TableDecision : {len(table.lignes)} cas, {permis} permis>"
    # Le Markdown reste celui de vers_markdown, que la page du catalogue reprend.
    assert table._repr_markdown_() == table.vers_markdown()
