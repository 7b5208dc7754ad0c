"""Qui accède à quoi : la consultation CDAP, l'ouverture d'un dossier, les autres services.

:func:`acces_cdap` répond à la question qu'un portail pose à chaque page : « ce
compte a-t-il l'option « consulter dossier », et avec quels profils ? ». La
réponse vient de l'index de la convention (son verdict calculé une fois par compte, puis
gardé) : elle ne parcourt jamais la convention.

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

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final, Protocol, TypeVar

import immutables

from mcp_rules.decisions.reponses import AccesCdap, acces_differe, compte_inconnu
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import ProfilT, Role, Service
from mcp_rules.fondations.erreurs import apercu
from mcp_rules.fondations.francais import liste
from mcp_rules.modele import (
    Convention,
    Groupe,
    Politique,
    Utilisateur,
    exiger_convention,
    exiger_politique,
)
from mcp_rules.modele.index import Index, index
from mcp_rules.regles import cdap, conv, elig, grp, usr
from mcp_rules.regles.decision import sans_doublon
from mcp_rules.regles.regle import Constat, I

__all__ = ["acces_cdap", "clos", "profils_effectifs"]

_T = TypeVar("_T", bound=tuple[Any, ...])


_Verdict = tuple[bool, tuple[ProfilT, ...], tuple[tuple[str, ProfilT], ...], tuple[str, ...]]
"""Le verdict d'une réponse : autorisé, profils, groupes, données manquantes. Un même
verdict est partagé par tous les comptes qui l'ont (une copie par convention)."""

_Entree = _Verdict | tuple[str, datetime | None, _Verdict]
"""Ce qui est gardé par compte, sans objet à lui : son verdict partagé quand il est demandé
sous son identifiant et n'a pas de date de clôture (le cas courant) ; sinon (identifiant,
clôture, verdict). La réponse se reconstruit à chaque appel : garder un objet par compte
en faisait un million de plus à parcourir pour le ramasse-miettes, dont la collecte
complète qu'ils déclenchaient coûtait 4,7 s sur un premier passage d'un million de comptes."""


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

    Sans politique locale, dans une convention qui souscrit CDAP, une réponse (accord ou
    refus) a son verdict tout de suite (profils, groupes, données manquantes) et calcule
    ses constats à leur première lecture. D'ici là, elle garde une référence aux tables de
    sa convention (pas à la convention elle-même) : une réponse gardée plus longtemps que sa
    convention, dans un cache de session par exemple, garde ces tables en mémoire tant que
    ses constats n'ont pas été lus ; lire ``constats`` (ou ``codes``) les calcule et lâche
    les tables.
    """
    # Chemin rapide : la réponse déjà calculée pour ce compte dans cette convention.
    if politique is None and type(convention) is Convention:
        t = instant if type(instant) is datetime and instant.tzinfo is UTC else moment(instant)
        cache = convention._cache
        deja: dict[str, _Entree] | None = cache.get("acces")
        if deja is not None and type(identifiant) is str:
            entree = deja.get(identifiant)
            if entree is not None:
                return _rendre(cache, identifiant, entree, t)
    return _acces_cdap(convention, identifiant, instant, politique)


def _rendre(cache: dict[str, Any], identifiant: str, entree: _Entree, t: datetime) -> AccesCdap:
    """La réponse gardée pour ``identifiant`` (la clé sous laquelle elle a été demandée), à
    l'instant ``t`` : reconstruite depuis son verdict, explication différée."""
    if len(entree) == 4:
        autorise, profils, groupes, manquantes = entree
        ident = identifiant
    else:
        ident, fin, verdict = entree
        if fin is not None and t >= fin:
            return acces_differe(ident, False, (), (), cache[_EXPLICATION_CLOTURE])
        autorise, profils, groupes, manquantes = verdict
    return acces_differe(ident, autorise, profils, groupes, cache[_EXPLICATION_COMPTE], manquantes)


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
    if pol is not None or Service.CDAP not in c.services:
        # Une politique locale, ou pas de CDAP : la réponse est expliquée tout de suite.
        return clos(u) if cloture else _expliquer(c, idx, u, pol)
    # Une convention est immuable : sa réponse pour un compte ne change qu'avec l'instant,
    # et seulement au passage de la clôture. Le verdict est gardé (voir _Entree), et
    # l'explication différée de la convention avec lui.
    verdict = _verdict(c, idx, u)
    cache = c._cache
    _explication(c, idx, _EXPLICATION_COMPTE, _constats_expliques)
    entree: _Entree
    if u.cloture_le is None and type(identifiant) is str and identifiant == u.identifiant:
        entree = verdict
    else:
        if u.cloture_le is not None:
            _explication(c, idx, _EXPLICATION_CLOTURE, _constats_clos)
        entree = (u.identifiant, u.cloture_le, verdict)
    cache.setdefault("acces", {})[identifiant] = entree
    return _rendre(cache, identifiant, entree, t)


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


_UN_PROFIL: Final[dict[ProfilT, tuple[ProfilT]]] = {p: (p,) for p in ProfilT}


def _verdict(c: Convention, idx: Index, u: Utilisateur) -> _Verdict:
    """Le verdict d'un compte actif (convention qui souscrit CDAP, sans politique locale),
    en un passage sur ses groupes ; la copie partagée de la convention.

    Les profils, les groupes et les données manquantes sont ceux que donnerait
    :func:`_expliquer` (les tests le vérifient compte par compte) : un refus nomme les
    données manquantes de chaque profil refusé, examiné une fois, dans l'ordre des groupes ;
    les constats sont ceux de :func:`_expliquer`, calculés à la lecture.
    """
    contrat = c.profils_contractuels
    groupes = c._groupes
    paires: list[tuple[ProfilT, str]] = []
    refuses: list[ProfilT] = []
    for gk in idx.groupes_de(u.cle):
        g = groupes[gk]
        r = g.role
        if g.service is Service.CDAP and type(r) is ProfilT and r in contrat:
            if elig.remplit(u, r, None):
                paires.append((r, g.code))
            elif r not in refuses:
                refuses.append(r)
    # Les tuples d'un même groupe, d'une même combinaison de groupes, et les verdicts
    # eux-mêmes sont partagés par tous les comptes qui les ont (setdefault : un seul appel,
    # sûr entre fils).
    partages: dict[object, Any] = c._cache.setdefault("acces_groupes", {})
    if not paires:
        manquantes = sans_doublon(
            d for r in refuses for d in elig.decision(u, r, None).donnees_manquantes
        )
        return _partage(partages, (False, (), (), manquantes))
    if len(paires) == 1:
        r, code = paires[0]
        profils: tuple[ProfilT, ...] = _UN_PROFIL[r]
        par_groupe = partages.get(code)
        if par_groupe is None:
            par_groupe = partages[code] = ((code, r),)
    else:
        codes: dict[ProfilT, list[str]] = {}
        for r, code in paires:
            codes.setdefault(r, []).append(code)
        profils = _partage(partages, tuple(sorted(codes, key=lambda x: x.rang)))
        par_groupe = _partage(
            partages,
            tuple(_partage(partages, (code, x)) for x in profils for code in sorted(codes[x])),
        )
    return _partage(partages, (True, profils, par_groupe, ()))


_EXPLICATION_COMPTE: Final = "acces_explication_compte"
_EXPLICATION_CLOTURE: Final = "acces_explication_cloture"


class _Source(Protocol):
    """Ce que l'explication d'une réponse lit d'une convention."""

    @property
    def numero(self) -> str: ...
    @property
    def services(self) -> frozenset[Service]: ...
    @property
    def profils_contractuels(self) -> frozenset[ProfilT]: ...
    @property
    def _groupes(self) -> immutables.Map[str, Groupe]: ...


class _Vue:
    """Ce qu'il faut d'une convention pour expliquer plus tard ses réponses, sans la convention.

    Une réponse différée garde cette vue, et la convention garde ses réponses : si la
    réponse gardait la convention, l'une et l'autre formeraient un cycle, et une
    convention abandonnée attendrait le ramasse-miettes au lieu d'être libérée aussitôt.
    Les tables sont celles de la convention (immuables), partagées, pas copiées.
    """

    __slots__ = ("_groupes", "_utilisateurs", "idx", "numero", "profils_contractuels", "services")

    def __init__(self, c: Convention, idx: Index) -> None:
        self.numero = c.numero
        self.services = c.services
        self.profils_contractuels = c.profils_contractuels
        self._groupes = c._groupes
        self._utilisateurs = c._utilisateurs
        self.idx = idx

    def compte(self, identifiant: str) -> Utilisateur:
        """Le compte de la réponse (il existe : la réponse vient de cette convention)."""
        return self._utilisateurs[cle(identifiant)]


def _explication(
    c: Convention,
    idx: Index,
    nom: str,
    calcul: Callable[[AccesCdap, _Vue], tuple[Constat, ...]],
) -> tuple[Any, ...]:
    """Une explication différée des réponses de cette convention (un tuple pour toutes,
    gardé dans le cache de la convention sous ``nom``)."""
    e: tuple[Any, ...] | None = c._cache.get(nom)
    if e is None:
        e = c._cache[nom] = (calcul, _Vue(c, idx))
    return e


def _partage(partages: dict[object, Any], valeur: _T) -> _T:
    """La copie partagée de ce tuple (la première vue)."""
    partagee: _T = partages.setdefault(valeur, valeur)
    return partagee


def _constats_clos(reponse: AccesCdap, vue: _Vue) -> tuple[Constat, ...]:
    """Les constats du refus d'un compte clôturé (explication différée)."""
    return clos(vue.compte(reponse.identifiant)).constats


def _constats_expliques(reponse: AccesCdap, vue: _Vue) -> tuple[Constat, ...]:
    """Les constats d'un accès accordé ou refusé (explication différée) : ceux que donne
    l'explication complète du même compte dans la même convention."""
    return _expliquer(vue, vue.idx, vue.compte(reponse.identifiant), None).constats


def _expliquer(c: _Source, idx: Index, u: Utilisateur, politique: Politique | None) -> AccesCdap:
    """La réponse d'un compte actif, expliquée tout de suite."""
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
    c: _Source,
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
