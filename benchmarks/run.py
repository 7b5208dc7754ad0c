"""Les mesures de performance de mcp_rules (ticket 5) : ``python benchmarks/run.py [--rapide]``.

Imprime un tableau (mesure, valeur, détail, objectif, verdict « atteint » / « manqué ») et
écrit le détail dans ``benchmarks/resultats/derniers.json``. Sort en erreur (code 1) si un
moteur (plancher naïf, Cedar, Casbin) ne répond pas comme mcp_rules sur un seul compte.

Options :

- ``--rapide`` : un passage de fumée (~30 s) sur des conventions plus petites ; les objectifs
  dont la mesure change de taille ne sont pas évalués ;
- ``--profiler`` : pour chaque objectif manqué, un profil cProfile du scénario (les
  fonctions les plus coûteuses), imprimé et écrit dans le JSON ;
- ``--sortie FICHIER`` : où écrire le JSON.

Voir ``benchmarks/README.md`` pour la méthode.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import hashlib
import importlib.metadata
import io
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Final

import attrs

import mcp_rules
from mcp_rules import Action, Convention, acces_cdap, auditer, matrice_acces, peut
from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique
from mcp_rules.interfaces.entrees import convention_du_fichier
from mcp_rules.modele.index import Index, index
from mcp_rules.serialisation import depuis_json, vers_json
from mcp_rules.valeurs.adresse_email import _domaine

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mesures import (
    Ligne,
    Objectif,
    chrono,
    construire,
    latences,
    resume_latences,
    sans_ramasse_miettes,
    surcout_chrono_ns,
    tours,
)
from pairs import ConventionPydantic, MoteurCasbin, MoteurCedar, Plancher
from plans import (
    convention_perturbee,
    couples_gestion,
    executer,
    plan_commandes,
)

ICI: Final = Path(__file__).resolve().parent
SORTIE: Final = ICI / "resultats" / "derniers.json"
GRAINE: Final = 2026
T: Final = INSTANT_REFERENCE
APRES_CLOTURES: Final = T + timedelta(days=120)
"""Un second instant, où toutes les clôtures à venir des conventions synthétiques ont eu lieu."""

OBJ_PLANCHER: Final = Objectif("≤ 20 × plancher", 20)
OBJ_CEDAR: Final = Objectif("≥ 20 × plus rapide que Cedar", 20, plafond=False)
OBJ_CASBIN: Final = Objectif("≥ 50 × plus rapide que Casbin", 50, plafond=False)
OBJ_AUDIT: Final = Objectif("≤ 1,5 s", 1.5)
OBJ_AUDIT_RATIO: Final = Objectif("100k / 10k ≤ 11,5", 11.5)
OBJ_PETITES: Final = Objectif("≤ 1 s", 1.0)
OBJ_COMMANDES: Final = Objectif("≤ 2 s", 2.0)
OBJ_COMMANDE: Final = Objectif("médiane ≤ 5 ms", 5.0)
OBJ_JSON: Final = Objectif("≥ 1,5 × pydantic (enregistrements/s)", 1.5, plafond=False)
OBJ_MEMOIRE: Final = Objectif("≤ 1 Kio par compte (RSS gardé, réponses comprises)", 1024)


@dataclass(frozen=True, slots=True)
class Parametres:
    """Les tailles de chaque scénario (complet ou ``--rapide``)."""

    rapide: bool
    tailles_decision: tuple[int, ...]
    tailles_convention: tuple[int, int]
    tours_boucle: int
    tours_convention: int
    echantillon_moteurs: int
    echantillon_latences: int
    verification_second_instant: int
    taille_perturbee: int
    commandes: int
    taille_commandes: int
    tours_commandes: int
    taille_commande_isolee: int
    commandes_isolees: int
    petites: int
    taille_petite: int
    tours_petites: int
    taille_json: int
    tours_json: int
    taille_memoire: int
    imports: int
    million: bool = False

    @classmethod
    def choisir(cls, rapide: bool) -> Parametres:
        if rapide:
            return cls(
                rapide=True,
                tailles_decision=(1_000, 10_000),
                tailles_convention=(1_000, 10_000),
                tours_boucle=3,
                tours_convention=3,
                echantillon_moteurs=300,
                echantillon_latences=5_000,
                verification_second_instant=2_000,
                taille_perturbee=1_000,
                commandes=1_000,
                taille_commandes=10_000,
                tours_commandes=1,
                taille_commande_isolee=10_000,
                commandes_isolees=60,
                petites=100,
                taille_petite=50,
                tours_petites=3,
                taille_json=10_000,
                tours_json=2,
                taille_memoire=10_000,
                imports=3,
            )
        return cls(
            rapide=False,
            tailles_decision=(1_000, 10_000, 100_000),
            tailles_convention=(10_000, 100_000),
            tours_boucle=5,
            tours_convention=3,
            echantillon_moteurs=1_000,
            echantillon_latences=20_000,
            verification_second_instant=10_000,
            taille_perturbee=10_000,
            commandes=10_000,
            taille_commandes=10_000,
            tours_commandes=3,
            taille_commande_isolee=100_000,
            commandes_isolees=300,
            petites=1_000,
            taille_petite=50,
            tours_petites=5,
            taille_json=100_000,
            tours_json=3,
            taille_memoire=100_000,
            imports=7,
        )


@dataclass(slots=True)
class Contexte:
    """Ce que partagent les sections : paramètres, conventions, lignes, désaccords, profils."""

    p: Parametres
    conventions: dict[int, Convention] = field(default_factory=dict)
    lignes: list[Ligne] = field(default_factory=list)
    desaccords: list[dict[str, Any]] = field(default_factory=list)
    scenarios: dict[str, Callable[[], object]] = field(default_factory=dict)
    brut: dict[str, Any] = field(default_factory=dict)

    def convention(self, n: int) -> Convention:
        if n not in self.conventions:
            c, duree = construire(lambda: convention_synthetique(n, graine=GRAINE))
            self.brut.setdefault("generation_s", {})[n] = duree
            self.conventions[n] = c
        return self.conventions[n]

    def ligne(self, *args: Any, **kwargs: Any) -> Ligne:
        ligne = Ligne(*args, **kwargs)
        self.lignes.append(ligne)
        marque = f"  [{ligne.verdict}]" if ligne.verdict else ""
        print(f"  {ligne.mesure:<58} {ligne.valeur:>14}  {ligne.detail}{marque}", flush=True)
        return ligne


# --- mise en forme ---------------------------------------------------------------------------


def duree(secondes: float) -> str:
    """Une durée lisible : ns, µs, ms ou s."""
    if secondes < 1e-6:
        return f"{secondes * 1e9:.0f} ns"
    if secondes < 1e-3:
        return f"{secondes * 1e6:.2f} µs"
    if secondes < 1:
        return f"{secondes * 1e3:.1f} ms"
    return f"{secondes:.2f} s"


def taille(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def mediane(valeurs: list[float]) -> float:
    return statistics.median(valeurs)


def _cache(c: Convention) -> dict[str, Any]:
    """Le cache interne d'une convention (index, réponses gardées) : vidé pour repartir d'une
    convention « neuve », comme après son chargement."""
    return c._cache


# --- décisions -------------------------------------------------------------------------------


def _verifier_acces(
    ctx: Contexte,
    c: Convention,
    identifiants: list[str],
    t: datetime,
    moteurs: tuple[Plancher, MoteurCedar, MoteurCasbin],
    refus: Counter[str],
) -> int:
    """Compare, compte par compte, ``autorise`` et les profils de chaque moteur à acces_cdap.

    Rend le nombre d'erreurs d'évaluation de Cedar ; compte dans ``refus`` les codes des
    refus rencontrés (les chemins de la règle que la vérification a parcourus).
    """
    plancher, cedar, casbin = moteurs
    lot = cedar.decider_lot(identifiants, t)
    casbin_decide = casbin.decideur(t)
    erreurs_cedar = 0
    for ident, rc in zip(identifiants, lot, strict=True):
        a = acces_cdap(c, ident, instant=t)
        attendu = (a.autorise, frozenset(a.profils))
        if not a.autorise:
            refus.update(a.codes)
        k = ident.lower()
        erreurs_cedar += bool(rc.diagnostics.errors)
        obtenus = {
            "plancher": (k in plancher.autorises, plancher.profils[k]),
            "cedar": (rc.allowed, cedar.profils(rc)),
            "casbin": (casbin_decide(ident), casbin.profils(ident, t)),
        }
        for moteur, obtenu in obtenus.items():
            if obtenu != attendu:
                ctx.desaccords.append(
                    {
                        "question": "acces_cdap",
                        "convention": _nom(c),
                        "instant": t.isoformat(),
                        "compte": ident,
                        "moteur": moteur,
                        "mcp_rules": [attendu[0], sorted(p.value for p in attendu[1])],
                        "obtenu": [obtenu[0], sorted(p.value for p in obtenu[1])],
                        "constats": list(a.codes),
                        "erreurs_cedar": rc.diagnostics.errors,
                    }
                )
    return erreurs_cedar


def _nom(c: Convention) -> str:
    perturbee = " perturbée" if c.numero.startswith("P") else ""
    return f"convention_synthetique({c.nombre_utilisateurs}, graine={GRAINE}){perturbee}"


def _verifier(
    ctx: Contexte,
    c: Convention,
    moteurs: tuple[Plancher, MoteurCedar, MoteurCasbin],
    second: list[str],
) -> tuple[int, int, Counter[str]]:
    """Tous les comptes à l'instant de référence, ``second`` après les clôtures, un couple
    ``peut`` par compte. Rend (désaccords nouveaux, erreurs Cedar, codes des refus)."""
    avant = len(ctx.desaccords)
    refus: Counter[str] = Counter()
    identifiants = [u.identifiant for u in c.utilisateurs]
    erreurs_cedar = _verifier_acces(ctx, c, identifiants, T, moteurs, refus)
    plancher, cedar, casbin = moteurs
    erreurs_cedar += _verifier_acces(
        ctx, c, second, APRES_CLOTURES, (Plancher(c, APRES_CLOTURES), cedar, casbin), refus
    )
    couples = couples_gestion(c, graine=GRAINE)
    if len(couples) > len(second):
        couples = random.Random(GRAINE).sample(couples, len(second))
    erreurs_cedar += _verifier_gestion(ctx, c, couples, plancher, cedar)
    if erreurs_cedar:
        ctx.desaccords.append(
            {
                "question": "politique Cedar",
                "erreurs d'évaluation": erreurs_cedar,
                "convention": _nom(c),
            }
        )
    return len(ctx.desaccords) - avant, erreurs_cedar, refus


def _verifier_gestion(
    ctx: Contexte,
    c: Convention,
    couples: list[tuple[str, str]],
    plancher: Plancher,
    cedar: MoteurCedar,
) -> int:
    """``peut(GERER_MEMBRES)`` contre le plancher et Cedar, couple par couple."""
    lot = cedar.decider_gestion_lot(couples, T)
    erreurs_cedar = 0
    for (acteur, groupe), rc in zip(couples, lot, strict=True):
        attendu = peut(c, acteur, Action.GERER_MEMBRES, groupe=groupe, instant=T).autorise
        erreurs_cedar += bool(rc.diagnostics.errors)
        for moteur, obtenu in (
            ("plancher", (acteur.lower(), groupe.lower()) in plancher.gestion),
            ("cedar", rc.allowed),
        ):
            if obtenu != attendu:
                ctx.desaccords.append(
                    {
                        "question": "peut(GERER_MEMBRES)",
                        "convention": _nom(c),
                        "instant": T.isoformat(),
                        "compte": acteur,
                        "groupe": groupe,
                        "moteur": moteur,
                        "mcp_rules": attendu,
                        "obtenu": obtenu,
                        "erreurs_cedar": rc.diagnostics.errors,
                    }
                )
    return erreurs_cedar


def section_decisions(ctx: Contexte, n: int) -> None:  # noqa: PLR0915 - une section du tableau
    p = ctx.p
    c = ctx.convention(n)
    section = f"décision ({taille(n)} comptes)"
    print(f"\n== {section}", flush=True)
    identifiants = [u.identifiant for u in c.utilisateurs]
    alea = random.Random(GRAINE + n)
    echantillon = alea.sample(identifiants, min(n, p.echantillon_moteurs))
    echantillon_latences = alea.sample(identifiants, min(n, p.echantillon_latences))

    plancher, d_plancher = construire(lambda: Plancher(c, T))
    cedar, d_cedar = construire(lambda: MoteurCedar(c))
    casbin, d_casbin = construire(lambda: MoteurCasbin(c))
    ctx.ligne(
        section,
        "préparation des moteurs (hors mesure des décisions)",
        "",
        f"plancher {duree(d_plancher)}, Cedar (analyse des entités) {duree(d_cedar)}, "
        f"Casbin (chargement) {duree(d_casbin)}",
        brut={"plancher_s": d_plancher, "cedar_s": d_cedar, "casbin_s": d_casbin},
    )

    # Premier calcul : l'index est prêt, les réponses ne sont pas encore gardées.
    index(c)

    def toutes() -> None:
        for i in identifiants:
            acces_cdap(c, i, instant=T)

    froid = tours(
        {"froid": toutes}, p.tours_convention, avant={"froid": lambda: _cache(c).pop("acces", None)}
    )["froid"]
    ctx.ligne(
        section,
        "acces_cdap, premier appel (calcul, puis réponse gardée)",
        duree(mediane(froid) / n),
        f"moyenne sur {n} comptes, médiane de {len(froid)} tours",
        brut={"tours_s": froid},
    )

    # Accord des moteurs : chaque compte, à l'instant de référence et après les clôtures ;
    # de même sur une variante perturbée qui parcourt tous les chemins de refus.
    second = identifiants
    if n > p.verification_second_instant:
        second = alea.sample(identifiants, p.verification_second_instant)
    nouveaux, erreurs_cedar, refus = _verifier(ctx, c, (plancher, cedar, casbin), second)
    verifiees = f"{n} comptes à {T:%Y-%m-%d} + {len(second)} à +120 j, {len(second)} couples peut"
    if n <= p.taille_perturbee:
        v = convention_perturbee(c, graine=GRAINE)
        v = attrs.evolve(v, numero="P" + v.numero)
        moteurs_v = (Plancher(v, T), MoteurCedar(v), MoteurCasbin(v))
        ids_v = [u.identifiant for u in v.utilisateurs]
        nv, ev, rv = _verifier(ctx, v, moteurs_v, ids_v)
        nouveaux, erreurs_cedar = nouveaux + nv, erreurs_cedar + ev
        refus += rv
        verifiees += " ; idem sur la variante perturbée"
        del moteurs_v
    ctx.ligne(
        section,
        "accord avec mcp_rules (autorise et profils)",
        f"{nouveaux} désaccord(s)",
        f"{verifiees} ; erreurs Cedar {erreurs_cedar} ; refus parcourus : "
        + ", ".join(f"{code} {k}" for code, k in sorted(refus.items())),
        brut={"desaccords": nouveaux, "erreurs_cedar": erreurs_cedar, "refus": dict(refus)},
    )

    # Boucles serrées, entrelacées.
    decider_plancher = plancher.decideur()
    decider_cedar = cedar.decideur(T)
    decider_casbin = casbin.decideur(T)

    def boucle_acces() -> None:
        for i in identifiants:
            acces_cdap(c, i, instant=T)

    def boucle_plancher() -> None:
        for i in identifiants:
            decider_plancher(i)

    def boucle_cedar() -> None:
        for i in echantillon:
            decider_cedar(i)

    def boucle_casbin() -> None:
        for i in echantillon:
            decider_casbin(i)

    def lot_cedar() -> None:
        cedar.decider_lot(echantillon, T)

    brut = tours(
        {
            "acces_cdap": boucle_acces,
            "plancher": boucle_plancher,
            "cedar": boucle_cedar,
            "casbin": boucle_casbin,
            "cedar_lot": lot_cedar,
        },
        p.tours_boucle,
    )
    par_appel = {
        nom: [d / (n if nom in ("acces_cdap", "plancher") else len(echantillon)) for d in ds]
        for nom, ds in brut.items()
    }
    m = {nom: mediane(v) for nom, v in par_appel.items()}
    r_plancher = m["acces_cdap"] / m["plancher"]
    r_cedar = m["cedar"] / m["acces_cdap"]
    r_casbin = m["casbin"] / m["acces_cdap"]
    tour = f"médiane de {p.tours_boucle} tours entrelacés"
    ctx.ligne(
        section,
        "acces_cdap, boucle serrée (réponse gardée), par appel",
        duree(m["acces_cdap"]),
        f"{n} comptes, {tour} ; plancher {duree(m['plancher'])} → {r_plancher:.1f} ×",
        objectif=OBJ_PLANCHER,
        valeur_objectif=r_plancher,
        brut={"par_appel_s": par_appel},
    )
    ctx.ligne(
        section,
        "plancher naïf (identifiant in autorises), par appel",
        duree(m["plancher"]),
        f"{n} comptes, {tour}",
    )
    ctx.ligne(
        section,
        "Cedar is_authorized (poignées réutilisées), par appel",
        duree(m["cedar"]),
        f"{len(echantillon)} comptes tirés, {tour} ; acces_cdap {r_cedar:.0f} × plus rapide",
        objectif=OBJ_CEDAR,
        valeur_objectif=r_cedar,
    )
    ctx.ligne(
        section,
        "Cedar is_authorized_batch (un seul appel), par décision",
        duree(m["cedar_lot"]),
        f"{len(echantillon)} comptes tirés ; acces_cdap "
        f"{m['cedar_lot'] / m['acces_cdap']:.0f} × plus rapide",
    )
    ctx.ligne(
        section,
        "Casbin enforce (RBAC + matcher de clôture), par appel",
        duree(m["casbin"]),
        f"{len(echantillon)} comptes tirés, {tour} ; acces_cdap {r_casbin:.0f} × plus rapide",
        objectif=OBJ_CASBIN,
        valeur_objectif=r_casbin,
    )

    # Appels isolés : médiane et p99.
    isoles = {
        "acces_cdap": latences(lambda i: acces_cdap(c, i, instant=T), echantillon_latences),
        "plancher": latences(decider_plancher, echantillon_latences),
        "cedar": latences(decider_cedar, echantillon),
        "casbin": latences(decider_casbin, echantillon),
    }
    for nom, valeurs in isoles.items():
        r = resume_latences(valeurs)
        ctx.ligne(
            section,
            f"{nom}, appel isolé (perf_counter_ns)",
            f"{r['mediane_us']:.2f} µs",
            f"médiane ; p99 {r['p99_us']:.2f} µs ; {r['appels']} appels",
            brut=r,
        )

    # peut(GERER_MEMBRES) : un couple (acteur, groupe) par compte.
    decider_gestion = plancher.decideur_gestion()
    decider_gestion_cedar = cedar.decideur_gestion(T)
    couples = couples_gestion(c, graine=GRAINE)
    couples_min = [(a.lower(), g.lower()) for a, g in couples]
    echantillon_couples = alea.sample(couples, min(len(couples), p.echantillon_moteurs))
    gerer = Action.GERER_MEMBRES

    def boucle_peut() -> None:
        for acteur, groupe in couples:
            peut(c, acteur, gerer, groupe=groupe, instant=T)

    def boucle_peut_plancher() -> None:
        for acteur, groupe in couples_min:
            decider_gestion(acteur, groupe)

    def boucle_peut_cedar() -> None:
        for acteur, groupe in echantillon_couples:
            decider_gestion_cedar(acteur, groupe)

    brut_peut = tours(
        {"peut": boucle_peut, "plancher": boucle_peut_plancher, "cedar": boucle_peut_cedar},
        p.tours_boucle,
    )
    mp = {
        nom: mediane(
            [d / (len(echantillon_couples) if nom == "cedar" else len(couples)) for d in ds]
        )
        for nom, ds in brut_peut.items()
    }
    ctx.ligne(
        section,
        "peut(GERER_MEMBRES), boucle serrée, par appel",
        duree(mp["peut"]),
        f"{len(couples)} couples ; plancher {duree(mp['plancher'])} "
        f"({mp['peut'] / mp['plancher']:.0f} ×) ; Cedar {duree(mp['cedar'])} "
        f"(peut {mp['cedar'] / mp['peut']:.1f} × plus rapide)",
        brut={"par_appel_s": mp},
    )
    r = resume_latences(
        latences(
            lambda ag: peut(c, ag[0], gerer, groupe=ag[1], instant=T),
            couples[: p.echantillon_latences],
        )
    )
    ctx.ligne(
        section,
        "peut(GERER_MEMBRES), appel isolé",
        f"{r['mediane_us']:.2f} µs",
        f"médiane ; p99 {r['p99_us']:.2f} µs ; {r['appels']} appels",
        brut=r,
    )
    if n == max(p.tailles_decision):
        ctx.scenarios["acces_cdap"] = boucle_acces


# --- la convention entière --------------------------------------------------------------------


def section_convention(ctx: Contexte) -> None:
    p = ctx.p
    petite, grande = p.tailles_convention
    section = "convention entière"
    print(f"\n== {section} ({taille(petite)} et {taille(grande)} comptes)", flush=True)
    # Chaque tour mesure la grande convention une fois et la petite trois fois (ses mesures,
    # plus courtes, sont plus sensibles au bruit) ; médianes sur tous les tours.
    brut: dict[str, list[float]] = defaultdict(list)
    for _ in range(p.tours_convention):
        for n, repetitions in ((petite, 3), (grande, 1)):
            c = ctx.convention(n)
            vider = _cache(c).clear
            construire_index = partial(Index.construire, c)
            auditer_c = partial(auditer, c, instant=T)
            matrice_c = partial(matrice_acces, c, instant=T)
            mesures: dict[str, tuple[Callable[[], object] | None, Callable[[], object]]] = {
                "index": (None, construire_index),
                "auditer neuve": (vider, auditer_c),
                "auditer prête": (None, auditer_c),
                "matrice neuve": (vider, matrice_c),
                "matrice prête": (None, matrice_c),
                "auditer neuve sans gc": (vider, sans_ramasse_miettes(auditer_c)),
                "matrice neuve sans gc": (vider, sans_ramasse_miettes(matrice_c)),
            }
            for _ in range(repetitions):
                for nom, (preparer, f) in mesures.items():
                    if preparer is not None:
                        preparer()
                    brut[f"{nom} {n}"].append(chrono(f))
    m = {k: mediane(v) for k, v in brut.items()}
    tours_texte = {
        petite: f"médiane de {3 * p.tours_convention} mesures",
        grande: f"médiane de {p.tours_convention} mesures",
    }
    libelles = {
        "index": "Index.construire",
        "auditer neuve": "auditer (convention neuve, index compris)",
        "auditer prête": "auditer (index prêt)",
        "matrice neuve": "matrice_acces (convention neuve)",
        "matrice prête": "matrice_acces (index prêt)",
        "auditer neuve sans gc": "diagnostic : auditer (neuve), ramasse-miettes arrêté",
        "matrice neuve sans gc": "diagnostic : matrice_acces (neuve), ramasse-miettes arrêté",
    }
    cible_100k = grande == 100_000 and petite == 10_000
    for cle_, libelle in libelles.items():
        a, b = m[f"{cle_} {petite}"], m[f"{cle_} {grande}"]
        rapport = b / a
        audit = cle_ == "auditer neuve"
        ctx.ligne(
            section,
            f"{libelle}, {taille(petite)}",
            duree(a),
            tours_texte[petite],
        )
        ctx.ligne(
            section,
            f"{libelle}, {taille(grande)}",
            duree(b),
            tours_texte[grande],
            objectif=OBJ_AUDIT if audit else None,
            valeur_objectif=b if audit else None,
            non_evalue="" if cible_100k else "--rapide : pas de 100k",
        )
        ctx.ligne(
            section,
            f"{libelle}, {taille(grande)} / {taille(petite)}",
            f"{rapport:.2f}",
            "10 × plus de comptes",
            objectif=OBJ_AUDIT_RATIO if audit else None,
            valeur_objectif=rapport if audit else None,
            non_evalue="" if cible_100k else "--rapide : 10k / 1k",
        )
    ctx.brut["convention_entiere_s"] = brut
    grande_c = ctx.convention(grande)

    def auditer_neuve() -> None:
        _cache(grande_c).clear()
        auditer(grande_c, instant=T)

    ctx.scenarios["auditer"] = auditer_neuve


# --- commandes --------------------------------------------------------------------------------


def section_commandes(ctx: Contexte) -> None:
    p = ctx.p
    section = "commandes"
    print(f"\n== {section}", flush=True)
    c = ctx.convention(p.taille_commandes)
    index(c)
    plan = plan_commandes(c, p.commandes, graine=GRAINE, debut=T)
    durees = []
    acceptees: list[bool] = []
    for _ in range(p.tours_commandes):
        resultat, d = construire(lambda: executer(c, plan))
        durees.append(d)
        acceptees = resultat[1]
    total = mediane(durees)
    taux = sum(acceptees) / len(acceptees)
    par_geste = Counter(x.geste for x in plan)
    ok_geste = Counter(x.geste for x, a in zip(plan, acceptees, strict=True) if a)
    plein = p.commandes == 10_000 and p.taille_commandes == 10_000
    ctx.ligne(
        section,
        f"{p.commandes} commandes à la suite ({taille(p.taille_commandes)} comptes)",
        duree(total),
        f"{total / len(plan) * 1e6:.0f} µs/commande ; acceptées {taux:.1%} ; "
        f"médiane de {len(durees)} tours",
        objectif=OBJ_COMMANDES,
        valeur_objectif=total,
        non_evalue="" if plein else "--rapide : 1 000 commandes",
        brut={
            "tours_s": durees,
            "acceptation": taux,
            "par_geste": {g: [ok_geste[g], k] for g, k in par_geste.items()},
        },
    )
    ctx.ligne(
        section,
        "  dont gestes (acceptés / tirés)",
        "",
        ", ".join(f"{g} {ok_geste[g]}/{k}" for g, k in sorted(par_geste.items())),
    )
    ctx.scenarios["commandes"] = lambda: executer(c, plan)

    # Une commande isolée sur une grande convention, toujours depuis le même état.
    grande = ctx.convention(p.taille_commande_isolee)
    index(grande)
    isolees = plan_commandes(
        grande, p.commandes_isolees, graine=GRAINE + 1, debut=T, independantes=True
    )
    for x in isolees[:5]:  # mise en route
        x(grande)
    ns = time.perf_counter_ns
    par_type: dict[str, list[float]] = defaultdict(list)
    toutes: list[float] = []
    gc.collect()
    for x in isolees:
        debut = ns()
        x(grande)
        ms = (ns() - debut) / 1e6
        par_type[x.geste].append(ms)
        toutes.append(ms)
    med = mediane(toutes)
    detail = ", ".join(
        f"{g} {mediane(v):.2f}" for g, v in sorted(par_type.items(), key=lambda kv: kv[0])
    )
    ctx.ligne(
        section,
        f"une commande sur {taille(p.taille_commande_isolee)} comptes (même état de départ)",
        f"{med:.2f} ms",
        f"médiane de {len(toutes)} commandes ; p99 "
        f"{sorted(toutes)[max(0, int(len(toutes) * 0.99) - 1)]:.2f} ms",
        objectif=OBJ_COMMANDE,
        valeur_objectif=med,
        non_evalue="" if p.taille_commande_isolee == 100_000 else "--rapide : 10k",
        brut={"ms": toutes, "par_geste_ms": dict(par_type)},
    )
    ctx.ligne(section, "  médiane par geste (ms)", "", detail)

    def isolees_profil() -> None:
        for x in isolees:
            x(grande)

    ctx.scenarios["commande_isolee"] = isolees_profil


# --- beaucoup de petites conventions ------------------------------------------------------------


def section_petites(ctx: Contexte) -> None:
    p = ctx.p
    section = "petites conventions"
    print(f"\n== {section}", flush=True)
    petites = [convention_synthetique(p.taille_petite, graine=i) for i in range(p.petites)]

    def vider() -> None:
        for c in petites:
            _cache(c).clear()

    def auditer_toutes() -> None:
        for c in petites:
            auditer(c, instant=T)

    durees = tours({"petites": auditer_toutes}, p.tours_petites, avant={"petites": vider})[
        "petites"
    ]
    total = mediane(durees)
    ctx.ligne(
        section,
        f"auditer {p.petites} conventions de {p.taille_petite} comptes (neuves)",
        duree(total),
        f"{total / p.petites * 1e3:.2f} ms par convention ; médiane de {len(durees)} tours",
        objectif=OBJ_PETITES,
        valeur_objectif=total,
        non_evalue="" if p.petites == 1_000 else "--rapide : 100 conventions",
        brut={"tours_s": durees},
    )

    def vider_puis_auditer() -> None:
        vider()
        auditer_toutes()

    ctx.scenarios["petites"] = vider_puis_auditer


# --- JSON ------------------------------------------------------------------------------------


def section_json(ctx: Contexte) -> None:
    p = ctx.p
    section = "JSON"
    print(f"\n== {section}", flush=True)
    c = ctx.convention(p.taille_json)
    texte, d_ecrire = construire(lambda: vers_json(c))
    enregistrements = c.nombre_utilisateurs + c.nombre_groupes + len(c.journal)
    lue = depuis_json(texte, Convention)
    if lue != c:
        ctx.desaccords.append({"question": "depuis_json(vers_json(c)) == c", "obtenu": False})
    modele = ConventionPydantic.model_validate_json(texte)
    if len(modele.utilisateurs) != c.nombre_utilisateurs:
        ctx.desaccords.append({"question": "pydantic : nombre de comptes", "obtenu": False})
    del lue, modele
    brut = tours(
        {
            "mcp_rules": lambda: depuis_json(texte, Convention),
            "pydantic": lambda: ConventionPydantic.model_validate_json(texte),
        },
        p.tours_json,
        avant={"mcp_rules": _domaine.cache_clear},
    )
    m = {k: mediane(v) for k, v in brut.items()}
    debits = {k: enregistrements / v for k, v in m.items()}
    rapport = debits["mcp_rules"] / debits["pydantic"]
    octets = len(texte.encode())
    ctx.ligne(
        section,
        f"depuis_json, {taille(p.taille_json)} comptes (cache des domaines vidé)",
        duree(m["mcp_rules"]),
        f"{debits['mcp_rules']:,.0f} enregistrements/s ; {octets / 1e6:.1f} Mo ; "
        f"{rapport:.2f} × pydantic",
        objectif=OBJ_JSON,
        valeur_objectif=rapport,
        brut={"tours_s": brut, "enregistrements": enregistrements, "octets": octets},
    )
    ctx.ligne(
        section,
        "pydantic v2 model_validate_json (EmailStr), même document",
        duree(m["pydantic"]),
        f"{debits['pydantic']:,.0f} enregistrements/s ; médiane de {p.tours_json} tours",
    )
    ctx.ligne(section, "vers_json (information)", duree(d_ecrire), "un appel")

    def lire() -> None:
        _domaine.cache_clear()
        depuis_json(texte, Convention)

    ctx.scenarios["json"] = lire


# --- mémoire et import -----------------------------------------------------------------------


def mesurer_memoire(n: int) -> dict[str, Any]:
    """(Sous-processus) La mémoire d'une convention de ``n`` comptes relue depuis son JSON
    puis indexée, sous tracemalloc ; puis avec les réponses d'acces_cdap gardées."""
    texte = vers_json(convention_synthetique(n, graine=GRAINE))
    _domaine.cache_clear()
    gc.collect()
    tracemalloc.start()
    depart = tracemalloc.get_traced_memory()[0]
    c = depuis_json(texte, Convention)
    index(c)
    gc.collect()
    courant, pic = tracemalloc.get_traced_memory()
    instantane = tracemalloc.take_snapshot()
    for u in c.utilisateurs:
        acces_cdap(c, u.identifiant, instant=T)
    gc.collect()
    avec_reponses = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {
        "comptes": n,
        "octets": courant - depart,
        "par_compte": (courant - depart) / n,
        "pic_par_compte": (pic - depart) / n,
        "avec_reponses_par_compte": (avec_reponses - depart) / n,
        "plus_gros_par_compte": [
            [str(s.traceback), s.size / n] for s in instantane.statistics("lineno")[:10]
        ],
    }


def _rss_octets() -> int:
    """La mémoire résidente de ce processus, maintenant (Linux : ``/proc/self/statm``)."""
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def mesurer_rss(fichier: str) -> dict[str, Any]:
    """(Sous-processus neuf, sans tracemalloc) La mémoire résidente que garde une convention
    lue par le chemin de la ligne de commande (``convention_du_fichier``), indexée, la
    réponse d'``acces_cdap`` de chaque compte gardée : RSS après, moins RSS juste avant la
    lecture (bibliothèque déjà importée), ramassage fait ; rapportée au nombre de comptes."""
    gc.collect()
    avant = _rss_octets()
    c = convention_du_fichier(fichier)
    gc.collect()
    lue = _rss_octets()
    index(c)
    gc.collect()
    indexee = _rss_octets()
    for u in c.utilisateurs:
        acces_cdap(c, u.identifiant, instant=T)
    gc.collect()
    apres = _rss_octets()
    n = c.nombre_utilisateurs
    return {
        "comptes": n,
        "rss_avant": avant,
        "lue_par_compte": (lue - avant) / n,
        "indexee_par_compte": (indexee - avant) / n,
        "par_compte": (apres - avant) / n,
    }


def _rss_garde(n: int) -> dict[str, Any]:
    """:func:`mesurer_rss` dans un processus neuf, sur une convention écrite ici en JSON."""
    with tempfile.TemporaryDirectory() as dossier:
        fichier = Path(dossier) / f"convention-{n}.json"
        fichier.write_text(vers_json(convention_synthetique(n, graine=GRAINE)), encoding="utf-8")
        gc.collect()
        sortie = subprocess.run(  # noqa: S603 - notre propre script, arguments fixés
            [sys.executable, __file__, "--rss", str(fichier)],
            capture_output=True,
            text=True,
            check=True,
        )
    resultat: dict[str, Any] = json.loads(sortie.stdout.strip().splitlines()[-1])
    return resultat


def section_memoire_import(ctx: Contexte) -> None:
    p = ctx.p
    ctx.conventions.clear()  # libère la mémoire du processus principal
    gc.collect()
    section = "mémoire et import"
    print(f"\n== {section}", flush=True)
    tailles_rss = [p.taille_memoire, *([1_000_000] if p.million else [])]
    for n in tailles_rss:
        rss = _rss_garde(n)
        ctx.ligne(
            section,
            f"mémoire résidente gardée par compte ({taille(n)})",
            f"{rss['par_compte']:.0f} o",
            f"RSS gardé par une convention lue du fichier comme le fait la ligne de commande, "
            f"indexée, la réponse d'acces_cdap de chaque compte gardée ; lue seule "
            f"{rss['lue_par_compte']:.0f} o, indexée {rss['indexee_par_compte']:.0f} o",
            objectif=OBJ_MEMOIRE,
            valeur_objectif=rss["par_compte"],
            non_evalue="" if n >= 100_000 else "--rapide : 10k",
            brut=rss,
        )
    sortie = subprocess.run(  # noqa: S603 - notre propre script, arguments fixés
        [sys.executable, __file__, "--memoire", str(p.taille_memoire)],
        capture_output=True,
        text=True,
        check=True,
    )
    mem = json.loads(sortie.stdout.strip().splitlines()[-1])
    lourdes = ", ".join(
        f"{ligne.rsplit('/', 1)[-1]} {octets:.0f} o"
        for ligne, octets in mem["plus_gros_par_compte"][:4]
    )
    ctx.ligne(
        section,
        f"mémoire par compte, lue en JSON + indexée ({taille(p.taille_memoire)})",
        f"{mem['par_compte']:.0f} o",
        f"tracemalloc, pour information : pic {mem['pic_par_compte']:.0f} o ; avec les "
        f"réponses acces_cdap gardées {mem['avec_reponses_par_compte']:.0f} o ; plus "
        f"grosses lignes : {lourdes}",
        brut=mem,
    )
    code = (
        "import time; t0 = time.perf_counter(); import mcp_rules; print(time.perf_counter() - t0)"
    )
    durees = []
    for _ in range(p.imports):
        r = subprocess.run(  # noqa: S603 - l'interpréteur courant, code fixé
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        durees.append(float(r.stdout))
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import mcp_rules"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    modules = []
    for ligne in trace.splitlines()[1:]:
        morceaux = ligne.removeprefix("import time:").split("|")
        if len(morceaux) == 3:
            modules.append((int(morceaux[0]), int(morceaux[1]), morceaux[2].strip()))
    lourds = sorted(modules, reverse=True)[:6]
    ctx.ligne(
        section,
        "import mcp_rules (sous-processus neuf)",
        duree(mediane(durees)),
        f"médiane de {len(durees)} ; plus lourds (propre) : "
        + ", ".join(f"{nom} {propre / 1000:.0f} ms" for propre, _, nom in lourds[:4]),
        brut={"s": durees, "plus_lourds": lourds},
    )


# --- profils des objectifs manqués -----------------------------------------------------------

_SCENARIO_DE: Final = {
    OBJ_PLANCHER.texte: "acces_cdap",
    OBJ_CEDAR.texte: "acces_cdap",
    OBJ_CASBIN.texte: "acces_cdap",
    OBJ_AUDIT.texte: "auditer",
    OBJ_AUDIT_RATIO.texte: "auditer",
    OBJ_COMMANDES.texte: "commandes",
    OBJ_COMMANDE.texte: "commande_isolee",
    OBJ_PETITES.texte: "petites",
    OBJ_JSON.texte: "json",
}


def profiler(ctx: Contexte) -> dict[str, str]:
    """Un profil cProfile par scénario dont un objectif est manqué."""
    manques = {
        _SCENARIO_DE[x.objectif.texte]
        for x in ctx.lignes
        if x.objectif is not None and x.verdict == "manqué" and x.objectif.texte in _SCENARIO_DE
    }
    profils = {}
    for nom in sorted(manques):
        scenario = ctx.scenarios.get(nom)
        if scenario is None:
            continue
        profil = cProfile.Profile()
        profil.runcall(scenario)
        texte = io.StringIO()
        stats = pstats.Stats(profil, stream=texte).strip_dirs()
        stats.sort_stats("tottime").print_stats(18)
        stats.sort_stats("cumulative").print_stats(18)
        profils[nom] = texte.getvalue()
        print(f"\n== profil : {nom}\n{profils[nom]}")
    return profils


# --- le tableau et le JSON --------------------------------------------------------------------


def empreinte_source() -> dict[str, Any]:
    """Le commit (lu sans git) et une empreinte des sources mesurées (l'arbre peut différer du
    commit pendant qu'on travaille)."""
    racine = ICI.parent
    sources = sorted((racine / "src" / "mcp_rules").rglob("*.py"))
    empreinte = hashlib.sha256()
    for chemin in sources:
        empreinte.update(str(chemin.relative_to(racine)).encode())
        empreinte.update(chemin.read_bytes())
    commit = None
    tete = racine / ".git" / "HEAD"
    if tete.is_file():
        ref = tete.read_text().strip()
        commit = ref
        if ref.startswith("ref: "):
            fichier = racine / ".git" / ref.removeprefix("ref: ")
            commit = fichier.read_text().strip() if fichier.is_file() else ref
    return {"commit": commit, "sha256_src": empreinte.hexdigest()[:16], "fichiers": len(sources)}


def machine() -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    for paquet in (
        "mcp-rules",
        "cedarpy",
        "casbin",
        "pydantic",
        "pydantic-core",
        "email-validator",
        "attrs",
        "cattrs",
    ):
        try:
            versions[paquet] = importlib.metadata.version(paquet)
        except importlib.metadata.PackageNotFoundError:
            versions[paquet] = None
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "plateforme": platform.platform(),
        "processeur": platform.processor() or platform.machine(),
        "coeurs": os.cpu_count(),
        "charge_debut": os.getloadavg(),
        "versions": versions,
        "mcp_rules": mcp_rules.__version__,
        "source": empreinte_source(),
    }


def tableau(lignes: list[Ligne]) -> str:
    largeurs = (64, 14, 22)
    sortie = [
        (
            f"{'mesure':<{largeurs[0]}} {'valeur':>{largeurs[1]}}  {'objectif':<{largeurs[2]}} "
            "verdict   détail"
        ),
        "-" * 140,
    ]
    section = None
    for x in lignes:
        if x.section != section:
            section = x.section
            sortie.append(f"[{section}]")
        objectif = x.objectif.texte if x.objectif else ""
        sortie.append(
            f"{x.mesure[: largeurs[0]]:<{largeurs[0]}} {x.valeur:>{largeurs[1]}}  "
            f"{objectif:<{largeurs[2]}} {x.verdict:<9} {x.detail}"
        )
    return "\n".join(sortie)


def principal(arguments: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--rapide", action="store_true", help="passage de fumée (~30 s)")
    parseur.add_argument(
        "--profiler", action="store_true", help="profiler les scénarios des objectifs manqués"
    )
    parseur.add_argument("--sortie", type=Path, default=SORTIE, help="fichier JSON écrit")
    parseur.add_argument(
        "--million",
        action="store_true",
        help="mesurer aussi la mémoire gardée à 1 000 000 de comptes (mode long)",
    )
    parseur.add_argument("--memoire", type=int, help=argparse.SUPPRESS)
    parseur.add_argument("--rss", help=argparse.SUPPRESS)
    options = parseur.parse_args(arguments)
    if options.memoire:
        print(json.dumps(mesurer_memoire(options.memoire)))
        return 0
    if options.rss:
        print(json.dumps(mesurer_rss(options.rss)))
        return 0

    p = dataclasses.replace(Parametres.choisir(options.rapide), million=options.million)
    debut = time.perf_counter()
    ctx = Contexte(p)
    infos = machine()
    print(
        f"mcp_rules {infos['mcp_rules']} — Python {infos['python']} — {infos['coeurs']} cœurs — "
        f"charge {infos['charge_debut'][0]:.1f} — {'rapide' if p.rapide else 'complet'}"
    )
    source = infos["source"]
    print(
        f"{platform.platform()} — commit {str(source['commit'])[:12]} — sources "
        f"{source['sha256_src']} — " + ", ".join(f"{k} {v}" for k, v in infos["versions"].items())
    )
    print(f"surcoût de perf_counter_ns : {surcout_chrono_ns()} ns (non soustrait)")
    sections: list[tuple[str, Callable[[], None]]] = [
        *(
            (f"décision {taille(n)}", lambda n=n: section_decisions(ctx, n))
            for n in p.tailles_decision
        ),
        ("convention entière", lambda: section_convention(ctx)),
        ("commandes", lambda: section_commandes(ctx)),
        ("petites conventions", lambda: section_petites(ctx)),
        ("JSON", lambda: section_json(ctx)),
        ("mémoire et import", lambda: section_memoire_import(ctx)),
    ]
    durees_sections = {}
    for nom, section in sections:
        debut_section = time.perf_counter()
        section()
        durees_sections[nom] = time.perf_counter() - debut_section
        print(f"  ({nom} : {durees_sections[nom]:.0f} s)", flush=True)
    ctx.brut["sections_s"] = durees_sections
    profils = profiler(ctx) if options.profiler else {}
    total = time.perf_counter() - debut

    print("\n" + tableau(ctx.lignes))
    manques = [x for x in ctx.lignes if x.verdict == "manqué"]
    atteints = [x for x in ctx.lignes if x.verdict == "atteint"]
    print(
        f"\nobjectifs : {len(atteints)} atteint(s), {len(manques)} manqué(s) ; "
        f"durée totale {total:.0f} s ; charge {os.getloadavg()[0]:.1f}"
    )
    infos["charge_fin"] = os.getloadavg()
    infos["source_fin"] = empreinte_source()
    if infos["source_fin"]["sha256_src"] != infos["source"]["sha256_src"]:
        print(
            "ATTENTION : les sources de mcp_rules ont changé pendant le passage ; les mesures "
            "faites en sous-processus (mémoire, import) viennent peut-être d'une autre version."
        )
    resultat = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": infos,
        "parametres": {k: getattr(p, k) for k in p.__dataclass_fields__},
        "graine": GRAINE,
        "instant": T.isoformat(),
        "duree_totale_s": total,
        "lignes": [
            {
                "section": x.section,
                "mesure": x.mesure,
                "valeur": x.valeur,
                "detail": x.detail,
                "objectif": x.objectif.texte if x.objectif else None,
                "valeur_objectif": x.valeur_objectif,
                "verdict": x.verdict or None,
                "brut": x.brut,
            }
            for x in ctx.lignes
        ],
        "desaccords": ctx.desaccords,
        "profils": profils,
        "brut": ctx.brut,
    }
    options.sortie.parent.mkdir(parents=True, exist_ok=True)
    options.sortie.write_text(json.dumps(resultat, ensure_ascii=False, indent=1, default=str))
    print(f"résultats écrits dans {options.sortie}")
    if ctx.desaccords:
        print(f"\nÉCHEC : {len(ctx.desaccords)} désaccord(s) entre moteurs, par exemple :")
        for d in ctx.desaccords[:10]:
            print("  ", json.dumps(d, ensure_ascii=False, default=str))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(principal())
