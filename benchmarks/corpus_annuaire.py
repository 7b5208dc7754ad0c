"""Fabrique les corpus réels de ``tests/regles/corpus/`` : des adresses de l'annuaire public.

    pip install faker
    git clone https://github.com/okfnfr/dada-france-authorities SOURCE
    git clone https://github.com/malikbenkirane/go-france NOMS
    python benchmarks/corpus_annuaire.py SOURCE --noms NOMS

Les corpus écrits à la main (``benchmarks/corpus_nominatif.py``) l'ont été par la main qui
a écrit la règle. Ceux-ci viennent d'ailleurs : du jeu de données *dada-france-authorities*
(Licence Ouverte, commit ``6811933``), tiré de l'annuaire de l'administration de
service-public.fr. Le script lit ce commit précis (``git show``), tire ses échantillons avec
une graine fixe et refait les fichiers à l'identique.

- ``annuaire_boites.tsv`` : 1 600 parties locales distinctes d'adresses de contact
  d'organismes publics proches des partenaires de la Caf (800 mairies, 800 autres : France
  services, points information jeunesse, CLIC, missions locales, PMI, intercommunalités,
  CIDFF, maisons de la justice…), tirées au hasard. Chacune a été lue à la main : celles qui
  désignent une personne (``prenom.nom``…) ou dont on ne sait pas dire si elles en désignent
  une sont **écartées** (``ECARTEES``, leurs empreintes seulement : aucune adresse de
  personne n'entre dans le dépôt). Chaque boîte est donnée à une personne fictive.
- ``prada.tsv`` : les personnes responsables de l'accès aux documents administratifs (PRADA)
  et l'adresse qu'elles ont déclarée : le cas exact de MCP-USR-02, une vraie personne et
  l'adresse qu'elle utilise, tantôt la sienne (``p.nom``, ``pnom``…), tantôt une boîte de
  service (``juridique@``, ``cada@``, ``archives@``…). Étiquetées à la main ; les
  personnes sont **remplacées** par des personnes fictives (Faker ``fr_FR``), et leurs
  adresses réécrites de la même forme (mêmes mots, mêmes initiales, mêmes troncatures) ;
  une adresse qui désigne une autre personne est remplacée par une adresse fictive de la
  même forme (``AUTRES_PERSONNES``). Les boîtes de service restent telles quelles.

Chaque entrée est rangée, par son empreinte, dans le jeu de **réglage** ou le jeu
**témoin** (moitié chacun) : seul le premier a servi à régler la liste des mots de service.

- ``noms_insee.tsv.gz`` : les 60 000 noms de famille et les 15 000 prénoms les plus portés
  en France, pliés, du plus porté au moins porté : fichiers de l'Insee (noms de famille 1891-2000,
  prénoms 1900-2022) repris par le dépôt *go-france* (commit ``600978b``). Une
  adresse qui commence par un nom de personne (son nom de jeune fille, celui d'un
  collègue) ne doit être refusée que si ce nom est lui-même un mot de service (Bureau) :
  jamais parce qu'un mot de service en commence un (Maillard, Villeneuve).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from faker import Faker

from mcp_rules.regles.nominatif import plier

DOSSIER = Path(__file__).resolve().parent.parent / "tests" / "regles" / "corpus"
COMMIT = "6811933f508e4a97988d6a32a57c05b35edd0a49"
FICHIERS_ANNUAIRE = tuple(sorted(f"emails_valide{n}.csv" for n in range(0, 50001, 5000)))
CATEGORIES = frozenset(
    {
        "mairie", "msap", "cij", "epci", "clic", "mission_locale", "pmi",
        "accompagnement_personnes_agees", "cidf", "maia", "adil", "maison_handicapees",
        "cg", "cdg", "crous", "pif", "crib", "caf", "msa", "cr", "mjd",
        "permanence_juridique", "cnfpt",
    }
)  # fmt: skip
"""Les catégories de l'annuaire retenues : collectivités, services sociaux, jeunesse,
emploi, logement, famille, personnes âgées ou handicapées (pas l'État régalien)."""

ECARTEES = frozenset(
    {
        "05e7b0faffba",
        "080348cc33b4",
        "0818bb36fb20",
        "097ff86486b0",
        "0c22d1507495",
        "0ce542a7762c",
        "0d6fd693e458",
        "10de3f4967ca",
        "10eab0439d44",
        "124b05dfdf1d",
        "19d6799c22eb",
        "1e6322aaeb8f",
        "1e6944e361df",
        "209b19ae8a11",
        "249b8a101025",
        "258092e01687",
        "2945e06ba7a3",
        "29798125f71b",
        "2c759de59357",
        "2d5b37382053",
        "2dd4106e0896",
        "2e69c02888a3",
        "309e32119847",
        "34c6b462d835",
        "35ff610da42b",
        "36503c9192ab",
        "383b1cdb332f",
        "39051329e3d2",
        "401ab7955fa0",
        "48c807f7e55d",
        "4acd68f2c6e7",
        "4c2607c14dfb",
        "4e07602cc78f",
        "55f096bdf60c",
        "570e80088c1f",
        "58926bfc4f96",
        "596ffbc36b95",
        "5c7a7ad28463",
        "5eac8be6c9c1",
        "61de4e0db674",
        "62a06d7b4087",
        "676c8949937f",
        "6810b57272c5",
        "69432829a386",
        "696206b6d110",
        "6c0fed875671",
        "6d237651900c",
        "6dcdeb8015ad",
        "710799fc5f66",
        "740238032cb1",
        "74eb2a13b4b0",
        "751ce35c826a",
        "7964f1e8b275",
        "7ce07feb4721",
        "7d4cf568ee10",
        "82d402820fd7",
        "83ef88c5538c",
        "871afba390b2",
        "8867e64db69c",
        "8d29af37f8ad",
        "8d33217a635d",
        "8f959f54ea48",
        "8fcd6f6e4899",
        "99cec2dbd4ee",
        "9b187854820a",
        "9ba33fc7da13",
        "9bb973edc2f0",
        "9be432ed97fc",
        "a1a6d1813cf1",
        "a1d04941dd80",
        "a55ed8e0fadc",
        "a7003e3dc5c2",
        "a866c0a4880b",
        "a8957ef9cab5",
        "aab39c04e60a",
        "b5af9f2118c4",
        "b8fdeac08c6f",
        "bc6dcae7a39c",
        "bcf36bf0f707",
        "bd694628604a",
        "c065fc0374ed",
        "c0ff3c4887a5",
        "c1edc81288a0",
        "c31eab0b029e",
        "c71c647c3ad2",
        "c7a1874c723e",
        "caef78fb0410",
        "cf6baedc4ba4",
        "d688b65f1820",
        "d813575781df",
        "daf130296736",
        "dc7fed1f5aae",
        "dd70b7e991cc",
        "debb2e64bea8",
        "df19a475efa0",
        "df4ce1ec18ca",
        "e44635071a77",
        "e4766d8d1baa",
        "e6455e5ab15f",
        "e8def0c020de",
        "ea437f83642f",
        "eaa63fce6e6e",
        "ec514764f673",
        "ec79c3d1b47e",
        "ed10e2ce3bb1",
        "ef5ef0432dc4",
        "ef73de6ab588",
        "f15fb3d6e026",
        "f35bea983a2f",
        "f3830731ce8c",
        "f3f0ced9daa9",
        "f46b6c831afa",
        "f5b43e002fb8",
        "fa50d0b0fabe",
        "fb75864f6b60",
        "fe0826db93e2",
        "fe0d3725f770",
        "fe1d3c1474c3",
        "ffcda6588415",
    }
)
"""Empreintes (SHA-256, 12 caractères, de la partie locale en minuscules) des boîtes de
l'échantillon de l'annuaire écartées à la lecture : elles désignent une personne, ou on ne
sait pas le dire (``mpernes`` : Pernes est aussi une commune)."""

PROPRES_SANS_NOM = {
    "0117834bf60d": "{P}{N}",
    "16697fb6dde4": "{nom:.6}2",
    "1e0d7ebe45df": "{prenom:.2}{nom:.6}",
    "53d7a8b7b431": "{P}{N}.vbintercom",
    "9c1623f0d38e": "{P}{N}",
    "c748044d0aa9": "{P}cada",
    "ced3fc002ab6": "{N}{P}.domitienne",
    "f8dcb34308e5": "{P}{N}",
}
"""Les adresses PRADA qui sont celles de la personne sans contenir son nom entier : ses
initiales, ou son nom tronqué. Empreinte → forme, réécrite pour la personne fictive
(``P`` initiales du prénom, ``N`` du nom, ``prenom`` et ``nom`` pliés et collés)."""

AUTRES_PERSONNES = {
    "02a57103fa9a": "mbellucci",
    "0ed9c0496515": "c.renard",
    "1bb9d52df3cc": "sylvie.lenoir",
    "221c74f89077": "m.riviere",
    "4d80e818f90a": "c.chaillot",
    "51dcaed0c9ab": "alacombe",
    "59d377d99aa3": "j.bernier",
    "5bc87da64396": "lucienpaumier",
    "63c8f67ab775": "crossi",
    "656c67fcb671": "i.conrad",
    "751ce35c826a": "g.brochard",
    "770cac4b45dc": "agathe.morel",
    "7a4998f034c2": "laure.merlin",
    "8d56605963f8": "clemence.gautier",
    "8f65c56ce6b0": "nora.vasseur",
    "9191a369b592": "gaillard.thierry",
    "a00ae062eaa2": "rose.maillard",
    "a0d0d112c842": "e.sautel",
    "a1d04941dd80": "odile.chanteau",
    "a7133f547696": "karine.thibaud",
    "c54b56127cbb": "melanie.astier-fabre",
    "cb49cd2f2f56": "d.bouquet",
    "f21d4bf1fab3": "nbenhamou",
    "f594df04f51f": "cccf-nadia-perret",
    "fb7a5e2bc835": "sabine.bourdet",
    "fc6940ce334c": "lucie.tessier",
    "ff4d1830a257": "a.morvan",
}
"""Les adresses PRADA qui désignent une **autre** personne que la PRADA (une collègue) :
nominatives, mais pas les siennes. Empreinte → adresse fictive de la même forme."""

INCERTAINES_PRADA = frozenset(
    {
        "22a3c85609d4",
        "3ac1ecbd2220",
        "3ca255d76a63",
        "4063516106b0",
        "576d1184c541",
        "5f49725bb9f8",
        "61aedd50b0ad",
        "7f1f073d8bb9",
        "9cb969140f64",
        "9d68f3c24904",
        "bea873d5658e",
        "e4bc7fd47d2f",
        "f6a5a1b1d91d",
    }
)
"""Les adresses PRADA dont on ne sait pas dire si elles désignent une personne : écartées."""

NOMS_COMMIT = "600978b0be6d63b004465e2c4295dbf2dab6b811"
NOMBRE_NOMS, NOMBRE_PRENOMS = 60_000, 15_000

PARTICULES = frozenset({"de", "du", "des", "la", "le", "d", "l", "da", "di", "van", "von"})
_LETTRES = re.compile(r"[a-z]+")


def empreinte(partie_locale: str) -> str:
    return hashlib.sha256(partie_locale.lower().encode()).hexdigest()[:12]


def jeu(partie_locale: str) -> str:
    """Réglage ou témoin, par la parité de l'empreinte : stable, indépendant de l'ordre."""
    return "reglage" if int(empreinte(partie_locale), 16) % 2 == 0 else "temoin"


def lire(source: Path, fichier: str) -> Iterator[list[str]]:
    texte = subprocess.run(  # noqa: S603 - git, arguments fixés
        ["git", "-C", str(source), "show", f"{COMMIT}:{fichier}"],  # noqa: S607
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    yield from csv.reader(io.StringIO(texte, newline=""))


def echantillon_annuaire(source: Path) -> list[tuple[str, str, str]]:
    """800 boîtes de mairie et 800 autres, parties locales distinctes, graine 2026 : la
    partie locale, la catégorie, le nom de l'organisme."""
    boites: dict[str, tuple[str, str, str]] = {}
    for fichier in FICHIERS_ANNUAIRE:
        for ligne in lire(source, fichier):
            if not ligne or ligne[0].startswith("#") or len(ligne) < 6 or "@" not in ligne[2]:
                continue
            categorie = ligne[5].split()[0] if ligne[5].split() else ""
            if categorie in CATEGORIES:
                locale = ligne[2].split("@")[0].strip()
                boites.setdefault(locale.lower(), (locale, categorie, ligne[1].strip()))
    cles = sorted(boites)
    hasard = random.Random(2026)
    mairies = [c for c in cles if boites[c][1] == "mairie"]
    autres = [c for c in cles if boites[c][1] != "mairie"]
    return [boites[c] for c in hasard.sample(mairies, 800) + hasard.sample(autres, 800)]


def _nominative_par_le_nom(prenom: str, nom: str, locale: str) -> bool:
    """L'adresse contient le nom ou le prénom entier, ou l'un de leurs mots d'au moins trois
    lettres : elle est à la personne (chaque cas a été relu à la main)."""
    colle = plier(locale).replace(" ", "")
    for partie in (nom, prenom):
        mots = plier(partie).split()
        if mots and ("".join(mots) in colle or any(len(m) >= 3 and m in colle for m in mots)):
            return True
    return False


class Pseudonymes:
    """Une personne fictive par personne réelle, mot pour mot : un prénom composé le reste,
    une particule aussi ; chaque mot réel a son mot fictif (et donc son initiale)."""

    def __init__(self, graine: int) -> None:
        self._faker = Faker("fr_FR")
        self._faker.seed_instance(graine)

    def _mot(self, fabrique: str, interdits: set[str]) -> tuple[str, str]:
        while True:
            affiche = str(getattr(self._faker, fabrique)())
            plie = plier(affiche)
            if (
                " " not in plie
                and len(plie) >= 3
                and not any(plie in m or m in plie for m in interdits)
            ):
                interdits.add(plie)
                return affiche, plie

    def personne(self, prenom: str, nom: str) -> tuple[str, str, dict[str, str]]:
        """Le prénom et le nom fictifs, et la table mot réel plié → mot fictif plié."""
        table: dict[str, tuple[str, str]] = {}
        interdits = set(plier(prenom).split()) | set(plier(nom).split())
        sorties = []
        for partie, fabrique in ((prenom, "first_name"), (nom, "last_name")):
            faux = []
            for morceau in re.split(r"([\s\-']+)", partie.strip()):
                plie = plier(morceau)
                if not plie or " " in plie or plie in PARTICULES:
                    faux.append(morceau)
                    continue
                if plie not in table:
                    table[plie] = self._mot(fabrique, interdits)
                affiche = table[plie][0]
                faux.append(affiche.upper() if morceau.isupper() and len(morceau) > 1 else affiche)
            sorties.append("".join(faux))
        return sorties[0], sorties[1], {reel: faux[1] for reel, faux in table.items()}


def _initiales(mots: list[str], table: dict[str, str]) -> tuple[str, str]:
    return "".join(m[0] for m in mots), "".join(table[m][0] for m in mots)


def reecrire(locale: str, prenom: str, nom: str, table: dict[str, str]) -> str:
    """La même adresse pour la personne fictive : chaque mot du nom réel remplacé par son mot
    fictif, chaque suite d'initiales (du prénom, du nom, des deux) par les fictives ; le
    reste (chiffres, séparateurs, ``ccpav``, ``cada``) tel quel."""
    pm = [m for m in plier(prenom).split() if m in table]
    nm = [m for m in plier(nom).split() if m in table]
    suites = [_initiales(s, table) for s in (pm, nm, pm + nm, nm + pm) if s]
    reels = sorted(table, key=len, reverse=True)

    def vider(tampon: str) -> str:
        for reelles, fictives in suites:
            if tampon and reelles.startswith(tampon):
                return fictives[: len(tampon)]
        return tampon

    def suite_de_lettres(texte: str) -> str:
        sortie, tampon, i = [], "", 0
        while i < len(texte):
            reel = next((r for r in reels if texte.startswith(r, i)), None)
            if reel is None:
                tampon += texte[i]
                i += 1
                continue
            sortie += [vider(tampon), table[reel]]
            tampon, i = "", i + len(reel)
        return "".join([*sortie, vider(tampon)])

    morceaux = re.split(r"([a-z]+)", locale.lower())
    return "".join(suite_de_lettres(m) if _LETTRES.fullmatch(m) else m for m in morceaux)


def personnes_fictives() -> list[tuple[str, str]]:
    with (DOSSIER / "nominatives.tsv").open(encoding="utf-8", newline="") as f:
        return [(x["prenom"], x["nom"]) for x in csv.DictReader(f, delimiter="\t")]


def corpus_annuaire(source: Path) -> tuple[list[list[str]], int]:
    personnes, hasard = personnes_fictives(), random.Random(14)
    lignes, ecartees = [], 0
    for locale, categorie, organisme in echantillon_annuaire(source):
        if empreinte(locale) in ECARTEES:
            ecartees += 1
            continue
        prenom, nom = hasard.choice(personnes)
        lignes.append([locale, categorie, jeu(locale), prenom, nom, organisme])
    return lignes, ecartees


def _prada(source: Path) -> Iterator[tuple[str, str, str, str]]:
    vus = set()
    entetes = None
    for ligne in lire(source, "annuaire_des_prada.csv"):
        if entetes is None:
            entetes = ligne
            continue
        x = dict(zip(entetes, ligne, strict=False))
        prenom, nom = x.get("Prénom PRADA", "").strip(), x.get("Nom PRADA", "").strip()
        adresse = x.get("Courriel 1 PRADA", "").strip()
        if "@" not in adresse or not prenom or not nom:
            continue
        locale = adresse.split("@")[0]
        cle = (plier(prenom), plier(nom), locale.lower())
        if cle not in vus:
            vus.add(cle)
            yield prenom, nom, locale, x.get("Nom de l'administration", "").strip()


def _adresse_fictive(
    prenom: str, nom: str, locale: str, pseudonymes: Pseudonymes
) -> tuple[str, str, str, str, str]:
    """La personne fictive, son adresse réécrite, l'étiquette et la forme."""
    e = empreinte(locale)
    faux_prenom, faux_nom, table = pseudonymes.personne(prenom, nom)
    if _nominative_par_le_nom(prenom, nom, locale):
        sortie = reecrire(locale, prenom, nom, table)
        reste = plier(sortie).replace(" ", "")
        if any(len(m) >= 3 and m in reste for m in table):
            sys.exit(f"pseudonyme incomplet : {e}")
        return faux_prenom, faux_nom, sortie, "nominative", "son nom ou son prénom"
    if e in PROPRES_SANS_NOM:
        pm, nm = plier(faux_prenom).split(), plier(faux_nom).split()
        sortie = PROPRES_SANS_NOM[e].format(
            P="".join(m[0] for m in pm if m not in PARTICULES),
            N="".join(m[0] for m in nm if m not in PARTICULES),
            prenom="".join(pm),
            nom="".join(nm),
        )
        return faux_prenom, faux_nom, sortie, "nominative", "ses initiales ou son nom tronqué"
    if e in AUTRES_PERSONNES:
        return faux_prenom, faux_nom, AUTRES_PERSONNES[e], "nominative", "une autre personne"
    return faux_prenom, faux_nom, locale, "service", "boîte de service"


def corpus_prada(source: Path) -> tuple[list[list[str]], int]:
    """Les PRADA pseudonymisées. Une personne fictive qui porterait par hasard le nom d'une
    vraie PRADA, ou dont l'adresse serait celle d'une vraie personne, est tirée à nouveau."""
    pseudonymes = Pseudonymes(14)
    prada = list(_prada(source))
    vraies_personnes = {(plier(p), plier(n)) for p, n, _, _ in prada}
    vraies_adresses = {locale.lower() for _, _, locale, _ in prada}
    lignes, ecartees = [], 0
    for prenom, nom, locale, organisme in prada:
        if empreinte(locale) in INCERTAINES_PRADA:
            ecartees += 1
            continue
        while True:
            fp, fn, sortie, etiquette, forme = _adresse_fictive(prenom, nom, locale, pseudonymes)
            personne_reelle = (plier(fp), plier(fn)) in vraies_personnes
            adresse_reelle = etiquette == "nominative" and sortie.lower() in vraies_adresses
            if not (personne_reelle or adresse_reelle):
                break
        lignes.append([fp, fn, sortie, etiquette, forme, jeu(locale), organisme])
    return lignes, ecartees


def ecrire(nom: str, entetes: list[str], lignes: list[list[str]]) -> None:
    with (DOSSIER / nom).open("w", encoding="utf-8", newline="") as f:
        sortie = csv.writer(f, delimiter="\t", lineterminator="\n")
        sortie.writerow(entetes)
        sortie.writerows(lignes)


def noms_insee(source: Path) -> list[list[str]]:
    """Les noms puis les prénoms les plus portés, pliés (espaces en « - »), dédoublonnés."""
    lignes: list[list[str]] = []
    for fichier, sorte, nombre in (
        ("data/noms_sorted_by_count.csv", "nom", NOMBRE_NOMS),
        ("data/prenoms_sorted_by_count.csv", "prenom", NOMBRE_PRENOMS),
    ):
        texte = subprocess.run(  # noqa: S603 - git, arguments fixés
            ["git", "-C", str(source), "show", f"{NOMS_COMMIT}:{fichier}"],  # noqa: S607
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")
        vus: set[str] = set()
        for ligne in csv.reader(io.StringIO(texte, newline="")):
            if not ligne or ligne[0].startswith(("AUTRES", "_")):
                continue
            forme = plier(ligne[0]).replace(" ", "-")
            if forme and forme not in vus:
                vus.add(forme)
                lignes.append([forme, sorte])
            if len(vus) == nombre:
                break
    return lignes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="un clone de okfnfr/dada-france-authorities")
    parser.add_argument("--noms", type=Path, help="un clone de malikbenkirane/go-france")
    args = parser.parse_args()
    if args.noms is not None:
        noms = noms_insee(args.noms)
        texte = "forme\tsorte\n" + "".join("\t".join(x) + "\n" for x in noms)
        # mtime=0 : le même fichier, octet pour octet, à chaque fabrication
        (DOSSIER / "noms_insee.tsv.gz").write_bytes(gzip.compress(texte.encode(), mtime=0))
        print(f"noms_insee.tsv.gz : {len(noms)} noms et prénoms")
    boites, ecartees = corpus_annuaire(args.source)
    entetes = ["partie_locale", "categorie", "jeu", "prenom", "nom", "organisme"]
    ecrire("annuaire_boites.tsv", entetes, boites)
    print(f"annuaire_boites.tsv : {len(boites)} boîtes ({ecartees} écartées à la lecture)")
    prada, incertaines = corpus_prada(args.source)
    entetes = ["prenom", "nom", "partie_locale", "etiquette", "forme", "jeu", "organisme"]
    ecrire("prada.tsv", entetes, prada)
    print(f"prada.tsv : {len(prada)} personnes ({incertaines} adresses incertaines écartées)")


if __name__ == "__main__":
    main()
