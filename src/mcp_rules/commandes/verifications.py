"""Les vérifications que partagent plusieurs commandes : un compte à créer, une adresse, un
nom, l'entrée dans un groupe, le gestionnaire désigné (existant ou créé dans le même geste).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import attrs
import immutables

from mcp_rules.commandes.contexte import Contexte
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.enumerations import Fonction, ProfilT, Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.modele import (
    Groupe,
    Utilisateur,
)
from mcp_rules.modele.evenements import (
    CompteCree,
    Evenement,
    IdentifiantEnvoye,
    MotDePasseTemporaireEmis,
)
from mcp_rules.regles import elig, grp, mdp, role, usr
from mcp_rules.regles.regle import Constat, I
from mcp_rules.valeurs.mot_de_passe import MotDePasseTemporaire

__all__ = [
    "compte_du_gestionnaire",
    "controler_adhesion",
    "controler_email",
    "controler_nom",
    "controler_nouveau_compte",
    "evenements_creation",
    "infos_compte",
    "infos_gestionnaire",
    "nouveau_compte",
    "resoudre_gestionnaire",
    "texte_arg",
]


def controler_nouveau_compte(
    ctx: Contexte, u: Utilisateur, deja: Iterable[Utilisateur] = ()
) -> tuple[list[Constat], list[Constat]]:
    """Erreurs et avertissements pour un compte à créer (USR-01/02/03)."""
    erreurs_: list[Constat] = []
    avert: list[Constat] = []
    if ctx.c.trouver_utilisateur(u.identifiant) is not None or any(d.cle == u.cle for d in deja):
        erreurs_.append(
            usr.USR_03.constat(
                f"l'identifiant {u.identifiant} est déjà pris dans la convention (sans tenir "
                "compte de la casse)",
                remede="Choisissez un autre identifiant ; une personne n'a qu'un compte.",
                cible=u.identifiant,
            )
        )
    erreurs_.extend(
        controler_email(ctx, u.email, u.identifiant, exclu=None, nom=u.nom, prenom=u.prenom)
    )
    avert.extend(controler_nom(u))
    return erreurs_, avert


def controler_email(
    ctx: Contexte,
    email: Any,
    identifiant: str,
    exclu: str | None,
    *,
    nom: str = "",
    prenom: str = "",
) -> list[Constat]:
    trouves = []
    autres = [k for k in ctx.idx.comptes_de(email.cle) if k != exclu]
    if autres:
        proprietaire = ctx.c._utilisateurs[autres[0]].identifiant
        trouves.append(
            usr.USR_03.constat(
                f"l'adresse {email} est déjà celle du compte {proprietaire} : une personne, un "
                "compte",
                remede="Utilisez l'adresse individuelle de la personne, ou son compte existant.",
                cible=identifiant,
            )
        )
    mots = ctx.pol.mots_adresse_service if ctx.pol is not None else frozenset()
    if usr.est_adresse_de_service(email, mots, nom=nom, prenom=prenom, organisme=ctx.c.organisme):
        trouves.append(
            usr.USR_02.constat(
                f"{email} est une adresse de service, interdite par la Cnil : le compte doit avoir "
                "une adresse individuelle et nominative",
                remede="Demandez l'adresse personnelle "
                "professionnelle de la personne (prenom.nom@…).",
                cible=identifiant,
            )
        )
    return trouves


def controler_nom(u: Utilisateur) -> list[Constat]:
    mots = usr.mots_de_fonction(u.nom, u.prenom)
    if not mots:
        return []
    return [
        usr.USR_01.constat(
            f"le nom « {u.prenom} {u.nom} » ressemble à une fonction ou à un service "
            f"({', '.join(mots)}) : un compte est créé pour une personne nommée",
            remede="Créez le compte au nom de la personne (« Madame X »), pas de son poste.",
            cible=u.identifiant,
        )
    ]


def controler_adhesion(ctx: Contexte, u: Utilisateur, g: Groupe) -> list[Constat]:
    """Les conditions que le compte doit remplir pour entrer dans ce groupe (ELIG)."""
    if g.service is not Service.CDAP:
        return []
    if u.fonction is Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
        return [
            elig.ELIG_03.constat(
                f"{u.identifiant} est assistant(e) social(e) du travail : il ne peut entrer dans "
                f"aucun groupe CDAP ({g.code})",
                remede="Aucun profil CDAP ne lui est permis.",
                cible=u.identifiant,
            )
        ]
    if not isinstance(g.role, ProfilT):
        return []
    return list(elig.expliquer(u, g.role, ctx.pol).erreurs)


def nouveau_compte(u: Utilisateur, t: datetime) -> Utilisateur:
    """Le compte tel qu'il naît : actif, créé à l'instant, avec un mot de passe temporaire."""
    return attrs.evolve(
        u,
        cree_le=t,
        cloture_le=None,
        derniere_connexion=None,
        mot_de_passe_temporaire=MotDePasseTemporaire(t),
        mot_de_passe_personnalise=False,
    )


def evenements_creation(ctx: Contexte, u: Utilisateur, groupe: str | None) -> list[Evenement]:
    mdp_ = u.mot_de_passe_temporaire
    assert mdp_ is not None  # noqa: S101 - posé par nouveau_compte
    return [
        ctx.evenement(CompteCree, utilisateur=u.identifiant, groupe=groupe),
        ctx.evenement(IdentifiantEnvoye, utilisateur=u.identifiant, email=u.email),
        ctx.evenement(
            MotDePasseTemporaireEmis,
            utilisateur=u.identifiant,
            email=u.email,
            expire_le=mdp_.expire_le,
        ),
    ]


def infos_compte(u: Utilisateur) -> Constat:
    """MCP-MDP-01 : les deux messages que le portail doit envoyer au nouveau compte."""
    temporaire = u.mot_de_passe_temporaire
    expire = temporaire.expire_le.isoformat() if temporaire is not None else "?"
    return mdp.MDP_01.constat(
        f"compte {u.identifiant} créé : le portail envoie à {u.email} l'identifiant, puis un "
        f"mot de passe temporaire valable jusqu'au {expire}",
        cible=u.identifiant,
        severite=I,
    )


def infos_gestionnaire(
    ctx: Contexte, titulaire: Utilisateur, nouveau: bool, groupe: str
) -> list[Constat]:
    infos = []
    if nouveau:
        infos.append(
            grp.GRP_04.constat(
                f"le gestionnaire {titulaire.identifiant} de {groupe} n'avait pas de compte : il "
                "est "
                "créé dans le même geste",
                cible=groupe,
                severite=I,
            )
        )
        infos.append(infos_compte(titulaire))
    if titulaire.cle in ctx.idx.administrateurs:
        infos.append(
            role.ROLE_12.constat(
                f"le gestionnaire de {groupe}, {titulaire.identifiant}, est administrateur : c'est "
                "permis",
                cible=groupe,
                severite=I,
            )
        )
    return infos


def compte_du_gestionnaire(
    ctx: Contexte, nouveau: Utilisateur | None
) -> tuple[immutables.Map[str, Utilisateur] | None, list[Evenement], list[tuple[str, str, bool]]]:
    """Le compte d'un nouveau gestionnaire, créé dans le même geste (``MCP-GRP-04``) :
    la table des comptes, les événements de création et l'adresse à indexer."""
    if nouveau is None:
        return None, [], []
    return (
        ctx.c._utilisateurs.set(nouveau.cle, nouveau),
        evenements_creation(ctx, nouveau, None),
        [(nouveau.email.cle, nouveau.cle, True)],
    )


def resoudre_gestionnaire(
    ctx: Contexte, gestionnaire: object, code: str
) -> tuple[Utilisateur | None, Utilisateur | None, list[Constat], list[Constat]]:
    """(compte existant, compte à créer, erreurs, avertissements) pour le gestionnaire du
    groupe ``code`` (la cible des constats de groupe).

    Qui peut le désigner (et créer son compte dans le même geste) est l'affaire de la table
    des droits : l'appelant lui passe le compte trouvé ou à créer."""
    if isinstance(gestionnaire, Utilisateur):
        existant = ctx.c.trouver_utilisateur(gestionnaire.identifiant)
        if existant is not None and existant == gestionnaire:
            gestionnaire = existant.identifiant
        else:
            nouveau = nouveau_compte(gestionnaire, ctx.t)
            err, avert = controler_nouveau_compte(ctx, nouveau)
            return None, nouveau, err, avert
    if not isinstance(gestionnaire, str):
        raise DonneeInvalide(
            erreurs.TYPE,
            "gestionnaire : un identifiant ou un nouvel Utilisateur est attendu, "
            f"pas {apercu(gestionnaire)}",
            valeur=gestionnaire,
        )
    u = ctx.c.trouver_utilisateur(gestionnaire)
    if u is None:
        return (
            None,
            None,
            [
                grp.GRP_04.constat(
                    f"le gestionnaire désigné {apercu(gestionnaire)} n'a pas de compte dans la "
                    "convention",
                    remede="Désignez un compte existant, ou passez un nouvel Utilisateur "
                    "pour créer son compte dans le même geste.",
                    cible=code,
                )
            ],
            [],
        )
    if not ctx.actif(u):
        return (
            u,
            None,
            [
                grp.GRP_08.constat(
                    f"le compte de {u.identifiant} est clôturé : il ne peut pas gérer le groupe "
                    f"{code}",
                    remede="Désignez une personne dont le compte est actif.",
                    cible=code,
                )
            ],
            [],
        )
    return u, None, [], []


def texte_arg(valeur: object, quoi: str, longueur: int) -> str:
    return controles.texte(valeur, quoi, longueur)
