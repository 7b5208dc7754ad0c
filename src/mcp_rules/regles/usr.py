"""USR — les comptes : une personne nommée, une adresse nominative, un compte par personne.

Guide : « 5 - Les missions de l'administrateur Partenaire / La mise à jour des comptes
de ses Utilisateurs », « Respect des termes de la convention ».

Une adresse de service (interprétations 8 et 23) a une partie locale qui est, ou qui
commence avant un séparateur (``.``, ``-``, ``_``, ``+``) par, un mot générique, ou dont
le dernier mot est une marque de service ; le nom, le prénom ou les initiales de la
personne la font sienne :

>>> from mcp_rules import AdresseEmail
>>> est_adresse_de_service(AdresseEmail.parse("accueil@mairie-exemple.fr"))
True
>>> est_adresse_de_service(AdresseEmail.parse("rh-paie@mairie-exemple.fr"))
True
>>> est_adresse_de_service(AdresseEmail.parse("cassagne.mairie@wanadoo.fr"))
True
>>> est_adresse_de_service(
...     AdresseEmail.parse("marie.contact@mairie-exemple.fr"), nom="Durand", prenom="Marie"
... )
False
>>> est_adresse_de_service(AdresseEmail.parse("maillard.j@mairie-exemple.fr"))
False
>>> ourcq = "Communauté de communes du Pays de l'Ourcq"
>>> est_adresse_de_service(AdresseEmail.parse("ccpo@wanadoo.fr"), organisme=ourcq)
True
>>> est_adresse_de_service(
...     AdresseEmail.parse("landivisiau@wanadoo.fr"), organisme="Mairie de Landivisiau"
... )
False
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Final

from mcp_rules.fondations import controles
from mcp_rules.fondations.enumerations import Objet
from mcp_rules.modele import Utilisateur
from mcp_rules.regles import nominatif
from mcp_rules.regles.contexte import ContexteAudit
from mcp_rules.regles.regle import Constat, E, I, Regle, W
from mcp_rules.valeurs.adresse_email import AdresseEmail

_COMPTES: Final = (
    "5 - Les missions de l'administrateur Partenaire / La mise à jour des comptes de ses "
    "Utilisateurs"
)

USR_01: Final = Regle(
    code="MCP-USR-01",
    titre="Un compte est créé pour une personne nommée, pas pour une fonction",
    source=_COMPTES,
    severite=W,
    description="« Madame X », et non « Responsable Petite Enfance » : un nom qui ne peut pas "
    "être celui d'une personne (prénom et nom faits de mots de fonction, ou l'un des deux "
    "vide) est signalé ; Jacques Bureau est une personne.",
    interpretations=(23,),
)
USR_02: Final = Regle(
    code="MCP-USR-02",
    titre="L'adresse électronique est individuelle et nominative",
    source=_COMPTES,
    severite=E,
    description="Les adresses de service (contact@, accueil@, petite.enfance@…) ne sont pas "
    "autorisées par la Cnil ; une adresse qui contient le nom ou le prénom de la personne est "
    "la sienne (bureau.jacques@ est celle de Jacques Bureau). La syntaxe est vérifiée sans "
    "aucune requête DNS.",
    interpretations=(8, 23),
)
USR_03: Final = Regle(
    code="MCP-USR-03",
    titre="Une personne, un compte",
    source=_COMPTES,
    severite=E,
    description="Deux comptes d'une convention ne partagent ni adresse électronique (comparée "
    "sans tenir compte de la casse) ni identifiant.",
    interpretations=(9,),
)
USR_04: Final = Regle(
    code="MCP-USR-04",
    titre="Un compte inutilisé depuis longtemps devrait être clôturé",
    source=_COMPTES,
    severite=W,
    description="Au-delà de la limite d'inactivité de la politique locale (90 jours par "
    "défaut), l'absence prolongée justifie la clôture.",
    interpretations=(6,),
)
USR_05: Final = Regle(
    code="MCP-USR-05",
    titre="Un compte clôturé n'est pas supprimé et ne donne plus rien",
    source=_COMPTES,
    severite=E,
    description="Groupes et historique restent ; à partir de l'instant de clôture le compte ne "
    "donne plus aucun droit ; le réactiver (supprimer la date de clôture) rend exactement ce "
    "qu'il avait.",
    interpretations=(5,),
)
USR_06: Final = Regle(
    code="MCP-USR-06",
    titre="Clôturer les comptes de ceux qui partent ou dont les missions ne justifient plus "
    "l'accès",
    source=_COMPTES,
    severite=I,
    automatisable=False,
)
USR_07: Final = Regle(
    code="MCP-USR-07",
    objet=Objet.CONVENTION,
    titre="Limiter le nombre de personnes qui accèdent au service",
    source="Respect des termes de la convention",
    severite=I,
    automatisable=False,
    description="L'audit donne le nombre de comptes par profil et par service pour y aider.",
)

REGLES: Final = (USR_01, USR_02, USR_03, USR_04, USR_05, USR_06, USR_07)

MOTS_ADRESSE_SERVICE: Final[frozenset[str]] = nominatif.MOTS_SERVICE
"""Les mots de service de l'interprétation 23 (la politique locale peut en ajouter)."""

MOTS_FONCTION: Final[frozenset[str]] = nominatif.MOTS_FONCTION
"""Des mots qui, dans un nom ou un prénom, font penser à une fonction (``MCP-USR-01``)."""


def est_adresse_de_service(
    adresse: AdresseEmail,
    mots_supplementaires: frozenset[str] = frozenset(),
    *,
    nom: str = "",
    prenom: str = "",
    organisme: str = "",
) -> bool:
    """Vrai si l'adresse est une adresse de service (interprétation 23) : elle ne contient
    ni le nom, ni le prénom, ni les initiales de la personne ; elle commence par un mot de
    service, finit par une marque de service, ou n'est faite que du sigle de l'organisme
    partenaire, ou de son nom et d'un mot de service (« ccpo@ » pour la communauté de
    communes du Pays de l'Ourcq ; pas « landivisiau@ » seul, qui pourrait être un nom)."""
    return nominatif.adresse_de_service(
        adresse.partie_locale,
        nom=nom,
        prenom=prenom,
        organisme=organisme,
        mots_supplementaires=mots_supplementaires,
    )


def mots_de_fonction(nom: str, prenom: str) -> tuple[str, ...]:
    """Les mots de fonction d'un nom qui ne peut pas être celui d'une personne (vide
    sinon : « Jacques Bureau » est une personne)."""
    return nominatif.mots_de_fonction_seuls(nom=nom, prenom=prenom)


def auditer(a: ContexteAudit) -> Iterator[Constat]:
    """Noms de fonction, adresses de service, adresses partagées, inactivité prolongée."""
    for adresse, comptes in a.index.adresses_partagees():
        yield from _adresse_partagee(a, adresse, comptes)
    juge = nominatif.juge_des_adresses(a.convention.organisme, a.politique.mots_adresse_service)
    limite = controles.decaler(a.instant, -a.politique.inactivite_max)
    # Dans l'ordre du contexte (le rapport trie ses constats) : sans trier les comptes.
    for u in a.comptes():
        if constats := _compte(a, u, juge, limite):
            yield from constats


def auditer_adresse(a: ContexteAudit, adresse: str) -> Iterator[Constat]:
    """La part d'audit d'une adresse (sa clé) : ``MCP-USR-03`` si plusieurs comptes la
    partagent."""
    comptes = a.index.comptes_de(adresse)
    if len(comptes) > 1:
        yield from _adresse_partagee(a, adresse, comptes)


def auditer_compte(a: ContexteAudit, u: Utilisateur) -> Iterator[Constat]:
    """La part d'audit d'un compte : ``MCP-USR-01``, ``MCP-USR-02``, ``MCP-USR-04``."""
    limite = controles.decaler(a.instant, -a.politique.inactivite_max)
    juge = nominatif.juge_des_adresses(a.convention.organisme, a.politique.mots_adresse_service)
    return iter(_compte(a, u, juge, limite))


def _adresse_partagee(
    a: ContexteAudit, adresse: str, comptes: tuple[str, ...]
) -> Iterator[Constat]:
    c = a.convention
    noms = sorted(c._utilisateurs[k].identifiant for k in comptes)
    for ident in noms:
        yield USR_03.constat(
            f"{ident} partage l'adresse {adresse} avec " + ", ".join(x for x in noms if x != ident),
            remede="Une personne, un compte : gardez le compte de la personne et "
            "clôturez les autres, ou corrigez l'adresse.",
            cible=ident,
        )


def _compte(
    a: ContexteAudit, u: Utilisateur, juge: Callable[[str, str, str], bool], limite: datetime
) -> list[Constat]:
    """Les constats d'un compte (une liste, le plus souvent vide : l'audit l'appelle pour
    chaque compte, sans générateur à créer)."""
    trouves: list[Constat] = []
    nom, prenom = u.nom, u.prenom
    if fonctions := nominatif.mots_de_fonction_seuls(nom=nom, prenom=prenom):
        trouves.append(
            USR_01.constat(
                f"le nom « {prenom} {nom} » se lit comme une fonction ou un service "
                f"(« {fonctions[0]} ») : un compte est créé pour une personne",
                remede="Créez un compte au nom de chaque personne et clôturez ce compte générique.",
                cible=u.identifiant,
            )
        )
    if juge(u.email.partie_locale, nom, prenom):
        trouves.append(
            USR_02.constat(
                f"{u.email} est une adresse de service, interdite par la Cnil",
                remede="Remplacez-la par l'adresse individuelle et nominative de la personne.",
                cible=u.identifiant,
            )
        )
    if a.actif(u):
        if (effectifs := a.effectifs) is not None:  # un audit complet compte les actifs
            effectifs.actifs += 1
        if (vu := u.derniere_connexion or u.cree_le) < limite:
            trouves.append(_inactif(a, u, vu))
    return trouves


def _inactif(a: ContexteAudit, u: Utilisateur, vu: datetime) -> Constat:
    """``MCP-USR-04`` : aucune connexion au compte depuis ``vu``, au-delà de la limite."""
    jours = (a.instant - vu).days
    return USR_04.constat(
        (
            f"le compte {u.identifiant}, créé il y a {jours} jours, n'a jamais servi"
            if u.derniere_connexion is None
            else f"aucune connexion au compte {u.identifiant} depuis {jours} jours"
        )
        + f" (limite : {a.politique.inactivite_max.days} jours)",
        remede="En cas d'absence prolongée, clôturez le compte ; il pourra être réactivé.",
        cible=u.identifiant,
    )
