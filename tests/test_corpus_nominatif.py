"""Interprétation 23, mesurée sur les corpus étiquetés de ``tests/regles/corpus`` : aucune
personne réelle refusée (MCP-USR-02), au plus 1 % de noms de personnes signalés à tort
(MCP-USR-01), au moins 95 % des boîtes de service reconnues."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mcp_rules.regles import nominatif

CORPUS = Path(__file__).resolve().parent / "regles" / "corpus"


def _lire(nom: str) -> list[dict[str, str]]:
    with (CORPUS / nom).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


NOMINATIVES = _lire("nominatives.tsv")
GENERIQUES = _lire("generiques.tsv")
NOMS_GENERIQUES = _lire("noms_generiques.tsv")


def _refusee(ligne: dict[str, str]) -> bool:
    locale = ligne["adresse"].rpartition("@")[0]
    return nominatif.adresse_de_service(locale, nom=ligne["nom"], prenom=ligne["prenom"])


def test_les_corpus_ont_la_taille_demandee() -> None:
    assert len(NOMINATIVES) >= 2000
    assert sum(ligne["source"].startswith("nom commun") for ligne in NOMINATIVES) >= 200
    assert len(GENERIQUES) >= 500


def test_aucune_adresse_nominative_n_est_refusee() -> None:
    refusees = [
        f"{ligne['prenom']} {ligne['nom']} <{ligne['adresse']}>"
        for ligne in NOMINATIVES
        if _refusee(ligne)
    ]
    assert refusees == []


def test_au_plus_un_pour_cent_de_noms_de_personnes_signales() -> None:
    signales = [
        (ligne["prenom"], ligne["nom"])
        for ligne in NOMINATIVES
        if nominatif.mots_de_fonction_seuls(nom=ligne["nom"], prenom=ligne["prenom"])
    ]
    assert len(signales) <= len(NOMINATIVES) // 100, signales[:20]


def test_au_moins_95_pour_cent_des_boites_de_service_reconnues() -> None:
    manquees = [ligne["adresse"] for ligne in GENERIQUES if not _refusee(ligne)]
    assert len(manquees) <= len(GENERIQUES) * 5 // 100, manquees[:20]


def test_les_noms_generiques_sont_signales() -> None:
    muets = [
        (ligne["prenom"], ligne["nom"])
        for ligne in NOMS_GENERIQUES
        if not nominatif.mots_de_fonction_seuls(nom=ligne["nom"], prenom=ligne["prenom"])
    ]
    assert len(muets) <= len(NOMS_GENERIQUES) * 5 // 100, muets


@pytest.mark.parametrize(
    ("texte", "plie"),
    [
        ("Élodie", "elodie"),
        ("LE GALL-Martin", "le gall martin"),
        ("d'Œillet", "d oeillet"),
        ("Jean  Pierre", "jean pierre"),
        ("Ñúñez", "nunez"),
    ],
)
def test_le_pliage_ote_casse_accents_ligatures_et_separateurs(texte: str, plie: str) -> None:
    assert nominatif.plier(texte) == plie


def test_une_politique_ajoute_ses_mots() -> None:
    assert not nominatif.adresse_de_service("vestiaire", nom="Durand", prenom="Marie")
    assert nominatif.adresse_de_service(
        "vestiaire.nord",
        nom="Durand",
        prenom="Marie",
        mots_supplementaires=frozenset({"Vestiaire"}),
    )


# --- cas nommés, relevés par les mutants du module (python mutation/mutants.py) ------------


@pytest.mark.parametrize(
    ("prenom", "nom", "locale"),
    [
        ("Marc", "De Sousa", "mds"),  # ses initiales, qui sont aussi un mot de service
        ("Anne", "Le Bo", "accueil.lebo"),  # un nom fait de mots courts, lu en entier
        ("Jean-Luc", "Martin", "accueil.luc"),  # un mot de trois lettres du prénom
    ],
)
def test_le_nom_de_la_personne_protege_meme_court_ou_compose(
    prenom: str, nom: str, locale: str
) -> None:
    assert not nominatif.adresse_de_service(locale, nom=nom, prenom=prenom)
    assert nominatif.adresse_de_service(locale, nom="Durand", prenom="Marie")


@pytest.mark.parametrize(
    ("locale", "service"),
    [
        ("rh2", True),  # un mot de service suivi de chiffres
        ("infomairie", True),  # un mot de service de quatre lettres collé au suivant
        ("accueil.xxxx", True),  # sans nom ni prénom donnés
        ("...", False),  # rien qui se lise
        ("xxxx", False),
    ],
)
def test_adresse_de_service_sans_personne(locale: str, service: bool) -> None:
    assert nominatif.adresse_de_service(locale) is service
