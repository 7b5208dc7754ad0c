"""Un document fautif : **tous** ses problèmes à la fois, chacun à son chemin JSON."""

from __future__ import annotations

import pytest

from mcp_rules import DonneesInvalides, Groupe, Utilisateur
from mcp_rules.serialisation import depuis_dict


def chemins(document: object, type_: type[object]) -> dict[str, str]:
    with pytest.raises(DonneesInvalides) as erreur:
        depuis_dict(document, type_)
    return {e.chemin: e.code for e in erreur.value.erreurs}


def test_champs_absents_et_valeur_fautive_dans_le_meme_passage() -> None:
    assert chemins({"identifiant": "x y", "nom": "X"}, Utilisateur) == {
        "$.prenom": "MCP-DONNEE-MANQUANTE",
        "$.email": "MCP-DONNEE-MANQUANTE",
        "$.cree_le": "MCP-DONNEE-MANQUANTE",
        "$.identifiant": "MCP-DONNEE-IDENTIFIANT",
    }


def test_type_fautif_et_incoherence_de_dates_ensemble() -> None:
    document = {
        "identifiant": "as.leroy",
        "nom": " Leroy",
        "prenom": 3,
        "email": "anne@",
        "cree_le": "2026-01-01T00:00:00Z",
        "cloture_le": "2025-01-01T00:00:00Z",
    }
    assert chemins(document, Utilisateur) == {
        "$.prenom": "MCP-DONNEE-TYPE",
        "$.email": "MCP-DONNEE-EMAIL",
        "$.nom": "MCP-DONNEE-TEXTE",
        "$.cloture_le": "MCP-DONNEE-VALEUR",
    }


def test_un_groupe_dans_une_convention_garde_son_chemin() -> None:
    assert chemins({"code": "T1 AS", "libelle": "T1 x", "inconnu": 1}, Groupe) == {
        "$.service": "MCP-DONNEE-MANQUANTE",
        "$.gestionnaire": "MCP-DONNEE-MANQUANTE",
        "$.inconnu": "MCP-DONNEE-INCONNUE",
        "$.code": "MCP-DONNEE-IDENTIFIANT",
    }
