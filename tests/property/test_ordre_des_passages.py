"""L'ordre des passages sur les comptes : un audit les lit dans l'ordre de la mémoire.

Ce qui ne doit jamais arriver : que l'ordre dans lequel l'audit (et l'index qu'il
construit) parcourt les comptes change quoi que ce soit d'observable. L'ordre de la
mémoire (:func:`~mcp_rules.modele.index.comptes_en_memoire`) n'est qu'un ordre de plus :
chaque propriété compare n'importe quel ordre des comptes à celui de la table.
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from mcp_rules import Convention, Politique, auditer
from mcp_rules import strategies as mst
from mcp_rules.analyses.audit import _DOMAINES_AUDITES
from mcp_rules.generateur import convention_synthetique
from mcp_rules.modele.index import Index, comptes_en_memoire, index
from mcp_rules.regles.contexte import ContexteAudit, Effectifs
from mcp_rules.regles.regle import Constat, trier_constats

from .test_machine_etats import tables_index


def _constats(contexte: ContexteAudit) -> list[Constat]:
    return trier_constats(x for d in _DOMAINES_AUDITES for x in d.auditer(contexte))


def test_l_ordre_de_la_memoire_est_celui_des_comptes_de_la_convention() -> None:
    c = convention_synthetique(300, graine=7)
    ordre = comptes_en_memoire(c)
    assert sorted(map(id, ordre)) == [id(u) for u in ordre]
    assert sorted(u.cle for u in ordre) == sorted(c._utilisateurs)
    assert all(c._utilisateurs[u.cle] is u for u in ordre)


@settings(max_examples=60)
@given(c=mst.conventions(max_comptes=10), data=st.data())
def test_l_index_ne_depend_pas_de_l_ordre_des_comptes(c: Convention, data: st.DataObject) -> None:
    ordre = data.draw(st.permutations(list(c._utilisateurs.values())))
    assert tables_index(Index.construire(c, ordre)) == tables_index(Index.construire(c))


@settings(max_examples=60)
@given(c=mst.conventions(max_comptes=10), t=mst.instants(), data=st.data())
def test_l_audit_ne_depend_pas_de_l_ordre_des_comptes(
    c: Convention, t: datetime, data: st.DataObject
) -> None:
    """Mêmes constats et mêmes effectifs, que les domaines lisent les comptes dans l'ordre
    de la table, dans un ordre quelconque, ou comme :func:`~mcp_rules.auditer`."""
    ordre = data.draw(st.permutations(list(c._utilisateurs.values())))
    politique = Politique()
    idx = index(c)
    vus = []
    for o in (None, ordre):
        effectifs = Effectifs(c.profils_contractuels)
        constats = _constats(ContexteAudit(c, idx, t, politique, effectifs, o))
        vus.append((constats, effectifs.actifs, effectifs.cdap, effectifs.par_profil))
    assert vus[0] == vus[1]
    rapport = auditer(c, instant=t)
    assert list(rapport.constats) == vus[0][0]
    assert rapport.nombre_comptes_actifs == vus[0][1]
