"""Interprétation 20 : la cible d'un constat nomme l'objet de sa règle, partout.

Pour chaque règle, :attr:`~mcp_rules.Regle.objet` dit ce que nomme la cible de ses constats :
le code d'un groupe, l'identifiant d'un compte, ou rien (la convention). Sur des conventions
au hasard, on recueille les constats de tout ce que la bibliothèque produit — audit,
questions (``peut`` pour chaque acteur, chaque action, chaque groupe, chaque compte ;
``acces_cdap``, ``acces_service``, ``consulter_dossier``, ``eligibilite``), diagnostics de
chaque symptôme et leurs plans, commandes par chaque acteur — et l'on vérifie que chaque
cible est bien de la sorte annoncée (``None`` étant permis quand la demande ne nommait aucun
objet de cette sorte).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mcp_rules as m
from mcp_rules import (
    CATALOGUE,
    Action,
    Constat,
    Convention,
    Objet,
    ProfilT,
    Service,
    Symptome,
    Utilisateur,
)
from mcp_rules import strategies as mst

from . import petite_portee as pp

_ARGUMENTS_DE_GROUPE = frozenset({"groupe", "code", "parent"})


def sortes(cible: str, conventions: Iterable[Convention], arguments: dict[str, Any]) -> set[Objet]:
    """Ce que peut être ``cible`` : un groupe, un compte (existant, ou nommé par la demande)."""
    trouve: set[Objet] = set()
    for c in conventions:
        if c.trouver_groupe(cible) is not None:
            trouve.add(Objet.GROUPE)
        if c.trouver_utilisateur(cible) is not None:
            trouve.add(Objet.COMPTE)
        # Un constat tiré du journal (MCP-GRP-07) nomme le groupe que l'événement nomme,
        # même quand la convention générée ne l'a pas (le journal n'est pas vérifié contre
        # l'état) : c'est bien le code d'un groupe (interprétation 20).
        for e in c.journal:
            for nom, sorte in (("groupe", Objet.GROUPE), ("parent", Objet.GROUPE)):
                nomme = getattr(e, nom, None)
                if isinstance(nomme, str) and nomme.lower() == cible.lower():
                    trouve.add(sorte)
            for nom in ("utilisateur", "gestionnaire", "precedent"):
                nomme = getattr(e, nom, None)
                if isinstance(nomme, str) and nomme.lower() == cible.lower():
                    trouve.add(Objet.COMPTE)
    for nom, brut in arguments.items():
        valeur = brut.identifiant if isinstance(brut, Utilisateur) else brut
        if isinstance(valeur, str) and valeur.lower() == cible.lower():
            trouve.add(Objet.GROUPE if nom in _ARGUMENTS_DE_GROUPE else Objet.COMPTE)
    return trouve


def verifier(
    ou: str, constats: Iterable[Constat], conventions: list[Convention], arguments: dict[str, Any]
) -> None:
    for x in constats:
        objet = x.regle.objet
        assert CATALOGUE[x.code] is x.regle
        if x.cible is None:
            continue
        assert objet is not Objet.CONVENTION, (ou, x.code, x.cible, x.message)
        possibles = sortes(x.cible, conventions, arguments)
        assert objet in possibles, (ou, x.code, objet, x.cible, possibles, x.message)


def questions(
    c: Convention, t: datetime
) -> Iterator[tuple[str, Iterable[Constat], dict[str, Any]]]:
    yield "auditer", m.auditer(c, instant=t).constats, {}
    groupes: list[str | None] = [None, *(g.code for g in c.groupes)]
    comptes: list[str | None] = [None, *(u.identifiant for u in c.utilisateurs)]
    for u in c.utilisateurs:
        ident = u.identifiant
        moi = {"utilisateur": ident}
        yield "acces_cdap", m.acces_cdap(c, ident, instant=t).constats, moi
        for s in Service:
            yield "acces_service", m.acces_service(c, ident, s, instant=t).constats, moi
        d = m.consulter_dossier(
            c, ident, numero_allocataire="1234567", nom_allocataire="Dupont", instant=t
        )
        yield "consulter_dossier", d.constats, moi
        for p in ProfilT:
            yield "eligibilite", m.eligibilite(u, p).constats, moi
        for s_ in Symptome:
            saisie = "093A12301" if s_ is Symptome.NUMERO_INSTRUCTEUR_NON_RECONNU else None
            diag = m.diagnostiquer(c, ident, s_, instant=t, saisie=saisie)
            yield f"diagnostiquer {s_.value}", diag.causes, moi
        for action in Action:
            for g in groupes[:3]:
                for x in comptes[:3]:
                    arguments = {"groupe": g, "utilisateur": x, "par": ident}
                    d = m.peut(
                        c,
                        ident,
                        action,
                        groupe=g,
                        utilisateur=x,
                        service=Service.CDAP,
                        instant=t,
                    )
                    yield f"peut {action.value}", d.constats, arguments


@settings(
    max_examples=max(10, settings().max_examples // 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mst.conventions(max_comptes=6, max_groupes=4), mst.instants())
def test_questions_audit_et_diagnostics(c: Convention, t: datetime) -> None:
    for ou, constats, arguments in questions(c, t):
        verifier(ou, constats, [c], arguments)


@settings(
    max_examples=max(10, settings().max_examples // 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mst.conventions(max_comptes=6, max_groupes=4, avec_journal=False), mst.instants(), st.data())
def test_commandes(c: Convention, t: datetime, data: st.DataObject) -> None:
    possibles = [(par, nom, args) for par in pp.acteurs(c) for nom, args in pp.arguments(c, par)]
    for par, nom, args in data.draw(
        st.lists(st.sampled_from(possibles), min_size=20, max_size=60), label="commandes"
    ):
        r = getattr(m, nom)(c, par=par, instant=t, **args)
        verifier(nom, r.constats, [c, r.convention], {**args, "par": par})


def test_commandes_sur_les_petites_conventions() -> None:
    """Chaque commande de la portée, par chaque acteur, sur les deux départs."""
    for c in (pp.depart_sous_groupe(), pp.depart_habiliter()):
        for ou, constats, arguments in questions(c, pp.T):
            verifier(ou, constats, [c], arguments)
        for par in pp.acteurs(c):
            for nom, args in pp.arguments(c, par):
                r = getattr(m, nom)(c, par=par, instant=pp.T, **args)
                verifier(nom, r.constats, [c, r.convention], {**args, "par": par})


def test_chaque_regle_dit_son_objet() -> None:
    par_objet = {o: sorted(c for c, r in CATALOGUE.items() if r.objet is o) for o in Objet}
    assert all(c.startswith("MCP-GRP-") for c in par_objet[Objet.GROUPE] if "GRP" in c)
    assert "MCP-GRP-06" in par_objet[Objet.CONVENTION]  # un profil sans groupe : pas de code
    assert {"MCP-CONV-02", "MCP-AFAS-04", "MCP-SUPP-03"} <= set(par_objet[Objet.CONVENTION])
    assert {"MCP-GRP-05", "MCP-GRP-08", "MCP-ROLE-07"} <= set(par_objet[Objet.GROUPE])
    assert {"MCP-ROLE-09", "MCP-ELIG-06", "MCP-SEC-05"} <= set(par_objet[Objet.COMPTE])
