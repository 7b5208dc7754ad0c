"""Le chemin rapide de la lecture (comptes et groupes) dit exactement ce que dit le chemin
complet : le même objet, ou les mêmes erreurs, aux mêmes chemins, avec les mêmes codes et
les mêmes messages.

Chaque document est lu deux fois, avec et sans chemin rapide (``RAPIDES`` vidée) : des
comptes et des groupes valides tirés par les stratégies, puis les mêmes abîmés (un champ
retiré, un membre inconnu, un déchet à la place d'une valeur, une valeur presque juste),
seuls ou dans une convention. Le chemin rapide doit aussi servir : une convention valide
ne passe jamais par le chemin complet pour ses comptes et ses groupes.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcp_rules import Convention, DonneesInvalides, Groupe, Utilisateur
from mcp_rules import strategies as mst
from mcp_rules.exemple import convention_exemple
from mcp_rules.generateur import convention_synthetique
from mcp_rules.interfaces.serialisation.rapide import RAPIDES, lire_groupe, lire_utilisateur
from mcp_rules.serialisation import depuis_dict, vers_dict

Issue = tuple[str, Any]


@contextlib.contextmanager
def _rapides(remplacants: dict[type[Any], Callable[..., Any]]) -> Iterator[None]:
    """La table des chemins rapides remplacée (sur place : le convertisseur la partage)."""
    avant = dict(RAPIDES)
    RAPIDES.clear()
    RAPIDES.update(remplacants)
    try:
        yield
    finally:
        RAPIDES.clear()
        RAPIDES.update(avant)


def _issue(document: object, type_: type[Any]) -> Issue:
    try:
        return ("lu", depuis_dict(document, type_))
    except DonneesInvalides as exc:
        return ("refusé", [(e.chemin, e.code, e.message) for e in exc.erreurs])


def _comparer(document: object, type_: type[Any]) -> Issue:
    """Lit ``document`` par les deux chemins ; ils doivent dire la même chose."""
    rapide = _issue(copy.deepcopy(document), type_)
    with _rapides({}):
        complet = _issue(copy.deepcopy(document), type_)
    assert rapide == complet
    return rapide


# --- des valeurs à glisser ---------------------------------------------------------------------

DECHETS: tuple[Any, ...] = (
    None,
    0,
    -1,
    1.5,
    True,
    False,
    "",
    " ",
    "x",
    " x ",
    "a b",
    "x" * 300,
    "\x00",
    "\u212a",
    "\u202eT4",
    "cdap",
    "CDAP",
    "T4",
    "t4",
    "ADONIS",
    "AUTRE",
    "autre",
    "@CAF",
    "marie@",
    "Marie.Durand@Mairie.FR",
    "postmaster@caf.fr",
    "2026-11-27T09:30:00",
    "2026-11-27T09:30:00Z",
    "2026-11-27T09:30:00+01:00",
    "2026-11-27T24:00:00+00:00",
    "1970-01-01T00:00:00+00:00",
    "9999-12-31T23:00:00+00:00",
    "093A1230100000",
    "093 A 123 01 00000",
    "093A12301",
    [],
    ["x"],
    ["x", "x"],
    ["a", "A"],
    ["12 3"],
    [1],
    [None],
    {},
    {"a": 1},
)


TEXTES_ABIMES: tuple[str, ...] = tuple(x for x in DECHETS if isinstance(x, str))
LISTES_ABIMEES: tuple[list[Any], ...] = tuple(x for x in DECHETS if isinstance(x, list))


@st.composite
def _abime(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` avec un ou deux défauts : un champ retiré, un membre inconnu, une
    valeur remplacée, le plus souvent par une autre du même type JSON (un texte presque
    juste, une liste de textes fautive), sinon par un déchet."""
    abime = dict(document)
    for _ in range(draw(st.integers(1, 2))):
        geste = draw(st.sampled_from(["retirer", "ajouter", "remplacer", "remplacer", "remplacer"]))
        if geste == "retirer" and abime:
            del abime[draw(st.sampled_from(sorted(abime)))]
        elif geste == "ajouter":
            abime[draw(st.sampled_from(["couleur", "Nom", "type", ""]))] = draw(
                st.sampled_from(DECHETS)
            )
        elif abime:
            cle = draw(st.sampled_from(sorted(abime)))
            pareils = (
                TEXTES_ABIMES
                if isinstance(abime[cle], str)
                else LISTES_ABIMEES
                if isinstance(abime[cle], list)
                else DECHETS
            )
            abime[cle] = draw(st.sampled_from(pareils if draw(st.booleans()) else DECHETS))
    return copy.deepcopy(abime)


COMPTE_COMPLET: dict[str, Any] = {
    "identifiant": "ir.lambert",
    "nom": "Lambert",
    "prenom": "Iris",
    "email": "iris.lambert@ville-exemple.fr",
    "cree_le": "2025-01-05T09:00:00+00:00",
    "fonction": "INSTRUCTEUR_RSA",
    "cloture_le": "2026-12-01T00:00:00+00:00",
    "derniere_connexion": "2026-11-20T09:00:00+00:00",
    "mot_de_passe_temporaire": "2026-11-19T09:00:00+00:00",
    "mot_de_passe_personnalise": True,
    "numero_instructeur": "093A1230100000",
    "code_bailleur": "B123",
    "diplome_etat": "DEASS",
    "mandats": ["1234567"],
}
"""Un compte valide dont chaque champ facultatif est renseigné."""

GROUPE_COMPLET: dict[str, Any] = {
    "code": "T1AS",
    "libelle": "T1 Assistants sociaux",
    "service": "CDAP",
    "gestionnaire": "gest.durand",
    "role": "T1",
    "membres": ["as.leroy", "as.moreau"],
    "parent": "T1",
}


def _chaque_defaut(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Chaque champ retiré, puis chaque champ remplacé par chaque valeur de DECHETS."""
    for cle in document:
        retire = dict(document)
        del retire[cle]
        yield retire
        for dechet in DECHETS:
            yield {**document, cle: copy.deepcopy(dechet)}
    yield {**document, "couleur": "bleu"}


# --- les tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_", "document", "lire"),
    [(Utilisateur, COMPTE_COMPLET, lire_utilisateur), (Groupe, GROUPE_COMPLET, lire_groupe)],
    ids=["compte", "groupe"],
)
def test_chaque_champ_abime_de_chaque_facon_dit_la_meme_chose_par_les_deux_chemins(
    type_: type[Any], document: dict[str, Any], lire: Callable[[object], Any]
) -> None:
    assert lire(document) is not None
    issues = set()
    for abime in _chaque_defaut(document):
        issue = _comparer(abime, type_)
        lu = lire(copy.deepcopy(abime))
        assert lu is None or issue == ("lu", lu)
        issues.add(issue[0])
    assert issues == {"lu", "refusé"}


@given(mst.utilisateurs())
def test_un_compte_valide_est_lu_par_le_chemin_rapide(compte: Utilisateur) -> None:
    document = vers_dict(compte)
    assert lire_utilisateur(document) == compte
    assert _comparer(document, Utilisateur) == ("lu", compte)


@given(mst.groupes())
def test_un_groupe_valide_est_lu_par_le_chemin_rapide(groupe: Groupe) -> None:
    document = vers_dict(groupe)
    assert lire_groupe(document) == groupe
    assert _comparer(document, Groupe) == ("lu", groupe)


@given(mst.utilisateurs(), st.data())
def test_un_compte_abime_dit_la_meme_chose_par_les_deux_chemins(
    compte: Utilisateur, data: st.DataObject
) -> None:
    document = data.draw(_abime(vers_dict(compte)))
    issue = _comparer(document, Utilisateur)
    lu = lire_utilisateur(copy.deepcopy(document))
    assert lu is None or issue == ("lu", lu)


@given(mst.groupes(), st.data())
def test_un_groupe_abime_dit_la_meme_chose_par_les_deux_chemins(
    groupe: Groupe, data: st.DataObject
) -> None:
    document = data.draw(_abime(vers_dict(groupe)))
    issue = _comparer(document, Groupe)
    lu = lire_groupe(copy.deepcopy(document))
    assert lu is None or issue == ("lu", lu)


@given(mst.conventions(max_comptes=6, avec_journal=False), st.data())
def test_une_convention_abimee_dit_les_memes_erreurs_par_les_deux_chemins(
    convention: Convention, data: st.DataObject
) -> None:
    document = vers_dict(convention)
    for liste in ("utilisateurs", "groupes"):
        objets = document[liste]
        if objets and data.draw(st.booleans()):
            i = data.draw(st.integers(0, len(objets) - 1))
            objets[i] = data.draw(_abime(objets[i]))
    _comparer(document, Convention)


@pytest.mark.parametrize(
    "convention",
    [convention_exemple(), convention_synthetique(300, graine=7)],
    ids=["exemple", "synthetique"],
)
def test_une_convention_valide_ne_passe_jamais_par_le_chemin_complet(
    convention: Convention,
) -> None:
    ecarts: list[object] = []

    def espion(lire: Callable[..., Any]) -> Callable[..., Any]:
        def lire_ou_noter(valeur: object, **options: Any) -> Any:
            lu = lire(valeur, **options)
            if lu is None:
                ecarts.append(valeur)
            return lu

        return lire_ou_noter

    with _rapides({Utilisateur: espion(lire_utilisateur), Groupe: espion(lire_groupe)}):
        lue = depuis_dict(vers_dict(convention), Convention)
    assert ecarts == []
    assert lue == convention


def test_les_membres_d_un_groupe_lu_sont_les_identifiants_memes_des_comptes() -> None:
    lue = depuis_dict(vers_dict(convention_synthetique(300, graine=7)), Convention)
    identifiants = {u.identifiant: u.identifiant for u in lue.utilisateurs}
    for g in lue.groupes:
        assert g.gestionnaire is identifiants[g.gestionnaire]
        assert all(m is identifiants[m] for m in g.membres)


def test_un_compte_qui_omet_ses_champs_facultatifs_est_lu_par_le_chemin_rapide() -> None:
    document = {
        "identifiant": "as.leroy",
        "nom": "Leroy",
        "prenom": "Anne",
        "email": "anne.leroy@ville-exemple.fr",
        "cree_le": "2026-01-05T09:00:00+00:00",
    }
    lu = lire_utilisateur(document)
    assert lu is not None
    assert _comparer(document, Utilisateur) == ("lu", lu)
    assert lire_utilisateur({**document, "couleur": "bleu"}) is None
    sans_nom = dict(document)
    del sans_nom["nom"]
    assert lire_utilisateur({**sans_nom, "couleur": "bleu"}) is None


def test_quatorze_membres_dont_un_inconnu_ne_passent_pas_pour_un_compte_complet() -> None:
    document = vers_dict(convention_exemple().utilisateurs[0])
    assert len(document) == 14
    del document["nom"]
    document["Nom"] = "Leroy"
    assert len(document) == 14
    assert lire_utilisateur(document) is None
    issue = _comparer(document, Utilisateur)
    assert issue[0] == "refusé"
