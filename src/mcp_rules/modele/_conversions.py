"""Conversions souples des champs du modèle, partagées par ses types (usage interne).

Un texte bien formé (``"CDAP"``, une adresse) devient la valeur typée ; sinon il reste tel
quel, pour être refusé avec tous les autres défauts de l'objet par son contrôle complet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final, TypeVar

from mcp_rules.fondations.enumerations import (
    Fonction,
    ProfilT,
    Role,
    RoleApplicatif,
    Service,
    lire_role,
)
from mcp_rules.fondations.erreurs import DonneeInvalide
from mcp_rules.valeurs.adresse_email import AdresseEmail
from mcp_rules.valeurs.numero_instructeur import NumeroInstructeur

VIDE: Final[frozenset[str]] = frozenset()


def poser(objet: object, valeurs: dict[str, object]) -> None:
    """Remplace des champs d'un objet gelé pendant sa construction (normalisation)."""
    for nom, valeur in valeurs.items():
        object.__setattr__(objet, nom, valeur)


_E = TypeVar("_E", Fonction, Service, ProfilT)
_T = TypeVar("_T")


def souple(lire: Callable[[object], _T], valeur: _T | str) -> _T:
    """Convertit un texte bien formé (``"CDAP"``, une adresse) ; sinon le laisse tel quel.

    La valeur fautive est alors refusée, avec toutes les autres, par le contrôle complet
    de l'objet : un seul message liste tous les défauts.
    """
    if isinstance(valeur, str):
        try:
            return lire(valeur)
        except DonneeInvalide:
            pass
    return valeur  # type: ignore[return-value]


def vers_ensemble(valeurs: Iterable[str]) -> frozenset[str]:
    """Accepte tout itérable de textes ; un texte seul ou un intrus reste tel quel, pour être
    refusé (avec les autres défauts) par le contrôle complet de l'objet."""
    if type(valeurs) is frozenset:
        return valeurs
    if isinstance(valeurs, (str, bytes)) or not isinstance(valeurs, Iterable):
        return valeurs  # type: ignore[return-value]
    try:
        return frozenset(valeurs)
    except TypeError:  # des éléments non hachables : le contrôle complet les nommera
        return valeurs  # type: ignore[return-value]


def vers_email(valeur: AdresseEmail | str) -> AdresseEmail:
    return valeur if type(valeur) is AdresseEmail else souple(AdresseEmail.parse, valeur)


def vers_fonction(valeur: Fonction | str) -> Fonction:
    return valeur if type(valeur) is Fonction else souple(Fonction.parse, valeur)


def vers_service(valeur: Service | str) -> Service:
    return valeur if type(valeur) is Service else souple(Service.parse, valeur)


def vers_role(valeur: Role | str | None) -> Role | None:
    if valeur is None or isinstance(valeur, ProfilT | RoleApplicatif):
        return valeur
    lu: Role | str = souple(lire_role, valeur)
    return lu  # type: ignore[return-value]  # un texte fautif, refusé par le contrôle complet


def vers_numero(valeur: NumeroInstructeur | str | None) -> NumeroInstructeur | None:
    if valeur is None or type(valeur) is NumeroInstructeur:
        return valeur
    return souple(NumeroInstructeur.parse, valeur)


def enum_ou_texte(cls: type[_E], valeur: object) -> _E:
    if type(valeur) is cls:
        return valeur
    return cls.parse(valeur)
