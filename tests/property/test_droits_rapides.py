"""La table des droits compilée (le chemin rapide de ``peut``) dit exactement ce que dit la
table de référence : même verdict, mêmes constats, sur chaque question de la portée.

Trois sources de conventions :

1. les deux départs de la petite portée et leurs variantes (gestion non déléguée, comptes
   clôturés ou pas encore créés, identifiants en majuscules dans les groupes, un code de
   groupe égal à un identifiant, des sous-groupes sur trois niveaux, un sous-groupe
   d'AFAS-DECLARER, un faux AFAS-HABILITER d'ADONIS, un groupe Offre-bailleurs), à chaque
   instant autour des créations et des clôtures ;
2. les états qu'atteint **une** commande acceptée (chaque commande, par chaque acteur, avec
   chaque argument de la portée : :mod:`.petite_portee`), sur un échantillon régulier
   (``MCP_DROITS_RAPIDES_ETATS``, 20 par défaut) ;
3. des conventions tirées par hypothesis (celles de :mod:`.test_modele_reference`).

Voir :mod:`.droits_rapides` pour les questions posées.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from datetime import timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mcp_rules as m
from mcp_rules import (
    GROUPE_AFAS_DECLARER,
    GROUPE_AFAS_HABILITER,
    Action,
    Convention,
    Decision,
    Groupe,
    Service,
)
from mcp_rules.decisions import autorisations
from mcp_rules.regles.droits_compiles import evaluer_rapide

from . import droits_rapides as dr
from . import petite_portee as pp
from .test_modele_reference import EXEMPLES, REGLAGES, conventions, instants_pour

ETATS = int(os.environ.get("MCP_DROITS_RAPIDES_ETATS", "20"))

# --- 1. les départs et leurs variantes -------------------------------------------------------


def _avec(c: Convention, *groupes: Groupe, **champs: Any) -> Convention:
    return attrs.evolve(c, groupes=[*c.groupes, *groupes], **champs)


def _comptes(c: Convention, **changements: dict[str, Any]) -> Convention:
    comptes = [
        attrs.evolve(u, **changements[u.identifiant]) if u.identifiant in changements else u
        for u in c.utilisateurs
    ]
    return attrs.evolve(c, utilisateurs=comptes)


def _majuscules(c: Convention) -> Convention:
    """Les mêmes groupes, leurs gestionnaires, membres et parents écrits en majuscules."""
    groupes = [
        attrs.evolve(
            g,
            gestionnaire=g.gestionnaire.upper(),
            membres=frozenset(x.upper() for x in g.membres),
            parent=None if g.parent is None else g.parent.lower(),
        )
        for g in c.groupes
    ]
    return attrs.evolve(c, groupes=groupes, administrateurs=frozenset({"ADM.A", "adm.b"}))


def variantes() -> dict[str, Convention]:
    sg, hab = pp.depart_sous_groupe(), pp.depart_habiliter()
    adonis, afas, cdap = Service.ADONIS, Service.AFAS, Service.CDAP
    jour = timedelta(days=1)
    tout = frozenset(Service)
    return {
        "sous-groupe": sg,
        "habiliter": hab,
        "non déléguée": attrs.evolve(sg, gestion_deleguee=False),
        "habiliter non déléguée": attrs.evolve(hab, gestion_deleguee=False),
        "clôtures": _comptes(
            hab,
            **{
                "gest.d": {"cloture_le": pp.T - jour},
                "gest.e": {"cloture_le": pp.T + jour},
                "u.i": {"cloture_le": pp.T - jour},
                "adm.b": {"cloture_le": pp.T + jour},
            },
        ),
        "pas encore créés": _comptes(
            sg,
            **{
                "gest.c": {"cree_le": pp.T + jour, "derniere_connexion": None},
                "u.g": {"cree_le": pp.T + jour, "derniere_connexion": None},
            },
        ),
        "majuscules": _majuscules(sg),
        "code = identifiant, trois niveaux, Offre-bailleurs": _avec(
            sg,
            pp._groupe("U.H", adonis, "gest.c", "u.f"),
            pp._groupe("ADO-S2", adonis, "gest.c", "u.i", parent="ADO-S"),
            pp._groupe("OB", Service.OFFRE_BAILLEURS, "gest.e", "u.h", "gest.d"),
            services=tout,
        ),
        "sous-groupe d'AFAS-DECLARER, faux AFAS-HABILITER": _avec(
            sg,
            pp._groupe("DECL-S", afas, "gest.d", "u.h", parent=GROUPE_AFAS_DECLARER),
            pp._groupe(GROUPE_AFAS_HABILITER, adonis, "gest.c", "u.h", "gest.d"),
            pp._groupe("T2S", cdap, "gest.d", "u.g", parent="T1A"),
        ),
        "AFAS non souscrit": attrs.evolve(
            hab,
            services=frozenset({cdap, adonis}),
            groupes=[g for g in hab.groupes if g.service is not afas],
            afas=m.ConfigurationAfas(),
        ),
    }


VARIANTES = variantes()


@pytest.mark.parametrize("nom", list(VARIANTES))
def test_variantes_des_departs(nom: str, monkeypatch: pytest.MonkeyPatch) -> None:
    bilan = dr.comparer(VARIANTES[nom], monkeypatch, t=pp.T)
    # La table compilée a bien jugé une part des questions (les autres ont un acteur inconnu
    # ou clôturé, la Caf, un groupe inconnu… ; sans délégation, seules les actions hors
    # habilitations lui reviennent), et il y a des oui comme des non.
    assert bilan.rapides > bilan.questions // 30, bilan
    assert 0 < bilan.accordees < bilan.questions, bilan


def test_les_variantes_sont_ce_qu_elles_disent() -> None:
    """Les variantes ont bien ce qu'on leur prête (sinon elles ne testent rien de plus)."""
    v = VARIANTES
    assert not v["non déléguée"].gestion_deleguee
    clos = v["clôtures"].utilisateur("gest.d")
    assert clos.cloture_le is not None
    assert clos.cloture_le < pp.T
    assert v["pas encore créés"].utilisateur("gest.c").cree_le > pp.T
    assert v["majuscules"].groupe("T1A").gestionnaire == "GEST.C"
    c = v["code = identifiant, trois niveaux, Offre-bailleurs"]
    assert c.trouver_groupe("u.h") is not None
    assert c.trouver_utilisateur("u.h") is not None
    assert c.groupe("ADO-S2").parent == "ADO-S"
    faux = v["sous-groupe d'AFAS-DECLARER, faux AFAS-HABILITER"].groupe(GROUPE_AFAS_HABILITER)
    assert faux.service is Service.ADONIS
    assert Service.AFAS not in v["AFAS non souscrit"].services


# --- 2. les états à une commande des départs -------------------------------------------------


def etats_a_une_commande() -> list[Convention]:
    """Chaque état distinct qu'atteint une commande acceptée depuis l'un des départs."""
    vus: set[Hashable] = set()
    etats: list[Convention] = []
    for depart in (pp.depart_sous_groupe(), pp.depart_habiliter()):
        for par in pp.acteurs(depart):
            for nom, args in pp.arguments(depart, par):
                r = getattr(m, nom)(depart, par=par, instant=pp.T, **args)
                if r.accepte and (e := pp.empreinte(r.convention, pp.T)) not in vus:
                    vus.add(e)
                    etats.append(r.convention)
    return etats


def test_etats_a_une_commande(monkeypatch: pytest.MonkeyPatch) -> None:
    etats = etats_a_une_commande()
    assert len(etats) > 100  # l'exploration atteint bien des états variés
    total = dr.Bilan()
    for c in pp._echantillon(etats, ETATS):
        b = dr.comparer(c, monkeypatch, t=pp.T, tous_les_instants=False)
        total.questions += b.questions
        total.rapides += b.rapides
        total.accordees += b.accordees
    assert total.rapides > total.questions // 5, total


# --- 3. des conventions au hasard ------------------------------------------------------------


@settings(max_examples=max(10, EXEMPLES // 4), parent=REGLAGES)
@given(c=conventions(max_comptes=5), data=st.data())
def test_conventions_aleatoires(c: Convention, data: st.DataObject) -> None:
    t = data.draw(instants_pour(c), label="instant")
    actions = data.draw(
        st.lists(st.sampled_from(list(Action)), min_size=3, max_size=6, unique=True),
        label="actions",
    )
    with pytest.MonkeyPatch.context() as monkeypatch:
        dr.comparer(c, monkeypatch, t=t, actions=actions, tous_les_instants=False)


# --- la comparaison sait échouer -------------------------------------------------------------


def _fausse(
    original: Callable[..., Decision | None],
) -> Callable[..., Decision | None]:
    """Le chemin rapide, qui accorderait tout ce qu'il juge à un gestionnaire."""

    def fausse(*args: Any) -> Decision | None:
        d = original(*args)
        return Decision(autorise=True) if d is not None else None

    return fausse


def test_la_comparaison_voit_un_oui_de_trop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(autorisations, "evaluer_rapide", _fausse(evaluer_rapide))
    with pytest.raises(AssertionError):
        dr.comparer_une(pp.depart_sous_groupe(), "gest.c", Action.GERER_MEMBRES, pp.T, groupe="ADO")


def test_la_comparaison_voit_une_explication_differente(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = evaluer_rapide

    def autre_explication(*args: Any) -> Decision | None:
        d = original(*args)
        return None if d is None else Decision(autorise=d.autorise)

    monkeypatch.setattr(autorisations, "evaluer_rapide", autre_explication)
    with pytest.raises(AssertionError):
        dr.comparer_une(pp.depart_sous_groupe(), "gest.c", Action.GERER_MEMBRES, pp.T, groupe="T1A")
