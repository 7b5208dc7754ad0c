"""Chaque plan de remède, appliqué tel quel, donne vraiment l'accès à CDAP.

Sur des conventions aléatoires, pour chaque compte sans accès : le plan proposé par
``diagnostiquer`` est exécuté, étape par étape, par le premier acteur qu'il nomme ;
chaque commande doit être acceptée et, à la fin, le compte doit avoir l'accès. Un plan
vide doit venir avec un recours (ce que le partenaire ne peut pas faire lui-même).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcp_rules import Convention, NumeroInstructeur, Symptome, acces_cdap, diagnostiquer
from mcp_rules import strategies as mst

VALEURS: dict[str, Any] = {
    "numero_instructeur": NumeroInstructeur.parse("093A1230100000"),
    "code_bailleur": "B123456",
}


@settings(
    max_examples=max(20, settings().max_examples // 3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(mst.conventions(max_comptes=10, max_groupes=6, avec_journal=False), mst.instants())
def test_chaque_plan_applique_donne_l_acces(convention: Convention, instant: datetime) -> None:
    for compte in convention.utilisateurs:
        if acces_cdap(convention, compte.identifiant, instant=instant).autorise:
            continue
        diagnostic = diagnostiquer(
            convention, compte.identifiant, Symptome.PAS_D_OPTION_CONSULTER, instant=instant
        )
        if not diagnostic.plan or not all(etape.par for etape in diagnostic.plan):
            assert diagnostic.recours is not None or not all(e.par for e in diagnostic.plan), (
                compte.identifiant,
                diagnostic,
            )
            continue
        etat = convention
        for etape in diagnostic.plan:
            valeurs = {nom: VALEURS[nom] for nom in etape.a_completer}
            resultat = etape.appliquer(etat, instant=instant, **valeurs)
            assert resultat.accepte, (etape.texte, resultat.constats)
            etat = resultat.convention
        assert acces_cdap(etat, compte.identifiant, instant=instant).autorise, diagnostic.plan


@given(st.data())
@settings(max_examples=max(10, settings().max_examples // 5), deadline=None)
def test_chaque_acteur_propose_peut_executer_l_etape(data: st.DataObject) -> None:
    """Pas seulement le premier : chaque acteur nommé par une étape peut l'exécuter."""
    convention = data.draw(mst.conventions(max_comptes=8, avec_journal=False))
    instant = data.draw(mst.instants())
    for compte in convention.utilisateurs:
        diagnostic = diagnostiquer(
            convention, compte.identifiant, Symptome.PAS_D_OPTION_CONSULTER, instant=instant
        )
        if not diagnostic.plan:
            continue
        etape = diagnostic.plan[0]
        valeurs = {nom: VALEURS[nom] for nom in etape.a_completer}
        for acteur in etape.par:
            assert etape.appliquer(convention, instant=instant, par=acteur, **valeurs).accepte
