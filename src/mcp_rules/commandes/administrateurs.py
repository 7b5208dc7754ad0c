"""Les administrateurs partenaires : seule la Caf les désigne, par une annexe 3 à la
convention (guide, partie 2 : « L'Administrateur partenaire »).
"""

from __future__ import annotations

from datetime import datetime

from mcp_rules.commandes.contexte import Contexte, cible_de
from mcp_rules.commandes.resultat import Resultat
from mcp_rules.fondations.acteurs import Acteur
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import Action
from mcp_rules.fondations.erreurs import apercu
from mcp_rules.modele import (
    Convention,
    Politique,
)
from mcp_rules.modele.evenements import (
    AdministrateurDesigne,
)
from mcp_rules.regles import conv, usr
from mcp_rules.regles.regle import Constat

__all__ = [
    "designer_administrateur",
]


def designer_administrateur(
    convention: Convention,
    *,
    par: Acteur,
    identifiant: str,
    remplace: str | None = None,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """La Caf désigne un administrateur (annexe 3), en remplacement d'un autre s'il le faut."""
    ctx = Contexte(convention, par, instant, politique)
    refus = ctx.autoriser(
        Action.DESIGNER_ADMINISTRATEUR, compte=ctx.c.trouver_utilisateur(identifiant)
    )
    if refus:
        return ctx.refuser(refus)
    c = ctx.c
    u = ctx.compte(identifiant, conv.CONV_03)
    if isinstance(u, list):
        return ctx.refuser(u)
    probleme: list[Constat] = []
    admins = {cle(a): a for a in c.administrateurs}
    if u.cle in admins:
        probleme.append(
            conv.CONV_03.constat(f"{u.identifiant} est déjà administrateur", cible=u.identifiant)
        )
    if not ctx.actif(u):
        probleme.append(
            usr.USR_05.constat(f"le compte {u.identifiant} est clôturé", cible=u.identifiant)
        )
    ancien: str | None = None
    if remplace is not None:
        r = cle(remplace) if isinstance(remplace, str) else ""
        if r not in admins:
            probleme.append(
                conv.CONV_03.constat(
                    f"{apercu(remplace)} n'est pas administrateur de la convention",
                    cible=cible_de(remplace),
                )
            )
        else:
            ancien = admins.pop(r)
    if len(admins) + 1 > 2:
        probleme.append(
            conv.CONV_02.constat(
                "la convention a déjà deux administrateurs : nommez celui que le nouveau remplace",
            )
        )
    if probleme:
        return ctx.refuser(probleme)
    nouveaux = frozenset([*admins.values(), u.identifiant])
    return ctx.accepter(
        [ctx.evenement(AdministrateurDesigne, identifiant=u.identifiant, remplace=ancien)],
        administrateurs=nouveaux,
    )
