"""Les comptes : créer, ajouter à un groupe et en retirer, modifier, clôturer, réactiver
(guide, partie 5 : « La mise à jour des comptes de ses utilisateurs », étapes 3 et 4).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

import attrs

from mcp_rules.commandes.contexte import Contexte, refus_acteur_ou
from mcp_rules.commandes.resultat import Resultat
from mcp_rules.commandes.verifications import (
    controler_adhesion,
    controler_email,
    controler_nom,
    controler_nouveau_compte,
    evenements_creation,
    infos_compte,
    nouveau_compte,
)
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.acteurs import Acteur
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import Action, Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.fondations.francais import liste
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    Convention,
    Groupe,
    Politique,
    Utilisateur,
)
from mcp_rules.modele.evenements import (
    CompteCloture,
    CompteModifie,
    CompteReactive,
    MembreAjoute,
    MembreRetire,
)
from mcp_rules.modele.index import Index
from mcp_rules.regles import afas, conv, grp, role, sec, usr
from mcp_rules.regles.demande import REACTIVATION
from mcp_rules.regles.regle import Constat, I, W
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

__all__ = [
    "CHAMPS_MODIFIABLES",
    "ajouter_au_groupe",
    "cloturer_compte",
    "creer_utilisateur",
    "modifier_compte",
    "reactiver_compte",
    "retirer_du_groupe",
]

CHAMPS_MODIFIABLES: Final = frozenset(
    {
        "nom",
        "prenom",
        "email",
        "fonction",
        "numero_instructeur",
        "code_bailleur",
        "diplome_etat",
        "mandats",
    }
)
"""Les champs d'un compte que :func:`modifier_compte` peut changer."""


def creer_utilisateur(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: Utilisateur,
    groupe: str | None = None,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Crée un compte (et l'ajoute au groupe nommé) ; émet identifiant et mot de passe.

    Le compte naît actif à ``instant`` avec un mot de passe temporaire émis à cet
    instant ; un gestionnaire doit nommer l'un de ses groupes.
    """
    ctx = Contexte(convention, par, instant, politique)
    if not isinstance(utilisateur, Utilisateur):
        raise DonneeInvalide(
            erreurs.TYPE,
            f"utilisateur : un Utilisateur est attendu, pas {apercu(utilisateur)}",
            valeur=utilisateur,
        )
    g: Groupe | None = None
    if groupe is not None:
        trouve = ctx.groupe(groupe, role.ROLE_02)
        if isinstance(trouve, list):
            return refus_acteur_ou(ctx, Action.CREER_UTILISATEUR, trouve)
        g = trouve
    u = nouveau_compte(utilisateur, ctx.t)
    refus = ctx.autoriser(Action.CREER_UTILISATEUR, groupe=g, compte=u, nouveau_compte=True)
    if refus:
        return ctx.refuser(refus)
    probleme, avert = controler_nouveau_compte(ctx, u)
    if g is not None:
        probleme.extend(controler_adhesion(ctx, u, g))
    if probleme:
        return ctx.refuser(probleme)
    c = ctx.c
    evenements = evenements_creation(ctx, u, g.code if g is not None else None)
    groupes = None
    membres: list[tuple[str, str, bool]] = []
    if g is not None:
        groupes = c._groupes.set(g.cle, g._remplacer(membres=g.membres | {u.identifiant}))
        membres.append((u.cle, g.cle, True))
        evenements.append(ctx.evenement(MembreAjoute, groupe=g.code, utilisateur=u.identifiant))
    return ctx.accepter(
        evenements,
        comptes=c._utilisateurs.set(u.cle, u),
        groupes=groupes,
        membres=membres,
        emails=[(u.email.cle, u.cle, True)],
        constats=[*avert, infos_compte(u)],
    )


def ajouter_au_groupe(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Ajoute un compte actif à un groupe, s'il remplit les conditions de son profil."""
    ctx = Contexte(convention, par, instant, politique)
    trouves = ctx.membre_de(groupe, utilisateur, ajout=True)
    if isinstance(trouves, Resultat):
        return trouves
    g, u = trouves
    probleme: list[Constat] = []
    if ctx.est_membre(u, g):
        probleme.append(
            role.ROLE_07.constat(f"{u.identifiant} est déjà membre de {g.code}", cible=g.code)
        )
    if not ctx.actif(u):
        probleme.append(
            usr.USR_05.constat(
                f"le compte {u.identifiant} est clôturé : il ne peut pas rejoindre de groupe",
                remede="Réactivez d'abord le compte si la personne doit retrouver un accès.",
                cible=u.identifiant,
            )
        )
    if g.service not in ctx.c.services:
        probleme.append(conv.CONV_01.constat(f"la convention ne souscrit pas {g.service.value}"))
    probleme.extend(controler_adhesion(ctx, u, g))
    if probleme:
        return ctx.refuser(probleme)
    return ctx.accepter(
        [ctx.evenement(MembreAjoute, groupe=g.code, utilisateur=u.identifiant)],
        groupes=ctx.c._groupes.set(g.cle, g._remplacer(membres=g.membres | {u.identifiant})),
        membres=[(u.cle, g.cle, True)],
    )


def retirer_du_groupe(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Retire un compte d'un groupe (un titulaire d'un rôle AFAS reste dans AFAS-DECLARER)."""
    ctx = Contexte(convention, par, instant, politique)
    trouves = ctx.membre_de(groupe, utilisateur, ajout=False)
    if isinstance(trouves, Resultat):
        return trouves
    g, u = trouves
    present = [m for m in g.membres if cle(m) == u.cle]
    if not present:
        return ctx.refuser(
            [role.ROLE_07.constat(f"{u.identifiant} n'est pas membre de {g.code}", cible=g.code)]
        )
    probleme = []
    roles = afas.roles_afas(ctx.c.afas, u.cle, en_attente=True)
    if g.service is Service.AFAS and roles:
        autres = [
            gk
            for gk in ctx.idx.groupes_de(u.cle)
            if gk != g.cle and afas.dans_declarer(ctx.c, ctx.c._groupes[gk])
        ]
        if afas.dans_declarer(ctx.c, g) and not autres:
            probleme.append(
                afas.AFAS_03.constat(
                    f"{u.identifiant} est {', '.join(roles)} AFAS : il doit rester membre "
                    f"d'{GROUPE_AFAS_DECLARER}",
                    remede="Retirez-lui d'abord ses rôles "
                    "AFAS (l'approbateur se remplace par un changement d'approbateur).",
                    cible=u.identifiant,
                )
            )
    if probleme:
        return ctx.refuser(probleme)
    return ctx.accepter(
        [ctx.evenement(MembreRetire, groupe=g.code, utilisateur=u.identifiant)],
        groupes=ctx.c._groupes.set(g.cle, g._remplacer(membres=g.membres - frozenset(present))),
        membres=[(u.cle, g.cle, False)],
    )


def modifier_compte(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
    **changements: Any,
) -> Resultat:
    """Modifie des informations d'un compte (nom, adresse, fonction, numéro, code…).

    Les champs permis sont :data:`CHAMPS_MODIFIABLES` ; une modification qui ferait
    perdre à la personne les conditions d'un profil de ses groupes est refusée.
    """
    ctx = Contexte(convention, par, instant, politique)
    inconnus = sorted(set(changements) - CHAMPS_MODIFIABLES)
    if inconnus or not changements:
        raise DonneeInvalide(
            erreurs.INCONNUE,
            (
                "modifier_compte : champ(s) non modifiable(s) " + ", ".join(inconnus)
                if inconnus
                else "modifier_compte : aucun changement demandé"
            )
            + " ; champs permis : "
            + ", ".join(sorted(CHAMPS_MODIFIABLES)),
            valeur=changements,
        )
    u = ctx.compte_autorise(
        utilisateur, role.ROLE_09, Action.MODIFIER_COMPTE, champs=frozenset(changements)
    )
    if isinstance(u, Resultat):
        return u
    if "numero_instructeur" in changements and isinstance(changements["numero_instructeur"], str):
        changements["numero_instructeur"] = NumeroInstructeur.parse(
            changements["numero_instructeur"]
        )
    modifie = attrs.evolve(u, **changements)
    champs = tuple(sorted(n for n in changements if getattr(u, n) != getattr(modifie, n)))
    if not champs:
        return ctx.refuser(
            [role.ROLE_09.constat(f"aucun changement pour {u.identifiant}", cible=u.identifiant)]
        )
    probleme: list[Constat] = []
    avert: list[Constat] = []
    emails: list[tuple[str, str, bool]] = []
    if "email" in champs:
        probleme.extend(
            controler_email(
                ctx,
                modifie.email,
                u.identifiant,
                exclu=u.cle,
                nom=modifie.nom,
                prenom=modifie.prenom,
            )
        )
        if modifie.email.cle != u.email.cle:
            emails = [(u.email.cle, u.cle, False), (modifie.email.cle, u.cle, True)]
    if "nom" in champs or "prenom" in champs:
        avert.extend(controler_nom(modifie))
    for gk in ctx.idx.groupes_de(u.cle):
        probleme.extend(controler_adhesion(ctx, modifie, ctx.c._groupes[gk]))
    if probleme:
        return ctx.refuser(probleme)
    return ctx.accepter(
        [ctx.evenement(CompteModifie, utilisateur=u.identifiant, champs=champs)],
        comptes=ctx.c._utilisateurs.set(u.cle, modifie),
        emails=emails,
        constats=avert,
    )


def cloturer_compte(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    le: datetime | None = None,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Clôture un compte à ``le`` (``instant`` par défaut ; jamais dans le passé).

    Toujours acceptée pour un acteur autorisé : ce que la clôture casse (un groupe
    sans gestionnaire actif, une convention sans administrateur actif, un rôle AFAS
    tenu par un compte clôturé) revient en avertissements.
    """
    ctx = Contexte(convention, par, instant, politique)
    quand = ctx.t if le is None else controles.instant(le, "le")
    u = ctx.compte_autorise(utilisateur, role.ROLE_09, Action.MODIFIER_COMPTE)
    if isinstance(u, Resultat):
        return u
    if quand < ctx.t:
        return ctx.refuser(
            [
                usr.USR_05.constat(
                    f"une clôture ne s'antidate pas : {quand.isoformat()} précède l'instant de la "
                    "commande",
                    cible=u.identifiant,
                )
            ]
        )
    if u.cloture_le is not None and u.cloture_le <= quand:
        return ctx.refuser(
            [
                usr.USR_05.constat(
                    f"le compte {u.identifiant} est déjà clôturé (ou le sera) le "
                    f"{u.cloture_le.isoformat()}",
                    cible=u.identifiant,
                )
            ]
        )
    quand = max(quand, u.cree_le)
    cloture = attrs.evolve(u, cloture_le=quand)
    return ctx.accepter(
        [ctx.evenement(CompteCloture, utilisateur=u.identifiant, le=quand)],
        comptes=ctx.c._utilisateurs.set(u.cle, cloture),
        constats=_consequences_cloture(ctx.c, ctx.idx, u, quand),
    )


def _consequences_cloture(
    c: Convention, idx: Index, u: Utilisateur, quand: datetime
) -> list[Constat]:
    avert: list[Constat] = sec.depart(c, idx, u, quand)
    k = u.cle
    for gk in idx.geres_par(k):
        g = c._groupes[gk]
        avert.append(
            grp.GRP_08.constat(
                f"le groupe {g.code} n'aura plus de gestionnaire actif à partir du "
                f"{quand.isoformat()}",
                remede=f"Les administrateurs désignent un nouveau gestionnaire pour {g.code} "
                "(le départ d'un gestionnaire leur est signalé sans délai).",
                cible=g.code,
                severite=W,
            )
        )
    if k in idx.administrateurs:
        autres = [c._utilisateurs[a] for a in idx.administrateurs if a != k]
        if not [a for a in autres if a.cloture_le is None or a.cloture_le > quand]:
            avert.append(
                conv.CONV_02.constat(
                    f"à partir du {quand.isoformat()}, la convention n'aura plus aucun "
                    "administrateur actif",
                    remede="Demandez à la Caf de désigner un nouvel administrateur (annexe 3).",
                    severite=W,
                )
            )
    roles = afas.roles_afas(c.afas, k)
    if roles and Service.AFAS in c.services:
        avant, apres = afas.manques(c, c.afas, quand), afas.manques(c, c.afas, quand, clos=k)
        incomplete = len(apres) > len(avant)
        avert.append(
            afas.AFAS_04.constat(
                f"{u.identifiant} tient "
                + ("le rôle AFAS " if len(roles) == 1 else "les rôles AFAS ")
                + liste(roles)
                + " ; "
                + (
                    f"à partir du {quand.isoformat()}, la configuration sera incomplète : "
                    + " ; ".join(apres)
                    if incomplete
                    else "d'autres titulaires actifs restent en place"
                ),
                remede="Configurez un autre titulaire dans l'administration des profils AFAS "
                "(pour l'approbateur : changement avec PJ 3 et validation de la Caf).",
                severite=W if incomplete else I,
            )
        )
    return avert


def reactiver_compte(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Supprime la date de clôture : le compte retrouve exactement ce qu'il avait.

    Personne, sauf un administrateur, ne lève sa propre clôture, passée ou programmée.
    """
    ctx = Contexte(convention, par, instant, politique)
    u = ctx.compte_autorise(
        utilisateur, role.ROLE_09, Action.MODIFIER_COMPTE, champs=frozenset({REACTIVATION})
    )
    if isinstance(u, Resultat):
        return u
    if u.cloture_le is None:
        return ctx.refuser(
            [
                usr.USR_05.constat(
                    f"le compte {u.identifiant} n'est pas clôturé", cible=u.identifiant
                )
            ]
        )
    return ctx.accepter(
        [ctx.evenement(CompteReactive, utilisateur=u.identifiant)],
        comptes=ctx.c._utilisateurs.set(u.cle, attrs.evolve(u, cloture_le=None)),
    )
