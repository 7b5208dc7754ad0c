"""L'accès d'un compte à la consultation CDAP : la réponse de :func:`~mcp_rules.acces_cdap`.

Le plan qui donnerait l'accès à un compte refusé est une analyse, pas une décision : il
se demande à :func:`~mcp_rules.plan_acces_cdap` ou à :func:`~mcp_rules.diagnostiquer`.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from mcp_rules.fondations.enumerations import ProfilT
from mcp_rules.fondations.erreurs import apercu
from mcp_rules.fondations.rendu import Affichable, Bloc, Gras, Paragraphe
from mcp_rules.regles.decision import (
    POSER_EXPLICATION,
    Explicable,
    en_tuple,
    explication_differee,
    poseurs_des_champs,
    sans_doublon,
)
from mcp_rules.regles.regle import Constat, Regle, tableau_constats

__all__ = ["AccesCdap", "acces_differe", "compte_inconnu"]


def compte_inconnu(regle: Regle, identifiant: object, numero: str) -> Constat:
    """Le refus d'une question d'accès posée pour un compte qui n'existe pas."""
    return regle.constat(
        f"aucun compte {apercu(identifiant)} dans la convention {numero}",
        remede="Vérifiez l'identifiant ; un compte se crée par l'administrateur ou le "
        "gestionnaire d'habilitations.",
        cible=identifiant if isinstance(identifiant, str) else None,
    )


_AUCUN: Final[tuple[Constat, ...]] = ()


@explication_differee
@attrs.frozen(slots=True, kw_only=True)
class AccesCdap(Explicable, Affichable):
    """L'accès d'un compte à la consultation CDAP à un instant (``MCP-CDAP-01``).

    ``profils`` sont les profils effectifs, triés (T1 avant T10) ; ``groupes`` dit
    quel groupe donne quel profil.

    Un accès accordé calcule ses constats à la première lecture (voir
    :class:`~mcp_rules.regles.decision.Explicable`) : le verdict, lui, est toujours là.
    """

    identifiant: str
    autorise: bool
    profils: tuple[ProfilT, ...] = ()
    groupes: tuple[tuple[str, ProfilT], ...] = ()
    constats: tuple[Constat, ...] = attrs.field(default=_AUCUN, converter=en_tuple)
    donnees_manquantes: tuple[str, ...] = attrs.field(default=(), converter=sans_doublon)

    def __bool__(self) -> bool:
        return self.autorise

    def _blocs(self) -> tuple[Bloc, ...]:
        profils = ", ".join(p.value for p in self.profils) or "aucun"
        etat = "option « consulter dossier »" if self.autorise else "pas d’accès CDAP"
        return (
            Paragraphe(Gras(self.identifiant), f" : {etat} — profils : {profils}"),
            tableau_constats(self.constats),
        )


_POSEURS: Final = poseurs_des_champs(AccesCdap)
_CREER: Final = object.__new__


def acces_differe(
    identifiant: str,
    autorise: bool,
    profils: tuple[ProfilT, ...],
    groupes: tuple[tuple[str, ProfilT], ...],
    explication: tuple[Any, ...],
    donnees_manquantes: tuple[str, ...] = (),
) -> AccesCdap:
    """Un :class:`AccesCdap` dont les constats seront ``calcul(acces, *arguments)``
    (``explication == (calcul, *arguments)``), calculés à la première lecture ; construit
    sans ``__init__`` (les tests vérifient qu'il est égal, champ pour champ, au même accès
    construit normalement). ``donnees_manquantes`` doit donc déjà être sans doublon."""
    a = _CREER(AccesCdap)
    p_identifiant, p_autorise, p_profils, p_groupes, _, p_manquantes = _POSEURS
    p_identifiant(a, identifiant)
    p_autorise(a, autorise)
    p_profils(a, profils)
    p_groupes(a, groupes)
    p_manquantes(a, donnees_manquantes)
    POSER_EXPLICATION(a, explication)
    return a
