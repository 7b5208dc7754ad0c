"""Les briques de la table des droits : qui agit (:class:`Qui`), ce qu'il demande
(:class:`Demande`), une condition (:class:`Condition`) et une ligne de la table (:class:`Droit`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime
from typing import Final

import attrs

from mcp_rules.fondations.enumerations import Action, Objet, Service
from mcp_rules.modele import Convention, Groupe
from mcp_rules.modele import Utilisateur as Compte
from mcp_rules.modele.index import Index
from mcp_rules.regles.regle import Constat, Regle

__all__ = [
    "DONNEES_D_ELIGIBILITE",
    "REACTIVATION",
    "Condition",
    "Demande",
    "Droit",
    "Qui",
    "Rapide",
    "Refus",
    "Test",
]

DONNEES_D_ELIGIBILITE: Final = frozenset(
    {"fonction", "numero_instructeur", "code_bailleur", "diplome_etat", "mandats"}
)
"""Les champs d'un compte qui ouvrent des profils : nul ne change les siens, sauf un
administrateur (interprétation 21)."""

REACTIVATION: Final = "cloture_le"
"""Le « champ » que change une réactivation (la date de clôture supprimée) : nul autre qu'un
administrateur ne lève sa propre clôture, passée ou programmée."""


class Qui(enum.Enum):
    """Qui agit, colonne par colonne du tableau récapitulatif."""

    CAF = "la Caf"
    ADMINISTRATEUR = "un administrateur"
    GESTIONNAIRE = "un gestionnaire"
    MEMBRE_AFAS_HABILITER = "un membre d'AFAS-HABILITER"
    TITULAIRE = "le titulaire du compte"
    TOUT_COMPTE = "tout compte actif"

    @property
    def pluriel(self) -> str:
        """« les administrateurs partenaires » : pour dire qui peut, dans un refus."""
        return _PLURIELS[self]


_PLURIELS: Final = {
    Qui.CAF: "la Caf",
    Qui.ADMINISTRATEUR: "les administrateurs partenaires",
    Qui.GESTIONNAIRE: "les gestionnaires d'habilitations",
    Qui.MEMBRE_AFAS_HABILITER: "les membres d'AFAS-HABILITER",
    Qui.TITULAIRE: "les titulaires de leur propre compte",
    Qui.TOUT_COMPTE: "les comptes actifs du partenaire",
}


@attrs.frozen(slots=True, kw_only=True)
class Demande:
    """Une demande à juger : l'acteur (``None`` pour la Caf) et ce qu'il vise, résolus.

    ``compte`` est le compte visé (le membre, le compte à modifier, le gestionnaire
    désigné) ; ``nouveau_compte`` dit qu'il est créé dans le même geste. ``ajout`` : ajouter
    (un membre, un rôle) plutôt que retirer. ``champs`` : ce qu'une modification de compte
    change.
    """

    c: Convention
    idx: Index
    action: Action
    acteur: Compte | None
    admin: bool
    t: datetime
    groupe: Groupe | None = None
    nouveau_groupe: str | None = None
    """Le code du groupe que la demande crée (le parent, s'il y en a un, est ``groupe``)."""
    compte: Compte | None = None
    service: Service | None = None
    nouveau_compte: bool = False
    ajout: bool = True
    champs: frozenset[str] = frozenset()
    regle: Regle | None = None
    """La règle au nom de laquelle refuser quand aucune ligne ne concerne l'acteur, si ce
    n'est pas celle de l'action (« personnaliser » son mot de passe : MCP-MDP-03)."""

    def cible(self, regle: Regle) -> str | None:
        """Ce que nomme un constat de ``regle`` sur cette demande (interprétation 20) : le
        groupe visé pour une règle de groupe, le compte visé pour une règle de compte, rien
        pour une règle de la convention — jamais l'acteur à la place de ce qu'il vise."""
        if regle.objet is Objet.GROUPE:
            if self.nouveau_groupe is not None:
                return self.nouveau_groupe
            return self.groupe.code if self.groupe is not None else None
        if regle.objet is Objet.COMPTE:
            return self.compte.identifiant if self.compte is not None else None
        return None

    @property
    def a(self) -> str:
        """La clé de l'acteur (vide pour la Caf)."""
        return "" if self.acteur is None else self.acteur.cle

    @property
    def nom(self) -> str:
        """L'acteur, tel qu'on le nomme dans un message."""
        return "la Caf" if self.acteur is None else self.acteur.identifiant

    @property
    def service_vise(self) -> Service | None:
        """Le service du groupe visé, sinon celui qui est nommé."""
        return self.groupe.service if self.groupe is not None else self.service


Refus = Callable[[Demande, Regle], list[Constat]]

Test = Callable[[Convention, Index, str, Groupe | None, Compte | None, datetime], bool]
"""Le test rapide d'une condition : ``(c, idx, a, groupe, compte, t)``, où ``a`` est la clé
de l'acteur (un compte), ``groupe`` et ``compte`` ce qu'il vise (ou ``None``)."""


@attrs.frozen(slots=True)
class Rapide:
    """Ce que vaut une condition pour une demande de la **forme de** :func:`~mcp_rules.peut` :
    un compte qui agit, sans service nommé, sans rien créer (ni groupe ni compte neuf), pour
    ajouter (``ajout``), sans champ modifié. C'est le chemin rapide de :func:`~mcp_rules.peut`
    (:func:`~mcp_rules.regles.droits_compiles.evaluer_rapide`) ; :attr:`Condition.verifier` reste la
    référence, et un test de propriété vérifie que l'un et l'autre disent la même chose.

    Ce qui se sait d'avance, de la seule forme de la demande : ``sans_groupe``
    (``sans_compte``) est la valeur de la condition quand la demande ne vise aucun groupe
    (aucun compte) ; ``vrai_pour`` (``faux_pour``), les services des groupes visés pour
    lesquels elle est vraie (fausse) quoi qu'il en soit. Sinon, ``test`` : un booléen si la
    valeur est fixe pour cette forme de demande, ou le test à faire.
    """

    test: Test | bool = attrs.field(eq=False, repr=False)
    sans_groupe: bool | None = None
    sans_compte: bool | None = None
    vrai_pour: frozenset[Service] = frozenset()
    faux_pour: frozenset[Service] = frozenset()

    def pour(self, service: Service | None, compte: bool) -> Test | bool:
        """Le test, ou la valeur fixe, quand la demande vise un groupe de ce service (``None`` :
        aucun groupe) et un compte ou non."""
        if service is None and self.sans_groupe is not None:
            return self.sans_groupe
        if service in self.vrai_pour:
            return True
        if service in self.faux_pour:
            return False
        if not compte and self.sans_compte is not None:
            return self.sans_compte
        return self.test


@attrs.frozen(slots=True)
class Condition:
    """Une condition d'un droit : son texte (pour la documentation), son test, son refus."""

    texte: str
    verifier: Callable[[Demande], bool] = attrs.field(eq=False, repr=False)
    refus: Refus = attrs.field(eq=False, repr=False)
    qualite: bool = False
    """Vrai pour une condition qui dit *qui* est l'acteur par rapport à la cible (il gère le
    groupe, il est membre d'AFAS-HABILITER) : un refus s'explique par la ligne où l'acteur a
    cette qualité."""
    rapide: Rapide | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    """Sa forme rapide, pour les demandes de la forme de :func:`~mcp_rules.peut` (``None`` :
    aucune ; les actions dont une ligne l'exige passent alors par :func:`evaluer`)."""


@attrs.frozen(slots=True)
class Droit:
    """Une ligne de la table : cette action, par cet acteur, à ces conditions."""

    action: Action
    qui: Qui
    conditions: tuple[Condition, ...]
    regle: Regle
