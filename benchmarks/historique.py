"""L'histoire des habilitations et la revue, selon la taille : ``python benchmarks/historique.py``.

Pour chaque taille (1 000, 10 000, 100 000 comptes ; 1 000 000 avec ``--million``), part de
``convention_synthetique(n)`` et lui donne un **journal plausible et cohérent** de
``--par-compte`` événements par compte (10 par défaut : 1 000 000 d'événements à 100 000
comptes), écrit directement en objets événements (passer par les commandes serait trop
lent à cette taille) et dont l'effet net laisse l'état présent inchangé : des allers-retours
d'adhésion (un membre retiré puis remis, un non-membre ajouté puis retiré), des clôtures
suivies d'une réactivation (la date parfois atteinte entre les deux), des modifications de
champs que l'éligibilité ne lit pas (``nom``, ``email``), des rôles de groupe retirés puis
rendus, et la clôture réelle de chaque compte clôturé (avant sa date). Le journal couvre
l'année qui précède ``INSTANT_REFERENCE`` ; chaque compte existe avant lui. L'histoire
construite doit n'y voir **aucune incohérence** (sortie en erreur sinon).

Mesure en **temps CPU du processus** (``time.process_time_ns``), ramasse-miettes actif
(un ramasse-miettes complet avant chaque mesure) :

- ``historique(c)`` : l'index construit une fois sur le journal (l'index de la convention,
  lui, est déjà construit) ;
- ``qui_avait_acces(instant=X)`` pour cinq instants répartis dans le journal, chacun
  plusieurs fois (médiane, quartiles, min–max) ;
- ``qui_avait_acces(du=, au=)`` sur une journée au milieu du journal ;
- ``acces_cdap(ident, instant=)`` (contre le plancher, même compte, même instant) et
  ``periodes(ident, "CDAP")``, appel par appel, sur un échantillon de comptes et d'instants
  (médiane, quartiles, 99e centile ; le coût d'une lecture de l'horloge, imprimé, n'est pas
  soustrait) ;
- ``revue(c, instant=)`` sur la convention d'aujourd'hui (index construit, réponses
  gardées vidées avant chaque tour), son coût par compte (la linéarité : ce coût ne doit
  pas croître avec la taille), et en diagnostic le même ramasse-miettes arrêté (sa part
  dans la mesure : ses collections complètes parcourent tout le tas, qui grandit avec la
  convention) ; puis ``conclure_revue`` sur 1 % des comptes répondus CLORE par leur premier
  relecteur.

Les **planchers** font, en Python simple et sans explication, le travail essentiel sur des
tables préparées d'avance : pour « qui avait accès », un passage sur le journal range les
instants et valeurs de chaque adhésion, rôle de groupe et date de clôture en listes triées
(le plancher de la construction), puis chaque question parcourt les membres (présents et
passés) des groupes CDAP et lit chaque donnée par ``bisect`` ; pour la revue, un passage
sur les comptes lisant les champs que la revue lit (clôture, connexion, mot de passe,
groupes et rôles, gestionnaires, administrateurs). Les planchers sont aussi des
vérifications : à chaque instant mesuré, les comptes, profils et groupes établis par
l'histoire doivent être ceux du plancher, sans aucun accès incertain ; les comptes,
relecteurs, profils et codes des motifs de la revue aussi (sortie en erreur sinon).

Imprime, par taille : chaque mesure (médiane, écart), son plancher et le rapport des deux ;
la charge de la machine au début et à la fin ; les objectifs du ticket (« qui avait accès à
l'instant X » en moins d'une seconde CPU à 100 000 comptes et 1 000 000 d'événements ; une
revue linéaire : coût par compte à la plus grande taille ≤ 1,3 × celui à 10 000) et leur
verdict.

    python benchmarks/historique.py [--million] [--tours 3] [--par-compte 10]
                                    [--tailles N …] [--json FICHIER]
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
from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from operator import attrgetter
from pathlib import Path
from typing import Any, Final

import attrs

from mcp_rules import (
    CAF,
    Avis,
    Convention,
    Fonction,
    Groupe,
    ProfilT,
    ReponseRevue,
    Revue,
    RoleApplicatif,
    Service,
    Utilisateur,
    conclure_revue,
    historique,
    revue,
)
from mcp_rules.generateur import INSTANT_REFERENCE, convention_synthetique
from mcp_rules.modele import GROUPE_AFAS_DECLARER
from mcp_rules.modele.evenements import (
    CompteCloture,
    CompteModifie,
    CompteReactive,
    Evenement,
    MembreAjoute,
    MembreRetire,
    RoleAffecte,
    RoleRetire,
)
from mcp_rules.modele.index import ancetres, index

GRAINE: Final = 2026
T: Final = INSTANT_REFERENCE
DEBUT: Final = T - timedelta(days=365)
"""Le premier instant du journal : chaque compte synthétique est créé avant lui."""
FENETRE: Final = int((T - DEBUT).total_seconds())
INSTANTS_X: Final = 5
ECHANTILLON_APPELS: Final = 2_000
ECHANTILLON_PERIODES: Final = 300


# --- le journal plausible ----------------------------------------------------------------------


def _a(s: int) -> datetime:
    return DEBUT + timedelta(seconds=s)


def _groupes_cdap(c: Convention) -> list[Groupe]:
    return [g for g in c.groupes if g.service is Service.CDAP]


def _roles(alea: random.Random, c: Convention) -> list[Evenement]:
    """Deux allers-retours de rôle par groupe CDAP : retiré puis rendu (un groupe sans rôle :
    un rôle donné puis retiré)."""
    admin = min(c.administrateurs)
    evenements: list[Evenement] = []
    for g in _groupes_cdap(c):
        t = sorted(alea.sample(range(FENETRE), 4))
        for t1, t2 in ((t[0], t[1]), (t[2], t[3])):
            if isinstance(g.role, ProfilT):
                evenements.append(
                    RoleRetire(instant=_a(t1), par=admin, groupe=g.code, profil=g.role)
                )
                evenements.append(
                    RoleAffecte(instant=_a(t2), par=admin, groupe=g.code, profil=g.role)
                )
            else:
                p = ProfilT.T3
                evenements.append(RoleAffecte(instant=_a(t1), par=admin, groupe=g.code, profil=p))
                evenements.append(RoleRetire(instant=_a(t2), par=admin, groupe=g.code, profil=p))
    return evenements


def _place(u: Utilisateur) -> int:
    """La fin (en secondes depuis ``DEBUT``) de ce que le journal peut dire de ce compte : sa
    clôture passée, ou la fin du journal."""
    if u.cloture_le is None or u.cloture_le > T:
        return FENETRE
    return max(0, int((u.cloture_le - DEBUT).total_seconds()))


def _aller_retour(
    alea: random.Random,
    c: Convention,
    u: Utilisateur,
    siens: list[Groupe],
    autres: list[Groupe],
    t1: int,
    t2: int,
) -> tuple[Evenement, Evenement]:
    """Deux événements sur ce compte dont l'effet net est nul."""
    ident = u.identifiant
    par = siens[0].gestionnaire if siens else min(c.administrateurs)
    r = alea.random()
    if r < 0.35 and siens:
        g = alea.choice(siens)
        return (
            MembreRetire(instant=_a(t1), par=g.gestionnaire, groupe=g.code, utilisateur=ident),
            MembreAjoute(instant=_a(t2), par=g.gestionnaire, groupe=g.code, utilisateur=ident),
        )
    if r < 0.60:
        g = alea.choice(autres)
        while g in siens:
            g = alea.choice(autres)
        return (
            MembreAjoute(instant=_a(t1), par=g.gestionnaire, groupe=g.code, utilisateur=ident),
            MembreRetire(instant=_a(t2), par=g.gestionnaire, groupe=g.code, utilisateur=ident),
        )
    if r < 0.70:
        # La date de clôture tombe entre les deux (le compte a été clos un temps) ou après.
        le = _a(t1 + alea.randrange(1, 2 * (t2 - t1) + 1))
        return (
            CompteCloture(instant=_a(t1), par=par, utilisateur=ident, le=le),
            CompteReactive(instant=_a(t2), par=par, utilisateur=ident),
        )
    return (
        CompteModifie(instant=_a(t1), par=par, utilisateur=ident, champs=("nom",)),
        CompteModifie(instant=_a(t2), par=par, utilisateur=ident, champs=("email",)),
    )


def journal_plausible(c: Convention, par_compte: int, graine: int = GRAINE) -> list[Evenement]:
    """``par_compte × n`` événements cohérents avec l'état présent de ``c``, dans l'ordre."""
    alea = random.Random(graine)
    idx = index(c)
    cdap = _groupes_cdap(c)
    evenements = _roles(alea, c)
    comptes = list(c.utilisateurs)
    clotures = sum(1 for u in comptes if u.cloture_le is not None and _place(u) > 0)
    reste = par_compte * len(comptes) - len(evenements) - clotures
    places = [u for u in comptes if _place(u) > 4 * par_compte]
    base, plus = divmod(reste // 2, len(places))
    en_plus = set(alea.sample(range(len(places)), plus))
    for i, u in enumerate(places):
        paires = base + (i in en_plus)
        clos = u.cloture_le is not None
        t = sorted(alea.sample(range(_place(u)), 2 * paires + clos))
        siens = [c._groupes[gk] for gk in idx.groupes_de(u.cle)]
        siens = [g for g in siens if g.service is Service.CDAP]
        for j in range(paires):
            evenements.extend(_aller_retour(alea, c, u, siens, cdap, t[2 * j], t[2 * j + 1]))
        if u.cloture_le is not None:
            par = siens[0].gestionnaire if siens else min(c.administrateurs)
            evenements.append(
                CompteCloture(
                    instant=_a(t[-1]), par=par, utilisateur=u.identifiant, le=u.cloture_le
                )
            )
    for u in comptes:  # les comptes clôturés avant le journal n'ont pas de place
        if u.cloture_le is not None and 0 < _place(u) <= 4 * par_compte:
            s = alea.randrange(_place(u))
            evenements.append(
                CompteCloture(instant=_a(s), par=CAF, utilisateur=u.identifiant, le=u.cloture_le)
            )
    if reste % 2:
        u = places[0]
        evenements.append(
            CompteModifie(instant=_a(0), par=CAF, utilisateur=u.identifiant, champs=("prenom",))
        )
    evenements.sort(key=attrgetter("instant"))
    return evenements


# --- les planchers -----------------------------------------------------------------------------

_EXIGEES: Final[dict[ProfilT, frozenset[Fonction]]] = {
    ProfilT.T1: frozenset({Fonction.ASSISTANT_SOCIAL, Fonction.CONSEILLER_ESF}),
    ProfilT.T4: frozenset({Fonction.INSTRUCTEUR_RSA}),
    ProfilT.T9: frozenset({Fonction.MANDATAIRE_JUDICIAIRE, Fonction.TUTEUR, Fonction.CURATEUR}),
}
_CONDITIONS: Final = {
    ProfilT.T1: "MCP-ELIG-01",
    ProfilT.T4: "MCP-ELIG-04",
    ProfilT.T9: "MCP-ELIG-05",
    ProfilT.T10: "MCP-ELIG-06",
}


def _eligible(u: Utilisateur, profil: ProfilT) -> bool:
    """ELIG-01 à ELIG-05 sans politique, sans rien expliquer."""
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return False
    exigees = _EXIGEES.get(profil)
    if exigees is not None and u.fonction not in exigees:
        return False
    return profil is not ProfilT.T4 or u.numero_instructeur is not None


_Ligne = tuple[list[datetime], list[Any], Any]
"""Les instants d'une donnée, ses valeurs posées, sa valeur d'avant le journal."""


def _valeur(ligne: _Ligne | None, t: datetime, actuelle: Any) -> Any:
    if ligne is None:
        return actuelle
    i = bisect_right(ligne[0], t)
    return ligne[1][i - 1] if i else ligne[2]


class PlancherHistoire:
    """« Qui avait accès » en Python simple : le journal rangé une fois en listes triées par
    donnée (adhésion, rôle de groupe, date de clôture), puis, à chaque question, les membres
    présents et passés de chaque groupe CDAP lus par ``bisect``, sans explication."""

    def __init__(self, c: Convention, journal: Sequence[Evenement]) -> None:
        adhesions: dict[tuple[str, str], tuple[list[datetime], list[Any]]] = {}
        roles: dict[str, tuple[list[datetime], list[Any]]] = {}
        clotures: dict[str, tuple[list[datetime], list[Any]]] = {}
        avant_roles: dict[str, Any] = {}
        passes: dict[str, set[str]] = {}
        for e in journal:
            ty = type(e)
            if ty is MembreAjoute or ty is MembreRetire:
                k, gk = e.utilisateur.lower(), e.groupe.lower()  # type: ignore[attr-defined]
                ligne = adhesions.setdefault((k, gk), ([], []))
                ligne[0].append(e.instant)
                ligne[1].append(ty is MembreAjoute)
                passes.setdefault(gk, set()).add(k)
            elif ty is RoleAffecte or ty is RoleRetire:
                gk = e.groupe.lower()  # type: ignore[attr-defined]
                ligne = roles.setdefault(gk, ([], []))
                if not ligne[0]:
                    avant_roles[gk] = e.profil if ty is RoleRetire else None  # type: ignore[attr-defined]
                ligne[0].append(e.instant)
                ligne[1].append(e.profil if ty is RoleAffecte else None)  # type: ignore[attr-defined]
            elif ty is CompteCloture or ty is CompteReactive:
                ligne = clotures.setdefault(e.utilisateur.lower(), ([], []))  # type: ignore[attr-defined]
                ligne[0].append(e.instant)
                ligne[1].append(e.le if ty is CompteCloture else None)  # type: ignore[attr-defined]
        self.adhesions: dict[tuple[str, str], _Ligne] = {
            kg: (i, v, not v[0]) for kg, (i, v) in adhesions.items()
        }
        self.roles: dict[str, _Ligne] = {
            gk: (i, v, avant_roles[gk]) for gk, (i, v) in roles.items()
        }
        self.clotures: dict[str, _Ligne] = {k: (i, v, None) for k, (i, v) in clotures.items()}
        self.comptes: dict[str, Utilisateur] = {u.identifiant.lower(): u for u in c.utilisateurs}
        self.contrat = c.profils_contractuels if Service.CDAP in c.services else frozenset()
        self.groupes: list[tuple[str, str, Any, frozenset[str], list[str]]] = []
        self.groupes_de: dict[str, list[tuple[str, str, Any, frozenset[str]]]] = {}
        for g in c.groupes:
            if g.service is not Service.CDAP:
                continue
            gk = g.code.lower()
            actuels = frozenset(m.lower() for m in g.membres)
            candidats = sorted(actuels | passes.get(gk, set()))
            self.groupes.append((gk, g.code, g.role, actuels, candidats))
            for k in candidats:
                self.groupes_de.setdefault(k, []).append((gk, g.code, g.role, actuels))

    def _tient(self, u: Utilisateur, k: str, t: datetime) -> bool:
        if t < u.cree_le:
            return False
        le = _valeur(self.clotures.get(k), t, u.cloture_le)
        return le is None or t < le

    def qui(self, t: datetime) -> dict[str, set[tuple[str, ProfilT]]]:
        """Chaque compte qui avait accès à ``t`` : ses (groupe, profil)."""
        trouves: dict[str, set[tuple[str, ProfilT]]] = {}
        adhesions, comptes, contrat = self.adhesions, self.comptes, self.contrat
        for gk, code, role_actuel, actuels, candidats in self.groupes:
            role = _valeur(self.roles.get(gk), t, role_actuel)
            if role is None or role not in contrat:
                continue
            for k in candidats:
                ligne = adhesions.get((k, gk))
                if not (k in actuels if ligne is None else _valeur(ligne, t, None)):
                    continue
                u = comptes[k]
                if self._tient(u, k, t) and _eligible(u, role):
                    trouves.setdefault(u.identifiant, set()).add((code, role))
        return trouves

    def acces(self, identifiant: str, t: datetime) -> set[tuple[str, ProfilT]]:
        """Les (groupe, profil) de ce compte à ``t``."""
        k = identifiant.lower()
        u = self.comptes[k]
        trouves: set[tuple[str, ProfilT]] = set()
        if not self._tient(u, k, t):
            return trouves
        for gk, code, role_actuel, actuels in self.groupes_de.get(k, ()):
            role = _valeur(self.roles.get(gk), t, role_actuel)
            if role is None or role not in self.contrat:
                continue
            ligne = self.adhesions.get((k, gk))
            if (k in actuels if ligne is None else _valeur(ligne, t, None)) and _eligible(u, role):
                trouves.add((code, role))
        return trouves


class PlancherRevue:
    """La revue en Python simple : des tables préparées une fois (groupes de chaque compte,
    gestionnaires qui en répondent, administrateurs, titulaires AFAS), puis un passage sur
    les comptes qui lit les champs que la revue lit et rend une ligne (identifiant,
    relecteurs, profils, services, codes des motifs), sans explication."""

    def __init__(self, c: Convention, limite: datetime) -> None:
        self.limite = limite
        self.comptes = c.utilisateurs
        self.contrat = c.profils_contractuels if Service.CDAP in c.services else frozenset()
        self.deleguee = c.gestion_deleguee
        self.admins = sorted(a.lower() for a in c.administrateurs)
        self.par_cle = {u.identifiant.lower(): u for u in self.comptes}
        afas = c.afas
        titulaires = {x.lower() for x in (*afas.fda, *afas.fdf)}
        if afas.approbateur is not None:
            titulaires.add(afas.approbateur.lower())
        self.groupes_de: dict[str, list[tuple[Service | None, Any, str]]] = {}
        self.repondants: dict[str, set[str]] = {}
        self.geres: set[str] = set()
        for g in c.groupes:
            self.geres.add(g.gestionnaire.lower())
            chefs = {g.gestionnaire.lower()} | {a.gestionnaire.lower() for a in ancetres(c, g)}
            declarer = g.service is Service.AFAS and g.code == GROUPE_AFAS_DECLARER
            for m in g.membres:
                k = m.lower()
                service: Service | None = g.service if g.service in c.services else None
                if g.service is Service.AFAS and not (declarer and k in titulaires):
                    service = None  # l'AFAS d'un titulaire d'un rôle AFAS, membre déclarant
                self.groupes_de.setdefault(k, []).append((service, g.role, g.code))
                # Un gestionnaire ne répond que d'un compte dont il gère chaque groupe (ou un
                # de ses ancêtres) : l'intersection, groupe après groupe ; AFAS-DECLARER
                # ne donne de droit sur le compte à personne (interprétation 24).
                if declarer:
                    continue
                deja = self.repondants.get(k)
                self.repondants[k] = chefs if deja is None else deja & chefs

    def _ouvert(self, k: str, t: datetime) -> bool:
        u = self.par_cle[k]
        return u.cloture_le is None or t < u.cloture_le

    def revue(self, t: datetime) -> list[tuple[str, tuple[str, ...], tuple[ProfilT, ...], Any]]:
        lignes = []
        admins = [a for a in self.admins if self._ouvert(a, t)]
        for u in self.comptes:
            if u.cloture_le is not None and t >= u.cloture_le:
                continue
            k = u.identifiant.lower()
            profils: set[ProfilT] = set()
            services: set[Service] = set()
            for service, role, _ in self.groupes_de.get(k, ()):
                if service is Service.CDAP:
                    if role is not None and role in self.contrat and _eligible(u, role):
                        profils.add(role)
                        services.add(service)
                elif service is Service.AFAS or (
                    service is not None and role is RoleApplicatif.du_service(service)
                ):
                    services.add(service)
            gere, admin = k in self.geres, k in self.admins
            relecteurs: list[str] = []
            if not gere and not admin and self.deleguee:
                relecteurs = [
                    self.par_cle[m].identifiant
                    for m in sorted(self.repondants.get(k, ()))
                    if m != k and m not in self.admins and self._ouvert(m, t)
                ]
            if not relecteurs and self.deleguee:
                relecteurs = [self.par_cle[a].identifiant for a in admins if a != k]
            motifs = []
            if (u.derniere_connexion or u.cree_le) < self.limite:
                motifs.append("MCP-USR-04")
            if not u.mot_de_passe_personnalise and u.mot_de_passe_temporaire is not None:
                motifs.append("MCP-MDP-03")
            ordre = tuple(sorted(profils, key=attrgetter("rang")))
            motifs.extend(_CONDITIONS[p] for p in ordre if p in _CONDITIONS)
            if gere:
                motifs.append("MCP-GRP-08")
            if admin:
                motifs.append("MCP-CONV-02")
            if len(ordre) > 1:
                motifs.append("MCP-USR-07")
            if not services and not gere and not admin:
                motifs.append("MCP-USR-06")
            lignes.append((u.identifiant, tuple(relecteurs) or ("Caf",), ordre, tuple(motifs)))
        return lignes


# --- les mesures -------------------------------------------------------------------------------


def _cpu_s(f: Callable[[], Any], *, ramasse: bool = True) -> tuple[float, Any]:
    """Le temps CPU de ``f()`` en secondes (après un ramasse-miettes complet), et son résultat ;
    ``ramasse=False`` (diagnostic) : le ramasse-miettes arrêté pendant la mesure."""
    gc.collect()
    if not ramasse:
        gc.disable()
    try:
        debut = time.process_time_ns()
        r = f()
        return (time.process_time_ns() - debut) / 1e9, r
    finally:
        gc.enable()


def _resume(valeurs: list[float]) -> dict[str, Any]:
    """Médiane, quartiles, 99e centile, min–max, et les valeurs brutes."""
    q = (
        statistics.quantiles(valeurs, n=100, method="inclusive")
        if len(valeurs) > 1
        else valeurs * 99
    )
    return {
        "mediane": statistics.median(valeurs),
        "q1": q[24],
        "q3": q[74],
        "p99": q[98],
        "min": min(valeurs),
        "max": max(valeurs),
        "brut": valeurs,
    }


def _desaccord(quoi: str, n: int, detail: object) -> None:
    print(f"DÉSACCORD à {n:,} comptes : {quoi} — {detail!r}"[:2000], flush=True)
    sys.exit(1)


def _preparer(n: int, par_compte: int) -> tuple[Convention, float]:
    c0 = convention_synthetique(n, graine=GRAINE)
    debut = time.process_time_ns()
    evenements = journal_plausible(c0, par_compte)
    ecrire_s = (time.process_time_ns() - debut) / 1e9
    c = attrs.evolve(c0, journal=evenements)
    index(c)
    return c, ecrire_s


def _mesurer_construction(
    c: Convention, tours: int
) -> tuple[Any, PlancherHistoire, dict[str, Any]]:
    lib: list[float] = []
    plancher: list[float] = []
    h: Any = None
    pl: Any = None
    for _ in range(tours):
        h = pl = None
        s, h = _cpu_s(lambda: historique(c))
        lib.append(s)
        s, pl = _cpu_s(lambda: PlancherHistoire(c, c.journal))
        plancher.append(s)
    return h, pl, {"lib_s": _resume(lib), "plancher_s": _resume(plancher)}


def _mesurer_qui(
    n: int, h: Any, pl: PlancherHistoire, tours: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``qui_avait_acces(instant=X)`` à cinq instants, contre le plancher ; puis sur un jour."""
    instants = [_a(FENETRE * (i + 1) // (INSTANTS_X + 1)) for i in range(INSTANTS_X)]
    lib: dict[str, list[float]] = {x.isoformat(): [] for x in instants}
    plancher: dict[str, list[float]] = {x.isoformat(): [] for x in instants}
    comptes: dict[str, int] = {}
    for tour in range(tours):
        for x in instants:
            s, r = _cpu_s(lambda: h.qui_avait_acces(instant=x))  # noqa: B023
            lib[x.isoformat()].append(s)
            s, p = _cpu_s(lambda: pl.qui(x))  # noqa: B023
            plancher[x.isoformat()].append(s)
            if tour == 0:
                _verifier_qui(n, x, r, p)
                comptes[x.isoformat()] = len(r.comptes)
            del r, p
    tous_lib = [v for vs in lib.values() for v in vs]
    tous_pl = [v for vs in plancher.values() for v in vs]
    pire = max(statistics.median(v) for v in lib.values())
    du = _a(FENETRE // 2)
    au = du + timedelta(days=1)
    jour = [_cpu_s(lambda: h.qui_avait_acces(du=du, au=au))[0] for _ in range(tours)]
    return (
        {
            "lib_s": _resume(tous_lib),
            "plancher_s": _resume(tous_pl),
            "pire_mediane_par_instant_s": pire,
            "par_instant_s": {k: statistics.median(v) for k, v in lib.items()},
            "comptes_avec_acces": comptes,
        },
        {"du": du.isoformat(), "au": au.isoformat(), "lib_s": _resume(jour)},
    )


def _verifier_qui(n: int, x: datetime, r: Any, p: dict[str, set[tuple[str, ProfilT]]]) -> None:
    if r.incertains:
        _desaccord(f"des accès incertains à {x.isoformat()}", n, r.incertains[:3])
    vus = {a.identifiant: set(a.groupes) for a in r.comptes}
    if vus != p:
        ecarts = sorted(set(vus) ^ set(p)) or [i for i in vus if vus[i] != p[i]]
        _desaccord(f"qui avait accès à {x.isoformat()}", n, ecarts[:5])


def _mesurer_appels(n: int, c: Convention, h: Any, pl: PlancherHistoire) -> dict[str, Any]:
    """``acces_cdap`` et ``periodes`` appel par appel, ``acces_cdap`` contre le plancher."""
    alea = random.Random(GRAINE + n)
    ids = [u.identifiant for u in c.utilisateurs]
    appels = [(alea.choice(ids), _a(alea.randrange(FENETRE))) for _ in range(ECHANTILLON_APPELS)]
    lib: list[float] = []
    plancher: list[float] = []
    gc.collect()
    for ident, t in appels:
        debut = time.process_time_ns()
        a = h.acces_cdap(ident, instant=t)
        milieu = time.process_time_ns()
        p = pl.acces(ident, t)
        fin = time.process_time_ns()
        lib.append((milieu - debut) / 1e3)
        plancher.append((fin - milieu) / 1e3)
        if set(a.groupes) != p or not a.certain:
            _desaccord("acces_cdap passé", n, (ident, t, a, p))
    periodes: list[float] = []
    gc.collect()
    for ident in alea.sample(ids, min(len(ids), ECHANTILLON_PERIODES)):
        debut = time.process_time_ns()
        h.periodes(ident, "CDAP")
        periodes.append((time.process_time_ns() - debut) / 1e3)
    return {
        "acces_cdap_us": _resume(lib),
        "acces_cdap_plancher_us": _resume(plancher),
        "periodes_us": _resume(periodes),
    }


def _lignes_revue(r: Revue) -> list[tuple[str, tuple[str, ...], tuple[ProfilT, ...], Any]]:
    return [
        (
            a.identifiant,
            tuple(x if isinstance(x, str) else "Caf" for x in a.relecteurs),
            a.profils,
            tuple(m.code for m in a.motifs),
        )
        for a in r.comptes
    ]


def _vider_reponses(c: Convention) -> None:
    """Les réponses gardées par la convention (accès, explications) oubliées ; ses tables
    (index, comptes et groupes triés) restent."""
    for k in list(c._cache):
        if k not in ("index", "utilisateurs", "groupes"):
            del c._cache[k]


def _plancher_revue(c: Convention) -> tuple[float, Any]:
    """Le plancher de la revue mesuré sur ses tables, préparées d'avance (hors mesure)."""
    pl = PlancherRevue(c, T - timedelta(days=90))
    return _cpu_s(lambda: pl.revue(T))


def _mesurer_revue(n: int, c: Convention, tours: int) -> dict[str, Any]:
    """La revue, puis son plancher, dont les tables ne vivent que le temps de sa mesure (elles
    grossiraient le tas que parcourt le ramasse-miettes pendant la revue)."""
    lib: list[float] = []
    sans_ramasse: list[float] = []
    plancher: list[float] = []
    r: Any = None
    for tour in range(tours):
        r = None
        _vider_reponses(c)
        sans_ramasse.append(_cpu_s(lambda: revue(c, instant=T), ramasse=False)[0])
        _vider_reponses(c)
        s, r = _cpu_s(lambda: revue(c, instant=T))
        lib.append(s)
        s, p = _plancher_revue(c)
        plancher.append(s)
        if tour == 0 and _lignes_revue(r) != p:
            vus = _lignes_revue(r)
            ecarts = [(a, b) for a, b in zip(vus, p, strict=False) if a != b]
            _desaccord("la revue", n, (len(vus), len(p), ecarts[:3]))
        del p
    alea = random.Random(GRAINE + 2 * n)
    choisis = alea.sample(list(r.comptes), max(1, len(r.comptes) // 100))
    reponses = [
        ReponseRevue(relecteur=a.relecteurs[0], identifiant=a.identifiant, avis=Avis.CLORE)
        for a in choisis
    ]
    conclure: list[float] = []
    for _ in range(tours):
        s, conclusion = _cpu_s(lambda: conclure_revue(c, r, reponses, instant=T))
        conclure.append(s)
    ouverts = len(r.comptes)
    med = statistics.median(lib)
    return {
        "comptes_revus": ouverts,
        "lib_s": _resume(lib),
        "plancher_s": _resume(plancher),
        "par_compte_us": med / ouverts * 1e6,
        "sans_ramasse_miettes_s": _resume(sans_ramasse),
        "sans_ramasse_miettes_par_compte_us": statistics.median(sans_ramasse) / ouverts * 1e6,
        "plancher_par_compte_us": statistics.median(plancher) / ouverts * 1e6,
        "conclure": {
            "reponses": len(reponses),
            "clotures": len(conclusion.commandes),
            "refus": len(conclusion.refus),
            "lib_s": _resume(conclure),
        },
    }


def mesurer(n: int, tours: int, par_compte: int) -> dict[str, Any]:
    c, ecrire_s = _preparer(n, par_compte)
    h, pl, construction = _mesurer_construction(c, tours)
    if h.incoherences:
        _desaccord("le journal synthétique contredit l'état présent", n, h.incoherences[:5])
    qui, intervalle = _mesurer_qui(n, h, pl, tours)
    appels = _mesurer_appels(n, c, h, pl)
    del h, pl
    return {
        "comptes": n,
        "evenements": len(c.journal),
        "ecrire_journal_s": ecrire_s,
        "historique": construction,
        "qui_avait_acces": qui,
        "qui_avait_acces_un_jour": intervalle,
        **appels,
        "revue": _mesurer_revue(n, c, tours),
    }


# --- le tableau --------------------------------------------------------------------------------


def _ligne(nom: str, m: dict[str, Any], unite: str, echelle: float, plancher: Any = None) -> str:
    texte = (
        f"    {nom:<34} {m['mediane'] * echelle:9.2f} {unite} CPU "
        f"(q1 {m['q1'] * echelle:.2f}, q3 {m['q3'] * echelle:.2f} ; "
        f"{m['min'] * echelle:.2f}–{m['max'] * echelle:.2f})"
    )
    if plancher is not None:
        texte += (
            f" ; plancher {plancher['mediane'] * echelle:.2f} {unite} → "
            f"× {m['mediane'] / plancher['mediane']:.1f}"
        )
    return texte


def imprimer(r: dict[str, Any]) -> None:
    print(
        f"{r['comptes']:>9,} comptes, {r['evenements']:,} événements "
        f"(journal écrit en {r['ecrire_journal_s']:.1f} s)",
        flush=True,
    )
    h, q, j = r["historique"], r["qui_avait_acces"], r["qui_avait_acces_un_jour"]
    print(_ligne("historique(c)", h["lib_s"], "s ", 1, h["plancher_s"]))
    print(_ligne("qui_avait_acces(instant=X)", q["lib_s"], "s ", 1, q["plancher_s"]))
    print(
        f"        pire médiane par instant {q['pire_mediane_par_instant_s']:.3f} s ; comptes avec "
        f"accès : {', '.join(f'{v:,}' for v in q['comptes_avec_acces'].values())}"
    )
    print(_ligne("qui_avait_acces(du, au), un jour", j["lib_s"], "s ", 1))
    print(
        _ligne(
            "acces_cdap(ident, instant=)", r["acces_cdap_us"], "µs", 1, r["acces_cdap_plancher_us"]
        )
    )
    print(f"        99e centile {r['acces_cdap_us']['p99']:.1f} µs")
    print(_ligne("periodes(ident, 'CDAP')", r["periodes_us"], "µs", 1))
    v = r["revue"]
    print(
        _ligne(f"revue(c) ({v['comptes_revus']:,} comptes)", v["lib_s"], "s ", 1, v["plancher_s"])
    )
    print(
        f"        par compte {v['par_compte_us']:.2f} µs ; plancher "
        f"{v['plancher_par_compte_us']:.2f} µs ; ramasse-miettes arrêté (diagnostic) "
        f"{v['sans_ramasse_miettes_par_compte_us']:.2f} µs"
    )
    k = v["conclure"]
    print(
        _ligne(f"conclure_revue ({k['reponses']:,} CLORE)", k["lib_s"], "ms", 1e3)
        + f" ; {k['clotures']:,} clôtures, {k['refus']:,} refus",
        flush=True,
    )


def objectifs(resultats: list[dict[str, Any]]) -> list[str]:
    lignes = ["objectifs :"]
    cible = next((r for r in resultats if r["comptes"] == 100_000), None)
    if cible is not None:
        pire = cible["qui_avait_acces"]["pire_mediane_par_instant_s"]
        lignes.append(
            f"    qui_avait_acces(instant=X) ≤ 1 s CPU à 100 000 comptes "
            f"({cible['evenements']:,} événements) : pire médiane {pire:.3f} s → "
            f"{'atteint' if pire <= 1 else 'manqué'}"
        )
    else:
        lignes.append("    qui_avait_acces(instant=X) ≤ 1 s à 100 000 comptes : non évalué")
    base = next((r for r in resultats if r["comptes"] == 10_000), None)
    if base is not None and resultats[-1]["comptes"] > 10_000:
        dernier = resultats[-1]
        rapport = dernier["revue"]["par_compte_us"] / base["revue"]["par_compte_us"]
        sans = (
            dernier["revue"]["sans_ramasse_miettes_par_compte_us"]
            / base["revue"]["sans_ramasse_miettes_par_compte_us"]
        )
        lignes.append(
            f"    revue linéaire : coût par compte à {dernier['comptes']:,} / à 10 000 = "
            f"× {rapport:.2f} (≤ 1,3) → {'atteint' if rapport <= 1.3 else 'manqué'} ; "
            f"ramasse-miettes arrêté (diagnostic) × {sans:.2f}"
        )
    else:
        lignes.append("    revue linéaire : non évaluée (il faut 10 000 comptes et plus)")
    suite = []
    for avant, r in zip([None, *resultats], resultats, strict=False):
        v = r["revue"]
        texte = (
            f"{r['comptes']:,} : {v['par_compte_us']:.1f} µs "
            f"(sans ramasse-miettes {v['sans_ramasse_miettes_par_compte_us']:.1f})"
        )
        if avant is not None:
            texte += f" × {v['par_compte_us'] / avant['revue']['par_compte_us']:.2f}"
        suite.append(texte)
    lignes.append("    revue, coût par compte (× la taille précédente) : " + " ; ".join(suite))
    return lignes


def _surcout_horloge_ns() -> float:
    debut = time.process_time_ns()
    for _ in range(10_000):
        time.process_time_ns()
    return (time.process_time_ns() - debut) / 10_000


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    analyseur.add_argument("--million", action="store_true", help="mesurer aussi 1 000 000")
    analyseur.add_argument("--tours", type=int, default=3)
    analyseur.add_argument("--par-compte", type=int, default=10, help="événements par compte")
    analyseur.add_argument("--tailles", type=int, nargs="+", help="remplace 1k, 10k, 100k")
    analyseur.add_argument("--json", type=Path)
    args = analyseur.parse_args()
    tailles = args.tailles or [1_000, 10_000, 100_000]
    if args.million:
        tailles.append(1_000_000)
    charge_debut = os.getloadavg()
    surcout = _surcout_horloge_ns()
    print(f"une lecture de process_time_ns : {surcout:.0f} ns (imprimé, pas soustrait)")
    resultats: list[dict[str, Any]] = []
    for n in tailles:
        r = mesurer(n, args.tours, args.par_compte)
        r["charge_apres"] = os.getloadavg()
        resultats.append(r)
        imprimer(r)
    charge_fin = os.getloadavg()
    print(f"charge (1, 5, 15 min) : début {charge_debut}, fin {charge_fin}")
    for ligne in objectifs(resultats):
        print(ligne)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "resultats": resultats,
                    "charge": [charge_debut, charge_fin],
                    "surcout_horloge_ns": surcout,
                    "tours": args.tours,
                    "par_compte": args.par_compte,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
