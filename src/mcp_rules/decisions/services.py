"""Qui atteint l'offre d'un service : CDAP par ses profils, AFAS par ses rôles, les autres par
leurs groupes (``MCP-ROLE-08``).

:func:`acces_service` répond pour un compte ; :func:`acces_par_service` donne, pour toute
une convention, les comptes qui atteignent chaque service autre que CDAP (l'audit, la
matrice des accès et la simulation le lisent).
"""

from __future__ import annotations

from datetime import datetime

from mcp_rules.decisions.acces import acces_cdap, clos
from mcp_rules.decisions.reponses import compte_inconnu
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import RoleApplicatif, Service
from mcp_rules.fondations.francais import liste
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    Convention,
    Politique,
    Utilisateur,
    exiger_convention,
)
from mcp_rules.modele.index import Index, groupes_du_compte, index
from mcp_rules.regles import afas, conv, grp
from mcp_rules.regles import role as role_
from mcp_rules.regles.decision import Decision
from mcp_rules.regles.regle import I

__all__ = ["acces_par_service", "acces_service", "services_du_compte"]


def acces_service(
    convention: Convention,
    identifiant: str,
    service: Service | str,
    *,
    instant: datetime,
    politique: Politique | None = None,
) -> Decision:
    """Ce compte atteint-il l'offre de ce service (``MCP-ROLE-08``) ?

    CDAP : :func:`~mcp_rules.acces_cdap`. AFAS : membre du vrai AFAS-DECLARER avec un rôle
    AFAS en fonction (``MCP-AFAS-01``). ADONIS et Offre-bailleurs : membre d'au moins un
    groupe de ce service qui en porte le rôle (interprétation 15). Toujours : service
    souscrit, compte actif.
    """
    c = exiger_convention(convention)
    s = Service.parse(service)
    if s is Service.CDAP:
        a = acces_cdap(c, identifiant, instant=instant, politique=politique)
        return Decision(
            autorise=a.autorise, constats=a.constats, donnees_manquantes=a.donnees_manquantes
        )
    t = moment(instant)
    u = c.trouver_utilisateur(identifiant)
    if u is None:
        regle = afas.AFAS_01 if s is Service.AFAS else role_.ROLE_08
        return Decision(
            autorise=False,
            constats=(compte_inconnu(regle, identifiant, c.numero),),
        )
    if s not in c.services:
        return Decision(
            autorise=False,
            constats=(
                conv.CONV_01.constat(
                    f"la convention {c.numero} ne souscrit pas le service {s.libelle}",
                    remede=f"L'administrateur demande à la Caf le bulletin d'adhésion {s.libelle}.",
                ),
            ),
        )
    if u.cloture_le is not None and t >= u.cloture_le:
        return Decision(autorise=False, constats=clos(u).constats)
    idx = index(c)
    if s is Service.AFAS:
        return _afas(c, idx, u)
    return _par_les_groupes(c, idx, u, s)


def _afas(c: Convention, idx: Index, u: Utilisateur) -> Decision:
    """MCP-AFAS-01 : membre d'AFAS-DECLARER, avec un rôle AFAS en fonction."""
    ident = u.identifiant
    roles = afas.roles_afas(c.afas, u.cle)
    manque = []
    if not afas.est_declarant(c, idx, u.cle):
        manque.append(f"{ident} n'est pas membre d'{GROUPE_AFAS_DECLARER}")
    if not roles:
        manque.append(f"{ident} n'a aucun rôle AFAS en fonction")
    if manque:
        return Decision(
            autorise=False,
            constats=(
                afas.AFAS_01.constat(
                    "déclaration AFAS impossible : " + " ; ".join(manque),
                    remede=f"Ajoutez {ident} à {GROUPE_AFAS_DECLARER} puis configurez son "
                    "rôle dans l'administration des profils AFAS.",
                    cible=ident,
                ),
            ),
        )
    return Decision(
        autorise=True,
        constats=(
            afas.AFAS_01.constat(
                f"{ident} déclare dans AFAS comme " + ", ".join(roles), cible=ident, severite=I
            ),
        ),
    )


def _par_les_groupes(c: Convention, idx: Index, u: Utilisateur, s: Service) -> Decision:
    """ADONIS et Offre-bailleurs : membre d'au moins un groupe du service qui porte le rôle de
    ce service (interprétation 15)."""
    ident = u.identifiant
    role = RoleApplicatif.du_service(s)
    groupes = [g for g in groupes_du_compte(c, idx, u.cle) if g.service is s]
    par_le_role = sorted(g.code for g in groupes if g.role is role)
    if par_le_role:
        return Decision(
            autorise=True,
            constats=(
                role_.ROLE_08.constat(
                    f"{ident} atteint {s.libelle} par "
                    + ("le groupe " if len(par_le_role) == 1 else "les groupes ")
                    + liste(par_le_role),
                    cible=ident,
                    severite=I,
                ),
            ),
        )
    regle = role_.ROLE_08
    if idx.administrateurs and u.cle in idx.administrateurs:
        regle = conv.CONV_06
    raison = (
        f"aucun des groupes {s.value} de {ident} n'a de rôle"
        if groupes
        else f"{ident} n'est membre d'aucun groupe du service {s.value}"
    )
    constats = [
        regle.constat(
            f"{ident} n'atteint pas {s.value} : {raison}",
            remede=f"Ajoutez {ident} à un groupe {s.value} qui porte le rôle de ce service.",
            cible=ident,
        )
    ]
    constats.extend(
        grp.GRP_05.constat(
            f"le groupe {g.code} n'a pas de rôle : il ne donne pas accès à {s.value}",
            remede=f"Affectez à {g.code} le rôle de son service.",
            cible=g.code,
        )
        for g in groupes
        if g.role is None
    )
    return Decision(autorise=False, constats=tuple(constats))


def acces_par_service(c: Convention) -> dict[Service, set[str]]:
    """Pour AFAS, ADONIS et Offre-bailleurs souscrits : les clés des comptes qui y accèdent.

    AFAS : membres du vrai AFAS-DECLARER avec un rôle en fonction (``MCP-AFAS-01``) ; les
    autres : membres d'au moins un groupe du service qui en porte le rôle. L'état des
    comptes (clôture) est à vérifier par l'appelant.
    """
    resultat: dict[Service, set[str]] = {}
    for s in sorted(c.services - {Service.CDAP}, key=lambda x: x.value):
        membres: set[str] = set()
        role = RoleApplicatif.du_service(s)
        for g in c._groupes.values():
            if g.service is not s:
                continue
            if (afas.dans_declarer(c, g)) if s is Service.AFAS else (g.role is role):
                membres.update(cle(m) for m in g.membres)
        if s is Service.AFAS:
            config = c.afas
            titulaires = {cle(x) for x in (*config.fda, *config.fdf)}
            if config.approbateur is not None:
                titulaires.add(cle(config.approbateur))
            membres &= titulaires
        resultat[s] = membres
    return resultat


def services_du_compte(c: Convention, idx: Index, k: str) -> frozenset[Service]:
    """Les services autres que CDAP que le compte de clé ``k`` atteint : la même réponse que
    :func:`acces_par_service` pour ce seul compte, en ne lisant que ses groupes (la
    simulation l'appelle pour les seuls comptes que des commandes ont touchés)."""
    autres = c.services - {Service.CDAP}
    if not autres:
        return frozenset()
    trouves: set[Service] = set()
    titulaire: bool | None = None
    for gk in idx.groupes_de(k):
        g = c._groupes[gk]
        s = g.service
        if s not in autres or s in trouves:
            continue
        if s is Service.AFAS:
            if titulaire is None:
                config = c.afas
                titulaire = k in {cle(x) for x in (*config.fda, *config.fdf)} or (
                    config.approbateur is not None and cle(config.approbateur) == k
                )
            if titulaire and afas.dans_declarer(c, g):
                trouves.add(s)
        elif g.role is RoleApplicatif.du_service(s):
            trouves.add(s)
    return frozenset(trouves)
