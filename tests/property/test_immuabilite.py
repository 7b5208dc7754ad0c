"""Immuabilité : rien de ce que la bibliothèque construit ou rend ne se modifie.

Chaque objet public refuse qu'on pose, remplace ou supprime un attribut
(``attrs.exceptions.FrozenInstanceError``), et ses collections sont immuables
(``frozenset``, ``tuple``, ``MappingProxyType``, les tables persistantes
``immutables.Map`` et le journal en maillons), jusqu'au fond : une convention tirée au
hasard est parcourue entièrement.
"""

from __future__ import annotations

import copy
import enum
import pickle
from collections.abc import Callable
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, cast

import attrs
import immutables
import pytest
from attrs.exceptions import FrozenInstanceError
from hypothesis import given, settings
from hypothesis import strategies as st

from mcp_rules import (
    ConditionProfil,
    ConfigurationAfas,
    Convention,
    ErreurChamp,
    Evenement,
    Groupe,
    MotDePasseTemporaire,
    Politique,
    ProfilT,
    Service,
    Utilisateur,
)
from mcp_rules import strategies as mst
from mcp_rules.modele.evenements import TYPES_EVENEMENTS
from mcp_rules.modele.journal import Journal

# Le mémo interne des vues triées d'une convention : privé, jamais rendu à l'appelant.
CHAMPS_INTERNES = {(Convention, "_cache")}

ATOMES = (str, int, bool, datetime, timedelta, enum.Enum, type(None))


def _noms_des_champs(objet: object) -> list[str]:
    return [f.name for f in attrs.fields(cast(Any, type(objet)))]


def verifier_gele(objet: object, vus: set[int] | None = None) -> None:
    """L'objet refuse toute écriture, et tout ce qu'il contient est immuable."""
    vus = set() if vus is None else vus
    if id(objet) in vus:
        return
    vus.add(id(objet))
    cls = type(objet)
    assert attrs.has(cls), f"{cls.__name__} n'est pas une classe attrs"
    assert not hasattr(objet, "__dict__"), f"{cls.__name__} a un __dict__ (pas de slots)"
    for nom in _noms_des_champs(objet):
        valeur = getattr(objet, nom)
        with pytest.raises(FrozenInstanceError):
            setattr(objet, nom, valeur)
        with pytest.raises(FrozenInstanceError):
            delattr(objet, nom)
        assert getattr(objet, nom) is valeur
        if (cls, nom) not in CHAMPS_INTERNES:
            verifier_immuable(valeur, f"{cls.__name__}.{nom}", vus)
    with pytest.raises((FrozenInstanceError, AttributeError)):
        setattr(objet, "attribut_intrus", 1)  # noqa: B010 - c'est l'écriture qu'on teste


def verifier_immuable(valeur: object, chemin: str, vus: set[int]) -> None:
    """Une valeur immuable : atome, collection gelée de valeurs immuables, objet attrs gelé."""
    if isinstance(valeur, ATOMES):
        return
    if isinstance(valeur, (frozenset, tuple)):
        for element in valeur:
            verifier_immuable(element, f"{chemin}[…]", vus)
        return
    if isinstance(valeur, Journal):
        for nom in Journal.__slots__:
            with pytest.raises(AttributeError):
                setattr(valeur, nom, None)
            with pytest.raises(AttributeError):
                delattr(valeur, nom)
        verifier_immuable(valeur.a_plat(), f"{chemin}.a_plat()", vus)
        return
    if isinstance(valeur, (MappingProxyType, immutables.Map)):
        for cle, contenu in valeur.items():
            verifier_immuable(cle, f"{chemin}.keys()", vus)
            verifier_immuable(contenu, f"{chemin}[{cle!r}]", vus)
        return
    if attrs.has(type(valeur)):
        verifier_gele(valeur, vus)
        return
    if callable(valeur) and not isinstance(valeur, (list, dict, set)):
        return  # ConditionProfil.verifier : une fonction, fournie par l'intégrateur
    pytest.fail(f"{chemin} : {type(valeur).__name__} est modifiable ({valeur!r})")


# --- les objets du domaine ------------------------------------------------------------


@given(mst.conventions(max_comptes=5, max_groupes=4))
def test_convention_entierement_gelee(convention: Convention) -> None:
    verifier_gele(convention)
    assert type(convention.utilisateurs) is tuple
    assert type(convention.groupes) is tuple
    assert type(convention.journal) is tuple
    assert type(convention.services) is frozenset
    assert type(convention.profils_contractuels) is frozenset
    assert type(convention.administrateurs) is frozenset
    for compte in convention.utilisateurs:
        verifier_gele(compte)
    for groupe in convention.groupes:
        verifier_gele(groupe)


@settings(max_examples=30)
@given(mst.conventions(max_comptes=4, max_groupes=3))
def test_convention_depicklee_reste_gelee(convention: Convention) -> None:
    """Copiée (``copy.deepcopy``) ou passée par ``pickle`` (multiprocessing, caches),
    une convention reste égale à l'originale et tout aussi gelée."""
    for copie in (pickle.loads(pickle.dumps(convention)), copy.deepcopy(convention)):
        assert copie == convention
        assert copie.utilisateurs == convention.utilisateurs
        assert copie.groupes == convention.groupes
        verifier_gele(copie)


@given(mst.conventions(max_comptes=4, max_groupes=3))
def test_convention_ignore_les_listes_modifiees_apres_coup(convention: Convention) -> None:
    """Construite à partir de listes et d'ensembles modifiables, la convention en garde
    une copie gelée : modifier les originaux ne la change pas."""
    comptes = list(convention.utilisateurs)
    groupes = list(convention.groupes)
    administrateurs = set(convention.administrateurs)
    services = set(convention.services)
    journal = list(convention.journal)
    copie = Convention(
        numero=convention.numero,
        organisme=convention.organisme,
        caf=convention.caf,
        gestion_deleguee=convention.gestion_deleguee,
        services=services,
        profils_contractuels=list(convention.profils_contractuels),
        administrateurs=administrateurs,
        utilisateurs=comptes,
        groupes=groupes,
        afas=convention.afas,
        journal=journal,
    )
    assert copie == convention
    comptes.clear()
    groupes.clear()
    administrateurs.clear()
    services.add(Service.ADONIS if Service.ADONIS not in services else Service.CDAP)
    journal.clear()
    assert copie == convention
    verifier_gele(copie)


@given(mst.utilisateurs())
def test_utilisateur_gele(utilisateur: Utilisateur) -> None:
    verifier_gele(utilisateur)
    assert type(utilisateur.mandats) is frozenset


@given(mst.utilisateurs())
def test_utilisateur_fige_ses_mandats(utilisateur: Utilisateur) -> None:
    mandats = set(utilisateur.mandats) | {"1234567"}
    copie = attrs.evolve(utilisateur, mandats=cast(Any, mandats))
    mandats.add("7654321")
    assert type(copie.mandats) is frozenset
    assert "7654321" not in copie.mandats


@given(mst.groupes())
def test_groupe_gele(groupe: Groupe) -> None:
    verifier_gele(groupe)
    assert type(groupe.membres) is frozenset


@given(mst.groupes())
def test_groupe_fige_ses_membres(groupe: Groupe) -> None:
    membres = set(groupe.membres)
    copie = attrs.evolve(groupe, membres=cast(Any, membres))
    membres.add("intrus.tardif")
    assert type(copie.membres) is frozenset
    assert copie.membres == groupe.membres


@given(mst.configurations_afas())
def test_configuration_afas_gelee(config: ConfigurationAfas) -> None:
    verifier_gele(config)
    fda = set(config.fda)
    copie = ConfigurationAfas(fda=fda, fdf=list(config.fdf))
    fda.add("intrus.tardif")
    assert type(copie.fda) is frozenset
    assert type(copie.fdf) is frozenset
    assert copie.fda == config.fda


@pytest.mark.parametrize("cls", list(TYPES_EVENEMENTS.values()), ids=list(TYPES_EVENEMENTS))
@settings(max_examples=20)
@given(data=st.data())
def test_evenement_gele(cls: type[Evenement], data: st.DataObject) -> None:
    verifier_gele(data.draw(mst.evenements(types=[cls])))


@given(mst.politiques())
def test_politique_gelee(politique: Politique) -> None:
    verifier_gele(politique)
    assert type(politique.mots_adresse_service) is frozenset
    assert type(politique.conditions) is MappingProxyType


def _toujours(_: Utilisateur) -> bool:
    return True


def test_politique_conditions_en_lecture_seule() -> None:
    condition = ConditionProfil(
        code="HABILITATION-LOCALE", titre="Habilitation locale", verifier=_toujours
    )
    source: dict[ProfilT, list[ConditionProfil]] = {ProfilT.T2: [condition]}
    politique = Politique(conditions=source)
    conditions = politique.conditions
    assert type(conditions) is MappingProxyType
    assert type(conditions[ProfilT.T2]) is tuple
    ecriture = cast(Any, conditions)
    with pytest.raises(TypeError):
        ecriture[ProfilT.T1] = (condition,)
    with pytest.raises(TypeError):
        del ecriture[ProfilT.T2]
    # Modifier le dictionnaire et la liste donnés ne touche pas la politique.
    source[ProfilT.T3] = [condition]
    source[ProfilT.T2].append(condition)
    assert set(politique.conditions) == {ProfilT.T2}
    assert politique.conditions[ProfilT.T2] == (condition,)
    verifier_gele(politique)
    verifier_gele(condition)


# --- types valeurs et erreurs ---------------------------------------------------------

VALEURS: list[tuple[str, st.SearchStrategy[Any]]] = [
    ("NumeroInstructeur", mst.numeros_instructeur()),
    ("AdresseEmail", mst.adresses_email()),
    ("MotDePasseTemporaire", mst.mots_de_passe_temporaires()),
    ("ErreurChamp", st.builds(ErreurChamp, st.just("$.code"), st.just("MCP-X"), mst.noms())),
]


@pytest.mark.parametrize(("nom", "strategie"), VALEURS, ids=[nom for nom, _ in VALEURS])
@given(data=st.data())
def test_type_valeur_gele(nom: str, strategie: st.SearchStrategy[Any], data: st.DataObject) -> None:
    valeur = data.draw(strategie)
    assert type(valeur).__name__ == nom
    verifier_gele(valeur)
    assert hash(valeur) == hash(valeur)


# --- le contrôle lui-même sait échouer -------------------------------------------------


@attrs.define
class _Modifiable:
    x: int = 0


@attrs.frozen
class _AvecListe:
    elements: list[int] = attrs.Factory(list)


@attrs.frozen
class _AvecDictionnaire:
    table: dict[str, int] = attrs.Factory(dict)


@pytest.mark.parametrize(
    "fabrique",
    [_Modifiable, _AvecListe, _AvecDictionnaire, lambda: _AvecListe(elements=[1, 2])],
    ids=["classe-non-gelee", "liste", "dictionnaire", "liste-remplie"],
)
def test_verifier_gele_detecte_un_objet_modifiable(fabrique: Callable[[], object]) -> None:
    with pytest.raises((pytest.fail.Exception, AssertionError)):
        verifier_gele(fabrique())


def test_modifier_une_convention_echoue_meme_par_ses_vues() -> None:
    """Les vues triées rendues par la convention sont des tuples : pas d'append."""
    convention = Convention(
        numero="19_214",
        organisme="Ville exemple",
        caf="Caf du Rhône",
        services=[Service.CDAP],
        administrateurs=["adm.martin"],
        utilisateurs=[
            Utilisateur(
                identifiant="adm.martin",
                nom="Martin",
                prenom="Anne",
                email="anne.martin@ville-exemple.fr",
                cree_le=datetime(2026, 1, 5, 9, 0, tzinfo=mst.PARIS),
                mot_de_passe_temporaire=MotDePasseTemporaire(
                    datetime(2026, 1, 5, 9, 0, tzinfo=mst.PARIS)
                ),
            )
        ],
    )
    comptes = cast(Any, convention.utilisateurs)
    with pytest.raises(AttributeError):
        comptes.append(convention.utilisateurs[0])
    with pytest.raises(TypeError):
        comptes[0] = None
    verifier_gele(convention)
