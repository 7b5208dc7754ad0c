"""Les mots de passe : « mot de passe oublié » et la première connexion, par l'utilisateur
lui-même (guide, annexe 1 et « Solutions aux problèmes les plus fréquents »).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from mcp_rules.commandes.contexte import Contexte
from mcp_rules.commandes.resultat import Resultat
from mcp_rules.fondations.acteurs import Acteur
from mcp_rules.fondations.enumerations import Action
from mcp_rules.fondations.francais import de
from mcp_rules.modele import (
    Convention,
    Politique,
    Utilisateur,
)
from mcp_rules.modele.evenements import (
    MotDePassePersonnalise,
    MotDePasseTemporaireEmis,
)
from mcp_rules.regles import mdp
from mcp_rules.regles.regle import Regle
from mcp_rules.valeurs.mot_de_passe import MotDePasseTemporaire

__all__ = [
    "demander_nouveau_mot_de_passe",
    "personnaliser_mot_de_passe",
]


def _soi(ctx: Contexte, regle: Regle) -> Utilisateur | Resultat:
    """Le compte de l'acteur, qui agit sur lui-même (la table des droits : son titulaire seul)."""
    refus = ctx.autoriser(Action.GERER_SON_MOT_DE_PASSE, regle=regle)
    if refus:
        return ctx.refuser(refus)
    u = ctx.c.trouver_utilisateur(ctx.par)
    assert u is not None  # noqa: S101 - un acteur inconnu est refusé par la table
    return u


def demander_nouveau_mot_de_passe(
    convention: Convention,
    *,
    par: Acteur,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """« Mot de passe oublié » : l'utilisateur lui-même reçoit un mot de passe de 24 h."""
    ctx = Contexte(convention, par, instant, politique)
    u = _soi(ctx, mdp.MDP_04)
    if isinstance(u, Resultat):
        return u
    nouveau = MotDePasseTemporaire(ctx.t)
    modifie = attrs.evolve(u, mot_de_passe_temporaire=nouveau, mot_de_passe_personnalise=False)
    return ctx.accepter(
        [
            ctx.evenement(
                MotDePasseTemporaireEmis,
                utilisateur=u.identifiant,
                email=u.email,
                expire_le=nouveau.expire_le,
            )
        ],
        comptes=ctx.c._utilisateurs.set(u.cle, modifie),
    )


def personnaliser_mot_de_passe(
    convention: Convention,
    *,
    par: Acteur,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Première connexion : l'utilisateur personnalise son mot de passe, dans les 24 h."""
    ctx = Contexte(convention, par, instant, politique)
    u = _soi(ctx, mdp.MDP_03)
    if isinstance(u, Resultat):
        return u
    temporaire = u.mot_de_passe_temporaire
    if temporaire is None:
        return ctx.refuser(
            [
                mdp.MDP_03.constat(
                    f"{u.identifiant} n'a pas de mot de passe temporaire en cours",
                    remede="Suivez la procédure « mot de passe oublié » pour en recevoir un.",
                    cible=u.identifiant,
                )
            ]
        )
    if not temporaire.est_valide(ctx.t):
        return ctx.refuser(
            [
                mdp.MDP_02.constat(
                    f"le mot de passe temporaire {de(u.identifiant)} a expiré le "
                    f"{temporaire.expire_le.isoformat()} (24 heures après son émission)",
                    remede="Suivez la procédure « mot de passe oublié » : le système envoie un "
                    "nouveau mot de passe valable 24 heures.",
                    cible=u.identifiant,
                )
            ]
        )
    modifie = attrs.evolve(
        u, mot_de_passe_temporaire=None, mot_de_passe_personnalise=True, derniere_connexion=ctx.t
    )
    return ctx.accepter(
        [ctx.evenement(MotDePassePersonnalise, utilisateur=u.identifiant)],
        comptes=ctx.c._utilisateurs.set(u.cle, modifie),
    )
