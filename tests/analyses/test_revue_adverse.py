"""Revue adverse de la revue des habilitations (:func:`mcp_rules.revue`,
:func:`mcp_rules.conclure_revue`).

La promesse : un relecteur ne clôt que ce qu'il peut clore. Une commande
``cloturer_compte`` produite par la conclusion est acceptée quand on l'exécute (``par`` =
le relecteur, même convention, même instant) ; une réponse dont l'acteur ne pourrait pas
clôturer le compte ne produit rien.

- Les tests ``test_constat_*`` montrent chacun un défaut trouvé par la revue adverse,
  corrigé depuis : ils le gardent comme régression.
- Les autres gardent les tentatives d'escalade qui n'ont rien trouvé.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

import attrs
import pytest

import mcp_rules as m
from mcp_rules import (
    CAF,
    Acteur,
    Avis,
    Convention,
    DonneeInvalide,
    ReponseRevue,
    Revue,
    Utilisateur,
)
from mcp_rules.analyses.revue import ARevoir
from mcp_rules.exemple import INSTANT_EXEMPLE, convention_exemple

T: Final = INSTANT_EXEMPLE  # 2026-11-27 09:00 UTC, après le dernier événement de l'exemple
HEURE: Final = timedelta(hours=1)
JOUR: Final = timedelta(days=1)


def _ok(r: m.Resultat) -> Convention:
    assert r.accepte, [(x.code, x.message) for x in r.erreurs]
    return r.convention


def clore(relecteur: Acteur, identifiant: str) -> ReponseRevue:
    return ReponseRevue(relecteur=relecteur, identifiant=identifiant, avis=Avis.CLORE)


def executer(c: Convention, conclusion: m.ConclusionRevue, t: datetime) -> list[tuple[str, ...]]:
    """Exécute chaque commande produite ; rend les codes de celles qui ne passent pas (ou la
    ``DonneeInvalide`` qu'elles lèvent)."""
    echecs: list[tuple[str, ...]] = []
    for commande in conclusion.commandes:
        assert commande.nom == "cloturer_compte"
        try:
            r = m.cloturer_compte(c, par=commande.par, instant=t, **commande.arguments)
        except DonneeInvalide as exc:
            echecs.append((type(exc).__name__, str(exc)))
            continue
        if not r.accepte:
            echecs.append(r.codes)
    return echecs


def avec_clotures() -> tuple[Convention, datetime]:
    """L'exemple, au lendemain de son instant : un gestionnaire clôturé (gest.durand), un
    administrateur dont la clôture est programmée (adm.martin, dans une heure), un compte
    créé dans le groupe de gest.petit (clôturé depuis juin)."""
    c = convention_exemple()
    t = T
    c = _ok(m.cloturer_compte(c, par="adm.bernard", utilisateur="gest.durand", instant=t))
    c = _ok(
        m.cloturer_compte(c, par="adm.bernard", utilisateur="adm.martin", le=t + HEURE, instant=t)
    )
    nouveau = Utilisateur(
        identifiant="n.roy",
        nom="Roy",
        prenom="Nina",
        email="nina.roy@ville-exemple.fr",
        cree_le=t,
    )
    c = _ok(
        m.creer_utilisateur(c, par="adm.bernard", utilisateur=nouveau, groupe="T2PE", instant=t)
    )
    return c, t + JOUR


# --- constats : chacun échoue tant que le défaut n'est pas corrigé -------------------------


def test_constat_conclusion_a_un_instant_anterieur_au_journal() -> None:
    """Constat R1 (commande produite qui ne peut pas s'exécuter). Revue et conclusion au
    1er juin 2026, sur l'exemple dont le journal va jusqu'au 2 octobre : la conclusion
    produit ``cloturer_compte(par="gest.durand", utilisateur="as.leroy")``, mais la commande,
    exécutée au même instant sur la même convention, lève ``DonneeInvalide``
    (``MCP-DONNEE-CHRONOLOGIE`` : une commande ne s'antidate pas). La conclusion devrait la
    refuser, ou refuser l'instant."""
    c = convention_exemple()
    t = datetime(2026, 6, 1, tzinfo=UTC)
    r = m.revue(c, instant=t)
    try:
        conclusion = m.conclure_revue(c, r, [clore("gest.durand", "as.leroy")], instant=t)
    except DonneeInvalide:
        return  # refuser l'instant est une correction acceptable
    assert executer(c, conclusion, t) == []


@pytest.mark.parametrize("cas", ["instant de conclusion plus tard", "revue d'un état plus ancien"])
def test_constat_compte_deja_clos_a_la_conclusion(cas: str) -> None:
    """Constat R2 (commande produite refusée). La conclusion ne vérifie que le droit du
    relecteur (``peut``), pas que le compte est encore ouvert à son instant :

    - revue au 20 juin 2026 (gest.petit ouvert, clôture programmée au 30 juin), conclusion
      au 27 novembre : la commande produite est refusée (``MCP-USR-05``, déjà clôturé) ;
    - revue d'un état, puis as.leroy clôturé par une commande, conclusion sur le nouvel
      état (même numéro de convention) au même instant : même refus."""
    c = convention_exemple()
    if cas == "instant de conclusion plus tard":
        r = m.revue(c, instant=datetime(2026, 6, 20, tzinfo=UTC))
        qui, t = "gest.petit", T
    else:
        r = m.revue(c, instant=T)
        c = _ok(m.cloturer_compte(c, par="adm.martin", utilisateur="as.leroy", instant=T))
        qui, t = "as.leroy", T
    conclusion = m.conclure_revue(c, r, [clore("adm.bernard", qui)], instant=t)
    assert executer(c, conclusion, t) == []


@pytest.mark.parametrize("reponses", [None, 5, 1.5], ids=repr)
def test_constat_reponses_qui_ne_sont_pas_une_suite(reponses: Any) -> None:
    """Constat R3 (plantage). ``conclure_revue(..., reponses=None)`` (ou un nombre) lève
    ``TypeError: 'NoneType' object is not iterable`` au lieu d'une ``DonneeInvalide`` en
    français."""
    c = convention_exemple()
    r = m.revue(c, instant=T)
    with pytest.raises(DonneeInvalide):
        m.conclure_revue(c, r, reponses, instant=T)


def _forger(cas: str) -> object:
    c = convention_exemple()
    comptes: Any = ("as.leroy",)
    aucun: Any = None
    if cas == "texte":
        return Revue(convention=c.numero, instant=T, comptes=comptes)
    if cas == "identifiant 5":
        return ARevoir(identifiant=5, relecteurs=())  # type: ignore[arg-type]
    return Revue(convention=c.numero, instant=T, comptes=aucun)


@pytest.mark.parametrize("cas", ["texte", "identifiant 5", "None"])
def test_constat_revue_forgee(cas: str) -> None:
    """Constat R4 (plantage, entrée fabriquée). ``Revue`` et ``ARevoir`` ne vérifiaient pas
    leurs champs ; une revue construite à la main dont ``comptes`` n'était pas une suite de
    ``ARevoir`` faisait lever ``AttributeError`` ou ``TypeError`` à ``conclure_revue`` (et à
    ``repr``). Corrigé : la construction même est refusée, par une ``DonneeInvalide``."""
    with pytest.raises(DonneeInvalide):
        _forger(cas)


def test_constat_un_compte_pas_encore_cree_est_a_revoir() -> None:
    """Constat R5 (cosmétique). La revue du 1er juin 2026 liste ae.fontaine, dont le compte
    n'est créé que le 2 octobre : « chaque compte ouvert à ``instant`` » compte aussi les
    comptes qui n'existent pas encore (avec un gestionnaire relecteur et des motifs)."""
    c = convention_exemple()
    t = datetime(2026, 6, 1, tzinfo=UTC)
    assert c.utilisateur("ae.fontaine").cree_le > t
    assert "ae.fontaine" not in [a.identifiant for a in m.revue(c, instant=t).comptes]


@pytest.mark.parametrize("qui", [None, 0, "~caf", b"caf"], ids=repr)
def test_constat_pour_un_relecteur_absurde_rend_les_comptes_de_la_caf(qui: Any) -> None:
    """Constat R6 (cosmétique). ``Revue.pour`` prenait tout ce qui n'est pas un texte (et le
    texte ``"~caf"``) pour la Caf : sur une convention sans gestion déléguée, ``pour(None)``
    rendait les comptes que la Caf doit confirmer. Corrigé : un relecteur qui n'est ni un
    texte ni la Caf est une ``DonneeInvalide``, et le texte ``"~caf"`` n'est pas la Caf."""
    c = attrs.evolve(convention_exemple(), gestion_deleguee=False)
    r = m.revue(c, instant=T)
    assert r.relecteurs == (CAF,)
    assert r.pour(CAF)
    if isinstance(qui, str):
        assert r.pour(qui) == ()
    else:
        with pytest.raises(DonneeInvalide):
            r.pour(qui)


# --- ce qui n'a rien trouvé -------------------------------------------------------------------


def _tous_les_acteurs(c: Convention) -> list[Acteur]:
    acteurs: list[Acteur] = []
    for u in c.utilisateurs:
        acteurs += [u.identifiant, u.identifiant.upper()]
    return [*acteurs, CAF, "inconnu.x", "caf", "CAF", ""]


@pytest.mark.parametrize("cas", ["exemple", "avec clôtures", "sans délégation"])
def test_chaque_acteur_sur_chaque_compte(cas: str) -> None:
    """Pour chaque acteur (chaque compte en deux casses, la Caf, des inconnus) et chaque
    compte ouvert (en deux casses) : une commande est produite si et seulement si la
    commande ``cloturer_compte`` de cet acteur passe, et la commande produite passe."""
    if cas == "exemple":
        c, t = convention_exemple(), T
    elif cas == "avec clôtures":
        c, t = avec_clotures()
    else:
        c, t = attrs.evolve(convention_exemple(), gestion_deleguee=False), T
    r = m.revue(c, instant=t)
    for x in _tous_les_acteurs(c):
        for a in r.comptes:
            for ident in (a.identifiant, a.identifiant.upper()):
                conclusion = m.conclure_revue(c, r, [clore(x, ident)], instant=t)
                directe = m.cloturer_compte(c, par=x, utilisateur=ident, instant=t)
                assert bool(conclusion.commandes) is directe.accepte, (x, ident)
                assert executer(c, conclusion, t) == []
                if conclusion.commandes:
                    assert conclusion.commandes[0].arguments["utilisateur"] == a.identifiant


@pytest.mark.parametrize("cas", ["exemple", "avec clôtures"])
def test_chaque_relecteur_nomme_peut_clore(cas: str) -> None:
    c, t = (convention_exemple(), T) if cas == "exemple" else avec_clotures()
    r = m.revue(c, instant=t)
    for a in r.comptes:
        assert a.relecteurs
        for x in a.relecteurs:
            assert m.cloturer_compte(c, par=x, utilisateur=a.identifiant, instant=t).accepte
            assert a in r.pour(x)


def test_relecteurs_apres_les_clotures() -> None:
    """Un gestionnaire clôturé ne relit plus : les comptes de son groupe passent aux
    administrateurs encore ouverts ; un administrateur ne se relit pas lui-même."""
    c, t = avec_clotures()
    r = m.revue(c, instant=t)
    assert "gest.durand" not in [a.identifiant for a in r.comptes]
    assert r.compte("as.leroy").relecteurs == ("adm.bernard",)
    assert r.compte("adm.bernard").relecteurs == (CAF,)
    assert r.compte("N.ROY").relecteurs == ("adm.bernard",)


@pytest.mark.parametrize(
    ("relecteur", "compte"),
    [
        ("gest.durand", "adm.martin"),  # un gestionnaire pour un administrateur
        ("gest.durand", "gest.petit"),  # pour un autre gestionnaire
        ("gest.durand", "pe.fournier"),  # pour le membre d'un groupe d'un autre
        ("as.leroy", "as.leroy"),  # soi-même
        ("as.leroy", "as.moreau"),  # un simple utilisateur
        ("afas.habil", "afas.dupont"),  # AFAS-HABILITER ne clôt pas
        ("gest.petit", "pe.fournier"),  # gestionnaire clôturé depuis juin
        ("inconnu.x", "as.leroy"),
        ("ADM.MARTIN ", "as.leroy"),  # une espace en trop n'est pas une casse
        ("adm.martin", "gest.petit"),  # compte clôturé : hors revue
        ("adm.martin", "inconnu.x"),
    ],
)
def test_escalades_refusees(relecteur: str, compte: str) -> None:
    c = convention_exemple()
    r = m.revue(c, instant=T)
    conclusion = m.conclure_revue(c, r, [clore(relecteur, compte)], instant=T)
    assert conclusion.commandes == ()
    assert len(conclusion.refus) == 1
    assert conclusion.refus[0][1].constats
    assert not m.cloturer_compte(c, par=relecteur, utilisateur=compte, instant=T).accepte


def test_acteur_cree_plus_tard_ne_clot_pas() -> None:
    c = convention_exemple()
    t = datetime(2026, 10, 2, 9, 0, tzinfo=UTC)
    cree = attrs.evolve(c.utilisateur("adm.bernard"), cree_le=t + JOUR, derniere_connexion=None)
    c = attrs.evolve(
        c, utilisateurs=[cree if u.cle == "adm.bernard" else u for u in c.utilisateurs]
    )
    r = m.revue(c, instant=t)
    assert "adm.bernard" not in r.compte("as.leroy").relecteurs
    conclusion = m.conclure_revue(c, r, [clore("adm.bernard", "as.leroy")], instant=t)
    assert conclusion.commandes == ()


def test_reponses_en_double_et_contradictoires() -> None:
    c = convention_exemple()
    r = m.revue(c, instant=T)
    reponses = [
        clore("as.moreau", "as.leroy"),  # refusée
        ReponseRevue(relecteur="gest.durand", identifiant="as.leroy", avis="garder"),
        clore("GEST.Durand", "AS.Leroy"),
        clore("adm.martin", "as.leroy"),
        ReponseRevue(relecteur="gest.durand", identifiant="cesf.roux", avis=" GARDER "),
        clore("as.moreau", "cesf.roux"),  # refusée : ne l'emporte pas sur la confirmation
        ReponseRevue(relecteur="gest.durand", identifiant="as.moreau", avis="GARDER"),
        ReponseRevue(relecteur="gest.durand", identifiant="AS.MOREAU", avis="GARDER"),
    ]
    conclusion = m.conclure_revue(c, r, reponses, instant=T)
    # La commande porte l'orthographe du compte, pas celle de la réponse.
    assert [(x.par, dict(x.arguments)) for x in conclusion.commandes] == [
        ("gest.durand", {"utilisateur": "as.leroy"})
    ]
    assert conclusion.confirmes == ("as.moreau", "cesf.roux")
    assert [x.relecteur for x, _ in conclusion.refus] == ["as.moreau", "as.moreau"]
    assert "as.leroy" not in conclusion.sans_reponse
    assert executer(c, conclusion, T) == []


def test_conclure_ne_touche_pas_la_convention() -> None:
    c = convention_exemple()
    r = m.revue(c, instant=T)
    avant = (len(c.journal), c.utilisateur("as.leroy").cloture_le)
    m.conclure_revue(c, r, [clore("gest.durand", "as.leroy")], instant=T)
    assert (len(c.journal), c.utilisateur("as.leroy").cloture_le) == avant


def test_la_revue_d_une_autre_convention_est_refusee() -> None:
    c = convention_exemple()
    autre = attrs.evolve(c, numero="19_999")
    r = m.revue(autre, instant=T)
    with pytest.raises(DonneeInvalide, match="19_999"):
        m.conclure_revue(c, r, [clore("gest.durand", "as.leroy")], instant=T)


# --- entrées absurdes : DonneeInvalide, en français --------------------------------------------


def _leve(appel: Callable[[], object]) -> None:
    with pytest.raises(DonneeInvalide) as exc:
        appel()
    message = str(exc.value)
    assert message
    assert any(mot in message for mot in FRANCAIS), message


FRANCAIS: Final = ("attendu", "aucun", "inconnue", "fuseau", "Revue", "instant")
VALEURS: Final[list[object]] = [None, 5, 1.5, b"x", [], {}, date(2026, 1, 1), object()]


@pytest.mark.parametrize("valeur", VALEURS, ids=lambda v: type(v).__name__)
def test_reponse_mal_formee(valeur: Any) -> None:
    _leve(lambda: ReponseRevue(relecteur=valeur, identifiant="as.leroy", avis="CLORE"))
    _leve(lambda: ReponseRevue(relecteur="adm.martin", identifiant=valeur, avis="CLORE"))
    _leve(lambda: ReponseRevue(relecteur="adm.martin", identifiant="as.leroy", avis=valeur))


@pytest.mark.parametrize("avis", ["", "FERMER", "clôre", "GARDER CLORE", "x" * 1000])
def test_avis_inconnu(avis: str) -> None:
    _leve(lambda: ReponseRevue(relecteur="adm.martin", identifiant="as.leroy", avis=avis))


@pytest.mark.parametrize(
    "valeur", [*VALEURS, "2026-11-27", datetime(2026, 11, 27)], ids=lambda v: type(v).__name__
)
def test_revue_et_conclusion_mal_appelees(valeur: Any) -> None:
    c = convention_exemple()
    r = m.revue(c, instant=T)
    _leve(lambda: m.revue(c, instant=valeur))
    _leve(lambda: m.conclure_revue(c, r, [], instant=valeur))
    _leve(lambda: m.conclure_revue(c, valeur, [], instant=T))
    _leve(lambda: m.conclure_revue(c, r, [valeur], instant=T))
    if valeur is not None:
        _leve(lambda: m.revue(c, instant=T, politique=valeur))
    if not isinstance(valeur, datetime):
        _leve(lambda: m.revue(valeur, instant=T))
        _leve(lambda: m.conclure_revue(valeur, r, [], instant=T))
    _leve(lambda: r.compte(valeur))


def test_reponses_en_texte_ou_en_generateur() -> None:
    c = convention_exemple()
    r = m.revue(c, instant=T)
    _leve(lambda: m.conclure_revue(c, r, "CLORE", instant=T))  # type: ignore[arg-type]
    reponses: Iterable[ReponseRevue] = (x for x in [clore("gest.durand", "as.leroy")])
    assert len(m.conclure_revue(c, r, reponses, instant=T).commandes) == 1
