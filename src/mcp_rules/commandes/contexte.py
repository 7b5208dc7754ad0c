"""Ce que partagent les commandes : le contexte d'une commande, l'acceptation, le refus.

Un :class:`Contexte` vérifie les arguments communs (convention, acteur, instant,
politique), résout le groupe ou le compte nommé sans jamais lever, demande à
:func:`~mcp_rules.decisions.autorisations.decider` si l'acteur peut agir, puis construit
le :class:`~mcp_rules.Resultat` : le nouvel état (ses tables persistantes ne recopient que
le chemin des clés changées, l'index est dérivé de l'ancien) ou le refus, qui rend l'objet
même reçu.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

import attrs
import immutables

from mcp_rules.commandes.resultat import Resultat
from mcp_rules.decisions.autorisations import decider
from mcp_rules.fondations import controles, erreurs
from mcp_rules.fondations.acteurs import Acteur, ActeurCaf
from mcp_rules.fondations.controles import cle, moment
from mcp_rules.fondations.enumerations import Action, Objet, Service, Severite
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.modele import (
    ConfigurationAfas,
    Convention,
    Groupe,
    Utilisateur,
    exiger_convention,
    exiger_politique,
)
from mcp_rules.modele.evenements import (
    Evenement,
)
from mcp_rules.modele.index import Index, index
from mcp_rules.regles import role
from mcp_rules.regles.regle import Constat, Regle

__all__ = [
    "Contexte",
    "cible_de",
    "refus_acteur_ou",
]

_E = TypeVar("_E", bound=Evenement)


class Contexte:
    """Ce qu'une commande a sous la main : la convention, son index, l'acteur, l'instant."""

    __slots__ = ("c", "idx", "par", "pol", "t")

    def __init__(self, convention: object, par: object, instant: object, politique: object) -> None:
        self.c = exiger_convention(convention)
        self.t = moment(instant)
        self.pol = exiger_politique(politique)
        if not isinstance(par, (str, ActeurCaf)):
            raise DonneeInvalide(
                erreurs.TYPE,
                f"par : un identifiant ou CAF est attendu, pas {apercu(par)}",
                valeur=par,
            )
        dernier = self.c.dernier_evenement
        if dernier is not None and self.t < dernier.instant:
            # Antidater une commande réécrirait l'histoire : un compte clôturé agirait de
            # nouveau « avant » sa clôture, et le journal ne serait plus dans l'ordre.
            raise DonneeInvalide(
                erreurs.CHRONOLOGIE,
                f"instant : {self.t.isoformat()} précède le dernier événement du journal "
                f"({dernier.instant.isoformat()}) ; une commande ne s'antidate pas",
                valeur=instant,
            )
        self.par: Acteur = par
        self.idx: Index = index(self.c)

    @property
    def par_canonique(self) -> Acteur:
        """L'acteur tel qu'écrit dans son compte (pour le journal)."""
        if isinstance(self.par, ActeurCaf):
            return self.par
        compte = self.c.trouver_utilisateur(self.par)
        return compte.identifiant if compte is not None else self.par

    def refuser(self, constats: Iterable[Constat]) -> Resultat:
        raisons = tuple(constats)
        if not any(x.severite is Severite.ERREUR for x in raisons):
            # Un refus a toujours une raison de sévérité erreur, même quand la règle citée
            # est une information du guide (« mot de passe oublié » : l'utilisateur seul).
            raisons = tuple(attrs.evolve(x, severite=Severite.ERREUR) for x in raisons)
        return Resultat(accepte=False, convention=self.c, constats=raisons)

    def autoriser(
        self,
        action: Action,
        *,
        groupe: Groupe | None = None,
        nouveau_groupe: str | None = None,
        compte: Utilisateur | None = None,
        service: Service | None = None,
        nouveau_compte: bool = False,
        ajout: bool = True,
        champs: frozenset[str] = frozenset(),
        regle: Regle | None = None,
    ) -> list[Constat] | None:
        """``None`` si la table des droits permet ; sinon les constats du refus."""
        d = decider(
            self.c,
            self.idx,
            self.par,
            action,
            self.t,
            groupe=groupe,
            nouveau_groupe=nouveau_groupe,
            compte=compte,
            service=service,
            nouveau_compte=nouveau_compte,
            ajout=ajout,
            champs=champs,
            regle=regle,
        )
        return None if d.autorise else list(d.constats)

    def evenement(self, cls: type[_E], **champs: Any) -> _E:
        return cls(instant=self.t, par=self.par_canonique, **champs)

    def accepter(
        self,
        evenements: list[Evenement],
        *,
        comptes: immutables.Map[str, Utilisateur] | None = None,
        groupes: immutables.Map[str, Groupe] | None = None,
        afas_: ConfigurationAfas | None = None,
        administrateurs: frozenset[str] | None = None,
        membres: Iterable[tuple[str, str, bool]] = (),
        emails: Iterable[tuple[str, str, bool]] = (),
        gestionnaires: Iterable[tuple[str, str, bool]] = (),
        constats: Iterable[Constat] = (),
    ) -> Resultat:
        c = self.c
        nouvelle = Convention._sans_controle(
            numero=c.numero,
            organisme=c.organisme,
            caf=c.caf,
            gestion_deleguee=c.gestion_deleguee,
            services=c.services,
            profils_contractuels=c.profils_contractuels,
            administrateurs=c.administrateurs if administrateurs is None else administrateurs,
            _utilisateurs=c._utilisateurs if comptes is None else comptes,
            _groupes=c._groupes if groupes is None else groupes,
            afas=c.afas if afas_ is None else afas_,
            _journal=c._journal.ajouter(evenements),
        )
        nouvelle._cache["index"] = self.idx.derive(
            membres=membres,
            emails=emails,
            gestionnaires=gestionnaires,
            administrateurs=None
            if administrateurs is None
            else frozenset(cle(a) for a in administrateurs),
        )
        return Resultat(
            accepte=True,
            convention=nouvelle,
            evenements=tuple(evenements),
            constats=tuple(constats),
        )

    # -- recherches qui ne lèvent jamais -------------------------------------------------

    def groupe(self, code: object, regle: Regle) -> Groupe | list[Constat]:
        g = self.c.trouver_groupe(code)
        if g is not None:
            return g
        return [
            regle.constat(
                f"aucun groupe {apercu(code)} dans la convention {self.c.numero}",
                cible=cible_de(code) if regle.objet is Objet.GROUPE else None,
            )
        ]

    def compte(self, identifiant: object, regle: Regle) -> Utilisateur | list[Constat]:
        u = self.c.trouver_utilisateur(identifiant)
        if u is not None:
            return u
        return [
            regle.constat(
                f"aucun compte {apercu(identifiant)} dans la convention {self.c.numero}",
                cible=cible_de(identifiant) if regle.objet is Objet.COMPTE else None,
            )
        ]

    def actif(self, u: Utilisateur) -> bool:
        return u.cloture_le is None or self.t < u.cloture_le

    def est_membre(self, u: Utilisateur, g: Groupe) -> bool:
        """Depuis l'index : pas de parcours des membres du groupe."""
        return g.cle in self.idx.groupes_de(u.cle)

    def groupe_autorise(
        self,
        code: object,
        regle: Regle,
        action: Action,
        *,
        par_service: bool = False,
        ajout: bool = True,
    ) -> Groupe | Resultat:
        """Le groupe nommé, si l'acteur peut y faire ``action`` ; sinon le refus motivé."""
        g = self.groupe(code, regle)
        if isinstance(g, list):
            return refus_acteur_ou(self, action, g)
        refus = (
            self.autoriser(action, service=g.service)
            if par_service
            else self.autoriser(action, groupe=g, ajout=ajout)
        )
        return self.refuser(refus) if refus else g

    def compte_autorise(
        self,
        identifiant: object,
        regle: Regle,
        action: Action,
        *,
        ajout: bool = True,
        champs: frozenset[str] = frozenset(),
    ) -> Utilisateur | Resultat:
        """Le compte nommé, si l'acteur peut y faire ``action`` ; sinon le refus motivé."""
        u = self.compte(identifiant, regle)
        if isinstance(u, list):
            return refus_acteur_ou(self, action, u)
        refus = self.autoriser(action, compte=u, ajout=ajout, champs=champs)
        return self.refuser(refus) if refus else u

    def membre_de(
        self, groupe: object, utilisateur: object, *, ajout: bool
    ) -> tuple[Groupe, Utilisateur] | Resultat:
        """Le groupe et le compte nommés, l'acteur autorisé à ajouter (ou retirer) ce compte
        dans ce groupe ; sinon le refus motivé."""
        g = self.groupe(groupe, role.ROLE_07)
        u = self.compte(utilisateur, role.ROLE_07)
        if isinstance(g, list) or isinstance(u, list):
            inconnus = [*(g if isinstance(g, list) else []), *(u if isinstance(u, list) else [])]
            return refus_acteur_ou(self, Action.GERER_MEMBRES, inconnus)
        refus = self.autoriser(Action.GERER_MEMBRES, groupe=g, compte=u, ajout=ajout)
        if refus:
            return self.refuser(refus)
        return g, u


def cible_de(valeur: object) -> str | None:
    if isinstance(valeur, str) and controles.identifiant_valide(valeur):
        return valeur
    return None


def refus_acteur_ou(ctx: Contexte, action: Action, inconnus: list[Constat]) -> Resultat:
    """Refus quand un groupe ou un compte nommé n'existe pas : l'acteur d'abord."""
    d = decider(ctx.c, ctx.idx, ctx.par, action, ctx.t)
    premier = (
        [
            x
            for x in d.constats
            if x.severite is Severite.ERREUR and x.code in ("MCP-USR-05", "MCP-CONV-05")
        ]
        if not d.autorise
        else []
    )
    acteur_inconnu = (
        not isinstance(ctx.par, ActeurCaf) and ctx.c.trouver_utilisateur(ctx.par) is None
    )
    if acteur_inconnu:
        premier = list(d.constats)
    return ctx.refuser([*premier, *inconnus])
