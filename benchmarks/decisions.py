"""Les décisions au premier appel, selon la taille : ``python benchmarks/decisions.py``.

Pour chaque taille (1 000, 10 000, 100 000 comptes ; 1 000 000 avec ``--million``), mesure
en **temps CPU du processus** (``time.process_time_ns``), par appel, la médiane de
plusieurs tours entrelacés (bibliothèque, plancher, bibliothèque, plancher…) :

- ``acces_cdap`` au **premier appel** sur chaque compte (les réponses gardées sont
  vidées avant chaque tour ; l'index, lui, est construit) ;
- ``peut(GERER_MEMBRES)`` sur un échantillon de couples (acteur, groupe) ;
- ``eligibilite`` de chaque compte pour un profil tiré ;
- ``consulter_dossier`` sur un échantillon de comptes (numéro et nom fournis).

Chaque mesure a son **plancher** : la même décision écrite en Python simple sur des
tables préparées d'avance (l'équivalent de l'index), qui rend et garde ce qu'elle
décide (un petit tuple), sans explication. Le ramasse-miettes reste actif : il fait
partie du coût réel, pour la bibliothèque comme pour le plancher.

Imprime, par taille et par mesure : la médiane par appel, l'écart entre tours (min–max),
le rapport au plancher, le rapport à la même mesure à 1 000 comptes ; la charge de la
machine au début et à la fin ; les objectifs du ticket (≤ 3 × le plancher ; à 1M, ≤ 1,3 ×
le coût à 1k) avec leur verdict.

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
from collections.abc import Callable
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


def _cpu_par_appel(f: Callable[[], int]) -> float:
    """Le temps CPU de ``f()`` divisé par le nombre d'appels qu'elle rend, en µs."""
    gc.collect()
    debut = time.process_time_ns()
    n = f()
    return (time.process_time_ns() - debut) / n / 1e3


def mesurer(n: int, tours: int) -> dict[str, Any]:
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

    def acces_lib() -> int:
        c._cache.pop("acces", None)
        for i in ids:
            acces_cdap(c, i, instant=T)
        return len(ids)

    def acces_plancher() -> int:
        pl.gardees.clear()
        for i in ids:
            pl.acces(i, T)
        return len(ids)

    def peut_lib() -> int:
        for a, g in couples:
            peut(c, a, Action.GERER_MEMBRES, groupe=g, instant=T)
        return len(couples)

    def peut_plancher() -> int:
        for a, g in couples:
            pl.peut_gerer(a, g, T)
        return len(couples)

    def elig_lib() -> int:
        for u, p in elig:
            eligibilite(u, p)
        return len(elig)

    def elig_plancher() -> int:
        for u, p in elig:
            _eligible(u, p)
        return len(elig)

    def dossier_lib() -> int:
        for i, num, nom in dossiers:
            consulter_dossier(c, i, numero_allocataire=num, nom_allocataire=nom, instant=T)
        return len(dossiers)

    def dossier_plancher() -> int:
        for i, num, nom in dossiers:
            pl.dossier(i, num, nom)
        return len(dossiers)

    paires = {
        "acces_cdap (premier appel)": (acces_lib, acces_plancher),
        "peut(GERER_MEMBRES)": (peut_lib, peut_plancher),
        "eligibilite": (elig_lib, elig_plancher),
        "consulter_dossier": (dossier_lib, dossier_plancher),
    }
    brut: dict[str, dict[str, list[float]]] = {k: {"lib": [], "plancher": []} for k in paires}
    for _ in range(tours):
        for nom, (lib, plancher) in paires.items():
            brut[nom]["lib"].append(_cpu_par_appel(lib))
            brut[nom]["plancher"].append(_cpu_par_appel(plancher))
        # consulter_dossier s'appuie sur les réponses gardées : l'accès refait au tour suivant.
    resume = {}
    for nom, v in brut.items():
        lib, plancher = statistics.median(v["lib"]), statistics.median(v["plancher"])
        resume[nom] = {
            "lib_us": lib,
            "plancher_us": plancher,
            "rapport": lib / plancher,
            "lib_min_us": min(v["lib"]),
            "lib_max_us": max(v["lib"]),
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
    for n in tailles:
        r = mesurer(n, args.tours)
        resultats.append(r)
        print(f"{n:>9,} comptes", flush=True)
        for nom, m in r["mesures"].items():
            base = resultats[0]["mesures"][nom]["lib_us"]
            print(
                f"    {nom:<28} {m['lib_us']:7.2f} µs CPU/appel "
                f"({m['lib_min_us']:.2f}–{m['lib_max_us']:.2f}) ; plancher "
                f"{m['plancher_us']:.2f} µs → × {m['rapport']:.1f} ; × {m['lib_us'] / base:.2f} "
                "de 1k",
                flush=True,
            )
    charge_fin = os.getloadavg()
    print(f"charge (1, 5, 15 min) : début {charge_debut}, fin {charge_fin}")
    print("objectifs : ≤ 3 × le plancher à chaque taille ; à la plus grande taille ≤ 1,3 × 1k")
    for nom in resultats[0]["mesures"]:
        pires = max(r["mesures"][nom]["rapport"] for r in resultats)
        echelle = resultats[-1]["mesures"][nom]["lib_us"] / resultats[0]["mesures"][nom]["lib_us"]
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
