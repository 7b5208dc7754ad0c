"""Les affichages pour notebooks échappent les données hostiles (noms, libellés, codes)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mcp_rules import (
    CATALOGUE,
    Convention,
    Groupe,
    Service,
    Symptome,
    Utilisateur,
    acces_cdap,
    auditer,
    diagnostiquer,
    eligibilite,
    matrice_acces,
)

T = datetime(2026, 11, 27, tzinfo=UTC)
HOSTILE = "<img src=x onerror=alert(1)>|**x**"


@pytest.fixture
def convention() -> Convention:
    u = Utilisateur(
        identifiant="as.x",
        nom=HOSTILE,
        prenom="<b>Anne</b>",
        email="anne.x@ville-exemple.fr",
        cree_le=T,
        fonction="ASSISTANT_SOCIAL",
    )
    return Convention(
        numero="19_214",
        organisme=HOSTILE,
        caf="Caf <script>",
        services={Service.CDAP},
        administrateurs={"as.x"},
        utilisateurs=[u],
        groupes=[
            Groupe(
                code="T1AS",
                libelle=f"T1 {HOSTILE}",
                service="CDAP",
                gestionnaire="as.x",
                role="T1",
                membres={"as.x"},
            )
        ],
    )


def objets(c: Convention) -> list[object]:
    return [
        c,
        auditer(c, instant=T),
        diagnostiquer(c, "as.x", Symptome.PAS_D_OPTION_CONSULTER, instant=T),
        acces_cdap(c, "as.x", instant=T),
        eligibilite(c.utilisateur("as.x"), "T1"),
        auditer(c, instant=T).constats[0],
        CATALOGUE["MCP-GRP-03"],
        matrice_acces(c, instant=T),
    ]


def test_chaque_affichage_html_echappe(convention: Convention) -> None:
    for objet in objets(convention):
        rendu = objet._repr_html_()  # type: ignore[attr-defined]
        assert "<img" not in rendu, type(objet)
        assert "<script" not in rendu
        assert "<b>Anne" not in rendu


def test_chaque_affichage_markdown_echappe(convention: Convention) -> None:
    for objet in objets(convention):
        rendu = objet._repr_markdown_()  # type: ignore[attr-defined]
        assert "<img" not in rendu, type(objet)
        assert "<script" not in rendu
        assert "**x**" not in rendu


def test_le_rapport_texte_neutralise_les_caracteres_de_controle() -> None:
    u = Utilisateur(
        identifiant="x.y", nom="Nom", prenom="Prénom", email="contact@ville-exemple.fr", cree_le=T
    )
    c = Convention(
        numero="1",
        organisme="O",
        caf="C",
        services={Service.CDAP},
        administrateurs={"x.y"},
        utilisateurs=[u],
    )
    texte = auditer(c, instant=T).texte()
    assert "\x1b" not in texte
    assert "MCP-USR-02 [x.y]" in texte
