"""Les réponses de la bibliothèque : décisions, accès CDAP, résultats de commandes.

Chaque réponse s'explique : ``constats`` donne les raisons (une règle du catalogue
chacune), ``donnees_manquantes`` ce qui manque pour pouvoir dire oui — une donnée
manquante n'est pas la même réponse qu'une condition non remplie, même si l'une
et l'autre donnent un refus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

import attrs

from mcp_rules import _controles, erreurs
from mcp_rules.acteurs import Acteur
from mcp_rules.enumerations import ProfilT, Severite
from mcp_rules.erreurs import DonneeInvalide
from mcp_rules.evenements import Evenement
from mcp_rules.regles._base import Constat

if TYPE_CHECKING:
    from mcp_rules.modele import Convention

__all__ = ["A_COMPLETER", "AccesCdap", "Decision", "Etape", "Resultat"]

_AUCUN: Final[tuple[Constat, ...]] = ()


def _tuple_constats(constats: Iterable[Constat]) -> tuple[Constat, ...]:
    return constats if isinstance(constats, tuple) else tuple(constats)


def _tuple_textes(textes: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(textes))


@attrs.frozen(slots=True, kw_only=True)
class Decision:
    """Oui ou non, et pourquoi : ``bool(decision)`` vaut ``autorise``.

    Un refus pour donnée manquante reste un refus ; ``donnees_manquantes`` nomme
    alors les champs à renseigner (``"numero_instructeur"``, ``"code_bailleur"``…).
    """

    autorise: bool
    constats: tuple[Constat, ...] = attrs.field(default=_AUCUN, converter=_tuple_constats)
    donnees_manquantes: tuple[str, ...] = attrs.field(default=(), converter=_tuple_textes)

    def __bool__(self) -> bool:
        return self.autorise

    @property
    def codes(self) -> tuple[str, ...]:
        """Les codes des règles qui ont décidé, sans doublon, dans l'ordre."""
        return tuple(dict.fromkeys(c.code for c in self.constats))

    @property
    def erreurs(self) -> tuple[Constat, ...]:
        """Les constats de sévérité erreur (les raisons d'un refus)."""
        return tuple(c for c in self.constats if c.severite is Severite.ERREUR)

    def _repr_html_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415 - affichage importe ce module

        return affichage.decision_html(self)

    def _repr_markdown_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.decision_md(self)


A_COMPLETER: Final = "à renseigner"
"""La valeur des arguments qu'un plan ne peut pas deviner (un numéro, un code)."""


@attrs.frozen(slots=True, kw_only=True)
class Etape:
    """Une étape d'un plan : une commande, ses arguments, ceux qui peuvent l'exécuter.

    ``a_completer`` nomme les arguments que seule la personne peut fournir (son numéro
    d'instructeur, son code bailleur) : leur valeur dans ``arguments`` est
    :data:`A_COMPLETER`.
    """

    commande: str
    arguments: Mapping[str, Any] = attrs.field(converter=_controles.lecture_seule)
    par: tuple[Acteur, ...]
    texte: str
    a_completer: tuple[str, ...] = ()

    def appliquer(
        self,
        convention: Convention,
        *,
        instant: datetime,
        par: Acteur | None = None,
        **valeurs: Any,
    ) -> Resultat:
        """Exécute l'étape (par le premier acteur proposé, sauf mention contraire)."""
        from mcp_rules import commandes  # noqa: PLC0415 - évite un cycle d'import

        manque = [a for a in self.a_completer if a not in valeurs]
        if manque:
            raise DonneeInvalide(
                erreurs.MANQUANTE,
                f"l'étape « {self.texte} » attend une valeur pour : {', '.join(manque)}",
            )
        if not self.par and par is None:
            raise DonneeInvalide(
                erreurs.MANQUANTE, f"personne ne peut exécuter l'étape « {self.texte} »"
            )
        fonction: Callable[..., Resultat] = getattr(commandes, self.commande)
        arguments = {**self.arguments, **valeurs}
        return fonction(
            convention, par=par if par is not None else self.par[0], instant=instant, **arguments
        )


@attrs.frozen(slots=True, kw_only=True)
class AccesCdap:
    """L'accès d'un compte à la consultation CDAP à un instant (``MCP-CDAP-01``).

    ``profils`` sont les profils effectifs, triés (T1 avant T10) ; ``groupes`` dit
    quel groupe donne quel profil.
    """

    identifiant: str
    autorise: bool
    profils: tuple[ProfilT, ...] = ()
    groupes: tuple[tuple[str, ProfilT], ...] = ()
    constats: tuple[Constat, ...] = attrs.field(default=_AUCUN, converter=_tuple_constats)
    donnees_manquantes: tuple[str, ...] = attrs.field(default=(), converter=_tuple_textes)
    plan: tuple[Etape, ...] = ()
    recours: str | None = None

    def __bool__(self) -> bool:
        return self.autorise

    @property
    def codes(self) -> tuple[str, ...]:
        """Les codes des règles citées, sans doublon, dans l'ordre."""
        return tuple(dict.fromkeys(c.code for c in self.constats))

    def _repr_html_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415 - affichage importe ce module

        return affichage.acces_html(self)

    def _repr_markdown_(self) -> str:
        from mcp_rules import affichage  # noqa: PLC0415

        return affichage.acces_md(self)


@attrs.frozen(slots=True, kw_only=True)
class Resultat:
    """Ce que rend une commande.

    Accepté : ``convention`` est le nouvel état (ses événements ajoutés au journal) et
    ``evenements`` ce que le portail doit exécuter ou consigner. Refusé : ``convention``
    est **l'objet même** qui a été passé, sans aucun événement, et ``constats`` dit
    pourquoi (toutes les règles enfreintes à la fois).
    """

    accepte: bool
    convention: Convention
    evenements: tuple[Evenement, ...] = ()
    constats: tuple[Constat, ...] = attrs.field(default=_AUCUN, converter=_tuple_constats)

    def __bool__(self) -> bool:
        return self.accepte

    @property
    def codes(self) -> tuple[str, ...]:
        """Les codes des règles citées, sans doublon, dans l'ordre."""
        return tuple(dict.fromkeys(c.code for c in self.constats))

    @property
    def erreurs(self) -> tuple[Constat, ...]:
        """Les constats de sévérité erreur (les raisons d'un refus)."""
        return tuple(c for c in self.constats if c.severite is Severite.ERREUR)

    @property
    def avertissements(self) -> tuple[Constat, ...]:
        """Les avertissements (conséquences d'une commande acceptée, par exemple)."""
        return tuple(c for c in self.constats if c.severite is Severite.AVERTISSEMENT)

    @property
    def a_executer(self) -> tuple[Evenement, ...]:
        """Les événements qui demandent une action au portail (courriels, PJ 3)."""
        return tuple(e for e in self.evenements if e.a_executer)
