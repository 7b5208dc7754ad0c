"""Le filtre de :func:`~mcp_rules.regles.nominatif.juge_des_adresses` ne change aucun verdict.

Avant l'expression des mots de service, le juge écarte d'un coup d'œil (les trois ou quatre
premières et dernières lettres, les débuts du nom de l'organisme) les adresses qui ne
peuvent pas être de service. Un filtre trop strict laisserait passer une adresse de service
sans rien dire : chaque verdict filtré est comparé ici à celui de la lecture complète
(``_adresse_lue``, sans filtre), sur tous les corpus et sur des parties locales faites de
morceaux des mots mêmes que le filtre lit (débuts, fins, mots de trois lettres suivis d'une
lettre ou d'un séparateur…).
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcp_rules.regles import nominatif, vocabulaire

CORPUS = Path(__file__).resolve().parent / "regles" / "corpus"

_LAUZUN = "Communauté de communes du Pays de Lauzun"
_OURCQ = "Communauté de communes du Pays de l'Ourcq"
_ORGANISMES = (
    "",
    _LAUZUN,
    _OURCQ,
    "Mairie - Saint-Cyr-du-Bailleul",
    "Mairie de Saint-Martin",
    "Office public de l'habitat",
)
_POLITIQUES: tuple[frozenset[str], ...] = (
    frozenset(),
    frozenset({"Vestiaire", "état civil", "x y", "abc"}),  # « abc » : une marque de 3 lettres
    frozenset({"-"}),  # plié, un mot vide : pas de filtre du tout
)


def _sans_filtre(
    locale: str, nom: str, prenom: str, organisme: str, politique: frozenset[str]
) -> bool:
    brut = locale.lower() if locale.isascii() else nominatif.plier(locale)
    return nominatif._adresse_lue(locale, nom, prenom, organisme, politique, brut)


def _verdicts(
    locale: str, nom: str, prenom: str, organisme: str, politique: frozenset[str]
) -> tuple[bool, bool]:
    juge = nominatif.juge_des_adresses(organisme, politique)
    return juge(locale, nom, prenom), _sans_filtre(locale, nom, prenom, organisme, politique)


def _lire(nom: str) -> list[dict[str, str]]:
    donnees = (CORPUS / nom).read_bytes()
    if nom.endswith(".gz"):
        donnees = gzip.decompress(donnees)
    return list(csv.DictReader(io.StringIO(donnees.decode("utf-8")), delimiter="\t"))


def _entrees_des_corpus() -> list[tuple[str, str, str, str]]:
    """(partie locale, nom, prénom, organisme) de chaque entrée de chaque corpus."""
    entrees = [
        (ligne["adresse"].rpartition("@")[0], ligne["nom"], ligne["prenom"], "")
        for fichier in ("nominatives.tsv", "generiques.tsv")
        for ligne in _lire(fichier)
    ]
    entrees += [
        (ligne["adresse"].rpartition("@")[0], "Durand", "Sophie", "")
        for ligne in _lire("generiques_temoins.tsv")
    ]
    entrees += [
        (ligne["partie_locale"], ligne["nom"], ligne["prenom"], ligne["organisme"])
        for fichier in ("annuaire_boites.tsv", "prada.tsv")
        for ligne in _lire(fichier)
    ]
    return entrees


def test_le_filtre_ne_change_aucun_verdict_des_corpus() -> None:
    ecarts = [
        (entree, politique)
        for entree in _entrees_des_corpus()
        for politique in _POLITIQUES[:2]
        if len(set(_verdicts(*entree, politique))) != 1
    ]
    assert ecarts == []


def test_le_filtre_ecarte_les_noms_qu_un_debut_ou_une_fin_de_mot_rapprochait() -> None:
    """Claire (« cla » de « classe »), Girard (« ard » de « standard ») : le filtre les
    écarte sans lire l'expression ; « rsa » en mot entier, « x.rsa », reste à lire."""
    filtre = nominatif._filtre(frozenset())
    assert filtre is not None
    assert "cla" in filtre.debuts3
    assert "clai" not in filtre.debuts4
    assert "ard" in filtre.fins3
    assert "rard" not in filtre.fins4
    assert "rsa" in filtre.fins_mots
    assert "rsa" in filtre.debuts_mots
    assert nominatif.adresse_de_service("x.rsa") is True
    assert nominatif.adresse_de_service("larsa") is False


# Les morceaux que le filtre lit : débuts et fins des mots de service et des marques, sur
# trois et quatre lettres, mots entiers, petits mots, noms, séparateurs, chiffres.
_MOTS = sorted(nominatif._mots_service(_POLITIQUES[1]))
_MARQUES = sorted(nominatif._vocabulaire(_POLITIQUES[1])[0])
_COLLES = sorted(nominatif._mots_colles(_POLITIQUES[1])[0])
_ORGANISMES_NOMMES = [
    o for o in _ORGANISMES if nominatif._organisme(o).propres | nominatif._organisme(o).sigles
]
_MORCEAUX = st.one_of(
    st.sampled_from(_MOTS),
    # un mot de service coupé par un séparateur ou un chiffre (« cia.s », « co9ntentieux ») :
    # le nom de l'organisme se lit sur les seules lettres de l'adresse
    st.tuples(
        st.sampled_from(_COLLES), st.integers(1, 3), st.sampled_from([".", "-", "+", "9"])
    ).map(lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]),
    st.sampled_from(_MOTS).map(lambda m: m[:3]),
    st.sampled_from(_MOTS).map(lambda m: m[:4]),
    st.sampled_from(_MARQUES),
    st.sampled_from(_MARQUES).map(lambda m: m[-3:]),
    st.sampled_from(_MARQUES).map(lambda m: m[-4:]),
    st.sampled_from(sorted(vocabulaire.NON_COLLES)),
    st.sampled_from(["des", "de", "du", "pour", "ccpl", "lauzun", "st", "cyr", "ophp", "ccpo"]),
    st.sampled_from(["ccp", "ourcq", "martin", "sccp", "occp"]),
    st.sampled_from(["marie", "durand", "claire", "girard", "md", "dm", "x", "é"]),
    st.sampled_from([".", "-", "_", "+", "'", " ", "’", "9", "12", ""]),
)


@settings(max_examples=400)
@given(
    morceaux=st.lists(_MORCEAUX, min_size=1, max_size=4),
    majuscules=st.booleans(),
    organisme=st.sampled_from(_ORGANISMES),
    politique=st.sampled_from(_POLITIQUES),
    personne=st.sampled_from([("Durand", "Marie"), ("", ""), ("Accueil", "CCAS")]),
)
def test_le_filtre_ne_change_aucun_verdict(
    morceaux: list[str],
    majuscules: bool,
    organisme: str,
    politique: frozenset[str],
    personne: tuple[str, str],
) -> None:
    locale = "".join(morceaux)
    if majuscules:
        locale = locale.upper()
    nom, prenom = personne
    avec, sans = _verdicts(locale, nom, prenom, organisme, politique)
    assert avec is sans, locale


@pytest.mark.parametrize("politique", _POLITIQUES)
def test_chaque_mot_et_chaque_marque_passe_le_filtre(politique: frozenset[str]) -> None:
    """Chaque mot de service, seul, suivi d'un chiffre ou d'une lettre, et chaque marque
    derrière un nom : le verdict filtré est celui de la lecture complète."""
    locales = [
        forme
        for mot in nominatif._mots_service(politique)
        for forme in (mot, mot + "2", mot + "x", mot.replace(" ", "."))
    ] + [
        forme
        for marque in nominatif._vocabulaire(politique)[0]
        for avant in (".", "-", "_", "+", "'", "", "12", "x.")
        for forme in ("durand" + avant + marque, avant + marque + ".12")
    ]
    ecarts = [
        locale
        for locale in locales
        if len(set(_verdicts(locale, "Durand", "Marie", "", politique))) != 1
    ]
    assert ecarts == []


@settings(max_examples=300)
@given(organisme=st.sampled_from(_ORGANISMES_NOMMES), donnees=st.data())
def test_une_adresse_faite_du_nom_de_l_organisme_coupee_ou_non(
    organisme: str, donnees: st.DataObject
) -> None:
    """Des mots propres et sigles de l'organisme et des mots de service mis bout à bout,
    puis coupés çà et là par un séparateur ou un chiffre : le verdict filtré est celui de
    la lecture complète."""
    lu = nominatif._organisme(organisme)
    siens = sorted(lu.propres | lu.sigles)
    # un mot de service ou un des siens en tête (coupé dans ses quatre premières lettres,
    # là où le filtre lit), puis un ou deux des siens
    tete = donnees.draw(st.sampled_from(_COLLES + siens))
    texte = tete + "".join(donnees.draw(st.lists(st.sampled_from(siens), min_size=1, max_size=2)))
    separateurs = st.sampled_from([".", "-", "+", "9"])
    coupes = donnees.draw(st.lists(st.tuples(st.integers(0, len(texte)), separateurs), max_size=2))
    coupes.append((donnees.draw(st.integers(1, min(4, len(tete)))), donnees.draw(separateurs)))
    for position, coupe in sorted(coupes, reverse=True):
        texte = texte[:position] + coupe + texte[position:]
    avec, sans = _verdicts(texte, "Durand", "Marie", organisme, frozenset())
    assert avec is sans, texte


@pytest.mark.parametrize(
    ("locale", "organisme", "politique"),
    [
        ("cia.sccp", _OURCQ, frozenset()),  # « cias » coupé, puis le sigle « ccp »
        ("inf.occp", _OURCQ, frozenset()),
        ("ser.vice.ccpo", _OURCQ, frozenset()),
        ("ramnord.ccpo", _OURCQ, frozenset({"ram-nord"})),  # un mot de la politique
        ("et-at-civil-ccpo", _OURCQ, frozenset()),
        ("IN+TERCOMCCP", _OURCQ, frozenset()),
        ("co9ntentieuxmartin", "Mairie de Saint-Martin", frozenset()),
    ],
)
def test_le_nom_de_l_organisme_coupe_par_des_separateurs_n_echappe_pas_au_filtre(
    locale: str, organisme: str, politique: frozenset[str]
) -> None:
    """Trouvées par une revue adverse : le nom de l'organisme se lit sur les seules lettres
    de l'adresse, et un mot de service coupé par un séparateur ou un chiffre l'y commence ;
    le filtre (qui lisait l'adresse telle qu'écrite) les écartait sans les lire."""
    assert _verdicts(locale, "Durand", "Marie", organisme, politique) == (True, True)
