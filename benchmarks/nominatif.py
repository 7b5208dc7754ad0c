"""Précision et rappel de MCP-USR-02 et MCP-USR-01 sur les corpus étiquetés (interprétation 23).

    python benchmarks/nominatif.py [--tout] [--temps]

Lit ``tests/regles/corpus/`` et imprime, pour chaque règle, les vrais et faux positifs, la
précision et le rappel, puis les entrées mal jugées (les 20 premières, ou toutes avec
``--tout``). Deux familles de corpus :

- écrits à la main (``benchmarks/corpus_nominatif.py``), par la main qui a écrit la règle ;
- réels (``benchmarks/corpus_annuaire.py``) : des boîtes de l'annuaire de l'administration,
  les PRADA et leurs adresses (pseudonymisées), les noms et prénoms de l'Insee. Les deux
  premiers sont coupés en un jeu de réglage et un jeu témoin ; seul le témoin mesure ce que
  la liste des mots de service reconnaît hors de ce qui l'a réglée.

Avec ``--temps`` : le coût d'une adresse (médiane de 7 passages sur les 2 140 adresses
nominatives, temps processeur), sans organisme puis avec deux noms d'organisme.

Objectifs du ticket : aucun refus à tort d'une adresse nominative, au plus 1 % de noms de
personnes signalés à tort, au moins 95 % des boîtes de service reconnues.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import statistics
import time
from pathlib import Path

from mcp_rules.regles import nominatif

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "regles" / "corpus"


def lire(nom: str) -> list[dict[str, str]]:
    donnees = (CORPUS / nom).read_bytes()
    if nom.endswith(".gz"):
        donnees = gzip.decompress(donnees)
    return list(csv.DictReader(io.StringIO(donnees.decode("utf-8")), delimiter="\t"))


def refusee(ligne: dict[str, str]) -> bool:
    """MCP-USR-02 refuse-t-il cette adresse pour ce compte ?"""
    locale = ligne["adresse"].rpartition("@")[0]
    return nominatif.adresse_de_service(locale, nom=ligne["nom"], prenom=ligne["prenom"])


def signale(ligne: dict[str, str]) -> bool:
    """MCP-USR-01 signale-t-il ce nom ?"""
    return bool(nominatif.mots_de_fonction_seuls(nom=ligne["nom"], prenom=ligne["prenom"]))


def _mesure(titre: str, positifs: list[bool], negatifs: list[bool]) -> None:
    vp, fn = sum(positifs), len(positifs) - sum(positifs)
    fp = sum(negatifs)
    precision = vp / (vp + fp) if vp + fp else 1.0
    rappel = vp / (vp + fn) if vp + fn else 1.0
    print(
        f"{titre} : {vp} vrais positifs, {fn} manqués, {fp} faux positifs sur {len(negatifs)} "
        f"({fp / len(negatifs):.2%}) ; précision {precision:.2%}, rappel {rappel:.2%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tout", action="store_true", help="toutes les entrées mal jugées")
    parser.add_argument("--temps", action="store_true", help="le coût d'une adresse")
    args = parser.parse_args()
    if args.temps:
        temps()
        return
    nominatives, generiques = lire("nominatives.tsv"), lire("generiques.tsv")
    noms_generiques = lire("noms_generiques.tsv")
    print(
        f"corpus : {len(nominatives)} adresses nominatives (dont "
        f"{sum(x['source'].startswith('nom commun') for x in nominatives)} de personnes au "
        f"nom commun), {len(generiques)} boîtes de service "
        f"({len({ligne['adresse'].partition('@')[0] for ligne in generiques})} parties locales "
        f"distinctes), {len(noms_generiques)} noms génériques"
    )
    _mesure(
        "MCP-USR-02 (adresse de service)",
        [refusee(ligne) for ligne in generiques],
        [refusee(ligne) for ligne in nominatives],
    )
    _mesure(
        "MCP-USR-01 (nom de fonction)",
        [signale(ligne) for ligne in noms_generiques],
        [signale(ligne) for ligne in nominatives],
    )
    temoins = lire("generiques_temoins.tsv")
    reconnus = [
        nominatif.adresse_de_service(
            ligne["adresse"].rpartition("@")[0], nom="Durand", prenom="Marie"
        )
        for ligne in temoins
    ]
    print(
        f"témoins (boîtes écrites après le réglage de la liste, attribuées à Marie Durand) : "
        f"{sum(reconnus)} reconnues sur {len(temoins)} ({sum(reconnus) / len(temoins):.0%})"
    )
    limite = None if args.tout else 20
    erreurs = [
        *(
            f"refusée à tort : {ligne['prenom']} {ligne['nom']} <{ligne['adresse']}>"
            for ligne in nominatives
            if refusee(ligne)
        ),
        *(
            f"boîte non reconnue : <{ligne['adresse']}> ({ligne['prenom']} {ligne['nom']})"
            for ligne in generiques
            if not refusee(ligne)
        ),
        *(
            f"nom signalé à tort : {ligne['prenom']} {ligne['nom']}"
            for ligne in nominatives
            if signale(ligne)
        ),
        *(
            f"nom générique non signalé : {ligne['prenom']} {ligne['nom']}"
            for ligne in noms_generiques
            if not signale(ligne)
        ),
        *(
            f"témoin non reconnu : <{ligne['adresse']}>"
            for ligne, ok in zip(temoins, reconnus, strict=True)
            if not ok
        ),
    ]
    print(f"mal jugées : {len(erreurs)}")
    for e in erreurs[:limite]:
        print("  " + e)
    reels(limite)


def temps() -> None:
    """Le coût d'une adresse, en microsecondes de processeur (médiane de 7 passages)."""
    cas = [
        (x["adresse"].rpartition("@")[0], x["nom"], x["prenom"]) for x in lire("nominatives.tsv")
    ]
    for organisme in ("", "CCAS de Saint-Exemple", "Communauté de communes du Pays de Lauzun"):
        mesures = []
        for _ in range(7):
            debut = time.process_time()
            for locale, nom, prenom in cas:
                nominatif.adresse_de_service(locale, nom=nom, prenom=prenom, organisme=organisme)
            mesures.append((time.process_time() - debut) / len(cas) * 1e6)
        print(
            f"organisme {organisme!r} : {statistics.median(mesures):.2f} µs par adresse "
            f"({min(mesures):.2f}-{max(mesures):.2f}), {len(cas)} adresses"
        )


def _refusee_reelle(ligne: dict[str, str]) -> bool:
    return nominatif.adresse_de_service(
        ligne["partie_locale"],
        nom=ligne["nom"],
        prenom=ligne["prenom"],
        organisme=ligne["organisme"],
    )


def _part(n: int, total: int) -> str:
    return f"{n} sur {total} ({n / total:.1%})" if total else "0 sur 0"


def _mot_entier(forme: str) -> bool:
    """Le refus vient d'un mot de service entier (le premier, ou une marque à la fin)."""
    mots = nominatif.jetons(forme)
    premier = mots[0].rstrip("0123456789") if mots else ""
    return premier in nominatif.MOTS_SERVICE or mots[-1] in nominatif.MARQUES_PARTOUT


def reels(limite: int | None) -> None:
    """Les corpus réels, jeu par jeu, et les noms de l'Insee."""
    boites, prada, noms = lire("annuaire_boites.tsv"), lire("prada.tsv"), lire("noms_insee.tsv.gz")
    refusees = {id(x): _refusee_reelle(x) for x in (*boites, *prada)}  # une fois par adresse
    print("\ncorpus réels (benchmarks/corpus_annuaire.py)")
    manques: list[str] = []
    for jeu in ("reglage", "temoin"):
        b = [x for x in boites if x["jeu"] == jeu]
        for titre, lignes in (
            ("mairies", [x for x in b if x["categorie"] == "mairie"]),
            ("autres organismes", [x for x in b if x["categorie"] != "mairie"]),
        ):
            vus = [x for x in lignes if refusees[id(x)]]
            print(f"  {jeu} · annuaire, {titre} : {_part(len(vus), len(lignes))} reconnues")
        print(f"  {jeu} · annuaire, en tout : {_part(sum(refusees[id(x)] for x in b), len(b))}")
        services = [x for x in prada if x["jeu"] == jeu and x["etiquette"] == "service"]
        personnes = [x for x in prada if x["jeu"] == jeu and x["etiquette"] == "nominative"]
        vus = [x for x in services if refusees[id(x)]]
        print(f"  {jeu} · PRADA, boîtes de service : {_part(len(vus), len(services))} refusées")
        refus = [x for x in personnes if refusees[id(x)]]
        print(
            f"  {jeu} · PRADA, adresses de personnes : {len(refus)} refusées à tort sur "
            f"{len(personnes)}"
        )
        signales = [x for x in prada if x["jeu"] == jeu and signale(x)]
        print(f"  {jeu} · PRADA, noms lus comme une fonction : {len(signales)}")
        if jeu == "temoin":
            manques += [
                f"témoin annuaire non reconnu : {x['partie_locale']}"
                for x in b
                if not refusees[id(x)]
            ]
            manques += [
                f"témoin PRADA non reconnu : {x['partie_locale']}"
                for x in services
                if not refusees[id(x)]
            ]
        manques += [f"personne refusée à tort : {x['partie_locale']}" for x in refus]
    formes = [x["forme"] + fin for x in noms for fin in ("", ".j", "2")]
    insee = [f for f in formes if nominatif.adresse_de_service(f, nom="Durand", prenom="Marie")]
    entiers = [f for f in insee if _mot_entier(f)]
    noms_refuses = sorted({f.split(".")[0].rstrip("2") for f in insee})
    print(
        f"  Insee : {len(noms)} noms et prénoms en tête d'une adresse qui n'est pas celle du "
        f"compte (nom, nom.j, nom2) : {_part(len(insee), len(formes))} refusées, dont "
        f"{len(entiers)} par un mot de service entier : {', '.join(noms_refuses)}"
    )
    noms_seuls = [x["forme"].replace("-", "") for x in noms if x["sorte"] == "nom"]
    collees = [i + n for n in noms_seuls[:3000] for i in "abcdefghijklmnopqrstuvwxyz"]
    collees += [i + n[:7] for n in noms_seuls[:20000] if len(n) > 7 for i in "cjmps"]
    refus = [f for f in collees if nominatif.adresse_de_service(f, nom="Durand", prenom="Paul")]
    print(
        f"  Insee : une initiale collée à un nom, entier ou tronqué à huit lettres (cschneid) : "
        f"{_part(len(refus), len(collees))} refusées, dont {sum(map(_mot_entier, refus))} par un "
        f"mot de service entier"
    )
    print(f"  mal jugées (témoins et refus) : {len(manques)}")
    for e in manques[:limite]:
        print("    " + e)


if __name__ == "__main__":
    main()
