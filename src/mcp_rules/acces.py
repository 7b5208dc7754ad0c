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
from typing import Final

import attrs

from mcp_rules import _controles, erreurs
from mcp_rules._index import Index, groupes_du_compte, index
from mcp_rules.enumerations import ProfilT, Service
from mcp_rules.erreurs import DonneeInvalide, apercu
from mcp_rules.modele import (
    GROUPE_AFAS_DECLARER,
    LONGUEUR_NUMERO_ALLOCATAIRE,
    Convention,
    Politique,
    Utilisateur,
)
from mcp_rules.regles import afas, cdap, conv, elig, grp, role, usr
from mcp_rules.regles._base import Constat, I
from mcp_rules.resultats import AccesCdap, Decision

__all__ = ["acces_cdap", "acces_service", "consulter_dossier"]


def moment(instant: object) -> datetime:
    """L'instant en UTC ; chemin rapide pour un instant déjà en UTC."""
    if type(instant) is datetime and instant.tzinfo is UTC:
        return instant
    return _controles.instant(instant)


def _convention(convention: object) -> Convention:
    if isinstance(convention, Convention):
        return convention
    raise DonneeInvalide(
        erreurs.TYPE, f"une Convention est attendue, pas {apercu(convention)}", valeur=convention
    )


def _politique(politique: object) -> Politique | None:
    if politique is None or isinstance(politique, Politique):
        return politique
    raise DonneeInvalide(
        erreurs.TYPE, f"une Politique est attendue, pas {apercu(politique)}", valeur=politique
    )


_Entree = tuple[datetime | None, AccesCdap, AccesCdap | None]
"""Ce qui est gardé par compte : (clôture, accès s'il est actif, accès une fois clôturé)."""


def acces_cdap(
    convention: Convention,
    identifiant: str,
    *,
    instant: datetime,
    politique: Politique | None = None,
    avec_plan: bool = False,
) -> AccesCdap:
    """L'accès CDAP de ce compte à cet instant : profils effectifs, ou raisons du refus.

    Un compte inconnu, clôturé, sans groupe CDAP doté d'un rôle, ou qui ne remplit les
    conditions d'aucun de ses profils est refusé, avec les constats qui disent pourquoi.

    ``avec_plan=True`` : un refus porte aussi le plan de remède (la plus courte suite de
    commandes qui donnerait l'accès, et qui peut les exécuter) ou le recours. Le plan
    dépend de l'instant et parcourt les groupes : il n'est calculé que sur demande, pour
    que la question posée à chaque page reste une simple lecture d'index.
    """
    # Chemin rapide : la réponse déjà calculée pour ce compte dans cette convention.
    if politique is None and not avec_plan and type(convention) is Convention:
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
    resultat = _acces_cdap(convention, identifiant, instant, politique)
    if not avec_plan or resultat.autorise:
        return resultat
    from mcp_rules.diagnostic import plan_acces_cdap  # noqa: PLC0415 - cycle d'import

    etapes, recours = plan_acces_cdap(convention, identifiant, instant=instant)
    return attrs.evolve(resultat, plan=etapes, recours=recours)


def _acces_cdap(
    convention: Convention,
    identifiant: str,
    instant: datetime,
    politique: Politique | None,
) -> AccesCdap:
    """Le calcul (et la mise en cache) de la réponse, hors chemin rapide."""
    c = _convention(convention)
    t = moment(instant)
    pol = _politique(politique)
    u = c.trouver_utilisateur(identifiant)
    if u is None:
        return AccesCdap(
            identifiant=identifiant if isinstance(identifiant, str) else apercu(identifiant),
            autorise=False,
            constats=(
                cdap.CDAP_01.constat(
                    f"aucun compte {apercu(identifiant)} dans la convention {c.numero}",
                    remede="Vérifiez l'identifiant ; un compte se crée par l'administrateur ou "
                    "le gestionnaire d'habilitations.",
                    cible=identifiant if isinstance(identifiant, str) else None,
                ),
            ),
        )
    idx = index(c)
    cloture = u.cloture_le is not None and t >= u.cloture_le
    if pol is not None:
        return _clos(u) if cloture else _calculer(c, idx, u, pol)
    entree = (
        u.cloture_le,
        _calculer(c, idx, u, None),
        None if u.cloture_le is None else _clos(u),
    )
    # Une convention est immuable : sa réponse pour un compte ne change qu'avec l'instant,
    # et seulement au passage de la clôture ; les deux réponses sont gardées.
    c._cache.setdefault("acces", {})[identifiant] = entree
    resultat = entree[2] if cloture else entree[1]
    assert resultat is not None  # noqa: S101 - clôturé implique une date de clôture
    return resultat


def _clos(u: Utilisateur) -> AccesCdap:
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
                    cible=ident,
                ),
            ),
        )
    profils: dict[ProfilT, list[str]] = {}
    constats: list[Constat] = []
    manquantes: list[str] = []
    groupes_cdap = 0
    eligibilites: dict[ProfilT, Decision] = {}
    for gk in idx.groupes_de(u.cle):
        g = c._groupes[gk]
        if g.service is not Service.CDAP:
            continue
        groupes_cdap += 1
        if g.role is None:
            constats.append(
                grp.GRP_05.constat(
                    f"le groupe {g.code} n'a pas de rôle : il ne donne aucun profil à {ident}",
                    remede=f"Affectez un rôle (profil T) au groupe {g.code}, ou ajoutez {ident} "
                    "à un groupe qui en a un.",
                    cible=ident,
                )
            )
            continue
        if g.role not in c.profils_contractuels:
            constats.append(
                conv.CONV_04.constat(
                    f"le rôle {g.role.value} du groupe {g.code} ne figure pas au contrat de "
                    "services : il ne donne rien",
                    remede="Seule la Caf peut ajouter ce profil au contrat ; sinon, rattachez "
                    "l'utilisateur à un groupe d'un profil souscrit.",
                    cible=ident,
                )
            )
            continue
        if elig.remplit(u, g.role, politique):
            profils.setdefault(g.role, []).append(g.code)
            continue
        decision = eligibilites.get(g.role)
        if decision is None:
            decision = elig._eligibilite(u, g.role, politique)
            eligibilites[g.role] = decision
            constats.extend(decision.erreurs)
            manquantes.extend(decision.donnees_manquantes)
    if profils:
        ordre = sorted(profils, key=lambda p: p.rang)
        par_groupe = tuple((code, p) for p in ordre for code in sorted(profils[p]))
        motif = cdap.CDAP_01.constat(
            f"{ident} a l'option « consulter dossier » avec le(s) profil(s) "
            + ", ".join(p.value for p in ordre),
            cible=ident,
            severite=I,
        )
        return AccesCdap(
            identifiant=ident,
            autorise=True,
            profils=tuple(ordre),
            groupes=par_groupe,
            constats=(motif, *_sans_doublon(constats)),
        )
    if groupes_cdap == 0:
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
        constats=(*refus, *_sans_doublon(constats)),
        donnees_manquantes=tuple(manquantes),
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
            r is not None
            and g.service is Service.CDAP
            and r in contrat
            and r not in profils
            and elig.remplit(u, r, politique)
        ):
            profils.add(r)
    return profils


def _sans_doublon(constats: list[Constat]) -> list[Constat]:
    return list(dict.fromkeys(constats))


_BLANCS: Final = " \t\u00a0"


def consulter_dossier(
    convention: Convention,
    identifiant: str,
    *,
    numero_allocataire: str | None,
    nom_allocataire: str | None,
    instant: datetime,
    politique: Politique | None = None,
) -> Decision:
    """Ce compte peut-il ouvrir ce dossier ? Numéro **et** nom exigés (Cnil), mandats T9."""
    for nom, valeur in (
        ("numero_allocataire", numero_allocataire),
        ("nom_allocataire", nom_allocataire),
    ):
        if valeur is not None and not isinstance(valeur, str):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"{nom} : un texte est attendu, pas {apercu(valeur)}",
                valeur=valeur,
            )
    acces = acces_cdap(convention, identifiant, instant=instant, politique=politique)
    numero = (numero_allocataire or "").strip(_BLANCS)
    nom = (nom_allocataire or "").strip(_BLANCS)
    refus: list[Constat] = []
    manquantes = [n for n, v in (("numero_allocataire", numero), ("nom_allocataire", nom)) if not v]
    cible = acces.identifiant
    if manquantes:
        refus.append(
            cdap.CDAP_02.constat(
                "la recherche d'un dossier exige le numéro ET le nom de l'allocataire ; "
                f"manquant : {', '.join(manquantes)}",
                remede="Saisissez les deux : c'est une exigence de la Cnil, qui ne se contourne "
                "pas.",
                cible=cible,
            )
        )
    elif not _controles.alphanumerique_valide(numero, LONGUEUR_NUMERO_ALLOCATAIRE):
        refus.append(
            cdap.CDAP_02.constat(
                f"le numéro d'allocataire {apercu(numero)} est mal formé (chiffres et lettres "
                "ASCII seulement)",
                remede="Vérifiez le numéro d'allocataire saisi.",
                cible=cible,
            )
        )
    if not acces.autorise:
        return Decision(
            autorise=False,
            constats=(*refus, *acces.constats),
            donnees_manquantes=(*manquantes, *acces.donnees_manquantes),
        )
    if refus:
        return Decision(autorise=False, constats=refus, donnees_manquantes=manquantes)
    if acces.profils == (ProfilT.T9,):
        u = convention.utilisateur(identifiant)
        if numero not in u.mandats:
            return Decision(
                autorise=False,
                constats=(
                    cdap.CDAP_03.constat(
                        f"{u.identifiant} ne consulte que par le profil T9 : le dossier {numero} "
                        "ne fait pas partie des dossiers qui lui sont confiés par jugement",
                        remede="Seuls les dossiers confiés par jugement peuvent être ouverts ; "
                        "faites enregistrer le mandat s'il existe.",
                        cible=u.identifiant,
                    ),
                ),
            )
    return Decision(
        autorise=True,
        constats=(
            cdap.CDAP_02.constat(
                "numéro et nom de l'allocataire fournis ; profil(s) "
                + ", ".join(p.value for p in acces.profils),
                cible=cible,
                severite=I,
            ),
        ),
    )


def acces_service(
    convention: Convention,
    identifiant: str,
    service: Service | str,
    *,
    instant: datetime,
    politique: Politique | None = None,
) -> Decision:
    """Ce compte atteint-il l'offre de ce service (``MCP-ROLE-08``) ?

    CDAP : :func:`acces_cdap`. AFAS : membre d'AFAS-DECLARER avec un rôle AFAS en
    fonction (``MCP-AFAS-01``). ADONIS et Offre-bailleurs : membre d'au moins un
    groupe de ce service. Toujours : service souscrit, compte actif.
    """
    c = _convention(convention)
    s = Service.parse(service)
    if s is Service.CDAP:
        a = acces_cdap(c, identifiant, instant=instant, politique=politique)
        return Decision(
            autorise=a.autorise, constats=a.constats, donnees_manquantes=a.donnees_manquantes
        )
    t = moment(instant)
    u = c.trouver_utilisateur(identifiant)
    regle = afas.AFAS_01 if s is Service.AFAS else conv.CONV_01
    if u is None:
        return Decision(
            autorise=False,
            constats=(
                regle.constat(
                    f"aucun compte {apercu(identifiant)} dans la convention {c.numero}",
                    cible=identifiant if isinstance(identifiant, str) else None,
                ),
            ),
        )
    ident = u.identifiant
    if s not in c.services:
        return Decision(
            autorise=False,
            constats=(
                conv.CONV_01.constat(
                    f"la convention {c.numero} ne souscrit pas le service {s.value}",
                    remede=f"L'administrateur demande à la Caf le bulletin d'adhésion {s.value}.",
                    cible=ident,
                ),
            ),
        )
    if u.cloture_le is not None and t >= u.cloture_le:
        return Decision(autorise=False, constats=_clos(u).constats)
    idx = index(c)
    groupes = groupes_du_compte(c, idx, u.cle)
    if s is Service.AFAS:
        declarant = afas.est_declarant(c, idx, u.cle)
        roles = afas.roles_afas(c.afas, u.cle)
        manque = []
        if not declarant:
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
    membres_de = [g.code for g in groupes if g.service is s]
    if not membres_de:
        regle = role.ROLE_08
        if idx.administrateurs and u.cle in idx.administrateurs:
            regle = conv.CONV_06
        return Decision(
            autorise=False,
            constats=(
                regle.constat(
                    f"{ident} n'est membre d'aucun groupe du service {s.value}",
                    remede=f"Ajoutez {ident} à un groupe du service {s.value}.",
                    cible=ident,
                ),
            ),
        )
    return Decision(
        autorise=True,
        constats=(
            role.ROLE_08.constat(
                f"{ident} atteint {s.value} par le(s) groupe(s) " + ", ".join(sorted(membres_de)),
                cible=ident,
                severite=I,
            ),
        ),
    )
