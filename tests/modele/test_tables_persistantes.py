"""Les structures persistantes de la convention : le journal en maillons, les tables HAMT.

Une commande ne recopie plus les tables ni le journal : elle pose ses changements sur
des structures partagées avec l'état précédent. Ces tests vérifient que rien ne se voit
de ce partage : le journal se lit comme le tuple qu'il aurait été, l'état précédent ne
change jamais, une convention se copie et se transmet (pickle) comme avant.
"""

from __future__ import annotations

import copy
import linecache
import pickle
import sys
import threading
import weakref
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mcp_rules as m
from mcp_rules import strategies as mst
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple
from mcp_rules.modele.index import Index
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


@given(st.lists(_EVENEMENTS, max_size=8), st.data())
def test_la_suite_d_un_journal_se_lit_depuis_la_fin(
    lots: list[list[m.Evenement]], data: st.DataObject
) -> None:
    """``depuis(n)`` rend les événements à partir de la position ``n``, que les maillons
    aient été mis à plat ou non (la simulation lit ainsi ce que des commandes ont ajouté)."""
    maillons = [Journal.de(())]
    for lot in lots:
        maillons.append(maillons[-1].ajouter(lot))
        if data.draw(st.booleans(), label="mettre à plat en passant"):
            maillons[data.draw(st.integers(0, len(maillons) - 1))].a_plat()
    dernier = maillons[-1]
    tout = dernier.a_plat() if data.draw(st.booleans(), label="à plat") else None
    attendu = tuple(e for lot in lots for e in lot)
    for n in range(len(attendu) + 2):
        assert dernier.depuis(n) == attendu[n:]
    assert tout is None or tout == attendu


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


# --- revue adverse des tables persistantes ----------------------------------------------


def _histoire() -> tuple[m.Convention, m.Convention]:
    """Deux états d'une même histoire, journaux jamais lus (donc pas encore à plat), à partir
    de l'exemple sans son journal."""
    t = INSTANT_EXEMPLE
    c = attrs.evolve(convention_exemple(), journal=())
    r = m.cloturer_compte(c, par="adm.martin", utilisateur="as.leroy", instant=t)
    assert r.accepte, r.constats
    r = m.reactiver_compte(
        r.convention, par="adm.martin", utilisateur="as.leroy", instant=t + timedelta(hours=1)
    )
    assert r.accepte, r.constats
    c = r.convention
    r = m.ajouter_au_groupe(
        c, par="adm.martin", groupe="T2PE", utilisateur="cr.girard", instant=t + timedelta(hours=2)
    )
    assert r.accepte, r.constats
    return c, r.convention


def test_deux_fils_qui_lisent_deux_etats_d_une_histoire_lisent_chacun_toute_la_sienne() -> None:
    """Le fil A met à plat l'état le plus récent ; au milieu de sa remontée (arrêté sur le
    maillon de l'état précédent), le fil B lit l'état précédent. Sans verrou, B coupait la
    chaîne sous les pieds de A, qui gardait pour toujours un journal tronqué."""
    c2, c3 = _histoire()
    maillon_b = c2._journal
    lus: dict[str, tuple[m.Evenement, ...]] = {}
    arret = threading.Event()
    b = threading.Thread(target=lambda: lus.__setitem__("b", c2.journal))

    def trace(frame: FrameType, evenement: str, _: object) -> Any:
        if frame.f_code.co_name != "a_plat":
            return None

        def ligne(frame: FrameType, evenement: str, _: object) -> Any:
            # juste avant de suivre le lien du maillon de B, dont « _plat » vient d'être lu
            sur_b = frame.f_locals.get("maillon") is maillon_b
            source = linecache.getline(frame.f_code.co_filename, frame.f_lineno).strip()
            if source == "maillon = maillon._avant" and sur_b and not arret.is_set():
                arret.set()
                b.start()
                b.join(timeout=0.3)  # B avance tant qu'il peut pendant que A est arrêté
            return ligne

        return ligne

    def lire_a() -> None:
        sys.settrace(trace)
        try:
            lus["a"] = c3.journal
        finally:
            sys.settrace(None)

    a = threading.Thread(target=lire_a)
    a.start()
    a.join()
    b.join()
    assert arret.is_set()
    _, rejoue = _histoire()
    assert lus["a"] == rejoue.journal
    assert len(lus["a"]) == len(c3._journal) == 3
    assert lus["b"] == rejoue.journal[:2]
    assert c3.journal == lus["a"]


def test_un_journal_refuse_toute_ecriture_et_se_transmet_a_plat() -> None:
    c2, c3 = _histoire()
    for nom in ("_avant", "_suite", "_plat", "_longueur"):
        with pytest.raises(AttributeError):
            setattr(c2._journal, nom, ())
    assert [type(e).__name__ for e in c3.journal] == [
        "CompteCloture",
        "CompteReactive",
        "MembreAjoute",
    ]
    e = m.AdministrateurDesigne(instant=INSTANT_EXEMPLE, par=m.CAF, identifiant="adm.x")
    long = Journal.de(())
    for _ in range(20_000):
        long = long.ajouter([e])
    for copie in (copy.deepcopy(long), pickle.loads(pickle.dumps(long))):
        assert copie == long
        assert len(copie) == 20_000


def test_une_adresse_partagee_nomme_toujours_le_meme_compte() -> None:
    """Quatre comptes lus avec la même adresse : le refus d'une cinquième nomme le premier
    par ordre d'identifiant, quel que soit le hachage des tables (interprétation 9)."""
    c = attrs.evolve(convention_exemple(), journal=())
    partage = {"pe.fournier", "cr.girard", "ae.fontaine", "accueil.ccas"}
    comptes = [
        attrs.evolve(u, email="partage@ccas-saint-exemple.fr") if u.identifiant in partage else u
        for u in c.utilisateurs
    ]
    lue = attrs.evolve(c, utilisateurs=comptes)
    assert lue.dernier_evenement is None
    nouveau = m.Utilisateur(
        identifiant="nouveau.x",
        nom="Xavier",
        prenom="Noa",
        email="partage@ccas-saint-exemple.fr",
        cree_le=INSTANT_EXEMPLE,
    )
    r = m.creer_utilisateur(lue, par="adm.martin", utilisateur=nouveau, instant=INSTANT_EXEMPLE)
    assert r.accepte is False
    (usr03,) = [x for x in r.constats if x.code == "MCP-USR-03"]
    assert "déjà celle du compte accueil.ccas" in usr03.message
    from mcp_rules.modele.index import index

    assert index(lue).comptes_de("partage@ccas-saint-exemple.fr") == tuple(sorted(partage))


def test_une_convention_picklee_avant_les_tables_persistantes_se_relit() -> None:
    """Écrite par le commit 741469a (tables en MappingProxyType, journal en tuple) : elle
    se relit, et une commande s'y applique."""
    chemin = Path(__file__).with_name("donnees") / "convention-741469a.pickle"
    c = pickle.loads(chemin.read_bytes())
    assert isinstance(c, m.Convention)
    assert [type(e).__name__ for e in c.journal] == ["CompteCloture"]
    r = m.reactiver_compte(
        c, par="adm.martin", utilisateur="as.leroy", instant=INSTANT_EXEMPLE + timedelta(hours=1)
    )
    assert r.accepte, r.constats
    assert len(r.convention.journal) == 2


# --- l'index : tables construites et écarts -------------------------------------------------


def test_l_index_derive_masque_ce_qu_une_commande_retire_sans_toucher_l_index_d_avant() -> None:
    """Un membre retiré disparaît de l'index dérivé (ses écarts masquent la table construite,
    partagée), reste dans celui d'avant ; un membre ajouté puis retiré ne laisse rien."""
    c = convention_exemple()
    construit = Index.construire(c)
    compte, groupes = next((k, g) for k, g in construit.membres() if len(g) == 1)
    (groupe,) = groupes
    retire = construit.derive(membres=[(compte, groupe, False)], emails=[("a@b.fr", compte, True)])
    assert retire.groupes_de(compte) == ()
    assert retire.lecteur_des_groupes()(compte) is None  # sous ses écarts aussi
    assert construit.lecteur_des_groupes()(compte) == groupe  # un seul groupe : sa clé
    assert compte not in dict(retire.membres())
    assert retire.comptes_de("a@b.fr") == (compte,)
    assert construit.groupes_de(compte) == (groupe,)  # l'état d'avant n'a pas bougé
    assert construit.comptes_de("a@b.fr") == ()
    rendu = retire.derive(membres=[(compte, groupe, True)], emails=[("a@b.fr", compte, False)])
    assert rendu.groupes_de(compte) == (groupe,)
    assert dict(rendu.membres()) == dict(construit.membres())
    assert rendu.comptes_de("a@b.fr") == ()
    assert rendu._ecarts_email is None  # l'adresse ajoutée puis retirée ne laisse aucun écart
    assert retire.groupes_de(compte) == ()


def test_un_compte_n_a_pas_d_emplacement_de_reference_faible() -> None:
    """Une convention garde un objet par compte : sans ``__weakref__``, il tient dans une
    classe de taille de moins (huit emplacements de moins sur un million de comptes lus).
    Le compte reste copiable, comparable et transmissible ; seule la référence faible, que
    la bibliothèque n'utilise pas, est refusée."""
    u = convention_exemple().utilisateurs[0]
    assert "__weakref__" not in m.Utilisateur.__slots__
    with pytest.raises(TypeError):
        weakref.ref(u)
    assert pickle.loads(pickle.dumps(u)) == u
    assert copy.deepcopy(u) == u
    assert attrs.evolve(u) == u
