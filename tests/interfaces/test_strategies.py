"""Les stratégies hypothesis de :mod:`mcp_rules.strategies` et leur point d'entrée.

Ce que les tests des autres (et les nôtres) attendent d'elles : des conventions
structurellement valides, de la taille demandée, des instants avec fuseau qui
tombent vraiment sur les changements d'heure, tous les types d'événements, et
``st.from_type`` qui marche sans rien importer de plus.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from mcp_rules import (
    CAF,
    AdresseEmail,
    ConfigurationAfas,
    Convention,
    Evenement,
    Groupe,
    GroupeCree,
    MotDePasseTemporaire,
    NumeroInstructeur,
    Politique,
    Utilisateur,
)
from mcp_rules import strategies as mst
from mcp_rules.modele.evenements import TYPES_EVENEMENTS

# Les recherches d'exemples (find) sont dérandomisées, pour qu'un test qui doit
# trouver un cas rare ne dépende pas du hasard d'un tirage, et sans réduction : on
# veut savoir qu'un exemple existe, pas le plus petit.
RECHERCHE = settings(database=None, max_examples=2000, derandomize=True, phases=[Phase.generate])

PARIS = mst.PARIS

CHAMPS_COMPTE = frozenset(
    {"par", "utilisateur", "gestionnaire", "precedent", "identifiant", "remplace"}
)
CHAMPS_GROUPE = frozenset({"groupe", "parent"})


T = TypeVar("T")


def tous_atteints(strategie: st.SearchStrategy[T], cas: dict[str, Callable[[T], bool]]) -> None:
    """La stratégie atteint chacun des cas nommés (en une seule recherche, qui s'arrête
    dès que tous ont été vus)."""
    vus: set[str] = set()

    def tout_vu(valeur: T) -> bool:
        vus.update(nom for nom, condition in cas.items() if condition(valeur))
        return len(vus) == len(cas)

    try:
        find(strategie, tout_vu, settings=RECHERCHE)
    except NoSuchExample:
        pytest.fail(f"jamais atteints : {sorted(set(cas) - vus)}")


def _cles(textes: object) -> list[str]:
    assert isinstance(textes, (list, tuple, frozenset, set))
    return [t.lower() for t in textes]


def verifier_structure(convention: Convention) -> None:
    """Les invariants structurels : chaque nom désigne un compte, clés uniques, parents sains."""
    comptes = {u.identifiant.lower() for u in convention.utilisateurs}
    assert len(comptes) == len(convention.utilisateurs) == convention.nombre_utilisateurs
    codes = {g.code.lower(): g for g in convention.groupes}
    assert len(codes) == len(convention.groupes) == convention.nombre_groupes

    assert set(_cles(convention.administrateurs)) <= comptes
    for groupe in convention.groupes:
        assert groupe.gestionnaire.lower() in comptes, groupe
        assert set(_cles(groupe.membres)) <= comptes, groupe
        assert len(set(_cles(groupe.membres))) == len(groupe.membres)
        if groupe.parent is not None:
            parent = codes[groupe.parent.lower()]
            assert parent.service is groupe.service
        # Remonter les parents finit toujours (pas de cycle).
        vus: set[str] = set()
        courant: Groupe | None = groupe
        while courant is not None:
            assert courant.cle not in vus, f"cycle de sous-groupes autour de {groupe.code}"
            vus.add(courant.cle)
            courant = None if courant.parent is None else codes[courant.parent.lower()]
    afas = convention.afas
    titulaires = [*afas.fda, *afas.fdf, afas.approbateur, afas.approbateur_en_attente]
    for titulaire in titulaires:
        assert titulaire is None or titulaire.lower() in comptes
    for compte in convention.utilisateurs:
        for instant in (compte.cloture_le, compte.derniere_connexion):
            assert instant is None or instant >= compte.cree_le
        if compte.mot_de_passe_temporaire is not None:
            assert compte.mot_de_passe_temporaire.emis_le >= compte.cree_le


# --- st.from_type et le point d'entrée ------------------------------------------------


@settings(max_examples=25)
@given(st.from_type(Convention))
def test_from_type_convention_donne_des_conventions_valides(convention: Convention) -> None:
    """``st.from_type(Convention)`` rend des conventions valides (que le point d'entrée
    soit bien déclaré, hypothesis importé seul, est vérifié en sous-processus plus bas)."""
    assert isinstance(convention, Convention)
    verifier_structure(convention)


TYPES_ENREGISTRES: list[type[object]] = [
    Convention,
    Utilisateur,
    Groupe,
    ConfigurationAfas,
    Politique,
    AdresseEmail,
    NumeroInstructeur,
    MotDePasseTemporaire,
    Evenement,
    *TYPES_EVENEMENTS.values(),
]


@pytest.mark.parametrize("type_", TYPES_ENREGISTRES, ids=lambda t: t.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_from_type_connait_chaque_type_du_domaine(type_: type[object], data: st.DataObject) -> None:
    valeur = data.draw(st.from_type(type_))
    assert isinstance(valeur, type_)
    if type_ is not Evenement and issubclass(type_, Evenement):
        assert type(valeur) is type_


def _python(code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_import_de_mcp_rules_n_importe_pas_hypothesis() -> None:
    resultat = _python(
        "import sys, mcp_rules, mcp_rules.serialisation; "
        "assert 'hypothesis' not in sys.modules, 'hypothesis importé'"
    )
    assert resultat.returncode == 0, resultat.stderr


def test_greffon_ne_coute_rien_sans_mcp_rules() -> None:
    """Hypothesis charge notre greffon à chacun de ses imports, même dans un projet qui
    n'utilise pas mcp_rules : il n'importe alors rien de la bibliothèque."""
    resultat = _python(
        "import sys, hypothesis; "
        "assert '_mcp_rules_hypothesis' in sys.modules, 'greffon non chargé'; "
        "charges = sorted(m for m in sys.modules if m.split('.')[0] == 'mcp_rules'); "
        "assert not charges, charges"
    )
    assert resultat.returncode == 0, resultat.stderr


_FROM_TYPE = (
    "from hypothesis import Phase, find, settings, strategies as st; "
    "from mcp_rules import Convention, Utilisateur; "
    "import mcp_rules.strategies as mst; "
    "assert repr(st.from_type(Convention)) == repr(mst.conventions()), st.from_type(Convention); "
    "c = find(st.from_type(Convention), lambda c: len(c.groupes) > 0, "
    "settings=settings(database=None, phases=[Phase.generate])); "
    "assert isinstance(c, Convention); "
    "u = find(st.from_type(Utilisateur), lambda u: True, "
    "settings=settings(database=None, phases=[Phase.generate])); "
    "assert isinstance(u, Utilisateur)"
)


@pytest.mark.parametrize(
    "ordre",
    [
        "import hypothesis; import mcp_rules",
        "import mcp_rules; import hypothesis",
        "import hypothesis; from mcp_rules.modele import Convention",
        "import mcp_rules.strategies",
        "import mcp_rules.interfaces.strategies",
    ],
)
def test_from_type_connait_nos_types_dans_tout_ordre_d_import(ordre: str) -> None:
    """``st.from_type(Convention)`` rend nos stratégies, quel que soit l'ordre des imports
    (le greffon enregistre si mcp_rules est déjà là, ``mcp_rules`` si hypothesis l'est),
    sans buter sur l'import circulaire (hypothesis charge ses greffons pendant son import)."""
    resultat = _python(f"{ordre}; {_FROM_TYPE}")
    assert resultat.returncode == 0, resultat.stderr


@pytest.mark.parametrize(
    "remplacant", ["None", "types.ModuleType('mcp_rules')"], ids=["bloqué", "simulé"]
)
def test_le_greffon_ne_casse_pas_hypothesis_sans_la_vraie_bibliotheque(remplacant: str) -> None:
    """Un projet qui simule l'absence de mcp_rules importe encore hypothesis."""
    resultat = _python(
        f"import sys, types; sys.modules['mcp_rules'] = {remplacant}; "
        "import hypothesis; print('hypothesis importé')"
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "hypothesis importé" in resultat.stdout


@pytest.mark.parametrize("module", ["mcp_rules.strategies", "mcp_rules.interfaces.strategies"])
def test_sans_l_extra_hypothesis_l_erreur_dit_quoi_installer(module: str) -> None:
    resultat = _python(
        "import sys\n"
        "sys.modules['hypothesis'] = None  # hypothesis absent\n"
        "import mcp_rules\n"
        "try:\n"
        f"    import {module}\n"
        "except ModuleNotFoundError as exc:\n"
        "    assert exc.name == 'hypothesis', exc.name\n"
        "    print(exc)\n"
        "else:\n"
        "    raise SystemExit('importé sans hypothesis')\n"
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "pip install 'mcp-rules[hypothesis]'" in resultat.stdout
    assert "extra « hypothesis »" in resultat.stdout


# --- conventions ----------------------------------------------------------------------


@given(mst.conventions())
def test_conventions_structurellement_valides(convention: Convention) -> None:
    """Invariants de structure, et un journal rangé par instant qui ne nomme que des
    comptes (et, s'il y en a, des groupes) de la convention."""
    verifier_structure(convention)
    assert 1 <= convention.nombre_utilisateurs <= 12
    assert convention.services
    instants = [e.instant for e in convention.journal]
    assert instants == sorted(instants)
    for evenement in convention.journal:
        for champ in attrs.fields(type(evenement)):
            valeur = getattr(evenement, champ.name)
            if valeur is None or valeur is CAF:
                continue
            if champ.name in CHAMPS_COMPTE:
                assert convention.trouver_utilisateur(valeur) is not None, evenement
            elif champ.name in CHAMPS_GROUPE and convention.groupes:
                assert convention.trouver_groupe(valeur) is not None, evenement


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(mst.conventions(min_comptes=30, max_comptes=30))
def test_taille_exacte_respectee(convention: Convention) -> None:
    assert convention.nombre_utilisateurs == 30
    verifier_structure(convention)


@settings(max_examples=30)
@given(st.data())
def test_taille_dans_les_bornes(data: st.DataObject) -> None:
    minimum = data.draw(st.integers(1, 8), label="min_comptes")
    maximum = data.draw(st.integers(minimum, 10), label="max_comptes")
    max_groupes = data.draw(st.integers(0, 4), label="max_groupes")
    convention = data.draw(
        mst.conventions(min_comptes=minimum, max_comptes=maximum, max_groupes=max_groupes)
    )
    assert minimum <= convention.nombre_utilisateurs <= maximum
    afas = sum(g.code in ("AFAS-DECLARER", "AFAS-HABILITER") for g in convention.groupes)
    assert convention.nombre_groupes - afas <= max_groupes


def test_conventions_variees() -> None:
    """La stratégie atteint les cas intéressants : sous-groupes, groupes AFAS, journal,
    plusieurs administrateurs, configuration AFAS, compte clôturé."""
    conventions = mst.conventions()
    cas: dict[str, Callable[[Convention], bool]] = {
        "sous-groupe": lambda c: any(g.parent is not None for g in c.groupes),
        "AFAS-DECLARER": lambda c: c.trouver_groupe("afas-declarer") is not None,
        "journal": lambda c: len(c.journal) >= 2,
        "deux administrateurs": lambda c: len(c.administrateurs) == 2,
        "configuration AFAS": lambda c: c.afas.approbateur is not None,
        "compte clôturé": lambda c: any(u.cloture_le is not None for u in c.utilisateurs),
        "membres": lambda c: any(len(g.membres) >= 2 for g in c.groupes),
    }
    tous_atteints(conventions, cas)


@settings(max_examples=40)
@given(mst.conventions(max_comptes=4, avec_journal=False, avec_sous_groupes=False))
def test_options_sans_journal_ni_sous_groupe(convention: Convention) -> None:
    assert convention.journal == ()
    assert all(g.parent is None for g in convention.groupes)


@given(mst.groupes(["a.leroy", "B.Durand", "c-martin"], max_membres=2))
def test_groupes_pris_parmi_les_comptes_donnes(groupe: Groupe) -> None:
    assert groupe.gestionnaire in {"a.leroy", "B.Durand", "c-martin"}
    assert groupe.membres <= {"a.leroy", "B.Durand", "c-martin"}
    assert len(groupe.membres) <= 2


@given(mst.configurations_afas(["a.leroy", "b.durand", "c.martin"]))
def test_configurations_afas_prises_parmi_les_comptes(config: ConfigurationAfas) -> None:
    comptes = {"a.leroy", "b.durand", "c.martin"}
    assert config.fda <= comptes
    assert config.fdf <= comptes
    assert len(config.fda) <= 2
    assert len(config.fdf) <= 2
    assert {config.approbateur, config.approbateur_en_attente} <= comptes | {None}


@given(mst.utilisateurs(identifiant=st.just("as.leroy")))
def test_utilisateurs_identifiant_impose(utilisateur: Utilisateur) -> None:
    assert utilisateur.identifiant == "as.leroy"


# --- événements -----------------------------------------------------------------------


def _de_la_classe(cls: type[Evenement]) -> Callable[[Evenement], bool]:
    return lambda evenement: type(evenement) is cls


def test_evenements_produit_chaque_classe() -> None:
    cas = {nom: _de_la_classe(cls) for nom, cls in TYPES_EVENEMENTS.items()}
    cas["par la Caf"] = lambda e: e.par is CAF
    cas["par un compte"] = lambda e: e.par == "a.leroy"
    cas["sans parent"] = lambda e: isinstance(e, GroupeCree) and e.parent is None
    cas["avec parent"] = lambda e: isinstance(e, GroupeCree) and e.parent == "T1AS"
    tous_atteints(mst.evenements(["a.leroy"], ["T1AS"]), cas)


@given(mst.evenements(["a.leroy", "b.durand"], ["T1AS", "T2PE"]))
def test_evenements_nomment_les_comptes_et_codes_donnes(evenement: Evenement) -> None:
    assert isinstance(evenement, tuple(TYPES_EVENEMENTS.values()))
    assert evenement.instant.tzinfo is not None
    for champ in attrs.fields(type(evenement)):
        valeur = getattr(evenement, champ.name)
        if valeur is None or valeur is CAF:
            continue
        if champ.name in CHAMPS_COMPTE:
            assert valeur in {"a.leroy", "b.durand"}
        elif champ.name in CHAMPS_GROUPE:
            assert valeur in {"T1AS", "T2PE"}
        elif isinstance(valeur, datetime):
            assert valeur.utcoffset() is not None


def test_evenements_refuse_une_classe_qui_n_est_pas_un_evenement() -> None:
    with pytest.raises(TypeError):
        mst.evenements(types=[Utilisateur])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="au moins un"):
        mst.evenements(types=[])


# --- le temps -------------------------------------------------------------------------


@given(mst.instants())
def test_instants_avec_fuseau_et_dans_les_bornes(instant: datetime) -> None:
    assert instant.tzinfo is not None
    assert instant.utcoffset() is not None
    assert mst.DEBUT <= instant <= mst.FIN


@given(st.data())
def test_instants_bornes_choisies(data: st.DataObject) -> None:
    debut = data.draw(
        st.datetimes(datetime(2020, 1, 1), datetime(2034, 1, 1), timezones=st.just(UTC))
    )
    duree = data.draw(st.timedeltas(timedelta(0), timedelta(days=800)))
    instant = data.draw(mst.instants(debut, debut + duree))
    assert debut <= instant <= debut + duree
    assert instant.utcoffset() is not None


def test_instants_bornes_inversees_refusees() -> None:
    with pytest.raises(ValueError, match="après"):
        mst.instants(mst.FIN, mst.DEBUT)


def test_changements_d_heure_sont_de_vrais_changements() -> None:
    changements = mst.changements_d_heure()
    assert len(changements) == 2 * len(range(2020, 2036))
    for changement in changements:
        assert changement.weekday() == 6
        avant = (changement - timedelta(seconds=1)).astimezone(PARIS).utcoffset()
        apres = changement.astimezone(PARIS).utcoffset()
        assert avant != apres, changement


def _decalage(instant: datetime) -> timedelta | None:
    return instant.astimezone(PARIS).utcoffset()


def test_instants_touchent_l_heure_repetee_d_octobre() -> None:
    """Un instant dont l'heure de Paris existe deux fois (fold=1)."""
    instant = find(mst.instants(), lambda m: m.astimezone(PARIS).fold == 1, settings=RECHERCHE)
    assert instant.astimezone(PARIS).fold == 1


def test_instants_touchent_l_heure_suivant_le_saut_de_mars() -> None:
    """Un instant dans l'heure qui suit le passage à l'heure d'été."""

    def juste_apres_mars(m: datetime) -> bool:
        return _decalage(m) != _decalage(m - timedelta(hours=1)) and m.month == 3

    assert juste_apres_mars(find(mst.instants(), juste_apres_mars, settings=RECHERCHE))


def test_instants_ou_24_heures_ne_font_pas_la_meme_heure_le_lendemain() -> None:
    """Interprétation 2 : autour d'un changement d'heure, +24 h n'est pas la même heure."""

    def heure_differente(m: datetime) -> bool:
        local = m.astimezone(PARIS)
        return (m + timedelta(hours=24)).astimezone(PARIS).time() != local.time()

    instant = find(mst.instants(), heure_differente, settings=RECHERCHE)
    assert heure_differente(instant)


def test_instants_en_heure_de_paris_et_en_utc() -> None:
    assert find(mst.instants(), lambda m: m.tzinfo is PARIS, settings=RECHERCHE).tzinfo is PARIS
    assert find(mst.instants(), lambda m: m.tzinfo is UTC, settings=RECHERCHE).tzinfo is UTC


@given(mst.mots_de_passe_temporaires())
def test_mots_de_passe_temporaires_en_utc(mdp: MotDePasseTemporaire) -> None:
    assert mdp.emis_le.tzinfo is UTC
    assert mdp.expire_le - mdp.emis_le == timedelta(hours=24)


@given(mst.politiques())
def test_politiques_sans_conditions(politique: Politique) -> None:
    assert not politique.conditions
    assert politique.inactivite_max > timedelta(0)
    assert politique.inactivite_max.microseconds == 0
