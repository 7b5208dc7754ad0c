"""Les charges de travail : une suite réaliste de commandes, des couples (acteur, groupe).

:func:`plan_commandes` tire, de façon déterministe, des commandes telles qu'un portail en
reçoit : des gestionnaires qui retirent des membres de leurs groupes, créent des comptes
dans leurs groupes, modifient ou clôturent les comptes de leurs groupes (refusé quand le
compte est aussi dans le groupe d'un autre gestionnaire : interprétation 14) ; des
administrateurs qui ajoutent aux groupes des comptes pris ailleurs, réactivent des
comptes, changent des libellés, désignent des gestionnaires. Quelques gestes sont des
erreurs réalistes (un gestionnaire qui agit sur un groupe qui n'est pas le sien) : ils sont
refusés, ce que mesure le taux d'acceptation.

Le plan suit un état fantôme (membres, gestionnaires, clôtures) pour que chaque geste ait
un sens au moment où il arrive ; il est calculé avant la mesure, qui n'exécute que les
commandes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Final

import attrs

import mcp_rules as m
from mcp_rules import Convention, Fonction, ProfilT, Service, Utilisateur
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

__all__ = [
    "Commande",
    "convention_perturbee",
    "couples_gestion",
    "executer",
    "plan_commandes",
]

_FONCTIONS_DU_PROFIL: Final[dict[ProfilT, tuple[Fonction, ...]]] = {
    ProfilT.T1: (Fonction.ASSISTANT_SOCIAL, Fonction.CONSEILLER_ESF),
    ProfilT.T4: (Fonction.INSTRUCTEUR_RSA,),
    ProfilT.T9: (Fonction.MANDATAIRE_JUDICIAIRE, Fonction.TUTEUR, Fonction.CURATEUR),
}
_PRENOMS: Final = ("Alice", "Bruno", "Camille", "Denis", "Elsa", "Farid", "Gaelle", "Henri")
_NOMS: Final = ("Arnaud", "Blanc", "Caron", "Dumas", "Etienne", "Faure", "Gauthier", "Hubert")
_NUMERO: Final = NumeroInstructeur.parse("093A1230100000")

# (nom du geste, poids) : l'essentiel du travail quotidien d'un gestionnaire.
_MELANGE: Final = (
    ("ajouter_au_groupe", 24),
    ("retirer_du_groupe", 16),
    ("modifier_compte", 16),
    ("creer_utilisateur", 12),
    ("cloturer_compte", 10),
    ("reactiver_compte", 8),
    ("modifier_libelle", 5),
    ("designer_gestionnaire", 4),
    ("hors_perimetre", 5),
)


@dataclass(frozen=True, slots=True)
class Commande:
    """Un geste à exécuter : la fonction de mcp_rules et ses arguments nommés."""

    geste: str
    fonction: Callable[..., m.Resultat]
    arguments: dict[str, Any] = field(hash=False)

    def __call__(self, c: Convention) -> m.Resultat:
        return self.fonction(c, **self.arguments)


@dataclass(slots=True)
class _Fantome:
    """Ce que le plan sait de l'état : assez pour que chaque geste ait un sens."""

    membres: dict[str, set[str]]
    gestionnaire: dict[str, str]
    role: dict[str, ProfilT | None]
    libelle: dict[str, str]
    fonction: dict[str, Fonction]
    clos: set[str]
    proteges: set[str]
    admins: list[str]
    groupes_cdap: list[str]
    par_fonction: dict[Fonction, list[str]]

    @classmethod
    def depuis(cls, c: Convention, t: datetime) -> _Fantome:
        groupes = [g for g in c.groupes if g.service is Service.CDAP]
        par_fonction: dict[Fonction, list[str]] = {}
        for u in c.utilisateurs:
            if u.cloture_le is None or u.cloture_le > t:
                par_fonction.setdefault(u.fonction, []).append(u.identifiant)
        afas = c.afas
        return cls(
            membres={g.code: set(g.membres) for g in groupes},
            gestionnaire={g.code: g.gestionnaire for g in groupes},
            role={g.code: g.role if isinstance(g.role, ProfilT) else None for g in groupes},
            libelle={g.code: g.libelle for g in groupes},
            fonction={u.identifiant: u.fonction for u in c.utilisateurs},
            clos={
                u.identifiant
                for u in c.utilisateurs
                if u.cloture_le is not None and u.cloture_le <= t
            },
            # Ni les administrateurs, ni les gestionnaires, ni les rôles AFAS ne sont clôturés
            # par le plan : la suite de ses gestes resterait possible.
            proteges={
                *c.administrateurs,
                *(g.gestionnaire for g in c.groupes),
                *afas.fda,
                *afas.fdf,
                *([afas.approbateur] if afas.approbateur else []),
            },
            admins=sorted(c.administrateurs),
            groupes_cdap=[g.code for g in groupes],
            par_fonction=par_fonction,
        )

    def candidat(self, alea: random.Random, role: ProfilT | None) -> str | None:
        """Un compte actif qui remplit les conditions du profil ``role``."""
        fonctions = _FONCTIONS_DU_PROFIL.get(role) if role is not None else None
        if fonctions is None:
            fonctions = (Fonction.AUTRE,)
        choix = self.par_fonction.get(fonctions[alea.randrange(len(fonctions))], [])
        for _ in range(8):
            if not choix:
                return None
            ident = choix[alea.randrange(len(choix))]
            if ident not in self.clos:
                return ident
        return None


def plan_commandes(
    c: Convention, nombre: int, *, graine: int, debut: datetime, independantes: bool = False
) -> list[Commande]:
    """``nombre`` commandes, une par seconde à partir de ``debut``.

    ``independantes`` : chaque commande part de l'état ``c`` (l'état fantôme n'est pas mis
    à jour), pour mesurer des commandes isolées sur un même état.
    """
    alea = random.Random(graine)
    f = _Fantome.depuis(c, debut)
    gestes = [g for g, _ in _MELANGE]
    poids = [p for _, p in _MELANGE]
    plan: list[Commande] = []
    k = 0
    while len(plan) < nombre:
        k += 1
        t = debut + timedelta(seconds=k)
        geste = alea.choices(gestes, poids)[0]
        commande = _tirer(geste, f, alea, t, k, appliquer=not independantes)
        if commande is not None:
            plan.append(commande)
    return plan


def _tirer(  # noqa: PLR0915 - un cas par geste
    geste: str, f: _Fantome, alea: random.Random, t: datetime, k: int, *, appliquer: bool
) -> Commande | None:
    code = f.groupes_cdap[alea.randrange(len(f.groupes_cdap))]
    admin = f.admins[alea.randrange(len(f.admins))]
    gestionnaire = f.gestionnaire[code]
    if gestionnaire in f.clos:
        # Le gestionnaire de ce groupe est clôturé (MCP-GRP-08) : l'administrateur agit.
        gestionnaire = admin
    membres = f.membres[code]
    role = f.role[code]
    if geste == "ajouter_au_groupe":
        ident = f.candidat(alea, role)
        if ident is None or ident in membres:
            return None
        if appliquer:
            membres.add(ident)
        # Un compte pris ailleurs dans la convention n'est pas sous la responsabilité du
        # gestionnaire (interprétation 14) : c'est un administrateur qui l'ajoute.
        return Commande(
            geste,
            m.ajouter_au_groupe,
            {"par": admin, "groupe": code, "utilisateur": ident, "instant": t},
        )
    if geste in ("retirer_du_groupe", "modifier_compte", "cloturer_compte"):
        actifs = sorted(x for x in membres if x not in f.clos and x != gestionnaire)
        if not actifs:
            return None
        ident = actifs[alea.randrange(len(actifs))]
        if geste == "retirer_du_groupe":
            if appliquer:
                membres.discard(ident)
            return Commande(
                geste,
                m.retirer_du_groupe,
                {"par": gestionnaire, "groupe": code, "utilisateur": ident, "instant": t},
            )
        if geste == "modifier_compte":
            changement: dict[str, Any]
            if alea.random() < 0.5:
                changement = {"nom": _NOMS[alea.randrange(len(_NOMS))] + f"-{k}"}
            else:
                changement = {"email": f"{ident}.m{k}@ville-exemple.fr"}
            return Commande(
                geste,
                m.modifier_compte,
                {"par": gestionnaire, "utilisateur": ident, "instant": t, **changement},
            )
        if ident in f.proteges:
            return None
        if appliquer:
            f.clos.add(ident)
        return Commande(
            geste, m.cloturer_compte, {"par": gestionnaire, "utilisateur": ident, "instant": t}
        )
    if geste == "reactiver_compte":
        if not f.clos:
            return None
        clos = sorted(f.clos)
        ident = clos[alea.randrange(len(clos))]
        if appliquer:
            f.clos.discard(ident)
        return Commande(
            geste, m.reactiver_compte, {"par": admin, "utilisateur": ident, "instant": t}
        )
    if geste == "creer_utilisateur":
        fonctions = _FONCTIONS_DU_PROFIL.get(role) if role is not None else None
        fonction = fonctions[alea.randrange(len(fonctions))] if fonctions else Fonction.AUTRE
        prenom, nom = _PRENOMS[alea.randrange(len(_PRENOMS))], _NOMS[alea.randrange(len(_NOMS))]
        ident = f"nouveau{k:07d}"
        compte = Utilisateur(
            identifiant=ident,
            nom=nom,
            prenom=prenom,
            email=f"{prenom}.{nom}.{k}@ville-exemple.fr".lower(),
            cree_le=t,
            fonction=fonction,
            numero_instructeur=_NUMERO if fonction is Fonction.INSTRUCTEUR_RSA else None,
            diplome_etat="DEASS" if fonction is Fonction.ASSISTANT_SOCIAL else None,
        )
        if appliquer:
            membres.add(ident)
            f.fonction[ident] = fonction
            f.par_fonction.setdefault(fonction, []).append(ident)
        return Commande(
            geste,
            m.creer_utilisateur,
            {"par": gestionnaire, "utilisateur": compte, "groupe": code, "instant": t},
        )
    if geste == "modifier_libelle":
        prefixe = role.value if role is not None else f.libelle[code].split()[0]
        libelle = f"{prefixe} Équipe {k}"
        if appliquer:
            f.libelle[code] = libelle
        return Commande(
            geste,
            m.modifier_libelle,
            {"par": admin, "groupe": code, "libelle": libelle, "instant": t},
        )
    if geste == "designer_gestionnaire":
        actifs = sorted(x for x in membres if x not in f.clos and x != gestionnaire)
        if not actifs:
            return None
        nouveau = actifs[alea.randrange(len(actifs))]
        if appliquer:
            f.gestionnaire[code] = nouveau
            f.proteges.add(nouveau)
        return Commande(
            geste,
            m.designer_gestionnaire,
            {"par": admin, "groupe": code, "gestionnaire": nouveau, "instant": t},
        )
    # hors_perimetre : un gestionnaire veut ajouter quelqu'un à un groupe qui n'est pas le sien.
    autre = f.groupes_cdap[alea.randrange(len(f.groupes_cdap))]
    ident = f.candidat(alea, f.role[autre])
    if (
        ident is None
        or gestionnaire == admin
        or f.gestionnaire[autre] == gestionnaire
        or ident in f.membres[autre]
    ):
        return None
    return Commande(
        geste,
        m.ajouter_au_groupe,
        {"par": gestionnaire, "groupe": autre, "utilisateur": ident, "instant": t},
    )


def executer(c: Convention, plan: list[Commande]) -> tuple[Convention, list[bool]]:
    """Exécute le plan à la suite ; chaque commande acceptée donne l'état suivant."""
    acceptees = []
    for commande in plan:
        r = commande(c)
        acceptees.append(r.accepte)
        if r.accepte:
            c = r.convention
    return c, acceptees


def couples_gestion(c: Convention, *, graine: int) -> list[tuple[str, str]]:
    """Un couple (acteur, groupe) par compte, pour ``peut(GERER_MEMBRES)``.

    Le groupe est, à tour de rôle : un groupe que le compte gère (s'il en gère), un de ses
    groupes, un groupe quelconque, un groupe AFAS.
    """
    alea = random.Random(graine)
    codes = [g.code for g in c.groupes]
    afas = [g.code for g in c.groupes if g.service is Service.AFAS]
    geres: dict[str, list[str]] = {}
    siens: dict[str, list[str]] = {}
    for g in c.groupes:
        geres.setdefault(g.gestionnaire, []).append(g.code)
        for membre in g.membres:
            siens.setdefault(membre, []).append(g.code)
    couples = []
    for i, u in enumerate(c.utilisateurs):
        ident = u.identifiant
        choix = (geres.get(ident), siens.get(ident), codes, afas)[i % 4] or codes
        couples.append((ident, choix[alea.randrange(len(choix))]))
    return couples


def convention_perturbee(c: Convention, *, graine: int) -> Convention:
    """Une variante de ``c`` qui passe par tous les chemins de refus de MCP-CDAP-01.

    Les conventions synthétiques sont presque toutes éligibles ; pour la vérification
    d'accord entre moteurs, un compte sur six reçoit ici un défaut (assistant social du
    travail, fonction qui ne convient pas au profil, numéro d'instructeur ou code bailleur
    absent, clôture passée ou à venir), un groupe sur cinq change de rôle (T8 hors contrat,
    T10 au contrat, aucun rôle) et des membres sont écrits en capitales (identifiants
    comparés sans tenir compte de la casse).
    """
    alea = random.Random(graine)
    comptes = []
    for u in c.utilisateurs:
        tirage = alea.randrange(12)
        changement: dict[str, Any] = {}
        if tirage == 0:
            changement["fonction"] = Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL
        elif tirage == 1:
            changement["fonction"] = Fonction.AUTRE
        elif tirage == 2:
            changement["numero_instructeur"] = None
        elif tirage == 3:
            changement["code_bailleur"] = f"B{alea.randrange(10**6)}"
        elif tirage == 4 and u.cloture_le is None:
            changement["cloture_le"] = u.cree_le + timedelta(days=alea.randrange(1, 1500))
        elif tirage == 5:
            changement["cloture_le"] = None
        comptes.append(attrs.evolve(u, **changement) if changement else u)
    groupes = []
    for g in c.groupes:
        changement = {}
        if g.service is Service.CDAP:
            tirage = alea.randrange(10)
            if tirage == 0:
                changement["role"] = ProfilT.T8
            elif tirage == 1:
                changement["role"] = ProfilT.T10
            elif tirage == 2:
                changement["role"] = None
            if alea.random() < 0.5:
                membres = sorted(g.membres)
                majuscule = membres[alea.randrange(len(membres))]
                changement["membres"] = (g.membres - {majuscule}) | {majuscule.upper()}
        groupes.append(attrs.evolve(g, **changement) if changement else g)
    return Convention(
        numero=c.numero,
        organisme=c.organisme,
        caf=c.caf,
        services=c.services,
        administrateurs=c.administrateurs,
        utilisateurs=comptes,
        groupes=groupes,
        gestion_deleguee=c.gestion_deleguee,
        profils_contractuels=c.profils_contractuels | {ProfilT.T10},
        afas=c.afas,
    )
