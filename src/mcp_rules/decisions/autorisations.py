"""Qui peut faire quoi : :func:`peut`, et :func:`decider` que les commandes appellent.

Les droits eux-mêmes sont une table, :data:`~mcp_rules.regles.droits.DROITS`, à lire à côté
du tableau récapitulatif de la partie 5 du guide (la page « Qui peut faire quoi » de la
documentation en est tirée). Ce module ne fait que ce qui vaut pour toute action : un
acteur inconnu ou clôturé, un groupe ou un compte nommé qui n'existe pas, une convention
sans gestion déléguée (``MCP-CONV-05`` : seule la Caf gère alors les habilitations) ; puis
il demande à la table. Un acteur, un groupe ou un compte inconnu donne un refus motivé,
jamais une exception.

>>> from datetime import datetime, UTC
>>> from mcp_rules import Action, peut
>>> from mcp_rules.exemple import convention_exemple
>>> c = convention_exemple()
>>> d = peut(
...     c,
...     "gest.durand",
...     Action.GERER_MEMBRES,
...     groupe="T2PE",
...     instant=datetime(2026, 11, 27, tzinfo=UTC),
... )
>>> d.autorise, d.codes
(False, ('MCP-ROLE-07', 'MCP-ROLE-10'))
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from mcp_rules.decisions.services import acces_service
from mcp_rules.fondations import erreurs
from mcp_rules.fondations.acteurs import Acteur, ActeurCaf
from mcp_rules.fondations.controles import moment
from mcp_rules.fondations.enumerations import Action, Objet, Service
from mcp_rules.fondations.erreurs import DonneeInvalide, apercu
from mcp_rules.modele import Convention, Groupe, exiger_convention
from mcp_rules.modele import Utilisateur as Compte
from mcp_rules.modele.index import Index, index
from mcp_rules.regles import conv, usr
from mcp_rules.regles.decision import Decision, decision_differee
from mcp_rules.regles.demande import Demande
from mcp_rules.regles.droits import droits_de, evaluer
from mcp_rules.regles.droits_compiles import evaluer_rapide
from mcp_rules.regles.regle import Constat, Regle

__all__ = ["ACTIONS_D_HABILITATION", "peut", "peut_reference"]

ACTIONS_D_HABILITATION: Final = frozenset(
    {
        Action.CREER_UTILISATEUR,
        Action.CREER_GROUPE,
        Action.CREER_SOUS_GROUPE,
        Action.DESIGNER_GESTIONNAIRE,
        Action.AFFECTER_ROLE,
        Action.GERER_MEMBRES,
        Action.MODIFIER_COMPTE,
        Action.CONFIGURER_AFAS,
    }
)
"""Les actions de gestion des habilitations, que la délégation confie au partenaire."""

REGLE_DE_L_ACTION: Final[dict[Action, Regle]] = {a: droits_de(a)[0].regle for a in Action}
"""La règle qui gouverne chaque action : celle de sa première ligne dans la table."""


def decider(
    c: Convention,
    idx: Index,
    par: Acteur,
    action: Action,
    t: datetime,
    *,
    groupe: Groupe | None = None,
    nouveau_groupe: str | None = None,
    compte: Compte | None = None,
    service: Service | None = None,
    groupe_demande: str | None = None,
    compte_demande: str | None = None,
    nouveau_compte: bool = False,
    ajout: bool = True,
    champs: frozenset[str] = frozenset(),
    regle: Regle | None = None,
) -> Decision:
    """Le cœur de :func:`peut`, sur des objets déjà résolus (utilisé par les commandes).

    ``groupe_demande`` / ``compte_demande`` : ce qui a été nommé mais n'existe pas. Les
    autres arguments sont ceux de :class:`~mcp_rules.regles.droits.Demande`.
    """
    propre = regle
    regle = regle or REGLE_DE_L_ACTION[action]
    inconnu = _inconnu(c, regle, groupe_demande, compte_demande)
    acteur: Compte | None = None
    if isinstance(par, ActeurCaf):
        if inconnu is not None:
            return inconnu
    else:
        acteur = c.trouver_utilisateur(par)
        if acteur is None:
            return _non(
                regle,
                f"l'acteur {apercu(par)} n'est pas un compte de la convention {c.numero}",
                remede="Seuls les comptes de la convention, ou la Caf, peuvent agir.",
            )
        if acteur.cloture_le is not None and t >= acteur.cloture_le:
            return _acteur_clos(acteur, acteur.cle in idx.administrateurs)
        if t < acteur.cree_le and action is not Action.ACCEDER_SERVICE:
            # Un compte n'agit pas avant d'exister (l'accès, lui, se juge par acces_service).
            return _non(
                regle,
                f"le compte {acteur.identifiant} n'existe qu'à partir du "
                f"{acteur.cree_le.isoformat()} : il ne peut rien faire le {t.isoformat()}",
                remede="Vérifiez l'instant de la demande.",
            )
        if inconnu is not None:
            return inconnu
        if action in ACTIONS_D_HABILITATION and not c.gestion_deleguee:
            return _non(
                conv.CONV_05,
                f"la convention {c.numero} n'est pas en gestion déléguée : seule la Caf "
                "gère les habilitations",
                remede=(
                    "Adressez la demande aux administrateurs MCP de la Caf."
                    if acteur.cle in idx.administrateurs
                    else "Adressez-vous à un administrateur partenaire, qui saisira la Caf."
                ),
            )
    demande = Demande(
        c=c,
        idx=idx,
        action=action,
        acteur=acteur,
        admin=acteur is not None and acteur.cle in idx.administrateurs,
        t=t,
        groupe=groupe,
        nouveau_groupe=nouveau_groupe,
        compte=compte,
        service=service,
        nouveau_compte=nouveau_compte,
        ajout=ajout,
        champs=champs,
        regle=propre,
    )
    decision = evaluer(demande)
    if action is Action.ACCEDER_SERVICE and decision.autorise:
        assert acteur is not None  # noqa: S101 - la Caf n'a pas ce droit
        assert service is not None  # noqa: S101 - la table l'exige
        return acces_service(c, acteur.identifiant, service, instant=t)
    return decision


def _acteur_clos(acteur: Compte, administrateur: bool) -> Decision:
    assert acteur.cloture_le is not None  # noqa: S101 - garanti par l'appelant
    return Decision(
        autorise=False,
        constats=(
            usr.USR_05.constat(
                f"le compte {acteur.identifiant} est clôturé depuis le "
                f"{acteur.cloture_le.isoformat()} : il ne peut plus rien faire",
                remede=(
                    "Seul l'autre administrateur partenaire, ou la Caf, peut réactiver ce compte."
                    if administrateur
                    else "Un compte clôturé est réactivé par un administrateur ou par son "
                    "gestionnaire, jamais par lui-même."
                ),
                cible=acteur.identifiant,
            ),
        ),
    )


def _inconnu(
    c: Convention, regle: Regle, groupe: str | None, compte: str | None
) -> Decision | None:
    if groupe is not None:
        return _non(
            regle,
            f"aucun groupe {apercu(groupe)} dans la convention {c.numero}",
            cible=groupe if regle.objet is Objet.GROUPE else None,
        )
    if compte is not None:
        return _non(
            regle,
            f"aucun compte {apercu(compte)} dans la convention {c.numero}",
            cible=compte if regle.objet is Objet.COMPTE else None,
        )
    return None


def _non(regle: Regle, raison: str, *, remede: str = "", cible: str | None = None) -> Decision:
    return Decision(autorise=False, constats=(regle.constat(raison, remede=remede, cible=cible),))


def peut(
    convention: Convention,
    par: Acteur,
    action: Action | str,
    *,
    groupe: str | None = None,
    utilisateur: str | None = None,
    service: Service | str | None = None,
    instant: datetime,
) -> Decision:
    """``par`` peut-il faire ``action`` (sur ce groupe, ce compte, ce service) à cet instant ?

    Répond toujours par une :class:`~mcp_rules.Decision` motivée : un acteur, un groupe
    ou un compte inconnu est un refus, jamais une exception. Seuls des arguments
    mal formés (une action inconnue, un instant sans fuseau) lèvent
    :class:`~mcp_rules.DonneeInvalide`.
    """
    # Le cas courant, des arguments déjà typés : un compte clôturé (refusé, l'explication à
    # la lecture), ou un compte actif qui vise un groupe ou un compte existant (la table
    # compilée, evaluer_rapide, sans construire de Demande). Tout le reste, et ce que la
    # table compilée ne sait pas juger, passe par peut_reference. Les clés se calculent
    # comme cle(), sans appel.
    if (
        type(par) is str
        and service is None
        and type(instant) is datetime
        and instant.tzinfo is UTC
        and type(convention) is Convention
        and type(action) is Action
    ):
        c = convention
        a = par if par.islower() else par.lower() if par.isascii() else par
        acteur = c._utilisateurs.get(a)
        if acteur is None:
            return peut_reference(
                c, par, action, groupe=groupe, utilisateur=utilisateur, instant=instant
            )
        if acteur.cloture_le is not None and instant >= acteur.cloture_le:
            return decision_differee(False, (), (_explication_clos, c, acteur))
        g: Groupe | None = None
        u: Compte | None = None
        if type(groupe) is str:
            k = groupe if groupe.islower() else groupe.lower() if groupe.isascii() else groupe
            g = c._groupes.get(k)
        if type(utilisateur) is str:
            k = utilisateur.lower() if utilisateur.isascii() else utilisateur
            u = c._utilisateurs.get(k)
        if (
            acteur.cree_le <= instant
            and (g is not None or groupe is None)
            and (u is not None or utilisateur is None)
            and (c.gestion_deleguee or action not in ACTIONS_D_HABILITATION)
        ):
            # ``a`` est la clé de l'acteur : celle sous laquelle la table vient de le rendre.
            decision = evaluer_rapide(c, index(c), action, acteur, a, instant, g, u)
            if decision is not None:
                return decision
    return peut_reference(
        convention,
        par,
        action,
        groupe=groupe,
        utilisateur=utilisateur,
        service=service,
        instant=instant,
    )


def _explication_clos(_: Decision, c: Convention, acteur: Compte) -> tuple[Constat, ...]:
    """Le refus d'un acteur clôturé, celui de :func:`decider` (explication différée)."""
    return _acteur_clos(acteur, acteur.cle in index(c).administrateurs).constats


def peut_reference(
    convention: Convention,
    par: Acteur,
    action: Action | str,
    *,
    groupe: str | None = None,
    utilisateur: str | None = None,
    service: Service | str | None = None,
    instant: datetime,
) -> Decision:
    """:func:`peut` par le chemin de référence : :func:`decider`, une
    :class:`~mcp_rules.regles.demande.Demande` jugée par
    :func:`~mcp_rules.regles.droits.evaluer` (les tests comparent :func:`peut` à elle)."""
    c = exiger_convention(convention)
    t = moment(instant)
    a = Action.parse(action)
    s = None if service is None else Service.parse(service)
    if not isinstance(par, (str, ActeurCaf)):
        raise DonneeInvalide(
            erreurs.TYPE, f"par : un identifiant ou CAF est attendu, pas {apercu(par)}", valeur=par
        )
    g = c.trouver_groupe(groupe) if groupe is not None else None
    u = c.trouver_utilisateur(utilisateur) if utilisateur is not None else None
    return decider(
        c,
        index(c),
        par,
        a,
        t,
        groupe=g,
        compte=u,
        service=s,
        groupe_demande=_texte(groupe) if groupe is not None and g is None else None,
        compte_demande=_texte(utilisateur) if utilisateur is not None and u is None else None,
    )


def _texte(valeur: object) -> str:
    return valeur if isinstance(valeur, str) else apercu(valeur)
