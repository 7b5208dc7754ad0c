"""Précision et rappel de MCP-USR-02 et MCP-USR-01 sur les corpus étiquetés (interprétation 23).

    python benchmarks/nominatif.py [--tout]

Lit ``tests/regles/corpus/`` (voir ``benchmarks/corpus_nominatif.py`` pour leur origine) et
imprime, pour chaque règle, les vrais et faux positifs, la précision et le rappel, puis les
entrées mal jugées (les 20 premières, ou toutes avec ``--tout``). Objectifs du ticket :
aucun refus à tort d'une adresse nominative, au plus 1 % de noms de personnes signalés à
tort, au moins 95 % des boîtes de service reconnues.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from mcp_rules.regles import nominatif

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "regles" / "corpus"


def lire(nom: str) -> list[dict[str, str]]:
    with (CORPUS / nom).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
