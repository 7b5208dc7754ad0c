"""SEC — les engagements de sécurité de l'annexe 2 (« Respect des termes de la convention »).

Guide, annexe 2, pour les administrateurs et les gestionnaires d'habilitations :

- Signaler rapidement tout départ de l'organisme des personnes occupant le rôle
  d'administrateur ou de gestionnaire d'habilitations.

Et, section 2 : l'administrateur qui quitte son organisme le signale aux administrateurs
MCP de la Caf, qui établissent une annexe 3 pour le remplacer. Les autres engagements
(protéger l'accès, ne jamais confier ses identifiants, confidentialité, incidents, guide
utilisateur) sont des règles de conduite : au catalogue, non vérifiables sur des données.
"""

# Les tests portent le code de leur règle, en capitales : test_MCP_SEC_05_…
# ruff: noqa: N802

from __future__ import annotations

from datetime import timedelta

import pytest

from mcp_rules import Convention, auditer, cloturer_compte

from .conftest import INSTANT, W, compte, convention, declenche, ne_declenche_pas


@pytest.mark.regle("MCP-SEC-05", declenche=True)
def test_MCP_SEC_05_cloturer_un_administrateur_rappelle_l_annexe_3(base: Convention) -> None:
    r = cloturer_compte(base, par="adm.martin", utilisateur="adm.bernard", instant=INSTANT)
    assert r.accepte
    (constat,) = declenche(r, "MCP-SEC-05", severite=W, cible="adm.bernard")
    assert "Caf" in constat.remede
    assert "annexe 3" in constat.remede


@pytest.mark.regle("MCP-SEC-05", declenche=True)
def test_MCP_SEC_05_cloturer_un_gestionnaire_rappelle_de_prevenir_les_administrateurs(
    base: Convention,
) -> None:
    """Constat de revue n° 11 : la clôture d'un gestionnaire ne disait rien du départ."""
    r = cloturer_compte(base, par="adm.martin", utilisateur="gest.durand", instant=INSTANT)
    assert r.accepte
    (constat,) = declenche(r, "MCP-SEC-05", severite=W, cible="gest.durand")
    assert "administrateurs" in constat.remede
    assert "T1AS" in constat.message
    # Le remède de chaque groupe laissé sans gestionnaire le rappelle aussi (GRP-08).
    grp08 = [x for x in r.constats if x.code == "MCP-GRP-08"]
    assert grp08
    assert all("signalé" in x.remede for x in grp08)


@pytest.mark.regle("MCP-SEC-05", declenche=False)
def test_MCP_SEC_05_cloturer_un_utilisateur_ne_dit_rien_du_depart(base: Convention) -> None:
    r = cloturer_compte(base, par="adm.martin", utilisateur="as.leroy", instant=INSTANT)
    assert r.accepte
    ne_declenche_pas(r, "MCP-SEC-05")


@pytest.mark.regle("MCP-SEC-05", declenche=True)
def test_MCP_SEC_05_audit_administrateur_cloture_non_remplace() -> None:
    clos = INSTANT - timedelta(days=3)
    c = convention(utilisateurs=[compte("adm.bernard", "Luc", "Bernard", cloture_le=clos)])
    (constat,) = declenche(
        auditer(c, instant=INSTANT), "MCP-SEC-05", severite=W, cible="adm.bernard"
    )
    assert clos.isoformat() in constat.message
    # La veille de la clôture, rien à signaler.
    ne_declenche_pas(auditer(c, instant=clos - timedelta(days=1)), "MCP-SEC-05")


@pytest.mark.regle("MCP-SEC-05", declenche=False)
def test_MCP_SEC_05_audit_administrateurs_actifs(base: Convention) -> None:
    ne_declenche_pas(auditer(base, instant=INSTANT), "MCP-SEC-05")
