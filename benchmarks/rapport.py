"""Toutes les mesures en un passage, et la page des performances qui en sort.

    python benchmarks/rapport.py --long        # 1k, 10k, 100k et 1M comptes : ~1 h sur 2 cœurs
    python benchmarks/rapport.py               # 1k, 10k et 100k : ~15 min
    python benchmarks/rapport.py --rendre      # réécrire la page depuis les relevés gardés
    python benchmarks/rapport.py --long --section cli   # refaire une section sur le code du jour

Lance chaque script de mesure dans un processus à lui (``--json``), garde ses relevés dans
``benchmarks/releves/`` (versionnés : chaque chiffre de la page renvoie à eux), puis
réécrit la partie générée de ``docs/performances.md`` (entre les marques
``<!-- mesures: debut -->`` et ``<!-- mesures: fin -->``) : machine, commit, charge, et
un tableau par script avec la commande qui le refait. Rien n'y est écrit à la main : un
chiffre de la page est un chiffre de ce passage.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Final

ICI: Final = Path(__file__).resolve().parent
RACINE: Final = ICI.parent
RELEVES: Final = ICI / "releves"
PAGE: Final = RACINE / "docs" / "performances.md"
DEBUT: Final = "<!-- mesures: debut -->"
FIN: Final = "<!-- mesures: fin -->"

Rendu = Callable[[dict[str, Any]], list[str]]
"""Le tableau d'un relevé JSON ; ``None`` : le script n'écrit pas de JSON, sa sortie est
reprise telle quelle."""


def _us(x: float) -> str:
    return f"{x:,.2f} µs".replace(",", " ").replace(".", ",")


def _ms(x_s: float) -> str:
    return f"{x_s * 1e3:,.1f} ms".replace(",", " ").replace(".", ",")


def _s(x_s: float) -> str:
    return f"{x_s:,.2f} s".replace(",", " ").replace(".", ",")


def _n(x: float, chiffres: int = 1) -> str:
    return f"{x:,.{chiffres}f}".replace(",", " ").replace(".", ",")


def _taille(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _charge(r: dict[str, Any]) -> str:
    debut, fin = r.get("charge", [[0, 0, 0], [0, 0, 0]])
    return f"charge {_n(debut[0], 2)} au début, {_n(fin[0], 2)} à la fin"


# --- les tableaux ------------------------------------------------------------------------


def rendre_taille(r: dict[str, Any]) -> list[str]:
    lignes = [
        "| comptes | médiane | 1er – 3e quartile | p99 | × 1k | plancher (HAMT) |",
        "|---|---|---|---|---|---|",
    ]
    base = r["resultats"][0]["mediane_us"]
    lignes.extend(
        f"| {_taille(x['comptes'])} | {_us(x['mediane_us'])} | {_us(x['q1_us'])} – "
        f"{_us(x['q3_us'])} | {_us(x['p99_us'])} | {_n(x['mediane_us'] / base, 2)} | "
        f"{_us(x['hamt_us'])} |"
        for x in r["resultats"]
    )
    suite = r.get("enchainees")
    if suite:
        lignes += [
            "",
            f"{_taille(suite['commandes'])} commandes à la suite sur "
            f"{_taille(suite['comptes'])} comptes : {_s(suite['cpu_s'])} CPU "
            f"({_taille(suite['acceptees'])} acceptées) ; objectif ≤ 2 s : "
            + ("atteint." if suite["cpu_s"] <= 2 else "manqué."),
        ]
    return lignes


def _jugement_decision(resultats: list[dict[str, Any]], nom: str) -> tuple[float, float, float]:
    """Le pire rapport au plancher d'une décision, sur toutes les tailles ; le coût par appel
    à la plus grande taille rapporté à la plus petite, pour elle et pour son plancher."""
    premiere, derniere = resultats[0]["mesures"][nom], resultats[-1]["mesures"][nom]
    if "echelle" in derniere:  # prise dans chaque tour, contre 1 000 comptes mesurés autour
        return (
            max(x["mesures"][nom]["rapport"] for x in resultats),
            derniere["echelle"],
            derniere["echelle_plancher"],
        )
    return (
        max(x["mesures"][nom]["rapport"] for x in resultats),
        derniere["lib_us"] / premiere["lib_us"],
        derniere["plancher_us"] / premiere["plancher_us"],
    )


def rendre_decisions(r: dict[str, Any]) -> list[str]:
    resultats = r["resultats"]
    noms = list(resultats[0]["mesures"])
    lignes = [
        "| question | " + " | ".join(_taille(x["comptes"]) for x in resultats) + " | objectif |",
        "|---|" + "---|" * len(resultats) + "---|",
    ]
    for nom in noms:
        cellules = []
        for x in resultats:
            m = x["mesures"][nom]
            cellules.append(
                f"{_us(m['lib_us'])} (plancher {_us(m['plancher_us'])}, × {_n(m['rapport'])})"
            )
        pire, echelle, _ = _jugement_decision(resultats, nom)
        ok = pire <= 3 and (len(resultats) < 4 or echelle <= 1.3)
        verdict = (
            f"≤ 3 × le plancher, {_taille(resultats[-1]['comptes'])} ≤ 1,3 × 1k : "
            f"{'atteint' if ok else 'manqué'} (pire × {_n(pire)}, échelle × {_n(echelle, 2)})"
        )
        lignes.append(f"| `{nom}` | " + " | ".join(cellules) + f" | {verdict} |")
    return lignes


def rendre_simulation(r: dict[str, Any]) -> list[str]:
    lignes = [
        (
            "| comptes | commandes acceptées | `simuler` | simulation complète (avant) | `auditer` "
            "| part d'un audit | mémoire gardée |"
        ),
        "|---|---|---|---|---|---|---|",
    ]
    for x in r["resultats"]:
        med = x["mediane_s"]
        lignes.append(
            f"| {_taille(x['comptes'])} | {x['acceptees']} / {x['commandes']} | "
            f"{_ms(med['simuler'])} ({_ms(x['min_s']['simuler'])} – "
            f"{_ms(x['max_s']['simuler'])}) | {_ms(med['complete'])} | {_ms(med['auditer'])} | "
            f"{_n(100 * x['part_de_l_audit'], 2)} % | "
            f"{_n(x['memoire_gardee_octets'] / 1024, 0)} Kio |"
        )
    return lignes


def rendre_cli(r: dict[str, Any]) -> list[str]:
    lignes = [
        "| comptes | CPU (médiane, min – max) | RSS maximal | par compte | écoulé |",
        "|---|---|---|---|---|",
    ]
    for x in r["resultats"]:
        cpu = x["cpu_s"]
        lignes.append(
            f"| {_taille(x['comptes'])} | {_s(cpu['mediane'])} ({_s(cpu['min'])} – "
            f"{_s(cpu['max'])}) | {_n(x['rss_octets']['mediane'] / 1024**2)} Mio | "
            f"{_n(x['rss_par_compte'], 0)} octets | {_s(x['ecoule_s']['mediane'])} |"
        )
    return lignes


def rendre_run(r: dict[str, Any]) -> list[str]:
    lignes = ["| section | mesure | valeur | objectif | verdict |", "|---|---|---|---|---|"]
    for x in r["lignes"]:
        valeur = x["valeur"] + (f" ({x['detail']})" if x["detail"] else "")
        lignes.append(
            f"| {x['section']} | {x['mesure']} | {valeur.replace('|', '/')} | "
            f"{x['objectif'] or '—'} | {x['verdict'] or '—'} |"
        )
    return lignes


# (nom, script, arguments, arguments du mode long, titre, méthode, rendu)
SECTIONS: Final[list[tuple[str, str, list[str], list[str], str, str, Rendu | None]]] = [
    (
        "taille",
        "taille.py",
        ["--commandes", "300"],
        ["--million"],
        "Une commande, selon la taille de la convention",
        (
            "Temps CPU d'une commande indépendante (tirée du mélange des « 10 000 commandes »), "
            "libération du résultat comprise, médiane de 300 ; plancher : lire un compte, en "
            "faire une version modifiée et la poser dans une table persistante."
        ),
        rendre_taille,
    ),
    (
        "decisions",
        "decisions.py",
        ["--tours", "5"],
        ["--million", "--tours", "3"],
        "Les décisions au premier appel",
        (
            "Temps CPU par appel, médiane des tours ; dans un tour, la bibliothèque et son "
            "plancher se relaient tous les 1 000 appels, et le rapport au plancher est la "
            "médiane des rapports de chaque tour. `acces_cdap` sur chaque compte, réponses "
            "gardées vidées avant chaque tour ; le plancher fait la même décision en Python "
            "simple sur des tables préparées d'avance et garde ce qu'il décide. L'échelle "
            "(1M rapporté à 1k) se prend elle aussi dans chaque tour : les mêmes questions à "
            "1 000 comptes y sont mesurées juste avant et juste après celles à 1 000 000."
        ),
        rendre_decisions,
    ),
    (
        "simulation",
        "simulation.py",
        ["--tours", "5"],
        ["--million", "--tours", "3"],
        "Simuler vingt commandes",
        (
            "Temps CPU, médiane des tours ; la simulation complète est celle d'avant (état de "
            "chaque compte et deux audits entiers) ; la mémoire gardée est ce que `tracemalloc` "
            "compte encore alloué tant que le résultat est gardé."
        ),
        rendre_simulation,
    ),
    (
        "cli",
        "cli.py",
        ["--tours", "3"],
        ["--million"],
        "Le travail principal de bout en bout : `mcp-rules audit FICHIER`",
        (
            "Un processus neuf par mesure : démarrage, lecture du JSON (chaque adresse vérifiée), "
            "audit, rapport écrit dans `/dev/null` ; CPU (utilisateur + système) et RSS maximal "
            "du processus (`os.wait4`), médiane de 3. La commande est lancée depuis un petit "
            "interpréteur (`python -S`) : lancée depuis le script, qui vient d'écrire la "
            "convention, elle aurait hérité de son pic de mémoire (Linux compte dans le RSS "
            "maximal celui de l'espace mémoire quitté par `exec`)."
        ),
        rendre_cli,
    ),
    (
        "chargement",
        "chargement.py",
        [],
        ["--million"],
        "Lire une convention depuis son JSON",
        (
            "Temps CPU de `depuis_json` (chaque adresse vérifiée) contre un plancher écrit à la "
            "main qui fait les mêmes contrôles ; sortie du script telle quelle. L'objectif "
            "d'échelle juge le coût par compte rapporté à 10 000 comptes pris dans chaque "
            "tour (la lecture de 10 000 comptes mesurée juste avant et juste après celle de "
            "1 000 000), le chiffre entre parenthèses de la dernière partie."
        ),
        None,
    ),
    (
        "demarrage",
        "demarrage.py",
        [],
        [],
        "Le démarrage : `import mcp_rules` et la ligne de commande",
        "Processus neufs, horloge et processeur ; sortie du script telle quelle.",
        None,
    ),
    (
        "lots",
        "lots.py",
        ["--nombre", "2000", "--tours", "1"],
        ["--nombre", "5000", "--tours", "1"],
        "Un lot de conventions : en séquence, sur deux processus, sur Dask",
        (
            "Conventions de 50 comptes écrites en JSON, auditées de bout en bout ; sortie du "
            "script telle quelle (voir aussi [Audits nationaux](audits-nationaux.md))."
        ),
        None,
    ),
    (
        "historique",
        "historique.py",
        [],
        [],  # --million : 10 millions d'événements, 40 min et 10 Go ; à lancer à part
        "Historique et revue",
        (
            "Temps CPU, médianes de 3 tours ; une convention synthétique et un journal cohérent "
            "de dix événements par compte (1 000 à 100 000 comptes) ; les planchers font "
            "le même travail en Python simple et vérifient chaque réponse ; sortie du script "
            "telle quelle (voir aussi [Historique et revue](historique.md))."
        ),
        None,
    ),
    (
        "comparaisons",
        "run.py",
        [],
        ["--million"],
        "Face au plancher, à Cedar, à Casbin et à pydantic",
        (
            "Temps écoulé (horloge), médianes de tours entrelacés ; ce sont les rapports, pris "
            "dans un même tour, qui sont jugés (voir `benchmarks/README.md`)."
        ),
        rendre_run,
    ),
]


# --- ce que cela veut dire pour un portail (généré, comme le reste) ----------------------

DEBUT_PORTAIL: Final = "<!-- portail: debut -->"
FIN_PORTAIL: Final = "<!-- portail: fin -->"

_UNITES: Final = {"ns": 1e-9, "µs": 1e-6, "ms": 1e-3, "s": 1.0}


def _secondes(valeur: str) -> float:
    """« 316 ns », « 4.66 µs », « 1.35 s » (une valeur de ``run.py``) en secondes."""
    nombre, unite = valeur.split()
    return float(nombre.replace(",", "")) * _UNITES[unite]


def _ligne_run(r: dict[str, Any], section: str, debut: str) -> dict[str, Any] | None:
    for x in r.get("lignes", []):
        if x["section"] == section and x["mesure"].startswith(debut):
            ligne: dict[str, Any] = x
            return ligne
    return None


def _de_a(valeurs: list[float], forme: Callable[[float], str]) -> str:
    """« de 1,8 à 2,3 », ou « 1,8 » quand les deux bornes s'écrivent de même."""
    bas, haut = forme(min(valeurs)), forme(max(valeurs))
    return bas if bas == haut else f"de {bas} à {haut}"


def _releve(nom: str) -> dict[str, Any] | None:
    fichier = RELEVES / f"{nom}.json"
    if not fichier.exists():
        return None
    r: dict[str, Any] = json.loads(fichier.read_text())
    return r


def _puce_decisions(decisions: dict[str, Any] | None, run: dict[str, Any] | None) -> list[str]:
    morceaux = []
    if run is not None:
        gardees = [
            _secondes(x["valeur"])
            for x in run["lignes"]
            if x["section"].startswith("décision")
            and x["mesure"].startswith("acces_cdap, boucle serrée")
        ]
        if gardees:
            morceaux.append(
                f"de {_us(min(gardees) * 1e6)} à {_us(max(gardees) * 1e6)} une fois la "
                "réponse calculée pour ce compte (de 1 000 à 100 000 comptes)"
            )
    if decisions is not None:
        resultats = decisions["resultats"]
        premier = [x["mesures"]["acces_cdap (premier appel)"] for x in resultats]
        morceaux.append(
            f"la première fois, de {_us(min(m['lib_us'] for m in premier))} à "
            f"{_us(max(m['lib_us'] for m in premier))} de {_taille(resultats[0]['comptes'])} "
            f"à {_taille(resultats[-1]['comptes'])} comptes, "
            f"{_de_a([m['rapport'] for m in premier], _n)} fois le plancher"
        )
    if not morceaux:
        return []
    return [
        "- **Afficher le menu d'un utilisateur** (« a-t-il l'option consulter dossier ? ») : "
        + " ; ".join(morceaux)
        + ". Un changement de la convention (une commande) donne un nouvel objet, dont les "
        "réponses se recalculent à la demande : aucune réponse périmée n'est possible."
    ]


def _puce_peut(decisions: dict[str, Any] | None) -> list[str]:
    if decisions is None:
        return []
    resultats = decisions["resultats"]
    peut = [x["mesures"]["peut(GERER_MEMBRES)"] for x in resultats]
    return [
        (
            f"- **Une question de droits** (`peut`) : de {_us(min(m['lib_us'] for m in peut))} à "
            f"{_us(max(m['lib_us'] for m in peut))} au premier appel, de "
            f"{_taille(resultats[0]['comptes'])} à {_taille(resultats[-1]['comptes'])} comptes "
            f"(de {_n(min(m['rapport'] for m in peut))} à {_n(max(m['rapport'] for m in peut))} "
            "fois le plancher)."
        )
    ]


def _puce_commandes(taille: dict[str, Any] | None) -> list[str]:
    if taille is None:
        return []
    resultats = taille["resultats"]
    medianes = [x["mediane_us"] for x in resultats]
    texte = (
        "- **Une action d'administration** (ajouter un membre, clôturer un compte, créer un "
        f"compte) : de {_us(min(medianes))} à {_us(max(medianes))} de processeur (médianes), "
        f"de {_taille(resultats[0]['comptes'])} à {_taille(resultats[-1]['comptes'])} comptes"
    )
    suite = taille.get("enchainees")
    if suite:
        texte += (
            f" ; {_taille(suite['commandes'])} à la suite sur {_taille(suite['comptes'])} "
            f"comptes, {_s(suite['cpu_s'])}"
        )
    return [texte + "."]


def _puce_simulation(simulation: dict[str, Any] | None) -> list[str]:
    if simulation is None:
        return []
    grands = [x for x in simulation["resultats"] if x["comptes"] >= 100_000]
    if not grands:
        return []
    morceaux = [
        f"{_ms(x['mediane_s']['simuler'])} sur {_taille(x['comptes'])} comptes "
        f"({_n(100 * x['part_de_l_audit'], 2)} % d'un audit)"
        for x in grands
    ]
    n = grands[0]["commandes"]
    return [f"- **Prévoir l'effet de {n} commandes** (`simuler`) : " + ", ".join(morceaux) + "."]


def _puce_audit(run: dict[str, Any] | None, cli: dict[str, Any] | None) -> list[str]:
    morceaux = []
    if run is not None:
        audit = _ligne_run(
            run, "convention entière", "auditer (convention neuve, index compris), 100k"
        )
        if audit is not None and "/" not in audit["mesure"]:
            morceaux.append(
                f"{_s(_secondes(audit['valeur']))} pour 100 000 comptes déjà en mémoire, "
                "index compris"
            )
    grands = [x for x in (cli or {}).get("resultats", []) if x["comptes"] >= 100_000]
    if grands:
        morceaux.append(
            "de bout en bout par la ligne de commande, fichier lu et rapport écrit, "
            + " ; ".join(
                f"{_taille(x['comptes'])} comptes en {_s(x['cpu_s']['mediane'])} de processeur "
                f"et {_n(x['rss_octets']['mediane'] / 1024**2, 0)} Mio"
                for x in grands
            )
        )
    if not morceaux:
        return []
    return ["- **L'audit de nuit** d'une Caf : " + " ; ".join(morceaux) + "."]


def _puce_json(run: dict[str, Any] | None) -> list[str]:
    if run is None:
        return []
    ligne = _ligne_run(run, "JSON", "depuis_json, 100k")
    if ligne is None:
        return []
    secondes = _secondes(ligne["valeur"])
    return [
        (
            "- **Valider un gros export JSON** : environ "
            f"{_taille(int(round(100_000 / secondes, -3)))} "
            "comptes par seconde, chaque adresse vérifiée sans aucune requête réseau "
            f"({_s(secondes)} pour 100 000 comptes, `depuis_json` sur un texte)."
        )
    ]


def _lots() -> list[str]:
    fichier = RELEVES / "lots.txt"
    if not fichier.exists():
        return []
    texte = fichier.read_text()
    lot = re.search(r"lot écrit : (\d+) conventions de (\d+) comptes", texte)
    table = {
        m[1].strip(): (float(m[2]), float(m[3]))
        for m in re.finditer(
            r"^(\S[^\n]*?)\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)×\s+([\d.]+) ms$", texte, re.MULTILINE
        )
    }
    if lot is None or "séquentiel" not in table:
        return []
    sequentiel = table["séquentiel"][1]
    acc = {k: v[0] for k, v in table.items()}
    return [
        (
            f"- **Un lot de conventions** ({_taille(int(lot[1]))} conventions de {lot[2]} "
            f"comptes, `mcp-rules audit DOSSIER`) : une convention a coûté "
            f"{_n(sequentiel, 2)} ms de processeur en séquence, lecture du fichier et du "
            "JSON comprises ; deux processus ont fait le lot "
            f"{_n(acc.get('--jobs 2', 0), 2)} fois plus vite, la ligne de commande "
            f"{_n(acc.get('CLI --jobs 2', 0), 2)} fois, Dask "
            f"{_n(acc.get('Dask, grappe prête', 0), 2)} fois une fois la grappe prête."
        )
    ]


def rendre_portail() -> list[str]:
    """Les ordres de grandeur pour un portail, tirés des relevés du passage."""
    decisions, run = _releve("decisions"), _releve("comparaisons")
    return [
        *_puce_decisions(decisions, run),
        *_puce_peut(decisions),
        *_puce_commandes(_releve("taille")),
        *_puce_simulation(_releve("simulation")),
        *_puce_audit(run, _releve("cli")),
        *_puce_json(run),
        *_lots(),
    ]


# --- les objectifs du ticket des performances, jugés sur le passage ----------------------


def _verdict(ok: bool) -> str:
    return "atteint" if ok else "**manqué**"


def _obj_commandes(taille: dict[str, Any]) -> list[tuple[str, str, bool]]:
    res = {x["comptes"]: x for x in taille["resultats"]}
    lignes = []
    if 1_000 in res and 1_000_000 in res:
        echelle = res[1_000_000]["mediane_us"] / res[1_000]["mediane_us"]
        lignes.append(("une commande : 1M ≤ 3 × 1k", f"× {_n(echelle, 2)}", echelle <= 3))
    if 100_000 in res:
        med = res[100_000]["mediane_us"]
        lignes.append(("une commande : médiane ≤ 150 µs à 100k", _us(med), med <= 150))
    suite = taille.get("enchainees")
    if suite:
        lignes.append(
            (
                (
                    f"{_taille(suite['commandes'])} commandes à la suite sur "
                    f"{_taille(suite['comptes'])} comptes ≤ 2 s"
                ),
                _s(suite["cpu_s"]),
                suite["cpu_s"] <= 2,
            )
        )
    return lignes


def _obj_decisions(decisions: dict[str, Any]) -> list[tuple[str, str, bool]]:
    resultats = decisions["resultats"]
    lignes = []
    for nom in resultats[0]["mesures"]:
        pire, echelle, plancher = _jugement_decision(resultats, nom)
        lignes.append(
            (f"`{nom}` ≤ 3 × le plancher à chaque taille", f"pire × {_n(pire)}", pire <= 3)
        )
        if resultats[-1]["comptes"] == 1_000_000:
            lignes.append(
                (
                    f"`{nom}` : 1M ≤ 1,3 × 1k",
                    f"× {_n(echelle, 2)} (plancher × {_n(plancher, 2)})",
                    echelle <= 1.3,
                )
            )
    return lignes


def _obj_simulation(simulation: dict[str, Any]) -> list[tuple[str, str, bool]]:
    for x in simulation["resultats"]:
        if x["comptes"] == 100_000:
            part = x["part_de_l_audit"]
            return [
                (
                    f"`simuler` de {x['commandes']} commandes ≤ 5 % d'un audit à 100k",
                    f"{_n(100 * part, 2)} %",
                    part <= 0.05,
                )
            ]
    return []


def _obj_chargement() -> list[tuple[str, str, bool]]:
    fichier = RELEVES / "chargement.txt"
    if not fichier.exists():
        return []
    texte = fichier.read_text()
    rapports = [float(x) for x in re.findall(r"rapport mcp_rules / plancher : ([\d.]+)", texte)]
    lignes = []
    if rapports:
        pire = max(rapports)
        lignes.append(
            (
                "`depuis_json` ≤ 1,5 × le plancher à chaque taille",
                " / ".join(_n(r, 2) for r in rapports),
                pire <= 1.5,
            )
        )
    million = re.search(
        r"^\s+1 000 000 : ([\d.]+) ;[^(\n]*(?:\(dans chaque tour[^:]*: ([\d.]+) ;)?",
        texte,
        re.MULTILINE,
    )
    if million:
        # l'échelle prise dans chaque tour quand le relevé la donne
        echelle = float(million[2] or million[1])
        lignes.append(
            ("`depuis_json` : par compte, 1M ≤ 1,3 × 10k", f"× {_n(echelle, 2)}", echelle <= 1.3)
        )
    return lignes


def _obj_cli(cli: dict[str, Any]) -> list[tuple[str, str, bool]]:
    lignes = []
    for x in cli["resultats"]:
        cpu, rss = x["cpu_s"], x["rss_octets"]
        if x["comptes"] == 100_000:
            lignes.append(
                (
                    "`mcp-rules audit` de bout en bout, 100k ≤ 2,5 s CPU",
                    f"{_s(cpu['mediane'])} ({_s(cpu['min'])} – {_s(cpu['max'])})",
                    cpu["mediane"] <= 2.5,
                )
            )
        if x["comptes"] == 1_000_000:
            lignes.append(
                (
                    "`mcp-rules audit` de bout en bout, 1M ≤ 25 s CPU",
                    f"{_s(cpu['mediane'])} ({_s(cpu['min'])} – {_s(cpu['max'])})",
                    cpu["mediane"] <= 25,
                )
            )
            lignes.append(
                (
                    "`mcp-rules audit`, 1M ≤ 1 Go de RSS",
                    f"{_n(rss['max'] / 1024**2, 0)} Mio",
                    rss["max"] <= 1024**3,
                )
            )
    return lignes


def _obj_run(run: dict[str, Any]) -> list[tuple[str, str, bool]]:
    lignes = []
    for x in run.get("lignes", []):
        if x["mesure"].startswith("mémoire résidente gardée par compte"):
            n = x["mesure"].rsplit("(", 1)[-1].rstrip(")")
            valeur = x["brut"]["par_compte"]
            lignes.append(
                (
                    f"≤ 1 Kio de RSS gardé par compte, réponses comprises ({n})",
                    f"{_n(valeur, 0)} octets",
                    valeur <= 1024,
                )
            )
        if x["mesure"].startswith("import mcp_rules"):
            s = _secondes(x["valeur"])
            lignes.append(("`import mcp_rules` ≤ 100 ms", _ms(s), s <= 0.1))
    return lignes


def rendre_objectifs() -> list[str]:
    """Chaque objectif chiffré du ticket des performances, jugé sur les relevés du passage."""
    lignes: list[tuple[str, str, bool]] = []
    taille, decisions = _releve("taille"), _releve("decisions")
    simulation, cli, run = _releve("simulation"), _releve("cli"), _releve("comparaisons")
    if taille is not None:
        lignes += _obj_commandes(taille)
    if decisions is not None:
        lignes += _obj_decisions(decisions)
    if simulation is not None:
        lignes += _obj_simulation(simulation)
    lignes += _obj_chargement()
    if cli is not None:
        lignes += _obj_cli(cli)
    if run is not None:
        lignes += _obj_run(run)
    if not lignes:
        return []
    atteints = sum(ok for *_, ok in lignes)
    return [
        "",
        "### Les objectifs, jugés sur ce passage",
        "",
        (
            f"{atteints} atteints sur {len(lignes)}. Chaque ligne est tirée des relevés des "
            "sections plus bas (temps processeur, sauf l'import, à l'horloge ; médianes ; "
            "« plancher » : le même travail en Python simple)."
        ),
        "",
        "| objectif | mesuré | verdict |",
        "|---|---|---|",
        *(f"| {texte} | {valeur} | {_verdict(ok)} |" for texte, valeur, ok in lignes),
    ]


def _commit() -> str:
    try:
        sortie = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
            cwd=RACINE,
        )
    except (OSError, subprocess.CalledProcessError):
        return "inconnu"
    return sortie.stdout.strip()


def mesurer(long: bool, seules: list[str] | None = None) -> None:
    """Lance chaque script (ou les seules sections nommées : le reste du passage est gardé,
    et chaque section refaite dit son commit et sa date sur la page)."""
    RELEVES.mkdir(exist_ok=True)
    maintenant = datetime.now().astimezone().isoformat(timespec="seconds")
    if seules:
        machine = json.loads((RELEVES / "machine.json").read_text())
        if machine["long"] != long:
            raise SystemExit("refaire une section dans le mode du passage (--long ou non)")
        refaites = machine.setdefault("sections_refaites", {})
        refaites.update({nom: {"commit": _commit(), "date": maintenant} for nom in seules})
    else:
        machine = {
            "date": maintenant,
            "commit": _commit(),
            "plateforme": platform.platform(),
            "python": platform.python_version(),
            "coeurs": os.cpu_count(),
            "charge_debut": os.getloadavg(),
            "long": long,
        }
    for nom, script, arguments, long_, _, _, rendu in SECTIONS:
        if seules and nom not in seules:
            continue
        if not (ICI / script).exists():
            print(f"\n=== {nom} : {script} absent, section omise", flush=True)
            continue
        sortie = RELEVES / f"{nom}.json"
        commande = [sys.executable, str(ICI / script), *arguments, *(long_ if long else [])]
        if rendu is not None:
            commande += ["--sortie", str(sortie)] if script == "run.py" else ["--json", str(sortie)]
        print(f"\n=== {nom} : {' '.join(commande[1:])}", flush=True)
        debut = time.perf_counter()
        fini = subprocess.run(  # noqa: S603 - nos scripts
            commande, check=True, cwd=RACINE, capture_output=rendu is None, text=True
        )
        if rendu is None:
            print(fini.stdout, end="", flush=True)
            (RELEVES / f"{nom}.txt").write_text(fini.stdout)
        machine[f"duree_{nom}_s"] = time.perf_counter() - debut
    if not seules:
        machine["charge_fin"] = os.getloadavg()
    (RELEVES / "machine.json").write_text(json.dumps(machine, indent=2, ensure_ascii=False))


def rendre() -> None:
    machine = json.loads((RELEVES / "machine.json").read_text())
    mode = " --long" if machine["long"] else ""
    lignes = [
        DEBUT,
        "",
        (
            f"Passage du {machine['date'][:10]} sur le commit `{machine['commit']}` : "
            f"{machine['plateforme']}, Python {machine['python']}, {machine['coeurs']} cœurs "
            f"partagés ; charge {_n(machine['charge_debut'][0], 2)} au début, "
            f"{_n(machine['charge_fin'][0], 2)} à la fin. Commande : "
            f"`python benchmarks/rapport.py{mode}` (les relevés bruts sont dans "
            "`benchmarks/releves/`)."
        ),
        *rendre_objectifs(),
    ]
    refaites = machine.get("sections_refaites", {})
    for nom, script, arguments, long_, titre, description, rendu in SECTIONS:
        args = " ".join([*arguments, *(long_ if machine["long"] else [])])
        commande = f"`python benchmarks/{script}{' ' + args if args else ''}`"
        methode = description
        if nom in refaites:
            refaite = refaites[nom]
            methode = (
                f"Refait le {refaite['date'][:10]} sur le commit `{refaite['commit']}` "
                f"(`python benchmarks/rapport.py{mode} --section {nom}`). {description}"
            )
        if rendu is None:
            texte = RELEVES / f"{nom}.txt"
            if texte.exists():
                lignes += ["", f"### {titre}", "", f"{methode} Commande : {commande}.", ""]
                lignes += ["```text", *texte.read_text().rstrip().splitlines(), "```"]
            continue
        fichier = RELEVES / f"{nom}.json"
        if not fichier.exists():
            continue
        r = json.loads(fichier.read_text())
        lignes += [
            "",
            f"### {titre}",
            "",
            (
                f"{methode} Commande : {commande} ; "
                f"{_charge(r) if 'charge' in r else 'charge : voir le passage'}."
            ),
            "",
            *rendu(r),
        ]
    lignes += ["", FIN]
    texte = PAGE.read_text()
    debut, fin = texte.index(DEBUT), texte.index(FIN) + len(FIN)
    texte = texte[:debut] + "\n".join(lignes) + texte[fin:]
    debut, fin = texte.index(DEBUT_PORTAIL), texte.index(FIN_PORTAIL) + len(FIN_PORTAIL)
    portail = [DEBUT_PORTAIL, "", *rendre_portail(), "", FIN_PORTAIL]
    PAGE.write_text(texte[:debut] + "\n".join(portail) + texte[fin:])
    print(f"{PAGE.relative_to(RACINE)} réécrite depuis {RELEVES.relative_to(RACINE)}/")


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--long", action="store_true", help="jusqu'à 1 000 000 de comptes")
    analyseur.add_argument("--rendre", action="store_true", help="réécrire la page seulement")
    analyseur.add_argument(
        "--section",
        action="append",
        choices=[nom for nom, *_ in SECTIONS],
        help="refaire cette section seule (répétable) ; le reste du passage est gardé",
    )
    args = analyseur.parse_args()
    if not args.rendre:
        mesurer(args.long, args.section)
    rendre()


if __name__ == "__main__":
    main()
