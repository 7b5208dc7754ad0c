"""Charger une convention depuis son JSON, contre un plancher en Python simple.

    python benchmarks/chargement.py [--million] [--tailles N …] [--tours N] [--gc-actif]
                                    [--profil TAILLE]

Pour chaque taille (1 000, 10 000, 100 000 comptes ; 1 000 000 avec ``--million``), le
document est celui qu'écrit la bibliothèque (``vers_json``) pour
``convention_synthetique(n, graine=2026)``. Deux lectures du même texte, entrelacées
(A, B, A, B…), chacune en **temps processeur** du processus (``time.process_time_ns``),
après un ramasse-miettes complet, le cache des domaines d'adresses vidé avant chacune. Le
ramasse-miettes reste actif pendant la mesure (son coût fait partie du coût réel) ; la
bibliothèque le suspend elle-même pendant sa lecture, le plancher non :

- ``mcp_rules`` : ``mcp_rules.serialisation.depuis_json(texte, Convention)`` ;
- le **plancher** : ce que ferait un chargeur écrit à la main, soigneux mais sans
  bibliothèque : ``json.loads``, puis pour chaque compte et chaque groupe un tuple de ses
  champs, après les contrôles essentiels — le type de chaque champ, les champs obligatoires
  présents et aucun champ inconnu, l'adresse vérifiée par **le même appel** que la
  bibliothèque (``valider_adresse`` : email-validator sans DNS, domaine en cache), les
  instants ISO 8601 lus (avec fuseau), les énumérations parmi leurs valeurs, les
  identifiants uniques et les références (gestionnaires, membres, administrateurs, rôles
  AFAS) vers des comptes existants. Le plancher ne fait pas ce que la bibliothèque fait de
  plus : les membres en double d'un objet JSON, la syntaxe des identifiants et des textes
  (longueur, caractères permis), l'unicité à la casse près, la forme des numéros
  d'instructeur, l'ordre des instants, les sous-groupes (parents, cycles), les chemins et
  messages français de chaque défaut.

Imprime, par taille : les médianes (et l'étendue) des deux, leur rapport (et la médiane des
rapports de chaque tour, moins sensible aux passages lents de la machine), le coût par
compte, le coût par compte rapporté à celui de 10 000 comptes, et la charge de la machine
avant et après. Ce dernier rapport se prend aussi dans chaque tour des tailles au-delà de dix
mille : les lectures de 10 000 comptes y sont mesurées juste avant et juste après (la
médiane de trois, chaque fois), et l'on garde la médiane des rapports des tours ; c'est
celui que juge l'objectif (la vitesse de la machine partagée change d'une minute à l'autre,
et la taille de référence, mesurée à part, l'était à un autre moment). Après chaque lecture,
le résultat encore vivant, il mesure aussi ``gc.collect(1)`` : la bibliothèque suspend le
ramasse-miettes pendant une lecture, et ce qu'elle a créé reste à parcourir une fois après
elle ; le rapport est donné avec et sans cette collecte. ``--gc-actif`` ajoute une troisième
mesure entrelacée, la bibliothèque sans cette suspension (un diagnostic : ce qu'elle fait
gagner). ``--profil 100000`` imprime un profil cProfile d'une lecture par la bibliothèque à
cette taille. Un script qui imprime des nombres : aucun test ne dépend d'un temps.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

from mcp_rules import Convention
from mcp_rules.fondations import ramasse_miettes
from mcp_rules.generateur import convention_synthetique
from mcp_rules.serialisation import depuis_json, vers_json
from mcp_rules.valeurs.adresse_email import _domaine, valider_adresse

GRAINE: Final = 2026
TAILLES: Final = (1_000, 10_000, 100_000)
MILLION: Final = 1_000_000
TOURS: Final = {1_000: 41, 10_000: 21, 100_000: 7, MILLION: 3}
REFERENCE: Final = 10_000
"""La taille à laquelle se rapporte le coût par compte des autres."""
REPETITIONS_REFERENCE: Final = 3

FONCTIONS: Final = frozenset(
    {
        "ASSISTANT_SOCIAL",
        "CONSEILLER_ESF",
        "ASSISTANT_SOCIAL_DU_TRAVAIL",
        "INSTRUCTEUR_RSA",
        "MANDATAIRE_JUDICIAIRE",
        "TUTEUR",
        "CURATEUR",
        "BAILLEUR",
        "AUTRE",
    }
)
SERVICES: Final = frozenset({"CDAP", "AFAS", "ADONIS", "OFFRE_BAILLEURS"})
ROLES: Final = frozenset({f"T{i}" for i in range(1, 11)} | {"ADONIS", "OFFRE_BAILLEURS"})
CHAMPS_COMPTE: Final = frozenset(
    {
        "identifiant",
        "nom",
        "prenom",
        "email",
        "cree_le",
        "fonction",
        "cloture_le",
        "derniere_connexion",
        "mot_de_passe_temporaire",
        "mot_de_passe_personnalise",
        "numero_instructeur",
        "code_bailleur",
        "diplome_etat",
        "mandats",
    }
)
OBLIGATOIRES_COMPTE: Final = frozenset({"identifiant", "nom", "prenom", "email", "cree_le"})
CHAMPS_GROUPE: Final = frozenset(
    {"code", "libelle", "service", "gestionnaire", "role", "membres", "parent"}
)
OBLIGATOIRES_GROUPE: Final = frozenset({"code", "libelle", "service", "gestionnaire"})


class Refus(ValueError):
    """Le plancher refuse le document (il s'arrête au premier défaut)."""


# --- le plancher -------------------------------------------------------------------------------


def _instant(valeur: object) -> datetime:
    if type(valeur) is not str:
        raise Refus("instant : un texte est attendu")
    lu = datetime.fromisoformat(valeur)
    if lu.tzinfo is None:
        raise Refus("instant sans fuseau")
    return lu


def _instant_ou_rien(valeur: object) -> datetime | None:
    return None if valeur is None else _instant(valeur)


def _texte_ou_rien(valeur: object) -> str | None:
    if valeur is None or type(valeur) is str:
        return valeur
    raise Refus("un texte ou null est attendu")


def _textes(valeur: object) -> tuple[str, ...]:
    if type(valeur) is not list or not all(type(x) is str for x in valeur):
        raise Refus("une liste de textes est attendue")
    return tuple(valeur)


def _compte(u: object) -> tuple[Any, ...]:
    if type(u) is not dict:
        raise Refus("un objet est attendu")
    cles = u.keys()
    if not (OBLIGATOIRES_COMPTE <= cles <= CHAMPS_COMPTE):
        raise Refus("champs manquants ou inconnus")
    ident, nom, prenom = u["identifiant"], u["nom"], u["prenom"]
    if type(ident) is not str or type(nom) is not str or type(prenom) is not str:
        raise Refus("identifiant, nom, prénom : des textes")
    fonction = u.get("fonction", "AUTRE")
    if type(fonction) is not str or fonction not in FONCTIONS:
        raise Refus("fonction inconnue")
    personnalise = u.get("mot_de_passe_personnalise", False)
    if type(personnalise) is not bool:
        raise Refus("mot_de_passe_personnalise : un booléen")
    return (
        ident,
        nom,
        prenom,
        valider_adresse(u["email"]),
        _instant(u["cree_le"]),
        fonction,
        _instant_ou_rien(u.get("cloture_le")),
        _instant_ou_rien(u.get("derniere_connexion")),
        _instant_ou_rien(u.get("mot_de_passe_temporaire")),
        personnalise,
        _texte_ou_rien(u.get("numero_instructeur")),
        _texte_ou_rien(u.get("code_bailleur")),
        _texte_ou_rien(u.get("diplome_etat")),
        _textes(u.get("mandats", [])),
    )


def _groupe(g: object, comptes: set[str]) -> tuple[Any, ...]:
    if type(g) is not dict:
        raise Refus("un objet est attendu")
    cles = g.keys()
    if not (OBLIGATOIRES_GROUPE <= cles <= CHAMPS_GROUPE):
        raise Refus("champs manquants ou inconnus")
    code, libelle, service, gestionnaire = g["code"], g["libelle"], g["service"], g["gestionnaire"]
    if type(code) is not str or type(libelle) is not str or type(gestionnaire) is not str:
        raise Refus("code, libellé, gestionnaire : des textes")
    if type(service) is not str or service not in SERVICES:
        raise Refus("service inconnu")
    role = g.get("role")
    if role is not None and (type(role) is not str or role not in ROLES):
        raise Refus("rôle inconnu")
    membres = _textes(g.get("membres", []))
    if gestionnaire not in comptes or not comptes.issuperset(membres):
        raise Refus("référence à un compte inconnu")
    return (code, libelle, service, gestionnaire, role, membres, _texte_ou_rien(g.get("parent")))


def plancher(texte: str) -> tuple[Any, ...]:
    """Le chargeur écrit à la main : voir la docstring du module pour ce qu'il vérifie."""
    d = json.loads(texte)
    if type(d) is not dict:
        raise Refus("un objet est attendu")
    comptes = [_compte(u) for u in d["utilisateurs"]]
    identifiants = {c[0] for c in comptes}
    if len(identifiants) != len(comptes):
        raise Refus("identifiant en double")
    groupes = [_groupe(g, identifiants) for g in d["groupes"]]
    administrateurs = _textes(d["administrateurs"])
    afas = d.get("afas") or {}
    nommes = [*administrateurs, *_textes(afas.get("fda", [])), *_textes(afas.get("fdf", []))]
    if not identifiants.issuperset(nommes):
        raise Refus("référence à un compte inconnu")
    services = _textes(d["services"])
    if not SERVICES.issuperset(services):
        raise Refus("service inconnu")
    return (d["numero"], d["organisme"], d["caf"], services, administrateurs, comptes, groupes)


# --- les mesures -------------------------------------------------------------------------------


def cpu_ns(f: Callable[[], object]) -> tuple[int, int]:
    """Le temps processeur d'un appel (après un ramasse-miettes complet), puis celui de la
    collecte des jeunes générations juste après (``gc.collect(1)``), le résultat encore
    vivant : ce qu'une lecture qui a suspendu le ramasse-miettes laisse à payer après elle
    (tout ce qu'elle a créé est encore dans la jeune génération)."""
    _domaine.cache_clear()
    gc.collect()
    debut = time.process_time_ns()
    resultat = f()
    duree = time.process_time_ns() - debut
    debut = time.process_time_ns()
    gc.collect(1)
    apres = time.process_time_ns() - debut
    del resultat
    return duree, apres


class _GcActif:
    """Se substitue au module ``gc`` de la bibliothèque : sa suspension est sans effet."""

    isenabled = staticmethod(gc.isenabled)
    enable = staticmethod(gc.enable)

    @staticmethod
    def disable() -> None:
        pass


def gc_actif(f: Callable[[], object]) -> Callable[[], object]:
    """``f`` sans la suspension du ramasse-miettes de la bibliothèque (un diagnostic)."""

    def g() -> object:
        ramasse_miettes.gc = _GcActif  # type: ignore[assignment]
        try:
            return f()
        finally:
            ramasse_miettes.gc = gc

    return g


def charge() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def etendue(valeurs: list[int]) -> str:
    return f"{min(valeurs) / 1e6:.1f}–{max(valeurs) / 1e6:.1f} ms"


def lectures(n: int) -> tuple[str, dict[str, Callable[[], object]]]:
    """Le texte de ``n`` comptes, et ses deux lectures (vérifiées complètes)."""
    texte = vers_json(convention_synthetique(n, graine=GRAINE))
    gc.collect()
    if depuis_json(texte, Convention).nombre_utilisateurs != n or len(plancher(texte)[5]) != n:
        raise SystemExit(f"{n} : lecture incomplète")
    return texte, {
        "mcp_rules": lambda: depuis_json(texte, Convention),
        "plancher": lambda: plancher(texte),
    }


def par_compte_de_reference(reference: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Le coût par compte des deux lectures de la référence (10 000 comptes), en ns : la
    médiane de trois, pour qu'un passage lent de la machine ne la fausse pas."""
    return {
        nom: statistics.median(cpu_ns(f)[0] for _ in range(REPETITIONS_REFERENCE)) / REFERENCE
        for nom, f in reference.items()
    }


def mesurer(
    n: int,
    tours: int,
    avec_gc_actif: bool,
    reference: dict[str, Callable[[], object]] | None = None,
) -> dict[str, Any]:
    """Les lectures de ``n`` comptes, ``tours`` fois ; avec ``reference`` (les lectures de
    10 000 comptes), chaque tour mesure aussi celles-ci juste avant et juste après, et
    l'échelle du tour est le coût par compte à ``n`` rapporté à leur moyenne."""
    texte, mesures = lectures(n)
    if avec_gc_actif:
        mesures["mcp_rules gc actif"] = gc_actif(mesures["mcp_rules"])
    charge_avant = charge()
    brut: dict[str, list[int]] = {nom: [] for nom in mesures}
    apres: dict[str, list[int]] = {nom: [] for nom in mesures}
    echelles: dict[str, list[float]] = {"mcp_rules": [], "plancher": []}
    for _ in range(tours):
        avant = par_compte_de_reference(reference) if reference is not None else None
        for nom, f in mesures.items():
            duree, collecte = cpu_ns(f)
            brut[nom].append(duree)
            apres[nom].append(collecte)
        if reference is not None and avant is not None:
            fin = par_compte_de_reference(reference)
            for nom, v in echelles.items():
                v.append(brut[nom][-1] / n / ((avant[nom] + fin[nom]) / 2))
    return {
        "echelle": {nom: statistics.median(v) for nom, v in echelles.items() if v},
        "n": n,
        "octets": len(texte.encode()),
        "brut": brut,
        "mediane": {nom: statistics.median(v) for nom, v in brut.items()},
        "collecte_apres": {nom: statistics.median(v) for nom, v in apres.items()},
        "charge": (charge_avant, charge()),
    }


def profiler(n: int) -> None:
    texte = vers_json(convention_synthetique(n, graine=GRAINE))
    _domaine.cache_clear()
    gc.collect()
    profil = cProfile.Profile()
    profil.runcall(depuis_json, texte, Convention)
    sortie = io.StringIO()
    stats = pstats.Stats(profil, stream=sortie).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    print(sortie.getvalue())


def principal(arguments: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--million", action="store_true", help="et 1 000 000 de comptes")
    parseur.add_argument("--tours", type=int, help="tours par taille (défaut : selon la taille)")
    parseur.add_argument(
        "--gc-actif", action="store_true", help="et la bibliothèque sans suspendre le gc"
    )
    parseur.add_argument("--profil", type=int, metavar="TAILLE", help="un profil cProfile")
    parseur.add_argument("--tailles", type=int, nargs="+", help="d'autres tailles")
    options = parseur.parse_args(arguments)
    print(f"Python {sys.version.split()[0]} ; charge au début : {charge()}")
    if options.profil:
        profiler(options.profil)
        return 0
    tailles = list(options.tailles or TAILLES) + ([MILLION] if options.million else [])
    resultats = []
    reference = lectures(REFERENCE)[1] if any(n > REFERENCE for n in tailles) else None
    for n in tailles:
        r = mesurer(
            n,
            options.tours or TOURS.get(n, 5),
            options.gc_actif,
            reference if n > REFERENCE else None,
        )
        resultats.append(r)
        m = r["mediane"]
        print(
            f"\n{n:>9_} comptes ({r['octets'] / 1e6:.1f} Mo, {len(r['brut']['mcp_rules'])} tours ;"
            f" charge {r['charge'][0]} → {r['charge'][1]})".replace("_", " ")
        )
        apres = r["collecte_apres"]
        for nom, valeur in m.items():
            print(
                f"  {nom:<18} {valeur / 1e6:10.1f} ms  ({etendue(r['brut'][nom])})"
                f"  {valeur / n / 1e3:6.2f} µs par compte ;"
                f" puis gc.collect(1) : {apres[nom] / 1e6:.1f} ms"
            )
        par_tour = statistics.median(
            a / b for a, b in zip(r["brut"]["mcp_rules"], r["brut"]["plancher"], strict=True)
        )
        print(
            f"  rapport mcp_rules / plancher : {m['mcp_rules'] / m['plancher']:.2f}"
            f" (médiane des rapports de chaque tour : {par_tour:.2f})"
        )
        avec = (m["mcp_rules"] + apres["mcp_rules"]) / (m["plancher"] + apres["plancher"])
        print(f"  rapport, collecte des jeunes générations juste après comprise : {avec:.2f}")
        if "mcp_rules gc actif" in m:
            gain = 1 - m["mcp_rules"] / m["mcp_rules gc actif"]
            gain_apres = 1 - (m["mcp_rules"] + apres["mcp_rules"]) / (
                m["mcp_rules gc actif"] + apres["mcp_rules gc actif"]
            )
            print(
                f"  gagné en suspendant le ramasse-miettes : {gain:.0%}"
                f" ({gain_apres:.0%} collecte juste après comprise)"
            )
    reference = next((r for r in resultats if r["n"] == 10_000), None)
    if reference is not None:
        par_compte_10k = reference["mediane"]["mcp_rules"] / 10_000
        print("\ncoût par compte rapporté à 10 000 comptes (mcp_rules ; plancher)")
        plancher_10k = reference["mediane"]["plancher"] / 10_000
        for r in resultats:
            n = r["n"]
            e = r["echelle"]
            dans_le_tour = (
                f" (dans chaque tour, contre 10 000 comptes lus juste avant et juste après :"
                f" {e['mcp_rules']:.2f} ; {e['plancher']:.2f})"
                if e
                else ""
            )
            print(
                f"  {n:>9_} : {r['mediane']['mcp_rules'] / n / par_compte_10k:.2f} ;"
                f" {r['mediane']['plancher'] / n / plancher_10k:.2f}".replace("_", " ")
                + dans_le_tour
            )
    print(f"\ncharge à la fin : {charge()}")
    return 0


if __name__ == "__main__":
    sys.exit(principal())
