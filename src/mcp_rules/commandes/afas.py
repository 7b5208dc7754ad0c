"""AFAS : les rôles de l'administration des profils (deux FDA, deux FDF, un approbateur) et
le changement d'approbateur par PJ 3 (guide, partie 5 : « Service AFAS »).
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

import attrs

from mcp_rules.commandes.contexte import Contexte
from mcp_rules.commandes.resultat import Resultat
from mcp_rules.fondations.acteurs import Acteur
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import Action, RoleAfas
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    ConfigurationAfas,
    Convention,
    Politique,
    Utilisateur,
)
from mcp_rules.modele.evenements import (
    ApprobateurValide,
    Pj3Requise,
    RoleAfasConfigure,
    RoleAfasRetire,
)
from mcp_rules.regles import afas, usr
from mcp_rules.regles.regle import Constat, I, W

__all__ = [
    "MAX_FDA",
    "MAX_FDF",
    "changer_approbateur",
    "configurer_role_afas",
    "retirer_role_afas",
    "valider_approbateur",
]

MAX_FDA: Final = 2
MAX_FDF: Final = 2


def configurer_role_afas(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    role: RoleAfas | str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Configure un rôle AFAS (FDA, FDF, premier approbateur) pour un déclarant."""
    ctx = Contexte(convention, par, instant, politique)
    r = RoleAfas.parse(role)
    u = ctx.compte_autorise(utilisateur, afas.AFAS_02, Action.CONFIGURER_AFAS)
    if isinstance(u, Resultat):
        return u
    c = ctx.c
    config = c.afas
    probleme: list[Constat] = []
    if not ctx.actif(u):
        probleme.append(
            usr.USR_05.constat(f"le compte {u.identifiant} est clôturé", cible=u.identifiant)
        )
    if not afas.est_declarant(c, ctx.idx, u.cle):
        probleme.append(
            afas.AFAS_03.constat(
                f"{u.identifiant} n'est pas membre d'{GROUPE_AFAS_DECLARER}",
                remede=f"Ajoutez-le d'abord à {GROUPE_AFAS_DECLARER}.",
                cible=u.identifiant,
            )
        )
    if r.value.upper() in {x.upper() for x in afas.roles_afas(config, u.cle)}:
        probleme.append(
            afas.AFAS_03.constat(f"{u.identifiant} a déjà le rôle {r.value}", cible=u.identifiant)
        )
    if r is RoleAfas.FDA and len(config.fda) >= MAX_FDA:
        probleme.append(
            afas.AFAS_03.constat(
                f"il y a déjà {MAX_FDA} fournisseurs de données d'activité (FDA)",
                remede="Retirez d'abord le rôle à l'un d'eux.",
                cible=u.identifiant,
            )
        )
    if r is RoleAfas.FDF and len(config.fdf) >= MAX_FDF:
        probleme.append(
            afas.AFAS_03.constat(
                f"il y a déjà {MAX_FDF} fournisseurs de données financières (FDF)",
                remede="Retirez d'abord le rôle à l'un d'eux.",
                cible=u.identifiant,
            )
        )
    if r is RoleAfas.APPROBATEUR and (config.approbateur or config.approbateur_en_attente):
        probleme.append(
            afas.AFAS_05.constat(
                "un approbateur est déjà en fonction ou en attente de validation : le remplacer "
                "passe par un changement d'approbateur (PJ 3 à la Caf)",
                remede="Utilisez le changement d'approbateur.",
                cible=u.identifiant,
            )
        )
    if probleme:
        return ctx.refuser(probleme)
    if r is RoleAfas.FDA:
        nouvelle = attrs.evolve(config, fda=config.fda | {u.identifiant})
    elif r is RoleAfas.FDF:
        nouvelle = attrs.evolve(config, fdf=config.fdf | {u.identifiant})
    else:
        nouvelle = attrs.evolve(config, approbateur=u.identifiant)
    return ctx.accepter(
        [ctx.evenement(RoleAfasConfigure, utilisateur=u.identifiant, role=r)], afas_=nouvelle
    )


def retirer_role_afas(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    role: RoleAfas | str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Retire un rôle FDA ou FDF (l'approbateur ne se retire pas : il se remplace)."""
    ctx = Contexte(convention, par, instant, politique)
    r = RoleAfas.parse(role)
    u = ctx.compte_autorise(utilisateur, afas.AFAS_02, Action.CONFIGURER_AFAS, ajout=False)
    if isinstance(u, Resultat):
        return u
    config = ctx.c.afas
    if r is RoleAfas.APPROBATEUR:
        return ctx.refuser(
            [
                afas.AFAS_03.constat(
                    "l'approbateur ne se retire pas : une configuration en a exactement un ; il se "
                    "remplace par un changement d'approbateur",
                    cible=u.identifiant,
                )
            ]
        )
    titulaires = config.fda if r is RoleAfas.FDA else config.fdf
    present = frozenset(x for x in titulaires if cle(x) == u.cle)
    if not present:
        return ctx.refuser(
            [
                afas.AFAS_03.constat(
                    f"{u.identifiant} n'a pas le rôle {r.value}", cible=u.identifiant
                )
            ]
        )
    nouvelle = (
        attrs.evolve(config, fda=config.fda - present)
        if r is RoleAfas.FDA
        else attrs.evolve(config, fdf=config.fdf - present)
    )
    avert = []
    avant, apres = afas.manques(ctx.c, config, ctx.t), afas.manques(ctx.c, nouvelle, ctx.t)
    if len(apres) > len(avant):
        avert.append(
            afas.AFAS_04.constat(
                f"sans {u.identifiant}, la configuration AFAS est incomplète : "
                + " ; ".join(apres),
                remede=f"Configurez un autre {r.value} dans l'administration des profils AFAS.",
                severite=W,
            )
        )
    return ctx.accepter(
        [ctx.evenement(RoleAfasRetire, utilisateur=u.identifiant, role=r)],
        afas_=nouvelle,
        constats=avert,
    )


def changer_approbateur(
    convention: Convention,
    *,
    par: Acteur,
    utilisateur: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Propose un nouvel approbateur : il attend la validation de la Caf (PJ 3)."""
    ctx = Contexte(convention, par, instant, politique)
    u = ctx.compte_autorise(utilisateur, afas.AFAS_02, Action.CONFIGURER_AFAS)
    if isinstance(u, Resultat):
        return u
    c = ctx.c
    config = c.afas
    # Remplacer l'approbateur, c'est aussi lui retirer son rôle : la table des droits juge
    # les deux (un administrateur approbateur n'est remplacé que par un administrateur).
    sortant = None if config.approbateur is None else c.trouver_utilisateur(config.approbateur)
    if sortant is not None:
        refus = ctx.autoriser(Action.CONFIGURER_AFAS, compte=sortant, ajout=False)
        if refus:
            return ctx.refuser(refus)
    probleme = _problemes_du_changement(ctx, u, config)
    if probleme:
        return ctx.refuser(probleme)
    info = afas.AFAS_05.constat(
        f"{u.identifiant} attend la validation de la Caf ; {config.approbateur} reste "
        "approbateur d'ici là",
        remede="Transmettez la PJ 3 à la Caf.",
        cible=u.identifiant,
        severite=I,
    )
    return ctx.accepter(
        [ctx.evenement(Pj3Requise, utilisateur=u.identifiant, precedent=config.approbateur)],
        afas_=attrs.evolve(config, approbateur_en_attente=u.identifiant),
        constats=[info],
    )


def _problemes_du_changement(
    ctx: Contexte, u: Utilisateur, config: ConfigurationAfas
) -> list[Constat]:
    """Ce qui empêche de proposer ``u`` comme nouvel approbateur (MCP-AFAS-03, AFAS-05)."""
    probleme: list[Constat] = []
    c = ctx.c
    attente = config.approbateur_en_attente
    if attente is not None and cle(attente) != u.cle:
        probleme.append(
            afas.AFAS_05.constat(
                f"un changement d'approbateur attend déjà la validation de la Caf ({attente}) : "
                "il ne se remplace pas par un autre",
                remede="Attendez la décision de la Caf sur la PJ 3 déjà transmise.",
                cible=attente,
            )
        )
    if config.approbateur is None:
        probleme.append(
            afas.AFAS_05.constat(
                "aucun approbateur n'est en fonction : le premier se configure directement",
                remede="Configurez le rôle d'approbateur.",
                cible=u.identifiant,
            )
        )
    elif cle(config.approbateur) == u.cle:
        probleme.append(
            afas.AFAS_05.constat(
                f"{u.identifiant} est déjà l'approbateur en fonction", cible=u.identifiant
            )
        )
    if config.approbateur_en_attente is not None and cle(config.approbateur_en_attente) == u.cle:
        probleme.append(
            afas.AFAS_05.constat(
                f"{u.identifiant} attend déjà la validation de la Caf", cible=u.identifiant
            )
        )
    if not ctx.actif(u):
        probleme.append(
            usr.USR_05.constat(f"le compte {u.identifiant} est clôturé", cible=u.identifiant)
        )
    if not afas.est_declarant(c, ctx.idx, u.cle):
        probleme.append(
            afas.AFAS_03.constat(
                f"{u.identifiant} n'est pas membre d'{GROUPE_AFAS_DECLARER}",
                remede=f"Ajoutez-le d'abord à {GROUPE_AFAS_DECLARER}.",
                cible=u.identifiant,
            )
        )
    return probleme


def valider_approbateur(
    convention: Convention,
    *,
    par: Acteur,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """La Caf valide l'approbateur en attente (dans MAIA) : il entre en fonction."""
    ctx = Contexte(convention, par, instant, politique)
    refus = ctx.autoriser(Action.VALIDER_APPROBATEUR)
    if refus:
        return ctx.refuser(refus)
    config = ctx.c.afas
    if config.approbateur_en_attente is None:
        return ctx.refuser([afas.AFAS_05.constat("aucun approbateur n'attend de validation")])
    nouveau = config.approbateur_en_attente
    return ctx.accepter(
        [ctx.evenement(ApprobateurValide, utilisateur=nouveau, precedent=config.approbateur)],
        afas_=attrs.evolve(config, approbateur=nouveau, approbateur_en_attente=None),
    )
