"""Les structures persistantes de la convention : le journal en maillons, les tables HAMT.

Une commande ne recopie plus les tables ni le journal : elle pose ses changements sur
des structures partagées avec l'état précédent. Ces tests vérifient que rien ne se voit
de ce partage : le journal se lit comme le tuple qu'il aurait été, l'état précédent ne
change jamais, une convention se copie et se transmet (pickle) comme avant.
"""

from __future__ import annotations

import copy
import pickle
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

import mcp_rules as m
from mcp_rules import strategies as mst
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.modele.journal import Journal

_EVENEMENTS = st.lists(mst.evenements(), max_size=4)


@given(st.lists(_EVENEMENTS, max_size=8), st.data())
def test_un_journal_en_maillons_se_lit_comme_le_tuple_des_ajouts(
    lots: list[list[m.Evenement]], data: st.DataObject
) -> None:
    """Quel que soit l'ordre des lectures (à plat, dernier, longueur, index), chaque maillon
    se lit comme la concaténation de ce qu'on lui a ajouté, et les maillons d'avant ne
    bougent pas."""
    maillons = [Journal.de(())]
    attendus: list[tuple[m.Evenement, ...]] = [()]
    for lot in lots:
        maillons.append(maillons[-1].ajouter(lot))
        attendus.append((*attendus[-1], *lot))
        lu = data.draw(st.integers(0, len(maillons) - 1), label="maillon lu en passant")
        assert maillons[lu].a_plat() == attendus[lu]
    for maillon, attendu in zip(maillons, attendus, strict=True):
        assert len(maillon) == len(attendu)
        assert maillon.dernier == (attendu[-1] if attendu else None)
        assert tuple(maillon) == attendu
        assert maillon.a_plat() == attendu
        if attendu:
            assert maillon[-1] == attendu[-1]
            assert maillon[0] == attendu[0]
            assert maillon[1:] == attendu[1:]
    assert maillons[-1] == Journal.de(attendus[-1])
    assert maillons[0] != Journal.de(
        (m.AdministrateurDesigne(instant=INSTANT_EXEMPLE, par=m.CAF, identifiant="adm.x"),)
    )


def test_un_lot_vide_ne_fait_pas_de_maillon() -> None:
    j = Journal.de(())
    assert j.ajouter([]) is j
    assert j.dernier is None
    assert len(j) == 0


def test_dix_mille_commandes_a_la_suite_se_lisent_sans_recursion() -> None:
    """Une longue chaîne de maillons se met à plat sans récursion (ni limite de pile)."""
    e = m.AdministrateurDesigne(instant=INSTANT_EXEMPLE, par=m.CAF, identifiant="adm.x")
    j = Journal.de(())
    for _ in range(10_000):
        j = j.ajouter([e])
    assert len(j) == 10_000
    assert j.dernier is e
    assert j.a_plat() == (e,) * 10_000


def _apres_commandes() -> tuple[m.Convention, m.Convention]:
    c = convention_exemple()
    admin = min(c.administrateurs)
    t = INSTANT_EXEMPLE
    r = m.cloturer_compte(c, par=admin, utilisateur="as.leroy", le=t, instant=t)
    assert r.accepte, r.constats
    r2 = m.reactiver_compte(
        r.convention, par=admin, utilisateur="as.leroy", instant=t + timedelta(hours=1)
    )
    assert r2.accepte, r2.constats
    return c, r2.convention


def test_l_etat_precedent_ne_change_pas_apres_des_commandes() -> None:
    avant = convention_exemple()
    c, apres = _apres_commandes()
    assert c == avant
    assert c.journal == avant.journal
    assert len(apres.journal) == len(c.journal) + 2
    assert apres.journal[: len(c.journal)] == c.journal
    assert apres.dernier_evenement is apres.journal[-1]
    assert c.utilisateur("as.leroy") == avant.utilisateur("as.leroy")


def test_une_convention_apres_commandes_se_copie_et_se_transmet() -> None:
    _, apres = _apres_commandes()
    for copie in (copy.deepcopy(apres), pickle.loads(pickle.dumps(apres))):
        assert copie == apres
        assert copie.journal == apres.journal
        assert copie.dernier_evenement == apres.dernier_evenement
        assert m.auditer(copie, instant=INSTANT_EXEMPLE) == m.auditer(
            apres, instant=INSTANT_EXEMPLE
        )
