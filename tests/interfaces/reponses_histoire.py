"""Les réponses de l'histoire et de la revue sur une convention, pour les tests de schémas
(jsonschema ici, ajv dans la CI par ``.ci/schemas.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import mcp_rules as m
from mcp_rules import Avis, Convention, ProfilT, ReponseRevue, Service
from mcp_rules.exemple import INSTANT_EXEMPLE


def reponses_histoire(convention: Convention, comptes_max: int = 6) -> Iterator[object]:
    """Accès passés (à un instant, pendant un intervalle, avant le journal), périodes,
    actes, revue et conclusion (une clôture, une confirmation, un refus)."""
    h = m.historique(convention)
    debut = h.debut or INSTANT_EXEMPLE
    instants = (debut - timedelta(days=30), debut, INSTANT_EXEMPLE)
    for t in instants:
        yield h.qui_avait_acces(instant=t)
    yield h.qui_avait_acces(du=instants[0], au=INSTANT_EXEMPLE, profil=ProfilT.T1)
    comptes = [u.identifiant for u in convention.utilisateurs][:comptes_max]
    for ident in comptes:
        for t in instants:
            yield h.acces_cdap(ident, instant=t)
        yield h.acces_cdap_pendant(ident, du=instants[0], au=INSTANT_EXEMPLE)
        for quoi in (ProfilT.T1, Service.CDAP, Service.AFAS):
            yield h.periodes(ident, quoi)
        yield h.actes(compte=ident)
    for g in convention.groupes[:2]:
        yield h.actes(groupe=g.code)
    r = m.revue(convention, instant=INSTANT_EXEMPLE)
    yield r
    reponses = [
        ReponseRevue(relecteur=a.relecteurs[0], identifiant=a.identifiant, avis=avis)
        for a, avis in zip(r.comptes[:2], (Avis.CLORE, Avis.GARDER), strict=False)
    ]
    if comptes:
        reponses.append(ReponseRevue(relecteur="inconnu.x", identifiant=comptes[0], avis="CLORE"))
    yield m.conclure_revue(convention, r, reponses, instant=INSTANT_EXEMPLE)
