"""Qui accède à quoi : la consultation CDAP, l'ouverture d'un dossier, les autres services.

:func:`acces_cdap` répond à la question qu'un portail pose à chaque page : « ce
compte a-t-il l'option « consulter dossier », et avec quels profils ? ». La
réponse vient de l'index de la convention (calculée une fois par compte, puis
gardée) : elle ne parcourt jamais la convention.

>>> from datetime import datetime, UTC
>>> from mcp_rules import Convention, Groupe, Utilisateur, Service, ProfilT, acces_cdap
>>> t0 = datetime(2026, 1, 5, tzinfo=UTC)
>>> c = Convention(
...     numero="19_214",
...     organisme="Ville d'Exemple",
...     caf="Caf de la Seine-Saint-Denis",
...     services={Service.CDAP},
...     profils_contractuels={ProfilT.T1},
...     administrateurs={"adm.martin"},
...     utilisateurs=[
...         Utilisateur(
...             identifiant="adm.martin",
...             nom="Martin",
...             prenom="Claire",
...             email="claire.martin@ville-exemple.fr",
...             cree_le=t0,
...         ),
...         Utilisateur(
...             identifiant="as.leroy",
...             nom="Leroy",
...             prenom="Anne",
...             email="anne.leroy@ville-exemple.fr",
...             cree_le=t0,
...             fonction="ASSISTANT_SOCIAL",
...             diplome_etat="DEASS 2012",
...         ),
...     ],
...     groupes=[
...         Groupe(
...             code="T1AS",
...             libelle="T1 Assistants sociaux",
...             service="CDAP",
...             gestionnaire="adm.martin",
...             role="T1",
...             membres={"as.leroy"},
...         )
...     ],
... )
>>> a = acces_cdap(c, "as.leroy", instant=datetime(2026, 11, 27, tzinfo=UTC))
>>> a.autorise, a.profils
(True, (<ProfilT.T1: 'T1'>,))
>>> acces_cdap(c, "adm.martin", instant=datetime(2026, 11, 27, tzinfo=UTC)).codes
('MCP-CDAP-01', 'MCP-CONV-06')
"""

from __future__ import annotations

from datetime import UTC, datetime

from mcp_rules.decisions.reponses import AccesCdap, compte_inconnu
from mcp_rules.fondations.controles import moment
from mcp_rules.fondations.enumerations import ProfilT, Role, Service
from mcp_rules.fondations.erreurs import apercu
from mcp_rules.fondations.francais import liste
from mcp_rules.modele import (
    Convention,
    Politique,
    Utilisateur,
    exiger_convention,
    exiger_politique,
)
from mcp_rules.modele.index import Index, index
from mcp_rules.regles import cdap, conv, elig, grp, usr
from mcp_rules.regles.regle import Constat, I

__all__ = ["acces_cdap", "clos", "profils_effectifs"]


_Entree = tuple[datetime | None, AccesCdap, AccesCdap | None]
"""Ce qui est gardé par compte : (clôture, accès s'il est actif, accès une fois clôturé)."""


def acces_cdap(
    convention: Convention,
    identifiant: str,
    *,
    instant: datetime,
    politique: Politique | None = None,
) -> AccesCdap:
    """L'accès CDAP de ce compte à cet instant : profils effectifs, ou raisons du refus.

    Un compte inconnu, clôturé, sans groupe CDAP doté d'un rôle, ou qui ne remplit les
    conditions d'aucun de ses profils est refusé, avec les constats qui disent pourquoi.

    Le plan qui donnerait l'accès (la plus courte suite de commandes, et qui peut les
    exécuter) est une analyse, demandée à part : :func:`~mcp_rules.plan_acces_cdap`. La
    question posée à chaque page reste ainsi une simple lecture d'index.
    """
    # Chemin rapide : la réponse déjà calculée pour ce compte dans cette convention.
    if politique is None and type(convention) is Convention:
        t = instant if type(instant) is datetime and instant.tzinfo is UTC else moment(instant)
        deja: dict[str, _Entree] | None = convention._cache.get("acces")
        if deja is not None and type(identifiant) is str:
            entree = deja.get(identifiant)
            if entree is not None:
                fin, actif, clos = entree
                if fin is None or t < fin:
                    return actif
                if clos is not None:
                    return clos
    return _acces_cdap(convention, identifiant, instant, politique)


def _acces_cdap(
    convention: Convention,
    identifiant: str,
    instant: datetime,
    politique: Politique | None,
) -> AccesCdap:
    """Le calcul (et la mise en cache) de la réponse, hors chemin rapide."""
    c = exiger_convention(convention)
    t = moment(instant)
    pol = exiger_politique(politique)
    u = c.trouver_utilisateur(identifiant)
    if u is None:
        return AccesCdap(
            identifiant=identifiant if isinstance(identifiant, str) else apercu(identifiant),
            autorise=False,
            constats=(compte_inconnu(cdap.CDAP_01, identifiant, c.numero),),
        )
    idx = index(c)
    cloture = u.cloture_le is not None and t >= u.cloture_le
    if pol is not None:
        return clos(u) if cloture else _calculer(c, idx, u, pol)
    entree = (
        u.cloture_le,
        _calculer(c, idx, u, None),
        None if u.cloture_le is None else clos(u),
    )
    # Une convention est immuable : sa réponse pour un compte ne change qu'avec l'instant,
    # et seulement au passage de la clôture ; les deux réponses sont gardées.
    c._cache.setdefault("acces", {})[identifiant] = entree
    resultat = entree[2] if cloture else entree[1]
    assert resultat is not None  # noqa: S101 - clôturé implique une date de clôture
    return resultat


def clos(u: Utilisateur) -> AccesCdap:
    """Le refus d'un compte clôturé (``MCP-USR-05``)."""
    assert u.cloture_le is not None  # noqa: S101 - garanti par l'appelant
    return AccesCdap(
        identifiant=u.identifiant,
        autorise=False,
        constats=(
            usr.USR_05.constat(
                f"le compte {u.identifiant} est clôturé depuis le "
                f"{u.cloture_le.isoformat()} : il ne donne plus aucun accès",
                remede="Si la personne doit retrouver l'accès, l'administrateur ou son "
                "gestionnaire réactive le compte (suppression de la date de clôture).",
                cible=u.identifiant,
            ),
        ),
    )


class _Parcours:
    """Ce que les groupes CDAP d'un compte lui donnent, et pourquoi les autres ne donnent rien."""

    __slots__ = ("a_un_groupe_cdap", "constats", "examines", "manquantes", "profils")

    def __init__(self) -> None:
        self.profils: dict[ProfilT, list[str]] = {}
        self.constats: list[Constat] = []
        self.manquantes: list[str] = []
        self.a_un_groupe_cdap = False
        self.examines: set[ProfilT] = set()  # profils refusés déjà expliqués (une fois chacun)


def _calculer(c: Convention, idx: Index, u: Utilisateur, politique: Politique | None) -> AccesCdap:
    ident = u.identifiant
    if Service.CDAP not in c.services:
        return AccesCdap(
            identifiant=ident,
            autorise=False,
            constats=(
                conv.CONV_01.constat(
                    f"la convention {c.numero} ne souscrit pas le service CDAP",
                    remede="L'administrateur demande à la Caf le bulletin d'adhésion CDAP.",
                ),
            ),
        )
    p = _Parcours()
    for gk in idx.groupes_de(u.cle):
        g = c._groupes[gk]
        if g.service is Service.CDAP:
            p.a_un_groupe_cdap = True
            _examiner(c, u, g.code, g.role, politique, p)
    if p.profils:
        return _accorde(ident, p)
    return _refuse(idx, u, p)


def _examiner(
    c: Convention,
    u: Utilisateur,
    code: str,
    role: Role | None,
    politique: Politique | None,
    p: _Parcours,
) -> None:
    """Un groupe CDAP du compte : le profil qu'il lui donne, ou la raison pour laquelle non."""
    ident = u.identifiant
    if role is None:
        p.constats.append(
            grp.GRP_05.constat(
                f"le groupe {code} n'a pas de rôle : il ne donne aucun profil à {ident}",
                remede=f"Un administrateur affecte un profil T au groupe {code} ; ou ajoutez "
                f"{ident} à un groupe qui en a un.",
                cible=code,
            )
        )
    elif not isinstance(role, ProfilT) or role not in c.profils_contractuels:
        p.constats.append(
            conv.CONV_04.constat(
                f"le rôle {role.value} du groupe {code} ne figure pas au contrat de "
                "services : il ne donne rien",
                remede="Seule la Caf peut ajouter ce profil au contrat ; sinon, rattachez "
                "l'utilisateur à un groupe d'un profil souscrit.",
                cible=code,
            )
        )
    elif elig.remplit(u, role, politique):
        p.profils.setdefault(role, []).append(code)
        if role is ProfilT.T10 and not u.code_bailleur:
            p.constats.append(elig.code_bailleur_a_demander(u))
    elif role not in p.examines:
        decision = elig.expliquer(u, role, politique)
        p.examines.add(role)
        p.constats.extend(decision.erreurs)
        p.manquantes.extend(decision.donnees_manquantes)


def _accorde(ident: str, p: _Parcours) -> AccesCdap:
    ordre = sorted(p.profils, key=lambda x: x.rang)
    motif = cdap.CDAP_01.constat(
        f"{ident} a l'option « consulter dossier » avec "
        + ("le profil " if len(ordre) == 1 else "les profils ")
        + liste([x.value for x in ordre]),
        cible=ident,
        severite=I,
    )
    return AccesCdap(
        identifiant=ident,
        autorise=True,
        profils=tuple(ordre),
        groupes=tuple((code, x) for x in ordre for code in sorted(p.profils[x])),
        constats=(motif, *_sans_doublon(p.constats)),
    )


def _refuse(idx: Index, u: Utilisateur, p: _Parcours) -> AccesCdap:
    ident = u.identifiant
    if not p.a_un_groupe_cdap:
        raison = f"{ident} n'est membre d'aucun groupe CDAP"
    else:
        raison = f"aucun des groupes CDAP de {ident} ne lui donne de profil"
    refus = [
        cdap.CDAP_01.constat(
            f"pas d'option « consulter dossier » : {raison}",
            remede=f"Ajoutez {ident} à un groupe CDAP doté d'un rôle dont il remplit les "
            "conditions, ou vérifiez le rôle de ses groupes.",
            cible=ident,
        )
    ]
    if idx.administrateurs and u.cle in idx.administrateurs:
        refus.append(
            conv.CONV_06.constat(
                f"{ident} est administrateur, ce qui ne donne aucun rôle métier : il lui faut, "
                "comme à tout utilisateur, être membre d'un groupe doté d'un rôle",
                remede=f"Ajoutez {ident} explicitement au groupe du profil dont il a besoin.",
                cible=ident,
            )
        )
    return AccesCdap(
        identifiant=ident,
        autorise=False,
        constats=(*refus, *_sans_doublon(p.constats)),
        donnees_manquantes=tuple(p.manquantes),
    )


def profils_effectifs(
    c: Convention, idx: Index, u: Utilisateur, politique: Politique | None
) -> set[ProfilT]:
    """Les profils qu'un compte actif tient effectivement, sans explication (audit, index)."""
    profils: set[ProfilT] = set()
    if Service.CDAP not in c.services:
        return profils
    contrat = c.profils_contractuels
    groupes = c._groupes
    for gk in idx.groupes_de(u.cle):
        g = groupes[gk]
        r = g.role
        if (
            isinstance(r, ProfilT)
            and g.service is Service.CDAP
            and r in contrat
            and r not in profils
            and elig.remplit(u, r, politique)
        ):
            profils.add(r)
    return profils


def _sans_doublon(constats: list[Constat]) -> list[Constat]:
    return list(dict.fromkeys(constats))
