"""Les décisions au premier appel, selon la taille : ``python benchmarks/decisions.py``.

Pour chaque taille (1 000, 10 000, 100 000 comptes ; 1 000 000 avec ``--million``), mesure
en **temps CPU du processus** (``time.process_time_ns``), par appel, sur plusieurs tours :

- ``acces_cdap`` au **premier appel** sur chaque compte (les réponses gardées sont
  vidées avant chaque tour ; l'index, lui, est construit) ;
- ``peut(GERER_MEMBRES)`` sur un échantillon de couples (acteur, groupe) ;
- ``eligibilite`` de chaque compte pour un profil tiré ;
- ``consulter_dossier`` sur un échantillon de comptes (numéro et nom fournis).

Chaque mesure a son **plancher** : la même décision écrite en Python simple sur des
tables préparées d'avance (l'équivalent de l'index), qui rend et garde ce qu'elle
décide (un petit tuple), sans explication. Le ramasse-miettes reste actif : il fait
partie du coût réel, pour la bibliothèque comme pour le plancher.

La machine est partagée, sa vitesse change d'une minute à l'autre : dans un tour, la
bibliothèque et son plancher se relaient tous les ``BLOC`` appels sur les mêmes éléments, et
le rapport au plancher est la médiane des rapports de chaque tour. L'échelle (le coût à
``n`` comptes rapporté à celui à 1 000) se prend de même dans chaque tour : les questions à
1 000 comptes y sont mesurées juste avant et juste après celles à ``n``.

Imprime, par taille et par mesure : la médiane par appel, l'écart entre tours (min–max),
le rapport au plancher, l'échelle (et celle du plancher) ; la charge de la machine au
début et à la fin ; les objectifs du ticket (≤ 3 × le plancher ; à 1M, ≤ 1,3 × le coût à
1k) avec leur verdict.

    python benchmarks/decisions.py [--million] [--tours 5] [--json FICHIER]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from mcp_rules import (
    Action,
    Convention,
    Fonction,
    ProfilT,
    Service,
    Utilisateur,
    acces_cdap,
    consulter_dossier,
    eligibilite,
    peut,
)
from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique
from mcp_rules.modele.index import index

sys.path.insert(0, str(Path(__file__).resolve().parent))

GRAINE: Final = 2026
T: Final = INSTANT_REFERENCE
ECHANTILLON: Final = 20_000
"""Couples de ``peut`` et comptes de ``consulter_dossier`` par tour (au plus)."""

_EXIGEES: Final[dict[ProfilT, frozenset[Fonction]]] = {
    ProfilT.T1: frozenset({Fonction.ASSISTANT_SOCIAL, Fonction.CONSEILLER_ESF}),
    ProfilT.T4: frozenset({Fonction.INSTRUCTEUR_RSA}),
    ProfilT.T9: frozenset({Fonction.MANDATAIRE_JUDICIAIRE, Fonction.TUTEUR, Fonction.CURATEUR}),
}


def _eligible(u: Utilisateur, profil: ProfilT) -> tuple[bool, tuple[str, ...]]:
    """ELIG-01 à ELIG-05 sans politique : le verdict et la donnée qui manque."""
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return (False, ())
    exigees = _EXIGEES.get(profil)
    if exigees is not None and u.fonction not in exigees:
        return (False, ("fonction",) if u.fonction is None else ())
    if profil is ProfilT.T4 and u.numero_instructeur is None:
        return (False, ("numero_instructeur",))
    return (True, ())


class Planchers:
    """Les mêmes décisions en Python simple, sur des tables préparées une fois."""

    def __init__(self, c: Convention) -> None:
        self.comptes = {u.identifiant.lower(): u for u in c.utilisateurs}
        self.groupes = {g.code.lower(): g for g in c.groupes}
        groupes_de: dict[str, list[tuple[str, Service, ProfilT | None]]] = {
            k: [] for k in self.comptes
        }
        for g in c.groupes:
            r = g.role
            role = r if isinstance(r, ProfilT) else None
            for m in g.membres:
                groupes_de[m.lower()].append((g.code, g.service, role))
        self.groupes_de = groupes_de
        self.contrat = c.profils_contractuels
        self.cdap = Service.CDAP in c.services
        self.admins = {a.lower() for a in c.administrateurs}
        self.deleguee = c.gestion_deleguee
        self.gardees: dict[str, tuple[bool, tuple[ProfilT, ...], tuple[str, ...]]] = {}

    def acces(self, identifiant: str, t: datetime) -> tuple[bool, tuple[ProfilT, ...], Any]:
        """MCP-CDAP-01 au premier appel : calcule, garde, rend."""
        k = identifiant.lower()
        u = self.comptes.get(k)
        if u is None:
            return (False, (), ())
        if u.cloture_le is not None and t >= u.cloture_le:
            r: tuple[bool, tuple[ProfilT, ...], tuple[str, ...]] = (False, (), ())
        elif not self.cdap:
            r = (False, (), ())
        else:
            profils: dict[ProfilT, list[str]] = {}
            contrat = self.contrat
            for code, service, role in self.groupes_de[k]:
                if (
                    service is Service.CDAP
                    and role is not None
                    and role in contrat
                    and _eligible(u, role)[0]
                ):
                    profils.setdefault(role, []).append(code)
            ordre = tuple(sorted(profils, key=lambda p: p.rang))
            r = (bool(ordre), ordre, tuple(c for p in ordre for c in profils[p]))
        self.gardees[identifiant] = r
        return r

    def peut_gerer(self, acteur: str, groupe: str, t: datetime) -> tuple[bool, str]:
        """MCP-ROLE-07 : l'acteur actif, administrateur ou gestionnaire du groupe ou d'un
        ancêtre (la délégation ouverte)."""
        a = acteur.lower()
        u = self.comptes.get(a)
        g = self.groupes.get(groupe.lower())
        if u is None or g is None:
            return (False, "inconnu")
        if u.cloture_le is not None and t >= u.cloture_le:
            return (False, "MCP-USR-05")
        if not self.deleguee:
            return (False, "MCP-CONV-05")
        if a in self.admins:
            return (True, "MCP-ROLE-07")
        vus = 0
        while g is not None and vus < 64:
            if g.gestionnaire.lower() == a:
                return (True, "MCP-ROLE-07")
            g = self.groupes.get(g.parent.lower()) if g.parent is not None else None
            vus += 1
        return (False, "MCP-ROLE-07")

    def dossier(self, identifiant: str, numero: str, nom: str) -> tuple[bool, str]:
        """MCP-CDAP-02/03 et ELIG-06 sur l'accès déjà gardé."""
        a = self.gardees[identifiant]
        if not (numero.isascii() and numero.isalnum() and len(numero) <= 20):
            return (False, "MCP-CDAP-02")
        if not any(ch.isalpha() for ch in nom):
            return (False, "MCP-CDAP-02")
        u = self.comptes[identifiant.lower()]
        for p in a[1]:
            if p is ProfilT.T9 and numero not in u.mandats:
                continue
            if p is ProfilT.T10 and u.code_bailleur is None:
                continue
            return (True, "MCP-CDAP-02")
        return (False, "MCP-CDAP-01")


BLOC: Final = 1_000
"""Appels par bloc : la bibliothèque et son plancher se relaient tous les ``BLOC`` appels."""

Poser = Callable[[Sequence[Any]], None]
Mesure = tuple[Poser, Poser, Sequence[Any], Callable[[], None]]
"""Une question : la bibliothèque, son plancher, les éléments à poser, la remise à zéro."""


def _alterner(mesure: Mesure) -> tuple[float, float]:
    """CPU par appel (µs) de la bibliothèque et du plancher, sur les mêmes éléments, par
    blocs alternés : ce qui change la vitesse de la machine pendant un tour touche l'un et
    l'autre. L'ordre s'inverse à chaque bloc (celui qui passe en second trouverait en
    mémoire cache les comptes que le premier vient de lire)."""
    lib, plancher, elements, remise = mesure
    remise()
    gc.collect()
    horloge = time.process_time_ns
    t_lib = t_plancher = 0
    for i, debut in enumerate(range(0, len(elements), BLOC)):
        bloc = elements[debut : debut + BLOC]
        premier, second = (lib, plancher) if i % 2 == 0 else (plancher, lib)
        t0 = horloge()
        premier(bloc)
        t1 = horloge()
        second(bloc)
        t2 = horloge()
        t_lib += t1 - t0 if i % 2 == 0 else t2 - t1
        t_plancher += t2 - t1 if i % 2 == 0 else t1 - t0
    n = len(elements)
    return t_lib / n / 1e3, t_plancher / n / 1e3


def preparer(n: int) -> dict[str, Mesure]:
    """Les quatre questions sur une convention synthétique de ``n`` comptes."""
    c = convention_synthetique(n, graine=GRAINE)
    index(c)
    pl = Planchers(c)
    alea = random.Random(GRAINE + n)
    ids = [u.identifiant for u in c.utilisateurs]
    codes = [g.code for g in c.groupes]
    gestionnaires = sorted({g.gestionnaire for g in c.groupes} | set(c.administrateurs))
    acteurs = gestionnaires + ids[: len(gestionnaires)]
    couples = [(alea.choice(acteurs), alea.choice(codes)) for _ in range(ECHANTILLON)]
    comptes = [c.utilisateur(i) for i in ids]
    profils = list(ProfilT)
    elig = [(u, alea.choice(profils)) for u in comptes[: max(ECHANTILLON, 1)]]
    dossiers = [
        (i, f"{alea.randrange(10**6):07d}", "Martin") for i in alea.sample(ids, min(n, ECHANTILLON))
    ]

    def acces_lib(bloc: Sequence[str]) -> None:
        for i in bloc:
            acces_cdap(c, i, instant=T)

    def acces_plancher(bloc: Sequence[str]) -> None:
        for i in bloc:
            pl.acces(i, T)

    def oublier_les_acces() -> None:
        c._cache.pop("acces", None)
        pl.gardees.clear()

    def peut_lib(bloc: Sequence[tuple[str, str]]) -> None:
        for a, g in bloc:
            peut(c, a, Action.GERER_MEMBRES, groupe=g, instant=T)

    def peut_plancher(bloc: Sequence[tuple[str, str]]) -> None:
        for a, g in bloc:
            pl.peut_gerer(a, g, T)

    def elig_lib(bloc: Sequence[tuple[Utilisateur, ProfilT]]) -> None:
        for u, p in bloc:
            eligibilite(u, p)

    def elig_plancher(bloc: Sequence[tuple[Utilisateur, ProfilT]]) -> None:
        for u, p in bloc:
            _eligible(u, p)

    def dossier_lib(bloc: Sequence[tuple[str, str, str]]) -> None:
        for i, num, nom in bloc:
            consulter_dossier(c, i, numero_allocataire=num, nom_allocataire=nom, instant=T)

    def dossier_plancher(bloc: Sequence[tuple[str, str, str]]) -> None:
        for i, num, nom in bloc:
            pl.dossier(i, num, nom)

    def rien() -> None:
        pass

    # consulter_dossier s'appuie sur les accès gardés : il se mesure après acces_cdap,
    # dans le même tour (l'ordre de ce dictionnaire est celui des mesures).
    return {
        "acces_cdap (premier appel)": (acces_lib, acces_plancher, ids, oublier_les_acces),
        "peut(GERER_MEMBRES)": (peut_lib, peut_plancher, couples, rien),
        "eligibilite": (elig_lib, elig_plancher, elig, rien),
        "consulter_dossier": (dossier_lib, dossier_plancher, dossiers, rien),
    }


def mesurer(n: int, tours: int, reference: dict[str, Mesure] | None) -> dict[str, Any]:
    """Les quatre questions à ``n`` comptes, ``tours`` fois.

    ``reference`` : les mêmes questions à 1 000 comptes, mesurées dans chaque tour juste
    avant et juste après celles de ``n`` comptes ; l'échelle d'un tour est le coût à ``n``
    rapporté à la moyenne de ces deux mesures (la vitesse de la machine change d'une minute
    à l'autre : des tailles mesurées à des moments différents ne se comparent pas).
    """
    questions = preparer(n)
    brut: dict[str, dict[str, list[float]]] = {
        k: {"lib": [], "plancher": [], "ref_lib": [], "ref_plancher": []} for k in questions
    }
    for _ in range(tours):
        for nom, mesure in questions.items():
            avant = _alterner(reference[nom]) if reference is not None else None
            lib, plancher = _alterner(mesure)
            apres = _alterner(reference[nom]) if reference is not None else None
            v = brut[nom]
            v["lib"].append(lib)
            v["plancher"].append(plancher)
            if avant is not None and apres is not None:
                v["ref_lib"].append((avant[0] + apres[0]) / 2)
                v["ref_plancher"].append((avant[1] + apres[1]) / 2)
    resume = {}
    for nom, v in brut.items():
        med = statistics.median
        resume[nom] = {
            "lib_us": med(v["lib"]),
            "plancher_us": med(v["plancher"]),
            "rapport": med(a / b for a, b in zip(v["lib"], v["plancher"], strict=True)),
            "lib_min_us": min(v["lib"]),
            "lib_max_us": max(v["lib"]),
            "echelle": (
                med(a / b for a, b in zip(v["lib"], v["ref_lib"], strict=True))
                if v["ref_lib"]
                else 1.0
            ),
            "echelle_plancher": (
                med(a / b for a, b in zip(v["plancher"], v["ref_plancher"], strict=True))
                if v["ref_plancher"]
                else 1.0
            ),
            "tours": v,
        }
    return {"comptes": n, "mesures": resume}


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--million", action="store_true", help="mesurer aussi 1 000 000")
    analyseur.add_argument("--tours", type=int, default=5)
    analyseur.add_argument("--json", type=Path)
    args = analyseur.parse_args()
    tailles = [1_000, 10_000, 100_000] + ([1_000_000] if args.million else [])
    charge_debut = os.getloadavg()
    resultats: list[dict[str, Any]] = []
    reference = preparer(tailles[0])
    for n in tailles:
        r = mesurer(n, args.tours, None if n == tailles[0] else reference)
        resultats.append(r)
        print(f"{n:>9,} comptes", flush=True)
        for nom, m in r["mesures"].items():
            print(
                f"    {nom:<28} {m['lib_us']:7.2f} µs CPU/appel "
                f"({m['lib_min_us']:.2f}–{m['lib_max_us']:.2f}) ; plancher "
                f"{m['plancher_us']:.2f} µs → × {m['rapport']:.1f} ; × {m['echelle']:.2f} "
                f"de 1k (plancher × {m['echelle_plancher']:.2f})",
                flush=True,
            )
    charge_fin = os.getloadavg()
    print(f"charge (1, 5, 15 min) : début {charge_debut}, fin {charge_fin}")
    print("objectifs : ≤ 3 × le plancher à chaque taille ; à la plus grande taille ≤ 1,3 × 1k")
    for nom in resultats[0]["mesures"]:
        pires = max(r["mesures"][nom]["rapport"] for r in resultats)
        echelle = resultats[-1]["mesures"][nom]["echelle"]
        ok = pires <= 3 and (len(resultats) < 4 or echelle <= 1.3)
        print(
            f"    {nom:<28} pire rapport × {pires:.1f}, {resultats[-1]['comptes']:,} / 1k "
            f"× {echelle:.2f} : {'atteint' if ok else 'manqué'}"
        )
    if args.json:
        args.json.write_text(
            json.dumps({"resultats": resultats, "charge": [charge_debut, charge_fin]}, indent=2)
        )


if __name__ == "__main__":
    main()
