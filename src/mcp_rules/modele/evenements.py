"""Les événements : ce qu'une commande acceptée a fait, et ce que le portail doit faire.

Chaque commande acceptée ajoute ses événements au journal de la convention et
les rend à l'appelant. Certains demandent une action au portail qui embarque la
bibliothèque, qui n'envoie rien elle-même : :class:`IdentifiantEnvoye` et
:class:`MotDePasseTemporaireEmis` (deux courriels, ``MCP-MDP-01``),
:class:`Pj3Requise` (une PJ 3 à transmettre à la Caf, ``MCP-AFAS-05``).

Tous portent ``instant`` (en UTC) et ``par`` (l'identifiant de l'acteur, ou
:data:`~mcp_rules.CAF`). En JSON, un événement est un objet dont le
membre ``"type"`` nomme la classe.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, ClassVar, Final

import attrs

from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.acteurs import Acteur, ActeurCaf
from mcp_rules.fondations.enumerations import ProfilT, Role, RoleAfas, RoleApplicatif, Service
from mcp_rules.fondations.erreurs import Collecteur, DonneeInvalide, apercu
from mcp_rules.valeurs.adresse_email import AdresseEmail

__all__ = [
    "TYPES_EVENEMENTS",
    "AdministrateurDesigne",
    "ApprobateurValide",
    "CompteCloture",
    "CompteCree",
    "CompteModifie",
    "CompteReactive",
    "Evenement",
    "GestionnaireDesigne",
    "GroupeCree",
    "IdentifiantEnvoye",
    "LibelleModifie",
    "MembreAjoute",
    "MembreRetire",
    "MotDePassePersonnalise",
    "MotDePasseTemporaireEmis",
    "Pj3Requise",
    "RoleAfasConfigure",
    "RoleAfasRetire",
    "RoleAffecte",
    "RoleRetire",
]

Controle = Callable[[Any, str], Any]


def _acteur(valeur: object, quoi: str) -> Acteur:
    if isinstance(valeur, ActeurCaf):
        return valeur
    return controles.identifiant(valeur, quoi)


def _optionnel(controle: Controle) -> Controle:
    def verifier(valeur: object, quoi: str) -> object:
        return None if valeur is None else controle(valeur, quoi)

    return verifier


def _enum(cls: type[Service] | type[ProfilT] | type[RoleAfas]) -> Controle:
    def verifier(valeur: object, quoi: str) -> object:
        if isinstance(valeur, cls):
            return valeur
        raise DonneeInvalide(
            erreurs.TYPE,
            f"{quoi} : un {cls.__name__} est attendu, pas {apercu(valeur)}",
            valeur=valeur,
        )

    return verifier


def _role(valeur: object, quoi: str) -> Role:
    if isinstance(valeur, ProfilT | RoleApplicatif):
        return valeur
    raise DonneeInvalide(
        erreurs.TYPE,
        f"{quoi} : un ProfilT ou un RoleApplicatif est attendu, pas {apercu(valeur)}",
        valeur=valeur,
    )


def _email(valeur: object, quoi: str) -> AdresseEmail:
    if isinstance(valeur, AdresseEmail):
        return valeur
    raise DonneeInvalide(
        erreurs.TYPE,
        f"{quoi} : une AdresseEmail est attendue, pas {apercu(valeur)}",
        valeur=valeur,
    )


def _libelle(valeur: object, quoi: str) -> str:
    return controles.texte(valeur, quoi, controles.LONGUEUR_LIBELLE)


def _champs(valeur: object, quoi: str) -> tuple[str, ...]:
    if isinstance(valeur, tuple) and all(isinstance(v, str) for v in valeur):
        return tuple(controles.identifiant(v, quoi) for v in valeur)
    raise DonneeInvalide(
        erreurs.TYPE, f"{quoi} : un tuple de noms de champs est attendu", valeur=valeur
    )


_ID: Final = controles.identifiant
_ID_OPT: Final = _optionnel(controles.identifiant)


def _champ(controle: Controle, **kwargs: Any) -> Any:
    return attrs.field(metadata={"controle": controle}, **kwargs)


@attrs.frozen(slots=True, kw_only=True)
class Evenement:
    """Ce qui est commun à tous les événements : quand, et par qui."""

    instant: datetime = _champ(controles.instant)
    par: Acteur = _champ(_acteur)

    #: Vrai pour les événements qui demandent une action au portail.
    a_executer: ClassVar[bool] = False

    def __attrs_post_init__(self) -> None:
        if type(self) is Evenement:
            raise DonneeInvalide(
                erreurs.INCONNUE, "Evenement est abstrait : utilisez l'une de ses sous-classes"
            )
        collecteur = Collecteur()
        for champ in attrs.fields(type(self)):
            controle: Controle = champ.metadata["controle"]
            valeur = getattr(self, champ.name)
            lu = controles.verifier(collecteur, champ.name, controle, valeur, champ.name)
            if lu is not None and lu is not valeur:
                object.__setattr__(self, champ.name, lu)
        collecteur.lever()


@attrs.frozen(slots=True, kw_only=True)
class GroupeCree(Evenement):
    """Un groupe a été créé (``MCP-ROLE-03``, ``MCP-ROLE-04``)."""

    groupe: str = _champ(_ID)
    libelle: str = _champ(_libelle)
    service: Service = _champ(_enum(Service))
    gestionnaire: str = _champ(_ID)
    parent: str | None = _champ(_ID_OPT, default=None)


@attrs.frozen(slots=True, kw_only=True)
class RoleAffecte(Evenement):
    """Un rôle (profil T, ou rôle applicatif ADONIS ou Offre-bailleurs) a été affecté à un
    groupe (``MCP-ROLE-06``)."""

    groupe: str = _champ(_ID)
    profil: Role = _champ(_role)


@attrs.frozen(slots=True, kw_only=True)
class RoleRetire(Evenement):
    """Le rôle d'un groupe a été retiré : ses membres perdent ce qu'il leur donnait."""

    groupe: str = _champ(_ID)
    profil: Role = _champ(_role)


@attrs.frozen(slots=True, kw_only=True)
class LibelleModifie(Evenement):
    """Le libellé d'un groupe a changé (son code, lui, ne change jamais)."""

    groupe: str = _champ(_ID)
    ancien: str = _champ(_libelle)
    nouveau: str = _champ(_libelle)


@attrs.frozen(slots=True, kw_only=True)
class GestionnaireDesigne(Evenement):
    """Un gestionnaire d'habilitations a été désigné pour un groupe (``MCP-ROLE-11``)."""

    groupe: str = _champ(_ID)
    gestionnaire: str = _champ(_ID)
    precedent: str | None = _champ(_ID_OPT, default=None)


@attrs.frozen(slots=True, kw_only=True)
class CompteCree(Evenement):
    """Un compte a été créé, éventuellement dans un groupe."""

    utilisateur: str = _champ(_ID)
    groupe: str | None = _champ(_ID_OPT, default=None)


@attrs.frozen(slots=True, kw_only=True)
class CompteModifie(Evenement):
    """Des informations d'un compte ont changé ; ``champs`` les nomme."""

    utilisateur: str = _champ(_ID)
    champs: tuple[str, ...] = _champ(_champs)


@attrs.frozen(slots=True, kw_only=True)
class IdentifiantEnvoye(Evenement):
    """Le portail doit envoyer son identifiant à l'utilisateur (``MCP-MDP-01``)."""

    a_executer: ClassVar[bool] = True

    utilisateur: str = _champ(_ID)
    email: AdresseEmail = _champ(_email)


@attrs.frozen(slots=True, kw_only=True)
class MotDePasseTemporaireEmis(Evenement):
    """Le portail doit envoyer un mot de passe temporaire valable 24 h (``MCP-MDP-02``)."""

    a_executer: ClassVar[bool] = True

    utilisateur: str = _champ(_ID)
    email: AdresseEmail = _champ(_email)
    expire_le: datetime = _champ(controles.instant)


@attrs.frozen(slots=True, kw_only=True)
class MembreAjoute(Evenement):
    """Un compte a été ajouté à un groupe (``MCP-ROLE-07``)."""

    groupe: str = _champ(_ID)
    utilisateur: str = _champ(_ID)


@attrs.frozen(slots=True, kw_only=True)
class MembreRetire(Evenement):
    """Un compte a été retiré d'un groupe."""

    groupe: str = _champ(_ID)
    utilisateur: str = _champ(_ID)


@attrs.frozen(slots=True, kw_only=True)
class CompteCloture(Evenement):
    """Un compte a été clôturé à l'instant ``le`` (qui peut être à venir)."""

    utilisateur: str = _champ(_ID)
    le: datetime = _champ(controles.instant)


@attrs.frozen(slots=True, kw_only=True)
class CompteReactive(Evenement):
    """La date de clôture d'un compte a été supprimée (``MCP-USR-05``)."""

    utilisateur: str = _champ(_ID)


@attrs.frozen(slots=True, kw_only=True)
class AdministrateurDesigne(Evenement):
    """La Caf a désigné un administrateur partenaire (annexe 3, ``MCP-CONV-03``)."""

    identifiant: str = _champ(_ID)
    remplace: str | None = _champ(_ID_OPT, default=None)


@attrs.frozen(slots=True, kw_only=True)
class RoleAfasConfigure(Evenement):
    """Un rôle AFAS a été configuré pour un déclarant (``MCP-AFAS-03``)."""

    utilisateur: str = _champ(_ID)
    role: RoleAfas = _champ(_enum(RoleAfas))


@attrs.frozen(slots=True, kw_only=True)
class RoleAfasRetire(Evenement):
    """Un rôle AFAS a été retiré."""

    utilisateur: str = _champ(_ID)
    role: RoleAfas = _champ(_enum(RoleAfas))


@attrs.frozen(slots=True, kw_only=True)
class Pj3Requise(Evenement):
    """Le portail doit transmettre une PJ 3 à la Caf pour le nouvel approbateur."""

    a_executer: ClassVar[bool] = True

    utilisateur: str = _champ(_ID)
    precedent: str | None = _champ(_ID_OPT, default=None)


@attrs.frozen(slots=True, kw_only=True)
class ApprobateurValide(Evenement):
    """La Caf a validé le nouvel approbateur (dans MAIA) : il entre en fonction."""

    utilisateur: str = _champ(_ID)
    precedent: str | None = _champ(_ID_OPT, default=None)


@attrs.frozen(slots=True, kw_only=True)
class MotDePassePersonnalise(Evenement):
    """L'utilisateur a personnalisé son mot de passe à sa première connexion."""

    utilisateur: str = _champ(_ID)


TYPES_EVENEMENTS: Final[Mapping[str, type[Evenement]]] = MappingProxyType(
    {
        cls.__name__: cls
        for cls in (
            GroupeCree,
            RoleAffecte,
            RoleRetire,
            LibelleModifie,
            GestionnaireDesigne,
            CompteCree,
            CompteModifie,
            IdentifiantEnvoye,
            MotDePasseTemporaireEmis,
            MembreAjoute,
            MembreRetire,
            CompteCloture,
            CompteReactive,
            AdministrateurDesigne,
            RoleAfasConfigure,
            RoleAfasRetire,
            Pj3Requise,
            ApprobateurValide,
            MotDePassePersonnalise,
        )
    }
)
"""Chaque classe d'événement, par son nom (celui du membre ``"type"`` en JSON)."""
