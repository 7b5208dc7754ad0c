"""Les briques du catalogue : une règle (:class:`Regle`) et un constat (:class:`Constat`).

Une règle porte un **code stable** (``MCP-GRP-03``), un titre français, la section
du guide d'où elle vient (``source``), sa sévérité et le fait qu'elle soit ou non
vérifiable sur des données (``automatisable``). Un constat est ce qu'une question,
une commande ou un audit trouve : il porte sa règle, si bien que chaque réponse
de la bibliothèque remonte au texte du guide.

Couche 4 (règles) : ces deux types, comme :class:`~mcp_rules.Decision`, sont ce que les
règles rendent ; ils ne dépendent que des fondations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from mcp_rules.fondations.copie import poseurs
from mcp_rules.fondations.enumerations import Objet, Severite
from mcp_rules.fondations.rendu import (
    SAUT,
    Affichable,
    Bloc,
    Code,
    Gras,
    Italique,
    Morceau,
    Paragraphe,
    Tableau,
    Teinte,
)

__all__ = ["AvecConstats", "Constat", "Regle", "tableau_constats", "trier_constats"]


@attrs.frozen(slots=True, kw_only=True)
class Regle(Affichable):
    """Une règle du guide : code, titre, section source, sévérité, vérifiabilité.

    ``interpretations`` renvoie aux interprétations numérotées de la conception
    (rules.md) qui précisent la règle là où le guide est ambigu. ``objet`` dit ce que
    nomme la cible de ses constats, partout où ils naissent (interprétation 20) : le code
    d'un groupe, l'identifiant d'un compte, ou ``None`` pour la convention entière ; une
    cible ``None`` pour une règle de groupe ou de compte veut dire qu'aucun groupe (aucun
    compte) n'était nommé.
    """

    code: str
    titre: str
    source: str
    severite: Severite
    objet: Objet = Objet.COMPTE
    automatisable: bool = True
    description: str = ""
    interpretations: tuple[int, ...] = ()

    @property
    def domaine(self) -> str:
        """Le domaine du code : ``GRP`` pour ``MCP-GRP-03``."""
        return self.code.split("-")[1]

    def constat(
        self,
        message: str,
        *,
        remede: str = "",
        cible: str | None = None,
        severite: Severite | None = None,
    ) -> Constat:
        """Un constat de cette règle (sévérité de la règle, sauf mention contraire)."""
        # Le constructeur d'attrs, sans ses mots-clés ni sa recherche du setattr gelé : un
        # audit d'un million de comptes crée un demi-million de constats. Les champs n'ont
        # ni convertisseur ni validateur (les tests le vérifient) : le résultat est le même.
        constat = _NOUVEAU(Constat)
        poser_regle, poser_message, poser_remede, poser_cible, poser_severite = _POSEURS
        poser_regle(constat, self)
        poser_message(constat, message)
        poser_remede(constat, remede)
        poser_cible(constat, cible)
        poser_severite(constat, self.severite if severite is None else severite)
        return constat

    def __str__(self) -> str:
        return f"{self.code} — {self.titre}"

    def _blocs(self) -> tuple[Bloc, ...]:
        nature = "vérifiable" if self.automatisable else "documentée"
        return (
            Paragraphe(
                Gras(self.code),
                f" — {self.titre}",
                SAUT,
                Italique(f"{self.severite.libelle}, {nature} — source : {self.source}"),
            ),
        )


@attrs.frozen(slots=True, kw_only=True)
class Constat(Affichable):
    """Ce qui a été trouvé, au nom d'une règle : message, remède, cible.

    ``cible`` est l'identifiant du compte ou le code du groupe concerné (``None``
    pour la convention entière). La sévérité est en principe celle de la règle ;
    une commande peut rendre comme simple avertissement la conséquence d'un acte
    qu'elle accepte (la clôture d'un gestionnaire, par exemple).
    """

    regle: Regle
    message: str
    remede: str = ""
    cible: str | None = None
    severite: Severite = Severite.ERREUR

    @property
    def code(self) -> str:
        """Le code de la règle (``MCP-CDAP-01``…)."""
        return self.regle.code

    @property
    def est_erreur(self) -> bool:
        """Vrai pour un constat de sévérité erreur."""
        return self.severite is Severite.ERREUR

    def cle_tri(self) -> tuple[int, str, str, str]:
        """L'ordre des rapports : erreurs, avertissements, informations ; puis code, cible."""
        return (self.severite.ordre, self.regle.code, (self.cible or "").lower(), self.message)

    def __str__(self) -> str:
        cible = f" [{self.cible}]" if self.cible else ""
        remede = f" → {self.remede}" if self.remede else ""
        return f"{self.severite.libelle} {self.code}{cible} : {self.message}{remede}"

    def _blocs(self) -> tuple[Bloc, ...]:
        morceaux: list[Morceau] = [Gras(f"{self.severite.libelle} {self.code}")]
        if self.cible:
            morceaux.append(f" [{self.cible}]")
        morceaux.append(f" : {self.message}")
        if self.remede:
            morceaux.extend((SAUT, f"→ {self.remede}"))
        return (Paragraphe(*morceaux),)


class AvecConstats:
    """Ce qui porte des constats (décision, accès, résultat, rapport) : leurs codes, et les
    constats de chaque sévérité."""

    __slots__ = ()

    constats: tuple[Constat, ...]

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
    def informations(self) -> tuple[Constat, ...]:
        """Les informations."""
        return tuple(c for c in self.constats if c.severite is Severite.INFO)


TEINTE_DE_SEVERITE: Final = {
    Severite.ERREUR: "erreur",
    Severite.AVERTISSEMENT: "avertissement",
    Severite.INFO: "information",
}
"""La couleur de chaque sévérité dans un affichage HTML (voir ``fondations.rendu.TEINTES``)."""


def tableau_constats(constats: Iterable[Constat]) -> Tableau:
    """Les constats en tableau : sévérité (en couleur), code (qui ne se coupe pas), cible,
    message, remède."""
    return Tableau(
        ("sévérité", "code", "cible", "message", "remède"),
        [
            (
                Teinte(c.severite.libelle, TEINTE_DE_SEVERITE[c.severite]),
                Code(c.code),
                c.cible or "—",
                c.message,
                c.remede or "",
            )
            for c in constats
        ],
    )


_NOUVEAU: Final = object.__new__
_POSEURS: Final = poseurs(Constat)
"""L'écriture de chaque champ d'un :class:`Constat`, dans l'ordre des champs."""

E: Final = Severite.ERREUR
W: Final = Severite.AVERTISSEMENT
I: Final = Severite.INFO  # noqa: E741 - E, W, I : les sévérités de rules.md


def _cible_tri(c: Constat) -> str:
    cible = c.cible
    if not cible:
        return ""
    return cible if cible.islower() else cible.lower()


def _message(c: Constat) -> str:
    return c.message


def trier_constats(constats: Iterable[Constat]) -> list[Constat]:
    """Les constats dans l'ordre de :meth:`Constat.cle_tri` (celui des rapports), sans
    construire une clé par constat.

    Trier 570 000 constats par leur clé en créait autant de tuples (plus de 80 Mo, le pic de
    mémoire d'un audit d'un million de comptes). Ici, les constats sont répartis par
    sévérité et par code (une poignée de paquets), et chaque paquet est trié deux fois, de
    façon stable : par message, puis par cible en minuscules ; l'ordre obtenu est celui
    des clés, égalités comprises (les tests le comparent à ``sorted(key=cle_tri)``).

    >>> from mcp_rules.regles import usr
    >>> a = usr.USR_05.constat("b", cible="Zoe")
    >>> b = usr.USR_05.constat("a", cible="zoe")
    >>> [c.message for c in trier_constats([a, b])]
    ['a', 'b']
    """
    paquets: dict[tuple[int, str], list[Constat]] = {}
    for c in constats:
        cle_paquet = (c.severite.ordre, c.regle.code)
        paquet = paquets.get(cle_paquet)
        if paquet is None:
            paquets[cle_paquet] = [c]
        else:
            paquet.append(c)
    tries: list[Constat] = []
    for cle_paquet in sorted(paquets):
        paquet = paquets.pop(cle_paquet)
        paquet.sort(key=_message)
        paquet.sort(key=_cible_tri)
        tries.extend(paquet)
    return tries
