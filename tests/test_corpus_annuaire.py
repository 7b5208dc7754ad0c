"""Interprétation 23 mesurée sur des données réelles (``benchmarks/corpus_annuaire.py``).

Les corpus écrits à la main l'ont été par la main qui a écrit la règle ; ceux-ci viennent
de l'annuaire de l'administration (boîtes d'organismes publics), de l'annuaire des PRADA
(de vraies personnes et l'adresse qu'elles utilisent, pseudonymisées) et des fichiers de
noms de l'Insee. Chaque entrée des deux premiers est rangée dans le jeu de réglage ou le
jeu témoin : seul le premier a servi à régler la liste des mots de service.

Les seuils de rappel ci-dessous ne sont pas les objectifs (95 %) : ce sont les valeurs
mesurées sur le jeu témoin, arrondies au point inférieur, pour qu'un recul se voie.
"""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

import pytest

from mcp_rules.regles import nominatif, vocabulaire

CORPUS = Path(__file__).resolve().parent / "regles" / "corpus"


def _lire(nom: str) -> list[dict[str, str]]:
    donnees = (CORPUS / nom).read_bytes()
    if nom.endswith(".gz"):
        donnees = gzip.decompress(donnees)
    return list(csv.DictReader(io.StringIO(donnees.decode("utf-8")), delimiter="\t"))


BOITES = _lire("annuaire_boites.tsv")
PRADA = _lire("prada.tsv")
NOMS = _lire("noms_insee.tsv.gz")


def _refusee(ligne: dict[str, str]) -> bool:
    return nominatif.adresse_de_service(
        ligne["partie_locale"],
        nom=ligne["nom"],
        prenom=ligne["prenom"],
        organisme=ligne["organisme"],
    )


def _rappel(lignes: list[dict[str, str]]) -> float:
    return sum(map(_refusee, lignes)) / len(lignes)


def test_les_corpus_reels_ont_leur_taille() -> None:
    assert len(BOITES) >= 1400
    assert {ligne["jeu"] for ligne in BOITES} == {"reglage", "temoin"}
    assert sum(ligne["etiquette"] == "nominative" for ligne in PRADA) >= 600
    assert sum(ligne["etiquette"] == "service" for ligne in PRADA) >= 700
    assert len(NOMS) == 75_000


def test_aucune_vraie_personne_n_est_refusee() -> None:
    """Les PRADA dont l'adresse est la leur (nom, initiales, nom tronqué) ou celle d'une
    autre personne : aucune n'est refusée, dans aucun des deux jeux."""
    refusees = [
        f"{ligne['prenom']} {ligne['nom']} <{ligne['partie_locale']}> ({ligne['forme']})"
        for ligne in PRADA
        if ligne["etiquette"] == "nominative" and _refusee(ligne)
    ]
    assert refusees == []


def test_aucun_nom_de_prada_ne_se_lit_comme_une_fonction() -> None:
    signales = [
        (ligne["prenom"], ligne["nom"])
        for ligne in PRADA
        if nominatif.mots_de_fonction_seuls(nom=ligne["nom"], prenom=ligne["prenom"])
    ]
    assert signales == []


@pytest.mark.parametrize(
    ("corpus", "seuil"),
    [("annuaire", 0.76), ("prada", 0.81)],
)
def test_rappel_sur_le_jeu_temoin(corpus: str, seuil: float) -> None:
    if corpus == "annuaire":
        temoins = [ligne for ligne in BOITES if ligne["jeu"] == "temoin"]
    else:
        temoins = [
            ligne for ligne in PRADA if ligne["jeu"] == "temoin" and ligne["etiquette"] == "service"
        ]
    assert _rappel(temoins) >= seuil


def _expliquee_par_un_mot_entier(forme: str) -> bool:
    """Un refus qu'explique un mot de service **entier** de l'adresse : le premier (suivi
    d'un séparateur, de chiffres ou de rien) ou le dernier (une marque)."""
    mots = nominatif.jetons(forme)
    premier = mots[0].rstrip("0123456789") if mots else ""
    return premier in nominatif.MOTS_SERVICE or mots[-1] in nominatif.MARQUES_PARTOUT


def test_un_nom_courant_n_est_refuse_que_s_il_est_lui_meme_un_mot_de_service() -> None:
    """75 000 noms et prénoms de l'Insee en tête d'une adresse qui n'est pas celle du
    compte (un nom de jeune fille, un collègue) : un refus ne vient jamais d'un mot de
    service qui commence un nom (« mail » de Maillard, « ville » de Villeneuve)."""
    formes = [f"{x['forme']}{fin}" for x in NOMS for fin in ("", ".j", "2")]
    refusees = [f for f in formes if nominatif.adresse_de_service(f, nom="Durand", prenom="Marie")]
    inexpliquees = [f for f in refusees if not _expliquee_par_un_mot_entier(f)]
    assert inexpliquees == []
    # Bureau, Guichet, Courrier… : des mots de service entiers, connus de l'interprétation 8.
    assert len(refusees) <= 3 * 40, sorted(refusees)


_COMPOSES = ("jm", "jp", "jl", "jc", "mc", "ml", "mj", "mf", "ma", "am", "pa", "as", "ac")
"""Les initiales de prénoms composés les plus portés (Jean-Marc, Marie-Claire…)."""


def test_une_initiale_collee_a_un_nom_courant_n_est_pas_refusee() -> None:
    """La forme d'adresse la plus courante après ``prenom.nom`` : une initiale ou deux
    collées au nom (``cschneider``, ``mjdubois``), entier ou tronqué à huit lettres comme
    le font certains annuaires (``cschneid``). Pour un compte qui n'est pas le sien (un nom
    de jeune fille, un collègue), aucun sigle de service (« csc », « msap », « mjd »…) ne
    doit la faire refuser."""
    noms = [x["forme"].replace("-", "") for x in NOMS if x["sorte"] == "nom"]
    formes = [i + n for n in noms[:3000] for i in "abcdefghijklmnopqrstuvwxyz"]
    formes += [i + n for n in noms[:2000] for i in _COMPOSES]
    formes += [i + n[:7] for n in noms[:20000] if len(n) > 7 for i in "cjmps"]
    refusees = [f for f in formes if nominatif.adresse_de_service(f, nom="Durand", prenom="Paul")]
    assert [f for f in refusees if not _expliquee_par_un_mot_entier(f)] == []


def test_le_nom_de_l_organisme_ne_fait_pas_refuser_un_nom_courant() -> None:
    """Douze organismes des corpus (un sur cent vingt, par ordre alphabétique) : leurs mots
    et sigles ne font refuser aucun des 75 000 noms et prénoms de l'Insee, seul en partie
    locale (« martin@ » pour la mairie de Saint-Martin pourrait être une personne)."""
    organismes = sorted({x["organisme"] for x in BOITES} | {x["organisme"] for x in PRADA})
    for organisme in organismes[::120][:12]:
        refusees = [
            x["forme"]
            for x in NOMS
            if nominatif.adresse_de_service(
                x["forme"], nom="Durand", prenom="Marie", organisme=organisme
            )
            and not _expliquee_par_un_mot_entier(x["forme"])
        ]
        assert refusees == [], organisme


@pytest.mark.parametrize(
    ("locale", "organisme"),
    [
        ("ccpo", "Communauté de communes - Pays de l'Ourcq"),  # son sigle
        ("cct64", "Communauté de communes - Tardets"),  # son sigle et un département
        ("cchnvy", "Communauté de communes - Haut Nivernais Val d'Yonne"),
        ("stcyr.mairie", "Mairie - Saint-Cyr-du-Bailleul"),
    ],
)
def test_une_boite_faite_du_nom_de_l_organisme_est_de_service(locale: str, organisme: str) -> None:
    assert nominatif.adresse_de_service(locale, nom="Durand", prenom="Marie", organisme=organisme)
    assert not nominatif.adresse_de_service(
        locale, nom="Durand", prenom="Marie"
    ) or locale.endswith("mairie")


def test_les_mots_de_service_qui_sont_des_noms_sont_ceux_de_l_insee() -> None:
    """``MOTS_QUI_SONT_DES_NOMS`` est exactement la liste des mots de service d'au moins
    quatre lettres (ou de moins, pris seuls) qui sont des noms ou prénoms des fichiers de
    l'Insee, seuls ou derrière « l », « la », « le », « de », « des », « du »."""
    noms = {x["forme"].replace("-", "") for x in NOMS}
    mots = {m.replace(" ", "") for m in nominatif.MOTS_SERVICE}
    seuls = {m for m in mots if m in noms}
    lies = {
        m for m in mots for lien in ("l", "la", "le", "de", "des", "du", "d") if lien + m in noms
    }
    assert seuls | {m for m in lies if len(m) >= 4} == vocabulaire.MOTS_QUI_SONT_DES_NOMS


@pytest.mark.parametrize(
    ("locale", "organisme"),
    [
        ("laurent.lenfant", "Mairie de Saint-Laurent"),  # M. Lenfant : « l » et « enfant »
        ("laurent.loyer", "Ville de Saint-Laurent"),  # Loyer est un nom
        ("marie.foyer", "Centre social Marie Curie"),
        ("jean.lajeunesse", "Centre social Jean Jaurès"),
        ("cart", "Communauté d'agglomération Rambouillet Territoires"),  # sigle, et nom
        ("caps", "Communauté d'agglomération du Pays de Saint-Omer"),
        ("carnet.nazairienne", "Communauté d'agglomération de la région nazairienne (CARENE)"),
        ("laurent" * 1000, "Mairie de Saint-Laurent"),  # démesurée : pas lue, et vite
    ],
)
def test_un_nom_pres_du_nom_de_l_organisme_n_est_pas_refuse(locale: str, organisme: str) -> None:
    assert not nominatif.adresse_de_service(
        locale, nom="Durand", prenom="Sophie", organisme=organisme
    )


@pytest.mark.parametrize(
    ("locale", "organisme"),
    [
        ("landivisiau", "Mairie - Landivisiau"),  # le lieu seul : un nom de personne possible
        ("martin", "Mairie de Saint-Martin"),
        ("cavet", "Communauté d'agglomération - Val de Garonne"),  # « cav » et « et »
        ("dessaint", "CCAS de Saint-Exemple"),  # « des » et « saint » : un nom
    ],
)
def test_le_nom_seul_de_l_organisme_n_est_pas_refuse(locale: str, organisme: str) -> None:
    assert not nominatif.adresse_de_service(
        locale, nom="Durand", prenom="Marie", organisme=organisme
    )
