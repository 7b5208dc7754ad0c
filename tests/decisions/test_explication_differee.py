"""Les explications différées : le verdict tout de suite, les constats à la première lecture.

Ce qui ne doit jamais arriver : qu'une réponse différée diffère, en quoi que ce soit
d'observable (verdict, profils, groupes, données manquantes, constats, égalité, empreinte,
pickle), de la même réponse expliquée tout de suite. Les réponses expliquées tout de suite
servent de référence : ``politique=Politique()`` (une politique sans condition, qui ne change
aucune règle) prend le chemin qui explique tout de suite.
"""

from __future__ import annotations

import copy
import gc
import pickle
import threading
import weakref
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcp_rules import (
    AccesCdap,
    Action,
    Convention,
    Decision,
    Fonction,
    Groupe,
    Politique,
    ProfilT,
    Service,
    Utilisateur,
    acces_cdap,
    consulter_dossier,
    eligibilite,
    peut,
)
from mcp_rules import strategies as mst
from mcp_rules.decisions.reponses import acces_differe
from mcp_rules.exemple import convention_exemple
from mcp_rules.regles import cdap
from mcp_rules.regles.decision import A_EXPLIQUER, decision_differee, poseurs_des_champs

T = datetime(2026, 11, 27, 9, tzinfo=UTC)
SANS_CONDITION = Politique()


def _en_attente(reponse: Decision | AccesCdap) -> bool:
    """Vrai si les constats de la réponse n'ont pas encore été calculés."""
    descripteur = next(
        k.__dict__["constats"] for k in type(reponse).__mro__ if "constats" in k.__dict__
    )
    try:
        valeur = descripteur._emplacement.__get__(reponse, type(reponse))
    except AttributeError:  # emplacement laissé vide par la construction différée
        return True
    return valeur is A_EXPLIQUER


def _verdict(a: AccesCdap) -> tuple[object, ...]:
    return (a.identifiant, a.autorise, a.profils, a.groupes, a.donnees_manquantes)


# --- le mécanisme ------------------------------------------------------------------------


class _Compteur:
    def __init__(self) -> None:
        self.appels = 0

    def __call__(self, _: object, message: str) -> tuple[object, ...]:
        self.appels += 1
        return (cdap.CDAP_01.constat(message),)


def test_le_verdict_se_lit_sans_calculer_les_constats() -> None:
    calcul = _Compteur()
    d = decision_differee(True, ("numero_instructeur",), (calcul, "m"))
    assert d.autorise
    assert bool(d)
    assert d.donnees_manquantes == ("numero_instructeur",)
    assert calcul.appels == 0
    assert _en_attente(d)
    assert d.codes == ("MCP-CDAP-01",)
    assert calcul.appels == 1
    assert not _en_attente(d)
    assert d.constats[0].message == "m"
    assert calcul.appels == 1, "les constats calculés sont gardés"


def test_une_reponse_differee_est_egale_a_la_meme_reponse_construite() -> None:
    faite = Decision(
        autorise=False,
        constats=(cdap.CDAP_01.constat("m"),),
        donnees_manquantes=("code_bailleur",),
    )
    for forcer in (
        lambda d: d == faite,
        lambda d: hash(d) == hash(faite),
        lambda d: repr(d) == repr(faite),
        lambda d: pickle.loads(pickle.dumps(d)) == faite,
        lambda d: copy.copy(d) == faite,
        lambda d: copy.deepcopy(d) == faite,
        lambda d: attrs.asdict(d) == attrs.asdict(faite),
        lambda d: attrs.evolve(d) == faite,
    ):
        d = decision_differee(False, ("code_bailleur",), (_Compteur(), "m"))
        assert forcer(d)


def test_la_construction_rapide_pose_chaque_champ() -> None:
    """Si un champ est ajouté, retiré ou déplacé, les constructeurs rapides doivent suivre."""
    d = decision_differee(False, ("a", "b"), (_Compteur(), "m"))
    assert attrs.asdict(d, recurse=False) == attrs.asdict(
        Decision(autorise=False, constats=d.constats, donnees_manquantes=("a", "b")),
        recurse=False,
    )
    groupes = (("G1", ProfilT.T2),)
    a = acces_differe("x.y", True, (ProfilT.T2,), groupes, (_Compteur(), "m"))
    attendu = AccesCdap(
        identifiant="x.y",
        autorise=True,
        profils=(ProfilT.T2,),
        groupes=groupes,
        constats=a.constats,
    )
    assert attrs.asdict(a, recurse=False) == attrs.asdict(attendu, recurse=False)


def test_une_sous_classe_herite_des_constats_differes() -> None:
    @attrs.frozen(slots=True, kw_only=True)
    class MaDecision(Decision):
        source: str = "portail"

    d = MaDecision(autorise=True, constats=(cdap.CDAP_01.constat("m"),))
    assert d.codes == ("MCP-CDAP-01",)
    assert d == attrs.evolve(d)
    assert len(poseurs_des_champs(MaDecision)) == len(attrs.fields(MaDecision))


def test_une_reponse_differee_reste_immuable() -> None:
    d = decision_differee(True, (), (_Compteur(), "m"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        d.constats = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        d.autorise = False  # type: ignore[misc]
    assert _en_attente(d)


def test_plusieurs_fils_lisent_les_memes_constats() -> None:
    for _ in range(50):
        calcul = _Compteur()
        d = decision_differee(True, (), (calcul, "m"))
        lus: list[object] = []
        depart = threading.Barrier(8)

        def lire(
            d: Decision = d, depart: threading.Barrier = depart, lus: list[object] = lus
        ) -> None:
            depart.wait()
            lus.append(d.constats)

        fils = [threading.Thread(target=lire) for _ in range(8)]
        for f in fils:
            f.start()
        for f in fils:
            f.join()
        assert len(lus) == 8
        assert all(x == lus[0] for x in lus)
        assert 1 <= calcul.appels <= 8


def test_une_convention_abandonnee_est_liberee_sans_ramasse_miettes() -> None:
    """Les réponses gardées n'ont pas de cycle avec leur convention : une convention
    abandonnée est libérée aussitôt, ses réponses différées restent explicables."""
    c = convention_exemple()
    reponses = [acces_cdap(c, u.identifiant, instant=T) for u in c.utilisateurs]
    assert any(_en_attente(r) for r in reponses)
    ref = weakref.ref(c)
    gc.disable()
    try:
        del c
        assert ref() is None
    finally:
        gc.enable()
    references = [acces_cdap(convention_exemple(), r.identifiant, instant=T) for r in reponses]
    assert [r.constats for r in reponses] == [
        acces_cdap(
            convention_exemple(), r.identifiant, instant=T, politique=SANS_CONDITION
        ).constats
        for r in reponses
    ]
    assert reponses == references


# --- les réponses de la bibliothèque ------------------------------------------------------


@settings(max_examples=100)
@given(c=mst.conventions(max_comptes=10), t=mst.instants())
def test_acces_cdap_differe_egale_acces_explique(c: Convention, t: datetime) -> None:
    for u in c.utilisateurs:
        differe = acces_cdap(c, u.identifiant, instant=t)
        explique = acces_cdap(c, u.identifiant, instant=t, politique=SANS_CONDITION)
        assert _verdict(differe) == _verdict(explique)
        assert differe == explique
        assert differe.codes == explique.codes
        # Et de nouveau, depuis les réponses gardées (chemin rapide).
        assert acces_cdap(c, u.identifiant, instant=t) == explique


# --- toutes les combinaisons d'une petite convention -----------------------------------

_NUMERO = convention_exemple().utilisateur("ir.lambert").numero_instructeur
_VARIANTES: Final[list[dict[str, Any]]] = [
    {"fonction": f, "numero_instructeur": n, "code_bailleur": b, "diplome_etat": d}
    for f in Fonction
    for n in (None, _NUMERO)
    for b in (None, "B-123")
    for d in (None, "DEASS 2012")
]


def _compte(i: int, cloture: datetime | None = None, /, **champs: Any) -> Utilisateur:
    return Utilisateur(
        identifiant=f"c{i}",
        nom="Martin",
        prenom="Anne",
        email=f"anne.martin{i}@ville-exemple.fr",
        cree_le=T - timedelta(days=400),
        cloture_le=cloture,
        mandats=frozenset({"0012345"}),
        **champs,
    )


def _convention_combinatoire(services: frozenset[Service]) -> Convention:
    """Un groupe CDAP par profil (dont des profils hors contrat), un sans rôle, un d'un autre
    service ; chaque variante de compte dans chaque groupe, seule, puis dans deux groupes ;
    des comptes clôturés avant et après l'instant."""
    codes = [f"G{p.value}" for p in ProfilT] + ["GSANS", "GADONIS"]
    comptes: list[Utilisateur] = [_compte(0)]
    membres: dict[str, set[str]] = {code: set() for code in codes}
    i = 1
    paires = [(a, b) for a in codes for b in codes if a < b][::7]
    for variante in _VARIANTES:
        for cloture in (None, T - timedelta(days=1), T + timedelta(days=1)):
            for ou in [(code,) for code in codes] + paires:
                comptes.append(_compte(i, cloture, **variante))
                for code in ou:
                    membres[code].add(f"c{i}")
                i += 1
    groupes = [
        Groupe(
            code=f"G{p.value}",
            libelle=f"{p.value} groupe",
            service=Service.CDAP,
            gestionnaire="c0",
            role=p,
            membres=frozenset(membres[f"G{p.value}"]),
        )
        for p in ProfilT
    ]
    groupes.append(
        Groupe(
            code="GSANS",
            libelle="Sans rôle",
            service=Service.CDAP,
            gestionnaire="c0",
            membres=frozenset(membres["GSANS"]),
        )
    )
    groupes.append(
        Groupe(
            code="GADONIS",
            libelle="Adonis",
            service=Service.ADONIS,
            gestionnaire="c0",
            membres=frozenset(membres["GADONIS"]),
        )
    )
    return Convention(
        numero="19_214",
        organisme="Ville d'Exemple",
        caf="Caf de la Seine-Saint-Denis",
        services=services,
        profils_contractuels={ProfilT.T1, ProfilT.T2, ProfilT.T4, ProfilT.T9, ProfilT.T10},
        administrateurs={"c0"},
        utilisateurs=comptes,
        groupes=groupes,
    )


@pytest.fixture(scope="module")
def combinatoire() -> Convention:
    return _convention_combinatoire(frozenset({Service.CDAP, Service.ADONIS}))


def test_acces_differe_egale_acces_explique_sur_toutes_les_combinaisons(
    combinatoire: Convention,
) -> None:
    accordes = 0
    for u in combinatoire.utilisateurs:
        differe = acces_cdap(combinatoire, u.identifiant, instant=T)
        # Accord, refus ou clôture : dans une convention qui souscrit CDAP, rien n'est
        # mis en forme avant la lecture.
        assert _en_attente(differe), u.identifiant
        explique = acces_cdap(combinatoire, u.identifiant, instant=T, politique=SANS_CONDITION)
        assert _verdict(differe) == _verdict(explique), u.identifiant
        assert differe == explique, u.identifiant
        accordes += differe.autorise
    assert 0 < accordes < len(combinatoire.utilisateurs)


def test_sans_cdap_rien_n_est_differe() -> None:
    c = _convention_combinatoire(frozenset({Service.ADONIS}))
    for u in c.utilisateurs[:300]:
        a = acces_cdap(c, u.identifiant, instant=T)
        assert not a.autorise
        assert a.codes in {("MCP-CONV-01",), ("MCP-USR-05",)}
        assert a == acces_cdap(c, u.identifiant, instant=T, politique=SANS_CONDITION)


def test_consulter_dossier_differe_sur_toutes_les_combinaisons(combinatoire: Convention) -> None:
    for numero, nom, code in [
        ("0012345", "Martin", None),
        ("0099999", "Martin", None),
        ("0012345", "Martin", "B-9"),
        ("", "Martin", None),
    ]:
        for u in combinatoire.utilisateurs:
            d = consulter_dossier(
                combinatoire,
                u.identifiant,
                numero_allocataire=numero,
                nom_allocataire=nom,
                instant=T,
                code_bailleur=code,
            )
            e = consulter_dossier(
                combinatoire,
                u.identifiant,
                numero_allocataire=numero,
                nom_allocataire=nom,
                instant=T,
                code_bailleur=code,
                politique=SANS_CONDITION,
            )
            assert (d.autorise, d.donnees_manquantes) == (e.autorise, e.donnees_manquantes)
            assert d == e


@pytest.mark.parametrize("profil", list(ProfilT))
def test_eligibilite_differee_egale_eligibilite_expliquee(profil: ProfilT) -> None:
    for variante in _VARIANTES:
        u = _compte(1, **variante)
        differee = eligibilite(u, profil)
        expliquee = eligibilite(u, profil, politique=SANS_CONDITION)
        assert (differee.autorise, differee.donnees_manquantes) == (
            expliquee.autorise,
            expliquee.donnees_manquantes,
        ), variante
        assert differee == expliquee, variante


@settings(max_examples=60)
@given(
    c=mst.conventions(max_comptes=8),
    t=mst.instants(),
    numero=st.sampled_from(["0012345", "", "12 34", "A1B2C3"]),
    nom=st.sampled_from(["Martin", "", "1234", "Le\x00Roy"]),
    code=st.sampled_from([None, "", "B-123"]),
)
def test_consulter_dossier_differe_egale_consulter_explique(
    c: Convention, t: datetime, numero: str, nom: str, code: str | None
) -> None:
    for u in c.utilisateurs:
        d = consulter_dossier(
            c,
            u.identifiant,
            numero_allocataire=numero,
            nom_allocataire=nom,
            instant=t,
            code_bailleur=code,
        )
        e = consulter_dossier(
            c,
            u.identifiant,
            numero_allocataire=numero,
            nom_allocataire=nom,
            instant=t,
            code_bailleur=code,
            politique=SANS_CONDITION,
        )
        assert (d.autorise, d.donnees_manquantes) == (e.autorise, e.donnees_manquantes)
        assert d == e


def test_un_acces_accorde_n_est_explique_qu_a_la_lecture() -> None:
    c = convention_exemple()
    a = acces_cdap(c, "as.leroy", instant=T)
    assert a.autorise
    assert _en_attente(a)
    assert a.codes[0] == "MCP-CDAP-01"
    assert not _en_attente(a)


def test_un_refus_garde_son_verdict_et_n_est_explique_qu_a_la_lecture() -> None:
    """Un refus gardé dit tout de suite quelles données manquent ; ses messages ne sont
    mis en forme qu'à la lecture, puis égaux à ceux de la réponse expliquée tout de suite."""
    c = convention_exemple()
    actifs = [u for u in c.utilisateurs if u.cloture_le is None or u.cloture_le > T]
    refus = [a for u in actifs if not (a := acces_cdap(c, u.identifiant, instant=T)).autorise]
    assert refus
    for a in refus:
        assert _en_attente(a), a.identifiant
        assert a == acces_cdap(c, a.identifiant, instant=T, politique=SANS_CONDITION)
        assert not _en_attente(a)
    # L'instructeur RSA sans numéro : refusé, la donnée manquante nommée avant toute lecture.
    comptes = [
        attrs.evolve(u, numero_instructeur=None) if u.identifiant == "ir.lambert" else u
        for u in c.utilisateurs
    ]
    sans_numero = acces_cdap(attrs.evolve(c, utilisateurs=comptes), "ir.lambert", instant=T)
    assert not sans_numero.autorise
    assert sans_numero.donnees_manquantes == ("numero_instructeur",)
    assert _en_attente(sans_numero)
    assert "MCP-ELIG-04" in sans_numero.codes


def test_peut_decide_tout_de_suite_et_explique_a_la_lecture() -> None:
    """La table des droits rend son verdict ; la ligne qui permet, ou la condition manquée,
    ne se cherche qu'à la lecture (les explications approuvées en vérifient le texte)."""
    c = convention_exemple()
    refus = peut(c, "gest.durand", Action.GERER_MEMBRES, groupe="T2PE", instant=T)
    accord = peut(c, "adm.martin", Action.GERER_MEMBRES, groupe="T2PE", instant=T)
    assert (refus.autorise, accord.autorise) == (False, True)
    assert _en_attente(refus)
    assert _en_attente(accord)
    assert refus.codes == ("MCP-ROLE-07", "MCP-ROLE-10")
    assert refus.erreurs
    assert accord.codes == ("MCP-ROLE-07",)
    assert not accord.erreurs
    assert pickle.loads(pickle.dumps(refus)) == refus
