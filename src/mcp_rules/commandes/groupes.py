"""Les groupes et leurs rôles : créer un groupe, affecter et retirer son rôle, changer son
libellé, désigner son gestionnaire (guide, partie 5 : « Créer un groupe », étapes 1 et 2).
"""

from __future__ import annotations

from datetime import datetime

from mcp_rules.commandes.contexte import Contexte, refus_acteur_ou
from mcp_rules.commandes.resultat import Resultat
from mcp_rules.commandes.verifications import (
    compte_du_gestionnaire,
    infos_gestionnaire,
    resoudre_gestionnaire,
    texte_arg,
)
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.acteurs import Acteur
from mcp_rules.fondations.controles import cle
from mcp_rules.fondations.enumerations import (
    Action,
    Fonction,
    ProfilT,
    Role,
    RoleApplicatif,
    Service,
    lire_role,
)
from mcp_rules.fondations.erreurs import DonneeInvalide
from mcp_rules.fondations.francais import que
from mcp_rules.modele import (
    Convention,
    Groupe,
    Politique,
    Utilisateur,
)
from mcp_rules.modele.evenements import (
    GestionnaireDesigne,
    GroupeCree,
    LibelleModifie,
    RoleAffecte,
    RoleRetire,
)
from mcp_rules.regles import conv, elig, grp, role
from mcp_rules.regles.perimetre import CODES_AFAS
from mcp_rules.regles.regle import Constat, W

__all__ = [
    "affecter_role",
    "creer_groupe",
    "designer_gestionnaire",
    "modifier_libelle",
    "retirer_role",
]


def creer_groupe(
    convention: Convention,
    *,
    par: Acteur,
    code: str,
    libelle: str,
    service: Service | str,
    gestionnaire: str | Utilisateur,
    parent: str | None = None,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Crée un groupe avec son gestionnaire (créé dans le même geste s'il est nouveau)."""
    ctx = Contexte(convention, par, instant, politique)
    code = controles.identifiant(code, "code de groupe")
    libelle = texte_arg(libelle, "libellé", controles.LONGUEUR_LIBELLE)
    s = Service.parse(service)
    c = ctx.c
    pere: Groupe | None = None
    if parent is not None:
        trouve = ctx.groupe(parent, role.ROLE_04)
        if isinstance(trouve, list):
            return ctx.refuser(trouve)
        pere = trouve
    existant, nouveau, err, avert = resoudre_gestionnaire(ctx, gestionnaire, code)
    refus = ctx.autoriser(
        Action.CREER_SOUS_GROUPE if pere is not None else Action.CREER_GROUPE,
        groupe=pere,
        nouveau_groupe=code,
        service=s,
        compte=existant if existant is not None else nouveau,
        nouveau_compte=nouveau is not None,
    )
    if refus:
        return ctx.refuser(refus)
    probleme = _problemes_du_nouveau_groupe(c, code, libelle, s, pere)
    probleme.extend(err)
    if probleme:
        return ctx.refuser(probleme)
    titulaire = existant if existant is not None else nouveau
    assert titulaire is not None  # noqa: S101 - l'un ou l'autre, sinon err n'est pas vide
    g = Groupe(
        code=code,
        libelle=libelle,
        service=s,
        gestionnaire=titulaire.identifiant,
        parent=pere.code if pere is not None else None,
    )
    comptes, evenements, emails = compte_du_gestionnaire(ctx, nouveau)
    evenements.append(
        ctx.evenement(
            GroupeCree,
            groupe=g.code,
            libelle=libelle,
            service=s,
            gestionnaire=g.gestionnaire,
            parent=g.parent,
        )
    )
    return ctx.accepter(
        evenements,
        comptes=comptes,
        groupes=c._groupes.set(g.cle, g),
        emails=emails,
        gestionnaires=[(titulaire.cle, g.cle, True)],
        constats=[*avert, *infos_gestionnaire(ctx, titulaire, nouveau is not None, g.code)],
    )


def _problemes_du_nouveau_groupe(
    c: Convention, code: str, libelle: str, s: Service, pere: Groupe | None
) -> list[Constat]:
    """Service souscrit, service du parent, code libre, libellé qui commence par un profil."""
    probleme: list[Constat] = []
    if s not in c.services:
        probleme.append(
            conv.CONV_01.constat(
                f"la convention {c.numero} ne souscrit pas le service {s.libelle} : pas de groupe "
                "pour ce service",
                remede=f"Demandez d'abord à la Caf le bulletin d'adhésion {s.libelle}.",
            )
        )
    if pere is not None and pere.service is not s:
        probleme.append(
            role.ROLE_04.constat(
                "un sous-groupe relève du service de son parent : "
                f"{pere.code} est {pere.service.value}, pas {s.value}",
                cible=code,
            )
        )
    if cle(code) in CODES_AFAS and s is not Service.AFAS:
        probleme.append(
            grp.GRP_07.constat(
                f"le code {code} est réservé au groupe AFAS de la Caf : un groupe {s.value} ne "
                "peut pas le porter (interprétation 22)",
                remede="Choisissez un autre code.",
                cible=code,
            )
        )
    if c.trouver_groupe(code) is not None:
        probleme.append(
            grp.GRP_02.constat(
                f"le code {code} est déjà celui d'un groupe (sans tenir compte de la casse)",
                remede="Choisissez un autre code ; un code ne change jamais.",
                cible=code,
            )
        )
    if s is Service.CDAP and grp.profil_du_libelle(libelle) is None:
        probleme.append(
            grp.GRP_03.constat(
                f"le libellé « {libelle} » ne commence pas par un profil (T1 à T10)",
                remede="Commencez le libellé par le profil du groupe, par exemple « T1 Assistants "
                "sociaux ».",
                cible=code,
            )
        )
    return probleme


def affecter_role(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    profil: Role | str | None = None,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Affecte son rôle à un groupe qui n'en a pas : un profil T à un groupe CDAP, le rôle de
    son service à un groupe ADONIS ou Offre-bailleurs (``profil`` peut alors être omis)."""
    ctx = Contexte(convention, par, instant, politique)
    voulu = None if profil is None else lire_role(profil)
    g = ctx.groupe_autorise(groupe, role.ROLE_06, Action.AFFECTER_ROLE)
    if isinstance(g, Resultat):
        return g
    p = voulu if voulu is not None else RoleApplicatif.du_service(g.service)
    if p is None:
        raise DonneeInvalide(
            erreurs.MANQUANTE,
            f"profil : nommez le profil T à affecter au groupe {g.code} ({g.service.value})",
        )
    probleme = _problemes_du_role(ctx, g, p)
    if probleme:
        return ctx.refuser(probleme)
    return ctx.accepter(
        [ctx.evenement(RoleAffecte, groupe=g.code, profil=p)],
        groupes=ctx.c._groupes.set(g.cle, g._remplacer(role=p)),
    )


def _problemes_du_role(ctx: Contexte, g: Groupe, p: Role) -> list[Constat]:
    """Le rôle est celui du service du groupe, le service est souscrit, le groupe n'a pas déjà
    de rôle ; pour un profil T : au contrat, en tête du libellé, permis à chaque membre."""
    c = ctx.c
    probleme: list[Constat] = []
    attendu = que("un profil T") if g.service is Service.CDAP else "que le rôle de son service"
    if g.service is Service.AFAS:
        probleme.append(
            conv.CONV_04.constat(
                f"le groupe AFAS {g.code} n'a pas de rôle : les rôles AFAS se configurent dans "
                "l'administration des profils",
                cible=g.code,
            )
        )
    elif (g.service is Service.CDAP) is not isinstance(p, ProfilT) or (
        isinstance(p, RoleApplicatif) and p.service is not g.service
    ):
        probleme.append(
            conv.CONV_04.constat(
                f"le groupe {g.code} ({g.service.libelle}) ne reçoit {attendu}, pas {p.value}",
                cible=g.code,
            )
        )
    elif g.service not in c.services:
        probleme.append(
            conv.CONV_01.constat(f"la convention {c.numero} ne souscrit pas {g.service.value}")
        )
    if g.role is not None:
        probleme.append(
            grp.GRP_01.constat(
                f"le groupe {g.code} porte déjà le rôle {g.role.value} : un seul rôle par groupe",
                remede=f"Retirez d'abord le rôle {g.role.value}, ou créez un autre groupe.",
                cible=g.code,
            )
        )
    if isinstance(p, ProfilT):
        probleme.extend(_problemes_du_profil(ctx, g, p))
    return probleme


def _problemes_du_profil(ctx: Contexte, g: Groupe, p: ProfilT) -> list[Constat]:
    c = ctx.c
    probleme: list[Constat] = []
    if p not in c.profils_contractuels:
        probleme.append(
            conv.CONV_04.constat(
                f"le profil {p.value} ne figure pas au contrat de services de la convention "
                f"{c.numero}",
                remede="Seule la Caf peut l'ajouter au contrat.",
                cible=g.code,
            )
        )
    if g.service is Service.CDAP and not grp.libelle_conforme(g.libelle, p):
        probleme.append(
            grp.GRP_03.constat(
                f"le libellé « {g.libelle} » ne commence pas par {p.value}",
                remede=f"Modifiez d'abord le libellé pour qu'il commence par {p.value}.",
                cible=g.code,
            )
        )
    if g.service is Service.CDAP:
        for membre in sorted(g.membres, key=cle):
            u = c._utilisateurs[cle(membre)]
            if u.fonction is not Fonction.ASSISTANT_SOCIAL_DU_TRAVAIL:
                probleme.extend(elig.expliquer(u, p, ctx.pol).erreurs)
    return probleme


def retirer_role(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Retire le rôle d'un groupe : ses membres perdent ce qu'il leur donnait (avertissement)."""
    ctx = Contexte(convention, par, instant, politique)
    g = ctx.groupe_autorise(groupe, role.ROLE_06, Action.AFFECTER_ROLE, ajout=False)
    if isinstance(g, Resultat):
        return g
    if g.role is None:
        return ctx.refuser(
            [role.ROLE_06.constat(f"le groupe {g.code} n'a pas de rôle à retirer", cible=g.code)]
        )
    ancien = g.role
    perte = (
        f"le profil {ancien.value}"
        if isinstance(ancien, ProfilT)
        else f"l'accès à {g.service.value}"
    )
    avert = [
        grp.GRP_05.constat(
            f"le groupe {g.code} n'a plus de rôle : "
            + (
                "il n'avait aucun membre"
                if not g.membres
                else f"son membre perd {perte} qu'il lui donnait"
                if len(g.membres) == 1
                else f"ses {len(g.membres)} membres perdent {perte} qu'il leur donnait"
            ),
            remede=f"Affectez un rôle à {g.code}, ou rattachez ses membres à un autre groupe.",
            cible=g.code,
            severite=W,
        )
    ]
    return ctx.accepter(
        [ctx.evenement(RoleRetire, groupe=g.code, profil=ancien)],
        groupes=ctx.c._groupes.set(g.cle, g._remplacer(role=None)),
        constats=avert,
    )


def modifier_libelle(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    libelle: str,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Change le libellé d'un groupe (jamais son code), qui doit garder son profil en tête."""
    ctx = Contexte(convention, par, instant, politique)
    libelle = texte_arg(libelle, "libellé", controles.LONGUEUR_LIBELLE)
    g = ctx.groupe_autorise(groupe, role.ROLE_03, Action.CREER_GROUPE, par_service=True)
    if isinstance(g, Resultat):
        return g
    if g.service is Service.CDAP:
        if isinstance(g.role, ProfilT) and not grp.libelle_conforme(libelle, g.role):
            return ctx.refuser(
                [
                    grp.GRP_03.constat(
                        f"le libellé « {libelle} » ne commence pas par {g.role.value}, le "
                        f"profil du groupe {g.code}",
                        cible=g.code,
                    )
                ]
            )
        if g.role is None and grp.profil_du_libelle(libelle) is None:
            return ctx.refuser(
                [
                    grp.GRP_03.constat(
                        f"le libellé « {libelle} » ne commence pas par un profil (T1 à T10)",
                        cible=g.code,
                    )
                ]
            )
    if libelle == g.libelle:
        return ctx.refuser([role.ROLE_03.constat(f"le groupe {g.code} a déjà ce libellé")])
    return ctx.accepter(
        [ctx.evenement(LibelleModifie, groupe=g.code, ancien=g.libelle, nouveau=libelle)],
        groupes=ctx.c._groupes.set(g.cle, g._remplacer(libelle=libelle)),
    )


def designer_gestionnaire(
    convention: Convention,
    *,
    par: Acteur,
    groupe: str,
    gestionnaire: str | Utilisateur,
    instant: datetime,
    politique: Politique | None = None,
) -> Resultat:
    """Désigne le gestionnaire d'habilitations d'un groupe ; il remplace le précédent."""
    ctx = Contexte(convention, par, instant, politique)
    g = ctx.groupe(groupe, role.ROLE_05)
    if isinstance(g, list):
        return refus_acteur_ou(ctx, Action.DESIGNER_GESTIONNAIRE, g)
    existant, nouveau, err, avert = resoudre_gestionnaire(ctx, gestionnaire, g.code)
    refus = ctx.autoriser(
        Action.DESIGNER_GESTIONNAIRE,
        groupe=g,
        compte=existant if existant is not None else nouveau,
        nouveau_compte=nouveau is not None,
    )
    if refus:
        return ctx.refuser(refus)
    if err:
        return ctx.refuser(err)
    c = ctx.c
    cible = existant if existant is not None else nouveau
    assert cible is not None  # noqa: S101
    if existant is not None and existant.cle == cle(g.gestionnaire):
        return ctx.refuser(
            [
                role.ROLE_11.constat(
                    f"{existant.identifiant} est déjà le gestionnaire de {g.code}", cible=g.code
                )
            ]
        )
    comptes, evenements, emails = compte_du_gestionnaire(ctx, nouveau)
    evenements.append(
        ctx.evenement(
            GestionnaireDesigne,
            groupe=g.code,
            gestionnaire=cible.identifiant,
            precedent=g.gestionnaire,
        )
    )
    return ctx.accepter(
        evenements,
        comptes=comptes,
        emails=emails,
        constats=[*avert, *infos_gestionnaire(ctx, cible, nouveau is not None, g.code)],
        gestionnaires=[(cle(g.gestionnaire), g.cle, False), (cible.cle, g.cle, True)],
        groupes=c._groupes.set(g.cle, g._remplacer(gestionnaire=cible.identifiant)),
    )
